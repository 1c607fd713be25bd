package io.portal.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a pure but costly function gave for a key (a parsed ID, a parsed address), so a hot path computes
 * it once. Bounded: past its size it forgets everything and starts again, which costs one recomputation per key.
 * Safe for concurrent use; two threads may compute the same key at once, with the same result.
 */
public final class BoundedMemo<K, V> {
    private final int bound;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    public BoundedMemo(int bound) {
        this.bound = bound;
    }

    /** The value for a key; a null result is not remembered, and a function that throws leaves nothing behind. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V value = values.get(key);
        if (value == null) {
            value = compute.apply(key);
            if (value != null) {
                if (values.size() >= bound) {
                    values.clear();
                }
                values.put(key, value);
            }
        }
        return value;
    }
}
