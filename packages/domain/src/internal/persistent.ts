/**
 * Persistent collections for deciders' states: adding to one gives a new collection and leaves the old one as it
 * was, at a cost that does not grow with the collection (a fold of n events stays linear). They hold their data in
 * private fields, so deep equality (vitest, chai) compares what they iterate.
 */
import { HashMap, Option } from "effect"

const CHUNK = 64

/**
 * An append-only sequence: `append` copies at most one chunk of 64 items, and the chunk index once every 64 appends.
 * Iterates in order; `at`, `find`, `some`, `filter`, `map` as on arrays.
 */
export class Sequence<T> implements Iterable<T> {
  readonly #chunks: ReadonlyArray<ReadonlyArray<T>>
  readonly #tail: ReadonlyArray<T>

  private constructor(chunks: ReadonlyArray<ReadonlyArray<T>>, tail: ReadonlyArray<T>) {
    this.#chunks = chunks
    this.#tail = tail
  }

  /** An empty sequence. */
  static empty<T>(): Sequence<T> {
    return new Sequence<T>([], [])
  }

  /** A sequence of the items, in order. */
  static from<T>(items: Iterable<T>): Sequence<T> {
    let s = Sequence.empty<T>()
    for (const item of items) s = s.append(item)
    return s
  }

  /** The number of items. */
  get length(): number {
    return this.#chunks.length * CHUNK + this.#tail.length
  }

  /** A new sequence with `item` at the end. */
  append(item: T): Sequence<T> {
    if (this.#tail.length < CHUNK - 1) return new Sequence(this.#chunks, [...this.#tail, item])
    return new Sequence([...this.#chunks, [...this.#tail, item]], [])
  }

  /** The item at `index` (negative counts from the end), or undefined. */
  at(index: number): T | undefined {
    const i = index < 0 ? this.length + index : index
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined
    const c = Math.floor(i / CHUNK)
    return c < this.#chunks.length ? this.#chunks[c]?.[i % CHUNK] : this.#tail[i - this.#chunks.length * CHUNK]
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const chunk of this.#chunks) yield* chunk
    yield* this.#tail
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this) if (predicate(item)) return item
    return undefined
  }

  some(predicate: (item: T) => boolean): boolean {
    return this.find(predicate) !== undefined
  }

  filter(predicate: (item: T) => boolean): Array<T> {
    return this.toArray().filter(predicate)
  }

  map<U>(f: (item: T) => U): Array<U> {
    return this.toArray().map(f)
  }

  /** The items as a new array. */
  toArray(): Array<T> {
    return [...this]
  }

  toJSON(): Array<T> {
    return this.toArray()
  }
}

/**
 * A persistent map that iterates in insertion order, as a `Map` does (setting an existing key keeps its place).
 * `set` costs O(log n); `delete` rebuilds the key order (for rare removals).
 */
export class PersistentMap<K, V> implements ReadonlyMap<K, V> {
  readonly #entries: HashMap.HashMap<K, V>
  readonly #order: Sequence<K>

  private constructor(entries: HashMap.HashMap<K, V>, order: Sequence<K>) {
    this.#entries = entries
    this.#order = order
  }

  /** An empty map. */
  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(HashMap.empty(), Sequence.empty())
  }

  /** The map itself when persistent, else a persistent copy (in the same order). */
  static from<K, V>(map: ReadonlyMap<K, V>): PersistentMap<K, V> {
    if (map instanceof PersistentMap) return map as PersistentMap<K, V>
    let m = PersistentMap.empty<K, V>()
    for (const [k, v] of map) m = m.set(k, v)
    return m
  }

  get size(): number {
    return HashMap.size(this.#entries)
  }

  get(key: K): V | undefined {
    return Option.getOrUndefined(HashMap.get(this.#entries, key))
  }

  has(key: K): boolean {
    return HashMap.has(this.#entries, key)
  }

  /** A new map with `key` set to `value`. */
  set(key: K, value: V): PersistentMap<K, V> {
    const order = HashMap.has(this.#entries, key) ? this.#order : this.#order.append(key)
    return new PersistentMap(HashMap.set(this.#entries, key, value), order)
  }

  /** A new map without `key`. */
  delete(key: K): PersistentMap<K, V> {
    if (!HashMap.has(this.#entries, key)) return this
    return new PersistentMap(HashMap.remove(this.#entries, key), Sequence.from(this.#order.filter((k) => k !== key)))
  }

  *entries(): MapIterator<[K, V]> {
    for (const k of this.#order) yield [k, this.get(k) as V]
  }

  *keys(): MapIterator<K> {
    yield* this.#order
  }

  *values(): MapIterator<V> {
    for (const k of this.#order) yield this.get(k) as V
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this) f(v, k, this)
  }
}

/** A persistent set in insertion order. */
export class PersistentSet<T> implements ReadonlySet<T> {
  readonly #map: PersistentMap<T, true>

  private constructor(map: PersistentMap<T, true>) {
    this.#map = map
  }

  /** An empty set. */
  static empty<T>(): PersistentSet<T> {
    return new PersistentSet(PersistentMap.empty<T, true>())
  }

  /** The set itself when persistent, else a persistent copy. */
  static from<T>(set: ReadonlySet<T>): PersistentSet<T> {
    if (set instanceof PersistentSet) return set as PersistentSet<T>
    let m = PersistentMap.empty<T, true>()
    for (const v of set) m = m.set(v, true)
    return new PersistentSet(m)
  }

  get size(): number {
    return this.#map.size
  }

  has(value: T): boolean {
    return this.#map.has(value)
  }

  /** A new set with `value`. */
  add(value: T): PersistentSet<T> {
    return this.#map.has(value) ? this : new PersistentSet(this.#map.set(value, true))
  }

  *entries(): SetIterator<[T, T]> {
    for (const k of this.#map.keys()) yield [k, k]
  }

  *keys(): SetIterator<T> {
    yield* this.#map.keys()
  }

  values(): SetIterator<T> {
    return this.keys()
  }

  [Symbol.iterator](): SetIterator<T> {
    return this.keys()
  }

  forEach(f: (value: T, value2: T, set: ReadonlySet<T>) => void): void {
    for (const v of this) f(v, v, this)
  }
}
