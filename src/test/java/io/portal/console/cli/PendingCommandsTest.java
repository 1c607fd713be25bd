package io.portal.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.PortalId;
import io.portal.console.store.PeerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingCommandsTest {
    @TempDir
    Path dir;
    private String out;
    private String err;
    private final PortalId carol = AppsCommandTest.id(7);
    private final PortalId dave = AppsCommandTest.id(9);

    @BeforeEach
    void strangersCalled() {
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            console.pending().record(carol, "Carol", "10.0.0.7:7461", Instant.parse("2026-11-28T10:00:00Z"));
            console.pending().record(dave, "Dave", "10.0.0.9", Instant.parse("2026-11-28T10:01:00Z"));
        }
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Cli.commandLine(new PrintWriter(o, true), new PrintWriter(e, true)).execute(all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void listsPendingRequestsAsTextAndJson() throws Exception {
        assertThat(run("peers", "pending")).isZero();
        assertThat(out).contains("Portal " + carol.shortId() + " wants to connect: \"Carol\" from 10.0.0.7:7461");
        assertThat(run("peers", "pending", "--json")).isZero();
        JsonNode list = Json.MAPPER.readTree(out);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("id").asText()).isEqualTo(dave.canonical());
        assertThat(list.get(1).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void acceptIgnoreAndBlockByPrefix() {
        assertThat(run("peers", "accept", carol.canonical().substring(0, 8).toLowerCase())).isZero();
        assertThat(out).contains("is now a peer at 10.0.0.7:7461");
        assertThat(run("peers", "accept", "ABC")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("at least 6");
        assertThat(run("peers", "block-pending", dave.display())).isZero();
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            assertThat(console.peers().find(carol).orElseThrow().state()).isEqualTo(PeerState.ACTIVE);
            assertThat(console.peers().find(dave).orElseThrow().state()).isEqualTo(PeerState.BLOCKED);
            assertThat(console.pending().listAll()).isEmpty();
        }
        assertThat(run("peers", "ignore", dave.canonical())).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("no pending request");
    }
}
