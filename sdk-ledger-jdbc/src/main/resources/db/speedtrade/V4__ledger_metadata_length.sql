-- SpeedTrade ledger, version 4. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
--
-- The metadata column holds what Transfer accepts: up to 16 entries, keys of up to 64 and values of up
-- to 512 UTF-16 code units, stored as URL-encoded key=value pairs joined by '&'. URL encoding turns one
-- code unit into at most 9 characters (a character of the Basic Multilingual Plane beyond U+07FF is
-- three UTF-8 bytes, %XX each; a surrogate pair is four bytes for two units), so the longest metadata
-- is 16 * (64 * 9 + 1 + 512 * 9) + 15 = 82,975 characters: more than the 65,536 of version 1, which
-- refused non-ASCII metadata within the limits. Both databases count VARCHAR lengths in characters.
ALTER TABLE ledger_transfers ALTER COLUMN metadata SET DATA TYPE VARCHAR(100000);
