import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Effect, Exit, Option, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const uuid = () => globalThis.crypto.randomUUID()
const event = (type = "Happened", data: unknown = { n: 1 }): EventStore.EventToAppend => ({
  eventId: uuid(),
  type,
  typeVersion: 1,
  data
})

describe("PostgreSQL event store basics", () => {
  it.layer(freshStore("sdsf_basics"))((it) => {
    it.effect("appends, reads a stream, reads all", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const name = EventStore.streamName("schema", uuid())
        const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(), event()])
        assert.strictEqual(first.streamVersion, 2)
        assert.strictEqual(first.positions.length, 2)
        const second = yield* store.append(name, EventStore.ExpectedVersion.exact(2), [event("Other", [1, "a"])])
        assert.strictEqual(second.streamVersion, 3)
        const events = yield* Stream.runCollect(store.readStream(name))
        assert.deepStrictEqual(events.map((e) => e.streamVersion), [1, 2, 3])
        assert.deepStrictEqual(events[2]!.data, [1, "a"])
        const backward = yield* Stream.runCollect(store.readStream(name, { direction: "backward", maxCount: 2 }))
        assert.deepStrictEqual(backward.map((e) => e.streamVersion), [3, 2])
        const all = yield* Stream.runCollect(store.readAll(first.positions[0]! - 1))
        assert.deepStrictEqual(all.map((e) => e.eventId), events.map((e) => e.eventId))
        const head = yield* store.headPosition
        assert.strictEqual(head, second.positions[0])
        const meta = yield* store.streamMetadata(name)
        assert.isTrue(Option.isSome(meta))
        assert.strictEqual(Option.getOrThrow(meta).version, 3)
        assert.strictEqual(Option.getOrThrow(meta).streamType, "schema")
      }))

    it.effect("rejects a wrong expected version and an id conflict, accepts an idempotent re-append", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const name = EventStore.streamName("schema", uuid())
        const batch = [event(), event()]
        const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, batch)
        const again = yield* store.append(name, EventStore.ExpectedVersion.noStream, batch)
        assert.deepStrictEqual(again, first)
        const wrong = yield* Effect.flip(store.append(name, EventStore.ExpectedVersion.exact(1), [event()]))
        assert.strictEqual(wrong._tag, "WrongExpectedVersion")
        const partial = yield* Effect.flip(store.append(name, EventStore.ExpectedVersion.any, [batch[0]!, event()]))
        assert.strictEqual(partial._tag, "EventIdConflict")
        const elsewhere = yield* Effect.flip(
          store.append(EventStore.streamName("schema", uuid()), EventStore.ExpectedVersion.any, [batch[0]!])
        )
        assert.strictEqual(elsewhere._tag, "EventIdConflict")
        const dup = yield* Effect.flip(store.append(name, EventStore.ExpectedVersion.any, [batch[0]!, batch[0]!]))
        assert.strictEqual(dup._tag, "InvalidAppend")
        const notJson = yield* Effect.exit(store.append(name, EventStore.ExpectedVersion.any, [event("X", { n: NaN })]))
        assert.isTrue(Exit.isFailure(notJson))
        const meta = yield* store.streamMetadata(name)
        assert.strictEqual(Option.getOrThrow(meta).version, 2)
      }))

    it.effect("large batches (found by the unique index, not probed first) are idempotent and conflict alike", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const name = EventStore.streamName("schema", uuid())
        const batch = Array.from({ length: 50 }, (_, i) => event("Counted", { i }))
        const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, batch)
        assert.strictEqual(first.streamVersion, 50)
        const again = yield* store.append(name, EventStore.ExpectedVersion.any, batch)
        assert.deepStrictEqual(again, first)
        const stale = yield* store.append(name, EventStore.ExpectedVersion.noStream, batch)
        assert.deepStrictEqual(stale, first)
        const mixed = [...batch.slice(0, 20), ...Array.from({ length: 30 }, () => event())]
        const conflict = yield* Effect.flip(store.append(name, EventStore.ExpectedVersion.any, mixed))
        assert.strictEqual(conflict._tag, "EventIdConflict")
        const other = EventStore.streamName("schema", uuid())
        const elsewhere = yield* Effect.flip(store.append(other, EventStore.ExpectedVersion.any, batch))
        assert.strictEqual(elsewhere._tag, "EventIdConflict")
        assert.isTrue(Option.isNone(yield* store.streamMetadata(other)), "nothing written for the other stream")
        assert.strictEqual(Option.getOrThrow(yield* store.streamMetadata(name)).version, 50)
      }))

    it.layer(freshStore("sdsf_basics_gaps", { pageSize: 10 }))((it) => {
      it.effect("readAll with maxCount over positions with gaps (rolled-back appends): the first maxCount events", () =>
        Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const name = EventStore.streamName("schema", uuid())
          const head = yield* store.headPosition
          // Appends whose transaction rolls back take positions nobody gets: gaps of 3 in ranges of 10 positions.
          let version = 0
          for (let i = 0; i < 12; i++) {
            const kept = yield* store.append(name, EventStore.ExpectedVersion.exact(version), [event(), event()])
            version = kept.streamVersion
            yield* Effect.exit(sql.withTransaction(Effect.andThen(
              store.append(EventStore.streamName("schema", uuid()), EventStore.ExpectedVersion.noStream, [
                event(),
                event(),
                event()
              ]),
              Effect.fail("rolled back")
            )))
          }
          const all = yield* Stream.runCollect(store.readAll(head))
          assert.strictEqual(all.length, 24)
          assert.isAbove(all.at(-1)!.position - head, 24, "positions have gaps")
          for (const maxCount of [1, 2, 3, 7, 10, 11, 23, 24, 30]) {
            const page = yield* Stream.runCollect(store.readAll(head, { maxCount }))
            assert.deepStrictEqual(page.map((e) => e.eventId), all.slice(0, maxCount).map((e) => e.eventId))
          }
          const paged: Array<EventStore.RecordedEvent> = []
          for (let after = head;;) {
            const page = yield* Stream.runCollect(store.readAll(after, { maxCount: 5 }))
            paged.push(...page)
            if (page.length < 5) break
            after = page.at(-1)!.position
          }
          assert.deepStrictEqual(paged.map((e) => e.eventId), all.map((e) => e.eventId))
        }))
    })
  })
})
