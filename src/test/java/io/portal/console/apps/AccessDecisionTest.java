package io.portal.console.apps;

import static io.portal.console.apps.AccessDecision.Direction.INCOMING;
import static io.portal.console.apps.AccessDecision.Direction.OUTGOING;
import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.apps.AccessDecision.Decision;
import io.portal.console.apps.AccessDecision.Denied;
import io.portal.console.apps.AccessDecision.Direction;
import io.portal.console.apps.AccessDecision.Reason;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerState;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessDecisionTest {
    static PortalId id(int n) {
        byte[] bytes = new byte[PortalId.BYTES];
        Arrays.fill(bytes, (byte) n);
        return PortalId.ofBytes(bytes);
    }

    private static final Peer ALICE = Peer.added(id(1), "Alice", List.of(), Instant.EPOCH);
    private static final Peer BOB = Peer.added(id(2), "Bob", List.of(), Instant.EPOCH);
    private static final Peer MALLORY = new Peer(id(3), "Mallory", List.of(), PeerState.BLOCKED, Instant.EPOCH,
            Optional.empty(), false);

    /** notes: "" private, /public/ public, /peer/ peer. */
    private static RegisteredApp notes(Sharing sharing) {
        return new RegisteredApp("notes", "", URI.create("http://127.0.0.1:3000"),
                ManifestParserTest.parsed("v1-paths.json"), sharing, Instant.EPOCH);
    }

    private static final Sharing ALICE_ONLY = Sharing.selected(Set.of(ALICE.id()));
    private static final Sharing EVERYONE_INCLUDING_MALLORY = Sharing.selected(Set.of(ALICE.id(), MALLORY.id()));

    static Stream<Arguments> table() {
        return Stream.of(
                // direction, sharing (null = app not installed), peer (null = unknown), path, expected (null = allowed)
                row(OUTGOING, Sharing.ALL, ALICE, "/anything", null),
                row(OUTGOING, ALICE_ONLY, ALICE, "/private/path/is/not/checked/here", null),
                row(OUTGOING, ALICE_ONLY, BOB, "/peer/", Reason.NOT_SHARED),
                row(OUTGOING, Sharing.NONE, ALICE, "/peer/", Reason.NOT_SHARED),
                row(OUTGOING, Sharing.ALL, null, "/peer/", Reason.UNKNOWN_PEER),
                row(OUTGOING, Sharing.ALL, MALLORY, "/peer/", Reason.PEER_BLOCKED),
                row(OUTGOING, EVERYONE_INCLUDING_MALLORY, MALLORY, "/peer/", Reason.PEER_BLOCKED),
                row(OUTGOING, null, ALICE, "/peer/", Reason.APP_NOT_INSTALLED),
                row(OUTGOING, null, null, "/peer/", Reason.UNKNOWN_PEER),

                row(INCOMING, Sharing.ALL, ALICE, "/peer/inbox", null),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/", null),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/inbox?from=x", null),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/public/page", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, null, Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "peer/inbox", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/../settings", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/%2e%2e/settings", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/./x", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/..%5csettings", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/%zz", Reason.NOT_PEER_PATH),
                row(INCOMING, ALICE_ONLY, ALICE, "/peer/..x/ok", null),
                row(INCOMING, ALICE_ONLY, BOB, "/peer/", Reason.NOT_SHARED),
                row(INCOMING, Sharing.NONE, ALICE, "/peer/", Reason.NOT_SHARED),
                row(INCOMING, Sharing.NONE, ALICE, "/", Reason.NOT_SHARED),
                row(INCOMING, Sharing.ALL, null, "/peer/", Reason.NOT_A_PEER),
                row(INCOMING, Sharing.ALL, MALLORY, "/peer/", Reason.PEER_BLOCKED),
                row(INCOMING, null, ALICE, "/peer/", Reason.APP_NOT_INSTALLED),
                row(INCOMING, null, MALLORY, "/peer/", Reason.PEER_BLOCKED),
                row(INCOMING, null, null, "/peer/", Reason.NOT_A_PEER));
    }

    private static Arguments row(Direction direction, Sharing sharing, Peer peer, String path, Reason expected) {
        return Arguments.of(direction, sharing == null ? "not installed" : sharing.mode() + " " + sharing.peers().size(),
                peer == null ? "unknown" : peer.name(), path, expected, sharing, peer);
    }

    @ParameterizedTest(name = "{0} app={1} peer={2} path={3} -> {4}")
    @MethodSource("table")
    void decides(Direction direction, String appLabel, String peerLabel, String path, Reason expected, Sharing sharing,
            Peer peer) {
        Decision decision = AccessDecision.decide(direction, Optional.ofNullable(sharing).map(AccessDecisionTest::notes),
                Optional.ofNullable(peer), path);
        if (expected == null) {
            assertThat(decision.allowed()).isTrue();
        } else {
            assertThat(decision).isInstanceOf(Denied.class);
            assertThat(((Denied) decision).reason()).isEqualTo(expected);
            assertThat(((Denied) decision).detail()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("noPeerPathApps")
    void anAppWithoutPeerPathsIsNeverReachableFromPeersEvenWhenShared(String fixture) {
        RegisteredApp app = new RegisteredApp("x", "", URI.create("http://127.0.0.1:1"),
                ManifestParserTest.parsed(fixture), Sharing.ALL, Instant.EPOCH);
        for (String path : List.of("/", "/peer/", "/public/", "")) {
            Decision decision = AccessDecision.decide(INCOMING, Optional.of(app), Optional.of(ALICE), path);
            assertThat(decision).isEqualTo(new Denied(Reason.NOT_PEER_PATH, ((Denied) decision).detail()));
        }
        assertThat(AccessDecision.decide(OUTGOING, Optional.of(app), Optional.of(ALICE), "/").allowed()).isTrue();
    }

    static Stream<String> noPeerPathApps() {
        return Stream.of("v0-minimal.json", "v3-entrypoints-no-port.json");
    }
}
