package io.portal.console.peering;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS connections that move several records per system call.
 *
 * <p>The JDK's {@link SSLEngine} seals or opens one record (at most 16 KiB of data) per call, and Jetty's
 * {@link SslConnection} writes each sealed record to the socket before sealing the next, and hands each opened
 * record to the HTTP layer before reading on. A body streaming through a Portal therefore crossed every TLS hop in
 * 16 KiB pieces: one {@code writev} per record on the sending side, one read and one chunk (so one write to the next
 * hop) per record on the receiving side. Here the connection's buffers hold {@link #RECORDS} records, and one
 * {@code wrap} or {@code unwrap} as Jetty sees it seals or opens as many as fit, so a 64 KiB chunk leaves in one
 * write and, read into {@link ForwardingClients#TLS_IO_BUFFER}, arrives as one chunk. Records are not changed: the
 * bytes on the wire are the same TLS 1.3 records.
 *
 * <p>Only records of application data are batched: while the engine has a handshake step to take (the handshake
 * itself, a key update, a close), each call does one step, as Jetty expects.
 */
public final class RecordBatching {
    /**
     * How many records a connection's buffers hold and one call seals or opens at most: a 64 KiB chunk (the size
     * bodies stream through in) takes five, as the JDK puts a little under 16 KiB in a record.
     */
    static final int RECORDS = 5;
    /** A TLS record starts with its type (1 byte), version (2) and length (2). */
    private static final int RECORD_HEADER = 5;

    private RecordBatching() {
    }

    /**
     * A buffer pool that keeps buffers of {@link #RECORDS} records: Jetty's default keeps none above 64 KiB, and a
     * connection would allocate its buffers anew for every read and write.
     */
    public static ByteBufferPool bufferPool() {
        return new ArrayByteBufferPool(0, 4096, 128 * 1024);
    }

    /**
     * For a listener: {@code new SslConnectionFactory(...)} whose connections batch records. Its server should have
     * a {@link #bufferPool()}.
     */
    public static SslConnectionFactory serverFactory(SslContextFactory.Server ssl, String next) {
        return new SslConnectionFactory(ssl, next) {
            @Override
            protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
                return new BatchingConnection(connector.getByteBufferPool(), connector.getExecutor(),
                        getSslContextFactory(), endPoint, engine, isDirectBuffersForEncryption(),
                        isDirectBuffersForDecryption());
            }
        };
    }

    /**
     * For a client: Jetty's TLS client connection factory whose connections batch records, on heap buffers. {@code
     * pool} should be a {@link #bufferPool()}.
     */
    public static SslClientConnectionFactory clientFactory(SslContextFactory.Client ssl, ByteBufferPool pool,
            Executor executor, ClientConnectionFactory next) {
        SslClientConnectionFactory factory = new SslClientConnectionFactory(ssl, pool, executor, next) {
            @Override
            protected SslConnection newSslConnection(EndPoint endPoint, SSLEngine engine) {
                return new BatchingConnection(getByteBufferPool(), getExecutor(), getSslContextFactory(), endPoint,
                        engine, isDirectBuffersForEncryption(), isDirectBuffersForDecryption());
            }
        };
        // The JDK's AES-GCM copies direct buffers into temporary arrays (and skips its fast path): heap buffers, as
        // the listeners use, cost less CPU and garbage per record.
        factory.setDirectBuffersForEncryption(false);
        factory.setDirectBuffersForDecryption(false);
        return factory;
    }

    /** Jetty's TLS connection, with buffers of {@link #RECORDS} records and a wrap and unwrap that fill them. */
    static final class BatchingConnection extends SslConnection {
        BatchingConnection(ByteBufferPool pool, Executor executor, SslContextFactory ssl, EndPoint endPoint,
                SSLEngine engine, boolean directEncrypted, boolean directDecrypted) {
            super(new Scaled(pool, engine), executor, ssl, endPoint, engine, directEncrypted, directDecrypted);
        }

        @Override
        protected SSLEngineResult wrap(SSLEngine engine, ByteBuffer[] input, ByteBuffer output) throws SSLException {
            return sealAll(engine, input, output);
        }

        @Override
        protected SSLEngineResult unwrap(SSLEngine engine, ByteBuffer input, ByteBuffer output) throws SSLException {
            return openAll(engine, input, output);
        }
    }

    /** Seals records from {@code input} into {@code output} while both have room for another; one result for all. */
    static SSLEngineResult sealAll(SSLEngine engine, ByteBuffer[] input, ByteBuffer output) throws SSLException {
        SSLEngineResult result = engine.wrap(input, output);
        if (!applicationData(result)) {
            return result;
        }
        int consumed = result.bytesConsumed();
        int produced = result.bytesProduced();
        int packet = engine.getSession().getPacketBufferSize();
        while (output.remaining() >= packet && hasRemaining(input)) {
            SSLEngineResult next = engine.wrap(input, output);
            consumed += next.bytesConsumed();
            produced += next.bytesProduced();
            if (!applicationData(next)) {
                // A step of the engine's own (a key update, a close) comes next: report it, with what was sealed.
                return new SSLEngineResult(next.getStatus() == Status.BUFFER_OVERFLOW ? Status.OK : next.getStatus(),
                        next.getHandshakeStatus(), consumed, produced);
            }
        }
        return new SSLEngineResult(Status.OK, HandshakeStatus.NOT_HANDSHAKING, consumed, produced);
    }

    /**
     * Opens records from {@code input} into {@code output} while the next record is complete and its data fits; one
     * result for all. Once data was opened, whatever stops the loop (a close, a handshake message) is left for the
     * next call, which the caller makes after it has taken the data.
     */
    static SSLEngineResult openAll(SSLEngine engine, ByteBuffer input, ByteBuffer output) throws SSLException {
        SSLEngineResult result = engine.unwrap(input, output);
        if (!applicationData(result) || result.bytesProduced() == 0) {
            return result;
        }
        int consumed = result.bytesConsumed();
        int produced = result.bytesProduced();
        HandshakeStatus handshake = HandshakeStatus.NOT_HANDSHAKING;
        int length;
        while ((length = nextRecordLength(input)) > 0 && output.remaining() >= length) {
            SSLEngineResult next = engine.unwrap(input, output);
            consumed += next.bytesConsumed();
            produced += next.bytesProduced();
            if (!applicationData(next) || next.bytesProduced() == 0) {
                // A close or a handshake message was read: the engine says so on the next call; its handshake status
                // (a key update to answer, say) is passed on now.
                handshake = next.getHandshakeStatus();
                break;
            }
        }
        return new SSLEngineResult(Status.OK, handshake, consumed, produced);
    }

    /**
     * The length of the TLS record at the start of {@code input} when all of it is there, else 0. A record's data is
     * shorter than the record, so {@code output} having that much room is enough for the engine.
     */
    static int nextRecordLength(ByteBuffer input) {
        int at = input.position();
        if (input.remaining() < RECORD_HEADER) {
            return 0;
        }
        int length = ((input.get(at + 3) & 0xff) << 8) | (input.get(at + 4) & 0xff);
        return input.remaining() >= RECORD_HEADER + length ? length : 0;
    }

    private static boolean applicationData(SSLEngineResult result) {
        return result.getStatus() == Status.OK && result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The buffers a TLS connection takes from the pool are sized for one record (its encrypted input and output, and
     * its decrypted input when the HTTP layer's buffer is too small); these hold {@link #RECORDS} once the handshake
     * is done. During the handshake they stay as they are: a connection that never completes one (anyone may open
     * one to a listener) holds no more than before.
     */
    private static final class Scaled extends ByteBufferPool.Wrapper {
        private final SSLEngine engine;

        Scaled(ByteBufferPool pool, SSLEngine engine) {
            super(pool);
            this.engine = engine;
        }

        @Override
        public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
            // The engine's session is a placeholder with protocol "NONE" until a handshake has completed.
            boolean established = !"NONE".equals(engine.getSession().getProtocol());
            return super.acquire(established ? size * RECORDS : size, direct);
        }
    }
}
