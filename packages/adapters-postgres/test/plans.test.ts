import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Effect, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const schema = "sdsf_plans"
const uuid = () => globalThis.crypto.randomUUID()

// One connection: the appends and the statistics queries run in the same backend, whose cached plans are the ones
// under test, and whose pending statistics `pg_stat_force_next_flush` publishes.
describe("plans of a new store", () => {
  it.layer(freshStore(schema, {}, 1), { excludeTestServices: true })((it) => {
    it.effect("appends to a store created empty never scan the whole events table", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const streams = Array.from({ length: 10 }, () => EventStore.streamName("planned", uuid()))
        const appendRound = (round: number) =>
          Effect.forEach(streams, (name) =>
            store.append(name, EventStore.ExpectedVersion.exact(round), [
              { eventId: uuid(), type: "Counted", typeVersion: 1, data: { round } }
            ]), { discard: true })
        const seqScans = Effect.gen(function*() {
          yield* sql.unsafe(`SELECT pg_stat_force_next_flush()`)
          const rows = yield* sql.unsafe<{ readonly n: unknown }>(
            `SELECT seq_scan AS n FROM pg_stat_user_tables WHERE relid = '"${schema}".events'::regclass`
          )
          return Number(rows[0]!.n)
        })
        // Autovacuum analyzes a new table soon after its first rows: statistics of a one-page table, under which a
        // sequential scan is the cheapest plan. The session's plans are made now (generic after five runs).
        for (let round = 0; round < 5; round++) yield* appendRound(round)
        yield* sql.unsafe(`ANALYZE "${schema}".events, "${schema}".streams`)
        for (let round = 5; round < 10; round++) yield* appendRound(round)
        const before = yield* seqScans
        for (let round = 10; round < 20; round++) yield* appendRound(round)
        const after = yield* seqScans
        assert.strictEqual(after - before, 0, "sequential scans of events during 100 appends")
      }))

    it.effect("reads of a stream, planned while the table was tiny, do not scan the whole table once it has grown", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const name = EventStore.streamName("read", uuid())
        yield* store.append(name, EventStore.ExpectedVersion.noStream, [{
          eventId: uuid(),
          type: "Counted",
          typeVersion: 1,
          data: {}
        }])
        yield* sql.unsafe(`ANALYZE "${schema}".events`)
        for (let i = 0; i < 10; i++) yield* Stream.runDrain(store.readStream(name))
        yield* store.append(
          EventStore.streamName("bulk", uuid()),
          EventStore.ExpectedVersion.noStream,
          Array.from({ length: 20_000 }, (_, i) => ({ eventId: uuid(), type: "Counted", typeVersion: 1, data: { i } }))
        )
        const seqScans = Effect.gen(function*() {
          yield* sql.unsafe(`SELECT pg_stat_force_next_flush()`)
          const rows = yield* sql.unsafe<{ readonly n: unknown }>(
            `SELECT seq_scan AS n FROM pg_stat_user_tables WHERE relid = '"${schema}".events'::regclass`
          )
          return Number(rows[0]!.n)
        })
        const before = yield* seqScans
        for (let i = 0; i < 10; i++) yield* Stream.runDrain(store.readStream(name))
        assert.strictEqual((yield* seqScans) - before, 0, "sequential scans of events during 10 reads of a stream")
      }))
  })
})
