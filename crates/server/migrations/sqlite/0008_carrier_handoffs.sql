-- Requests the program directs to the carrier are handed off by an advocate, who records how
-- (warm transfer, member told, referral sent) on the status change that closes the hand-off.
ALTER TABLE status_changes ADD COLUMN handoff_method TEXT;

-- Requests created as "routed_to_carrier" before this version were never handed off by anyone:
-- they wait for an advocate now, like any new hand-off.
UPDATE advocacy_requests SET state = 'awaiting_handoff'
WHERE state = 'routed_to_carrier'
  AND NOT EXISTS (SELECT 1 FROM status_changes c WHERE c.reference = advocacy_requests.reference AND c.to_state = 'routed_to_carrier');
