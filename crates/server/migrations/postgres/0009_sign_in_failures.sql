-- Failed sign-ins to the advocate console, kept where every server sees them (see
-- advocate_domain::sign_in_limits). Each failure is one row per key it counts against: the email
-- from the address, the address, the email. Keys are labelled SHA-256 hashes, so the table holds
-- no email address. Rows older than the window are deleted as new ones are written.
CREATE TABLE sign_in_failures (
    key_hash  TEXT   NOT NULL,
    failed_at BIGINT NOT NULL  -- Unix seconds
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key_hash, failed_at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (failed_at);
