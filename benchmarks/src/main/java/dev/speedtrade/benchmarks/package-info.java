/**
 * JMH benchmarks of the SDK. Not published; run them with {@code java -jar
 * benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package dev.speedtrade.benchmarks;

import org.jspecify.annotations.NullMarked;
