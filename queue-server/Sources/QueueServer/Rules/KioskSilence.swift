/// A kiosk's last silence as the server heard it: from its last request before the silence (`start`) to
/// its first request after it (`end`). A working kiosk numbers fallback tickets only while it cannot
/// reach the server (or when an answer came too late), so a fallback number's claimed moment is believed
/// only inside such a silence (``OfflineRules/fallbackPlace(claimed:silence:now:)``, session 30's F3).
struct KioskSilence: Sendable, Equatable {
    var start: Int64
    var end: Int64

    /// No request for longer than this (two one-minute heartbeat periods, ``KioskHealth``) is a silence.
    static let limitMs: Int64 = 2 * 60_000

    /// The upsert's conflict clause both stores record a request with (their `INSERT INTO kiosk_contacts
    /// (kiosk_id, heard_at) VALUES (…)` before it): a request more than ``limitMs`` after the last one
    /// recorded makes that one the start of the kiosk's last silence and itself its end. A request
    /// older than the last recorded (another server process's clock, a late one) changes nothing.
    static let onConflict = """
        ON CONFLICT (kiosk_id) DO UPDATE SET
            silence_start = CASE WHEN excluded.heard_at - kiosk_contacts.heard_at > \(limitMs)
                THEN kiosk_contacts.heard_at ELSE kiosk_contacts.silence_start END,
            silence_end = CASE WHEN excluded.heard_at - kiosk_contacts.heard_at > \(limitMs)
                THEN excluded.heard_at ELSE kiosk_contacts.silence_end END,
            heard_at = CASE WHEN excluded.heard_at > kiosk_contacts.heard_at THEN excluded.heard_at ELSE kiosk_contacts.heard_at END
        """

    /// The `kiosk_contacts` table (SQLite schema 11, PostgreSQL schema 7): when each kiosk was last heard, and its
    /// last silence (NULL until it had one). The same text in both stores (SQLite's INTEGER is 64-bit).
    static let table = """
        CREATE TABLE kiosk_contacts (
            kiosk_id TEXT PRIMARY KEY, heard_at BIGINT NOT NULL, silence_start BIGINT, silence_end BIGINT)
        """
}
