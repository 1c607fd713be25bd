package io.portal.console.apps;

import java.net.URI;
import java.time.Instant;

/**
 * A local app the console knows.
 *
 * @param url the app's local base URL: {@code http://127.0.0.1:<port>} from the manifest, or given at registration
 */
public record RegisteredApp(String name, String description, URI url, AppManifest manifest, Sharing sharing,
        Instant addedAt) {
}
