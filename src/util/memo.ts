/**
 * The one memo of the project: a pure function remembered by its argument, for the functions the
 * readers and rules call again and again with the same few values (a header label, a table title,
 * a code, a template table).
 */

/**
 * Remembered by its argument — a string or number — or by the key `keyOf` makes of its arguments,
 * bounded: when `maxEntries` are kept, the least recently used goes (a Map keeps insertion order; a
 * hit moves its entry to the end).
 */
export function memoize<A extends unknown[], V>(
  fn: (...args: A) => V,
  { maxEntries = 10_000, keyOf = (...args: A) => args[0] as string | number }: { maxEntries?: number; keyOf?: (...args: A) => string | number } = {},
): Memoized<A, V> {
  const kept = new Map<string | number, V>();
  const remembered = (...args: A): V => {
    const key = keyOf(...args);
    if (kept.has(key)) {
      const value = kept.get(key) as V;
      kept.delete(key);
      kept.set(key, value);
      return value;
    }
    const value = fn(...args);
    if (kept.size >= maxEntries) kept.delete(kept.keys().next().value!);
    kept.set(key, value);
    return value;
  };
  return Object.assign(remembered, { clear: () => kept.clear() });
}

/** A memoized function; `clear` forgets everything (a benchmark measuring with nothing remembered). */
export type Memoized<A extends unknown[], V> = ((...args: A) => V) & { clear(): void };

/** Remembered per object for as long as the object lives (a template table, a header grid). */
export function memoizeByObject<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const kept = new WeakMap<K, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as V;
    const value = fn(key);
    kept.set(key, value);
    return value;
  };
}
