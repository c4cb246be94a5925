import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Effect, Fiber, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const uuid = () => globalThis.crypto.randomUUID()
const event = (n: number): EventStore.EventToAppend => ({ eventId: uuid(), type: "Counted", typeVersion: 1, data: { n } })

// Polling once an hour: a live subscriber that gets its events within seconds was woken by a NOTIFY.
describe("live subscribers are woken by the NOTIFY that follows each commit", () => {
  it.layer(freshStore("sdsf_notify", { pollInterval: "1 hour" }), { excludeTestServices: true })((it) => {
    it.effect("appends one after another, and appends that commit together, each wake the subscriber", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const start = yield* store.headPosition
        const subscriber = yield* store.subscribe(start).pipe(Stream.take(12), Stream.runCollect, Effect.forkChild)
        yield* Effect.sleep("300 millis") // caught up and asleep in the live loop
        const name = EventStore.streamName("woken", uuid())
        const positions: Array<number> = []
        for (let i = 0; i < 4; i++) {
          positions.push(...(yield* store.append(name, EventStore.ExpectedVersion.any, [event(i)])).positions)
          yield* Effect.sleep("50 millis")
        }
        // Eight appends at once: their NOTIFYs are shared, none is left without one after it.
        const together = yield* Effect.forEach(
          Array.from({ length: 8 }, () => EventStore.streamName("woken", uuid())),
          (other) => store.append(other, EventStore.ExpectedVersion.noStream, [event(9)]),
          { concurrency: "unbounded" }
        )
        positions.push(...together.flatMap((result) => result.positions))
        const seen = yield* Fiber.join(subscriber).pipe(Effect.timeout("10 seconds"))
        assert.deepStrictEqual([...seen.map((e) => e.position)].sort((a, b) => a - b), positions.sort((a, b) => a - b))
      }))

    it.effect("an append inside a caller's transaction wakes the subscriber once the transaction commits", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const start = yield* store.headPosition
        const subscriber = yield* store.subscribe(start).pipe(Stream.take(2), Stream.runCollect, Effect.forkChild)
        yield* Effect.sleep("300 millis")
        const name = EventStore.streamName("woken", uuid())
        const result = yield* sql.withTransaction(Effect.gen(function*() {
          const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(1)])
          const second = yield* store.append(name, EventStore.ExpectedVersion.exact(1), [event(2)])
          return [...first.positions, ...second.positions]
        }))
        const seen = yield* Fiber.join(subscriber).pipe(Effect.timeout("10 seconds"))
        assert.deepStrictEqual(seen.map((e) => e.position), result)
      }))
  })
})
