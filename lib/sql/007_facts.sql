-- Schema version 3: the facts of every revision, for the figures of
-- docs/report.md and `kring signals --all` (lib/facts.c).  A row is written
-- in the same transaction as its revision (kr_store_put) and can always be
-- rebuilt from the documents (`kring reindex`): it is a derived copy, so it
-- is not append-only.
--
-- Two parts.  The dated facts (the columns up to `data`) follow from the
-- revision and the one before it and hold for any as-of day: the
-- municipality and the other dimensions, and in `data` the small binary
-- model the figures are computed from (placements, breakdown events,
-- meetings, plan dates, agreements, the child's wishes, when the network
-- map changed).  The day facts (from `day` on) are the signals of the case
-- on one day with one set of thresholds (`sig`): they are recomputed from
-- the document when a report or `signals --all` asks for another day.

CREATE TABLE facts (
	case_id           INTEGER NOT NULL REFERENCES cases(id),
	rev               INTEGER NOT NULL,
	version           INTEGER NOT NULL,   -- the layout of `data` (lib/facts.c)
	recorded          INTEGER NOT NULL,   -- day number the revision was stored
	municipality      TEXT,               -- CBS code, "GM0200"
	municipality_name TEXT,
	region            TEXT,
	referrer          INTEGER NOT NULL,   -- enum kr_referrer
	opened            INTEGER,            -- day numbers (first possible day)
	closed            INTEGER,            -- last possible day, NULL while open
	closed_reason     INTEGER NOT NULL,   -- enum kr_closed_reason
	data              BLOB NOT NULL,
	day               INTEGER NOT NULL,   -- the day the signal facts hold for
	sig               INTEGER NOT NULL,   -- the thresholds and rules they used
	alerts            INTEGER NOT NULL,
	warnings          INTEGER NOT NULL,
	infos             INTEGER NOT NULL,
	top               TEXT,               -- the most severe signal's rule id
	top_level         INTEGER,
	fired             INTEGER NOT NULL,   -- bit set: rules that fired (catalogue order)
	missing           INTEGER NOT NULL,   -- bit set: rules that lacked data
	PRIMARY KEY (case_id, rev)
) WITHOUT ROWID;
