-- Schema version 10: the case model of every revision in a compact binary
-- form (lib/case_pack.c), zstd-compressed like the revisions themselves, so
-- that the signal rules can judge a case without parsing its document:
-- `kring signals --all` and the figures on a day whose signals are not
-- stored yet (docs/report.md).  A row is written with the revision's facts
-- (lib/facts.c) and, like them, is a derived copy that `kring reindex`
-- rebuilds from the documents; a revision without one is read from its
-- document.  Erasing a case removes its rows (lib/retention.c removes every
-- table's rows with its case_id).

--
-- A rowid table, not WITHOUT ROWID: a model is 1-3 KB, and a WITHOUT ROWID
-- row keeps only about 1 KB on its page and the rest on an overflow page
-- of its own (measured: 59 MB of file for 19 MB of models at 10,000
-- cases); a rowid table keeps rows up to about 4 KB on the page.

CREATE TABLE models (
	case_id  INTEGER NOT NULL REFERENCES cases(id),
	rev      INTEGER NOT NULL,
	data     BLOB NOT NULL,
	UNIQUE (case_id, rev)
);
