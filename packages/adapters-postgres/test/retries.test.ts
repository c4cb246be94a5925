import { assert, describe, it } from "@effect/vitest"
import { Migrations, PostgresEventStore } from "@sdsf/adapters-postgres"
import { EventStore } from "@sdsf/domain"
import { Effect, Layer, Option, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { dropSchema, freshStore, pgLayer } from "./support.ts"

const uuid = () => globalThis.crypto.randomUUID()
const event = (n: number): EventStore.EventToAppend => ({
  eventId: uuid(),
  type: "Counted",
  typeVersion: 1,
  data: { n }
})
const versions = (events: ReadonlyArray<EventStore.RecordedEvent>) => events.map((e) => e.streamVersion)

describe("retries of an append", () => {
  it.layer(freshStore("sdsf_retries"), { excludeTestServices: true })((it) => {
    it.effect("inside a transaction of the caller's, a re-append is idempotent and the transaction goes on", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const name = EventStore.streamName("retried", uuid())
        const one = [event(1)]
        const many = Array.from({ length: 20 }, (_, i) => event(2 + i))
        const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, one)
        const second = yield* store.append(name, EventStore.ExpectedVersion.exact(1), many)
        const [again1, again2, third] = yield* sql.withTransaction(Effect.gen(function*() {
          // `any` passes the version check, so the insert itself meets the stored ids.
          const again1 = yield* store.append(name, EventStore.ExpectedVersion.any, one)
          const again2 = yield* store.append(name, EventStore.ExpectedVersion.any, many)
          const third = yield* store.append(name, EventStore.ExpectedVersion.exact(21), [event(22)])
          return [again1, again2, third] as const
        }))
        assert.deepStrictEqual(again1, first)
        assert.deepStrictEqual(again2, second)
        assert.strictEqual(third.streamVersion, 22)
        assert.deepStrictEqual(
          versions(yield* Stream.runCollect(store.readStream(name))),
          Array.from({ length: 22 }, (_, i) => i + 1)
        )
      }))

    it.effect("inside a transaction of the caller's, a conflict fails that append only", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const name = EventStore.streamName("retried", uuid())
        const stored = [event(1), event(2)]
        yield* store.append(name, EventStore.ExpectedVersion.noStream, stored)
        const [conflict, after] = yield* sql.withTransaction(Effect.gen(function*() {
          const conflict = yield* Effect.flip(
            store.append(name, EventStore.ExpectedVersion.any, [stored[1]!, event(3)])
          )
          const after = yield* store.append(name, EventStore.ExpectedVersion.exact(2), [event(3)])
          return [conflict, after] as const
        }))
        assert.strictEqual(conflict._tag, "EventIdConflict")
        assert.deepStrictEqual((conflict as EventStore.EventIdConflict).eventIds, [stored[1]!.eventId])
        assert.strictEqual(after.streamVersion, 3)
        assert.deepStrictEqual(versions(yield* Stream.runCollect(store.readStream(name))), [1, 2, 3])
      }))

    it.effect("outside a transaction, a retry met by the unique index returns the stored positions", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const name = EventStore.streamName("retried", uuid())
        // Appended one by one: a re-append of both returns their own (not consecutive) positions.
        const a = event(1)
        const b = event(2)
        const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, [a])
        yield* store.append(EventStore.streamName("retried", uuid()), EventStore.ExpectedVersion.noStream, [event(0)])
        const second = yield* store.append(name, EventStore.ExpectedVersion.exact(1), [b])
        const again = yield* store.append(name, EventStore.ExpectedVersion.any, [a, b])
        assert.deepStrictEqual(again, { streamVersion: 2, positions: [first.positions[0]!, second.positions[0]!] })
      }))
  })
})

describe("upgrade from the first migration", () => {
  const schema = "sdsf_upgrade"
  const layer = Layer.effectDiscard(dropSchema(schema)).pipe(Layer.provideMerge(pgLayer(4)))
  it.layer(layer, { excludeTestServices: true })((it) => {
    it.effect("a store written by migration 1 keeps its events and versions after every later migration", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe(`CREATE SCHEMA "${schema}"`)
        yield* Migrations.runMigrations(sql, schema, Migrations.migrations(schema).slice(0, 1))
        const name = `old-${uuid()}`
        // Migration 1's own append function (its signature had no transaction flag).
        yield* sql.unsafe(
          `SELECT status FROM "${schema}".append_events($1, 'old', 0, ARRAY[$2::uuid, $3::uuid], ARRAY['Counted', 'Counted'],
             ARRAY[1, 1], ARRAY['{"n": 1}'::jsonb, '{"n": 2}'::jsonb], ARRAY['{}'::jsonb, '{}'::jsonb], now())`,
          [name, uuid(), uuid()]
        )
        const applied = yield* Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const stream = EventStore.streamName("old", name.slice(4))
          const metadata = yield* store.streamMetadata(stream)
          assert.strictEqual(Option.getOrThrow(metadata).version, 2)
          const next = yield* store.append(stream, EventStore.ExpectedVersion.exact(2), [event(3)])
          assert.strictEqual(next.streamVersion, 3)
          return versions(yield* Stream.runCollect(store.readStream(stream)))
        }).pipe(Effect.provide(PostgresEventStore.layerFromSqlClient({ schema })))
        assert.deepStrictEqual(applied, [1, 2, 3])
        const recorded = yield* sql.unsafe<{ readonly name: string }>(
          `SELECT name FROM "${schema}".migrations ORDER BY migration_id`
        )
        assert.deepStrictEqual(
          recorded.map((r) => r.name),
          [
            "events_streams_checkpoints",
            "stream_version_from_events",
            "transaction_id_inside_ordering_lock",
            "append_security_definer",
            "personnes"
          ]
        )
      }))
  })
})
