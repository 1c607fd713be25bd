package io.portal.console.identity;

/** The identity key could not be read or written; the message is meant for the owner. */
public class IdentityException extends RuntimeException {
    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }

    public IdentityException(String message) {
        super(message);
    }
}
