-- SpeedTrade ledger, version 1. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
-- Amounts are BIGINT minor units; timestamps are ledger timestamps from ledger_timestamp_seq.

CREATE SEQUENCE ledger_timestamp_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE ledger_accounts (
  id              VARCHAR(128) NOT NULL,
  currency        VARCHAR(3)   NOT NULL,
  type            VARCHAR(64)  NOT NULL,
  flags           VARCHAR(64)  NOT NULL,
  debits_pending  BIGINT       NOT NULL,
  debits_posted   BIGINT       NOT NULL,
  credits_pending BIGINT       NOT NULL,
  credits_posted  BIGINT       NOT NULL,
  created_ts      BIGINT       NOT NULL,
  updated_ts      BIGINT       NOT NULL,
  CONSTRAINT ledger_accounts_pk PRIMARY KEY (id),
  CONSTRAINT ledger_accounts_balances_non_negative CHECK (
    debits_pending >= 0 AND debits_posted >= 0 AND credits_pending >= 0 AND credits_posted >= 0)
);

CREATE TABLE ledger_transfers (
  id                VARCHAR(128)   NOT NULL,
  kind              VARCHAR(8)     NOT NULL,
  -- the request as made (with a post's omitted amount filled in), for idempotent replays
  req_debit         VARCHAR(128),
  req_credit        VARCHAR(128),
  req_amount        BIGINT,
  req_code          VARCHAR(64),
  timeout_seconds   BIGINT,
  pending_id        VARCHAR(128),
  metadata          VARCHAR(65536) NOT NULL,
  -- what it resolved to
  debit_account_id  VARCHAR(128)   NOT NULL,
  credit_account_id VARCHAR(128)   NOT NULL,
  amount            BIGINT         NOT NULL,
  code              VARCHAR(64)    NOT NULL,
  ts                BIGINT         NOT NULL,
  created_at_micros BIGINT         NOT NULL,
  -- for pending transfers: their fate, when it was decided, and when they expire
  pending_status    VARCHAR(8),
  resolved_ts       BIGINT,
  expires_at_micros BIGINT,
  CONSTRAINT ledger_transfers_pk PRIMARY KEY (id),
  CONSTRAINT ledger_transfers_amount_positive CHECK (amount > 0 OR kind = 'VOID')
);

CREATE INDEX ledger_transfers_debit_ts ON ledger_transfers (debit_account_id, ts);
CREATE INDEX ledger_transfers_credit_ts ON ledger_transfers (credit_account_id, ts);

-- Pending transfers with a timeout that are still pending: a row from the pending transfer until it is
-- posted, voided or expired. Only these rows pay for the due index.
CREATE TABLE ledger_pending_expiries (
  transfer_id       VARCHAR(128) NOT NULL,
  expires_at_micros BIGINT       NOT NULL,
  CONSTRAINT ledger_pending_expiries_pk PRIMARY KEY (transfer_id)
);

CREATE INDEX ledger_pending_expiries_due ON ledger_pending_expiries (expires_at_micros);
