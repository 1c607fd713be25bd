package io.portal.console.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code serve}'s log lines: {@code 2026-11-29T09:03:33 INFO message}, then the stack trace of a failure if any. Made
 * by hand rather than by {@link java.util.logging.SimpleFormatter}, which parses a format string and walks the stack
 * for every line: {@code serve} logs one line per call.
 */
final class LineFormatter extends Formatter {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final ZoneId zone;
    private long stampedSecond = Long.MIN_VALUE;
    private String stamp = "";

    LineFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        StringBuilder line = new StringBuilder(message.length() + 32);
        line.append(stamp(record.getInstant())).append(' ').append(record.getLevel().getLocalizedName()).append(' ')
                .append(message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        } else {
            line.append(System.lineSeparator());
        }
        return line.toString();
    }

    private synchronized String stamp(Instant at) {
        long second = at.getEpochSecond();
        if (second != stampedSecond) {
            stamp = SECONDS.format(at.atZone(zone));
            stampedSecond = second;
        }
        return stamp;
    }
}
