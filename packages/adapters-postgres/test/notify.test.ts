import { assert, describe, it } from "@effect/vitest"
import { Migrations } from "@sdsf/adapters-postgres"
import { EventStore } from "@sdsf/domain"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Fiber, Option, Queue, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const schema = "sdsf_notify"
const uuid = () => globalThis.crypto.randomUUID()
const event = (n: number): EventStore.EventToAppend => ({
  eventId: uuid(),
  type: "Counted",
  typeVersion: 1,
  data: { n }
})

// NOTIFYs are counted on a LISTEN of the test's own: unlike what a subscriber reads, their delivery does not wait for
// unrelated transactions (an autovacuum ANALYZE, say) that hold back readers.
const listening = Effect.flatMap(PgClient.PgClient, (pg) => pg.listen(Migrations.channelFor(schema)))
const drain = <A, E>(queue: Queue.Dequeue<A, E>) => Effect.map(Queue.clear(queue), (items) => items.length)
const next = <A, E>(queue: Queue.Dequeue<A, E>) =>
  Queue.take(queue).pipe(Effect.timeoutOption("5 seconds"), Effect.map(Option.isSome))

describe("the store notifies after each commit", () => {
  it.layer(freshStore(schema, { pollInterval: "2 seconds" }), { excludeTestServices: true })((it) => {
    it.effect("each append, one after another or several at once, is followed by a NOTIFY", () =>
      Effect.scoped(Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const queue = yield* listening
        const name = EventStore.streamName("woken", uuid())
        for (let i = 0; i < 4; i++) {
          yield* store.append(name, EventStore.ExpectedVersion.any, [event(i)])
          assert.isTrue(yield* next(queue), `a NOTIFY after append ${i}`)
          yield* Effect.sleep("20 millis")
          yield* drain(queue)
        }
        // Eight appends at once: they share NOTIFYs, and one comes after the last of them.
        yield* Effect.forEach(
          Array.from({ length: 8 }, () => EventStore.streamName("woken", uuid())),
          (other) => store.append(other, EventStore.ExpectedVersion.noStream, [event(9)]),
          { concurrency: "unbounded" }
        )
        yield* Effect.sleep("20 millis")
        const afterAll = (yield* drain(queue)) > 0 || (yield* next(queue))
        assert.isTrue(afterAll, "a NOTIFY after the eight appends")
        // A retry answered from the stored ids writes nothing and notifies nobody.
        const stored = [event(10)]
        yield* store.append(name, EventStore.ExpectedVersion.any, stored)
        yield* next(queue)
        yield* Effect.sleep("50 millis")
        yield* drain(queue)
        // Met by the unique index (expected version `any`), and answered before the insert (a stale expected version).
        yield* store.append(name, EventStore.ExpectedVersion.any, stored)
        yield* store.append(name, EventStore.ExpectedVersion.exact(0), stored)
        yield* Effect.sleep("100 millis")
        assert.strictEqual(yield* drain(queue), 0, "no NOTIFY after a retry")
      })))

    it.effect("an append inside a caller's transaction notifies when it commits, not before, nor on rollback", () =>
      Effect.scoped(Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const queue = yield* listening
        const name = EventStore.streamName("woken", uuid())
        yield* sql.withTransaction(Effect.gen(function*() {
          yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(1)])
          yield* Effect.sleep("100 millis")
          assert.strictEqual(yield* drain(queue), 0, "no NOTIFY before the commit")
        }))
        assert.isTrue(yield* next(queue), "a NOTIFY after the commit")
        yield* Effect.sleep("20 millis")
        yield* drain(queue)
        const rolledBack = yield* Effect.exit(sql.withTransaction(Effect.gen(function*() {
          yield* store.append(name, EventStore.ExpectedVersion.exact(1), [event(2)])
          return yield* Effect.fail("roll back" as const)
        })))
        assert.isTrue(rolledBack._tag === "Failure")
        yield* Effect.sleep("200 millis")
        assert.strictEqual(yield* drain(queue), 0, "no NOTIFY for a rolled-back append")
      })))

    it.effect("a live subscriber gets appends made after it went to sleep", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const start = yield* store.headPosition
        const subscriber = yield* store.subscribe(start).pipe(Stream.take(5), Stream.runCollect, Effect.forkChild)
        yield* Effect.sleep("300 millis")
        const name = EventStore.streamName("woken", uuid())
        const positions: Array<number> = []
        for (let i = 0; i < 5; i++) {
          positions.push(...(yield* store.append(name, EventStore.ExpectedVersion.any, [event(i)])).positions)
        }
        const seen = yield* Fiber.join(subscriber).pipe(Effect.timeout("20 seconds"))
        assert.deepStrictEqual(seen.map((e) => e.position), positions)
      }))
  })
})
