package io.portal.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javafx.beans.Observable;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ModifiableObservableListBase;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

class StableFilteredListTest {
    /** Replays every change the list reports on a plain copy, and notes anything that does not add up. */
    static final class Mirror<E> implements ListChangeListener<E> {
        final List<E> copy;
        final List<E> removed = new ArrayList<>();
        final List<E> added = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int events;
        int permutations;
        int updates;

        Mirror(ObservableList<E> list) {
            copy = new ArrayList<>(list);
            list.addListener(this);
        }

        @Override
        public void onChanged(Change<? extends E> c) {
            events++;
            while (c.next()) {
                if (c.wasPermutated()) {
                    permutations++;
                    List<E> before = new ArrayList<>(copy.subList(c.getFrom(), c.getTo()));
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        copy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                    }
                } else if (c.wasUpdated()) {
                    updates += c.getTo() - c.getFrom();
                } else {
                    List<E> gone = copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize());
                    if (!gone.equals(c.getRemoved())) {
                        problems.add("removed " + c.getRemoved() + " at " + c.getFrom() + " but the copy had " + gone);
                    }
                    removed.addAll(c.getRemoved());
                    gone.clear();
                    copy.addAll(c.getFrom(), c.getAddedSubList());
                    added.addAll(c.getAddedSubList());
                }
            }
            if (!copy.equals(c.getList())) {
                problems.add("after the change the copy is " + copy + " but the list is " + c.getList());
            }
        }

        void clearCounts() {
            removed.clear();
            added.clear();
            events = 0;
            permutations = 0;
            updates = 0;
        }
    }

    /** A list that can also reverse a part of itself, which it reports as a permutation of that part only. */
    static final class ReversibleList<E> extends ModifiableObservableListBase<E> {
        private final List<E> elements = new ArrayList<>();

        void reverse(int from, int to) {
            beginChange();
            java.util.Collections.reverse(elements.subList(from, to));
            int[] permutation = new int[to - from];
            for (int i = from; i < to; i++) {
                permutation[i - from] = to - 1 - (i - from);
            }
            nextPermutation(from, to, permutation);
            endChange();
        }

        @Override
        public E get(int index) {
            return elements.get(index);
        }

        @Override
        public int size() {
            return elements.size();
        }

        @Override
        protected void doAdd(int index, E element) {
            elements.add(index, element);
        }

        @Override
        protected E doSet(int index, E element) {
            return elements.set(index, element);
        }

        @Override
        protected E doRemove(int index) {
            return elements.remove(index);
        }
    }

    static <E> List<E> filter(List<E> source, Predicate<? super E> predicate) {
        return source.stream().filter(e -> predicate == null || predicate.test(e)).toList();
    }

    @Test
    void showsTheWholeSourceUntilAPredicateIsSet() {
        ObservableList<Integer> source = FXCollections.observableArrayList(5, 3, 9);
        StableFilteredList<Integer> list = new StableFilteredList<>(source);
        assertThat(list).containsExactly(5, 3, 9);
        assertThat(list.getPredicate()).isNull();
        assertThat(list.getSourceIndex(1)).isEqualTo(1);
        assertThatThrownBy(() -> list.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aNewPredicateReportsOnlyTheElementsThatLeaveAndJoin() {
        ObservableList<Integer> source = FXCollections.observableArrayList(IntStream.range(0, 30).boxed().toList());
        StableFilteredList<Integer> list = new StableFilteredList<>(source);
        list.setPredicate(n -> n % 2 == 0);
        Mirror<Integer> mirror = new Mirror<>(list);

        list.setPredicate(n -> n % 3 == 0);

        assertThat(list).containsExactly(0, 3, 6, 9, 12, 15, 18, 21, 24, 27);
        assertThat(mirror.problems).isEmpty();
        assertThat(mirror.copy).isEqualTo(list);
        assertThat(mirror.events).isEqualTo(1);
        // 0, 6, 12, 18, 24 match both: they are neither removed nor added.
        assertThat(mirror.removed).containsExactlyInAnyOrder(2, 4, 8, 10, 14, 16, 20, 22, 26, 28);
        assertThat(mirror.added).containsExactlyInAnyOrder(3, 9, 15, 21, 27);
        assertThat(list.getViewIndex(9)).isEqualTo(3);
        assertThat(list.getViewIndex(10)).isEqualTo(-1);
        assertThat(list.getSourceIndex(3)).isEqualTo(9);
    }

    @Test
    void aPredicateThatShowsTheSameElementsReportsNothing() {
        ObservableList<String> source = FXCollections.observableArrayList("ann", "bob", "cat");
        StableFilteredList<String> list = new StableFilteredList<>(source);
        list.setPredicate(s -> s.contains("a"));
        Mirror<String> mirror = new Mirror<>(list);

        list.setPredicate(s -> s.startsWith("a") || s.startsWith("c"));

        assertThat(list).containsExactly("ann", "cat");
        assertThat(mirror.events).isZero();
    }

    @Test
    void clearingThePredicateBringsBackTheHiddenElementsInPlace() {
        ObservableList<String> source = FXCollections.observableArrayList("ann", "bob", "cat", "dan");
        StableFilteredList<String> list = new StableFilteredList<>(source);
        list.setPredicate(s -> s.contains("a"));
        Mirror<String> mirror = new Mirror<>(list);

        list.setPredicate(null);

        assertThat(list).containsExactly("ann", "bob", "cat", "dan");
        assertThat(mirror.added).containsExactly("bob");
        assertThat(mirror.removed).isEmpty();
        assertThat(mirror.problems).isEmpty();
    }

    @Test
    void insertionsAndRemovalsInTheSourceKeepTheOrder() {
        ObservableList<String> source = FXCollections.observableArrayList("ann", "bob", "cat", "dan", "eve");
        StableFilteredList<String> list = new StableFilteredList<>(source);
        Predicate<String> withoutB = s -> !s.startsWith("b");
        list.setPredicate(withoutB);
        Mirror<String> mirror = new Mirror<>(list);

        source.add(2, "amy");
        source.add(0, "bea");
        source.add(0, "abe");
        assertThat(list).containsExactly("abe", "ann", "amy", "cat", "dan", "eve");
        source.remove("cat");
        source.remove("bob");
        source.removeAll("abe", "eve");
        source.addAll("fay", "bud", "gus");

        assertThat(list).isEqualTo(filter(source, withoutB)).containsExactly("ann", "amy", "dan", "fay", "gus");
        assertThat(mirror.problems).isEmpty();
        assertThat(mirror.copy).isEqualTo(list);
        assertThat(mirror.removed).containsExactlyInAnyOrder("cat", "abe", "eve");
    }

    @Test
    void aChangedElementJoinsLeavesOrIsReplacedInPlace() {
        ObservableList<String> source = FXCollections.observableArrayList("ann", "bob", "cat");
        StableFilteredList<String> list = new StableFilteredList<>(source);
        list.setPredicate(s -> !s.startsWith("b"));
        Mirror<String> mirror = new Mirror<>(list);

        source.set(1, "ben");
        assertThat(mirror.events).isZero();
        source.set(1, "bill");
        source.set(1, "amy");
        assertThat(list).containsExactly("ann", "amy", "cat");
        source.set(2, "cal");
        assertThat(list).containsExactly("ann", "amy", "cal");
        source.set(0, "bud");
        assertThat(list).containsExactly("amy", "cal");
        assertThat(mirror.problems).isEmpty();
        assertThat(mirror.copy).isEqualTo(list);
    }

    @Test
    void updatesReportedByTheSourceAreFilteredAgain() {
        record Item(String name, SimpleIntegerProperty score) {
        }
        ObservableList<Item> source = FXCollections.observableArrayList(i -> new Observable[] {i.score()});
        for (String name : List.of("a", "b", "c", "d")) {
            source.add(new Item(name, new SimpleIntegerProperty(1)));
        }
        StableFilteredList<Item> list = new StableFilteredList<>(source);
        list.setPredicate(i -> i.score().get() > 0);
        Mirror<Item> mirror = new Mirror<>(list);

        source.get(1).score().set(0);
        assertThat(list).extracting(Item::name).containsExactly("a", "c", "d");
        source.get(3).score().set(5);
        assertThat(mirror.updates).isEqualTo(1);
        source.get(1).score().set(2);
        assertThat(list).extracting(Item::name).containsExactly("a", "b", "c", "d");
        assertThat(mirror.problems).isEmpty();
        assertThat(mirror.copy).isEqualTo(list);
    }

    @Test
    void overASortedListANewOrderIsAPermutationAndAFilterNeverSorts() {
        ObservableList<String> rows = FXCollections.observableArrayList("dan", "Ann", "cat", "bob", "Eve", "amy");
        SortedList<String> sorted = new SortedList<>(rows);
        int[] compared = {0};
        Comparator<String> byName = (a, b) -> {
            compared[0]++;
            return a.compareToIgnoreCase(b);
        };
        sorted.setComparator(byName);
        StableFilteredList<String> list = new StableFilteredList<>(sorted);
        list.setPredicate(s -> s.length() == 3 && !s.equalsIgnoreCase("cat"));
        Mirror<String> mirror = new Mirror<>(list);
        assertThat(list).containsExactly("amy", "Ann", "bob", "dan", "Eve");

        compared[0] = 0;
        list.setPredicate(s -> s.toLowerCase().contains("a"));
        assertThat(list).containsExactly("amy", "Ann", "cat", "dan");
        assertThat(compared[0]).isZero();

        sorted.setComparator(byName.reversed());
        assertThat(list).containsExactly("dan", "cat", "Ann", "amy");
        assertThat(mirror.permutations).isEqualTo(1);
        assertThat(mirror.removed).containsExactlyInAnyOrder("bob", "Eve");

        rows.add("abe");
        rows.set(rows.indexOf("dan"), "zed");
        assertThat(list).containsExactly("cat", "Ann", "amy", "abe");
        assertThat(mirror.problems).isEmpty();
        assertThat(mirror.copy).isEqualTo(list);
    }

    @Test
    void randomEditsAlwaysShowWhatAFreshFilterWould() {
        Random random = new Random(20261129);
        ReversibleList<Integer> source = new ReversibleList<>();
        for (int i = 0; i < 200; i++) {
            source.add(random.nextInt(1000));
        }
        StableFilteredList<Integer> list = new StableFilteredList<>(source);
        Mirror<Integer> mirror = new Mirror<>(list);
        for (int step = 0; step < 3000; step++) {
            int n = source.size();
            switch (random.nextInt(9)) {
                case 0 -> source.add(random.nextInt(n + 1), random.nextInt(1000));
                case 1 -> {
                    if (n > 0) {
                        source.remove(random.nextInt(n));
                    }
                }
                case 2 -> {
                    if (n > 0) {
                        source.set(random.nextInt(n), random.nextInt(1000));
                    }
                }
                case 3 -> {
                    int from = random.nextInt(n + 1);
                    source.remove(from, Math.min(n, from + random.nextInt(5)));
                }
                case 4 -> source.addAll(random.nextInt(n + 1), List.of(random.nextInt(1000), random.nextInt(1000)));
                case 5 -> FXCollections.sort(source, random.nextBoolean() ? Comparator.naturalOrder()
                        : Comparator.<Integer>reverseOrder());
                case 6 -> {
                    if (n < 5) {
                        source.setAll(IntStream.range(0, 50).map(i -> random.nextInt(1000)).boxed().toList());
                    }
                }
                case 7 -> {
                    int from = random.nextInt(n + 1);
                    source.reverse(from, from + random.nextInt(n - from + 1));
                }
                default -> {
                    int divisor = 1 + random.nextInt(6);
                    list.setPredicate(random.nextInt(10) == 0 ? null : v -> v % divisor == 0);
                }
            }
            assertThat(list).as("step %d", step).isEqualTo(filter(source, list.getPredicate()));
            assertThat(mirror.problems).as("step %d", step).isEmpty();
            assertThat(mirror.copy).as("step %d", step).isEqualTo(list);
        }
    }
}
