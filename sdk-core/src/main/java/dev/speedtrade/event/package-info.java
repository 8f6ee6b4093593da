/**
 * The platform's typed events and listener registration.
 *
 * <p>A source of events keeps one {@link dev.speedtrade.event.EventFanOut} per kind of event and
 * hands out a {@link dev.speedtrade.event.Subscription} for each {@link
 * dev.speedtrade.event.EventListener} registered on it. The fan-out owns the delivery guarantees
 * that every event of the platform shares: events reach listeners in the order they were queued,
 * one at a time and never under the publisher's lock, a listener that throws is logged and the
 * others still receive the event, and closing a subscription is idempotent. The broker's trade
 * updates are delivered through it today; the services still to come (orders, funding) will publish
 * their events through it too.
 *
 * <p>This package sits low in the layering: it depends on nothing of the platform but the errors
 * and money values, so that every service above it can publish and every host can listen.
 */
@NullMarked
package dev.speedtrade.event;

import org.jspecify.annotations.NullMarked;
