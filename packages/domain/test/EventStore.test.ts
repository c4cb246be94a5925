import { describe, expect, it } from "vitest"
import { EventStore } from "@sdsf/domain"

describe("EventStore port errors", () => {
  it("EventStoreError describes any cause without throwing (a SqlError-like object has no primitive form)", () => {
    const sansPrimitive = Object.assign(Object.create(null), { _tag: "SqlError", message: "connection refused" })
    expect(new EventStore.EventStoreError({ operation: "append", cause: sansPrimitive }).message).toBe(
      "event store append failed: SqlError: connection refused"
    )
    expect(new EventStore.EventStoreError({ operation: "readAll", cause: Object.create(null) }).message).toBe("event store readAll failed: {}")
  })

  it("WrongExpectedVersion names the stream, the expected and the actual version", () => {
    const e = new EventStore.WrongExpectedVersion({ streamName: "schema-x", expected: EventStore.ExpectedVersion.format(EventStore.ExpectedVersion.exact(3)), actual: 4 })
    expect(e.message).toBe("stream schema-x: expected version 3, actual 4")
  })
})
