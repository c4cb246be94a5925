/**
 * Projections persisted in PostgreSQL for BI tools: per projection and table, a typed table per generation
 * (`p_<projection>_<table>_<generation>`) behind a stable view (`<projection>_<table>`), written batch by batch in the
 * same transaction as the projection's checkpoint (`Checkpoints.withCheckpoint`), rebuilt from zero into a new
 * generation that one transaction switches in (view, registry, old tables dropped), so readers never see half a table.
 */
import { EventStore, Projection } from "@sdsf/domain"
import { Clock, Effect, Fiber, Layer, Option, Schema, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import { createHash } from "node:crypto"
import * as Checkpoints from "./Checkpoints.ts"
import * as Errors from "./internal/errors.ts"
import * as Migrations from "./Migrations.ts"

const { batchSizeOf, prepareBatch, readAheadFor } = Projection

/** Options of the PostgreSQL projection store. */
export interface Options {
  /** The event store's schema, where the checkpoints are; default `sdsf`. */
  readonly schema?: string | undefined
  /**
   * Where the projections' tables, views and registry (`projections`) go; default the store's schema. With least
   * privilege, a schema the application role may create tables in (see the README).
   */
  readonly tablesSchema?: string | undefined
}

/** Another runner applied the events of a batch first: read the checkpoint again. */
class Overtaken extends Schema.TaggedError<Overtaken>()("Overtaken", {}) {}

type CommitError = SqlError | Superseded | Overtaken | Checkpoints.CheckpointConflict

/** Another runner switched in or discarded the generation this one was writing: start over from the registry. */
class Superseded extends Schema.TaggedError<Superseded>()("Superseded", { generation: Schema.Number }) {}

interface Registry {
  readonly version: number
  readonly generation: number
  readonly checkpoint: string
  readonly tables: ReadonlyArray<string>
  readonly buildingGeneration: number | null
  readonly buildingVersion: number | null
  readonly buildingTables: ReadonlyArray<string> | null
  readonly lastGeneration: number
}

const sqlType: Record<Projection.ColumnType, string> = {
  text: `text COLLATE "C"`,
  "text[]": `text[] COLLATE "C"`,
  integer: "bigint",
  number: "double precision",
  boolean: "boolean"
}

const hash8 = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8)

/** `name` when it fits PostgreSQL's 63 bytes, else cut with a hash of the whole before `suffix`. */
const bounded = (name: string, suffix = ""): string =>
  name.length + suffix.length <= 63 ? name + suffix : `${name.slice(0, 63 - suffix.length - 9)}_${hash8(name)}${suffix}`

/** The view BI tools query: `<projection>_<table>` (cut with a hash past 63 characters). */
export const viewName = (projection: string, table: string): string => bounded(`${projection}_${table}`)

/** The table of one generation: `p_<projection>_<table>_<generation>` (cut with a hash past 63 characters). */
export const physicalName = (projection: string, table: string, generation: number): string =>
  bounded(`p_${projection}_${table}`, `_${generation}`)

/** The checkpoint of one generation. */
export const checkpointName = (tablesSchema: string, projection: string, generation: number): string =>
  `${tablesSchema}.${projection}@${generation}`

const q = (identifier: string) => `"${identifier}"`

const storeError = (operation: string) => (cause: unknown) =>
  new EventStore.EventStoreError({ operation, cause: Errors.describe(cause) })

// The SQL type of a column's parameter: one array literal per column, bound untyped and parsed by PostgreSQL straight
// into the column's type (a text[] cell travels as the literal of its own array, cast in the SELECT).
const arrayType: Record<Projection.ColumnType, string> = {
  text: "text[]",
  "text[]": "text[]",
  integer: "bigint[]",
  number: "float8[]",
  boolean: "boolean[]"
}

const quoted = (s: string): string =>
  s.includes("\\") || s.includes(`"`) ? `"${s.replace(/["\\]/g, "\\$&")}"` : `"${s}"`

// A cell inside an array literal, as PostgreSQL parses back the same value (-0 kept).
const element = (type: Projection.ColumnType, cell: Projection.Cell): string => {
  if (cell === null) return "NULL"
  switch (type) {
    case "text":
      return quoted(cell as string)
    case "text[]":
      return quoted(`{${(cell as ReadonlyArray<string>).map(quoted).join(",")}}`)
    case "integer":
      return String(cell)
    case "number":
      return Object.is(cell, -0) ? "-0" : String(cell)
    case "boolean":
      return cell === true ? "t" : "f"
  }
}

