-- The advocates' queue reads each open state's first requests in the queue's order from this
-- index (state, then outreach due, submitted, reference), and stops at the queue's length.
-- The index it replaces ordered by the outreach time only: every open request was then read
-- and sorted at each poll, sealed answers and all: under load PostgreSQL logged such polls
-- at up to 2.4 s, and the statements beside them waited.
DROP INDEX advocacy_requests_by_state;
CREATE INDEX advocacy_requests_in_queue_order ON advocacy_requests (state, outreach_by, submitted_at, reference);
