-- SpeedTrade daily rebalance, version 2. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
-- Decimals (amounts, percentages, weights, prices, quantities) are stored as their exact plain text.

CREATE SEQUENCE rebalance_investment_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE rebalance_investments (
  user_id     VARCHAR(128) NOT NULL,
  mode        VARCHAR(8)   NOT NULL,
  bot_id      VARCHAR(128) NOT NULL,
  amount      VARCHAR(64)  NOT NULL,
  weight_mode VARCHAR(8)   NOT NULL,
  -- the order investments were first added in: the order their weights are summed in
  position    BIGINT       NOT NULL,
  CONSTRAINT rebalance_investments_pk PRIMARY KEY (user_id, mode, bot_id)
);

CREATE TABLE rebalance_settings (
  user_id              VARCHAR(128)  NOT NULL,
  mode                 VARCHAR(8)    NOT NULL,
  order_type           VARCHAR(8)    NOT NULL,
  limit_percent        VARCHAR(64)   NOT NULL,
  fallback_ticker      VARCHAR(32)   NOT NULL,
  reserve_mode         VARCHAR(8)    NOT NULL,
  reserve_amount       VARCHAR(64)   NOT NULL,
  -- pairs as FIRST/SECOND, comma separated, in netting order
  paired_tickers       VARCHAR(4096) NOT NULL,
  min_trade_percent    VARCHAR(64)   NOT NULL,
  minutes_before_close INTEGER       NOT NULL,
  enabled              BOOLEAN       NOT NULL,
  CONSTRAINT rebalance_settings_pk PRIMARY KEY (user_id, mode)
);

CREATE INDEX rebalance_settings_enabled ON rebalance_settings (enabled, user_id);

CREATE TABLE rebalance_executions (
  id                 VARCHAR(32)  NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  mode               VARCHAR(8)   NOT NULL,
  market_date        DATE         NOT NULL,
  status             VARCHAR(8)   NOT NULL,
  attempt            INTEGER      NOT NULL,
  started_at_micros  BIGINT       NOT NULL,
  finished_at_micros BIGINT,
  CONSTRAINT rebalance_executions_pk PRIMARY KEY (id),
  -- exactly one execution per user, mode and market date, however many hosts try
  CONSTRAINT rebalance_executions_once UNIQUE (user_id, mode, market_date)
);

-- One row per execution, locked (SELECT ... FOR UPDATE) by the transaction of the run that holds the
-- execution; the lock goes when that run's connection does, so a crashed run's execution can be resumed.
CREATE TABLE rebalance_execution_claims (
  execution_id VARCHAR(32) NOT NULL,
  CONSTRAINT rebalance_execution_claims_pk PRIMARY KEY (execution_id)
);

CREATE TABLE rebalance_execution_orders (
  client_order_id VARCHAR(64)   NOT NULL,
  execution_id    VARCHAR(32)   NOT NULL,
  seq             BIGINT        NOT NULL,
  phase           VARCHAR(8)    NOT NULL,
  generation      INTEGER       NOT NULL,
  side            VARCHAR(8)    NOT NULL,
  symbol          VARCHAR(32)   NOT NULL,
  qty             VARCHAR(64)   NOT NULL,
  price           VARCHAR(64),
  order_type      VARCHAR(16)   NOT NULL,
  status          VARCHAR(32),
  filled_qty      VARCHAR(64)   NOT NULL,
  broker_order_id VARCHAR(128),
  error           VARCHAR(4096),
  CONSTRAINT rebalance_execution_orders_pk PRIMARY KEY (client_order_id)
);

CREATE INDEX rebalance_execution_orders_execution ON rebalance_execution_orders (execution_id, seq);

CREATE TABLE rebalance_execution_targets (
  execution_id VARCHAR(32) NOT NULL,
  seq          INTEGER     NOT NULL,
  symbol       VARCHAR(32) NOT NULL,
  weight       VARCHAR(64) NOT NULL,
  dollars      VARCHAR(64) NOT NULL,
  price        VARCHAR(64),
  price_source VARCHAR(8),
  current_qty  VARCHAR(64) NOT NULL,
  target_qty   VARCHAR(64),
  CONSTRAINT rebalance_execution_targets_pk PRIMARY KEY (execution_id, seq)
);

CREATE TABLE rebalance_execution_messages (
  execution_id VARCHAR(32)   NOT NULL,
  seq          INTEGER       NOT NULL,
  -- a warning code (OVER_ALLOCATED, BOT_FAILED, ...) or ERROR
  kind         VARCHAR(16)   NOT NULL,
  text         VARCHAR(4096) NOT NULL,
  CONSTRAINT rebalance_execution_messages_pk PRIMARY KEY (execution_id, seq)
);
