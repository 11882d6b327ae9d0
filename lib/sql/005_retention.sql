-- Schema version 5 (issue 10): destroying a case by law.  Revisions stay
-- append-only, except for the one controlled path of lib/retention.c: a
-- revision may be deleted only while a row of `destroying` names its case,
-- and that row exists only inside the transaction that destroys the case
-- (it is inserted first and deleted last, so it never outlives it).
-- erase_requests: a lawful request to destroy a case early (parents, a
-- young person of 12 or older), made by one admin, waiting until a second
-- admin confirms it or someone withdraws it.
CREATE TABLE destroying (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	case_id  INTEGER NOT NULL
);

DROP TRIGGER revisions_no_delete;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
WHEN NOT EXISTS (SELECT 1 FROM destroying WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

CREATE TABLE erase_requests (
	id           INTEGER PRIMARY KEY,
	case_ref     TEXT NOT NULL,
	reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
	requested_by TEXT NOT NULL,
	requested    INTEGER NOT NULL,
	state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'withdrawn')),
	decided_by   TEXT,
	decided      INTEGER
);
CREATE INDEX erase_requests_case ON erase_requests(case_ref);
