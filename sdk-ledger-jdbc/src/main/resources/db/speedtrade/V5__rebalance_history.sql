-- SpeedTrade daily rebalance, version 5: each execution's history (claims, give-backs, finishes and
-- operators' re-opens, with who and when). Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE rebalance_execution_events (
  execution_id VARCHAR(32)   NOT NULL,
  seq          INTEGER       NOT NULL,
  at_micros    BIGINT        NOT NULL,
  attempt      INTEGER       NOT NULL,
  -- CLAIMED, RELEASED, FINISHED or REOPENED
  kind         VARCHAR(16)   NOT NULL,
  actor        VARCHAR(128)  NOT NULL,
  detail       VARCHAR(4096) NOT NULL,
  CONSTRAINT rebalance_execution_events_pk PRIMARY KEY (execution_id, seq)
);
