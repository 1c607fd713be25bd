package io.portal.console.store;

/** Tells listeners that the database changed, through any door. */
@FunctionalInterface
public interface Changes {
    /** Subscribes; closing the handle unsubscribes. Listeners run on a background thread. */
    AutoCloseable subscribe(Runnable listener);

    Changes NONE = listener -> () -> { };
}
