package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.Identity;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sealing and opening several TLS records per call, on two real engines that did a real handshake in memory. */
class RecordBatchingTest {
    private SSLEngine client;
    private SSLEngine server;
    private int packet;
    /** How much data the engine puts in one record (a little under 16 KiB). */
    private int record;

    @BeforeEach
    void handshake() throws Exception {
        Identity a = Identity.of(Ed25519Keys.generate());
        Identity b = Identity.of(Ed25519Keys.generate());
        PeerTls dialing = new PeerTls(a, PeerCertificate.create(a, Instant.now()));
        PeerTls listening = new PeerTls(b, PeerCertificate.create(b, Instant.now()));
        client = dialing.dialingContext().createSSLEngine(b.id().canonical(), 7461);
        client.setUseClientMode(true);
        server = listening.serverContext().createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        packet = client.getSession().getPacketBufferSize();
        ByteBuffer toServer = ByteBuffer.allocate(4 * packet);
        ByteBuffer toClient = ByteBuffer.allocate(4 * packet);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 100 && !(idle(client) && idle(server) && toServer.position() == 0
                && toClient.position() == 0); i++) {
            step(client, toClient, toServer);
            step(server, toServer, toClient);
        }
        assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(idle(client) && idle(server)).as("handshake finished").isTrue();

