package io.portal.console.apps;

import io.portal.console.Messages;

/** An app was named that is not registered; the message is meant for the owner. */
public final class NoSuchAppException extends RuntimeException {
    private final String name;

    public NoSuchAppException(String name) {
        super(Messages.get("apps.error.unknown", name));
        this.name = name;
    }

    public String name() {
        return name;
    }
}
