package io.portal.console.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Background work on a small pool of daemon threads; results delivered on the JavaFX thread.
 *
 * <p>One made {@link #holding()} keeps what it would hand to the FX thread until {@link #release()}: while a
 * window's content is built on another thread, the FX thread must not change the view-models' properties the views
 * are being bound to.
 */
public final class FxBackgroundExecutor implements BackgroundExecutor, AutoCloseable {
    private final ExecutorService pool;
    private final Object lock = new Object();
    /** What waits for {@link #release()}; null once released (or never held). */
    private List<Runnable> held;

    /** Delivers on the FX thread as soon as results are ready. */
    public FxBackgroundExecutor() {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "ui-background-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Delivers nothing to the FX thread until {@link #release()}. */
    public static FxBackgroundExecutor holding() {
        FxBackgroundExecutor executor = new FxBackgroundExecutor();
        executor.held = new ArrayList<>();
        return executor;
    }

    /** On the FX thread: runs what was held back, in order; from now on results go to the FX thread at once. */
    public void release() {
        List<Runnable> waiting;
        synchronized (lock) {
            waiting = held;
            held = null;
        }
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        pool.execute(() -> {
            try {
                T result = work.call();
                toFxThread(() -> onSuccess.accept(result));
            } catch (Exception e) {
                toFxThread(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread() && !isHolding()) {
            action.run();
        } else {
            toFxThread(action);
        }
    }

    /** How many deliveries wait for {@link #release()} (tests wait for work to be handed over). */
    int heldCount() {
        synchronized (lock) {
            return held == null ? 0 : held.size();
        }
    }

    private boolean isHolding() {
        synchronized (lock) {
            return held != null;
        }
    }

    private void toFxThread(Runnable action) {
        synchronized (lock) {
            if (held != null) {
                held.add(action);
                return;
            }
        }
        Platform.runLater(action);
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
