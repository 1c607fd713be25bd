package io.portal.console.apps;

/** The outcome of reading an {@code app.json}. */
public sealed interface ManifestResult permits ManifestResult.Parsed, ManifestResult.Rejected {
    /** A valid manifest. */
    record Parsed(AppManifest manifest) implements ManifestResult {
    }

    /**
     * A refused manifest.
     *
     * @param field   the path of the offending field ({@code name}, {@code paths./peer/.access},
     *                {@code authentication.peer_paths[1]}, …); empty when the file as a whole is wrong
     * @param message one line for the owner, starting with the field, e.g.
     *                {@code paths./peer/.access: must be one of public, private, peer}
     */
    record Rejected(String field, String message) implements ManifestResult {
    }
}
