package io.portal.console.store;

import io.portal.console.identity.PortalId;
import java.time.Instant;

/**
 * A Portal that called although it is not a peer.
 *
 * @param name    the name it announced (unverified, shown in quotes)
 * @param address where it came from; {@code ip:port} with the peer port it announced, so Accept can dial it back
 * @param count   how many of its attempts were recorded (rate-limited, so a lower bound)
 */
public record PendingRequest(PortalId id, String name, String address, Instant firstAt, Instant lastAt, int count,
        boolean ignored) {
    public String shortId() {
        return id.shortId();
    }
}
