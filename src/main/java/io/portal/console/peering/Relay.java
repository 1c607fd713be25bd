package io.portal.console.peering;

import io.portal.console.api.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Forwards one request received by a listener to the next hop and streams the answer back, without holding a
 * thread while bytes are on the way: the body flows from the listener's request into the client request as the
 * next hop takes it, and the answer's chunks are written to the caller as they come, each one asked for only when
 * the previous one has been written (so a slow caller or a slow next hop slows the other end, nothing piles up).
 *
 * <p>What differs between the two legs (where to send, which problem to answer when) is the {@link Route}.
 */
public final class Relay {
    /** At most this much of an answer the service wrote itself (a problem) is read to explain it. */
    private static final int PROBLEM_BODY_LIMIT = 16 * 1024;
    /** How much of a refused body is read and dropped so the 413 reaches the client (see {@link #drain}). */
    public static final long DRAIN_LIMIT = 16L << 20;

    /** The leg-specific decisions. */
    public interface Route {
        /**
         * The request to send next: first with {@code previous} empty, then after each failure that came before any
         * answer and before any byte of the body was taken (another address may do). Empty when there is none left.
         * Runs on I/O threads: must not wait (no database, no blocking I/O).
         */
        Optional<org.eclipse.jetty.client.Request> next(Optional<Throwable> previous);

        /** Whether an answer is the next hop's own (streamed through) rather than a problem to translate. */
        default boolean passThrough(org.eclipse.jetty.client.Response answer) {
            return true;
        }

        /** The problem to answer for an answer that is not passed through; {@code body} is its start. */
        default Problem translate(org.eclipse.jetty.client.Response answer, byte[] body) {
            throw new UnsupportedOperationException();
        }

        /** The problem to answer when the call failed before an answer (the last failure). */
        Problem failure(Throwable failure);

        /** Writes a problem of this service's own. */
        void answer(Problem problem, Response response, Callback callback);

        /** Runs exactly once, when the call is over whichever way. */
        void finished(int status, String slug, long bytesIn, long bytesOut);
    }

    private final Request incoming;
    private final Response response;
    private final Callback callback;
    private final Route route;
    private final long maxBodyBytes;
    private final long declaredLength;
    private final Duration answerTimeout;
    private final Scheduler scheduler;
    private final Executor executor;
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicBoolean bodyTouched = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile int status;
    private volatile String slug;

