/**
 * Raw event logs as NDJSON: one event per line. `exporter` writes the store's log (every recorded field, in log
 * order); `importer` reads such a file, or lines of encoded events only (`streamName`, `type`, `typeVersion`,
 * `data`), checks every line before writing anything, and appends each stream as one batch.
 *
 * A line: `{"streamName":"schema-<uuid>","type":"SchemaAdopte","typeVersion":2,"data":{...}}`, optionally with
 * `eventId` (kept: importing the same file twice stores nothing twice), `metadata`, and `streamVersion` (then the
 * stream must be at the version before its first line: a log that continues a stream continues it exactly). Other
 * fields of an exported line (`position`, `recordedAt`) are ignored: the target store gives its own.
 */
import { Effect, Option, Result, Schema, Stream } from "effect"
import type { SchemaIssue } from "effect"
import { Catalogue, EventStore, IdGenerator } from "@sdsf/domain"
import { FichierInvalide, formatValeur } from "./FichierInvalide.ts"
import type { Probleme } from "./FichierInvalide.ts"
import { texte } from "./Source.ts"
import type { Fichier } from "./Source.ts"

/** One exported line: a recorded event, as the store gives it. */
export const ligne = (e: EventStore.RecordedEvent): string =>
  JSON.stringify({
    position: e.position,
    streamName: e.streamName,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    typeVersion: e.typeVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt
  })

/** The store's log after `apres` (default: from the start), one NDJSON line per event, each ending with `\n`. */
export const exporter = (apres = 0): Stream.Stream<string, EventStore.ReadError, EventStore.EventStore> =>
  Stream.unwrap(Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    return store.readAll(apres)
  })).pipe(
    Stream.map((e) => `${ligne(e)}\n`)
  )

/** What an NDJSON import did: events and streams written (an idempotent re-import writes none). */
export interface Resultat {
  readonly evenements: number
  readonly flux: number
}

const Ligne = Schema.Struct({
  streamName: EventStore.StreamName,
  type: Schema.NonEmptyString,
  typeVersion: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  data: Schema.Record(Schema.String, Schema.Unknown),
  eventId: Schema.optionalKey(Schema.String.check(Schema.isUUID())),
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  streamVersion: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)))
})
const decodeLigne = Schema.decodeUnknownResult(Ligne)

const premierChamp = (issue: SchemaIssue.Issue): string => {
  switch (issue._tag) {
    case "Pointer":
      return String(issue.path[0] ?? "")
    case "Composite":
    case "AnyOf":
      return issue.issues.length === 0 ? "" : premierChamp(issue.issues[0] as SchemaIssue.Issue)
    case "Filter":
    case "Encoding":
      return premierChamp(issue.issue)
    default:
      return ""
  }
}

interface Lue {
  readonly ligne: number
  readonly evenement: typeof Ligne.Type
}

