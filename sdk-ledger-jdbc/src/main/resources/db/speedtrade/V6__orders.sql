-- SpeedTrade order management and pre-trade risk, version 6. Portable SQL: runs unchanged on H2 2.x
-- and PostgreSQL 15.
-- Decimals (quantities, prices, USD amounts) are stored as their exact text (BigDecimal.toString() of
-- the value, plain whenever its scale is not negative): read back they are equal, scale included.
-- Instants are seconds since the epoch and the nanoseconds of that second.
-- Ids (accounts, client order ids, exec ids, symbols) are at most 128 characters.

-- One row per client account's order book. Every unit of work on a book starts by locking its row
-- (SELECT ... FOR UPDATE): that lock, held to the end of the transaction, serializes the work on one
-- account across every host sharing the database.
CREATE TABLE oms_accounts (
  account VARCHAR(128) NOT NULL,
  CONSTRAINT oms_accounts_pk PRIMARY KEY (account)
);

CREATE TABLE oms_orders (
  account           VARCHAR(128)  NOT NULL,
  client_order_id   VARCHAR(128)  NOT NULL,
  -- the platform's id, unique platform-wide
  order_id          VARCHAR(128)  NOT NULL,
  symbol            VARCHAR(128)  NOT NULL,
  side              VARCHAR(16)   NOT NULL,
  order_type        VARCHAR(16)   NOT NULL,
  time_in_force     VARCHAR(16)   NOT NULL,
  qty               VARCHAR(1024),
  notional          VARCHAR(1024),
  limit_price       VARCHAR(1024),
  stop_price        VARCHAR(1024),
  status            VARCHAR(32)   NOT NULL,
  reason            VARCHAR(4096),
  filled_qty        VARCHAR(1024) NOT NULL,
  filled_value      VARCHAR(1024) NOT NULL,
  filled_amount     VARCHAR(1024) NOT NULL,
  replaces          VARCHAR(128),
  replaced_by       VARCHAR(128),
  acknowledged      BOOLEAN       NOT NULL,
  -- the pending replace: present exactly when pending_client_order_id is not null
  pending_client_order_id VARCHAR(128),
  pending_qty             VARCHAR(1024),
  pending_limit_price     VARCHAR(1024),
  pending_stop_price      VARCHAR(1024),
  pending_time_in_force   VARCHAR(16),
  pending_basis           VARCHAR(1024),
  reserve_basis     VARCHAR(1024),
  hold_generation   INTEGER       NOT NULL,
  venue_order_id    VARCHAR(256),
  created_seconds   BIGINT        NOT NULL,
  created_nanos     INTEGER       NOT NULL,
  updated_seconds   BIGINT        NOT NULL,
  updated_nanos     INTEGER       NOT NULL,
  -- the order's place among the account's orders, oldest first
  seq               BIGINT        NOT NULL,
  -- one order per client order id in an account, however many hosts submit it
  CONSTRAINT oms_orders_pk PRIMARY KEY (account, client_order_id),
  CONSTRAINT oms_orders_order_id UNIQUE (order_id),
  CONSTRAINT oms_orders_seq UNIQUE (account, seq),
  CONSTRAINT oms_orders_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account),
  CONSTRAINT oms_orders_pending CHECK (
    pending_client_order_id IS NOT NULL OR (pending_qty IS NULL AND pending_limit_price IS NULL
      AND pending_stop_price IS NULL AND pending_time_in_force IS NULL AND pending_basis IS NULL)),
  CONSTRAINT oms_orders_pending_basis CHECK (
    pending_client_order_id IS NULL OR pending_basis IS NOT NULL)
);
-- the open orders of one symbol, which every submit sums
CREATE INDEX oms_orders_open ON oms_orders (account, symbol, status);


-- Client order ids taken (by a submit, even a denied one, or by a replace answered OK): never freed.
CREATE TABLE oms_taken_ids (
  account         VARCHAR(128) NOT NULL,
  client_order_id VARCHAR(128) NOT NULL,
  CONSTRAINT oms_taken_ids_pk PRIMARY KEY (account, client_order_id),
  CONSTRAINT oms_taken_ids_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account)
);

-- Platform order ids registered (when an order is sent, or a replace that will create one is accepted),
-- each naming its account and client order id for good: how the venue's answers find their book.
CREATE TABLE oms_order_refs (
  order_id        VARCHAR(128) NOT NULL,
  account         VARCHAR(128) NOT NULL,
  client_order_id VARCHAR(128) NOT NULL,
  CONSTRAINT oms_order_refs_pk PRIMARY KEY (order_id),
  CONSTRAINT oms_order_refs_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account)
);

