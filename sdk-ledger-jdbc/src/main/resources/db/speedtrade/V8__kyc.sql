-- SpeedTrade identity verification (KYC), version 8. Portable SQL: runs unchanged on H2 2.x and
-- PostgreSQL 15. (Version 7 belongs to another change; Flyway applies versions in order and allows
-- gaps.)
-- Instants are seconds since the epoch and the nanoseconds of that second.
-- A list of reject labels is one text: each label as its length in UTF-16 code units, ':' and the label
-- itself, one after the other (FORGERY, A:B is '7:FORGERY3:A:B'), so that any character survives; ''
-- is no label.

-- One row. Every KycStore.inTransaction locks it first (SELECT ... FOR UPDATE) and holds the lock until
-- it commits: KYC writes are serialized across every host sharing the database, so that two hosts
-- receiving the same webhook apply it once. Reads (the gating status) do not take it.
CREATE TABLE kyc_lock (
  id INTEGER NOT NULL,
  CONSTRAINT kyc_lock_pk PRIMARY KEY (id)
);

INSERT INTO kyc_lock (id) VALUES (1);

-- One verification per user, one user per applicant.
CREATE TABLE kyc_verifications (
  user_id         VARCHAR(128)   NOT NULL,
  applicant_id    VARCHAR(128)   NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  -- RETRY or FINAL, exactly when REJECTED
  reject_type     VARCHAR(16),
  reject_labels   VARCHAR(16384) NOT NULL,
  attempt         INTEGER        NOT NULL,
  created_seconds BIGINT         NOT NULL,
  created_nanos   INTEGER        NOT NULL,
  updated_seconds BIGINT         NOT NULL,
  updated_nanos   INTEGER        NOT NULL,
  CONSTRAINT kyc_verifications_pk PRIMARY KEY (user_id),
  CONSTRAINT kyc_verifications_applicant UNIQUE (applicant_id)
);

-- Each user's changes: 1, 2, 3... in the order they were made.
CREATE TABLE kyc_history (
  user_id       VARCHAR(128)   NOT NULL,
  seq           BIGINT         NOT NULL,
  applicant_id  VARCHAR(128)   NOT NULL,
  -- null for the change that opened the verification
  from_status   VARCHAR(16),
  to_status     VARCHAR(16)    NOT NULL,
  reject_type   VARCHAR(16),
  reject_labels VARCHAR(16384) NOT NULL,
  attempt       INTEGER        NOT NULL,
  -- START, WEBHOOK or REFRESH; a webhook's change names its event key
  cause         VARCHAR(16)    NOT NULL,
  event_key     VARCHAR(512),
  at_seconds    BIGINT         NOT NULL,
  at_nanos      INTEGER        NOT NULL,
  CONSTRAINT kyc_history_pk PRIMARY KEY (user_id, seq),
  CONSTRAINT kyc_history_user_fk FOREIGN KEY (user_id) REFERENCES kyc_verifications (user_id)
);

-- Every verified webhook received, once per event key (a redelivery or replay is not kept again), with
-- its raw body byte for byte and what was done with it.
CREATE TABLE kyc_webhooks (
  event_key         VARCHAR(512)   NOT NULL,
  -- 1, 2, 3... in the order they were received
  seq               BIGINT         NOT NULL,
  event_type        VARCHAR(16)    NOT NULL,
  provider_type     VARCHAR(256)   NOT NULL,
  applicant_id      VARCHAR(128)   NOT NULL,
  -- the user the event names, if it names one
  user_id           VARCHAR(128),
  -- the review the event carries, if any: status null when none
  review_status     VARCHAR(16),
  reject_type       VARCHAR(16),
  reject_labels     VARCHAR(16384),
  body              BYTEA          NOT NULL,
  received_seconds  BIGINT         NOT NULL,
  received_nanos    INTEGER        NOT NULL,
  -- APPLIED, STALE, UNKNOWN_APPLICANT or IGNORED
  outcome           VARCHAR(32)    NOT NULL,
  CONSTRAINT kyc_webhooks_pk PRIMARY KEY (event_key),
  CONSTRAINT kyc_webhooks_seq UNIQUE (seq)
);

CREATE INDEX kyc_webhooks_applicant ON kyc_webhooks (applicant_id, seq);