/** A column of cells as one array literal: the driver sends one string, PostgreSQL parses it once. */
const literalOf = (type: Projection.ColumnType, cells: ReadonlyArray<Projection.Cell>): string => {
  let out = "{"
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ","
    out += element(type, cells[i]!)
  }
  return out + "}"
}

/** `unnest($1::bigint[], $2::text[], ...) AS u(c0, c1, ...)` and the SELECT list reading it back in column types. */
const unnestOf = (columns: ReadonlyArray<Projection.Column>) => ({
  from: `unnest(${columns.map((c, i) => `$${i + 1}::${arrayType[c.type]}`).join(", ")}) AS u(${
    columns.map((_, i) => `c${i}`).join(", ")
  })`,
  select: columns.map((c, i) => (c.type === "text[]" ? `u.c${i}::text[]` : `u.c${i}`)).join(", ")
})

const decodeCell = (type: Projection.ColumnType, value: unknown): Projection.Cell => {
  if (value === null || value === undefined) return null
  switch (type) {
    case "text":
      return String(value)
    case "text[]":
      return (value as ReadonlyArray<string>).map(String)
    case "integer":
    case "number":
      return Number(value)
    case "boolean":
      return value === true || value === "t"
  }
}

// Whether a key cell can be in the column (a key of another type names no stored row).
const fits = (c: Projection.Column, cell: Projection.Cell): boolean => {
  switch (c.type) {
    case "text":
      return typeof cell === "string"
    case "text[]":
      return Array.isArray(cell)
    case "integer":
      return Number.isSafeInteger(cell)
    case "number":
      return typeof cell === "number" && Number.isFinite(cell)
    case "boolean":
      return typeof cell === "boolean"
  }
}

/** What makes every write of a batch's statement conditional on the batch's checks. */
const guard = "(SELECT ok FROM ok)"

const isUniqueViolation = (error: unknown): boolean => {
  if (!isSqlError(error)) return false
  const cause: unknown = error.reason.cause
  return typeof cause === "object" && cause !== null && (cause as { readonly code?: unknown }).code === "23505"
}

const columnOf = (t: Projection.Table, name: string): Projection.Column => t.columns.find((c) => c.name === name)!

