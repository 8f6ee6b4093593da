/**
 * {@code speedtrade serve}: an example host service on the SDK. {@link
 * dev.speedtrade.examples.serve.HostService} exposes an omnibus platform's funding, orders and
 * webhooks over HTTP (Javalin on Jetty 12, JSON through Jackson with every number read as a
 * decimal), its order events over a websocket and its metrics for Prometheus, each request
 * identified by the {@link dev.speedtrade.examples.serve.Authenticator} the host plugs in; {@link
 * dev.speedtrade.examples.serve.BearerTokens} is the example's.
 */
@NullMarked
package dev.speedtrade.examples.serve;

import org.jspecify.annotations.NullMarked;
