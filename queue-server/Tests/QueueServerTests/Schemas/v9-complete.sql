-- Schema version 9 as a whole (commit c14163a's server, sqlite3 .schema of a new database), frozen for the step to version 10.
CREATE TABLE sites (site_id TEXT PRIMARY KEY, name TEXT NOT NULL, body BLOB, path TEXT);
CREATE TABLE credentials (
    token_hash TEXT PRIMARY KEY, principal TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kiosk', 'staff', 'city')), site_id TEXT REFERENCES sites,
    created_at INTEGER NOT NULL, revoked_at INTEGER, CHECK ((role = 'city') = (site_id IS NULL)));
CREATE TABLE leases (
    lease_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, created_at INTEGER NOT NULL, series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority')));
CREATE INDEX leases_by_service ON leases (site_id, service_id, day, kiosk_id);
CREATE TABLE bookings (
    code TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, priority INTEGER NOT NULL,
    ticket_id TEXT);
CREATE TABLE counters (
    site_id TEXT NOT NULL, counter_id TEXT NOT NULL, calls_since_priority INTEGER NOT NULL,
    PRIMARY KEY (site_id, counter_id));
CREATE TABLE heartbeats (kiosk_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, mark TEXT NOT NULL UNIQUE,
    may_claim_priority INTEGER NOT NULL DEFAULT 0);
CREATE TABLE queue_counts (
    site_id TEXT NOT NULL, queue_service_id TEXT NOT NULL, day TEXT NOT NULL, level INTEGER NOT NULL, block INTEGER NOT NULL,
    waiting INTEGER NOT NULL, PRIMARY KEY (site_id, queue_service_id, day, level, block)) WITHOUT ROWID;
CREATE TABLE day_counts (
    site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, voided_numbered INTEGER NOT NULL,
    live_fallback INTEGER NOT NULL, PRIMARY KEY (site_id, service_id, day)) WITHOUT ROWID;
CREATE TABLE session_counts (
    site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, minute INTEGER NOT NULL, live INTEGER NOT NULL,
    PRIMARY KEY (site_id, service_id, day, minute)) WITHOUT ROWID;
CREATE TABLE surveys (
    ticket_hash TEXT PRIMARY KEY CHECK (length(ticket_hash) = 64), site_id TEXT NOT NULL, service_id TEXT NOT NULL,
    day TEXT NOT NULL, answered_hour INTEGER NOT NULL CHECK (answered_hour % 3600000 = 0),
    channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'page')),
    u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4), u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4), u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4), u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4), u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
    suggestion TEXT CHECK (length(suggestion) <= 500)) WITHOUT ROWID;
