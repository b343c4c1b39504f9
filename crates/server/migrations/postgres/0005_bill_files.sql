-- Bills attached to requests: the charges with their review ('review', at most one per request)
-- and the photos or PDFs of the pages ('page'). Every content is encrypted (sealed) with a key
-- kept outside the database; content_tag is a keyed fingerprint that recognises a retried upload.
-- Times are Unix seconds. Rows are deleted with their bill, or when delete_after has passed.
CREATE TABLE bill_files (
    id           BIGSERIAL PRIMARY KEY,
    reference    TEXT    NOT NULL REFERENCES advocacy_requests (reference),
    kind         TEXT    NOT NULL CHECK (kind IN ('review', 'page')),
    media_type   TEXT    NOT NULL,
    content_tag  TEXT    NOT NULL,
    byte_count   BIGINT  NOT NULL,
    key_id       TEXT    NOT NULL,
    sealed       BYTEA   NOT NULL,
    created_at   BIGINT  NOT NULL,
    delete_after BIGINT  NOT NULL,
    UNIQUE (reference, content_tag)
);
CREATE UNIQUE INDEX bill_files_one_review ON bill_files (reference) WHERE kind = 'review';
CREATE INDEX bill_files_by_expiry ON bill_files (delete_after);
