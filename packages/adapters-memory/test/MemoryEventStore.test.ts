import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as fc from "fast-check"
import { EventStore, IdGenerator } from "@sdsf/domain"
import { EventStoreContract } from "@sdsf/domain/testing/contract"
import { MemoryEventStore } from "@sdsf/adapters-memory"

EventStoreContract.suite("memory", MemoryEventStore.layerMemory)

const event = (n: number): EventStore.EventToAppend => ({
  eventId: IdGenerator.newEventId(),
  type: "Counted",
  typeVersion: 1,
  data: { n }
})

describe("MemoryEventStore", () => {
  it.effect("an empty store has head position 0 and reads nothing", () =>
    Effect.gen(function*() {
      const store = yield* MemoryEventStore.make
      assert.strictEqual(yield* store.headPosition, 0)
      assert.deepStrictEqual(yield* Stream.runCollect(store.readAll()), [])
      assert.deepStrictEqual(yield* store.events(), [])
    }))

  it.effect("positions are contiguous from 1 and recordedAt comes from the Clock", () =>
    Effect.gen(function*() {
      const store = yield* MemoryEventStore.make
      const a = EventStore.streamName("test", "a")
      yield* TestClock.setTime(Date.UTC(2026, 2, 15, 9, 30))
      const first = yield* store.append(a, EventStore.ExpectedVersion.any, [event(1), event(2)])
      yield* TestClock.adjust("1500 millis")
      const second = yield* store.append(EventStore.streamName("test", "b"), EventStore.ExpectedVersion.any, [event(3)])
      assert.deepStrictEqual([...first.positions, ...second.positions], [1, 2, 3])
      const all = yield* Stream.runCollect(store.readAll())
      assert.deepStrictEqual(all.map((e) => e.recordedAt), [
        "2026-03-15T09:30:00.000Z",
        "2026-03-15T09:30:00.000Z",
        "2026-03-15T09:30:01.500Z"
      ])
      assert.strictEqual(yield* store.headPosition, 3)
    }))

  it.effect("events() lists everything held, or one stream, as fresh copies", () =>
    Effect.gen(function*() {
      const store = yield* MemoryEventStore.make
      const a = EventStore.streamName("test", "a")
      const b = EventStore.streamName("test", "b")
      yield* store.append(a, EventStore.ExpectedVersion.any, [event(1)])
      yield* store.append(b, EventStore.ExpectedVersion.any, [event(2)])
      yield* store.append(a, EventStore.ExpectedVersion.any, [event(3)])
      assert.deepStrictEqual((yield* store.events()).map((e) => e.data), [{ n: 1 }, { n: 2 }, { n: 3 }])
      const ofA = yield* store.events(a)
      assert.deepStrictEqual(ofA.map((e) => e.data), [{ n: 1 }, { n: 3 }])
      ;(ofA[0]!.data as { n: number }).n = 99
      assert.deepStrictEqual((yield* store.events(a))[0]!.data, { n: 1 })
    }))

  it.effect("a store built twice holds nothing in common", () =>
    Effect.gen(function*() {
      const one = yield* MemoryEventStore.make
      const two = yield* MemoryEventStore.make
      yield* one.append(EventStore.streamName("test", "a"), EventStore.ExpectedVersion.any, [event(1)])
      assert.strictEqual(yield* two.headPosition, 0)
    }))

  it.effect("finds every stored id among many: re-appends are idempotent, stored ids conflict elsewhere", () =>
    Effect.gen(function*() {
      const store = yield* MemoryEventStore.make
      const batches = Array.from({ length: 200 }, (_, b) => Array.from({ length: 100 }, (_, i) => event(100 * b + i)))
      const results = yield* Effect.forEach(
        batches,
        (batch, b) => store.append(EventStore.streamName("many", String(b % 7)), EventStore.ExpectedVersion.any, batch)
      )
      for (let b = 0; b < batches.length; b++) {
        const again = yield* store.append(
          EventStore.streamName("many", String(b % 7)),
          EventStore.ExpectedVersion.noStream,
          batches[b]!
        )
        assert.deepStrictEqual(again, results[b])
        const elsewhere = yield* Effect.flip(
          store.append(EventStore.streamName("many", "other"), EventStore.ExpectedVersion.any, [
            event(0),
            batches[b]![b % 100]!
          ])
        )
        assert.instanceOf(elsewhere, EventStore.EventIdConflict)
      }
      assert.strictEqual(yield* store.headPosition, 20_000)
    }))

  const anyValue = fc.oneof(
    fc.jsonValue(),
    fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBigInt: true,
      withUnicodeString: true
    }),
    fc.dictionary(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }))
  )
  const candidate: fc.Arbitrary<EventStore.EventToAppend> = fc.record({
    eventId: fc.oneof(fc.uuid(), fc.uuid().map((id) => id.toUpperCase()), fc.string()),
    type: fc.oneof(fc.constant("Counted"), fc.string({ maxLength: 3 })),
    typeVersion: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.double()),
    data: anyValue,
    metadata: fc.option(anyValue, { nil: undefined })
  }, { requiredKeys: ["eventId", "type", "typeVersion", "data"] }) as fc.Arbitrary<EventStore.EventToAppend>

  it.effect("property: accepts exactly what EventStore.encodeForStorage accepts, and stores the same JSON", () =>
    Effect.sync(() => {
      const seen = { accepted: 0, refused: 0 }
      fc.assert(
        fc.property(candidate, (event) => {
          const stream = EventStore.streamName("prop", "json")
          const expected = EventStore.encodeForStorage(stream, event, 0)
          const outcome = Effect.runSync(
            Effect.gen(function*() {
              const store = yield* MemoryEventStore.make
              const appended = yield* Effect.result(store.append(stream, EventStore.ExpectedVersion.any, [event]))
              return { appended, read: yield* store.events(stream) }
            })
          )
          if (expected instanceof EventStore.InvalidAppend) {
            seen.refused++
            assert.strictEqual(outcome.appended._tag, "Failure")
            if (outcome.appended._tag === "Failure") {
              assert.instanceOf(outcome.appended.failure, EventStore.InvalidAppend)
              assert.strictEqual((outcome.appended.failure as EventStore.InvalidAppend).reason, expected.reason)
            }
            assert.deepStrictEqual(outcome.read, [])
          } else {
            seen.accepted++
            assert.strictEqual(outcome.appended._tag, "Success")
            assert.deepStrictEqual(outcome.read[0]!.data, JSON.parse(expected.data))
            assert.deepStrictEqual(outcome.read[0]!.metadata, JSON.parse(expected.metadata))
          }
        }),
        { numRuns: 500 }
      )
      assert.isTrue(seen.accepted > 0 && seen.refused > 0, JSON.stringify(seen))
    }))

  interface Op {
    readonly stream: number
    readonly size: number
    readonly yields: number
  }
  const op: fc.Arbitrary<Op> = fc.record({
    stream: fc.integer({ min: 0, max: 3 }),
    size: fc.integer({ min: 1, max: 4 }),
    yields: fc.integer({ min: 0, max: 3 })
  })
  const writers = fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 5 })

  const interleave = (plan: ReadonlyArray<ReadonlyArray<Op>>) =>
    Effect.gen(function*() {
      const store = yield* MemoryEventStore.make
      const streams = [0, 1, 2, 3].map((i) => EventStore.streamName("prop", String(i)))
      const batches = plan.map((ops) => ops.map((o) => Array.from({ length: o.size }, (_, i) => event(i))))
      yield* Effect.forEach(
        plan,
        (ops, w) =>
          Effect.forEach(
            ops,
            (o, k) =>
              Effect.andThen(
                Effect.forEach(Array.from({ length: o.yields }), () => Effect.yieldNow, { discard: true }),
                store.append(streams[o.stream]!, EventStore.ExpectedVersion.any, batches[w]![k]!)
              ),
            { discard: true }
          ),
        { concurrency: "unbounded", discard: true }
      )
      const log = yield* Stream.runCollect(store.readAll())
      const appended = batches.flat(2)
      // every event once
      assert.strictEqual(log.length, appended.length)
      assert.strictEqual(new Set(log.map((e) => e.eventId)).size, appended.length)
      // positions strictly increasing (contiguous in memory)
      log.forEach((e, i) => assert.strictEqual(e.position, i + 1))
      // the global log, restricted to a stream, is that stream's log
      for (const stream of streams) {
        const own = yield* Stream.runCollect(store.readStream(stream))
        assert.deepStrictEqual(
          log.filter((e) => e.streamName === stream).map((e) => e.eventId),
          own.map((e) => e.eventId)
        )
        own.forEach((e, i) => assert.strictEqual(e.streamVersion, i + 1))
      }
      // each writer's batches appear whole and in the order it appended them
      const positionOf = new Map(log.map((e) => [e.eventId, e.position]))
      for (const writerBatches of batches) {
        let last = 0
        for (const b of writerBatches) {
          const positions = b.map((e) => positionOf.get(e.eventId)!)
          assert.isTrue(positions[0]! > last)
          positions.forEach((p, i) => assert.strictEqual(p, positions[0]! + i))
          last = positions[positions.length - 1]!
        }
      }
    })

  it.effect("property: concurrent writers give one log that merges the streams, each event once, in order", () =>
    Effect.promise(() =>
      fc.assert(fc.asyncProperty(writers, (plan) => Effect.runPromise(interleave(plan))), { numRuns: 100 })
    ))
})
