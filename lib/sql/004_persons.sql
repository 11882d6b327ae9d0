-- Schema version 4 (issue 10): share links bound for good to one person of
-- one case, and revisions stored compressed.
--
-- case_persons: every person id a case has ever had (lib/store.c keeps it
-- in the transaction of each revision).  state 'active': in the latest
-- revision, with `until` the last day (a day number) on which the person
-- may hold a share link (the day before their death, the end of their
-- involvement; NULL: open); 'removed': no longer in the case.  `who` is a
-- fingerprint of the person (name and date of birth): when it changes, the
-- id names somebody else and the person's links are revoked.  A link whose
-- person is not active, past `until`, is refused (lib/share.c), and the
-- revision that ends a person revokes their links at once.
--
-- cases.uid: a random id per case that a share link carries, so that a
-- link never opens another case that got the same ref (after the first
-- was destroyed).  cases.doc: the latest revision, compressed, so that
-- reading every latest revision stays one decompression per case.
-- revisions.size: the length of the document as text (revisions.doc is
-- plain JSON text in rows written before version 4, and a compressed
-- frame, full or against the revision before it, after; see store.c).
CREATE TABLE case_persons (
	case_id   INTEGER NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL,
	state     TEXT NOT NULL CHECK (state IN ('active', 'removed')),
	until     INTEGER,
	who       BLOB,
	PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;

ALTER TABLE cases ADD COLUMN uid BLOB;
ALTER TABLE cases ADD COLUMN doc BLOB;
ALTER TABLE revisions ADD COLUMN size INTEGER;
ALTER TABLE share_links ADD COLUMN case_uid BLOB;

UPDATE cases SET uid = randomblob(16);
UPDATE share_links SET case_uid = (SELECT uid FROM cases WHERE cases.ref = share_links.case_ref);

INSERT INTO case_persons(case_id, person_id, state)
	SELECT c.id, json_extract(p.value, '$.id'), 'active'
	FROM cases c JOIN revisions r ON r.case_id = c.id AND r.rev = c.head,
	     json_each(r.doc, '$.persons') p
	WHERE json_type(p.value, '$.id') = 'text';
INSERT OR IGNORE INTO case_persons(case_id, person_id, state)
	SELECT DISTINCT r.case_id, json_extract(p.value, '$.id'), 'removed'
	FROM revisions r, json_each(r.doc, '$.persons') p
	WHERE json_type(p.value, '$.id') = 'text';
UPDATE share_links SET revoked = max(created, 1)
	WHERE revoked IS NULL AND NOT EXISTS (
		SELECT 1 FROM cases c JOIN case_persons p ON p.case_id = c.id
		WHERE c.ref = share_links.case_ref AND p.person_id = share_links.person_id
		AND p.state = 'active');
