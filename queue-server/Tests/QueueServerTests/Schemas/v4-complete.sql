-- Schema version 4 as a whole (sites; commit 91ac37b), frozen for the step to version 5.
CREATE TABLE sites (site_id TEXT PRIMARY KEY, name TEXT NOT NULL, body BLOB, path TEXT);
CREATE TABLE credentials (
    token_hash TEXT PRIMARY KEY, principal TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kiosk', 'staff', 'city')), site_id TEXT REFERENCES sites,
    created_at INTEGER NOT NULL, revoked_at INTEGER, CHECK ((role = 'city') = (site_id IS NULL)));
CREATE TABLE sequences (
    site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL, next INTEGER NOT NULL,
    PRIMARY KEY (site_id, service_id, day)) WITHOUT ROWID;
CREATE TABLE leases (
    lease_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX leases_by_service ON leases (site_id, service_id, day, kiosk_id);
CREATE TABLE tickets (
    ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
    agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence INTEGER, number TEXT NOT NULL,
    issued_at INTEGER NOT NULL, clock_offset_ms INTEGER NOT NULL, queued_at INTEGER NOT NULL,
    language TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
    booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
    called_at INTEGER, started_at INTEGER, finished_at INTEGER, void_reason TEXT, created_at INTEGER NOT NULL,
    held_until INTEGER, UNIQUE (site_id, service_id, day, sequence));
CREATE UNIQUE INDEX tickets_one_number ON tickets (site_id, service_id, day, number);
CREATE INDEX tickets_queue ON tickets (site_id, queue_service_id, day, state, queued_at);
CREATE INDEX tickets_finished ON tickets (site_id, queue_service_id, finished_at) WHERE finished_at IS NOT NULL;
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

