-- The tables queue-server created at commit c1ad670 (2026-11-29): git show c1ad670:queue-server/Sources/QueueServer/Storage/SQLiteSchema.swift
CREATE TABLE IF NOT EXISTS credentials (
    token_hash TEXT PRIMARY KEY, principal TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kiosk', 'staff')),
    created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS catalogue (id INTEGER PRIMARY KEY CHECK (id = 1), body BLOB NOT NULL, path TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sequences (
    service_id TEXT NOT NULL, day TEXT NOT NULL, next INTEGER NOT NULL,
    PRIMARY KEY (service_id, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leases (
    lease_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS leases_by_service ON leases (service_id, day, kiosk_id);
CREATE TABLE IF NOT EXISTS tickets (
    ticket_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, queue_service_id TEXT NOT NULL,
    agency_id TEXT NOT NULL, day TEXT NOT NULL, sequence INTEGER, number TEXT NOT NULL,
    issued_at INTEGER NOT NULL, clock_offset_ms INTEGER NOT NULL, queued_at INTEGER NOT NULL,
    language TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL, origin TEXT NOT NULL,
    booking_code TEXT, state TEXT NOT NULL, counter_id TEXT,
    called_at INTEGER, started_at INTEGER, finished_at INTEGER, void_reason TEXT, created_at INTEGER NOT NULL,
    UNIQUE (service_id, day, sequence));
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (queue_service_id, day, state, queued_at);
CREATE INDEX IF NOT EXISTS tickets_finished ON tickets (queue_service_id, finished_at) WHERE finished_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS bookings (
    code TEXT PRIMARY KEY, service_id TEXT NOT NULL, day TEXT NOT NULL, priority INTEGER NOT NULL, ticket_id TEXT);
CREATE TABLE IF NOT EXISTS counters (counter_id TEXT PRIMARY KEY, calls_since_priority INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS heartbeats (kiosk_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL);
