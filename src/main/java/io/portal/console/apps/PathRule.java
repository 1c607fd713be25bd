package io.portal.console.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of an app's {@code paths}: requests whose path starts with {@code prefix} get this access, and these
 * headers are added when they are forwarded to the app.
 *
 * @param prefix  {@code ""} is the default rule; others start with {@code /}
 * @param headers header name to value, in manifest order; values may contain templates such as
 *                {@code {{ auth.client_id }}}
 */
public record PathRule(String prefix, Access access, Map<String, String> headers) {
    public PathRule {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(access, "access");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    }

    public PathRule(String prefix, Access access) {
        this(prefix, access, Map.of());
    }

    public boolean matches(String path) {
        return path.startsWith(prefix);
    }
}
