/**
 * Projections persisted in PostgreSQL for BI tools: per projection and table, a typed table per generation
 * (`p_<projection>_<table>_<generation>`) behind a stable view (`<projection>_<table>`), written batch by batch in the
 * same transaction as the projection's checkpoint (`Checkpoints.withCheckpoint`), rebuilt from zero into a new
 * generation that one transaction switches in (view, registry, old tables dropped), so readers never see half a table.
 */
import { EventStore, Projection } from "@sdsf/domain"
import { Clock, Effect, Layer, Schema, Stream } from "effect"
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

const cast: Record<Projection.ColumnType, string> = {
  text: "",
  "text[]": "::text[]",
  integer: "::bigint",
  number: "::float8",
  boolean: "::boolean"
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

// A cell as the text PostgreSQL parses back to the same value (-0 kept; arrays as array literals).
const encodeCell = (type: Projection.ColumnType, cell: Projection.Cell): string | null => {
  if (cell === null) return null
  switch (type) {
    case "text":
      return cell as string
    case "text[]":
      return `{${(cell as ReadonlyArray<string>).map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(",")}}`
    case "integer":
      return String(cell)
    case "number":
      return Object.is(cell, -0) ? "-0" : String(cell)
    case "boolean":
      return cell === true ? "true" : "false"
  }
}

// A column of parameters: a driver cannot type an array of nulls alone, so that one goes as an array literal.
const column = (cells: ReadonlyArray<string | null>): ReadonlyArray<string | null> | string =>
  cells.some((c) => c !== null) ? cells : `{${cells.map(() => "NULL").join(",")}}`

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

const columnOf = (t: Projection.Table, name: string): Projection.Column => t.columns.find((c) => c.name === name)!

/** Builds the store from the `SqlClient` and `EventStore` in context, creating its schema and registry if missing. */
export const make = Effect.fnUntraced(function*(options: Options = {}) {
  const schema = yield* Migrations.validateSchema(options.schema ?? Migrations.defaultSchema)
  const tablesSchema = yield* Migrations.validateSchema(options.tablesSchema ?? schema, "tablesSchema")
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const store = yield* EventStore.EventStore
  const ts = q(tablesSchema)
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
        const params = keyColumns.map((c, i) => column(wanted.map((key) => encodeCell(c.type, key[i]!))))
        const table = `${ts}.${q(physicalName(p.name, t.name, generation))}`
        const casts = keyColumns.map((c, i) => `u.c${i}${cast[c.type]}`).join(", ")
        const rows = yield* sql.unsafe<Record<string, unknown>>(
          `SELECT ${t.columns.map((c) => q(c.name)).join(", ")} FROM ${table}
           WHERE (${t.key.map(q).join(", ")}) IN (SELECT ${casts}
             FROM unnest(${keyColumns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${
            keyColumns.map((_, i) => `c${i}`).join(", ")
          }))`,
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

  /** Deletes and upserts a batch's touched rows: one statement of each per table. */
  const write = (p: Projection.Projection, generation: number, touched: Projection.Touched) =>
    Effect.gen(function*() {
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
          yield* sql.unsafe(
            `DELETE FROM ${table} WHERE (${t.key.map(q).join(", ")}) IN (SELECT ${
              keyColumns.map((c, i) => `u.c${i}${cast[c.type]}`).join(", ")
            } FROM unnest(${keyColumns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${
              keyColumns.map((_, i) => `c${i}`).join(", ")
            }))`,
            keyColumns.map((c, i) => column(deleted.map((key) => encodeCell(c.type, key[i]!))))
          )
        }
        if (put.length > 0) {
          const others = t.columns.filter((c) => !t.key.includes(c.name))
          yield* sql.unsafe(
            `INSERT INTO ${table} (${t.columns.map((c) => q(c.name)).join(", ")})
             SELECT ${t.columns.map((c, i) => `u.c${i}${cast[c.type]}`).join(", ")}
             FROM unnest(${t.columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${
              t.columns.map((_, i) => `c${i}`).join(", ")
            })
             ON CONFLICT (${t.key.map(q).join(", ")}) ${
              others.length === 0
                ? "DO NOTHING"
                : `DO UPDATE SET ${others.map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`).join(", ")}`
            }`,
            t.columns.map((c) => column(put.map((row) => encodeCell(c.type, row[c.name] ?? null))))
          )
        }
      }
    })

  /** One batch's transaction body: check the generation is still ours, load, fold, write. */
  const applyBatch = (p: Projection.Projection, generation: number, decoded: ReadonlyArray<Projection.Decoded>) =>
    Effect.gen(function*() {
      if (decoded.length === 0) return
      const reg = yield* readRegistry(p.name, " FOR SHARE")
      if (reg === undefined || (reg.generation !== generation && reg.buildingGeneration !== generation)) {
        return yield* new Superseded({ generation })
      }
      const loaded = yield* load(p, generation, Projection.readsOf(p, decoded))
      const touched = Projection.applyBatch(p, decoded, (t, k) => loaded.get(t)?.get(Projection.keyText(k)))
      if (touched._tag === "Failure") return yield* touched.failure
      yield* write(p, generation, touched.success)
    })

  /** Applies every event after the generation's checkpoint; returns the events applied. */
  const catchUp = (p: Projection.Projection, generation: number, options: Projection.RunOptions | undefined) =>
    Effect.gen(function*() {
      const batchSize = yield* batchSizeOf(p, options)
      const readAhead = readAheadFor(batchSize)
      const name = checkpointName(tablesSchema, p.name, generation)
      const head = yield* store.headPosition
      const started = yield* Clock.currentTimeMillis
      let applied = 0
      let read = 0
      reading: while (true) {
        let checkpoint = yield* Checkpoints.read(name, checkpointOptions)
        const events = yield* store.readAll(checkpoint).pipe(Stream.take(readAhead), Stream.runCollect)
        if (events.length === 0) return { applied, position: checkpoint }
        for (let from = 0; from < events.length; from += batchSize) {
          const { decoded, positions, poison } = prepareBatch(p, events.slice(from, from + batchSize), checkpoint)
          if (positions.length > 0) {
            const moved = yield* Checkpoints.withCheckpoint(
              name,
              positions,
              () => applyBatch(p, generation, decoded),
              checkpointOptions
            ).pipe(
              Effect.as(true),
              // Another runner applied these events first: read the checkpoint again.
              Effect.catchIf(
                (error): error is Checkpoints.CheckpointConflict =>
                  error instanceof Checkpoints.CheckpointConflict && error.reason === "backwards",
                () => Effect.succeed(false)
              )
            )
            if (!moved) continue reading
            applied += decoded.length
            read += positions.length
            checkpoint = positions.at(-1)!
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
          }
          if (poison !== undefined) return yield* poison
        }
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
