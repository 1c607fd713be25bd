package io.portal.console.peering;

import io.portal.console.store.ActivityEntry;
import io.portal.console.store.ActivityRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes activity off the request path: calls only enqueue; a background thread stores batches every
 * {@link #FLUSH_INTERVAL} and prunes old rows now and then. When the queue is full, entries are dropped
 * (and counted in the log) rather than slowing calls down.
 */
public final class ActivityRecorder implements AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    private static final int QUEUE = 10_000;
    private static final long PRUNE_EVERY_FLUSHES = 1200;
    private static final Logger LOG = Logger.getLogger(ActivityRecorder.class.getName());
    /** One line per call; {@code serve} shows them on stdout. */
    private static final Logger CALLS = Logger.getLogger("io.portal.console.calls");

    private final ActivityRepository repository;
    private final Clock clock;
    private final int maxRows;
    private final Duration maxAge;
    private final BlockingQueue<ActivityEntry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "activity-writer");
        t.setDaemon(true);
        return t;
    });
    private long flushes;
    private long dropped;

    public ActivityRecorder(ActivityRepository repository, Clock clock, int maxRows, Duration maxAge) {
        this.repository = repository;
        this.clock = clock;
        this.maxRows = maxRows;
        this.maxAge = maxAge;
        scheduler.execute(this::prune);
        scheduler.scheduleWithFixedDelay(this::flush, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void record(ActivityEntry entry) {
        if (CALLS.isLoggable(Level.INFO)) {
            CALLS.info(String.format("%s %s %s %s %s -> %d%s, %d B in, %d B out, %d ms",
                    entry.direction() == ActivityEntry.Direction.OUT ? "out to" : "in from",
                    entry.peerId().length() > 6 ? entry.peerId().substring(0, 6) : entry.peerId(), entry.app(),
                    entry.method(), entry.path(), entry.status(), entry.problem() == null ? "" : " (" + entry.problem() + ")",
                    entry.bytesIn(), entry.bytesOut(), entry.durationMs()));
        }
        if (!queue.offer(entry)) {
            synchronized (this) {
                dropped++;
            }
        }
    }

    private synchronized void flush() {
        List<ActivityEntry> batch = new ArrayList<>();
        queue.drainTo(batch);
        try {
            repository.insert(batch);
            if (dropped > 0) {
                LOG.warning(dropped + " activity entries were dropped: the writer could not keep up");
                dropped = 0;
            }
            if (++flushes % PRUNE_EVERY_FLUSHES == 0) {
                prune();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot store activity", e);
        }
    }

    private void prune() {
        try {
            repository.prune(maxRows, maxAge, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot prune activity", e);
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
