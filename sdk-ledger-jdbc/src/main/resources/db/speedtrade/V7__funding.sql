-- SpeedTrade funding (deposits, withdrawals, auto-invest, fills, sales, positions), version 7. Portable
-- SQL: runs unchanged on H2 2.x and PostgreSQL 15.
-- Decimals (USD amounts, quantities) are stored as their exact text (BigDecimal's plain text whenever
-- its scale is not negative): read back they are equal, scale included.
-- Instants are seconds since the epoch and the nanoseconds of that second.
-- Ids (users, deposits, withdrawals, auto-invests, events, exec ids, symbols) are at most 128
-- characters; an auto-invest order's (investId:symbol) at most 257. The only foreign key is an
-- auto-invest's ranked symbols': a record names its user or its auto-invest, but the store's contract
-- keeps each record whether or not what it names was stored first.

-- The one row every unit of funding work locks first (SELECT ... FOR UPDATE) and holds until it commits:
-- the funding service's calls are serialized across every host sharing the database, and each sees
-- what every earlier one committed. Every funding row is written only under that lock.
CREATE TABLE funding_lock (
  id INTEGER NOT NULL,
  CONSTRAINT funding_lock_pk PRIMARY KEY (id)
);

INSERT INTO funding_lock (id) VALUES (1);

CREATE TABLE funding_users (
  id                  VARCHAR(128)  NOT NULL,
  kyc                 VARCHAR(16)   NOT NULL,
  -- the user's own daily instant limit; null: the settings'
  instant_daily_limit VARCHAR(1024),
  CONSTRAINT funding_users_pk PRIMARY KEY (id)
);

CREATE TABLE funding_deposits (
  id                 VARCHAR(128)  NOT NULL,
  user_id            VARCHAR(128)  NOT NULL,
  amount             VARCHAR(1024) NOT NULL,
  -- null until COMPLETED
  confirmed_amount   VARCHAR(1024),
  status             VARCHAR(16)   NOT NULL,
  created_seconds    BIGINT        NOT NULL,
  created_nanos      INTEGER       NOT NULL,
  updated_seconds    BIGINT        NOT NULL,
  updated_nanos      INTEGER       NOT NULL,
  -- the payment provider's session: both present once a gateway started the deposit, else both null
  provider_reference VARCHAR(1024),
  payment_url        VARCHAR(4096),
  CONSTRAINT funding_deposits_pk PRIMARY KEY (id),
  CONSTRAINT funding_deposits_session CHECK ((provider_reference IS NULL) = (payment_url IS NULL))
);

-- A withdrawal's destination is kept as the funding service saves it: its type, its masked form
-- (bank:****7771), the fingerprint of the whole value and the provider's token. Never a whole CLABE.
CREATE TABLE funding_withdrawals (
  id                      VARCHAR(128)  NOT NULL,
  user_id                 VARCHAR(128)  NOT NULL,
  kind                    VARCHAR(16)   NOT NULL,
  amount                  VARCHAR(1024) NOT NULL,
  fee                     VARCHAR(1024) NOT NULL,
  net                     VARCHAR(1024) NOT NULL,
  status                  VARCHAR(16)   NOT NULL,
  destination_type        VARCHAR(8)    NOT NULL,
  destination_masked      VARCHAR(128)  NOT NULL,
  destination_fingerprint VARCHAR(256)  NOT NULL,
  -- null when no gateway took the destination
  destination_token       VARCHAR(1024),
  -- both null until reviewed
  reviewed_by             VARCHAR(4096),
  reviewed_seconds        BIGINT,
  reviewed_nanos          INTEGER,
  created_seconds         BIGINT        NOT NULL,
  created_nanos           INTEGER       NOT NULL,
  updated_seconds         BIGINT        NOT NULL,
  updated_nanos           INTEGER       NOT NULL,
  -- null until a gateway took the payout
  payout_reference        VARCHAR(1024),
  CONSTRAINT funding_withdrawals_pk PRIMARY KEY (id),
  CONSTRAINT funding_withdrawals_destination_type CHECK (destination_type IN ('bank', 'card')),
  CONSTRAINT funding_withdrawals_reviewed_at CHECK ((reviewed_seconds IS NULL) = (reviewed_nanos IS NULL))
);

-- a user's withdrawals: the daily instant limit and the amounts awaiting payout read them on every
-- withdrawal
CREATE INDEX funding_withdrawals_user ON funding_withdrawals (user_id);

-- An auto-invest as asked; its ranked symbols (none: the default policy) in funding_investment_symbols.
CREATE TABLE funding_investments (
  id      VARCHAR(128)  NOT NULL,
  user_id VARCHAR(128)  NOT NULL,
  amount  VARCHAR(1024) NOT NULL,
  CONSTRAINT funding_investments_pk PRIMARY KEY (id)
);

CREATE TABLE funding_investment_symbols (
  investment_id VARCHAR(128) NOT NULL,
  -- 0, 1, 2... the symbol's place in the ranked list
  position      INTEGER      NOT NULL,
  symbol        VARCHAR(128) NOT NULL,
  CONSTRAINT funding_investment_symbols_pk PRIMARY KEY (investment_id, position),
  CONSTRAINT funding_investment_symbols_investment_fk FOREIGN KEY (investment_id)
    REFERENCES funding_investments (id)
);

CREATE TABLE funding_invest_orders (
  -- investId:symbol, each at most 128 characters
  id            VARCHAR(257)  NOT NULL,
  investment_id VARCHAR(128)  NOT NULL,
  user_id       VARCHAR(128)  NOT NULL,
  symbol        VARCHAR(128)  NOT NULL,
  notional      VARCHAR(1024) NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  filled_amount VARCHAR(1024) NOT NULL,
  CONSTRAINT funding_invest_orders_pk PRIMARY KEY (id)
);

-- Provider events applied (or recorded without effect): one row per event id, deposit and payout
-- events alike, so a replayed webhook is known on every host.
CREATE TABLE funding_events (
  event_id VARCHAR(128) NOT NULL,
  CONSTRAINT funding_events_pk PRIMARY KEY (event_id)
);

-- Broker fills applied: one row per execution id, of any user.
CREATE TABLE funding_fills (
  exec_id VARCHAR(128) NOT NULL,
  CONSTRAINT funding_fills_pk PRIMARY KEY (exec_id)
);

-- us_equity sales whose proceeds settle on a later trading day (a crypto sale is cash at once and
-- has no row).
CREATE TABLE funding_sales (
  exec_id    VARCHAR(128)  NOT NULL,
  user_id    VARCHAR(128)  NOT NULL,
  amount     VARCHAR(1024) NOT NULL,
  settles_on DATE          NOT NULL,
  settled    BOOLEAN       NOT NULL,
  CONSTRAINT funding_sales_pk PRIMARY KEY (exec_id)
);

-- the sales not settled yet, which every settlement run lists
CREATE INDEX funding_sales_open ON funding_sales (settled, exec_id);

-- Positions from fills, kept at 0 too.
CREATE TABLE funding_positions (
  user_id VARCHAR(128)  NOT NULL,
  symbol  VARCHAR(128)  NOT NULL,
  qty     VARCHAR(1024) NOT NULL,
  CONSTRAINT funding_positions_pk PRIMARY KEY (user_id, symbol)
);