    private Relay(Request incoming, Response response, Callback callback, Route route, long maxBodyBytes,
            long declaredLength, Duration answerTimeout, Scheduler scheduler, Executor executor) {
        this.incoming = incoming;
        this.response = response;
        this.callback = callback;
        this.route = route;
        this.maxBodyBytes = maxBodyBytes;
        this.declaredLength = declaredLength;
        this.answerTimeout = answerTimeout;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /**
     * Starts relaying; returns at once. {@code callback} completes when the answer has been written (or failed).
     *
     * @param declaredLength the incoming body's length, 0 for none, -1 for chunked
     * @param answerTimeout  how long the next hop may take to start answering (then {@link AnswerTimeoutException})
     */
    public static void start(Request incoming, Response response, Callback callback, Route route, long maxBodyBytes,
            long declaredLength, Duration answerTimeout, Scheduler scheduler, Executor executor) {
        new Relay(incoming, response, callback, route, maxBodyBytes, declaredLength, answerTimeout, scheduler, executor)
                .attempt(Optional.empty());
    }

    private void attempt(Optional<Throwable> previous) {
        Optional<org.eclipse.jetty.client.Request> next;
        try {
            next = route.next(previous);
        } catch (RuntimeException e) {
            problem(route.failure(e));
            return;
        }
        if (next.isEmpty()) {
            problem(route.failure(previous.orElseGet(() -> new IOException("nowhere to send the call"))));
            return;
        }
        org.eclipse.jetty.client.Request outgoing = next.get();
        if (declaredLength != 0) {
            outgoing.body(new Body());
        }
        Scheduler.Task timer = scheduler.schedule(() -> outgoing.abort(new AnswerTimeoutException(answerTimeout)),
                answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        outgoing.send(new Answer(timer));
    }

    /**
     * The incoming request's body as the outgoing request's content: counted, capped, never held.
     *
     * <p>A caller that sent "Expect: 100-continue" gets its "100 Continue" when the body is first read, which the
     * client does once the next hop has been reached and the headers sent to it. Until a byte has been taken, a failed
     * attempt must leave the incoming body untouched: another address may be tried with it.
     */
    private final class Body implements org.eclipse.jetty.client.Request.Content {
        @Override
        public long getLength() {
            return declaredLength;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = incoming.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            int n = chunk.remaining();
            if (n > 0) {
                bodyTouched.set(true);
                if (bytesIn.addAndGet(n) > maxBodyBytes) {
                    chunk.release();
                    return Content.Chunk.from(new BodyTooLargeException(maxBodyBytes), true);
                }
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            incoming.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            // Failing the incoming body before any of it was taken would spoil it for the next attempt (the client
            // fails the content when it cannot connect, for one), and leave the caller nothing to be answered with.
            if (bodyTouched.get() && !(failure instanceof BodyTooLargeException)) {
                incoming.fail(failure);
            }
        }

        @Override
        public String getContentType() {
            return incoming.getHeaders().get(HttpHeader.CONTENT_TYPE);
        }

        @Override
        public boolean rewind() {
            return false;
        }
    }

    /** Follows the next hop's answer. */
    private final class Answer implements org.eclipse.jetty.client.Response.Listener {
        private final Scheduler.Task timer;
        private final Callback.Completable lastWrite = new Callback.Completable();
        private volatile boolean relaying;
        private volatile boolean answered;
        private final ByteArrayOutputStream problemBody = new ByteArrayOutputStream();

        Answer(Scheduler.Task timer) {
            this.timer = timer;
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response answer) {
            timer.cancel();
            answered = true;
            if (!route.passThrough(answer)) {
                return;
            }
            relaying = true;
            status = answer.getStatus();
            response.setStatus(status);
            boolean head = "HEAD".equals(incoming.getMethod());
            for (HttpField field : answer.getHeaders()) {
                if (Headers.forwardResponse(field)) {
                    response.getHeaders().add(field);
                }
            }
            long length = answer.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (length >= 0 && !head) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            }
        }

        @Override
        public void onContent(org.eclipse.jetty.client.Response answer, Content.Chunk chunk, Runnable demander) {
            if (!relaying) {
                ByteBuffer buffer = chunk.getByteBuffer();
                int room = PROBLEM_BODY_LIMIT - problemBody.size();
                if (room > 0) {
                    byte[] bytes = new byte[Math.min(room, buffer.remaining())];
                    buffer.get(bytes);
                    problemBody.writeBytes(bytes);
                }
                demander.run();
                return;
            }
            bytesOut.addAndGet(chunk.remaining());
            chunk.retain();
            response.write(false, chunk.getByteBuffer(), new Callback() {
                @Override
                public void succeeded() {
                    chunk.release();
                    demander.run();
                }

                @Override
                public void failed(Throwable failure) {
                    chunk.release();
                    answer.abort(failure);
                }

                @Override
                public InvocationType getInvocationType() {
                    return InvocationType.NON_BLOCKING;
                }
            });
        }

        @Override
        public void onSuccess(org.eclipse.jetty.client.Response answer) {
            if (relaying) {
                response.write(true, BufferUtil.EMPTY_BUFFER, lastWrite);
            }
        }

        @Override
        public void onComplete(Result result) {
            timer.cancel();
            if (relaying) {
                Throwable failure = result.getResponseFailure();
                if (failure == null) {
                    lastWrite.whenComplete((ignored, writeFailure) -> {
                        if (writeFailure == null) {
                            succeed();
                        } else {
                            fail(writeFailure);
                        }
                    });
                } else if (!response.isCommitted()) {
                    response.reset();
                    problem(route.failure(failure));
                } else {
                    fail(failure);
                }
            } else if (answered && result.getResponseFailure() == null) {
                problem(route.translate(result.getResponse(), problemBody.toByteArray()));
            } else {
                Throwable failure = result.getFailure();
                if (!answered && !bodyTouched.get() && !(failure instanceof AnswerTimeoutException)) {
                    attempt(Optional.of(failure));
                } else if (hasCause(failure, BodyTooLargeException.class)) {
                    // Answer only once the caller has sent (most of) the rest, or the answer may be lost to a reset.
                    executor.execute(() -> {
                        drain(incoming, DRAIN_LIMIT);
                        problem(route.failure(failure));
                    });
                } else {
                    problem(route.failure(failure));
                }
            }
        }
    }

    private void problem(Problem problem) {
        status = problem.status();
        slug = problem.slug();
        route.answer(problem, response, new Callback() {
            @Override
            public void succeeded() {
                succeed();
            }

            @Override
            public void failed(Throwable failure) {
                fail(failure);
            }
        });
    }

    private void succeed() {
        report();
        callback.succeeded();
    }

    private void fail(Throwable failure) {
        if (status > 0 && slug == null) {
            // The caller did not get the whole answer.
            status = 0;
        }
        report();
        callback.failed(failure);
    }

    private void report() {
        if (finished.compareAndSet(false, true)) {
            route.finished(status, slug, bytesIn.get(), bytesOut.get());
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound, so the client gets to read the answer: closing
     * a connection with unread bytes makes TCP reset it, and the answer can be lost. Bigger bodies are cut off.
     * Blocks: call it on a thread that may wait.
     */
    public static void drain(Request request, long limit) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < limit && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException | RuntimeException ignored) {
            // The client went away or the body was already consumed: nothing to drain.
        }
    }

    public static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The next hop did not start answering within the call timeout. */
    public static final class AnswerTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTimeoutException(Duration timeout) {
            super("no answer within " + timeout.toSeconds() + " s");
        }
    }
}
