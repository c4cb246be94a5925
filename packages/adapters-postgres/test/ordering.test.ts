import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Migrations, PostgresEventStore } from "@sdsf/adapters-postgres"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Deferred, Effect, Fiber, Layer, Option, Schedule, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { dropSchema, freshStore, pgLayer } from "./support.ts"

const schema = "sdsf_ordering"
const uuid = () => globalThis.crypto.randomUUID()
const event = (n: number): EventStore.EventToAppend => ({
  eventId: uuid(),
  type: "Counted",
  typeVersion: 1,
  data: { n }
})

describe("readers and in-flight transactions", () => {
  it.layer(freshStore(schema), { excludeTestServices: true })((it) => {
    it.effect("an append has no transaction id until it takes the ordering lock (ids and positions in one order)", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const key = Migrations.allocationLockKey(schema)
        const name = EventStore.streamName("paused", uuid())
        yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(1)])
        const held = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const holder = yield* sql.withTransaction(
          sql.unsafe(`SELECT pg_advisory_lock(${key}, 1)`).pipe(
            Effect.andThen(Deferred.succeed(held, undefined)),
            Effect.andThen(Deferred.await(release)),
            Effect.andThen(sql.unsafe(`SELECT pg_advisory_unlock(${key}, 1)`))
          )
        ).pipe(Effect.forkChild)
        yield* Deferred.await(held)
        // The append of an existing stream, with its expected version checked, waits at the ordering lock.
        const writer = yield* store.append(name, EventStore.ExpectedVersion.exact(1), [event(2)]).pipe(Effect.forkChild)
        const waiting = sql.unsafe<{ readonly xid: string | null }>(
          `SELECT backend_xid::text AS xid FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE '%append_events%'`
        )
        const rows = yield* waiting.pipe(
          Effect.flatMap((rows) => rows.length === 0 ? Effect.fail("not waiting yet" as const) : Effect.succeed(rows)),
          Effect.retry({ times: 200, schedule: Schedule.spaced("10 millis") })
        )
        assert.deepStrictEqual(rows.map((row) => row.xid), [null])
        yield* Deferred.succeed(release, undefined)
        yield* Fiber.join(holder)
        assert.strictEqual((yield* Fiber.join(writer)).streamVersion, 2)
      }))

    it.effect("a reader never delivers a later commit before an earlier, still open, append and never skips it", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const start = yield* store.headPosition
        const subscriber = yield* store.subscribe(start).pipe(Stream.take(2), Stream.runCollect, Effect.forkChild)

        const early = EventStore.streamName("early", uuid())
        const late = EventStore.streamName("late", uuid())
        const appended = yield* Deferred.make<EventStore.AppendResult>()
        const release = yield* Deferred.make<void>()
        // Writer 1 appends inside a transaction it keeps open on its own connection.
        const writer1 = yield* sql.withTransaction(
          store.append(early, EventStore.ExpectedVersion.noStream, [event(1)]).pipe(
            Effect.tap((result) => Deferred.succeed(appended, result)),
            Effect.tap(() => Deferred.await(release))
          )
        ).pipe(Effect.forkChild)
        const earlyResult = yield* Deferred.await(appended)

        // Writer 2 commits after writer 1 took its position.
        const lateResult = yield* store.append(late, EventStore.ExpectedVersion.noStream, [event(2)])
        assert.isTrue(lateResult.positions[0]! > earlyResult.positions[0]!)

        // The hazard is real: a naive reader of committed rows sees the later event and not the earlier one.
        const naive = yield* sql.unsafe<{ readonly position: unknown }>(
          `SELECT position FROM "${schema}".events WHERE position > $1 ORDER BY position`,
          [start]
        )
        assert.deepStrictEqual(naive.map((row) => Number(row.position)), [lateResult.positions[0]!])

        // Our readers hold the later event back while the earlier one is in flight.
        const whileOpen = yield* Stream.runCollect(store.readAll(start))
        assert.deepStrictEqual(whileOpen, [])
        assert.strictEqual(yield* store.headPosition, start)

        yield* Deferred.succeed(release, undefined)
        yield* Fiber.join(writer1)

        const after = yield* Stream.runCollect(store.readAll(start))
        assert.deepStrictEqual(after.map((e) => e.streamName), [early, late])
        assert.deepStrictEqual(after.map((e) => e.position), [earlyResult.positions[0]!, lateResult.positions[0]!])
        const live = yield* Fiber.join(subscriber)
        assert.deepStrictEqual(live.map((e) => e.streamName), [early, late])
      }))

    it.effect("an append in a transaction that already has its id waits for running appends: no reader skips them", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const start = yield* store.headPosition
        const older = EventStore.streamName("older", uuid())
        const younger = EventStore.streamName("younger", uuid())
        const hasId = yield* Deferred.make<void>()
        const appended = yield* Deferred.make<EventStore.AppendResult>()
        const release = yield* Deferred.make<void>()
        const go = yield* Deferred.make<void>()
        // The older transaction writes first (it takes its transaction id), and appends only later.
        const olderWriter = yield* sql.withTransaction(Effect.gen(function*() {
          yield* sql.unsafe(`SELECT pg_current_xact_id()::text AS xid`)
          yield* Deferred.succeed(hasId, undefined)
          yield* Deferred.await(go)
          return yield* store.append(older, EventStore.ExpectedVersion.noStream, [event(1)])
        })).pipe(Effect.forkChild)
        yield* Deferred.await(hasId)
        // A younger transaction appends (younger id, lower position) and stays open.
        const youngerWriter = yield* sql.withTransaction(
          store.append(younger, EventStore.ExpectedVersion.noStream, [event(2)]).pipe(
            Effect.tap((result) => Deferred.succeed(appended, result)),
            Effect.tap(() => Deferred.await(release))
          )
        ).pipe(Effect.forkChild)
        const youngerResult = yield* Deferred.await(appended)
        yield* Deferred.succeed(go, undefined)
        // Left alone, the older transaction would take a higher position and commit first, and readers (its id is
        // below the younger one's, so below pg_snapshot_xmin) would deliver it and skip the younger event for good.
        yield* Effect.sleep("300 millis")
        const whileOpen = yield* Stream.runCollect(store.readAll(start))
        assert.deepStrictEqual(
          whileOpen.map((e) => e.streamName),
          [],
          "nothing delivered while the younger append is open"
        )
        assert.isUndefined(olderWriter.pollUnsafe(), "the older transaction's append waits")
        yield* Deferred.succeed(release, undefined)
        yield* Fiber.join(youngerWriter)
        const olderResult = yield* Fiber.join(olderWriter)
        assert.isTrue(olderResult.positions[0]! > youngerResult.positions[0]!)
        const after = yield* Stream.runCollect(store.readAll(start))
        assert.deepStrictEqual(after.map((e) => e.streamName), [younger, older])
      }))

    it.effect("a subscriber is woken by later appends and gets each event once, in order", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const start = yield* store.headPosition
        const subscriber = yield* store.subscribe(start).pipe(Stream.take(30), Stream.runCollect, Effect.forkChild)
        const name = EventStore.streamName("live", uuid())
        const appended: Array<number> = []
        for (let i = 0; i < 10; i++) {
          const result = yield* store.append(name, EventStore.ExpectedVersion.any, [event(i), event(i), event(i)])
          appended.push(...result.positions)
        }
        const seen = yield* Fiber.join(subscriber)
        assert.deepStrictEqual(seen.map((e) => e.position), appended)
      }))
  })
})

