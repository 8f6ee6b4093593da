-- SpeedTrade ledger, version 11: each value of the timestamp sequence now stands for a block of
-- 1,024 timestamps. A ledger that draws the value v may use v to v + 1023: one nextval serves a
-- whole batch, and a ledger keeps the rest of its block for its next writes. The values drawn
-- before stay as they were; every block starts above them. A ledger reads the increment before it
-- uses more than the value itself, so a ledger that finds the sequence not yet altered uses one
-- timestamp per value, as before. Portable SQL: H2 2.x and PostgreSQL 15.
ALTER SEQUENCE ledger_timestamp_seq INCREMENT BY 1024;