CREATE TABLE oms_fills (
  account         VARCHAR(128)  NOT NULL,
  client_order_id VARCHAR(128)  NOT NULL,
  exec_id         VARCHAR(128)  NOT NULL,
  -- the order the account's fills were applied in: 1, 2, 3...
  seq             BIGINT        NOT NULL,
  symbol          VARCHAR(128)  NOT NULL,
  side            VARCHAR(16)   NOT NULL,
  qty             VARCHAR(1024) NOT NULL,
  price           VARCHAR(1024) NOT NULL,
  amount          VARCHAR(1024) NOT NULL,
  at_seconds      BIGINT        NOT NULL,
  at_nanos        INTEGER       NOT NULL,
  -- one fill per exec id per order
  CONSTRAINT oms_fills_pk PRIMARY KEY (account, client_order_id, exec_id),
  CONSTRAINT oms_fills_seq UNIQUE (account, seq),
  CONSTRAINT oms_fills_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account)
);

CREATE TABLE oms_positions (
  account      VARCHAR(128)  NOT NULL,
  symbol       VARCHAR(128)  NOT NULL,
  qty          VARCHAR(1024) NOT NULL,
  cost_basis   VARCHAR(1024) NOT NULL,
  realized_pnl VARCHAR(1024) NOT NULL,
  CONSTRAINT oms_positions_pk PRIMARY KEY (account, symbol),
  CONSTRAINT oms_positions_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account)
);

-- The instants submits were sent at, for the rate limit; several may share an instant.
CREATE TABLE oms_submits (
  account    VARCHAR(128) NOT NULL,
  seq        BIGINT       NOT NULL,
  at_seconds BIGINT       NOT NULL,
  at_nanos   INTEGER      NOT NULL,
  CONSTRAINT oms_submits_pk PRIMARY KEY (account, seq),
  CONSTRAINT oms_submits_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account)
);

CREATE INDEX oms_submits_at ON oms_submits (account, at_seconds, at_nanos);

-- Ledger work a book change owes, recorded with the change and removed once done.
CREATE TABLE oms_outbox (
  account         VARCHAR(128) NOT NULL,
  id              VARCHAR(512) NOT NULL,
  -- the order entries were added in (oldest first)
  seq             BIGINT       NOT NULL,
  kind            VARCHAR(32)  NOT NULL,
  client_order_id VARCHAR(128) NOT NULL,
  exec_id         VARCHAR(128),
  from_hold       INTEGER      NOT NULL,
  to_hold         INTEGER      NOT NULL,
  amount          BIGINT       NOT NULL,
  reserve         BIGINT       NOT NULL,
  CONSTRAINT oms_outbox_pk PRIMARY KEY (account, id),
  CONSTRAINT oms_outbox_seq UNIQUE (account, seq),
  CONSTRAINT oms_outbox_account_fk FOREIGN KEY (account) REFERENCES oms_accounts (account)
);

-- Each account's risk limits: a row exists once limits were set (none: every limit absent).
CREATE TABLE risk_limits (
  account              VARCHAR(128)  NOT NULL,
  max_order_qty        VARCHAR(1024),
  max_order_notional   VARCHAR(1024),
  max_position_qty     VARCHAR(1024),
  -- LocalTime.toString(): HH:MM, or with seconds and nanoseconds when it has them
  trading_window_start VARCHAR(32),
  trading_window_end   VARCHAR(32),
  rate_limit_orders    INTEGER,
  rate_limit_seconds   INTEGER,
  CONSTRAINT risk_limits_pk PRIMARY KEY (account),
  CONSTRAINT risk_limits_window CHECK ((trading_window_start IS NULL) = (trading_window_end IS NULL)),
  CONSTRAINT risk_limits_rate CHECK ((rate_limit_orders IS NULL) = (rate_limit_seconds IS NULL))
);

CREATE TABLE risk_blocked_symbols (
  account VARCHAR(128) NOT NULL,
  symbol  VARCHAR(128) NOT NULL,
  CONSTRAINT risk_blocked_symbols_pk PRIMARY KEY (account, symbol),
  CONSTRAINT risk_blocked_symbols_account_fk FOREIGN KEY (account) REFERENCES risk_limits (account)
);

-- Trading states: the platform's in the row whose account is '' (no account is blank), each
-- account's once one was set. Every change locks the platform's row first, so changes (of any scope)
-- are applied, and appended to the history, one at a time.
CREATE TABLE risk_trading_states (
  account VARCHAR(128) NOT NULL,
  state   VARCHAR(16)  NOT NULL,
  CONSTRAINT risk_trading_states_pk PRIMARY KEY (account)
);

INSERT INTO risk_trading_states (account, state) VALUES ('', 'ACTIVE');

CREATE TABLE risk_trading_state_history (
  -- 1, 2, 3... in the order the changes were applied
  seq        BIGINT        NOT NULL,
  -- null for a change of the platform's state
  account    VARCHAR(128),
  state      VARCHAR(16)   NOT NULL,
  operator   VARCHAR(4096) NOT NULL,
  reason     VARCHAR(4096) NOT NULL,
  at_seconds BIGINT        NOT NULL,
  at_nanos   INTEGER       NOT NULL,
  CONSTRAINT risk_trading_state_history_pk PRIMARY KEY (seq)
);
