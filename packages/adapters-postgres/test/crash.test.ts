/**
 * A projection runner SIGKILLed at random points while it replays 100,000 events, restarted each time, ends with
 * projection tables identical to a clean rebuild. The runner is a child process (`test/crash/runner.ts`).
 *
 * The kill points come from a seed printed in the test's name: `CRASH_SEED=<n>` reruns the same points (the same
 * targets and delays; where a kill lands inside the child still depends on timing).
 */
import { assert, describe, it } from "@effect/vitest"
import { Checkpoints } from "@sdsf/adapters-postgres"
import { EventStore } from "@sdsf/domain"
import { Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Tallies from "./crash/tallies.ts"
import { databaseUrl, freshStore } from "./support.ts"

const schema = "sdsf_crash"
const STREAMS = 200
const PER_STREAM = 500
const ROUNDS = 10
const EVENTS = STREAMS * PER_STREAM
const KILLS = 20
const BATCH = 500
const SEED = Number(process.env["CRASH_SEED"] ?? Math.floor(Math.random() * 2 ** 31))

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

const uuid = () => globalThis.crypto.randomUUID()
const runner = fileURLToPath(new URL("./crash/runner.ts", import.meta.url))

interface Run {
  readonly code: number | null
  readonly signal: string | null
  /** The last position of the last batch the child started to write. */
  readonly lastBatch: number
  readonly done: boolean
  readonly stderr: string
}

/** Runs the projection in a child process; with `kill`, SIGKILLs it `delay` ms after a batch reaching `target`. */
const runChild = (kill?: { readonly target: number; readonly delay: number }) =>
  Effect.callback<Run>((resume) => {
    const child = spawn(process.execPath, ["--conditions=@sdsf/source", runner], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        CRASH_SCHEMA: schema,
        CRASH_PREFIX: "crash",
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
        const [word, , last] = line.split(" ")
        if (word === "done") done = true
        if (word !== "batch") continue
        lastBatch = Number(last)
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

/** The projection's tables against its checkpoint, in one statement (one snapshot). */
const state = (prefix: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql.unsafe<Record<"checkpoint" | "rows" | "last_row" | "counted" | "expected", unknown>>(
        `SELECT c.position AS checkpoint,
         (SELECT count(*) FROM "${schema}".${prefix}_events) AS rows,
         (SELECT coalesce(max(position), 0) FROM "${schema}".${prefix}_events) AS last_row,
         (SELECT coalesce(sum(events), 0) FROM "${schema}".${prefix}_streams) AS counted,
         (SELECT count(*) FROM "${schema}".events e WHERE e.position <= c.position) AS expected
       FROM (SELECT coalesce((SELECT position FROM "${schema}".checkpoints WHERE projection = $1), 0) AS position) c`,
        [prefix]
      )
  ).pipe(Effect.map((rows) => {
    const r = rows[0]!
    return {
      checkpoint: Number(r.checkpoint),
      rows: Number(r.rows),
      lastRow: Number(r.last_row),
      counted: Number(r.counted),
      expected: Number(r.expected)
    }
  }))

/** md5 of each table's rows in key order, and its row count. */
const digest = (prefix: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql.unsafe<Record<"events" | "event_rows" | "streams" | "stream_rows", unknown>>(
        `SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t.position)) FROM "${schema}".${prefix}_events t) AS events,
         (SELECT count(*) FROM "${schema}".${prefix}_events) AS event_rows,
         (SELECT md5(string_agg(t::text, ',' ORDER BY t.stream)) FROM "${schema}".${prefix}_streams t) AS streams,
         (SELECT count(*) FROM "${schema}".${prefix}_streams) AS stream_rows`
      )
  ).pipe(Effect.map((rows) => {
    const r = rows[0]!
    return {
      events: r.events,
      eventRows: Number(r.event_rows),
      streams: r.streams,
      streamRows: Number(r.stream_rows)
    }
  }))

/** 100,000 events: 200 streams of 500, appended in rounds of 50 per stream (so streams interleave in the log). */
const seed = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  const names = Array.from({ length: STREAMS }, (_, s) => EventStore.streamName("tally", `${s}-${uuid()}`))
  const perRound = PER_STREAM / ROUNDS
  for (let round = 0; round < ROUNDS; round++) {
    yield* Effect.forEach(names, (name, s) =>
      store.append(
        name,
        EventStore.ExpectedVersion.exact(round * perRound),
        Array.from({ length: perRound }, (_, i) => {
          const n = round * perRound + i + 1
          const type = n % 7 === 0 ? "Doubled" : "Counted"
          return { eventId: uuid(), type, typeVersion: 1, data: { n, label: `s${s}-${n}` } }
        })
      ), { concurrency: 4, discard: true })
  }
})

const tables = Layer.effectDiscard(
  Effect.andThen(Tallies.createTables(schema, "crash"), Tallies.createTables(schema, "clean"))
)

describe("a projection runner killed at random points", () => {
  it.layer(tables.pipe(Layer.provideMerge(freshStore(schema))), { excludeTestServices: true })((it) => {
    it.effect(
      `SIGKILLed ${KILLS} times while replaying ${EVENTS} events, it ends identical to a clean rebuild ` +
        `(CRASH_SEED=${SEED})`,
      () =>
        Effect.gen(function*() {
          yield* Effect.log(`CRASH_SEED=${SEED}`)
          yield* seed
          const store = yield* EventStore.EventStore
          const head = yield* store.headPosition
          const random = generator(SEED)
          // Kill targets spread over the first 80% of the log (the child is still running when the kill comes).
          const targets = Array.from({ length: KILLS }, () => Math.floor(random() * 0.8 * head) + 1)
            .sort((a, b) => a - b)
          let inFlight = 0
          for (const [i, target] of targets.entries()) {
            const delay = Math.floor(random() * 40)
            const run = yield* runChild({ target, delay })
            assert.strictEqual(run.signal, "SIGKILL", `run ${i} (target ${target}) exited ${run.code}: ${run.stderr}`)
            const after = yield* state("crash")
            // Whatever the kill interrupted, the tables hold exactly the events up to the checkpoint.
            assert.deepStrictEqual(
              [after.rows, after.counted, after.lastRow],
              [after.expected, after.expected, after.checkpoint],
              `after kill ${i} (target ${target}, delay ${delay} ms, last batch started ${run.lastBatch})`
            )
            if (after.checkpoint < run.lastBatch) inFlight++
          }
          yield* Effect.log(`${KILLS} kills, ${inFlight} with a batch in flight`)
          assert.isAbove(inFlight, 0, "some kills landed inside a batch's transaction")

          const last = yield* runChild()
          assert.deepStrictEqual([last.code, last.done], [0, true], last.stderr)
          const clean = yield* Checkpoints.runProjection(Tallies.projection(schema, "clean", BATCH))
          assert.strictEqual(clean, EVENTS)

          const crashed = yield* digest("crash")
          const rebuilt = yield* digest("clean")
          assert.deepStrictEqual([crashed.eventRows, crashed.streamRows], [EVENTS, STREAMS])
          assert.deepStrictEqual(crashed, rebuilt)
          const final = yield* state("crash")
          assert.strictEqual(final.checkpoint, head)
          assert.strictEqual(yield* Checkpoints.read("clean", { schema }), head)
        }),
      600_000
    )
  })
})
