-- Member data sealed at rest, like bills: a request's answers and contact details (the member's
-- NewRequest), case notes and the notes of status changes are encrypted with the server's key,
-- kept outside the database (see crates/server/src/sealing.rs). key_id names the key that
-- sealed a row, so a key rotation can resume where it stopped. What stays in clear is what the
-- queue sorts and filters on: the service, area, state, handler, dates and assignment.
--
-- SQL cannot encrypt, and the key is not the database's to hold: the clear text of rows written
-- before this version moves to unsealed_texts, which the server empties at start, before it
-- serves, sealing each text into its row. Its clear columns are dropped here.
ALTER TABLE advocacy_requests ADD COLUMN key_id TEXT;
ALTER TABLE advocacy_requests ADD COLUMN sealed BLOB;
ALTER TABLE case_notes ADD COLUMN key_id TEXT;
ALTER TABLE case_notes ADD COLUMN sealed BLOB;
ALTER TABLE status_changes ADD COLUMN key_id TEXT;
ALTER TABLE status_changes ADD COLUMN sealed BLOB;  -- NULL when the change has no note

CREATE TABLE unsealed_texts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    place     TEXT    NOT NULL CHECK (place IN ('request', 'case_note', 'status_note')),
    reference TEXT    NOT NULL,
    row_id    BIGINT,           -- the note's or the status change's id; NULL for a request
    clear     TEXT    NOT NULL
);
INSERT INTO unsealed_texts (place, reference, row_id, clear)
    SELECT 'request', reference, NULL, request_json FROM advocacy_requests ORDER BY reference;
INSERT INTO unsealed_texts (place, reference, row_id, clear)
    SELECT 'case_note', reference, id, text FROM case_notes ORDER BY id;
INSERT INTO unsealed_texts (place, reference, row_id, clear)
    SELECT 'status_note', reference, id, note FROM status_changes WHERE note IS NOT NULL ORDER BY id;

ALTER TABLE advocacy_requests DROP COLUMN request_json;
ALTER TABLE case_notes DROP COLUMN text;
ALTER TABLE status_changes DROP COLUMN note;

-- Notes and status changes stay append-only, but for sealing: a row's sealed value (and its
-- key_id) may be replaced, by the server sealing it or re-sealing it with a new key, never
-- removed; nothing else of a row changes. A value sealed for one row does not open in another.
DROP TRIGGER case_notes_are_append_only_update;
CREATE TRIGGER case_notes_are_append_only_update BEFORE UPDATE OF id, reference, advocate_id, created_at ON case_notes
BEGIN SELECT RAISE(ABORT, 'case notes cannot be changed'); END;
CREATE TRIGGER case_notes_stay_sealed BEFORE UPDATE OF key_id, sealed ON case_notes
WHEN OLD.sealed IS NOT NULL AND (NEW.sealed IS NULL OR NEW.key_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'case notes cannot be changed'); END;

DROP TRIGGER status_changes_are_append_only_update;
CREATE TRIGGER status_changes_are_append_only_update
BEFORE UPDATE OF id, reference, from_state, to_state, advocate_id, handoff_method, changed_at ON status_changes
BEGIN SELECT RAISE(ABORT, 'status changes cannot be changed'); END;
CREATE TRIGGER status_changes_stay_sealed BEFORE UPDATE OF key_id, sealed ON status_changes
WHEN OLD.sealed IS NOT NULL AND (NEW.sealed IS NULL OR NEW.key_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'status changes cannot be changed'); END;
