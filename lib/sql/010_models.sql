-- Schema version 10: the case model of every revision in a compact binary
-- form (lib/case_pack.c), zstd-compressed like the revisions themselves, so
-- that the signal rules can judge a case without parsing its document:
-- `kring signals --all` and the figures on a day whose signals are not
-- stored yet (docs/report.md).  A row is written with the revision's facts
-- (lib/facts.c) and, like them, is a derived copy that `kring reindex`
-- rebuilds from the documents; a revision without one is read from its
-- document.  Erasing a case removes its rows (lib/retention.c removes every
-- table's rows with its case_id).

CREATE TABLE models (
	case_id  INTEGER NOT NULL REFERENCES cases(id),
	rev      INTEGER NOT NULL,
	data     BLOB NOT NULL,
	PRIMARY KEY (case_id, rev)
) WITHOUT ROWID;