        // The engine alone seals one record per call: this is what the batching is for.
        ByteBuffer alone = ByteBuffer.allocate(RecordBatching.RECORDS * packet);
        SSLEngineResult single = client.wrap(ByteBuffer.wrap(randomBytes(64 * 1024)), alone);
        record = single.bytesConsumed();
        assertThat(record).isBetween(16 * 1024 - 64, 16 * 1024);
        alone.flip();
        assertThat(server.unwrap(alone, ByteBuffer.allocate(64 * 1024)).bytesProduced()).isEqualTo(record);
    }

    @Test
    void sealsA64KiBChunkInOneCallAndOpensItInOne() throws SSLException {
        // A 64 KiB chunk, as bodies stream through: five records.
        byte[] body = randomBytes(64 * 1024);
        ByteBuffer input = ByteBuffer.wrap(body);
        ByteBuffer wire = ByteBuffer.allocate(RecordBatching.RECORDS * packet);
        SSLEngineResult sealed = RecordBatching.sealAll(client, new ByteBuffer[] {input}, wire);
        assertThat(sealed.getStatus()).isEqualTo(Status.OK);
        assertThat(sealed.bytesConsumed()).isEqualTo(body.length);
        assertThat(input.hasRemaining()).isFalse();
        wire.flip();
        assertThat(sealed.bytesProduced()).isEqualTo(wire.remaining());
        assertThat(recordLengths(wire)).hasSize(5);

        ByteBuffer plain = ByteBuffer.allocate(RecordBatching.RECORDS * 16 * 1024);
        SSLEngineResult opened = RecordBatching.openAll(server, wire, plain);
        assertThat(opened.getStatus()).isEqualTo(Status.OK);
        assertThat(opened.bytesConsumed()).isEqualTo(sealed.bytesProduced());
        assertThat(opened.bytesProduced()).isEqualTo(body.length);
        assertThat(wire.hasRemaining()).isFalse();
        assertThat(bytes(plain)).isEqualTo(body);
    }

    @Test
    void sealsNoMoreThanTheOutputHasRoomFor() throws SSLException {
        byte[] body = randomBytes(6 * record);
        ByteBuffer input = ByteBuffer.wrap(body);
        ByteBuffer wire = ByteBuffer.allocate(2 * packet);
        SSLEngineResult sealed = RecordBatching.sealAll(client, new ByteBuffer[] {input}, wire);
        assertThat(sealed.getStatus()).isEqualTo(Status.OK);
        assertThat(sealed.bytesConsumed()).isEqualTo(2 * record);
        assertThat(input.remaining()).isEqualTo(4 * record);
    }

    @Test
    void leavesAPartialRecordForTheNextCall() throws SSLException {
        byte[] body = randomBytes(3 * record);
        ByteBuffer wire = ByteBuffer.allocate(RecordBatching.RECORDS * packet);
        RecordBatching.sealAll(client, new ByteBuffer[] {ByteBuffer.wrap(body)}, wire);
        wire.flip();
        int total = wire.remaining();
        int cut = total - 100;

        ByteBuffer received = ByteBuffer.allocate(total);
        received.put(wire.duplicate().limit(cut)).flip();
        ByteBuffer plain = ByteBuffer.allocate(8 * 16 * 1024);
        SSLEngineResult opened = RecordBatching.openAll(server, received, plain);
        assertThat(opened.getStatus()).isEqualTo(Status.OK);
        assertThat(opened.bytesProduced()).isEqualTo(2 * record);
        assertThat(received.remaining()).as("the partial third record stays").isEqualTo(cut - 2 * (total / 3));

        received.compact().put(wire.position(cut)).flip();
        SSLEngineResult rest = RecordBatching.openAll(server, received, plain);
        assertThat(rest.bytesProduced()).isEqualTo(record);
        assertThat(bytes(plain)).isEqualTo(body);
    }

    @Test
    void handsOverTheDataBeforeACloseAndReportsTheCloseOnTheNextCall() throws SSLException {
        byte[] body = randomBytes(record + 500);
        ByteBuffer wire = ByteBuffer.allocate(RecordBatching.RECORDS * packet);
        RecordBatching.sealAll(client, new ByteBuffer[] {ByteBuffer.wrap(body)}, wire);
        client.closeOutbound();
        SSLEngineResult close = RecordBatching.sealAll(client, new ByteBuffer[0], wire);
        assertThat(close.getStatus()).isEqualTo(Status.CLOSED);
        wire.flip();

        ByteBuffer plain = ByteBuffer.allocate(8 * 16 * 1024);
        SSLEngineResult opened = RecordBatching.openAll(server, wire, plain);
        assertThat(opened.getStatus()).isEqualTo(Status.OK);
        assertThat(opened.bytesProduced()).isEqualTo(body.length);
        assertThat(wire.hasRemaining()).as("the close_notify was read").isFalse();

        SSLEngineResult next = RecordBatching.openAll(server, wire, plain);
        assertThat(next.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(server.isInboundDone()).isTrue();
    }

    @Test
    void aKeyUpdateGoesOnItsOwnAndTheDataAfterItOpensWithTheNewKey() throws SSLException {
        byte[] before = randomBytes(2 * record);
        byte[] after = randomBytes(record);
        ByteBuffer wire = ByteBuffer.allocate(2 * RecordBatching.RECORDS * packet);
        RecordBatching.sealAll(client, new ByteBuffer[] {ByteBuffer.wrap(before)}, wire);
        client.beginHandshake(); // TLS 1.3: a key update
        SSLEngineResult update = RecordBatching.sealAll(client, new ByteBuffer[] {ByteBuffer.wrap(after)}, wire);
        assertThat(update.bytesConsumed()).as("the key update is sealed alone").isZero();
        assertThat(update.bytesProduced()).isPositive();
        runTasks(client);
        SSLEngineResult data = RecordBatching.sealAll(client, new ByteBuffer[] {ByteBuffer.wrap(after)}, wire);
        assertThat(data.bytesConsumed()).isEqualTo(after.length);
        wire.flip();

        ByteBuffer plain = ByteBuffer.allocate(8 * 16 * 1024);
        SSLEngineResult opened = RecordBatching.openAll(server, wire, plain);
        assertThat(opened.getStatus()).isEqualTo(Status.OK);
        assertThat(opened.bytesProduced()).as("the data before the update").isEqualTo(before.length);
        assertThat(opened.getHandshakeStatus()).as("the server is to answer the update")
                .isEqualTo(HandshakeStatus.NEED_WRAP);
        assertThat(wire.remaining()).as("the record after the update stays").isPositive();

        ByteBuffer answer = ByteBuffer.allocate(packet);
        server.wrap(new ByteBuffer[0], answer);
        runTasks(server);
        SSLEngineResult rest = RecordBatching.openAll(server, wire, plain);
        assertThat(rest.bytesProduced()).isEqualTo(after.length);
        assertThat(wire.hasRemaining()).isFalse();
        byte[] all = new byte[before.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(after, 0, all, before.length, after.length);
        assertThat(bytes(plain)).isEqualTo(all);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a loop that never ends fails the test
    void stopsAtACloseEvenWhenMoreBytesFollowIt() throws SSLException {
        byte[] body = randomBytes(1000);
        ByteBuffer wire = ByteBuffer.allocate(RecordBatching.RECORDS * packet);
        RecordBatching.sealAll(client, new ByteBuffer[] {ByteBuffer.wrap(body)}, wire);
        client.closeOutbound();
        RecordBatching.sealAll(client, new ByteBuffer[0], wire);
        // A well-formed record after the close_notify, which the engine no longer reads.
        wire.put((byte) 23).putShort((short) 0x0303).putShort((short) 40).put(new byte[40]);
        wire.flip();

        ByteBuffer plain = ByteBuffer.allocate(8 * 16 * 1024);
        SSLEngineResult opened = RecordBatching.openAll(server, wire, plain);
        assertThat(opened.getStatus()).isEqualTo(Status.OK);
        assertThat(opened.bytesProduced()).isEqualTo(body.length);
        assertThat(wire.remaining()).as("the bytes after the close stay").isEqualTo(45);
        assertThat(RecordBatching.openAll(server, wire, plain).getStatus()).isEqualTo(Status.CLOSED);
    }

    /** The TLS record lengths in {@code wire} (which is left as it was). */
    private static List<Integer> recordLengths(ByteBuffer wire) {
        List<Integer> lengths = new ArrayList<>();
        ByteBuffer b = wire.duplicate();
        while (b.remaining() >= 5) {
            b.get();
            b.getShort();
            int length = b.getShort() & 0xffff;
            lengths.add(length);
            b.position(b.position() + length);
        }
        return lengths;
    }

    private static byte[] bytes(ByteBuffer written) {
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private static boolean idle(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** One step of an engine's handshake: read what the other side sent, run tasks, write what it has to send. */
    private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        in.flip();
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        while (in.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(in, sink);
            runTasks(engine);
            if (r.getStatus() != Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
            runTasks(engine);
            if (r.getStatus() != Status.OK) {
                break;
            }
        }
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
