package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerState;
import io.portal.console.testing.SettableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The prober against a real peer list: it paces its handshakes and gets round to everyone. */
class ProberTest {
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    /** Peers "Peer 00" … with one address each, added at {@link #START}. */
    private static void addPeers(PortalConsole console, int count, Random random) {
        for (int i = 0; i < count; i++) {
            console.peers().add(Peer.added(randomId(random), String.format("Peer %02d", i),
                    List.of("127.0.0.1:" + (1000 + i)), START));
        }
    }

    private static PortalId randomId(Random random) {
        byte[] bytes = new byte[PortalId.BYTES];
        random.nextBytes(bytes);
        return PortalId.ofBytes(bytes);
    }

    /** A prober of the console's peers, 6 probes a tick, told about changes to the list as the service's is. */
    private static Prober prober(PortalConsole console, Predicate<Peer> reach, Duration interval, Clock clock) {
        return new Prober(console.peers(), console.database().ownCommits(), reach, interval, clock, 6);
    }

    /** Stands in for asking a peer: counts the probes, per peer and in all, and answers {@code reached}. */
    private static final class CountingReach implements Predicate<Peer> {
        final Map<PortalId, AtomicInteger> probes = new ConcurrentHashMap<>();
        final AtomicInteger done = new AtomicInteger();
        private final boolean reached;

        CountingReach(boolean reached) {
            this.reached = reached;
        }

        @Override
        public boolean test(Peer peer) {
            probes.computeIfAbsent(peer.id(), k -> new AtomicInteger()).incrementAndGet();
            done.incrementAndGet();
            return reached;
        }
    }

    @Test
    void startsAtMostItsBudgetPerTickAndReachesEveryPeerOnceARound() throws Exception {
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        Random random = new Random(3);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            addPeers(console, 40, random);
            console.peers().add(Peer.added(randomId(random), "No address", List.of(), START));

            CountingReach reach = new CountingReach(false);
            try (Prober prober = prober(console, reach, Duration.ofMinutes(1), clock)) {
                int total = 0;
                for (int round = 0; round < 7; round++) {
                    int started = prober.tick();
                    assertThat(started).isLessThanOrEqualTo(6);
                    total += started;
                    int expected = total;
                    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == expected);
                }
                assertThat(total).isEqualTo(40);
                // Not due again until its retry time: a further tick starts nothing.
                assertThat(prober.tick()).isZero();
            }
            assertThat(reach.probes).hasSize(40).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
        }
    }

    @Test
    void whenARoundTakesLongerThanTheIntervalThePeersAtTheEndOfTheListStillGetTheirTurn() throws Exception {
        // 40 reachable peers, 6 probes a tick, a tick every 2 s, each peer due again 10 s after its probe: the peers
        // at the top of the list are due again before the walk reaches the bottom.
        SettableClock clock = new SettableClock(START);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            addPeers(console, 40, new Random(5));
            CountingReach reach = new CountingReach(true);
            try (Prober prober = prober(console, reach, Duration.ofSeconds(10), clock)) {
                int total = 0;
                for (int tick = 0; tick < 12; tick++) {
                    total += prober.tick();
                    int expected = total;
                    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == expected);
                    clock.advance(Duration.ofSeconds(2));
                }
            }
            assertThat(reach.probes).as("peers probed at least once").hasSize(40);
        }
    }

    @Test
    void aProbeThatThrowsIsSettledAsUnreachableNotLeftRunning() throws Exception {
        SettableClock clock = new SettableClock(START);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            console.peers().add(Peer.added(randomId(new Random(9)), "Broken", List.of("127.0.0.1:1"), START));
            AtomicInteger calls = new AtomicInteger();
            try (Prober prober = prober(console, peer -> {
                calls.incrementAndGet();
                throw new IllegalStateException("the TLS stack broke");
            }, Duration.ofMinutes(1), clock)) {
                assertThat(prober.tick()).isEqualTo(1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == 1);
                assertThat(prober.tick()).as("not due before its first retry").isZero();
                clock.advance(Prober.FIRST_RETRY.plusSeconds(1));
                // Retried once the retry time has come, rather than stuck as being probed.
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.tick() == 1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == 2);
            }
        }
    }

    @Test
    void peersAddedRemovedOrBlockedAfterTheFirstTickAreTakenIntoAccount() throws Exception {
        SettableClock clock = new SettableClock(START);
        Random random = new Random(11);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            PortalId first = randomId(random);
            PortalId blocked = randomId(random);
            console.peers().add(Peer.added(first, "First", List.of("127.0.0.1:1001"), START));
            console.peers().add(Peer.added(blocked, "Soon blocked", List.of("127.0.0.1:1002"), START));
            CountingReach reach = new CountingReach(true);
            try (Prober prober = prober(console, reach, Duration.ofSeconds(10), clock)) {
                assertThat(prober.tick()).isEqualTo(2);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == 2);

                PortalId added = randomId(random);
                console.peers().add(Peer.added(added, "Added later", List.of("127.0.0.1:1003"), START));
                assertThat(prober.tick()).as("the new peer, at once").isEqualTo(1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == 3);
                assertThat(reach.probes).containsKey(added);

                console.peers().setState(blocked, PeerState.BLOCKED);
                console.peers().remove(first);
                clock.advance(Duration.ofSeconds(11));
                assertThat(prober.tick()).as("only the added peer is due again").isEqualTo(1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == 4);
                assertThat(reach.probes.get(added)).hasValue(2);
                assertThat(reach.probes.get(first)).hasValue(1);
                assertThat(reach.probes.get(blocked)).hasValue(1);
            }
        }
    }

    @Test
    void aPeerTheListSaysIsOfflineIsStillRecordedOfflineWhenAProbeFails() throws Exception {
        SettableClock clock = new SettableClock(START);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            PortalId id = randomId(new Random(13));
            console.peers().add(Peer.added(id, "Gone", List.of("127.0.0.1:1"), START));
            CountingReach reach = new CountingReach(false);
            try (Prober prober = prober(console, reach, Duration.ofMinutes(1), clock)) {
                assertThat(prober.tick()).isEqualTo(1); // reads the list: offline
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.settled() == 1);
                // Then a call from the peer marks it online (the listener does this), which the list does not re-read.
                console.peers().recordContact(id, true, START);
                clock.advance(Prober.FIRST_RETRY.plusSeconds(1));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.tick() == 1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                        () -> !console.peers().find(id).orElseThrow().online());
            }
        }
    }
}
