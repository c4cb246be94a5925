/**
 * The PostgreSQL projection store SIGKILLed at random points while it replays 30,000 events (a child process,
 * `test/crash/projectionRunner.ts`), restarted each time: after every kill its tables hold exactly the fold of the
 * events up to its checkpoint, and after a last run they are byte-identical to an uninterrupted run's. The same for
 * three projections fed together by `runAll`, one of which meets its events rarely (its checkpoint moves only with
 * its writes or at the end of a pass).
 *
 * `CRASH_SEED=<n>` replays the same kill points (where a kill lands inside the child still depends on timing).
 */
import { assert, describe, it } from "@effect/vitest"
import { PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { EventStore, Projection } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import { Clock, Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { databaseUrl, freshStore, othersSettled, seedTestLog } from "./support.ts"

const schema = "sdsf_projcrash"
const STREAMS = 200
const PER_STREAM = 150
const ROUNDS = 10
const KILLS = 8
const BATCH = 500
const SEED = Number(process.env["CRASH_SEED"] ?? Math.floor(Math.random() * 2 ** 31))
const category = "crash"

/** mulberry32: a small seeded generator, numbers in [0, 1). */
const generator = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const runner = fileURLToPath(new URL("./crash/projectionRunner.ts", import.meta.url))

interface Run {
  readonly code: number | null
  readonly signal: string | null
  readonly lastBatch: number
  readonly done: boolean
  readonly stderr: string
}

/** Runs the projection in a child process; with `kill`, SIGKILLs it `delay` ms after a batch reaching `target`. */
const runChild = (
  name: string,
  kill?: { readonly target: number; readonly delay: number },
  schemaName = schema,
  categories = category
) =>
  Effect.callback<Run>((resume) => {
    const child = spawn(process.execPath, ["--conditions=@sdsf/source", runner], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        CRASH_SCHEMA: schemaName,
        CRASH_NAME: name,
        CRASH_CATEGORY: categories,
        CRASH_BATCH: `${BATCH}`
      },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let pending = ""
    let stderr = ""
    let lastBatch = 0
    let done = false
    let killing = false
    child.stdout.setEncoding("utf8")
    child.stderr.setEncoding("utf8")
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk
    })
    child.stdout.on("data", (chunk: string) => {
      pending += chunk
      const lines = pending.split("\n")
      pending = lines.pop() ?? ""
      for (const line of lines) {
        const [word, position] = line.split(" ")
        if (word === "done") done = true
        if (word !== "batch") continue
        lastBatch = Number(position)
        if (kill !== undefined && !killing && lastBatch >= kill.target) {
          killing = true
          setTimeout(() => child.kill("SIGKILL"), kill.delay)
        }
      }
    })
    child.on("exit", (code, signal) => resume(Effect.succeed({ code, signal, lastBatch, done, stderr })))
    return Effect.sync(() => {
      child.kill("SIGKILL")
    })
  })

/**
 * 30,000 events: 200 streams of 150 (letters, extensions, bilans that delete their stream's row), interleaved; with
 * `rare`, a letter in a stream of category `rare` after each round's appends.
 */
const seed = (rare = false) => seedTestLog({ category, streams: STREAMS, perStream: PER_STREAM, rounds: ROUNDS, rare })

/** md5 of each view's rows in key order (the text PostgreSQL gives of each row), and its row count. */
const digest = (name: string, schemaName = schema) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      Effect.forEach(["streams", "lettres", "types"], (table) =>
        sql.unsafe<{ readonly md5: unknown; readonly n: unknown }>(
          `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")) AS md5, count(*) AS n
         FROM "${schemaName}"."${name}_${table}" t`
        ).pipe(Effect.map((rows) =>
          `${table}: ${Number(rows[0]!.n)} rows, md5 ${String(rows[0]!.md5)}`
        )))
  )

const layer = PostgresProjectionStore.layer({ schema }).pipe(Layer.provideMerge(freshStore(schema)))

