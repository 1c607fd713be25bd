package io.portal.console.peers;

import io.portal.console.identity.PortalId;
import java.util.Random;

/** Deterministic Portal IDs for tests. */
public final class TestIds {
    private TestIds() {
    }

    public static PortalId id(long seed) {
        byte[] bytes = new byte[PortalId.BYTES];
        new Random(seed).nextBytes(bytes);
        return PortalId.ofBytes(bytes);
    }

    /** An ID whose canonical form starts with the given prefix (searching seeds from the given one). */
    public static PortalId idStartingWith(String prefix, long fromSeed) {
        for (long seed = fromSeed; ; seed++) {
            PortalId id = id(seed);
            if (id.canonical().startsWith(prefix)) {
                return id;
            }
        }
    }
}
