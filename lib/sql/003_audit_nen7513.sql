-- Schema version 3: the NEN 7513 fields of the audit trail and the key its
-- chain is made with (lib/audit.c, lib/audit_key.c; docs/security.md).
--
-- The new columns are NULL in rows written before this version.  From this
-- version on the chain is keyed: hash = HMAC-SHA256(key, previous hash ||
-- canonical row), with a key kept outside the database (a file only the
-- service account reads).  The table audit_key holds the id of that key (a
-- MAC of a fixed text, never the key itself), NULL until kring first uses
-- the trail with a key: it then re-chains the rows written before, once,
-- in one transaction, and sets the id.  Only then, and only the hash of a
-- row, may an audit row be updated; afterwards never.

ALTER TABLE audit ADD COLUMN role TEXT;           -- the user's role at the time
ALTER TABLE audit ADD COLUMN event TEXT;          -- what happened: "case.read", "account.login"
ALTER TABLE audit ADD COLUMN result TEXT
	CHECK (result IN ('ok', 'refused', 'error'));
ALTER TABLE audit ADD COLUMN object_type TEXT
	CHECK (object_type IN ('case', 'account', 'share', 'settings', 'audit'));
ALTER TABLE audit ADD COLUMN object TEXT;         -- the object when it is not a case
ALTER TABLE audit ADD COLUMN access_point TEXT;   -- "GET /api/cases/{ref}", "kring show"

CREATE TABLE audit_key (
	one      INTEGER PRIMARY KEY CHECK (one = 1),
	key_id   BLOB CHECK (key_id IS NULL OR length(key_id) = 16),
	keyed_at TEXT,           -- when the trail was first chained with the key
	rechained INTEGER        -- how many rows written before were re-chained then
);
INSERT INTO audit_key(one) VALUES (1);

CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key
BEGIN SELECT RAISE(ABORT, 'the audit key record stays'); END;
CREATE TRIGGER audit_key_once BEFORE UPDATE ON audit_key WHEN OLD.key_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the audit trail is chained with its key already'); END;

-- Append-only, except the one re-chaining: while no key is set, the hash of
-- a row (and nothing else) may be replaced.
DROP TRIGGER audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN (SELECT key_id FROM audit_key) IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.who IS NOT OLD.who
  OR NEW.on_behalf IS NOT OLD.on_behalf OR NEW.action IS NOT OLD.action
  OR NEW.case_ref IS NOT OLD.case_ref OR NEW.address IS NOT OLD.address
  OR NEW.detail IS NOT OLD.detail OR NEW.role IS NOT OLD.role OR NEW.event IS NOT OLD.event
  OR NEW.result IS NOT OLD.result OR NEW.object_type IS NOT OLD.object_type
  OR NEW.object IS NOT OLD.object OR NEW.access_point IS NOT OLD.access_point
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
