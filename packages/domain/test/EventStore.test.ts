import { describe, expect, it } from "vitest"
import { EventStore } from "@sdsf/domain"

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