/** Reads and checks every line: the events by stream, in file order, or every problem with its line. */
export const lire = (fichier: Fichier): Result.Result<ReadonlyMap<string, ReadonlyArray<Lue>>, FichierInvalide> => {
  const t = texte(fichier)
  if (Result.isFailure(t)) return Result.fail(t.failure)
  const problemes: Array<Probleme> = []
  const flux = new Map<string, Array<Lue>>()
  const ids = new Map<string, number>()
  const lignes = t.success.split("\n")
  for (const [i, brute] of lignes.entries()) {
    const numero = i + 1
    const s = brute.replace(/\r$/, "")
    if (s.trim() === "") continue
    // EventStore.parseJson, not JSON.parse: on Node 24 that can misread an escaped object key (nodejs/node#63785).
    const parsed = Result.try({ try: (): unknown => EventStore.parseJson(s), catch: (e) => e })
    if (Result.isFailure(parsed)) {
      const pos = /position (\d+)/.exec(String(parsed.failure))
      problemes.push({
        ligne: numero,
        ...(pos === null ? {} : { colonne: Number(pos[1]) + 1 }),
        chemin: "",
        attendu: "one JSON object per line",
        recu: formatValeur(s.length > 40 ? `${s.slice(0, 40)}…` : s)
      })
      continue
    }
    const json = parsed.success
    const d = decodeLigne(json, { errors: "all" })
    if (Result.isFailure(d)) {
      const champ = premierChamp(d.failure.issue)
      problemes.push({
        ligne: numero,
        chemin: champ,
        attendu: "an event: streamName (<category>-<id>), type, typeVersion (1, 2...), data (an object); " +
          "eventId (a uuid), metadata, streamVersion optional",
        recu: formatValeur(champ === "" ? json : (json as Record<string, unknown>)[champ])
      })
      continue
    }
    const ev = d.success
    const lu = Catalogue.decoder({ type: ev.type, typeVersion: ev.typeVersion, data: ev.data })
    if (Result.isFailure(lu)) {
      const connu = Catalogue.entree(ev.type) !== undefined
      problemes.push({
        ligne: numero,
        chemin: connu ? "data" : "type",
        attendu: connu
          ? `data of ${ev.type} v${ev.typeVersion}: ${lu.failure.reason}`
          : "an event type of the catalog (Catalogue)",
        recu: formatValeur(connu ? ev.data : ev.type)
      })
      continue
    }
    if (ev.eventId !== undefined) {
      const avant = ids.get(ev.eventId)
      if (avant !== undefined) {
        const attendu = `an event id not used before (line ${avant} has it)`
        problemes.push({ ligne: numero, chemin: "eventId", attendu, recu: formatValeur(ev.eventId) })
      }
      ids.set(ev.eventId, numero)
    }
    const liste = flux.get(ev.streamName) ?? []
    const precedente = liste.at(-1)?.evenement.streamVersion
    if (ev.streamVersion !== undefined && precedente !== undefined && ev.streamVersion !== precedente + 1) {
      const attendu = `the next version of ${ev.streamName}: ${precedente + 1}`
      problemes.push({ ligne: numero, chemin: "streamVersion", attendu, recu: String(ev.streamVersion) })
    }
    liste.push({ ligne: numero, evenement: ev })
    flux.set(ev.streamName, liste)
  }
  return problemes.length > 0
    ? Result.fail(new FichierInvalide({ fichier: fichier.nom, problemes }))
    : Result.succeed(flux)
}

/**
 * Imports an NDJSON event log. Every line is checked first (JSON, fields, a catalog type whose data decodes, stream
 * versions that follow each other) and every stream's version against the store; then each stream is appended as one
 * batch. Across streams it is all or nothing against bad input; only a concurrent writer or a store failure between
 * two streams' appends can leave part of a file written (append it again: kept event ids make that idempotent).
 */
export const importer = Effect.fn("Ndjson.importer")(function*(fichier: Fichier) {
  const flux = yield* Effect.fromResult(lire(fichier))
  const store = yield* EventStore.EventStore
  const problemes: Array<Probleme> = []
  const plans: Array<{
    readonly nom: EventStore.StreamName
    readonly attendue: EventStore.ExpectedVersion
    readonly lues: ReadonlyArray<Lue>
  }> = []
  for (const [nom, lues] of flux) {
    const name = nom as EventStore.StreamName
    const premiere = lues[0] as Lue
    const meta = yield* store.streamMetadata(name)
    const actuelle = Option.match(meta, { onNone: () => 0, onSome: (m) => m.version })
    const depart = premiere.evenement.streamVersion
    const attendue = depart === undefined ? 0 : depart - 1
    // A re-import of the same lines (kept ids) is accepted: the store answers it idempotently.
    const rejoue = depart !== undefined && actuelle >= depart + lues.length - 1 &&
      lues.every((l) => l.evenement.eventId !== undefined)
    if (actuelle !== attendue && !rejoue) {
      problemes.push({
        ligne: premiere.ligne,
        chemin: "streamVersion",
        attendu: depart === undefined
          ? `a new stream (${nom} has ${actuelle} events; give streamVersion to continue it)`
          : `${nom} at version ${attendue} in the store`,
        recu: `version ${actuelle}`
      })
    }
    plans.push({ nom: name, attendue: EventStore.ExpectedVersion.exact(attendue), lues })
  }
  if (problemes.length > 0) return yield* Effect.fail(new FichierInvalide({ fichier: fichier.nom, problemes }))
  const ids = yield* IdGenerator.IdGenerator
  let evenements = 0
  for (const p of plans) {
    const aEcrire: Array<EventStore.EventToAppend> = []
    for (const { evenement: e } of p.lues) {
      aEcrire.push({
        eventId: e.eventId ?? (yield* ids.eventId),
        type: e.type,
        typeVersion: e.typeVersion,
        data: e.data,
        ...(e.metadata === undefined ? {} : { metadata: e.metadata as EventStore.EventMetadata })
      })
    }
    const r = yield* store.append(p.nom, p.attendue, aEcrire)
    evenements += r.positions.length
  }
  const resultat: Resultat = { evenements, flux: plans.length }
  return resultat
})
