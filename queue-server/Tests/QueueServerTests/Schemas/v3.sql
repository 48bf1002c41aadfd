-- What commit 421005a added to version 2 (v1.sql, then v2.sql); unchanged up to f15bc7f: migrate()'s new column
ALTER TABLE tickets ADD COLUMN held_until INTEGER;
