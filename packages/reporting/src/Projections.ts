/**
 * Every projection of this package, run together through a `ProjectionStore` (memory or PostgreSQL), and their tables
 * read back as the views take them.
 */
import { type EventStore, Projection } from "@sdsf/domain"
import { Effect } from "effect"
import * as Bilan from "./Bilan.ts"
import * as CadenceGouvernance from "./CadenceGouvernance.ts"
import * as Chronologie from "./Chronologie.ts"
import * as ProjectionIndicateurs from "./ProjectionIndicateurs.ts"
import * as RegistreActions from "./RegistreActions.ts"
import * as TableauNational from "./TableauNational.ts"

/** The projections, in the order they run. */
export const toutes: ReadonlyArray<Projection.Projection> = [
  ProjectionIndicateurs.projection,
  RegistreActions.projection,
  CadenceGouvernance.projection,
  Chronologie.projection,
  Bilan.projection,
  TableauNational.projection
]

/**
 * Brings every projection up to the log's end (`ProjectionStore.runAll`: in PostgreSQL one read of the log feeds them
 * all); returns what each run did, in the order of `toutes`.
 */
export const rejouer = (
  options?: Projection.RunOptions
): Effect.Effect<ReadonlyArray<Projection.RunSummary>, Projection.RunError, Projection.ProjectionStore> =>
  Effect.gen(function*() {
    const store = yield* Projection.ProjectionStore
    return yield* store.runAll(toutes, options)
  }).pipe(Effect.withSpan("Projections.rejouer"))

/** A projection's stored tables, read whole into memory (what the views take). */
export const tables = (
  projection: Projection.Projection
): Effect.Effect<Projection.Tables, EventStore.EventStoreError | Projection.UnknownTable, Projection.ProjectionStore> =>
  Effect.gen(function*() {
    const store = yield* Projection.ProjectionStore
    const out = new Map<string, ReadonlyMap<string, Projection.Row>>()
    for (const t of projection.tables) {
      const rows = yield* store.rows(projection, t.name)
      out.set(t.name, new Map(rows.map((r) => [Projection.keyText(Projection.keyOf(t, r)), r])))
    }
    const lues: Projection.Tables = out
    return lues
  })

/** Every projection's tables, by projection name, and the lowest checkpoint among them (what the tables all include). */
export interface Lecture {
  readonly tables: ReadonlyMap<string, Projection.Tables>
  readonly position: number
}

/** Reads every projection's tables and checkpoint. */
export const lire: Effect.Effect<
  Lecture,
  EventStore.EventStoreError | Projection.UnknownTable,
  Projection.ProjectionStore
> = Effect.gen(
  function*() {
    const store = yield* Projection.ProjectionStore
    const lues = new Map<string, Projection.Tables>()
    let position = Number.MAX_SAFE_INTEGER
    for (const p of toutes) {
      lues.set(p.name, yield* tables(p))
      position = Math.min(position, (yield* store.position(p)).position)
    }
    return { tables: lues, position: toutes.length === 0 ? 0 : position }
  }
).pipe(Effect.withSpan("Projections.lire"))

/** The tables of one projection in a reading (empty tables when it was not read). */
export const de = (lecture: Lecture, projection: Projection.Projection): Projection.Tables =>
  lecture.tables.get(projection.name) ?? Projection.emptyTables(projection)
