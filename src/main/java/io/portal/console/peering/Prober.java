package io.portal.console.peering;

import io.portal.console.identity.PortalId;
import io.portal.console.store.Changes;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks every active peer {@code whoareyou} so the Peers screen can show online / offline / last seen. A reachable
 * peer is asked every interval; one that does not answer is retried after 15 s, then twice as long each time, up
 * to 8 intervals.
 *
 * <p>Each probe is a TLS handshake, so at most {@link #PER_TICK} start per tick (8 a second), the most overdue first:
 * with thousands of peers the rounds take longer than the interval instead of keeping the machine busy, every peer
 * still gets its turn, and peers that call in are marked seen by the listener anyway.
 *
 * <p>The peer list is read again only after a change to the setup (a peer added, removed, blocked or given other
 * addresses), not every tick: with thousands of peers that read was most of what an idle service did.
 */
public final class Prober implements AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofSeconds(2);
    static final int PER_TICK = 16;
    private static final Logger LOG = Logger.getLogger(Prober.class.getName());

    private final PeerRepository peers;
    private final Predicate<Peer> reach;
    private final int perTick;
    private final Duration interval;
    private final Clock clock;
    private final Map<PortalId, State> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "peer-prober"));
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> daemon(r, "peer-probe"));
    private final AutoCloseable subscription;
    private volatile boolean listChanged = true;
    private final AtomicInteger settled = new AtomicInteger();
    private List<Peer> list = List.of();

    private record State(Instant due, Duration backoff, boolean running) {
    }

    public Prober(PeerRepository peers, Changes changes, PeerClient client, Duration interval, Clock clock) {
        this(peers, changes, peer -> client.whoAreYou(peer).isPresent(), interval, clock, PER_TICK);
    }

    /** @param reach asks a peer who it is (blocking); true when it answered as itself */
    Prober(PeerRepository peers, Changes changes, Predicate<Peer> reach, Duration interval, Clock clock, int perTick) {
        this.peers = peers;
        this.subscription = changes.subscribeToSetup(() -> listChanged = true);
        this.reach = reach;
        this.interval = interval;
        this.clock = clock;
        this.perTick = perTick;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Probes a peer at the next tick (its address changed, or the owner asked). */
    public void probeSoon(PortalId id) {
        states.remove(id);
    }

    /**
     * Starts the probes that are due, most overdue first (never probed counts as most overdue), at most
     * {@code perTick}; returns how many it started. So every peer gets its turn however long the list.
     */
    int tick() {
        int started = 0;
        try {
            Instant now = clock.instant();
            Set<PortalId> current = new HashSet<>();
            List<Due> due = new ArrayList<>();
            if (listChanged) {
                listChanged = false; // before reading: a change made during the read is read at the next tick
                try {
                    list = peers.list();
                } catch (RuntimeException e) {
                    listChanged = true; // read again at the next tick
                    throw e;
                }
            }
            for (Peer peer : list) {
                current.add(peer.id());
                if (peer.blocked() || peer.addresses().isEmpty()) {
                    continue;
                }
                State state = states.get(peer.id());
                if (state == null) {
                    due.add(new Due(peer, Instant.MIN, Duration.ZERO));
                } else if (!state.running() && !state.due().isAfter(now)) {
                    due.add(new Due(peer, state.due(), state.backoff()));
                }
            }
            states.keySet().retainAll(current);
            due.sort(Comparator.comparing(Due::since));
            for (Due next : due.subList(0, Math.min(perTick, due.size()))) {
                states.put(next.peer().id(), new State(now, next.backoff(), true));
                workers.execute(() -> probe(next.peer(), next.backoff()));
                started++;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "probing peers failed", e);
        }
        return started;
    }

    private record Due(Peer peer, Instant since, Duration backoff) {
    }

    private void probe(Peer peer, Duration backoff) {
        boolean reached = false;
        try {
            reached = reach.test(peer);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "probing a peer failed", e);
        } finally {
            // Whatever happened, the peer is no longer being probed and gets a time for the next one.
            settle(peer, backoff, reached);
        }
    }

    private void settle(Peer peer, Duration backoff, boolean reached) {
        Instant now = clock.instant();
        if (reached) {
            states.put(peer.id(), new State(now.plus(interval), Duration.ZERO, false));
        } else {
            Duration next = backoff.isZero() ? FIRST_RETRY : backoff.multipliedBy(2);
            if (next.compareTo(interval.multipliedBy(8)) > 0) {
                next = interval.multipliedBy(8);
            }
            states.put(peer.id(), new State(now.plus(next), next, false));
        }
        // Whatever the list said: it is not re-read for presence, and a call received may have marked the peer online
        // since. For a peer that is already offline, recording "not reached" only reads.
        try {
            peers.recordContact(peer.id(), reached, now);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot record a probe", e);
        } finally {
            settled.incrementAndGet();
        }
    }

    /** How many probes have been settled (their outcome recorded, their next time set); for tests. */
    int settled() {
        return settled.get();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "cannot unsubscribe the prober", e);
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}
