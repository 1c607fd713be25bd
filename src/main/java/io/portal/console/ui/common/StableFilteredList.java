package io.portal.console.ui.common;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

/**
 * The elements of a source list that a predicate accepts, in the source's order.
 *
 * <p>Unlike {@link javafx.collections.transformation.FilteredList}, a new predicate is reported as the elements
 * that leave and the elements that join, not as "everything was replaced": a table keeps the cells and the scroll
 * position of the rows that stay. Put it over a list that is already sorted (a
 * {@link javafx.collections.transformation.SortedList}), so a new filter costs one pass over the source and never
 * a sort.
 */
public final class StableFilteredList<E> extends TransformationList<E, E> {
    /** The source indices of the shown elements, ascending; only the first {@link #size} count. */
    private int[] shown;
    private int size;
    private Predicate<? super E> predicate;

    /** All of the source, until {@link #setPredicate} says otherwise. */
    public StableFilteredList(ObservableList<? extends E> source) {
        super(source);
        shown = new int[Math.max(16, source.size())];
        size = source.size();
        for (int i = 0; i < size; i++) {
            shown[i] = i;
        }
    }

    public Predicate<? super E> getPredicate() {
        return predicate;
    }

    /** Shows only what the predicate accepts (everything when null) and reports which elements left and joined. */
    public void setPredicate(Predicate<? super E> predicate) {
        this.predicate = predicate;
        List<? extends E> source = getSource();
        int[] next = new int[Math.max(16, source.size())];
        int count = 0;
        for (int i = 0, n = source.size(); i < n; i++) {
            if (accepts(source.get(i))) {
                next[count++] = i;
            }
        }
        int[] old = shown;
        int oldSize = size;
        shown = next;
        size = count;

        // Both are ascending source indices over the same source: one merge gives the removals and additions.
        beginChange();
        int i = 0;
        int j = 0;
        int at = 0;
        while (i < oldSize || j < count) {
            int was = i < oldSize ? old[i] : Integer.MAX_VALUE;
            int now = j < count ? next[j] : Integer.MAX_VALUE;
            if (was == now) {
                i++;
                j++;
                at++;
            } else if (was < now) {
                nextRemove(at, source.get(was));
                i++;
            } else {
                nextAdd(at, at + 1);
                j++;
                at++;
            }
        }
        endChange();
    }

    private boolean accepts(E element) {
        return predicate == null || predicate.test(element);
    }

    @Override
    public E get(int index) {
        return getSource().get(getSourceIndex(index));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int getSourceIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return shown[index];
    }

    @Override
    public int getViewIndex(int index) {
        int at = firstAtOrAfter(index);
        return at < size && shown[at] == index ? at : -1;
    }

    /** The first position whose source index is at least the given one (binary search). */
    private int firstAtOrAfter(int sourceIndex) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (shown[mid] < sourceIndex) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends E> c) {
        beginChange();
        while (c.next()) {
            if (c.wasPermutated()) {
                permutate(c);
            } else if (c.wasUpdated()) {
                update(c);
            } else {
                addRemove(c);
            }
        }
        endChange();
    }

    private void permutate(ListChangeListener.Change<? extends E> c) {
        // The shown elements whose source indices lie in the permutated range sit side by side, and stay there.
        int from = firstAtOrAfter(c.getFrom());
        int to = firstAtOrAfter(c.getTo());
        if (to - from == 0) {
            return;
        }
        long[] moved = new long[to - from];
        for (int k = from; k < to; k++) {
            moved[k - from] = ((long) c.getPermutation(shown[k]) << 32) | (k - from);
        }
        Arrays.sort(moved);
        int[] permutation = new int[to - from];
        for (int r = 0; r < moved.length; r++) {
            shown[from + r] = (int) (moved[r] >>> 32);
            permutation[(int) moved[r]] = from + r;
        }
        nextPermutation(from, to, permutation);
    }

    private void update(ListChangeListener.Change<? extends E> c) {
        List<? extends E> source = getSource();
        for (int i = c.getFrom(); i < c.getTo(); i++) {
            int at = firstAtOrAfter(i);
            boolean wasShown = at < size && shown[at] == i;
            boolean isShown = accepts(source.get(i));
            if (wasShown && isShown) {
                nextUpdate(at);
            } else if (wasShown) {
                System.arraycopy(shown, at + 1, shown, at, size - at - 1);
                size--;
                nextRemove(at, source.get(i));
            } else if (isShown) {
                ensureCapacity(size + 1);
                System.arraycopy(shown, at, shown, at + 1, size - at);
                shown[at] = i;
                size++;
                nextAdd(at, at + 1);
            }
        }
    }

    private void addRemove(ListChangeListener.Change<? extends E> c) {
        int from = c.getFrom();
        int removedSize = c.getRemovedSize();
        int addedSize = c.getAddedSize();
        // Sub-changes come in ascending order, so [from, from + added) holds the added elements in the final source.
        int start = firstAtOrAfter(from);
        int end = firstAtOrAfter(from + removedSize);
        List<? extends E> removed = c.getRemoved();
        for (int k = start; k < end; k++) {
            nextRemove(start, removed.get(shown[k] - from));
        }

        List<? extends E> source = getSource();
        int[] added = new int[addedSize];
        int addedShown = 0;
        for (int i = from; i < from + addedSize; i++) {
            if (accepts(source.get(i))) {
                added[addedShown++] = i;
            }
        }
        int tail = size - end;
        int newSize = start + addedShown + tail;
        ensureCapacity(newSize);
        System.arraycopy(shown, end, shown, start + addedShown, tail);
        int shift = addedSize - removedSize;
        for (int k = start + addedShown; k < newSize; k++) {
            shown[k] += shift;
        }
        System.arraycopy(added, 0, shown, start, addedShown);
        size = newSize;
        if (addedShown > 0) {
            nextAdd(start, start + addedShown);
        }
    }

    private void ensureCapacity(int wanted) {
        if (wanted > shown.length) {
            shown = Arrays.copyOf(shown, Math.max(wanted, shown.length * 3 / 2));
        }
    }
}
