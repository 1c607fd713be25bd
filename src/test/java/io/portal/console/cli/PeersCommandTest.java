package io.portal.console.cli;

import static io.portal.console.peers.TestIds.id;
import static io.portal.console.peers.TestIds.idStartingWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portal.console.identity.PortalId;
import io.portal.console.peers.QrPictures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersCommandTest {
    @TempDir
    Path dir;
    String out;
    String err;

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    String listJson() {
        assertThat(run("peers", "list", "--json")).isZero();
        return out;
    }

    PortalId ownId() {
        run("id", "--json");
        try {
            return PortalId.ofCanonical(Json.MAPPER.readTree(out).get("id").asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void assertRefused(int code, String message, String before) {
        assertThat(code).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.strip()).isEqualTo("portal-console: " + message);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(out).isEmpty();
        assertThat(listJson()).isEqualTo(before);
    }

    @Test
    void addListAndJson() throws Exception {
        PortalId alice = id(2);
        assertThat(run("peers", "list")).isZero();
        assertThat(out).contains("No peers yet");
        assertThat(run("peers", "add", alice.display().toLowerCase(), "--name", "Alice",
                "--address", "alice.example.org:7443", "--address", "[2001:db8::1]:7443")).isZero();
        assertThat(out.strip()).isEqualTo("Added peer \u201cAlice\u201d (" + alice.display() + ").");
        assertThat(run("peers", "add", "portal:" + id(3).canonical() + "?name=Bob&addr=bob.lan:1")).isZero();

        assertThat(run("peers", "list")).isZero();
        assertThat(out).contains("Alice").contains(alice.shortId()).contains("never")
                .contains("alice.example.org:7443 [2001:db8::1]:7443").contains("Bob");

        JsonNode json = Json.MAPPER.readTree(listJson());
        assertThat(json).hasSize(2);
        JsonNode first = json.get(0);
        assertThat(first.get("id").asText()).isEqualTo(alice.canonical());
        assertThat(first.get("shortId").asText()).isEqualTo(alice.shortId());
        assertThat(first.get("name").asText()).isEqualTo("Alice");
        assertThat(first.get("addresses")).hasSize(2);
        assertThat(first.get("state").asText()).isEqualTo("active");
        assertThat(first.get("lastSeen").isNull()).isTrue();
        assertThat(json.get(1).get("addresses").get(0).asText()).isEqualTo("bob.lan:1");
    }

    @Test
    void addFromAnImageFile() throws Exception {
        PortalId carol = id(4);
        Path image = QrPictures.png(dir.resolve("carol.png"), carol.canonical());
        assertThat(run("peers", "add", image.toString())).isZero();
        assertThat(out).contains("Added peer \u201c" + carol.shortId() + "\u201d");
    }

    @Test
    void addRefusals() throws Exception {
        run("peers", "add", id(2).canonical(), "--name", "Alice");
        String before = listJson();
        String typo = id(3).canonical();
        typo = typo.substring(0, 20) + (typo.charAt(20) == 'A' ? 'B' : 'A') + typo.substring(21);
        assertRefused(run("peers", "add", typo), "Check character wrong in group 2: the typo is in characters 15 to 28.", before);
        assertRefused(run("peers", "add", "garbage text"), "Wrong length: found 11 characters, a Portal ID has 56.", before);
        assertRefused(run("peers", "add", "hello, world"), "Invalid character ',' at position 6: Portal IDs use only the letters A to Z and the digits 2 to 7.", before);
        assertRefused(run("peers", "add", "ABCDEFG"), "Wrong length: found 7 characters, a Portal ID has 56.", before);
        assertRefused(run("peers", "add", id(2).canonical()), "This Portal is already a peer, named \u201cAlice\u201d.", before);
        assertRefused(run("peers", "add", ownId().canonical()), "This is your own Portal's ID. Add a friend's Portal instead.", before);
        assertRefused(run("peers", "add", id(5).canonical(), "--address", "nowhere"),
                "\u2018nowhere\u2019 has no port: write host:port, for example portal.example.org:7443.", before);
        assertRefused(run("peers", "add", id(5).canonical(), "--name", "x".repeat(70)),
                "The peer's name is too long (70 characters; at most 64).", before);
        Path url = QrPictures.png(dir.resolve("url.png"), "https://example.org/hello");
        assertRefused(run("peers", "add", url.toString()), "This QR code is not a Portal ID (it contains: https://example.org/hello).", before);
        Path two = QrPictures.png(dir.resolve("two.png"), id(6).canonical(), id(7).canonical());
        assertThat(run("peers", "add", two.toString())).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("two.png holds 2 Portal IDs");
        Path text = Files.writeString(dir.resolve("notes.png"), "nothing");
        assertRefused(run("peers", "add", text.toString()), "notes.png is not a PNG, JPEG, GIF or BMP image.", before);
        assertRefused(run("peers", "add", dir.resolve("missing.png").toString()),
                "The file " + dir.resolve("missing.png") + " does not exist.", before);
    }

    @Test
    void removeRenameBlockUnblockByPrefix() throws Exception {
        PortalId alice = idStartingWith("M", 10);
        run("peers", "add", alice.canonical(), "--name", "Alice");

        assertThat(run("peers", "rename", alice.canonical().substring(0, 3).toLowerCase(), "Alice W")).isZero();
        assertThat(out.strip()).isEqualTo("Renamed \u201cAlice\u201d to \u201cAlice W\u201d (" + alice.shortId() + ").");
        assertThat(run("peers", "block", "m")).isZero();
        assertThat(out.strip()).isEqualTo("Blocked peer \u201cAlice W\u201d (" + alice.shortId() + ").");
        assertThat(listJson()).contains("\"blocked\"");
        assertThat(run("peers", "block", "m")).isZero();
        assertThat(out).contains("already blocked");
        assertThat(run("peers", "unblock", alice.display())).isZero();
        assertThat(out.strip()).isEqualTo("Unblocked peer \u201cAlice W\u201d (" + alice.shortId() + ").");
        assertThat(run("peers", "remove", alice.shortId())).isZero();
        assertThat(out.strip()).isEqualTo("Removed peer \u201cAlice W\u201d (" + alice.shortId() + ").");
        assertThat(listJson().strip()).isEqualTo("[ ]");
    }

    @Test
    void ambiguousAndUnknownPeersAreRefusedForEveryCommand() {
        PortalId first = idStartingWith("K", 10);
        PortalId second = idStartingWith("K", seedOf(first) + 1);
        run("peers", "add", first.canonical(), "--name", "Kim");
        run("peers", "add", second.canonical(), "--name", "Kai");
        String before = listJson();
        for (List<String> command : List.of(List.of("remove"), List.of("rename"), List.of("block"), List.of("unblock"))) {
            List<String> args = new ArrayList<>(List.of("peers"));
            args.addAll(command);
            List<String> ambiguous = new ArrayList<>(args);
            ambiguous.add("k");
            if (command.get(0).equals("rename")) {
                ambiguous.add("New");
            }
            int code = run(ambiguous.toArray(String[]::new));
            assertThat(err).contains("\u2018k\u2019 matches 2 peers").contains(first.shortId() + " Kim")
                    .contains(second.shortId() + " Kai");
            assertRefused(code, err.strip().substring("portal-console: ".length()), before);

            List<String> unknown = new ArrayList<>(args);
            unknown.add("ZZ");
            if (command.get(0).equals("rename")) {
                unknown.add("New");
            }
            assertRefused(run(unknown.toArray(String[]::new)), "No peer's ID starts with \u2018ZZ\u2019.", before);
        }
        assertRefused(run("peers", "rename", first.canonical(), ""), "The peer's name cannot be empty.", before);
        assertRefused(run("peers", "remove", "no such!"),
                "\u2018no such!\u2019 is neither a Portal ID nor the start of one. Invalid character '!' at position 7: "
                        + "Portal IDs use only the letters A to Z and the digits 2 to 7.", before);
        assertThat(run("peers", "rename", "k")).isEqualTo(ExitCodes.USAGE);
    }

    private static long seedOf(PortalId id) {
        for (long seed = 10; ; seed++) {
            if (io.portal.console.peers.TestIds.id(seed).equals(id)) {
                return seed;
            }
        }
    }
}
