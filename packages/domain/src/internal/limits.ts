/**
 * What the port's limits measure: the stored size of an event's JSON, and a short printable form of a refused value.
 */

const utf8Units = (code: number): number =>
  code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3

/** Length of the plain decimal form of the number `text[start, end)` whose exponent marker is at `e`. */
const plainLength = (text: string, start: number, e: number, end: number): number => {
  const sign = text.charCodeAt(start) === 0x2d ? 1 : 0
  let digits = 0
  let beforePoint = -1
  for (let i = start + sign; i < e; i++) {
    if (text.charCodeAt(i) === 0x2e) beforePoint = digits
    else digits++
  }
  if (beforePoint === -1) beforePoint = digits
  const integerDigits = beforePoint + Number(text.slice(e + 1, end))
  if (integerDigits >= digits) return sign + integerDigits
  if (integerDigits > 0) return sign + digits + 1
  return sign + 2 - integerDigits + digits
}

/**
 * The UTF-8 bytes of `text` (written by `JSON.stringify`, well-formed) once PostgreSQL's `jsonb` gives it back: a
 * space after each `:` and `,`, numbers in plain decimal (`1e+300` is 301 digits, `5e-324` is 326 characters).
 * Strings are escaped the same way by both.
 */
export const storedJsonBytes = (text: string): number => {
  const n = text.length
  let bytes = 0
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      bytes++
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d === 0x5c) {
          // an escape: a backslash and an ASCII character (the four hex digits of \u follow as ASCII)
          bytes += 2
          i += 2
          continue
        }
        i++
        if (d === 0x22) {
          bytes++
          break
        }
        bytes += utf8Units(d)
      }
    } else if (c === 0x3a || c === 0x2c) {
      bytes += 2
      i++
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1
      let e = -1
      while (j < n) {
        const d = text.charCodeAt(j)
        if (d === 0x65 || d === 0x45) e = j
        else if (!(d === 0x2b || d === 0x2d || d === 0x2e || (d >= 0x30 && d <= 0x39))) break
        j++
      }
      bytes += e === -1 ? j - i : plainLength(text, i, e, j)
      i = j
    } else {
      bytes++
      i++
    }
  }
  return bytes
}

/**
 * An upper bound of `storedJsonBytes(text)` without a scan of the text (a UTF-16 unit is at most 3 UTF-8 bytes, a
 * separator and its space 2), or -1 when `text` may hold a number in exponent form, which PostgreSQL writes in full.
 */
export const cheapBound = (text: string): number => (EXPONENT.test(text) ? -1 : 3 * text.length)

const EXPONENT = /\de[+-]\d/

const MAX_SHOWN = 60

/** A short printable form of any value, for the `value` of an error: strings quoted and escaped, long ones cut. */
export const show = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return value.length <= MAX_SHOWN
        ? JSON.stringify(value)
        : `${JSON.stringify(value.slice(0, MAX_SHOWN - 20))}… (${value.length} characters)`
    case "number":
      return Object.is(value, -0) ? "-0" : String(value)
    case "bigint":
      return `${String(value)}n`
    case "boolean":
    case "undefined":
      return String(value)
    case "symbol":
      return value.toString()
    case "function":
      return "a function"
    case "object": {
      if (value === null) return "null"
      if (Array.isArray(value)) return `an array of ${value.length} items`
      const proto: unknown = Object.getPrototypeOf(value)
      if (proto === Object.prototype || proto === null) return "an object"
      const name = typeof proto === "object" && proto !== null && typeof proto.constructor === "function"
        ? proto.constructor.name
        : "non-plain"
      return `a ${name} object`
    }
  }
}