// A host that hands in a bare SqlClient (no PgClient, so no LISTEN): subscribe falls back to polling.
const pollingOnly = PostgresEventStore.layerFromSqlClient({ schema: "sdsf_polling", pollInterval: "50 millis" }).pipe(
  Layer.provide(Layer.effectDiscard(dropSchema("sdsf_polling"))),
  Layer.provideMerge(
    Layer.effect(SqlClient.SqlClient, Effect.service(SqlClient.SqlClient)).pipe(Layer.provide(pgLayer()))
  )
)

describe("subscribe without LISTEN", () => {
  it.layer(pollingOnly, { excludeTestServices: true })((it) => {
    it.effect("a subscriber on a bare SqlClient still gets every later event, in order, by polling", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        assert.isTrue(Option.isNone(yield* Effect.serviceOption(PgClient.PgClient)))
        const subscriber = yield* store.subscribe(0).pipe(Stream.take(6), Stream.runCollect, Effect.forkChild)
        const name = EventStore.streamName("polled", uuid())
        const positions: Array<number> = []
        for (let i = 0; i < 3; i++) {
          positions.push(...(yield* store.append(name, EventStore.ExpectedVersion.any, [event(i), event(i)])).positions)
          yield* Effect.sleep("120 millis")
        }
        const seen = yield* Fiber.join(subscriber)
        assert.deepStrictEqual(seen.map((e) => e.position), positions)
      }))
  })
})