describe("the PostgreSQL projection store killed at random points", () => {
  it.layer(layer, { excludeTestServices: true })((it) => {
    it.effect(
      `SIGKILLed ${KILLS} times while replaying ${STREAMS * PER_STREAM} events, it ends byte-identical to an ` +
        `uninterrupted run (CRASH_SEED=${SEED})`,
      () =>
        Effect.gen(function*() {
          yield* Effect.log(`CRASH_SEED=${SEED}`)
          yield* seed()
          const store = yield* EventStore.EventStore
          const projections = yield* Projection.ProjectionStore
          const head = yield* store.headPosition
          const crashed = TestProjection.testProjection({ name: "crashed", category })
          const clean = TestProjection.testProjection({ name: "clean", category })
          const random = generator(SEED)
          const targets = Array.from({ length: KILLS }, () => Math.floor(random() * 0.8 * head) + 1)
            .sort((a, b) => a - b)
          let inFlight = 0
          for (const [i, target] of targets.entries()) {
            const delay = Math.floor(random() * 40)
            const run = yield* runChild("crashed", { target, delay })
            assert.strictEqual(run.signal, "SIGKILL", `run ${i} (target ${target}) exited ${run.code}: ${run.stderr}`)
            yield* othersSettled(schema)
            const { position } = yield* projections.position(crashed)
            assert.deepStrictEqual(
              yield* TestProjection.storedRows(crashed),
              yield* TestProjection.expectedRows(crashed, position),
              `after kill ${i} (target ${target}, delay ${delay} ms): the tables are the fold up to ${position}`
            )
            if (position < head) inFlight++
          }
          assert.isAbove(inFlight, 0, "some kills stopped the run before its end")
          const last = yield* runChild("crashed")
          assert.deepStrictEqual([last.code, last.done], [0, true], last.stderr)
          const started = yield* Clock.currentTimeMillis
          const summary = yield* projections.run(clean)
          const seconds = ((yield* Clock.currentTimeMillis) - started) / 1000
          yield* Effect.log(`uninterrupted run: ${summary.applied} events applied in ${seconds} s`)
          assert.strictEqual(summary.position, head)
          assert.strictEqual((yield* projections.position(crashed)).position, head)
          const a = yield* digest("crashed")
          const b = yield* digest("clean")
          assert.deepStrictEqual(a, b)
          assert.deepStrictEqual(
            yield* TestProjection.storedRows(crashed),
            yield* TestProjection.expectedRows(crashed, head)
          )
        }),
      600_000
    )
  })
})

const allSchema = "sdsf_projcrash_all"
const allLayer = PostgresProjectionStore.layer({ schema: allSchema }).pipe(Layer.provideMerge(freshStore(allSchema)))

describe("runAll of the PostgreSQL projection store killed at random points", () => {
  it.layer(allLayer, { excludeTestServices: true })((it) => {
    it.effect(
      `three projections through runAll, SIGKILLed ${KILLS} times while replaying ${STREAMS * PER_STREAM} events: ` +
        `each holds the fold up to its checkpoint after every kill, and all end byte-identical (CRASH_SEED=${SEED})`,
      () =>
        Effect.gen(function*() {
          yield* Effect.log(`CRASH_SEED=${SEED}`)
          yield* seed(true)
          const store = yield* EventStore.EventStore
          const projections = yield* Projection.ProjectionStore
          const head = yield* store.headPosition
          const fed = [
            TestProjection.testProjection({ name: "fed_a", category }),
            TestProjection.testProjection({ name: "fed_b", category }),
            TestProjection.testProjection({ name: "fed_rare", category: "rare" })
          ]
          const names = fed.map((p) => p.name).join(",")
          const categories = `${category},${category},rare`
          const random = generator(SEED + 1)
          const targets = Array.from({ length: KILLS }, () => Math.floor(random() * 0.8 * head) + 1)
            .sort((a, b) => a - b)
          let inFlight = 0
          for (const [i, target] of targets.entries()) {
            const delay = Math.floor(random() * 40)
            const run = yield* runChild(names, { target, delay }, allSchema, categories)
            assert.strictEqual(run.signal, "SIGKILL", `run ${i} (target ${target}) exited ${run.code}: ${run.stderr}`)
            yield* othersSettled(allSchema)
            for (const p of fed) {
              const { position } = yield* projections.position(p)
              assert.deepStrictEqual(
                yield* TestProjection.storedRows(p),
                yield* TestProjection.expectedRows(p, position),
                `after kill ${i} (target ${target}, delay ${delay} ms): ${p.name} is the fold up to ${position}`
              )
              if (position < head) inFlight++
            }
          }
          assert.isAbove(inFlight, 0, "some kills stopped the run before its end")
          const last = yield* runChild(names, undefined, allSchema, categories)
          assert.deepStrictEqual([last.code, last.done], [0, true], last.stderr)
          for (const p of fed) {
            assert.strictEqual((yield* projections.position(p)).position, head, p.name)
            assert.deepStrictEqual(
              yield* TestProjection.storedRows(p),
              yield* TestProjection.expectedRows(p, head),
              p.name
            )
          }
          assert.deepStrictEqual(yield* digest("fed_a", allSchema), yield* digest("fed_b", allSchema))
          assert.isAbove((yield* TestProjection.storedRows(fed[2]!))["lettres"]!.length, 0, "the rare one wrote")
        }),
      600_000
    )
  })
})
