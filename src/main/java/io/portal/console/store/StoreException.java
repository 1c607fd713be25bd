package io.portal.console.store;

/** The database could not be opened, upgraded, read or written; the message is meant for the owner. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