CREATE INDEX surveys_by_period ON surveys (site_id, day, service_id);
CREATE TABLE IF NOT EXISTS "sequences" (
    site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
    series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority')), next INTEGER NOT NULL,
    PRIMARY KEY (site_id, service_id, day, series)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "tickets" (
    ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
    agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence INTEGER, number TEXT NOT NULL,
    issued_at INTEGER NOT NULL, clock_offset_ms INTEGER NOT NULL, queued_at INTEGER NOT NULL,
    language TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
    booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
    called_at INTEGER, started_at INTEGER, finished_at INTEGER, void_reason TEXT, created_at INTEGER NOT NULL,
    held_until INTEGER, print_uncertain INTEGER NOT NULL DEFAULT 0,
    series TEXT NOT NULL DEFAULT 'general' CHECK (series IN ('general', 'priority')),
    UNIQUE (site_id, service_id, day, series, sequence));
CREATE INDEX tickets_callable ON tickets (site_id, queue_service_id, day, priority, queued_at, ticket_id) WHERE state = 'waiting';
CREATE INDEX tickets_finished ON tickets (site_id, queue_service_id, finished_at) WHERE finished_at IS NOT NULL;
CREATE UNIQUE INDEX tickets_one_number ON tickets (site_id, service_id, day, number);
CREATE INDEX tickets_queue ON tickets (site_id, queue_service_id, day, state, queued_at, ticket_id);
CREATE INDEX tickets_uncertain ON tickets (site_id, queued_at) WHERE print_uncertain = 1;
CREATE TRIGGER tickets_counted_delete AFTER DELETE ON tickets BEGIN INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
    SELECT OLD.site_id, OLD.queue_service_id, OLD.day, l.column1, (CASE WHEN OLD.queued_at <= 0 THEN 0 WHEN OLD.queued_at >= 36028797018963967 THEN 9223372036854775552
    ELSE OLD.queued_at * 256 + min(coalesce(unicode(OLD.ticket_id), 0), 255) END) >> l.column1, -1 FROM (VALUES (0), (8), (16), (24), (32), (40)) AS l
    WHERE OLD.state = 'waiting'
    ON CONFLICT DO UPDATE SET waiting = waiting + excluded.waiting;
INSERT INTO day_counts (site_id, service_id, day, voided_numbered, live_fallback)
    SELECT OLD.site_id, OLD.service_id, OLD.day, -1 * (OLD.sequence IS NOT NULL AND OLD.state = 'voided'),
        -1 * (OLD.sequence IS NULL AND OLD.state != 'voided')
    WHERE (OLD.sequence IS NULL) = (OLD.state != 'voided')
    ON CONFLICT DO UPDATE SET voided_numbered = voided_numbered + excluded.voided_numbered,
        live_fallback = live_fallback + excluded.live_fallback;
INSERT INTO session_counts (site_id, service_id, day, minute, live)
    SELECT OLD.site_id, OLD.service_id, OLD.day, max(OLD.queued_at, 0) / 60000, -1
    WHERE OLD.state != 'voided' AND OLD.booking_code IS NULL
    ON CONFLICT DO UPDATE SET live = live + excluded.live; END;
CREATE TRIGGER tickets_counted_insert AFTER INSERT ON tickets BEGIN INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
    SELECT NEW.site_id, NEW.queue_service_id, NEW.day, l.column1, (CASE WHEN NEW.queued_at <= 0 THEN 0 WHEN NEW.queued_at >= 36028797018963967 THEN 9223372036854775552
    ELSE NEW.queued_at * 256 + min(coalesce(unicode(NEW.ticket_id), 0), 255) END) >> l.column1, 1 FROM (VALUES (0), (8), (16), (24), (32), (40)) AS l
    WHERE NEW.state = 'waiting'
    ON CONFLICT DO UPDATE SET waiting = waiting + excluded.waiting;
INSERT INTO day_counts (site_id, service_id, day, voided_numbered, live_fallback)
    SELECT NEW.site_id, NEW.service_id, NEW.day, 1 * (NEW.sequence IS NOT NULL AND NEW.state = 'voided'),
        1 * (NEW.sequence IS NULL AND NEW.state != 'voided')
    WHERE (NEW.sequence IS NULL) = (NEW.state != 'voided')
    ON CONFLICT DO UPDATE SET voided_numbered = voided_numbered + excluded.voided_numbered,
        live_fallback = live_fallback + excluded.live_fallback;
INSERT INTO session_counts (site_id, service_id, day, minute, live)
    SELECT NEW.site_id, NEW.service_id, NEW.day, max(NEW.queued_at, 0) / 60000, 1
    WHERE NEW.state != 'voided' AND NEW.booking_code IS NULL
    ON CONFLICT DO UPDATE SET live = live + excluded.live; END;
CREATE TRIGGER tickets_counted_update
    AFTER UPDATE OF ticket_id, site_id, service_id, queue_service_id, day, sequence, queued_at, state, booking_code ON tickets
    BEGIN INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
    SELECT OLD.site_id, OLD.queue_service_id, OLD.day, l.column1, (CASE WHEN OLD.queued_at <= 0 THEN 0 WHEN OLD.queued_at >= 36028797018963967 THEN 9223372036854775552
    ELSE OLD.queued_at * 256 + min(coalesce(unicode(OLD.ticket_id), 0), 255) END) >> l.column1, -1 FROM (VALUES (0), (8), (16), (24), (32), (40)) AS l
    WHERE OLD.state = 'waiting'
    ON CONFLICT DO UPDATE SET waiting = waiting + excluded.waiting;
INSERT INTO day_counts (site_id, service_id, day, voided_numbered, live_fallback)
    SELECT OLD.site_id, OLD.service_id, OLD.day, -1 * (OLD.sequence IS NOT NULL AND OLD.state = 'voided'),
        -1 * (OLD.sequence IS NULL AND OLD.state != 'voided')
    WHERE (OLD.sequence IS NULL) = (OLD.state != 'voided')
    ON CONFLICT DO UPDATE SET voided_numbered = voided_numbered + excluded.voided_numbered,
        live_fallback = live_fallback + excluded.live_fallback;
INSERT INTO session_counts (site_id, service_id, day, minute, live)
    SELECT OLD.site_id, OLD.service_id, OLD.day, max(OLD.queued_at, 0) / 60000, -1
    WHERE OLD.state != 'voided' AND OLD.booking_code IS NULL
    ON CONFLICT DO UPDATE SET live = live + excluded.live; INSERT INTO queue_counts (site_id, queue_service_id, day, level, block, waiting)
    SELECT NEW.site_id, NEW.queue_service_id, NEW.day, l.column1, (CASE WHEN NEW.queued_at <= 0 THEN 0 WHEN NEW.queued_at >= 36028797018963967 THEN 9223372036854775552
    ELSE NEW.queued_at * 256 + min(coalesce(unicode(NEW.ticket_id), 0), 255) END) >> l.column1, 1 FROM (VALUES (0), (8), (16), (24), (32), (40)) AS l
    WHERE NEW.state = 'waiting'
    ON CONFLICT DO UPDATE SET waiting = waiting + excluded.waiting;
INSERT INTO day_counts (site_id, service_id, day, voided_numbered, live_fallback)
    SELECT NEW.site_id, NEW.service_id, NEW.day, 1 * (NEW.sequence IS NOT NULL AND NEW.state = 'voided'),
        1 * (NEW.sequence IS NULL AND NEW.state != 'voided')
    WHERE (NEW.sequence IS NULL) = (NEW.state != 'voided')
    ON CONFLICT DO UPDATE SET voided_numbered = voided_numbered + excluded.voided_numbered,
        live_fallback = live_fallback + excluded.live_fallback;
INSERT INTO session_counts (site_id, service_id, day, minute, live)
    SELECT NEW.site_id, NEW.service_id, NEW.day, max(NEW.queued_at, 0) / 60000, 1
    WHERE NEW.state != 'voided' AND NEW.booking_code IS NULL
    ON CONFLICT DO UPDATE SET live = live + excluded.live; END;
