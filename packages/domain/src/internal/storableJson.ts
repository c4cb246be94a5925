/**
 * Checks that a value is JSON that PostgreSQL's `jsonb` stores and gives back unchanged, so that every store accepts
 * and refuses the same values (see `EventToAppend` in `EventStore.ts`).
 */

/** Why a value is not storable JSON, and where in it. */
export interface JsonProblem {
  readonly at: string
  readonly reason: string
  /** The offending value (a string, a key, a number, an object...). */
  readonly value: unknown
}

const MAX_DEPTH = 256

interface WellFormed {
  isWellFormed(): boolean
}

const stringProblem = (value: string, at: string): JsonProblem | undefined => {
  if (value.indexOf("\u0000") !== -1) {
    return { at, reason: "a string contains \\u0000, which PostgreSQL jsonb cannot store", value }
  }
  if (!(value as unknown as WellFormed).isWellFormed()) {
    return { at, reason: "a string contains a lone UTF-16 surrogate, which is not valid Unicode", value }
  }
  return undefined
}

const describe = (value: unknown): string => {
  if (typeof value === "number") return `the number ${String(value)}`
  if (typeof value !== "object" || value === null) return `a ${typeof value}`
  const proto: unknown = Object.getPrototypeOf(value)
  const name = typeof proto === "object" && proto !== null && typeof proto.constructor === "function"
    ? proto.constructor.name
    : "non-plain"
  return `a ${name} object`
}

/**
 * The JSON text of `value`, or the first problem found in it: what `JSON.parse` would not give back unchanged
 * (object keys whose value is `undefined` are allowed: they vanish, as in JSON).
 */
export const stringify = (value: unknown, at: string): string | JsonProblem => {
  const found = problem(value, at, 0, false)
  if (found !== undefined) return found
  const text = JSON.stringify(value)
  // JSON.stringify writes \u escapes only for control characters and lone surrogates (and a literal backslash
  // followed by u looks the same): only then are the strings worth a closer look.
  if (text.indexOf("\\u") !== -1) {
    const inStrings = problem(value, at, 0, true)
    if (inStrings !== undefined) return inStrings
  }
  return text
}

/**
 * The first problem found in `value`, or `undefined` when `JSON.parse(JSON.stringify(value))` gives back the same
 * value. Strings (keys and values) are only checked when `checkStrings`.
 */
