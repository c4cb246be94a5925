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
