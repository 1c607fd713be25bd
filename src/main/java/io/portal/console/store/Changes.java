package io.portal.console.store;

/** Tells listeners that the database changed, through any door. */
@FunctionalInterface
public interface Changes {
    /** Subscribes to every change; closing the handle unsubscribes. Listeners run on a background thread. */
    AutoCloseable subscribe(Runnable listener);

    /**
     * Subscribes to changes of the setup only — peers and their addresses, apps, sharing, settings, pending
     * requests — not to activity rows, which a busy service writes every half second.
     */
    default AutoCloseable subscribeToSetup(Runnable listener) {
        return subscribe(listener);
    }

    /**
     * Subscribes to peers' presence only — whether they answer, and when they were last seen — which probes and
     * calls move all the time, and which is not part of the setup.
     */
    default AutoCloseable subscribeToPresence(Runnable listener) {
        return subscribe(listener);
    }

    Changes NONE = listener -> () -> { };
}
