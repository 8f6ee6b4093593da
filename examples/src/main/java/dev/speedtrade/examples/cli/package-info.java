/**
 * The {@code speedtrade} command-line tool: {@code demo} and, as later releases add them, {@code
 * ledger}, {@code plan}, {@code rebalance} and {@code account}. Exit codes: 0 success, 1 failure, 2
 * bad usage or input.
 */
@NullMarked
package dev.speedtrade.examples.cli;

import org.jspecify.annotations.NullMarked;
