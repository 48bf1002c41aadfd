import KioskProtocol
import KioskSQLite

/// The kiosks the server knows: each one's site, its fallback mark (unique in the city, so unique per
/// site, assigned here) and whether it may issue priority tickets.
extension SQLiteQueueStore {
    /// Registers `kiosk` (when new) and sets whether it may issue priority tickets.
    func configureKiosk(_ kiosk: String, site: String, mayClaimPriority: Bool) async throws {
        try await writer.perform { database in
            _ = try Self.kioskMark(database, kiosk, site: site)
            try database.query("UPDATE kiosks SET may_claim_priority = ? WHERE kiosk_id = ?", [.bool(mayClaimPriority), .text(kiosk)])
        }
    }

    /// The fallback mark of `kiosk`, assigned on first use: the last `-` segment of its id when that is
    /// 1–10 of A–Z and 0–9 and no other kiosk has it (what older kiosks print), otherwise `K` and a
    /// number no other kiosk has.
    static func kioskMark(_ database: SQLiteDatabase, _ kiosk: String, site: String) throws -> String {
        if let row = try database.query("SELECT mark FROM kiosks WHERE kiosk_id = ?", [.text(kiosk)]).first {
            return try row.text(0)
        }
        let derived = FallbackMark.derived(kioskID: kiosk)
        let usable = !derived.isEmpty && derived.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
        var mark = derived
        let taken = try !database.query("SELECT 1 FROM kiosks WHERE mark = ?", [.text(derived)]).isEmpty
        if !usable || taken {
            let next = try database.query("SELECT coalesce(max(rowid), 0) + 1 FROM kiosks").first?.int(0) ?? 1
            mark = "K" + (next < 10 ? "0" : "") + String(next)
            while try !database.query("SELECT 1 FROM kiosks WHERE mark = ?", [.text(mark)]).isEmpty { mark += "X" }
        }
        try database.query("INSERT INTO kiosks (kiosk_id, site_id, mark) VALUES (?, ?, ?)", [.text(kiosk), .text(site), .text(mark)])
        return mark
    }

    /// Whether `kiosk` is configured to issue priority tickets (`add-token --may-claim-priority`).
    static func mayClaimPriority(_ database: SQLiteDatabase, _ kiosk: String) throws -> Bool {
        try database.query("SELECT may_claim_priority FROM kiosks WHERE kiosk_id = ?", [.text(kiosk)]).first?.int(0) == 1
    }
}
