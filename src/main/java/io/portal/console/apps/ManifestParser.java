package io.portal.console.apps;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.Messages;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Portal {@code app.json} as real apps ship it: v0 ({@code authentication} with default access and path
 * lists) and v1.0 and later ({@code paths} with access and headers per prefix). Fields the console does not need
 * (image, data_dirs, env_vars, services, lifecycle, store_info, …) are ignored, and {@code null} is accepted for
 * every optional field. A refusal names the offending field.
 */
public final class ManifestParser {
    /** app.json files are a few kilobytes; anything this large is not one. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("(\\d+)(\\.\\d+)*");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestParser() {
    }

    /** Thrown inside the parser to stop at the first problem; never leaves it. */
    private static final class Refusal extends Exception {
        private final String field;

        Refusal(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    public static ManifestResult parse(Path file) {
        String json;
        try {
            if (Files.isDirectory(file)) {
                return new ManifestResult.Rejected("", Messages.get("manifest.error.directory", file));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                return new ManifestResult.Rejected("", Messages.get("manifest.error.tooLarge", file));
            }
            json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            return new ManifestResult.Rejected("", Messages.get("manifest.error.missing", file));
        } catch (CharacterCodingException e) {
            return new ManifestResult.Rejected("", Messages.get("manifest.error.encoding", file));
        } catch (IOException e) {
            return new ManifestResult.Rejected("", Messages.get("manifest.error.read", file, e.getMessage()));
        }
        return parse(json);
    }

    public static ManifestResult parse(String json) {
        try {
            return new ManifestResult.Parsed(read(json));
        } catch (Refusal refusal) {
            return new ManifestResult.Rejected(refusal.field, refusal.getMessage());
        }
    }

    private static AppManifest read(String json) throws Refusal {
        JsonNode root = tree(json);
        if (!root.isObject()) {
            throw new Refusal("", Messages.get("manifest.error.notObject"));
        }
        int major = majorVersion(root.get("v"));
        String name = name(root.get("name"));
        String description = description(root);
        OptionalInt port = port(root.get("port"));
        List<PathRule> paths;
        if (major >= 1 || (isAbsent(root.get("authentication")) && !isAbsent(root.get("paths")))) {
            paths = paths(root.get("paths"));
        } else {
            paths = authentication(root.get("authentication"));
        }
        return new AppManifest(name, description, port, paths, json);
    }

    private static JsonNode tree(String json) throws Refusal {
        if (json == null || json.isBlank()) {
            throw new Refusal("", Messages.get("manifest.error.empty"));
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String problem = e.getOriginalMessage();
            int cut = problem.indexOf('\n');
            throw new Refusal("", Messages.get("manifest.error.json", at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), cut < 0 ? problem : problem.substring(0, cut)));
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static int majorVersion(JsonNode v) throws Refusal {
        if (isAbsent(v)) {
            return 0;
        }
        String text;
        if (v.isTextual()) {
            text = v.asText().strip();
        } else if (v.isIntegralNumber() || v.isFloatingPointNumber()) {
            text = v.asText();
        } else {
            throw new Refusal("v", Messages.get("manifest.error.version", "v"));
        }
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.matches() || matcher.group(1).length() > 4) {
            throw new Refusal("v", Messages.get("manifest.error.version", "v"));
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String name(JsonNode node) throws Refusal {
        if (isAbsent(node)) {
            throw new Refusal("name", Messages.get("manifest.error.required", "name"));
        }
        if (!node.isTextual()) {
            throw new Refusal("name", Messages.get("manifest.error.string", "name"));
        }
        String name = node.asText();
        if (!NAME.matcher(name).matches()) {
            throw new Refusal("name", Messages.get("manifest.error.name", "name", name));
        }
        return name;
    }

    private static String description(JsonNode root) throws Refusal {
        JsonNode description = root.get("description");
        if (!isAbsent(description)) {
            if (!description.isTextual()) {
                throw new Refusal("description", Messages.get("manifest.error.string", "description"));
            }
            return description.asText().strip();
        }
        // store_info is store metadata the console otherwise ignores; a short description is all it borrows.
        JsonNode storeInfo = root.get("store_info");
        if (storeInfo != null && storeInfo.isObject()) {
            JsonNode shortDescription = storeInfo.get("description_short");
            if (shortDescription != null && shortDescription.isTextual()) {
                return shortDescription.asText().strip();
            }
        }
        return "";
    }

    private static OptionalInt port(JsonNode node) throws Refusal {
        if (isAbsent(node)) {
            return OptionalInt.empty();
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().strip().matches("\\d{1,5}")) {
            value = Long.parseLong(node.asText().strip());
        } else {
            throw new Refusal("port", Messages.get("manifest.error.port", "port"));
        }
        if (value < 1 || value > 65_535) {
            throw new Refusal("port", Messages.get("manifest.error.port", "port"));
        }
        return OptionalInt.of((int) value);
    }

    /** v0: a default access and lists of public and peer prefixes; a peer prefix beats an equal public one. */
    private static List<PathRule> authentication(JsonNode node) throws Refusal {
        Map<String, Access> rules = new LinkedHashMap<>();
        if (isAbsent(node)) {
            rules.put("", Access.PRIVATE);
            return toRules(rules);
        }
        if (!node.isObject()) {
            throw new Refusal("authentication", Messages.get("manifest.error.object", "authentication"));
        }
        JsonNode defaultAccess = node.get("default_access");
        String field = "authentication.default_access";
        if (isAbsent(defaultAccess)) {
            rules.put("", Access.PRIVATE);
        } else if (defaultAccess.isTextual() && (defaultAccess.asText().equals("public")
                || defaultAccess.asText().equals("private"))) {
            rules.put("", Access.ofManifestValue(defaultAccess.asText()).orElseThrow());
        } else {
            throw new Refusal(field, Messages.get("manifest.error.defaultAccess", field));
        }
        for (String prefix : prefixes(node.get("public_paths"), "authentication.public_paths")) {
            rules.put(prefix, Access.PUBLIC);
        }
        for (String prefix : prefixes(node.get("peer_paths"), "authentication.peer_paths")) {
            rules.put(prefix, Access.PEER);
        }
        return toRules(rules);
    }

    private static List<PathRule> toRules(Map<String, Access> rules) {
        List<PathRule> list = new ArrayList<>();
        rules.forEach((prefix, access) -> list.add(new PathRule(prefix, access)));
        return list;
    }

    private static List<String> prefixes(JsonNode node, String field) throws Refusal {
        List<String> prefixes = new ArrayList<>();
        if (isAbsent(node)) {
            return prefixes;
        }
        if (!node.isArray()) {
            throw new Refusal(field, Messages.get("manifest.error.list", field));
        }
        for (int i = 0; i < node.size(); i++) {
            String element = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new Refusal(element, Messages.get("manifest.error.string", element));
            }
            prefixes.add(prefix(item.asText(), element));
        }
        return prefixes;
    }

    private static String prefix(String prefix, String field) throws Refusal {
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            throw new Refusal(field, Messages.get("manifest.error.prefix", field, prefix));
        }
        return prefix;
    }

    /** v1.0 and later: {@code paths: {prefix: {access, headers}}}. */
    private static List<PathRule> paths(JsonNode node) throws Refusal {
        List<PathRule> rules = new ArrayList<>();
        if (isAbsent(node)) {
            return rules;
        }
        if (!node.isObject()) {
            throw new Refusal("paths", Messages.get("manifest.error.object", "paths"));
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String field = "paths." + (entry.getKey().isEmpty() ? "\"\"" : entry.getKey());
            String prefix = prefix(entry.getKey(), field);
            JsonNode rule = entry.getValue();
            if (rule == null || !rule.isObject()) {
                throw new Refusal(field, Messages.get("manifest.error.object", field));
            }
            rules.add(new PathRule(prefix, access(rule.get("access"), field + ".access"),
                    headers(rule.get("headers"), field + ".headers")));
        }
        return rules;
    }

    private static Access access(JsonNode node, String field) throws Refusal {
        if (isAbsent(node)) {
            throw new Refusal(field, Messages.get("manifest.error.required", field));
        }
        if (!node.isTextual()) {
            throw new Refusal(field, Messages.get("manifest.error.access", field));
        }
        return Access.ofManifestValue(node.asText())
                .orElseThrow(() -> new Refusal(field, Messages.get("manifest.error.access", field)));
    }

    private static Map<String, String> headers(JsonNode node, String field) throws Refusal {
        Map<String, String> headers = new LinkedHashMap<>();
        if (isAbsent(node)) {
            return headers;
        }
        if (!node.isObject()) {
            throw new Refusal(field, Messages.get("manifest.error.object", field));
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String header = field + "." + entry.getKey();
            if (!HEADER_NAME.matcher(entry.getKey()).matches()) {
                throw new Refusal(header, Messages.get("manifest.error.headerName", header));
            }
            if (entry.getValue() == null || !entry.getValue().isTextual()) {
                throw new Refusal(header, Messages.get("manifest.error.string", header));
            }
            headers.put(entry.getKey(), entry.getValue().asText());
        }
        return headers;
    }
}
