package io.portal.console.ui.peers;

import io.portal.console.identity.PortalId;
import io.portal.console.peers.PeerBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fresh read of the peers changes in the rows held so far, worked out away from the UI thread so that only
 * the changed rows are touched on it. Rows that show the same as before are kept, not rebuilt.
 *
 * @param all          every row, in the order read: the rows kept and the new ones
 * @param replacedAt   positions (in the rows held) of rows that show something else now
 * @param replacements the new row for each of those positions
 * @param removedAt    positions of rows whose peer is gone, highest first
 * @param added        rows for peers that are new
 */
record RowChanges(List<PeerRow> all, int[] replacedAt, List<PeerRow> replacements, int[] removedAt,
        List<PeerRow> added) {

    static RowChanges between(List<PeerRow> held, List<PeerBook.Listing> listings, Instant now) {
        Map<PortalId, Integer> positions = new HashMap<>(held.size() * 4 / 3 + 1);
        for (int i = 0; i < held.size(); i++) {
            positions.put(held.get(i).peer().id(), i);
        }
        boolean[] seen = new boolean[held.size()];
        List<PeerRow> all = new ArrayList<>(listings.size());
        List<Integer> replacedAt = new ArrayList<>();
        List<PeerRow> replacements = new ArrayList<>();
        List<PeerRow> added = new ArrayList<>();
        for (PeerBook.Listing listing : listings) {
            Integer at = positions.get(listing.peer().id());
            if (at != null && held.get(at).shows(listing, now)) {
                seen[at] = true;
                all.add(held.get(at));
                continue;
            }
            PeerRow row = new PeerRow(listing, now);
            all.add(row);
            if (at == null) {
                added.add(row);
            } else {
                seen[at] = true;
                replacedAt.add(at);
                replacements.add(row);
            }
        }
        List<Integer> removedAt = new ArrayList<>();
        for (int i = held.size() - 1; i >= 0; i--) {
            if (!seen[i]) {
                removedAt.add(i);
            }
        }
        return new RowChanges(all, ints(replacedAt), replacements, ints(removedAt), added);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How many rows change. */
    int count() {
        return replacedAt.length + removedAt.length + added.size();
    }
}
