/**
 * Event id to log index, as an open-addressing hash table in an `Int32Array`: a lookup in a million ids touches
 * one or two cache lines, where a `Map` of strings touches several, and the garbage collector has nothing to trace.
 */

/**
 * Whether `id` is a lowercase uuid (`8-4-4-4-12` hex digits); if so, writes two 32-bit FNV-1a hashes of it
 * (different seeds) at `out[2 * at]` and `out[2 * at + 1]`. One pass over the 36 characters does both.
 */
export const hashUuidInto = (id: string, out: Int32Array, at: number): boolean => {
  if (id.length !== 36) return false
  let h1 = 0x811c9dc5 | 0
  let h2 = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i)
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
  }
  out[2 * at] = h1 ^ (h1 >>> 15)
  out[2 * at + 1] = h2 ^ (h2 >>> 13)
  return true
}

/** The index. `find` needs the ids themselves to rule out hash collisions. */
export interface IdIndex {
  /** The log index of `id`, or -1. */
  readonly find: (id: string, h1: number, h2: number, ids: ReadonlyArray<string>) => number
  /** Records `index` for an id known to be absent. */
  readonly insert: (h1: number, h2: number, index: number) => void
}

// a slot: [log index + 1 (0 = empty), h1, h2]
const SLOT = 3

export const make = (initialCapacity = 1024): IdIndex => {
  let capacity = initialCapacity
  let mask = capacity - 1
  let slots = new Int32Array(capacity * SLOT)
  let size = 0

  const place = (table: Int32Array, tableMask: number, h1: number, h2: number, value: number) => {
    let s = h1 & tableMask
    while (table[s * SLOT] !== 0) s = (s + 1) & tableMask
    const at = s * SLOT
    table[at] = value
    table[at + 1] = h1
    table[at + 2] = h2
  }

  const grow = () => {
    const nextCapacity = capacity * 2
    const nextMask = nextCapacity - 1
    const next = new Int32Array(nextCapacity * SLOT)
    for (let at = 0; at < slots.length; at += SLOT) {
      const value = slots[at]!
      if (value !== 0) place(next, nextMask, slots[at + 1]!, slots[at + 2]!, value)
    }
    capacity = nextCapacity
    mask = nextMask
    slots = next
  }

  return {
    find: (id, h1, h2, ids) => {
      let s = h1 & mask
      for (;;) {
        const at = s * SLOT
        const value = slots[at]!
        if (value === 0) return -1
        if (slots[at + 1] === h1 && slots[at + 2] === h2 && ids[value - 1] === id) return value - 1
        s = (s + 1) & mask
      }
    },
    insert: (h1, h2, index) => {
      if ((size + 1) * 2 > capacity) grow()
      place(slots, mask, h1, h2, index + 1)
      size++
    }
  }
}
