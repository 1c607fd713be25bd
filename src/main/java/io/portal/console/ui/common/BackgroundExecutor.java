package io.portal.console.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (database, network, files) away from the UI thread and hands the outcome back on it.
 * The app uses a thread pool and the FX thread; tests run everything directly.
 */
public interface BackgroundExecutor {
    <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Runs a small piece of code on the UI thread. */
    void onUiThread(Runnable action);

    /** Runs everything on the calling thread: for view-model tests. */
    BackgroundExecutor DIRECT = new BackgroundExecutor() {
        @Override
        public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }
    };
}
