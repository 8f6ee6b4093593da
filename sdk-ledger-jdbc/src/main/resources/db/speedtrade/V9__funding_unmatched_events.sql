-- Verified provider events about a deposit or withdrawal the platform did not know when they
-- arrived, kept for reconciliation (FundingService.unmatchedEvents()). One row per event id; a
-- redelivery replaces it.
CREATE TABLE funding_unmatched_events (
  event_id VARCHAR(128) NOT NULL,
  subject VARCHAR(16) NOT NULL,
  subject_id VARCHAR(128) NOT NULL,
  event_type VARCHAR(32) NOT NULL,
  amount VARCHAR(1024),
  received_seconds BIGINT NOT NULL,
  received_nanos INTEGER NOT NULL,
  CONSTRAINT funding_unmatched_events_pk PRIMARY KEY (event_id)
);

-- The daily instant limit reads a user's withdrawals of the day on every instant withdrawal.
CREATE INDEX funding_withdrawals_user_created ON funding_withdrawals (user_id, created_seconds);
