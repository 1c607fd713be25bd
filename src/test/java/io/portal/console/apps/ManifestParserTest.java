package io.portal.console.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {
    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ManifestParserTest.class.getResource("/manifests/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static AppManifest parsed(String fixture) {
        ManifestResult result = ManifestParser.parse(fixture(fixture));
        assertThat(result).isInstanceOf(ManifestResult.Parsed.class);
        return ((ManifestResult.Parsed) result).manifest();
    }

    private static ManifestResult.Rejected rejected(ManifestResult result) {
        assertThat(result).isInstanceOf(ManifestResult.Rejected.class);
        return (ManifestResult.Rejected) result;
    }

    @Test
    void v0MinimalIsPrivateEverywhere() {
        AppManifest manifest = parsed("v0-minimal.json");
        assertThat(manifest.name()).isEqualTo("hello-world");
        assertThat(manifest.description()).isEqualTo("Says hello to whoever visits");
        assertThat(manifest.port()).isEqualTo(OptionalInt.of(80));
        assertThat(manifest.paths()).containsExactly(new PathRule("", Access.PRIVATE));
        assertThat(manifest.accessFor("/anything")).isEqualTo(Access.PRIVATE);
        assertThat(manifest.peerPaths()).isEmpty();
    }

    @Test
    void v0AuthenticationBecomesRulesAndPeerBeatsPublicOnTheSamePrefix() throws IOException {
        AppManifest manifest = parsed("v0-authentication.json");
        assertThat(manifest.paths()).containsExactly(
                new PathRule("", Access.PRIVATE),
                new PathRule("/public/", Access.PUBLIC),
                new PathRule("/static/", Access.PUBLIC),
                new PathRule("/peer/avatar", Access.PEER),
                new PathRule("/peer/", Access.PEER));
        assertThat(manifest.accessFor("/peer/avatar.png")).isEqualTo(Access.PEER);
        assertThat(manifest.accessFor("/static/app.css")).isEqualTo(Access.PUBLIC);
        assertThat(manifest.accessFor("/settings")).isEqualTo(Access.PRIVATE);
        assertThat(manifest.json()).isEqualTo(Files.readString(fixture("v0-authentication.json")));
    }

    @Test
    void v0PublicDefaultAccess() {
        AppManifest manifest = parse("{\"name\": \"blog\", \"port\": 2368, \"authentication\": "
                + "{\"default_access\": \"public\", \"public_paths\": null, \"peer_paths\": [\"/p/\"]}}");
        assertThat(manifest.accessFor("/post/1")).isEqualTo(Access.PUBLIC);
        assertThat(manifest.accessFor("/p/1")).isEqualTo(Access.PEER);
    }

    @Test
    void v1PathsWithHeaderTemplates() {
        AppManifest manifest = parsed("v1-paths.json");
        assertThat(manifest.name()).isEqualTo("notes");
        assertThat(manifest.port()).isEqualTo(OptionalInt.of(3000));
        assertThat(manifest.paths()).extracting(PathRule::prefix).containsExactly("", "/public/", "/peer/");
        assertThat(manifest.ruleFor("/").headers()).containsExactly(
                Map.entry("X-Ptl-Client-Id", "{{ client_id }}"), Map.entry("X-Ptl-Client-Name", "{{ client_name }}"));
        assertThat(manifest.ruleFor("/public/x").headers()).isEmpty();
        assertThat(manifest.peerPaths()).containsExactly(
                new PathRule("/peer/", Access.PEER, Map.of("X-Ptl-Client-Id", "{{ client_id }}")));
    }

    @Test
    void v2WithImageServicesAndLongestPrefixWinning() {
        AppManifest manifest = parsed("v2-services.json");
        assertThat(manifest.name()).isEqualTo("chat");
        assertThat(manifest.description()).isEqualTo("Chat rooms between Portals");
        assertThat(manifest.accessFor("/federation/send")).isEqualTo(Access.PEER);
        assertThat(manifest.accessFor("/federation/admin/users")).isEqualTo(Access.PRIVATE);
        assertThat(manifest.accessFor("/federation")).isEqualTo(Access.PRIVATE);
        assertThat(manifest.accessFor("/.well-known/x")).isEqualTo(Access.PUBLIC);
        assertThat(manifest.ruleFor("/federation/send").headers())
                .containsEntry("X-Ptl-Client-Type", "{{ auth.client_type }}");
    }

    @Test
    void v3WithDataDirObjectsLifecycleStoreInfoAndNulls() {
        AppManifest manifest = parsed("v3-store-info.json");
        assertThat(manifest.name()).isEqualTo("calendar");
        assertThat(manifest.description()).isEqualTo("Calendars and contacts, with free/busy for your peers");
        assertThat(manifest.port()).isEqualTo(OptionalInt.of(5232));
        assertThat(manifest.accessFor("/peer/freebusy/alice")).isEqualTo(Access.PEER);
        assertThat(manifest.peerPaths()).hasSize(1);
    }

    @Test
    void v3WithoutPortAndLongDescriptionAsString() {
        AppManifest manifest = parsed("v3-entrypoints-no-port.json");
        assertThat(manifest.port()).isEmpty();
        assertThat(manifest.description()).isEqualTo("A small wiki");
        assertThat(manifest.peerPaths()).isEmpty();
    }

    @Test
    void versionMayBeANumberAndUnknownLaterVersionsUsePaths() {
        assertThat(parse("{\"v\": 2, \"name\": \"a\", \"paths\": {\"/p/\": {\"access\": \"peer\"}}}").accessFor("/p/"))
                .isEqualTo(Access.PEER);
        assertThat(parse("{\"v\": \"4.2\", \"name\": \"a\", \"paths\": {\"\": {\"access\": \"public\"}}}")
                .accessFor("/")).isEqualTo(Access.PUBLIC);
    }

    @Test
    void noMatchingRuleMeansPrivate() {
        AppManifest manifest = parse("{\"v\": \"1.0\", \"name\": \"a\", \"paths\": {\"/p/\": {\"access\": \"peer\"}}}");
        assertThat(manifest.ruleFor("/other")).isEqualTo(new PathRule("", Access.PRIVATE));
        assertThat(manifest.accessFor(null)).isEqualTo(Access.PRIVATE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid-no-name.json          | name                         | name: is required
            invalid-name.json             | name                         | name: must be 1 to 63 characters from a-z, 0-9 and - (found "My App")
            invalid-port.json             | port                         | port: must be a whole number from 1 to 65535
            invalid-access.json           | paths./peer/.access          | paths./peer/.access: must be one of public, private, peer
            invalid-missing-access.json   | paths./api/.access           | paths./api/.access: is required
            invalid-header.json           | paths./x/.headers.X-User     | paths./x/.headers.X-User: must be a string
            invalid-peer-paths.json       | authentication.peer_paths[1] | authentication.peer_paths[1]: must be a string
            invalid-default-access.json   | authentication.default_access | authentication.default_access: must be one of public, private
            invalid-paths-type.json       | paths                        | paths: must be an object
            invalid-version.json          | v                            | v: must be a version number such as "1.0"
            invalid-prefix.json           | paths.peer/                  | paths.peer/: a path prefix must be empty or start with / (found "peer/")
            invalid-not-object.json       | ''                           | app.json must be a JSON object.
            """)
    void eachErrorNamesTheField(String fixture, String field, String message) {
        ManifestResult.Rejected rejected = rejected(ManifestParser.parse(fixture(fixture)));
        assertThat(rejected.field()).isEqualTo(field);
        assertThat(rejected.message()).isEqualTo(message);
    }

    @Test
    void notJsonIsRefusedWithLineAndColumn() {
        ManifestResult.Rejected rejected = rejected(ManifestParser.parse(fixture("invalid-syntax.json")));
        assertThat(rejected.field()).isEmpty();
        assertThat(rejected.message()).startsWith("app.json is not valid JSON (line 6, column 3)");
        assertThat(rejected.message()).doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name": "a", "port": 0}             | port
            {"name": "a", "port": "80a"}         | port
            {"name": "a", "port": 8080.5}        | port
            {"name": "a", "port": true}          | port
            {"name": ""}                         | name
            {"name": 7}                          | name
            {"name": "-ok-but-this-is-sixty-four-characters-long-aaaaaaaaaaaaaaaaaaaaaa"} | name
            {"name": "a", "description": 3}      | description
            {"name": "a", "authentication": []}  | authentication
            {"name": "a", "authentication": {"public_paths": "/x/"}} | authentication.public_paths
            {"v": "1.0", "name": "a", "paths": {"/x/": "peer"}} | paths./x/
            {"v": "1.0", "name": "a", "paths": {"": {"access": null}}} | paths."".access
            {"v": "1.0", "name": "a", "paths": {"/x/": {"access": "peer", "headers": ["a"]}}} | paths./x/.headers
            {"v": "1.0", "name": "a", "paths": {"/x/": {"access": "peer", "headers": {"Bad Name": "a"}}}} | paths./x/.headers.Bad Name
            {"v": true, "name": "a"}             | v
            """)
    void moreFieldErrors(String json, String field) {
        ManifestResult.Rejected rejected = rejected(ManifestParser.parse(json));
        assertThat(rejected.field()).isEqualTo(field);
        assertThat(rejected.message()).startsWith(field + ": ");
    }

    @Test
    void nullOptionalFieldsAreTolerated() {
        AppManifest manifest = parse("{\"v\": null, \"name\": \"a\", \"description\": null, \"port\": null, "
                + "\"authentication\": null, \"image\": null, \"store_info\": null}");
        assertThat(manifest.port()).isEmpty();
        assertThat(manifest.description()).isEmpty();
        assertThat(manifest.accessFor("/")).isEqualTo(Access.PRIVATE);
    }

    @Test
    void emptyAndTrailingGarbageAreRefused() {
        assertThat(rejected(ManifestParser.parse("  ")).message()).isEqualTo("app.json is empty.");
        assertThat(rejected(ManifestParser.parse("{\"name\": \"a\"} x")).message())
                .startsWith("app.json is not valid JSON (line 1, column");
    }

    @Test
    void fileProblemsAreRefusalsToo(@TempDir Path dir) throws IOException {
        assertThat(rejected(ManifestParser.parse(dir.resolve("missing.json"))).message())
                .isEqualTo("Cannot read " + dir.resolve("missing.json") + ": no such file.");
        assertThat(rejected(ManifestParser.parse(dir)).message()).contains("it is a folder");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(rejected(ManifestParser.parse(latin1)).message()).contains("not UTF-8");
    }

    private static AppManifest parse(String json) {
        ManifestResult result = ManifestParser.parse(json);
        assertThat(result).isInstanceOf(ManifestResult.Parsed.class);
        return ((ManifestResult.Parsed) result).manifest();
    }
}
