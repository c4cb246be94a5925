import { describe, expect, it } from "vitest"
import { EventStore } from "@sdsf/domain"
import * as fc from "fast-check"

describe("EventStore port errors", () => {
  it("EventStoreError describes any cause without throwing (a SqlError-like object has no primitive form)", () => {
    const sansPrimitive = Object.assign(Object.create(null), { _tag: "SqlError", message: "connection refused" })
    expect(new EventStore.EventStoreError({ operation: "append", cause: sansPrimitive }).message).toBe(
      "event store append failed: SqlError: connection refused"
    )
    expect(new EventStore.EventStoreError({ operation: "readAll", cause: Object.create(null) }).message).toBe(
      "event store readAll failed: {}"
    )
  })

  it("WrongExpectedVersion names the stream, the expected and the actual version", () => {
    const e = new EventStore.WrongExpectedVersion({
      streamName: "schema-x",
      expected: EventStore.ExpectedVersion.format(EventStore.ExpectedVersion.exact(3)),
      actual: 4
    })
    expect(e.message).toBe("stream schema-x: expected version 3, actual 4")
  })

  it("InvalidAppend and InvalidArgument name the field, the reason and the value received", () => {
    const append = new EventStore.InvalidAppend({
      streamName: "schema-x",
      index: 2,
      field: "typeVersion",
      reason: "not an integer from 1 to 2147483647",
      value: "2147483648"
    })
    expect(append.message).toBe(
      "stream schema-x, event #2: typeVersion: not an integer from 1 to 2147483647 (received 2147483648)"
    )
    const argument = EventStore.checkPosition("readAll", Number.NaN)
    expect(argument?.message).toBe("readAll: after: not a non-negative safe integer (received NaN)")
    const name = EventStore.checkStreamName("append", `schema-${"x".repeat(9993)}`)
    const shown = `"schema-${"x".repeat(33)}"… (10000 characters)`
    expect(name?.message).toBe(`append: streamName: longer than 200 characters (received ${shown})`)
  })

  it("storedJsonBytes counts UTF-8 bytes of the text jsonb gives back: spaces after : and , numbers in full", () => {
    const cases: ReadonlyArray<readonly [unknown, number]> = [
      [{ a: 1, b: [1e300] }, 15 + 301 + 2], // {"a": 1, "b": [1000…000]}
      ["é😀", 2 + 2 + 4],
      ["\n\u0001", 2 + 2 + 6], // "\n\u0001"
      [-5e-324, 1 + 2 + 323 + 1], // -0.000…005
      [1.5e-7, 10], // 0.00000015
      [1e21, 22],
      [-1.2345e25, 27],
      [[0.1, -0, "1e+300"], 1 + 3 + 2 + 1 + 2 + 8 + 1] // [0.1, 0, "1e+300"]
    ]
    for (const [value, bytes] of cases) expect(EventStore.storedJsonBytes(JSON.stringify(value))).toBe(bytes)
  })
})

// JSON has no -0: JSON.stringify writes it 0.
const withoutNegativeZero = (v: unknown): unknown => {
  if (Object.is(v, -0)) return 0
  if (Array.isArray(v)) return v.map(withoutNegativeZero)
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, {
        value: withoutNegativeZero(x),
        enumerable: true,
        writable: true,
        configurable: true
      })
    }
    return out
  }
  return v
}

describe("EventStore.parseJson: stored JSON read back as written", () => {
  // V8's JSON.parse (Node 24 and 26) can give an escaped object key as another key an earlier parse met: after the
  // first text below, the second's key `"` came back as `\` (nodejs/node#63785). Found by the stores' random
  // operations property (adapters-postgres limits.test.ts, seed -1971001881).
  const poison = String.raw`{"h":[],"\\":0}`
  const victim = String.raw`{"h":1,"\"":2}`

  it("an escaped key reads back as itself after a parse that could poison JSON.parse's key lookup", () => {
    JSON.parse(poison)
    expect(Object.keys(EventStore.parseJson(victim) as object)).toEqual(["h", "\""])
    for (
      const [text, key] of [
        [String.raw`{"h":[],"\n":0}`, "\n"],
        [String.raw`{"h":[],"\r":0}`, "\r"],
        [String.raw`{"h":[],"\f":0}`, "\f"],
        [String.raw`{"h":[],"\\":0}`, "\\"],
        [String.raw`{"h":[],"\u00e9t\u00e9":0}`, "été"],
        [String.raw`{"h":[],"a\"b":0}`, "a\"b"]
      ] as const
    ) {
      JSON.parse(poison)
      expect(Object.keys(EventStore.parseJson(text) as object)).toEqual(["h", key])
    }
  })

  it("property: parseJson(JSON.stringify(v)) equals v, for keys full of escapes, after poisoning", () => {
    const keys = fc.string({
      unit: fc.constantFrom("\"", "\\", "\n", "\r", "\t", "\f", "\b", "h", "é", "😀", "\u0001")
    })
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
        fc.dictionary(keys, fc.jsonValue({ maxDepth: 2, noUnicodeString: false }), {
          maxKeys: 6,
          noNullPrototype: true
        }),
        (before, value) => {
          // Earlier parses of the same shapes, as a store reading a log does.
          for (const b of before) JSON.parse(JSON.stringify(b))
          JSON.parse(poison)
          JSON.parse(JSON.stringify(value))
          const expected = withoutNegativeZero(value)
          expect(EventStore.parseJson(JSON.stringify(value))).toStrictEqual(expected)
          // PostgreSQL's jsonb text: a space after `:` and `,`.
          expect(EventStore.parseJson(JSON.stringify(value, null, 1))).toStrictEqual(expected)
        }
      ),
      { numRuns: 500 }
    )
  })

  it("reads like JSON.parse: __proto__ an own key, a repeated key's last value, numbers in full, errors", () => {
    const o = EventStore.parseJson(String.raw`{"__proto__": {"x": 1}, "a\"": 1, "a\"": 2, "n": -1.5e300}`) as Record<
      string,
      unknown
    >
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype)
    expect(Object.keys(o)).toEqual(["__proto__", "a\"", "n"])
    expect(o["a\""]).toBe(2)
    expect(o["n"]).toBe(-1.5e300)
    expect(Object.getOwnPropertyDescriptor(o, "__proto__")?.value).toEqual({ x: 1 })
    for (
      const bad of [String.raw`{"a\"": }`, String.raw`{"a\"": 1,}`, String.raw`{"a\"": 1} x`, String.raw`{"a\"": 01}`]
    ) {
      expect(() => EventStore.parseJson(bad)).toThrow(SyntaxError)
    }
  })
})
