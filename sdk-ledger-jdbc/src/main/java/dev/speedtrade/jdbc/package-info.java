/**
 * JDBC implementations of the ledger and of every store, with their schema migrations (H2 embedded
 * default, PostgreSQL). Filled by the ledger issue.
 */
@NullMarked
package dev.speedtrade.jdbc;

import org.jspecify.annotations.NullMarked;
