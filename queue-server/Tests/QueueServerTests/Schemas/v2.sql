-- What commit 4075432 added to version 1's tables (v1.sql): SQLiteSchema.tables' new table, then migrate()'s index
CREATE TABLE IF NOT EXISTS kiosks (
    kiosk_id TEXT PRIMARY KEY, mark TEXT NOT NULL UNIQUE, may_claim_priority INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS tickets_one_number ON tickets (service_id, day, number);
