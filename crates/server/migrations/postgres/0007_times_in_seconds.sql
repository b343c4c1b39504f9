-- Every time is Unix seconds (BIGINT), as in the tables since 0005: the first tables stored
-- TIMESTAMPTZ (and the fee schedule's import time RFC 3339 text), which now turn into seconds, so
-- that both databases run the same SQL. Rewriting a column fires no row trigger: the audit log
-- stays append-only.
ALTER TABLE audit_events
    ALTER COLUMN occurred_at TYPE BIGINT USING extract(epoch FROM occurred_at)::bigint;
ALTER TABLE advocacy_requests
    ALTER COLUMN submitted_at TYPE BIGINT USING extract(epoch FROM submitted_at)::bigint,
    ALTER COLUMN outreach_from TYPE BIGINT USING extract(epoch FROM outreach_from)::bigint,
    ALTER COLUMN outreach_by TYPE BIGINT USING extract(epoch FROM outreach_by)::bigint;
ALTER TABLE idempotency_keys
    ALTER COLUMN created_at TYPE BIGINT USING extract(epoch FROM created_at)::bigint;
ALTER TABLE fee_schedule_imports
    ALTER COLUMN imported_at TYPE BIGINT USING extract(epoch FROM imported_at::timestamptz)::bigint;
