package io.portal.console.store;

import java.time.Instant;

/**
 * One call through the peer service.
 *
 * @param direction {@code out}: a local app called a peer; {@code in}: a peer called a local app
 * @param peerId    canonical ID of the other Portal (the caller for {@code in}), or the text the app gave when no peer matched
 * @param bytesIn   request body bytes received from the caller
 * @param bytesOut  response body bytes sent back to the caller
 * @param problem   the service's problem type when the service answered itself, else null
 */
public record ActivityEntry(Instant at, Direction direction, String peerId, String app, String method, String path,
        int status, long bytesIn, long bytesOut, long durationMs, String problem) {

    public enum Direction {
        OUT("out"), IN("in");

        private final String dbValue;

        Direction(String dbValue) {
            this.dbValue = dbValue;
        }

        public String dbValue() {
            return dbValue;
        }

        public static Direction ofDb(String value) {
            return value.equals("in") ? IN : OUT;
        }
    }
}
