-- Schema version 12 (issue 12): the signal facts of a case on the days the
-- embedding monitor looks back on.  The monitor shows the share of children
-- with a trust figure, heard, and with an alert on each of the eight
-- quarter ends before its day; the `facts` table (007_facts.sql) holds the
-- signals of one day per revision, so those quarter ends were judged again
-- on every monitor (one walk of every case per day).  `kring reindex
-- --signals` now also keeps them here, per case and day, for the latest
-- revision and the thresholds (`sig`) they were judged with; a row whose
-- revision or thresholds no longer match is judged again (lib/facts.c) and
-- reading never writes.  A derived copy like `facts`: rebuildable, not
-- append-only, and destroyed with the case (every table's rows with its
-- case_id, lib/retention.c).
CREATE TABLE day_signals (
	day       INTEGER NOT NULL,   -- day number
	case_id   INTEGER NOT NULL REFERENCES cases(id),
	rev       INTEGER NOT NULL,
	sig       INTEGER NOT NULL,
	alerts    INTEGER NOT NULL,
	warnings  INTEGER NOT NULL,
	infos     INTEGER NOT NULL,
	top       TEXT,
	top_level INTEGER,
	fired     INTEGER NOT NULL,
	missing   INTEGER NOT NULL,
	PRIMARY KEY (day, case_id)
) WITHOUT ROWID;
CREATE INDEX day_signals_case ON day_signals(case_id);
