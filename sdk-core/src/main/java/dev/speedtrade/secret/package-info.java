/**
 * {@link dev.speedtrade.secret.Secret}: the one type that holds a credential (a broker's API keys,
 * a bearer token, a webhook signing secret), redacted wherever it could be printed. Low in the
 * layering, so that every package and adapter module can take one.
 */
@NullMarked
package dev.speedtrade.secret;

import org.jspecify.annotations.NullMarked;
