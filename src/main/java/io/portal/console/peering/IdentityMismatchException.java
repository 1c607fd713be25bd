package io.portal.console.peering;

import io.portal.console.identity.PortalId;
import java.security.cert.CertificateException;

/** The Portal at a peer's address proved to be another Portal: the handshake is aborted before any request byte. */
public final class IdentityMismatchException extends CertificateException {
    private final transient PortalId expected;
    private final transient PortalId found;

    public IdentityMismatchException(PortalId expected, PortalId found) {
        super("expected Portal " + expected.canonical() + " but the certificate belongs to " + found.canonical());
        this.expected = expected;
        this.found = found;
    }

    public PortalId expected() {
        return expected;
    }

    public PortalId found() {
        return found;
    }

    /** The mismatch somewhere in an exception's causes (JSSE and the HTTP client wrap it), if any. */
    public static java.util.Optional<IdentityMismatchException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IdentityMismatchException mismatch) {
                return java.util.Optional.of(mismatch);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof IdentityMismatchException mismatch) {
                    return java.util.Optional.of(mismatch);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
