-- Refunds of completed deposits (FundingService.refundDeposit): one row per refund id, written
-- under the funding_lock row as every funding row is. A new refund of a deposit reads its earlier
-- ones to know how much is left to refund.
CREATE TABLE funding_refunds (
  id                 VARCHAR(128)  NOT NULL,
  deposit_id         VARCHAR(128)  NOT NULL,
  user_id            VARCHAR(128)  NOT NULL,
  amount             VARCHAR(1024) NOT NULL,
  -- the payment provider's refund once it accepted it, with the status it answered; both null before
  provider_reference VARCHAR(1024),
  provider_status    VARCHAR(16),
  created_seconds    BIGINT        NOT NULL,
  created_nanos      INTEGER       NOT NULL,
  updated_seconds    BIGINT        NOT NULL,
  updated_nanos      INTEGER       NOT NULL,
  CONSTRAINT funding_refunds_pk PRIMARY KEY (id),
  CONSTRAINT funding_refunds_provider CHECK ((provider_reference IS NULL) = (provider_status IS NULL))
);

CREATE INDEX funding_refunds_deposit ON funding_refunds (deposit_id);
