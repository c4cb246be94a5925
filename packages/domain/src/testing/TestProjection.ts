/**
 * The small projection the `ProjectionStore` contract runs (`@sdsf/domain/testing/contract`), with the events it folds,
 * random logs of them and helpers comparing a store's rows with the in-memory fold. Loads no test runner: a child
 * process of a crash test, or a benchmark, can use it.
 */
import { Effect, Result, Stream } from "effect"
import * as fc from "fast-check"
import * as Catalogue from "../Catalogue.ts"
import type * as E from "../Evenements.ts"
import { EventStore } from "../EventStore.ts"
import type { EventToAppend } from "../EventStore.ts"
import { newEventId } from "../IdGenerator.ts"
import * as Projection from "../Projection.ts"
import * as Arbitraries from "./Arbitraries.ts"

/** Options of the test projection. */
export interface TestProjectionOptions {
  readonly name: string
  /** Only streams of this category count (`<category>-...`); the others' events are handled and ignored. */
  readonly category: string
  /** Default 1. From 2, titles are stored in capitals and `streams` has one more column (`since_v2`). */
  readonly version?: number
  /** Event types handled besides the three it folds (they are decoded, then ignored). */
  readonly alsoHandles?: ReadonlyArray<E.TypeEvenement>
}

/** The `motif` of a `PeriodeProrogee` that makes the test projection read a row it did not name (a defect). */
export const undeclaredReadMotif = "read an undeclared row"

/**
 * A projection of three tables, for contract tests: `streams` (a row per stream of its category: events counted,
 * their types and titles as `text[]`, a ratio, the last title and year; deleted by `BilanEvaluatifLance`), `lettres` (a row per
 * `LettreInformationPubliee`, keyed by stream and stream version) and `types` (events counted per type).
 */
export const testProjection = (options: TestProjectionOptions): Projection.Projection => {
  const version = options.version ?? 1
  const prefix = `${options.category}-`
  const v2 = version >= 2
  const titre = (t: string) => v2 ? t.toUpperCase() : t
  return Projection.make({
    name: options.name,
    version,
    description: "test projection of the ProjectionStore contract",
    handles: ["LettreInformationPubliee", "PeriodeProrogee", "BilanEvaluatifLance", ...(options.alsoHandles ?? [])],
    tables: [
      {
        name: "streams",
        grain: "one row per stream of the category",
        key: ["stream"],
        columns: [
          { name: "stream", type: "text", description: "stream name" },
          { name: "events", type: "integer", description: "events folded" },
          { name: "types", type: "text[]", description: "their types, in order" },
          { name: "titres", type: "text[]", description: "the titles of its letters, in order" },
          { name: "ratio", type: "number", description: "events over stream version" },
          { name: "last_titre", type: "text", nullable: true, description: "last title" },
          { name: "fin", type: "integer", nullable: true, description: "last nouvelleFin" },
          { name: "has_lettre", type: "boolean", description: "a letter was published" },
          ...(v2 ? [{ name: "since_v2", type: "boolean" as const, description: "written by version 2" }] : [])
        ]
      },
      {
        name: "lettres",
        grain: "one row per letter published",
        key: ["stream", "version"],
        columns: [
          { name: "stream", type: "text", description: "stream name" },
          { name: "version", type: "integer", description: "stream version" },
          { name: "titre", type: "text", description: "title" },
          { name: "numero", type: "integer", nullable: true, description: "issue number" },
          { name: "share", type: "number", nullable: true, description: "numero / 7" }
        ]
      },
      {
        name: "types",
        grain: "one row per event type",
        key: ["type"],
        columns: [
          { name: "type", type: "text", description: "event type" },
          { name: "count", type: "integer", description: "events of the type" }
        ]
      }
    ],
    reads: (event, meta) =>
      meta.streamName.startsWith(prefix)
        ? [{ table: "streams", key: [meta.streamName] }, { table: "types", key: [event._tag] }]
        : [],
    evolve: (event, meta, read) => {
      if (!meta.streamName.startsWith(prefix)) return []
      const stream = meta.streamName
      const counted = read("types", [event._tag])
      const types: Projection.Change = {
        _tag: "Put",
        table: "types",
        row: { type: event._tag, count: ((counted?.["count"] as number | undefined) ?? 0) + 1 }
      }
      if (event._tag === "BilanEvaluatifLance") return [{ _tag: "Delete", table: "streams", key: [stream] }, types]
      if (event._tag !== "LettreInformationPubliee" && event._tag !== "PeriodeProrogee") return [types]
      if (event._tag === "PeriodeProrogee" && event.motif === undeclaredReadMotif) read("streams", ["nowhere"])
      const row = read("streams", [stream])
      const events = ((row?.["events"] as number | undefined) ?? 0) + 1
      const next: Projection.Row = {
        stream,
        events,
        types: [...((row?.["types"] as ReadonlyArray<string> | undefined) ?? []), event._tag],
        titres: [
          ...((row?.["titres"] as ReadonlyArray<string> | undefined) ?? []),
          ...(event._tag === "LettreInformationPubliee" ? [titre(event.titre)] : [])
        ],
        ratio: events / meta.streamVersion,
        last_titre: event._tag === "LettreInformationPubliee"
          ? titre(event.titre)
          : (row?.["last_titre"] as string | null | undefined) ?? null,
        fin: event._tag === "PeriodeProrogee" ? event.nouvelleFin : (row?.["fin"] as number | null | undefined) ?? null,
        has_lettre: event._tag === "LettreInformationPubliee" || row?.["has_lettre"] === true,
        ...(v2 ? { since_v2: true } : {})
      }
      const changes: Array<Projection.Change> = [{ _tag: "Put", table: "streams", row: next }, types]
      if (event._tag === "LettreInformationPubliee") {
        changes.push({
          _tag: "Put",
          table: "lettres",
          row: {
            stream,
            version: meta.streamVersion,
            titre: titre(event.titre),
            numero: event.numero ?? null,
            share: event.numero === undefined ? null : event.numero / 7
          }
        })
      }
      return changes
    }
  })
}

