-- Member data sealed at rest, like bills: a request's answers and contact details (the member's
-- NewRequest), case notes and the notes of status changes are encrypted with the server's key,
-- kept outside the database (see crates/server/src/sealing.rs). key_id names the key that
-- sealed a row, so a key rotation can resume where it stopped. What stays in clear is what the
-- queue sorts and filters on: the service, area, state, handler, dates and assignment.
--
-- SQL cannot encrypt, and the key is not the database's to hold: the clear text of rows written
-- before this version moves to unsealed_texts, which the server empties at start, before it
-- serves, sealing each text into its row. Its clear columns are dropped here (dropping a column
-- fires no row trigger).
ALTER TABLE advocacy_requests ADD COLUMN key_id TEXT, ADD COLUMN sealed BYTEA;
ALTER TABLE case_notes ADD COLUMN key_id TEXT, ADD COLUMN sealed BYTEA;
ALTER TABLE status_changes ADD COLUMN key_id TEXT, ADD COLUMN sealed BYTEA;  -- NULL when the change has no note

CREATE TABLE unsealed_texts (
    id        BIGSERIAL PRIMARY KEY,
    place     TEXT   NOT NULL CHECK (place IN ('request', 'case_note', 'status_note')),
    reference TEXT   NOT NULL,
    row_id    BIGINT,           -- the note's or the status change's id; NULL for a request
    clear     TEXT   NOT NULL
);
INSERT INTO unsealed_texts (place, reference, row_id, clear)
    SELECT 'request', reference, NULL, request_json::text FROM advocacy_requests ORDER BY reference;
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
CREATE FUNCTION case_records_only_sealed_again() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) - 'key_id' - 'sealed' = to_jsonb(OLD) - 'key_id' - 'sealed'
       AND (OLD.sealed IS NULL OR (NEW.sealed IS NOT NULL AND NEW.key_id IS NOT NULL)) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME;
END $$;
DROP TRIGGER case_notes_are_append_only ON case_notes;
DROP TRIGGER status_changes_are_append_only ON status_changes;
DROP FUNCTION case_records_refuse_change();
CREATE TRIGGER case_notes_are_append_only BEFORE UPDATE OR DELETE ON case_notes
FOR EACH ROW EXECUTE FUNCTION case_records_only_sealed_again();
CREATE TRIGGER status_changes_are_append_only BEFORE UPDATE OR DELETE ON status_changes
FOR EACH ROW EXECUTE FUNCTION case_records_only_sealed_again();