export const problem = (value: unknown, at: string, depth = 0, checkStrings = true): JsonProblem | undefined => {
  switch (typeof value) {
    case "string":
      return checkStrings ? stringProblem(value, at) : undefined
    case "boolean":
      return undefined
    case "number":
      return Number.isFinite(value) ? undefined : { at, reason: `${describe(value)} is not JSON`, value }
    case "object": {
      if (value === null) return undefined
      if (depth >= MAX_DEPTH) return { at, reason: `nested deeper than ${MAX_DEPTH} levels (or cyclic)`, value }
      if (Array.isArray(value)) {
        const array: ReadonlyArray<unknown> = value
        for (let i = 0; i < array.length; i++) {
          const item = array[i]
          if (item === undefined) {
            const reason = "undefined in an array is not JSON (it would become null)"
            return { at: `${at}[${i}]`, reason, value: item }
          }
          const found = problem(item, "", depth + 1, checkStrings)
          if (found !== undefined) return { at: `${at}[${i}]${found.at}`, reason: found.reason, value: found.value }
        }
        return undefined
      }
      const proto: unknown = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        return { at, reason: `${describe(value)} is not plain JSON (use a string or a plain object)`, value }
      }
      const record = value as Readonly<Record<string, unknown>>
      for (const key in record) {
        if (checkStrings) {
          const keyProblem = stringProblem(key, `${at}.${key}`)
          if (keyProblem !== undefined) return keyProblem
        }
        const item = record[key]
        if (item === undefined) continue
        const found = problem(item, "", depth + 1, checkStrings)
        if (found !== undefined) return { at: `${at}.${key}${found.at}`, reason: found.reason, value: found.value }
      }
      return undefined
    }
    default:
      return { at, reason: value === undefined ? "undefined is not JSON" : `${describe(value)} is not JSON`, value }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading JSON text back

/**
 * `JSON.parse`, except that an object key written with an escape (`"\""`, `"\\"`, `"\n"`...) reads back as itself on
 * every runtime. V8's `JSON.parse` (Node 24 and 26, V8 12.8 to 14.6 at least) can resolve such a key through a hidden
 * class transition an earlier parse left behind when the key's raw text starts alike: after
 * `JSON.parse('{"h":[],"\\\\":0}')`, `JSON.parse('{"h":1,"\\"":2}')` has the key `\` where the text says `"`
 * (nodejs/node#63785, V8 issue 521080746; found here by the stores' random-operations property). Values are not
 * affected. Texts without a backslash, or whose backslashes are all in values, go to `JSON.parse` as they are; the rest
 * are read by a parser that builds each key from its own string literal, so no key is looked up by its raw text.
 */
export const parse = (text: string): unknown =>
  text.indexOf("\\") === -1 || !hasEscapedKey(text) ? JSON.parse(text) : new Reader(text).document()

// Whether some object key of a JSON text holds a backslash: a key is a string literal followed by `:`.
const hasEscapedKey = (text: string): boolean => {
  const n = text.length
  let i = 0
  while (i < n) {
    if (text.charCodeAt(i) !== 0x22) {
      i++
      continue
    }
    let escaped = false
    let j = i + 1
    for (; j < n; j++) {
      const c = text.charCodeAt(j)
      if (c === 0x5c) {
        escaped = true
        j++
      } else if (c === 0x22) break
    }
    let k = j + 1
    while (k < n && isSpace(text.charCodeAt(k))) k++
    if (escaped && k < n && text.charCodeAt(k) === 0x3a) return true
    i = j + 1
  }
  return false
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

const literals: ReadonlyArray<readonly [string, unknown]> = [["true", true], ["false", false], ["null", null]]
const numberToken = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/** A strict JSON reader for texts with escaped keys: strings and numbers are read by `JSON.parse` of their token alone. */
class Reader {
  i = 0
  readonly text: string
  constructor(text: string) {
    this.text = text
  }

  document(): unknown {
    const value = this.value(0)
    this.space()
    if (this.i !== this.text.length) this.fail()
    return value
  }

  fail(): never {
    // The runtime's own error for the malformed text (it names the position).
    JSON.parse(this.text)
    throw new SyntaxError(`Unexpected token in JSON at position ${this.i}`)
  }

  space(): void {
    while (this.i < this.text.length && isSpace(this.text.charCodeAt(this.i))) this.i++
  }

  value(depth: number): unknown {
    this.space()
    const c = this.text.charCodeAt(this.i)
    if (c === 0x7b) return this.object(depth)
    if (c === 0x5b) return this.array(depth)
    if (c === 0x22) return this.string()
    for (const [word, literal] of literals) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length
        return literal
      }
    }
    numberToken.lastIndex = this.i
    const m = numberToken.exec(this.text)
    if (m === null) return this.fail()
    this.i += m[0].length
    return Number(m[0])
  }

  string(): string {
    const start = this.i
    let j = start + 1
    for (; j < this.text.length; j++) {
      const c = this.text.charCodeAt(j)
      if (c === 0x5c) j++
      else if (c === 0x22) break
    }
    if (j >= this.text.length) return this.fail()
    this.i = j + 1
    // A string literal alone: no object, no key lookup.
    return JSON.parse(this.text.slice(start, j + 1)) as string
  }

  object(depth: number): Record<string, unknown> {
    if (depth >= 10_000) return this.fail()
    this.i++
    const out: Record<string, unknown> = {}
    this.space()
    if (this.text.charCodeAt(this.i) === 0x7d) {
      this.i++
      return out
    }
    while (true) {
      this.space()
      if (this.text.charCodeAt(this.i) !== 0x22) return this.fail()
      const key = this.string()
      this.space()
      if (this.text.charCodeAt(this.i) !== 0x3a) return this.fail()
      this.i++
      // As JSON.parse: an own property, `__proto__` included; a repeated key keeps the last value.
      Object.defineProperty(out, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true
      })
      this.space()
      const c = this.text.charCodeAt(this.i++)
      if (c === 0x7d) return out
      if (c !== 0x2c) return this.fail()
    }
  }

  array(depth: number): Array<unknown> {
    if (depth >= 10_000) return this.fail()
    this.i++
    const out: Array<unknown> = []
    this.space()
    if (this.text.charCodeAt(this.i) === 0x5d) {
      this.i++
      return out
    }
    while (true) {
      out.push(this.value(depth + 1))
      this.space()
      const c = this.text.charCodeAt(this.i++)
      if (c === 0x5d) return out
      if (c !== 0x2c) return this.fail()
    }
  }
}
