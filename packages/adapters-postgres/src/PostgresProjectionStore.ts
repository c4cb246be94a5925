/**
 * Projections persisted in PostgreSQL for BI tools: per projection and table, a typed table per generation
 * (`p_<projection>_<table>_<generation>`) behind a stable view (`<projection>_<table>`), written batch by batch in the
 * same transaction as the projection's checkpoint (`Checkpoints.withCheckpoint`), rebuilt from zero into a new
 * generation that one transaction switches in (view, registry, old tables dropped), so readers never see half a table.
 */
import { EventStore, Projection } from "@sdsf/domain"
import { Clock, Duration, Effect, Fiber, Layer, Option, Schema, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import { createHash } from "node:crypto"
import * as Checkpoints from "./Checkpoints.ts"
import * as Errors from "./internal/errors.ts"
import { timeoutOf, withTimeout } from "./internal/timeout.ts"
import * as Migrations from "./Migrations.ts"

const { batchSizeOf, prepareTogether, readAheadFor } = Projection

/** Options of the PostgreSQL projection store. */
export interface Options {
  /** The event store's schema, where the checkpoints are; default `sdsf`. */
  readonly schema?: string | undefined
  /**
   * Where the projections' tables, views and registry (`projections`) go; default the store's schema. With least
   * privilege, a schema the application role may create tables in (see the README).
   */
  readonly tablesSchema?: string | undefined
  /**
   * The longest a batch's statement or its fold's read of stored rows waits for the server (a pooled connection
   * included); then the run fails with `EventStoreError` caused by a `StoreTimeout` (transient: run again; the
   * statement may have committed, which the checkpoint accounts for). Default 30 seconds; `Duration.infinity` turns it
   * off. The log's reads are bounded by the event store's own `statementTimeout`.
   */
  readonly statementTimeout?: Duration.Input | undefined
}

/** Another runner applied the events of a batch first: read the checkpoint again. */
class Overtaken extends Schema.TaggedError<Overtaken>()("Overtaken", {}) {}

type CommitError = SqlError | EventStore.EventStoreError | Superseded | Overtaken | Checkpoints.CheckpointConflict

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

const escaped = /["\\]/
const quoted = (s: string): string => escaped.test(s) ? `"${s.replace(/["\\]/g, "\\$&")}"` : `"${s}"`

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

/**
 * A column of cells as one array literal: the driver sends one string, PostgreSQL parses it once. Joined, not
 * concatenated: one flat string, encoded for the socket in one go.
 */
const literalOf = (type: Projection.ColumnType, cells: ReadonlyArray<Projection.Cell>): string =>
  literalBy(type, cells.length, (i) => cells[i]!)

/** The array literal of `count` cells, the i-th given by `cell(i)` (no intermediate array of cells). */
const literalBy = (type: Projection.ColumnType, count: number, cell: (i: number) => Projection.Cell): string => {
  const parts = new Array<string>(count)
  for (let i = 0; i < count; i++) parts[i] = element(type, cell(i))
  return `{${parts.join(",")}}`
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

type Writes = ReadonlyArray<{ readonly sql: string; readonly params: ReadonlyArray<string> }>

const noRows: ReadonlyMap<string, Projection.Row | null> = new Map()

/**
 * Batches folded ahead of the statements: up to this many batches' statements wait or run while the next one is
 * folded (a slower statement or a slower fold is absorbed, the database and the process each kept busy); still one
 * statement at a time, each sent once the one before it committed.
 */
const depth = 2

/** The most rows a pass keeps of those it read, per projection (the oldest read forgotten first). */
const knownRows = 10_000

/**
 * Rows a pass read, per table and key text (absent ones as null), at most `knownRows` in all: the oldest of the table
 * being added to goes first (of the first table holding any when that one holds none).
 */
class KnownRows {
  private readonly tables = new Map<string, Map<string, Projection.Row | null>>()
  private size = 0
  get(table: string, key: string): Projection.Row | null | undefined {
    return this.tables.get(table)?.get(key)
  }
  has(table: string, key: string): boolean {
    return this.tables.get(table)?.has(key) === true
  }
  remember(table: string, key: string, row: Projection.Row | null): void {
    let rows = this.tables.get(table)
    if (rows === undefined) this.tables.set(table, rows = new Map())
    if (rows.has(key)) {
      rows.set(key, row)
      return
    }
    if (this.size >= knownRows) {
      const from = rows.size > 0 ? rows : [...this.tables.values()].find((m) => m.size > 0)!
      from.delete(from.keys().next().value!)
      this.size--
    }
    rows.set(key, row)
    this.size++
  }
  /** Rows a committed batch left: those known take their new state (the others were never read by the pass). */
  update(touched: Projection.Touched): void {
    for (const [table, rows] of touched) {
      const known = this.tables.get(table)
      if (known === undefined || known.size === 0) continue
      if (known.size <= rows.size) {
        for (const key of known.keys()) if (rows.has(key)) known.set(key, rows.get(key) ?? null)
      } else {
        for (const [key, row] of rows) if (known.has(key)) known.set(key, row)
      }
    }
  }
}

/** What makes every write of a batch's statement conditional on the batch's checks. */
const guard = "(SELECT ok FROM ok)"

const isUniqueViolation = (error: unknown): boolean => {
  if (!isSqlError(error)) return false
  const cause: unknown = error.reason.cause
  return typeof cause === "object" && cause !== null && (cause as { readonly code?: unknown }).code === "23505"
}

/** The schema and table a unique violation names (PostgreSQL's error fields `s` and `t`), as the driver gives them. */
const violatedTable = (error: unknown): { readonly schema: unknown; readonly table: unknown } | undefined => {
  if (!isSqlError(error)) return undefined
  const cause: unknown = error.reason.cause
  if (typeof cause !== "object" || cause === null) return undefined
  const { schema, table } = cause as { readonly schema?: unknown; readonly table?: unknown }
  return { schema, table }
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
  const timeout = timeoutOf(options.statementTimeout)
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

  /**
   * Drops the tables of a projection's generations other than `keep` (after the claim or switch that retired them has
   * committed, one statement each, so a drop holds no other lock while it waits for batches still writing there; a
   * batch that comes after finds its generation retired and starts over). Generations a crash left behind go too.
   */
  const dropRetired = (p: Projection.Projection, keep: ReadonlyArray<number>) =>
    Effect.gen(function*() {
      const reg = yield* readRegistry(p.name)
      if (reg === undefined) return
      const names = new Set([...p.tables.map((t) => t.name), ...reg.tables, ...(reg.buildingTables ?? [])])
      for (let generation = 1; generation <= reg.lastGeneration; generation++) {
        if (keep.includes(generation) || generation === reg.generation || generation === reg.buildingGeneration) {
          continue
        }
        yield* dropTables(p.name, [...names], generation)
      }
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
        const rows = yield* withTimeout(
          sql.unsafe<Record<string, unknown>>(
            `SELECT ${t.columns.map((c) => q(c.name)).join(", ")} FROM ${table}
             WHERE (${t.key.map(q).join(", ")}) IN (SELECT ${u.select} FROM ${u.from})`,
            params
          ),
          "projection.read",
          timeout
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
   * The statements writing a batch's touched rows, each to run as a part of the batch's one statement (`batchSql`),
   * its rows written only when the batch's checks hold (`guard`): per table, an INSERT (of no rows when none is
   * written) and, when rows are deleted, a DELETE. The INSERT is plain for the tables in which this run has not yet met a row already
   * stored (rebuilding from zero, most rows are new); `ON CONFLICT DO UPDATE` for the others (`updated`). Every table
   * has its INSERT so that the batch statement's text hardly changes from one batch to the next: the server keeps one
   * prepared statement and one generic plan instead of parsing and planning a new combination (with six projections,
   * 4 ms of planning in each batch's Bind).
   */
  const statementsOf = (
    p: Projection.Projection,
    generation: number,
    touched: Projection.Touched,
    updated: ReadonlySet<string>
  ) => {
    const statements: Array<{ readonly sql: string; readonly params: ReadonlyArray<string> }> = []
    for (const t of p.tables) {
      const rows = touched.get(t.name) ?? noRows
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
      const others = t.columns.filter((c) => !t.key.includes(c.name))
      const u = unnestOf(t.columns)
      // An INSERT of no rows stops at its one-time filter (the cardinality of its first array): the unnest, which
      // materialises each array, is not even started.
      statements.push({
        sql: `INSERT INTO ${table} (${t.columns.map((c) => q(c.name)).join(", ")})
          SELECT ${u.select} FROM ${u.from} WHERE ${guard} AND cardinality($1::${arrayType[t.columns[0]!.type]}) > 0${
          !updated.has(t.name)
            ? ""
            : ` ON CONFLICT (${t.key.map(q).join(", ")}) ${
              others.length === 0
                ? "DO NOTHING"
                : `DO UPDATE SET ${others.map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`).join(", ")}`
            }`
        }`,
        params: t.columns.map((c) => literalBy(c.type, put.length, (i) => put[i]![c.name] ?? null))
      })
    }
    return statements
  }

  /**
   * A statement failed: `Superseded` when one of the generations it wrote or read is no longer the live or the building
   * one (its tables were dropped under it: another runner switched or discarded it), else the error itself.
   */
  const supersededOr = (
    error: SqlError,
    generations: ReadonlyArray<{ readonly p: Projection.Projection; readonly generation: number }>
  ): Effect.Effect<never, SqlError | Superseded> =>
    Effect.gen(function*() {
      for (const { p, generation } of generations) {
        const reg = yield* readRegistry(p.name)
        if (reg === undefined || (reg.generation !== generation && reg.buildingGeneration !== generation)) {
          return yield* new Superseded({ generation })
        }
      }
      return yield* error
    })

  /**
   * Folds a batch outside any transaction: the rows it reads are the in-flight batches' touched rows (`pending`, not
   * known to have committed, newest first), else the rows the pass already read (`known`), else the stored ones,
   * loaded now (every batch before the in-flight ones is committed). Returns the touched rows.
   */
  const foldBatch = (
    p: Projection.Projection,
    generation: number,
    decoded: ReadonlyArray<Projection.Decoded>,
    pending: ReadonlyArray<Projection.Touched>,
    known: KnownRows
  ) =>
    Effect.gen(function*() {
      const perEvent = Projection.readsPerEvent(p, decoded)
      // The rows this batch reads that neither the in-flight batches nor `known` hold: loaded now.
      const reads = new Map<string, ReadonlyArray<ReadonlyArray<Projection.Cell>>>()
      for (const [t, keys] of Projection.readsOf(p, decoded, perEvent)) {
        const wanted: Array<ReadonlyArray<Projection.Cell>> = []
        for (const k of keys) {
          const key = Projection.keyText(k)
          if (pending.some((touched) => touched.get(t)?.has(key) === true) || known.has(t, key)) continue
          wanted.push(k)
        }
        if (wanted.length > 0) reads.set(t, wanted)
      }
      // Kept apart until the fold is done: remembering them may forget rows of `known` this batch reads.
      const here = new Map<string, Map<string, Projection.Row | null>>()
      if (reads.size > 0) {
        const loaded = yield* load(p, generation, reads).pipe(
          Effect.catchIf(isSqlError, (error) => supersededOr(error, [{ p, generation }]))
        )
        for (const [t, keys] of reads) {
          const rows = new Map<string, Projection.Row | null>()
          for (const k of keys) {
            const key = Projection.keyText(k)
            rows.set(key, loaded.get(t)?.get(key) ?? null)
          }
          here.set(t, rows)
        }
      }
      const touched = Projection.applyBatch(p, decoded, (t, _, key) => {
        for (const inFlight of pending) {
          const rows = inFlight.get(t)
          if (rows !== undefined && rows.has(key)) return rows.get(key) ?? undefined
        }
        const row = here.get(t)?.get(key)
        return (row === undefined ? known.get(t, key) : row) ?? undefined
      }, perEvent)
      if (touched._tag === "Failure") return yield* touched.failure
      for (const [t, rows] of here) for (const [key, row] of rows) known.remember(t, key, row)
      return touched.success
    })

  /**
   * A batch is one statement, so one round trip and one implicit transaction, whatever the number of projections it
   * feeds. For each (in the order given: callers sort by checkpoint name, so two statements lock alike) it locks the
   * checkpoint (runners of one generation take turns) and shares the registry row (a switch waits for the batch, and
   * the batch sees a switch that came first), checks that the generation is still the one building or live, that the
   * batch starts after the checkpoint (nobody moved it since the batch was folded) and lists every stored event up to
   * its last: no event lies between the checkpoint and the part's first, and the events from its first to the last are
   * as many as it lists (counted once per distinct first: in `runAll`, parts start alike, and six counts of 5,000
   * positions were 3 ms of each statement). Only then do its writes and the checkpoint's move happen (every part runs,
   * guarded by those checks). It returns, per projection, what it found.
   */
  const batchSql = (entries: ReadonlyArray<Entry>) => {
    // $1: the last position, shared by all.
    const params: Array<string> = [""]
    const bind = (value: string | number) => `$${params.push(String(value))}`
    const ctes: Array<string> = []
    const selects: Array<string> = []
    // The count of the events from each distinct first position to the last: its CTE and its first's parameter.
    const counts = new Map<number, { readonly cte: string; readonly from: string }>()
    for (const { first } of entries) {
      if (counts.has(first)) continue
      const cte = `n${counts.size}`
      const from = `${bind(first)}::bigint`
      counts.set(first, { cte, from })
      ctes.push(`${cte} AS (SELECT count(*) AS n FROM ${es}.events e WHERE e.position >= ${from}
          AND e.position <= $1::bigint)`)
    }
    for (const [i, { target, writes, first, count }] of entries.entries()) {
      const name = bind(target.name)
      const projection = bind(target.p.name)
      const generation = `${bind(target.generation)}::int`
      const { cte, from } = counts.get(first)!
      const listed = `${bind(count)}::bigint`
      ctes.push(
        `cp${i} AS (
          SELECT c.position, r.generation, r.building_generation, (SELECT n FROM ${cte}) AS n,
            NOT EXISTS (SELECT 1 FROM ${es}.events e WHERE e.position > c.position AND e.position < ${from}) AS adjacent
          FROM ${es}.checkpoints c, ${registryTable} r WHERE c.projection = ${name} AND r.projection = ${projection}
          FOR UPDATE OF c FOR SHARE OF r)`,
        `ok${i} AS (SELECT coalesce(bool_and(cp${i}.position < ${from} AND cp${i}.adjacent AND cp${i}.n = ${listed}
          AND (cp${i}.generation = ${generation} OR cp${i}.building_generation = ${generation})), false) AS ok
          FROM cp${i})`
      )
      for (const [j, w] of writes.entries()) {
        const offset = params.length
        params.push(...w.params)
        ctes.push(
          `w${i}_${j} AS (${
            w.sql.replaceAll(guard, `(SELECT ok FROM ok${i})`).replace(
              /\$(\d+)/g,
              (_, n: string) => `$${Number(n) + offset}`
            )
          } RETURNING 1)`
        )
      }
      ctes.push(`mv${i} AS (UPDATE ${es}.checkpoints SET position = $1::bigint, updated_at = now()
          WHERE projection = ${name} AND (SELECT ok FROM ok${i}) RETURNING 1)`)
      selects.push(`SELECT ${i} AS i, cp${i}.position, cp${i}.generation, cp${i}.building_generation, cp${i}.n,
          cp${i}.adjacent, (SELECT count(*) FROM mv${i}) AS moved FROM cp${i}`)
    }
    return { sql: `WITH ${ctes.join(",\n        ")}\n        ${selects.join("\n        UNION ALL ")}`, params }
  }

  /**
   * Runs one batch's statement for several projections, up to the same `last` position for all: the ones whose checks
   * held are applied (`onApplied`); then the first refusal, if any, fails it.
   */
  const commitBatch = (entries: ReadonlyArray<Entry>, last: number, onApplied: (entry: Entry) => void) =>
    Effect.gen(function*() {
      const { sql: statement, params } = batchSql(entries)
      const superseded = (target: Target) => new Superseded({ generation: target.generation })
      params[0] = String(last)
      const found = yield* withTimeout(
        sql.unsafe<Record<string, unknown>>(statement, params),
        "projection.batch",
        timeout
      )
        .pipe(
          Effect.catchIf(
            (error) => isSqlError(error) && !isUniqueViolation(error),
            (error) => supersededOr(error as SqlError, entries.map((e) => e.target))
          )
        )
      const byIndex = new Map(found.map((row) => [Number(row["i"]), row]))
      let refusal: Superseded | Overtaken | Checkpoints.CheckpointConflict | undefined
      for (const [i, entry] of entries.entries()) {
        const { target, first, count } = entry
        const row = byIndex.get(i)
        const stored = Number(row?.["position"])
        const why = row === undefined ||
            (Number(row["generation"]) !== target.generation &&
              Number(row["building_generation"]) !== target.generation)
          ? superseded(target)
          : first <= stored
          ? new Overtaken()
          : row["adjacent"] !== true || Number(row["n"]) !== count
          ? new Checkpoints.CheckpointConflict({ projection: target.name, stored, attempted: last, reason: "skip" })
          : Number(row["moved"]) !== 1
          ? new Checkpoints.CheckpointConflict({
            projection: target.name,
            stored,
            attempted: last,
            reason: "backwards"
          })
          : undefined
        if (why === undefined) onApplied(entry)
        else refusal ??= why
      }
      if (refusal !== undefined) return yield* refusal
    })

  /** A projection being caught up: its generation and checkpoint, and what this run did so far. */
  interface Target {
    readonly p: Projection.Projection
    readonly generation: number
    readonly name: string
    /** Tables in which this run met a stored row: written with upserts from then on. */
    readonly updated: Set<string>
    checkpoint: number
    applied: number
    read: number
    /**
     * Events read past the checkpoint in batches in which no projection of the pass wrote (no statement): its
     * checkpoint moves with the next batch that writes, or at the end of the pass (one statement less per batch where
     * there is nothing to do).
     */
    unmoved: { readonly first: number; readonly count: number; readonly applied: number } | undefined
    /**
     * Rows this pass read from the tables (absent ones as null), kept as the statements it committed left them: the
     * same rows read again (a schéma's row, read for nearly every event) come from memory, not from a query per table
     * and batch. Only this pass's own batches can change them: another runner's write moves the checkpoint, which
     * refuses this pass's next statement and ends the pass, and the rows with it. At most `knownRows` kept.
     */
    known: KnownRows
  }

  /** One projection's part of a batch's statement: its writes and the events they cover. */
  interface Entry {
    readonly target: Target
    readonly writes: Writes
    /** The tables `writes` upserts into (the target's `updated` when they were built). */
    readonly upserted: ReadonlySet<string>
    readonly touched: Projection.Touched
    readonly applied: number
    /** The first position the part covers and how many events it covers, up to the batch's last. */
    readonly first: number
    readonly count: number
  }

  const targetOf = (p: Projection.Projection, generation: number) =>
    Effect.gen(function*() {
      const name = checkpointName(tablesSchema, p.name, generation)
      yield* sql.unsafe(
        `INSERT INTO ${es}.checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT (projection) DO NOTHING`,
        [name]
      )
      const checkpoint = yield* Checkpoints.read(name, checkpointOptions)
      return {
        p,
        generation,
        name,
        updated: new Set<string>(),
        checkpoint,
        applied: 0,
        read: 0,
        unmoved: undefined,
        known: new KnownRows()
      } satisfies Target
    })

  /**
   * One pass over the log from the targets' common checkpoint to its end, every target fed from the same read: each
   * event decoded once, the batches cut alike for all. Three things overlap: the log is read and decoded ahead (a page
   * at a time, in a fiber of its own), the next batch is folded and its statements built, and the statements of the
   * batches before it (up to `depth`, one running at a time, each sent once the one before it committed) run. A batch
   * reads what the in-flight ones wrote from memory; its statement checks that nobody moved the checkpoint since. Ends
   * at the log's end, at an event that does not decode (every event before it applied: the poison is returned), or when
   * another runner moved a checkpoint first (`Overtaken`).
   */
  const pass = (
    targets: ReadonlyArray<Target>,
    batchSize: number,
    options: Projection.RunOptions | undefined,
    head: number,
    started: number
  ) =>
    Effect.gen(function*() {
      const readAhead = readAheadFor(batchSize)
      const from = targets[0]!.checkpoint
      // What an earlier pass read without moving a checkpoint is read again from the checkpoint.
      for (const target of targets) {
        target.unmoved = undefined
        target.known = new KnownRows()
      }
      const none: Projection.Touched = new Map()
      let previous = from
      let batches = 0
      let poison: Projection.PoisonEvent | undefined
      // The batches whose statements are not known to have committed, oldest first: each statement is sent once the
      // one before it committed (it waits on it), so at most one runs at a time, and none after a refused one.
      const inFlight: Array<{
        readonly fiber: Fiber.Fiber<void, CommitError>
        readonly touched: ReadonlyArray<Projection.Touched>
      }> = []
      let last = from
      // Waits for the oldest in-flight statement and reports it.
      const settleOldest = Effect.gen(function*() {
        const oldest = inFlight.shift()
        if (oldest === undefined) return
        yield* Fiber.join(oldest.fiber)
        yield* report
      })
      // Waits for every in-flight statement.
      const settle = Effect.whileLoop({
        while: () => inFlight.length > 0,
        body: () => settleOldest,
        step: () => {}
      })
      const report = Effect.gen(function*() {
        if (options?.onProgress === undefined) return
        const now = yield* Clock.currentTimeMillis
        for (const target of targets) {
          yield* options.onProgress({
            projection: target.p.name,
            position: target.checkpoint,
            head,
            read: target.read,
            eventsPerSecond: now > started ? (target.read * 1000) / (now - started) : 0,
            remaining: Math.max(0, head - target.checkpoint)
          })
        }
      })
      // A batch's statement; when a plain INSERT met a stored row: again with upserts in the tables it wrote, and
      // upserts there from now on.
      const commit = (entries: ReadonlyArray<Entry>, last: number) => {
        const applied = ({ target, ...entry }: Entry) => {
          // The rows the pass knows, as this batch left them.
          target.known.update(entry.touched)
          target.applied += entry.applied
          target.read += entry.count
          target.checkpoint = last
        }
        // A plain INSERT met a stored row: the table the error names is written with upserts from now on (when it
        // names none of the batch's, every table the batch writes), and the statement runs again with its writes built
        // anew. Only that table: marking every table of the batch made a projection's main table (hundreds of new rows
        // a batch) pay for upserts for the rest of the pass because another table's row had been written twice.
        const retried = (attempt: ReadonlyArray<Entry>, error: SqlError): Effect.Effect<void, CommitError> =>
          Effect.suspend(() => {
            const named = violatedTable(error)
            const hit = attempt.flatMap(({ target, touched, upserted }) =>
              [...touched.keys()].filter((t) =>
                named?.schema === tablesSchema && named.table === physicalName(target.p.name, t, target.generation)
              ).map((t) => ({ target, t, upserted }))
            )
            const plain = hit.length > 0
              ? hit.filter(({ t, upserted }) => !upserted.has(t))
              : attempt.flatMap(({ target, touched, upserted }) =>
                [...touched.keys()].filter((t) => !upserted.has(t)).map((t) => ({ target, t, upserted }))
              )
            // The table was already upserted in that attempt: not a violation an upsert resolves.
            if (plain.length === 0) return Effect.fail(error)
            for (const { target, t } of plain) target.updated.add(t)
            const again = attempt.map((entry) => ({
              ...entry,
              writes: statementsOf(entry.target.p, entry.target.generation, entry.touched, entry.target.updated),
              upserted: new Set(entry.target.updated)
            }))
            return commitBatch(again, last, applied).pipe(
              Effect.catchIf(isUniqueViolation, (e) => retried(again, e as SqlError))
            )
          })
        return commitBatch(entries, last, applied).pipe(
          Effect.catchIf(isUniqueViolation, (e) => retried(entries, e as SqlError))
        )
      }
      // The targets' parts for events up to `last`: every target's when one of them writes rows or `all` (every target
      // in every statement: one text for the pass's batches), else none (no statement; their events stay unmoved).
      const entriesOf = (
        positions: ReadonlyArray<number>,
        decoded: ReadonlyArray<ReadonlyArray<Projection.Decoded>>,
        folded: ReadonlyArray<Projection.Touched>,
        all: boolean
      ): Array<Entry> => {
        const writing = all || folded.some((touched) => touched.size > 0)
        const entries: Array<Entry> = []
        for (const [i, target] of targets.entries()) {
          const here = positions.length === 0
            ? undefined
            : { first: positions[0]!, count: positions.length, applied: decoded[i]?.length ?? 0 }
          const range = target.unmoved === undefined
            ? here
            : here === undefined
            ? target.unmoved
            : {
              first: target.unmoved.first,
              count: target.unmoved.count + here.count,
              applied: target.unmoved.applied + here.applied
            }
          if (range === undefined) continue
          if (writing) {
            const touched = folded[i] ?? none
            target.unmoved = undefined
            entries.push({
              target,
              writes: statementsOf(target.p, target.generation, touched, target.updated),
              upserted: new Set(target.updated),
              touched,
              ...range
            })
          } else target.unmoved = range
        }
        return entries
      }
      // Pages of the log, each read whole (no connection held between pages) and cut into batches.
      const pages = Stream.paginate(
        from,
        (after: number) =>
          Effect.map(store.readAll(after, { maxCount: readAhead }).pipe(Stream.runCollect), (events) => {
            const cut: Array<ReadonlyArray<EventStore.RecordedEvent>> = []
            for (let i = 0; i < events.length; i += batchSize) cut.push(events.slice(i, i + batchSize))
            return [cut, events.length < readAhead ? Option.none() : Option.some(events.at(-1)!.position)] as const
          })
      )
      yield* pages.pipe(
        // Each batch decoded in a task of its own (about 2 ms per 500 events): the thread is saturated, and a page's
        // batches decoded in one go held back the in-flight statement's answer, so the next statement went out late
        // and the database sat idle between them (with batches of 500; a page is one batch of the default 5,000).
        Stream.mapEffect((events) =>
          Effect.andThen(
            Effect.yieldNow,
            Effect.sync(() => {
              const prepared = prepareTogether(targets.map((t) => t.p), events, previous)
              previous = prepared.positions.at(-1) ?? previous
              return prepared
            })
          )
        ),
        Stream.takeUntil((batch) => batch.poison !== undefined),
        Stream.buffer({ capacity: Math.max(2, readAhead / batchSize) }),
        Stream.runForEach((batch) =>
          Effect.gen(function*() {
            batches++
            const { decoded, positions } = batch
            if (positions.length > 0) {
              // At most `depth` batches in flight while this one is folded: every batch before them is committed.
              while (inFlight.length > depth) yield* settleOldest
              // Folded side by side: the rows each reads are loaded at once; the in-flight batches' rows, newest
              // first, stand before the stored ones.
              const folded = yield* Effect.forEach(targets, (target, i) =>
                decoded[i]!.length === 0
                  ? Effect.succeed(none)
                  : foldBatch(
                    target.p,
                    target.generation,
                    decoded[i]!,
                    inFlight.map((b) => b.touched[i]!).reverse(),
                    target.known
                  ), {
                concurrency: "unbounded"
              }).pipe(Effect.tapError(() => settle))
              const entries = entriesOf(positions, decoded, folded, false)
              if (entries.length > 0) {
                const before = inFlight.at(-1)?.fiber
                const statement = commit(entries, positions.at(-1)!)
                const fiber = yield* Effect.forkChild(
                  before === undefined ? statement : Effect.andThen(Fiber.join(before), statement),
                  { startImmediately: true }
                )
                inFlight.push({ fiber, touched: folded })
              }
              last = positions.at(-1)!
            }
            poison = batch.poison
          })
        ),
        Effect.andThen(settle),
        // The checkpoints of the targets that had nothing to write since their last move.
        Effect.andThen(Effect.suspend(() => {
          const entries = entriesOf([], [], [], true)
          return entries.length === 0 ? Effect.void : Effect.andThen(commit(entries, last), report)
        })),
        Effect.onError(() =>
          Effect.suspend(() => {
            const fibers = inFlight.splice(0).map((b) => b.fiber)
            return Effect.forEach(fibers.reverse(), (f) => Fiber.interrupt(f), { discard: true })
          })
        )
      )
      return { batches, poison }
    })

  /**
   * Applies the events after the generation's checkpoint, up to the log's head when the run started at least (a pass
   * reads on to the log's end); returns the events applied. Bounded by that head: under a steady stream of appends,
   * passes until one found nothing new never ended (a test of a rolling deploy found `run` still going after 20 s).
   */
  const catchUp = (p: Projection.Projection, generation: number, options: Projection.RunOptions | undefined) =>
    Effect.gen(function*() {
      const batchSize = yield* batchSizeOf(p, options)
      const head = yield* store.headPosition
      const started = yield* Clock.currentTimeMillis
      const target = yield* targetOf(p, generation)
      while (true) {
        const ended = yield* pass([target], batchSize, options, head, started).pipe(
          Effect.map((r) => r.batches === 0 ? "end" as const : r.poison ?? "more" as const),
          // Another runner moved the checkpoint first: start again from where it stands.
          Effect.catchTag("Overtaken", () => Effect.succeed("more" as const))
        )
        if (ended === "end") return { applied: target.applied, position: target.checkpoint }
        if (ended !== "more") return yield* ended
        target.checkpoint = yield* Checkpoints.read(target.name, checkpointOptions)
        if (target.checkpoint >= head) return { applied: target.applied, position: target.checkpoint }
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
        const next = reg.lastGeneration + 1
        yield* createTables(p, next)
        yield* sql.unsafe(
          `UPDATE ${registryTable} SET building_generation = $2, building_version = $3, building_tables = $4::text[],
             last_generation = $2, updated_at = now() WHERE projection = $1`,
          [p.name, next, p.version, p.tables.map((t) => t.name)]
        )
        return next
      }))
      // The generation it replaces as the one building, if any.
      yield* dropRetired(p, [generation])
      const { applied, position } = yield* catchUp(p, generation, options)
      // Switch: views to the new tables and the registry in one transaction; the old tables dropped after it.
      const switched = yield* sql.withTransaction(Effect.gen(function*() {
        yield* sql.unsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey(p.name)])
        const reg = (yield* readRegistry(p.name, " FOR UPDATE"))!
        if (reg.generation === generation) return true
        if (reg.buildingGeneration !== generation) return false
        yield* switchViews(p, generation, reg.tables)
        yield* sql.unsafe(
          `UPDATE ${registryTable} SET version = $2, generation = $3, checkpoint = $4, tables = $5::text[],
             building_generation = NULL, building_version = NULL, building_tables = NULL, updated_at = now()
           WHERE projection = $1`,
          [p.name, p.version, generation, checkpointName(tablesSchema, p.name, generation), p.tables.map((t) => t.name)]
        )
        return true
      }))
      if (!switched) return yield* new Superseded({ generation })
      yield* dropRetired(p, [generation])
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
        // A newer version live, or being built when this one would have to rebuild: the code is older than the
        // store (a rolling deploy's old processes). While a newer version builds, the live one's runners go on.
        const check = Projection.versionCheck(p, registry.version, registry.buildingVersion ?? registry.version)
        if (check instanceof Projection.NewerVersionStored) return yield* check
        if (check === "rebuild") return yield* rebuildOnce(p, options)
        const { applied, position } = yield* catchUp(p, registry.generation, options)
        return { projection: p.name, version: p.version, applied, position, rebuilt: false }
      }))
    }).pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      mapErrors("projection.run"),
      Effect.withSpan("PostgresProjectionStore.run", { attributes: { projection: p.name } })
    )

  /**
   * The projections whose stored version is theirs and whose checkpoints stand at one position (the largest such
   * group: all of them when they were created or run together) are caught up in shared passes over the log; then each
   * is `run` on its own, which rebuilds those of another version and takes over wherever the shared pass stopped (an
   * event that does not decode, another runner, a switch).
   */
  const runAll = (projections: ReadonlyArray<Projection.Projection>, options?: Projection.RunOptions) =>
    Effect.gen(function*() {
      const ps = yield* Projection.distinctProjections(projections)
      const batchSize = ps.length === 0 ? 0 : yield* batchSizeOf(ps[0]!, options)
      const targets: Array<Target> = []
      if (ps.length > 1) {
        yield* Effect.gen(function*() {
          for (const p of ps) {
            const { registry } = yield* ensureRegistered(p)
            if (registry.version === p.version) targets.push(yield* targetOf(p, registry.generation))
          }
          const groups = new Map<number, Array<Target>>()
          for (const t of targets) groups.set(t.checkpoint, [...(groups.get(t.checkpoint) ?? []), t])
          // Sorted by checkpoint name: two batches lock checkpoints in the same order.
          const group = ([...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [])
            .sort((a, b) => (a.name < b.name ? -1 : 1))
          if (group.length < 2) return
          const head = yield* store.headPosition
          const started = yield* Clock.currentTimeMillis
          while (true) {
            const { batches, poison } = yield* pass(group, batchSize, options, head, started)
            // Up to the head at the start at least, as `run` (each `run` below takes its own).
            if (batches === 0 || poison !== undefined || group.every((t) => t.checkpoint >= head)) return
          }
        }).pipe(Effect.catchTags({ Overtaken: () => Effect.void, Superseded: () => Effect.void }))
      }
      const shared = new Map(targets.map((t) => [t.p.name, t.applied]))
      return yield* Effect.forEach(ps, (p) =>
        Effect.map(run(p, options), (summary) => ({
          ...summary,
          applied: summary.applied + (summary.rebuilt ? 0 : shared.get(p.name) ?? 0)
        })))
    }).pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      mapErrors("projection.runAll"),
      Effect.withSpan("PostgresProjectionStore.runAll", { attributes: { projections: projections.map((p) => p.name) } })
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

  return Projection.ProjectionStore.of({ run, runAll, rebuild, rows, position })
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
