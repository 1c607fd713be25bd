package io.portal.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.AppTokens;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsCommandTest {
    @TempDir
    Path dir;
    private String out;
    private String err;

    static PortalId id(int n) {
        byte[] bytes = new byte[PortalId.BYTES];
        Arrays.fill(bytes, (byte) n);
        return PortalId.ofBytes(bytes);
    }

    static String fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(AppsCommandTest.class.getResource("/manifests/" + name)).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void seedPeers() {
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            console.peers().add(Peer.added(id(1), "Alice", List.of(), Instant.EPOCH));
            console.peers().add(Peer.added(id(2), "Bob", List.of(), Instant.EPOCH));
            console.peers().add(Peer.added(id(3), "Carol", List.of(), Instant.EPOCH));
            console.peers().setState(id(3), PeerState.BLOCKED);
        }
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private String token() {
        return out.lines().filter(l -> l.startsWith("token: ")).findFirst().orElseThrow().substring(7);
    }

    @Test
    void addPrintsNameAndTokenOnce() {
        assertThat(run("apps", "add", fixture("v1-paths.json"))).isZero();
        assertThat(out).startsWith("name: notes\ntoken: ptk_");
        assertThat(err).contains("shown only once");
        String token = token();
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            assertThat(console.appRegistry().authenticate(token)).isPresent();
            assertThat(console.apps().find("notes").orElseThrow().url()).hasToString("http://127.0.0.1:3000");
        }
    }

    @Test
    void addWithUrlAndJson() throws Exception {
        assertThat(run("apps", "add", fixture("v3-entrypoints-no-port.json"), "--url", "http://127.0.0.1:8123",
                "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out);
        assertThat(json.get("name").asText()).isEqualTo("wiki");
        assertThat(json.get("url").asText()).isEqualTo("http://127.0.0.1:8123");
        assertThat(json.get("token").asText()).startsWith(AppTokens.PREFIX);
    }

    @Test
    void addRefusals() {
        assertThat(run("apps", "add", fixture("v3-entrypoints-no-port.json"))).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).isEqualTo("portal-console: app.json has no port; give --url\n");
        assertThat(run("apps", "add", fixture("v1-paths.json"), "--url", "127.0.0.1:3000")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).startsWith("portal-console: The app's URL must be an absolute http:// or https:// URL");
        assertThat(run("apps", "add", fixture("invalid-access.json"))).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).isEqualTo("portal-console: paths./peer/.access: must be one of public, private, peer\n");
        assertThat(run("apps", "add", fixture("invalid-syntax.json"))).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).startsWith("portal-console: app.json is not valid JSON (line 6, column 3)").hasLineCount(1);
        assertThat(run("apps", "add", dir.resolve("nope.json").toString())).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("no such file");
        assertThat(run("apps", "add", fixture("v1-paths.json"))).isZero();
        assertThat(run("apps", "add", fixture("v1-paths.json"))).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("An app named notes is registered already");
        assertThat(run("apps", "add")).isEqualTo(ExitCodes.USAGE);
        run("apps", "list", "--json");
        assertThat(out).contains("\"notes\"").doesNotContain("wiki");
    }

    @Test
    void listAsTextAndJson() throws Exception {
        assertThat(run("apps", "list")).isZero();
        assertThat(out).contains("No apps registered");
        run("apps", "add", fixture("v1-paths.json"));
        run("apps", "add", fixture("v0-minimal.json"));
        assertThat(run("share", "notes", "--peers", "aeaq, A1BA")).isZero();
        assertThat(run("apps", "list")).isZero();
        assertThat(out.lines().toList()).hasSize(3);
        assertThat(out).contains("hello-world").contains("selected (2 peers)").contains("http://127.0.0.1:3000");
        assertThat(run("apps", "list", "--json")).isZero();
        JsonNode apps = Json.MAPPER.readTree(out);
        assertThat(apps).hasSize(2);
        JsonNode notes = apps.get(1);
        assertThat(notes.get("name").asText()).isEqualTo("notes");
        assertThat(notes.get("description").asText()).startsWith("Markdown notes");
        assertThat(notes.get("url").asText()).isEqualTo("http://127.0.0.1:3000");
        assertThat(notes.get("peerPaths").toString()).isEqualTo("[\"/peer/\"]");
        assertThat(notes.get("sharing").get("mode").asText()).isEqualTo("selected");
        assertThat(notes.get("sharing").get("peers").toString())
                .isEqualTo("[\"" + id(1).canonical() + "\",\"" + id(2).canonical() + "\"]");
        assertThat(apps.get(0).get("sharing").toString()).isEqualTo("{\"mode\":\"none\",\"peers\":[]}");
    }

    @Test
    void shareModesAndShow() throws Exception {
        run("apps", "add", fixture("v1-paths.json"));
        assertThat(run("share", "show", "notes")).isZero();
        assertThat(out).isEqualTo("notes: none\nIt can see no peer now.\n");
        assertThat(run("share", "notes", "--all")).isZero();
        assertThat(out).startsWith("notes: all peers\nIt can see 2 peers now:\n").contains("Alice").doesNotContain("Carol");
        assertThat(run("share", "notes", "--peers", id(2).display().toLowerCase())).isZero();
        assertThat(out).startsWith("notes: selected (1 peer)\nIt can see 1 peer now:\n").contains("Bob");
        assertThat(run("share", "show", "notes", "--json")).isZero();
        JsonNode json = Json.MAPPER.readTree(out);
        assertThat(json.get("sharing").get("peers").get(0).asText()).isEqualTo(id(2).canonical());
        assertThat(json.get("visiblePeers").get(0).get("name").asText()).isEqualTo("Bob");
        assertThat(run("share", "notes", "--none")).isZero();
        assertThat(out).startsWith("notes: none");
    }

    @Test
    void sharePeerResolution() {
        run("apps", "add", fixture("v1-paths.json"));
        // id(1) is AEAQ… and id(2) is AIBA…: "A" is ambiguous, "ae-aq" (typed loosely) is unique.
        assertThat(run("share", "notes", "--peers", "A")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("A matches 3 peers").contains("Alice").contains("Bob");
        assertThat(run("share", "notes", "--peers", "ae-aq")).isZero();
        assertThat(out).contains("Alice");
        assertThat(run("share", "notes", "--peers", "ZZZZ")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).isEqualTo("portal-console: No peer's ID starts with ZZZZ.\n");
        assertThat(run("share", "notes", "--peers", "not!an id")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("is not a Portal ID");
        assertThat(run("share", "notes", "--peers", id(9).canonical())).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("No peer has the ID " + id(9).display());
        // Nothing changed by the refusals.
        run("share", "show", "notes");
        assertThat(out).startsWith("notes: selected (1 peer)");
    }

    @Test
    void shareRefusals() {
        assertThat(run("share", "nope", "--all")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).isEqualTo("portal-console: No app named nope is registered.\n");
        assertThat(run("share", "show", "nope")).isEqualTo(ExitCodes.REFUSED);
        assertThat(run("share", "notes")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("share", "notes", "--all", "--none")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void removeAndRotate() {
        run("apps", "add", fixture("v1-paths.json"));
        String first = token();
        assertThat(run("apps", "rotate-token", "notes")).isZero();
        String second = token();
        assertThat(second).isNotEqualTo(first);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            assertThat(console.appRegistry().authenticate(first)).isEmpty();
            assertThat(console.appRegistry().authenticate(second)).isPresent();
        }
        assertThat(run("apps", "rotate-token", "nope")).isEqualTo(ExitCodes.REFUSED);
        assertThat(run("apps", "remove", "notes")).isZero();
        assertThat(out).isEqualTo("Removed notes.\n");
        assertThat(run("apps", "remove", "notes")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).isEqualTo("portal-console: No app named notes is registered.\n");
    }
}
