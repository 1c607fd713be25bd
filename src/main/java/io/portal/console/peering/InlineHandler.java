package io.portal.console.peering;

import io.portal.console.apps.AccessCache;
import java.util.concurrent.Executor;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A listener's handler that answers calls on the I/O thread that read them, the way an event-driven proxy does:
 * no hand-over to a worker thread, no context switch per call. That holds while everything a call needs is in
 * memory ({@link AccessCache}); when something is not (the first call after a change, an unknown token, a body to
 * drain), the work throws {@link AccessCache.WouldWait} before it has done anything, and the request is handled again
 * from the start on a worker thread. Requests that are not calls always go to a worker.
 */
public abstract class InlineHandler extends Handler.Abstract.NonBlocking {
    private final Executor workers;

    protected InlineHandler(Executor workers) {
        this.workers = workers;
    }

    /** The listener's own threads, for work that may wait. */
    protected Executor workers() {
        return workers;
    }

    /** Whether a request may be tried on the I/O thread. */
    protected abstract boolean mayRunInline(Request request);

    /** Handles a request; may run on an I/O thread (see the class comment). Always takes the request. */
    protected abstract void process(Request request, Response response, Callback callback);

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        if (mayRunInline(request)) {
            try {
                AccessCache.withoutWaiting(() -> {
                    process(request, response, callback);
                    return null;
                });
                return true;
            } catch (AccessCache.WouldWait e) {
                // Handled below, from the start.
            }
        }
        workers.execute(() -> {
            try {
                process(request, response, callback);
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        });
        return true;
    }
}
