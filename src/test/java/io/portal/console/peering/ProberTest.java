package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The prober against a real peer list: it paces its handshakes and gets round to everyone. */
class ProberTest {
    @TempDir
    Path dir;

    @Test
    void startsAtMostItsBudgetPerTickAndReachesEveryPeerOnceARound() throws Exception {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Random random = new Random(3);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            for (int i = 0; i < 40; i++) {
                byte[] bytes = new byte[PortalId.BYTES];
                random.nextBytes(bytes);
                console.peers().add(Peer.added(PortalId.ofBytes(bytes), "Peer " + i, List.of("127.0.0.1:" + (1000 + i)),
                        now));
            }
            byte[] bytes = new byte[PortalId.BYTES];
            random.nextBytes(bytes);
            console.peers().add(Peer.added(PortalId.ofBytes(bytes), "No address", List.of(), now));

            Map<PortalId, AtomicInteger> probes = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            try (Prober prober = new Prober(console.peers(), peer -> {
                probes.computeIfAbsent(peer.id(), k -> new AtomicInteger()).incrementAndGet();
                done.incrementAndGet();
                return false;
            }, Duration.ofMinutes(1), clock, 6)) {
                int total = 0;
                for (int round = 0; round < 7; round++) {
                    int started = prober.tick();
                    assertThat(started).isLessThanOrEqualTo(6);
                    total += started;
                    int expected = total;
                    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> done.get() == expected);
                }
                assertThat(total).isEqualTo(40);
                // Not due again until its retry time: a further tick starts nothing.
                assertThat(prober.tick()).isZero();
            }
            assertThat(probes).hasSize(40).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
        }
    }

    @Test
    void whenARoundTakesLongerThanTheIntervalThePeersAtTheEndOfTheListStillGetTheirTurn() throws Exception {
        // 40 reachable peers, 6 probes a tick, a tick every 2 s, each peer due again 10 s after its probe: the peers
        // at the top of the list are due again before the walk reaches the bottom.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Random random = new Random(5);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            for (int i = 0; i < 40; i++) {
                byte[] bytes = new byte[PortalId.BYTES];
                random.nextBytes(bytes);
                console.peers().add(Peer.added(PortalId.ofBytes(bytes), String.format("Peer %02d", i),
                        List.of("127.0.0.1:" + (1000 + i)), now.get()));
            }
            Map<PortalId, AtomicInteger> probes = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            try (Prober prober = new Prober(console.peers(), peer -> {
                probes.computeIfAbsent(peer.id(), k -> new AtomicInteger()).incrementAndGet();
                done.incrementAndGet();
                return true;
            }, Duration.ofSeconds(10), clock, 6)) {
                int total = 0;
                for (int tick = 0; tick < 12; tick++) {
                    total += prober.tick();
                    int expected = total;
                    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> done.get() == expected);
                    now.set(now.get().plusSeconds(2));
                }
            }
            assertThat(probes).as("peers probed at least once").hasSize(40);
        }
    }

    @Test
    void aProbeThatThrowsIsSettledAsUnreachableNotLeftRunning() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dir))) {
            byte[] bytes = new byte[PortalId.BYTES];
            new Random(9).nextBytes(bytes);
            console.peers().add(Peer.added(PortalId.ofBytes(bytes), "Broken", List.of("127.0.0.1:1"), now.get()));
            AtomicInteger calls = new AtomicInteger();
            try (Prober prober = new Prober(console.peers(), peer -> {
                calls.incrementAndGet();
                throw new IllegalStateException("the TLS stack broke");
            }, Duration.ofMinutes(1), clock, 6)) {
                assertThat(prober.tick()).isEqualTo(1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> calls.get() == 1);
                assertThat(prober.tick()).as("not due before its first retry").isZero();
                now.set(now.get().plus(Prober.FIRST_RETRY).plusSeconds(1));
                // Retried once the retry time has come, rather than stuck as being probed.
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> prober.tick() == 1);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> calls.get() == 2);
            }
        }
    }
}
