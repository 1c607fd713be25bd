package io.portal.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer the service writes itself: {@code application/problem+json} (RFC 9457). The {@code type} is
 * {@code urn:portal:problem:<slug>}, stable and listed in docs/app-developers.md and docs/protocol.md.
 */
public record Problem(int status, String slug, String title, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:portal:problem:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String type() {
        return TYPE_PREFIX + slug;
    }

    public byte[] json() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type());
        node.put("title", title);
        node.put("status", status);
        node.put("detail", detail);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Problem unauthorized() {
        return new Problem(401, "unauthorized", "Missing or unknown app token",
                "Send the token you got when the app was registered: 'Authorization: Bearer ptk_…'.");
    }
}
