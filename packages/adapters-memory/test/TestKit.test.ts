import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect } from "effect"
import { EventStore, IdGenerator } from "@sdsf/domain"
import { TestKit } from "@sdsf/adapters-memory"

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("TestKit", () => {
  it.effect("ids are uuid v7-shaped, carry the start time, count up and sort in creation order", () =>
    Effect.gen(function*() {
      const ids = yield* IdGenerator.IdGenerator
      const generated = [yield* ids.eventId, yield* ids.eventId, yield* ids.eventId]
      assert.deepStrictEqual(generated, [
        "018cc251-f400-7000-8000-000000000001",
        "018cc251-f400-7000-8000-000000000002",
        "018cc251-f400-7000-8000-000000000003"
      ])
      for (const id of generated) assert.match(id, UUID_V7)
      assert.deepStrictEqual([...generated].sort(), generated)
      assert.strictEqual(parseInt(generated[0]!.replace("-", "").slice(0, 12), 16), Date.UTC(2024, 0, 1))
    }).pipe(Effect.provide(TestKit.layerIdGenerator({ startTime: "2024-01-01T00:00:00Z" }))))

  it.effect("the clock starts at startTime and only moves when told", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* Clock.currentTimeMillis, Date.UTC(2030, 6, 14))
    }).pipe(Effect.provide(TestKit.layer({ startTime: Date.UTC(2030, 6, 14) }))))

  it.effect("seeded events are stored but not listed as appended", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const store = yield* EventStore.EventStore
      const a = EventStore.streamName("test", "a")
      const b = EventStore.streamName("test", "b")
      const seeded = yield* kit.seed(a, [{ type: "Seeded", data: { n: 1 } }, {
        type: "Seeded",
        typeVersion: 2,
        data: {}
      }])
      assert.deepStrictEqual(seeded, { streamVersion: 2, positions: [1, 2] })
      yield* store.append(a, EventStore.ExpectedVersion.exact(2), [
        { eventId: TestKit.uuidAt(0, 99), type: "Done", typeVersion: 1, data: {} }
      ])
      yield* kit.seed(b, [{ type: "Seeded", data: { n: 2 }, eventId: TestKit.uuidAt(0, 7) }])
      const all = yield* kit.events()
      assert.deepStrictEqual(all.map((e) => [e.streamName, e.type, e.typeVersion]), [
        [a, "Seeded", 1],
        [a, "Seeded", 2],
        [a, "Done", 1],
        [b, "Seeded", 1]
      ])
      assert.strictEqual(all[3]!.eventId, TestKit.uuidAt(0, 7))
      assert.deepStrictEqual((yield* kit.appended()).map((e) => e.type), ["Done"])
      assert.deepStrictEqual(yield* kit.appended(b), [])
      assert.deepStrictEqual((yield* kit.events(b)).map((e) => e.data), [{ n: 2 }])
    }).pipe(Effect.provide(TestKit.layer())))
})