/** Builds the store from the `SqlClient` and `EventStore` in context, creating its schema and registry if missing. */
export const make = Effect.fnUntraced(function*(options: Options = {}) {
  const schema = yield* Migrations.validateSchema(options.schema ?? Migrations.defaultSchema)
  const tablesSchema = yield* Migrations.validateSchema(options.tablesSchema ?? schema, "tablesSchema")
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const store = yield* EventStore.EventStore
  const ts = q(tablesSchema)
  const es = q(schema)
  const registryTable = `${ts}.projections`
  const checkpointOptions = { schema }
  const lockKey = (name: string) => `sdsf.projection:${tablesSchema}.${name}`

  // The schema and registry: created once, under a lock (two stores starting at once take turns).
  const present = yield* sql.unsafe<{ readonly ok: unknown }>(
    `SELECT to_regclass($1) IS NOT NULL AS ok`,
    [`${ts}.projections`]
  ).pipe(Effect.mapError(storeError("projection.make")))
  if (present[0]?.ok !== true) {
    yield* sql.withTransaction(Effect.gen(function*() {
      yield* sql.unsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sdsf.projections:${tablesSchema}`])
      const schemas = yield* sql.unsafe(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [tablesSchema])
      if (schemas.length === 0) yield* sql.unsafe(`CREATE SCHEMA ${ts}`)
      yield* sql.unsafe(`CREATE TABLE IF NOT EXISTS ${registryTable} (
        projection text PRIMARY KEY,
        version integer NOT NULL,
        generation integer NOT NULL,
        checkpoint text NOT NULL,
        tables text[] NOT NULL,
        building_generation integer,
        building_version integer,
        building_tables text[],
        last_generation integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    })).pipe(Effect.mapError(storeError("projection.make")))
  }

  const registrySql = `SELECT version, generation, checkpoint, tables, building_generation, building_version,
    building_tables, last_generation FROM ${registryTable} WHERE projection = $1`

  const toRegistry = (r: Record<string, unknown>): Registry => ({
    version: Number(r["version"]),
    generation: Number(r["generation"]),
    checkpoint: String(r["checkpoint"]),
    tables: r["tables"] as ReadonlyArray<string>,
    buildingGeneration: r["building_generation"] === null ? null : Number(r["building_generation"]),
    buildingVersion: r["building_version"] === null ? null : Number(r["building_version"]),
    buildingTables: r["building_tables"] as ReadonlyArray<string> | null,
    lastGeneration: Number(r["last_generation"])
  })

  const readRegistry = (name: string, lock = "") =>
    Effect.map(
      sql.unsafe<Record<string, unknown>>(registrySql + lock, [name]),
      (rows) => rows.length === 0 ? undefined : toRegistry(rows[0]!)
    )

  const createTables = (p: Projection.Projection, generation: number) =>
    Effect.forEach(p.tables, (t) =>
      sql.unsafe(
        `CREATE TABLE ${ts}.${q(physicalName(p.name, t.name, generation))} (${
          t.columns.map((c) => `${q(c.name)} ${sqlType[c.type]}${c.nullable === true ? "" : " NOT NULL"}`).join(", ")
        }, PRIMARY KEY (${t.key.map(q).join(", ")}))`
      ), { discard: true })

  const dropTables = (name: string, tables: ReadonlyArray<string>, generation: number) =>
    Effect.forEach(tables, (t) => sql.unsafe(`DROP TABLE IF EXISTS ${ts}.${q(physicalName(name, t, generation))}`), {
      discard: true
    })

  const marker = (p: Projection.Projection, t: Projection.Table) => `(projection ${p.name}, table ${t.name})`

  /** Points each table's view at `generation`: replaced in place when its columns are unchanged, else recreated. */
  const switchViews = (p: Projection.Projection, generation: number, oldTables: ReadonlyArray<string>) =>
    Effect.gen(function*() {
      for (const t of p.tables) {
        const view = `${ts}.${q(viewName(p.name, t.name))}`
        const existing = yield* sql.unsafe<{ readonly name: string; readonly type: string; readonly comment: unknown }>(
          `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
             obj_description(a.attrelid, 'pg_class') AS comment
           FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
           ORDER BY a.attnum`,
          [view]
        )
        if (existing.length > 0 && !String(existing[0]!.comment ?? "").endsWith(marker(p, t))) {
          return yield* storeError("projection.view")(
            new Error(`${tablesSchema}.${viewName(p.name, t.name)} exists and is not the view of ${marker(p, t)}`)
          )
        }
        const wanted = yield* sql.unsafe<{ readonly name: string; readonly type: string }>(
          `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
           FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
           ORDER BY a.attnum`,
          [`${ts}.${q(physicalName(p.name, t.name, generation))}`]
        )
        const same = existing.length === wanted.length &&
          existing.every((c, i) => c.name === wanted[i]!.name && c.type === wanted[i]!.type)
        if (existing.length > 0 && !same) yield* sql.unsafe(`DROP VIEW ${view}`)
        yield* sql.unsafe(
          `CREATE OR REPLACE VIEW ${view} AS SELECT ${t.columns.map((c) => q(c.name)).join(", ")} FROM ${ts}.${
            q(physicalName(p.name, t.name, generation))
          }`
        )
        yield* sql.unsafe(`COMMENT ON VIEW ${view} IS ${literal(`${t.grain} ${marker(p, t)}`)}`)
      }
      for (const old of oldTables) {
        if (Projection.table(p, old) === undefined) {
          yield* sql.unsafe(`DROP VIEW IF EXISTS ${ts}.${q(viewName(p.name, old))}`)
        }
      }
    })

  /** The registry row, creating generation 1 (tables, views, row) when the projection has none. */
  const ensureRegistered = (p: Projection.Projection) =>
    Effect.gen(function*() {
      const found = yield* readRegistry(p.name)
      if (found !== undefined) return { registry: found, created: false }
      return yield* sql.withTransaction(Effect.gen(function*() {
        yield* sql.unsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey(p.name)])
        const again = yield* readRegistry(p.name)
        if (again !== undefined) return { registry: again, created: false }
        yield* createTables(p, 1)
        yield* switchViews(p, 1, [])
        const checkpoint = checkpointName(tablesSchema, p.name, 1)
        yield* sql.unsafe(
          `INSERT INTO ${registryTable} (projection, version, generation, checkpoint, tables, last_generation)
           VALUES ($1, $2, 1, $3, $4::text[], 1)`,
          [p.name, p.version, checkpoint, p.tables.map((t) => t.name)]
        )
        return { registry: (yield* readRegistry(p.name))!, created: true }
      }))
    })

  /** Loads the rows a batch reads: one query per table. */
  const load = (p: Projection.Projection, generation: number, reads: ReturnType<typeof Projection.readsOf>) =>
    Effect.gen(function*() {
      const loaded = new Map<string, Map<string, Projection.Row>>()
      for (const [tableName, keys] of reads) {
        const t = Projection.table(p, tableName)
        if (t === undefined) continue
        const keyColumns = t.key.map((k) => columnOf(t, k))
        const wanted = keys.filter((key) => key.length === t.key.length && key.every((c, i) => fits(keyColumns[i]!, c)))
        if (wanted.length === 0) continue
        const params = keyColumns.map((c, i) => literalOf(c.type, wanted.map((key) => key[i]!)))
        const table = `${ts}.${q(physicalName(p.name, t.name, generation))}`
        const u = unnestOf(keyColumns)
        const rows = yield* sql.unsafe<Record<string, unknown>>(
          `SELECT ${t.columns.map((c) => q(c.name)).join(", ")} FROM ${table}
           WHERE (${t.key.map(q).join(", ")}) IN (SELECT ${u.select} FROM ${u.from})`,
          params
        )
        const m = new Map<string, Projection.Row>()
        for (const r of rows) {
          const row = decodeRow(t, r)
          m.set(Projection.keyText(Projection.keyOf(t, row)), row)
        }
        loaded.set(tableName, m)
      }
      return loaded
    })

  /**
   * The statements writing a batch's touched rows, each to run as a part of the batch's one statement (`batchSql`), its
   * rows written only when the batch's checks hold (`guard`): per table, one DELETE and one INSERT at most. The INSERT is plain
   * for the tables in which this run has not yet met a row already stored (rebuilding from zero, most rows are new);
   * `ON CONFLICT DO UPDATE` for the others (`updated`).
   */
  const statementsOf = (
    p: Projection.Projection,
    generation: number,
    touched: Projection.Touched,
    updated: ReadonlySet<string>
  ) => {
    const statements: Array<{ readonly sql: string; readonly params: ReadonlyArray<string> }> = []
    for (const [tableName, rows] of touched) {
      const t = Projection.table(p, tableName)
      if (t === undefined) continue
      const table = `${ts}.${q(physicalName(p.name, t.name, generation))}`
      const keyColumns = t.key.map((k) => columnOf(t, k))
      const deleted: Array<ReadonlyArray<Projection.Cell>> = []
      const put: Array<Projection.Row> = []
      for (const [k, row] of rows) {
        if (row !== null) put.push(row)
        else {
          const key = JSON.parse(k) as ReadonlyArray<Projection.Cell>
          if (key.every((c, i) => fits(keyColumns[i]!, c))) deleted.push(key)
        }
      }
      if (deleted.length > 0) {
        const u = unnestOf(keyColumns)
        statements.push({
          sql: `DELETE FROM ${table} WHERE ${guard} AND (${
            t.key.map(q).join(", ")
          }) IN (SELECT ${u.select} FROM ${u.from})`,
          params: keyColumns.map((c, i) => literalOf(c.type, deleted.map((key) => key[i]!)))
        })
      }
      if (put.length > 0) {
        const others = t.columns.filter((c) => !t.key.includes(c.name))
        const u = unnestOf(t.columns)
        statements.push({
          sql: `INSERT INTO ${table} (${t.columns.map((c) => q(c.name)).join(", ")})
            SELECT ${u.select} FROM ${u.from} WHERE ${guard}${
            !updated.has(t.name)
              ? ""
              : ` ON CONFLICT (${t.key.map(q).join(", ")}) ${
                others.length === 0
                  ? "DO NOTHING"
                  : `DO UPDATE SET ${others.map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`).join(", ")}`
              }`
          }`,
          params: t.columns.map((c) => literalOf(c.type, put.map((row) => row[c.name] ?? null)))
        })
      }
    }
    return statements
  }

  /**
   * Folds a batch outside any transaction: the rows it reads are the in-flight batch's touched rows (`pending`, not
   * committed yet) or else the stored ones, loaded now (the batch before the in-flight one is committed). Returns the
   * touched rows and the statements writing them.
   */
  const foldBatch = (
    p: Projection.Projection,
    generation: number,
    decoded: ReadonlyArray<Projection.Decoded>,
    pending: Projection.Touched,
    updated: ReadonlySet<string>
  ) =>
    Effect.gen(function*() {
      const perEvent = Projection.readsPerEvent(p, decoded)
      const reads = new Map<string, ReadonlyArray<ReadonlyArray<Projection.Cell>>>()
      for (const [t, keys] of Projection.readsOf(p, decoded, perEvent)) {
        const inFlight = pending.get(t)
        const wanted = inFlight === undefined ? keys : keys.filter((k) => !inFlight.has(Projection.keyText(k)))
        if (wanted.length > 0) reads.set(t, wanted)
      }
      const loaded: ReadonlyMap<string, ReadonlyMap<string, Projection.Row>> = reads.size === 0
        ? new Map()
        : yield* load(p, generation, reads).pipe(
          // The generation's tables dropped under the read: another runner switched or discarded it.
          Effect.catchIf(isSqlError, (error) =>
            Effect.flatMap(
              readRegistry(p.name),
              (reg): Effect.Effect<never, SqlError | Superseded> =>
                reg === undefined || (reg.generation !== generation && reg.buildingGeneration !== generation)
                  ? Effect.fail(new Superseded({ generation }))
                  : Effect.fail(error)
            ))
        )
      const touched = Projection.applyBatch(p, decoded, (t, k) => {
        const key = Projection.keyText(k)
        const inFlight = pending.get(t)
        if (inFlight !== undefined && inFlight.has(key)) return inFlight.get(key) ?? undefined
        return loaded.get(t)?.get(key)
      }, perEvent)
      if (touched._tag === "Failure") return yield* touched.failure
      return { touched: touched.success, statements: statementsOf(p, generation, touched.success, updated) }
    })

  /**
   * A batch is one statement, so one round trip and one implicit transaction: it locks the checkpoint (runners of one
   * generation take turns) and shares the registry row (a switch waits for the batch, and the batch sees a switch that
   * came first), checks that the generation is still the one building or live, that the batch starts after the
   * checkpoint (nobody moved it since the batch was folded) and lists every stored event up to its last; only then do
   * its writes and the checkpoint's move happen (every part runs, guarded by the checks). It returns what it found.
   */
  const batchSql = (
    writes: ReadonlyArray<{ readonly sql: string; readonly params: ReadonlyArray<string> }>
  ): { readonly sql: string; readonly extra: ReadonlyArray<string> } => {
    const extra: Array<string> = []
    const parts = writes.map((w, i) => {
      const offset = 6 + extra.length
      extra.push(...w.params)
      return `w${i} AS (${w.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)} RETURNING 1)`
    })
    return {
      sql: `WITH cp AS (
          SELECT c.position, r.generation, r.building_generation,
            (SELECT count(*) FROM ${es}.events e WHERE e.position > c.position AND e.position <= $3) AS n
          FROM ${es}.checkpoints c, ${registryTable} r WHERE c.projection = $1 AND r.projection = $2
          FOR UPDATE OF c FOR SHARE OF r),
        ok AS (SELECT coalesce(bool_and(cp.position < $4 AND cp.n = $5
          AND (cp.generation = $6 OR cp.building_generation = $6)), false) AS ok FROM cp),
        ${parts.map((part) => `${part},`).join("\n        ")}
        mv AS (UPDATE ${es}.checkpoints SET position = $3, updated_at = now()
          WHERE projection = $1 AND ${guard} RETURNING 1)
        SELECT cp.position, cp.generation, cp.building_generation, cp.n, (SELECT count(*) FROM mv) AS moved FROM cp`,
      extra
    }
  }

  /** Runs a batch's statement and tells what it found: applied, or why not. */
  const commitBatch = (
    p: Projection.Projection,
    generation: number,
    name: string,
    positions: ReadonlyArray<number>,
    writes: ReadonlyArray<{ readonly sql: string; readonly params: ReadonlyArray<string> }>
  ) =>
    Effect.gen(function*() {
      const first = positions[0]!
      const last = positions.at(-1)!
      const { sql: statement, extra } = batchSql(writes)
      const found = yield* sql.unsafe<Record<string, unknown>>(
        statement,
        [name, p.name, last, first, positions.length, generation, ...extra]
      ).pipe(
        // The generation's tables dropped before the statement: another runner switched or discarded it.
        Effect.catchIf(
          (error) => isSqlError(error) && !isUniqueViolation(error),
          (error) =>
            Effect.flatMap(
              readRegistry(p.name),
              (reg): Effect.Effect<never, SqlError | Superseded> =>
                reg === undefined || (reg.generation !== generation && reg.buildingGeneration !== generation)
                  ? Effect.fail(new Superseded({ generation }))
                  : Effect.fail(error)
            )
        )
      )
      const row = found[0]
      if (row === undefined) return yield* new Superseded({ generation })
      if (Number(row["generation"]) !== generation && Number(row["building_generation"]) !== generation) {
        return yield* new Superseded({ generation })
      }
      const stored = Number(row["position"])
      if (first <= stored) return yield* new Overtaken()
      if (Number(row["n"]) !== positions.length) {
        return yield* new Checkpoints.CheckpointConflict({ projection: name, stored, attempted: last, reason: "skip" })
      }
      if (Number(row["moved"]) !== 1) {
        return yield* new Checkpoints.CheckpointConflict({
          projection: name,
          stored,
          attempted: last,
          reason: "backwards"
        })
      }
    })

  /**
   * Applies every event after the generation's checkpoint; returns the events applied. Three things overlap: the log is
   * read and decoded ahead (a page at a time, in a fiber of its own), the next batch is folded and its statements
   * built, and the previous batch's transaction runs. A batch reads what the in-flight one wrote from memory; its own
   * transaction checks that nobody moved the checkpoint since. Batches are cut from the checkpoint on, as the memory
   * store cuts them.
   */
  const catchUp = (p: Projection.Projection, generation: number, options: Projection.RunOptions | undefined) =>
    Effect.gen(function*() {
      const batchSize = yield* batchSizeOf(p, options)
      const readAhead = readAheadFor(batchSize)
      const name = checkpointName(tablesSchema, p.name, generation)
      yield* sql.unsafe(
        `INSERT INTO ${es}.checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT (projection) DO NOTHING`,
        [name]
      )
      const head = yield* store.headPosition
      const started = yield* Clock.currentTimeMillis
      let applied = 0
      let read = 0
      let checkpoint = 0
      const none: Projection.Touched = new Map()
      const updated = new Set<string>()
      while (true) {
        const from = yield* Checkpoints.read(name, checkpointOptions)
        checkpoint = from
        let previous = from
        let batches = 0
        let overtaken = false
        let poison: Projection.PoisonEvent | undefined
        let inFlight: { readonly fiber: Fiber.Fiber<void, unknown>; readonly prepared: Projection.Prepared } | undefined
        let pending = none
        // Waits for the in-flight transaction and reports it.
        const settle = Effect.gen(function*() {
          if (inFlight === undefined) return
          const { fiber, prepared } = inFlight
          inFlight = undefined
          yield* Fiber.join(fiber as Fiber.Fiber<void, CommitError>)
          applied += prepared.decoded.length
          read += prepared.positions.length
          checkpoint = prepared.positions.at(-1)!
          if (options?.onProgress !== undefined) {
            const now = yield* Clock.currentTimeMillis
            yield* options.onProgress({
              projection: p.name,
              position: checkpoint,
              head,
              read,
              eventsPerSecond: now > started ? (read * 1000) / (now - started) : 0,
              remaining: Math.max(0, head - checkpoint)
            })
          }
        })
        // Pages of the log, each read whole (no connection held between pages) and cut into batches.
        const pages = Stream.paginate(
          from,
          (after: number) =>
            Effect.map(store.readAll(after).pipe(Stream.take(readAhead), Stream.runCollect), (events) => {
              const cut: Array<ReadonlyArray<EventStore.RecordedEvent>> = []
              for (let i = 0; i < events.length; i += batchSize) cut.push(events.slice(i, i + batchSize))
              return [cut, events.length < readAhead ? Option.none() : Option.some(events.at(-1)!.position)] as const
            })
        )
        yield* pages.pipe(
          Stream.map((events) => {
            const prepared = prepareBatch(p, events, previous)
            previous = prepared.positions.at(-1) ?? previous
            return prepared
          }),
          Stream.takeUntil((prepared) => prepared.poison !== undefined),
          Stream.buffer({ capacity: Math.max(2, readAhead / batchSize) }),
          Stream.runForEach((prepared) =>
            Effect.gen(function*() {
              batches++
              const { decoded, positions } = prepared
              if (positions.length > 0) {
                const folded = decoded.length === 0
                  ? { touched: none, statements: [] }
                  : yield* foldBatch(p, generation, decoded, pending, updated).pipe(Effect.tapError(() => settle))
                yield* settle
                const commit = commitBatch(p, generation, name, positions, folded.statements).pipe(
                  // A plain INSERT met a stored row: that batch again with upserts, and upserts from now on.
                  Effect.catchIf(isUniqueViolation, () =>
                    Effect.suspend(() => {
                      for (const t of folded.touched.keys()) updated.add(t)
                      return commitBatch(
                        p,
                        generation,
                        name,
                        positions,
                        statementsOf(p, generation, folded.touched, updated)
                      )
                    }))
                )
                inFlight = { fiber: yield* Effect.forkChild(commit), prepared }
                pending = folded.touched
              }
              poison = prepared.poison
            })
          ),
          Effect.andThen(settle),
          Effect.onError(() =>
            Effect.suspend(() => {
              const f = inFlight?.fiber
              inFlight = undefined
              return f === undefined ? Effect.void : Fiber.interrupt(f)
            })
          ),
          // Another runner moved the checkpoint first: start again from where it stands.
          Effect.catchTag("Overtaken", () => Effect.sync(() => overtaken = true))
        )
        if (poison !== undefined && !overtaken) return yield* poison
        if (!overtaken && batches === 0) return { applied, position: checkpoint }
      }
    })

  const rebuildOnce = (p: Projection.Projection, options: Projection.RunOptions | undefined) =>
    Effect.gen(function*() {
      const { created } = yield* ensureRegistered(p)
      if (created) {
        const { applied, position } = yield* catchUp(p, 1, options)
        return { projection: p.name, version: p.version, applied, position, rebuilt: true }
      }
      // Claim a generation to build: the one being built for this version (resumed), or a new one.
      const generation = yield* sql.withTransaction(Effect.gen(function*() {
        yield* sql.unsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey(p.name)])
        const reg = (yield* readRegistry(p.name, " FOR UPDATE"))!
        const sameTables = reg.buildingTables !== null && reg.buildingTables.length === p.tables.length &&
          p.tables.every((t, i) => reg.buildingTables![i] === t.name)
        if (reg.buildingGeneration !== null && reg.buildingVersion === p.version && sameTables) {
          return reg.buildingGeneration
        }
        if (reg.buildingGeneration !== null && reg.buildingTables !== null) {
          yield* dropTables(p.name, reg.buildingTables, reg.buildingGeneration)
        }
        const next = reg.lastGeneration + 1
        yield* createTables(p, next)
        yield* sql.unsafe(
          `UPDATE ${registryTable} SET building_generation = $2, building_version = $3, building_tables = $4::text[],
             last_generation = $2, updated_at = now() WHERE projection = $1`,
          [p.name, next, p.version, p.tables.map((t) => t.name)]
        )
        return next
      }))
      const { applied, position } = yield* catchUp(p, generation, options)
      // Switch: views to the new tables, registry, old tables dropped, in one transaction.
      const switched = yield* sql.withTransaction(Effect.gen(function*() {
        yield* sql.unsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey(p.name)])
        const reg = (yield* readRegistry(p.name, " FOR UPDATE"))!
        if (reg.generation === generation) return true
        if (reg.buildingGeneration !== generation) return false
        yield* switchViews(p, generation, reg.tables)
        yield* dropTables(p.name, reg.tables, reg.generation)
        yield* sql.unsafe(
          `UPDATE ${registryTable} SET version = $2, generation = $3, checkpoint = $4, tables = $5::text[],
             building_generation = NULL, building_version = NULL, building_tables = NULL, updated_at = now()
           WHERE projection = $1`,
          [p.name, p.version, generation, checkpointName(tablesSchema, p.name, generation), p.tables.map((t) => t.name)]
        )
        return true
      }))
      if (!switched) return yield* new Superseded({ generation })
      return { projection: p.name, version: p.version, applied, position, rebuilt: true }
    })

  type Internal = SqlError | Checkpoints.CheckpointConflict | Checkpoints.InvalidCheckpointOption
  const mapErrors = (operation: string) => <A, E, R>(self: Effect.Effect<A, E, R>) =>
    Effect.mapError(self, (error) =>
      isSqlError(error) || error instanceof Checkpoints.CheckpointConflict ||
        error instanceof Checkpoints.InvalidCheckpointOption
        ? storeError(operation)(error)
        : error) as Effect.Effect<A, Exclude<E, Internal> | EventStore.EventStoreError, R>

  const retrySuperseded = <A, E, R>(
    self: Effect.Effect<A, E | Superseded, R>
  ): Effect.Effect<A, Exclude<E, Superseded>, R> =>
    Effect.catchIf(
      self,
      (error): error is Superseded => error instanceof Superseded,
      () => retrySuperseded(self)
    ) as Effect.Effect<A, Exclude<E, Superseded>, R>

  const run = (p: Projection.Projection, options?: Projection.RunOptions) =>
    Effect.gen(function*() {
      yield* batchSizeOf(p, options)
      return yield* retrySuperseded(Effect.gen(function*() {
        const { registry } = yield* ensureRegistered(p)
        if (registry.version !== p.version) return yield* rebuildOnce(p, options)
        const { applied, position } = yield* catchUp(p, registry.generation, options)
        return { projection: p.name, version: p.version, applied, position, rebuilt: false }
      }))
    }).pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      mapErrors("projection.run"),
      Effect.withSpan("PostgresProjectionStore.run", { attributes: { projection: p.name } })
    )

  const rebuild = (p: Projection.Projection, options?: Projection.RunOptions) =>
    Effect.gen(function*() {
      yield* batchSizeOf(p, options)
      return yield* retrySuperseded(rebuildOnce(p, options))
    }).pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      mapErrors("projection.rebuild"),
      Effect.withSpan("PostgresProjectionStore.rebuild", { attributes: { projection: p.name } })
    )

  const rows = (p: Projection.Projection, table: string) =>
    Effect.gen(function*() {
      const t = Projection.table(p, table)
      if (t === undefined) return yield* new Projection.UnknownTable({ projection: p.name, table })
      const reg = yield* readRegistry(p.name)
      if (reg === undefined || reg.version !== p.version) return []
      const found = yield* sql.unsafe<Record<string, unknown>>(
        `SELECT ${t.columns.map((c) => q(c.name)).join(", ")} FROM ${ts}.${q(viewName(p.name, t.name))}`
      )
      return Projection.sortRows(t, found.map((r) => decodeRow(t, r)))
    }).pipe(mapErrors("projection.rows"))

  const position = (p: Projection.Projection) =>
    Effect.gen(function*() {
      const reg = yield* readRegistry(p.name)
      if (reg === undefined) return { position: 0, version: undefined }
      return { position: yield* Checkpoints.read(reg.checkpoint, checkpointOptions), version: reg.version }
    }).pipe(Effect.provideService(SqlClient.SqlClient, sql), mapErrors("projection.position"))

  return Projection.ProjectionStore.of({ run, rebuild, rows, position })
})

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`

const decodeRow = (t: Projection.Table, r: Record<string, unknown>): Projection.Row => {
  const row: Record<string, Projection.Cell> = {}
  for (const c of t.columns) row[c.name] = decodeCell(c.type, r[c.name])
  return row
}

/** Why the store could not start: a refused schema name, or a database error. */
export type StartError = EventStore.EventStoreError | Migrations.InvalidIdentifier

/** The store as a layer over the `SqlClient` and `EventStore` in context (e.g. `PostgresEventStore.layer`). */
export const layer = (
  options: Options = {}
): Layer.Layer<Projection.ProjectionStore, StartError, SqlClient.SqlClient | EventStore.EventStore> =>
  Layer.effect(Projection.ProjectionStore, make(options))