const schemaId = "0193b7a0-0000-7000-8000-000000000001"
const instanceId = "0193b7a0-0000-7000-8000-000000000002"
const survenuLe = "2025-12-12T09:30:00.000Z"

const encoded = (type: E.TypeEvenement, data: Record<string, unknown>): EventToAppend => {
  const decoded = Catalogue.decoder({ type, typeVersion: Catalogue.entree(type)!.version, data })
  if (Result.isFailure(decoded)) throw new Error(`test event ${type} does not decode: ${decoded.failure.message}`)
  const { data: stored, typeVersion } = Catalogue.encoder(decoded.success)
  return { eventId: newEventId(), type, typeVersion, data: stored as Record<string, unknown> }
}

/** Events of the catalog, encoded as the store keeps them, for the test projection. */
export const events = {
  lettre: (titre: string, numero?: number): EventToAppend =>
    encoded("LettreInformationPubliee", {
      schemaId,
      survenuLe,
      titre,
      le: "2025-12-12",
      ...(numero === undefined ? {} : { numero })
    }),
  prorogee: (nouvelleFin: number, motif = "avenant"): EventToAppend =>
    encoded("PeriodeProrogee", { schemaId, survenuLe, nouvelleFin, instanceId, le: "2025-12-12", motif }),
  bilan: (): EventToAppend =>
    encoded("BilanEvaluatifLance", { schemaId, survenuLe, instanceId, le: "2025-12-12", etapesPrevues: ["enquete"] }),
  /** An event the test projection does not handle. */
  unhandled: (): EventToAppend => ({
    eventId: newEventId(),
    type: "Counted",
    typeVersion: 1,
    data: { not: "a catalog event" }
  })
} as const

/**
 * Random logs for the test projection: appends of 1 to 5 events to one of `streams` streams of the category, each
 * event a letter, an extension, a bilan (from the domain's arbitraries, so titles and numbers vary) or an unhandled
 * one.
 */
export const logArbitrary = (streams = 4): fc.Arbitrary<
  ReadonlyArray<{
    readonly stream: number
    readonly events: ReadonlyArray<EventToAppend>
  }>
> => {
  const one: fc.Arbitrary<EventToAppend> = fc.oneof(
    { weight: 4, arbitrary: Arbitraries.evenements.LettreInformationPubliee },
    { weight: 3, arbitrary: Arbitraries.evenements.PeriodeProrogee.filter((e) => e.motif !== undeclaredReadMotif) },
    { weight: 1, arbitrary: Arbitraries.evenements.BilanEvaluatifLance },
    { weight: 1, arbitrary: Arbitraries.evenements.ReunionTenue }
  ).map((e) => {
    const { data, type, typeVersion } = Catalogue.encoder(e)
    return { eventId: newEventId(), type, typeVersion, data: data as Record<string, unknown> }
  })
  return fc.array(
    fc.record({
      stream: fc.integer({ min: 0, max: streams - 1 }),
      events: fc.array(one, { minLength: 1, maxLength: 5 })
    }),
    { minLength: 1, maxLength: 12 }
  )
}

const hex = () => newEventId().replaceAll("-", "").slice(-10)

/** A fresh projection name and stream category. */
export const fresh = (): { readonly name: string; readonly category: string } => {
  const id = hex()
  return { name: `pc_${id}`, category: `pc${id}` }
}

/** The rows the in-memory fold gives for the whole log (or its events up to position `upTo`), per table. */
export const expectedRows = (projection: Projection.Projection, upTo?: number) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const all = store.readAll(0)
    const log = yield* Stream.runCollect(
      upTo === undefined ? all : all.pipe(Stream.takeWhile((e) => e.position <= upTo))
    )
    const folded = Projection.fold(projection, log)
    if (Result.isFailure(folded)) return yield* Effect.die(folded.failure)
    return Object.fromEntries(
      projection.tables.map((t) => [t.name, Projection.rowsOf(projection, folded.success, t.name)])
    ) as Record<string, ReadonlyArray<Projection.Row>>
  })

/** Every table's rows as the store gives them. */
export const storedRows = (projection: Projection.Projection) =>
  Effect.gen(function*() {
    const store = yield* Projection.ProjectionStore
    const out: Record<string, ReadonlyArray<Projection.Row>> = {}
    for (const t of projection.tables) out[t.name] = yield* store.rows(projection, t.name)
    return out
  })
