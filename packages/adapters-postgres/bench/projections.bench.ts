/**
 * How fast the PostgreSQL projection store replays a log into the contract's test projection (three tables: a row
 * per stream read and rewritten by most events, a row per letter, a count per type), against the in-memory fold of
 * the same events read from the same store.
 *
 *   BENCH_EVENTS=100000 node --conditions=@sdsf/source bench/projections.bench.ts
 *
 * DATABASE_URL: use that server (schema bench_projections), else an embedded one. BENCH_BATCH: events per batch (500).
 */
import { PostgresEventStore, PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { EventStore, Projection } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Clock, Effect, Layer, ManagedRuntime, Redacted, Result, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { startEmbeddedPostgres } from "../test/embeddedPostgres.ts"

const EVENTS = Number(process.env["BENCH_EVENTS"] ?? 100_000)
const BATCH = Number(process.env["BENCH_BATCH"] ?? 500)
const STREAMS = 1000
const schema = "bench_projections"

const given = process.env["DATABASE_URL"]
const server = given !== undefined && given !== "" ? undefined : await startEmbeddedPostgres("bench-projections")
const url = given !== undefined && given !== "" ? given : server!.url
const pg = PgClient.layer({ url: Redacted.make(url), maxConnections: 4 })
const reset = Layer.effectDiscard(
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))
)
const runtime = ManagedRuntime.make(
  PostgresProjectionStore.layer({ schema }).pipe(
    Layer.provideMerge(PostgresEventStore.layerFromSqlClient({ schema })),
    Layer.provide(reset),
    Layer.provideMerge(pg)
  )
)

const seconds = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    const result = yield* self
    return [result, ((yield* Clock.currentTimeMillis) - start) / 1000] as const
  })

const program = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  const projections = yield* Projection.ProjectionStore
  const perAppend = 100
  for (let i = 0; i < EVENTS / perAppend; i++) {
    const s = i % STREAMS
    yield* store.append(
      EventStore.streamName("bench", `s${s}`),
      EventStore.ExpectedVersion.any,
      Array.from({ length: perAppend }, (_, k) => {
        const n = i * perAppend + k
        return n % 5 === 0
          ? TestProjection.events.prorogee(2000 + (n % 100))
          : TestProjection.events.lettre(`titre ${n}`, n % 1000)
      })
    )
  }
  const projection = TestProjection.testProjection({ name: "bench", category: "bench" })
  const [, foldSeconds] = yield* seconds(Effect.gen(function*() {
    const events = yield* Stream.runCollect(store.readAll(0))
    if (Result.isFailure(Projection.fold(projection, events))) throw new Error("fold failed")
  }))
  let peak = 0
  const [summary, runSeconds] = yield* seconds(projections.run(projection, {
    batchSize: BATCH,
    onProgress: () =>
      Effect.sync(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      })
  }))
  const [, rebuildSeconds] = yield* seconds(projections.rebuild(projection, { batchSize: BATCH }))
  const rate = (s: number) => Math.round(EVENTS / s).toLocaleString("en")
  console.log(`events: ${EVENTS.toLocaleString("en")} in ${STREAMS} streams, batches of ${BATCH}`)
  console.log(`read + in-memory fold: ${foldSeconds} s, ${rate(foldSeconds)} events/s`)
  console.log(`PostgreSQL run: ${runSeconds} s, ${rate(runSeconds)} events/s (${summary.applied} applied)`)
  console.log(`PostgreSQL rebuild: ${rebuildSeconds} s, ${rate(rebuildSeconds)} events/s`)
  console.log(`peak RSS during the run: ${Math.round(peak / 2 ** 20)} MiB`)
})

await runtime.runPromise(program).finally(async () => {
  await runtime.dispose()
  if (server !== undefined) await server.stop()
})
