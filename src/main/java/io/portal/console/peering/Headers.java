package io.portal.console.peering;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;

/** Which headers cross the service, and the ones it adds (docs/protocol.md, "Headers"). */
public final class Headers {
    public static final String CLIENT_TYPE = "X-Portal-Client-Type";
    public static final String PEER_ID = "X-Portal-Peer-Id";
    public static final String PEER_SHORT_ID = "X-Portal-Peer-Short-Id";
    public static final String PEER_NAME = "X-Portal-Peer-Name";
    /** Sent by the dialing service: the name its owner gave it (percent-encoded UTF-8). */
    public static final String SENDER_NAME = "X-Portal-Sender-Name";
    /** Sent by the dialing service: the port its peer listener is on, so a pending request can be dialled back. */
    public static final String SENDER_PORT = "X-Portal-Sender-Port";
    /** On answers the receiving service wrote itself (not the app): the problem's slug. */
    public static final String PROBLEM = "X-Portal-Problem";

    /** Hop-by-hop headers (RFC 9110 7.6.1) plus those the HTTP stacks set themselves. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "host", "content-length", "expect", "http2-settings");
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private Headers() {
    }

    /** Whether a caller's request header is forwarded to the peer (and from there to the app). */
    public static boolean forwardRequest(String name) {
        return forwardRequestLowerCase(name.toLowerCase(Locale.ROOT));
    }

    /** {@link #forwardRequest(String)} for a received field (whose lower-case name the HTTP stack keeps). */
    public static boolean forwardRequest(HttpField field) {
        return forwardRequestLowerCase(field.getLowerCaseName());
    }

    private static boolean forwardRequestLowerCase(String lower) {
        return !HOP_BY_HOP.contains(lower) && !CREDENTIALS.contains(lower) && !serviceHeader(lower);
    }

    /** Whether an app's response header is passed back towards the caller. */
    public static boolean forwardResponse(String name) {
        return forwardResponseLowerCase(name.toLowerCase(Locale.ROOT));
    }

    /** {@link #forwardResponse(String)} for a received field. */
    public static boolean forwardResponse(HttpField field) {
        return forwardResponseLowerCase(field.getLowerCaseName());
    }

    private static boolean forwardResponseLowerCase(String lower) {
        return !HOP_BY_HOP.contains(lower) && !serviceHeader(lower) && !lower.startsWith(":");
    }

    /** {@code X-Portal-*} and {@code X-Ptl-*}: only the service writes these; copies from anyone else are dropped. */
    public static boolean serviceHeader(String name) {
        return name.regionMatches(true, 0, "x-portal-", 0, 9) || name.regionMatches(true, 0, "x-ptl-", 0, 6);
    }

    /**
     * Makes any name fit in a header value: printable ASCII stays as it is, every other character and {@code %}
     * itself become percent-encoded UTF-8. Plain names read naturally; percent-decoding always gives the exact name.
     */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    public static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** Fills {@code {{ auth.client_id }}}-style templates; unknown variables become empty. */
    public static String fill(String template, Map<String, String> variables) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
