package io.portal.console.service;

/** The peer service cannot start (port taken, local API not on loopback, …); the message says what to change. */
public final class ServiceException extends RuntimeException {
    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
