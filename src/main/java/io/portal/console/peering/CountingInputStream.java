package io.portal.console.peering;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what passes and stops with {@link BodyTooLargeException} past a limit, so bodies stream without being held. */
public final class CountingInputStream extends FilterInputStream {
    private final AtomicLong count;
    private final long limit;

    public CountingInputStream(InputStream in, AtomicLong count, long limit) {
        super(in);
        this.count = count;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(long n) throws IOException {
        if (count.addAndGet(n) > limit) {
            throw new BodyTooLargeException(limit);
        }
    }

    /** Copies everything, returning how many bytes went. */
    public static long copy(InputStream in, java.io.OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
