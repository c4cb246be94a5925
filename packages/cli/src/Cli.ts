/**
 * The `sdsf` command: plan files in, events in a store, reports out.
 *
 * Exit codes: 0 done; 1 an unexpected failure; 2 bad input (a plan, CSV, XLSX or NDJSON file refused: nothing was
 * written); 3 the store could not be opened or failed; 4 a projection stopped (an event it cannot read).
 */
import { FichierInvalide, FichierPlan, ImportValeurs, Ndjson, PlanImport } from "@sdsf/import"
import { EventStore, Erreurs, Evenements, Projection } from "@sdsf/domain"
import {
  Csv,
  Html,
  Journal,
  Markdown,
  Projections,
  type Provenance,
  type TableauIndicateurs,
  Xlsx
} from "@sdsf/reporting"
import { Console, Effect, Option, Redacted, Schema, Stream } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { basename, dirname, extname, join, resolve } from "node:path"
import * as Magasin from "./Magasin.ts"
import * as Squelette from "./Squelette.ts"

// ---------------------------------------------------------------------------------------------------------------
// Exit codes

/** A command's failure with the exit code scripts can rely on. */
export class Echec extends Schema.TaggedError<Echec>()("Echec", {
  code: Schema.Number,
  message: Schema.String
}) {}

const lignesProblemes = (e: FichierInvalide.FichierInvalide): string =>
  e.problemes.map((p) => FichierInvalide.formatProbleme(e.fichier, p)).join("\n")

/** Maps every failure to an `Echec`: its exit code and a message for people. */
const echec = (e: unknown): Echec => {
  if (e instanceof Echec) return e
  if (e instanceof FichierInvalide.FichierInvalide) return new Echec({ code: 2, message: lignesProblemes(e) })
  const tag = typeof e === "object" && e !== null && "_tag" in e ? String(e._tag) : ""
  const texte = e instanceof Error ? e.message : String(e)
  if (tag === "PoisonEvent" || tag === "ProjectionDefect") return new Echec({ code: 4, message: texte })
  if (
    tag === "MagasinIndisponible" || tag === "EventStoreError" || tag === "SqlError" || tag === "ReadError" ||
    tag === "MigrationRequired" || tag === "InvalidIdentifier"
  ) return new Echec({ code: 3, message: `${tag}: ${texte}` })
  if (tag === "InvalidArgument" || tag === "UnknownTable") return new Echec({ code: 2, message: texte })
  return new Echec({ code: 1, message: tag === "" ? texte : `${tag}: ${texte}` })
}

// ---------------------------------------------------------------------------------------------------------------
// Shared flags: the store

const memory = Flag.Boolean("memory").pipe(
  Flag.withDescription("Use a throwaway store in memory (nothing is kept after the command)"),
  Flag.withDefault(false)
)
const databaseUrl = Flag.String("database-url").pipe(
  Flag.withDescription("A PostgreSQL server (postgresql://user:password@host:port/db) instead of the embedded one"),
  Flag.optional
)
const dir = Flag.String("dir").pipe(
  Flag.withDescription("Where the embedded PostgreSQL keeps its files"),
  Flag.withDefault(".sdsf")
)

/** The root command and its flags, shared by every subcommand. */
export const sdsf = Command.make("sdsf").pipe(
  Command.withSharedFlags({ memory, databaseUrl, dir }),
  Command.withDescription(
    "Schémas départementaux des services aux familles as events: import plan files, replay projections, write reports. " +
      "Default store: an embedded PostgreSQL under ./.sdsf (started and stopped by the command)."
  )
)

const choix = Effect.gen(function*() {
  const root = yield* sdsf
  if (root.memory && Option.isSome(root.databaseUrl)) {
    return yield* new Echec({ code: 2, message: "--memory and --database-url exclude each other: choose one store" })
  }
  const c: Magasin.Choix = root.memory
    ? { _tag: "Memoire" }
    : Option.isSome(root.databaseUrl)
    ? { _tag: "Serveur", url: Redacted.make(root.databaseUrl.value) }
    : { _tag: "Embarque", dossier: root.dir }
  return c
})

/** Runs `effect` with the chosen store's services, mapping every failure to an `Echec`. */
const dansMagasin = <A, E>(
  choisi: Magasin.Choix,
  effect: (nom: string) => Effect.Effect<A, E, Magasin.Services>
): Effect.Effect<A, Echec> =>
  effect(Magasin.nom(choisi)).pipe(Effect.provide(Magasin.layer(choisi)), Effect.mapError(echec))

/** Runs `effect` in the store the flags chose. */
const avecMagasin = <A, E>(effect: (nom: string) => Effect.Effect<A, E, Magasin.Services>) =>
  Effect.flatMap(Effect.mapError(choix, echec), (c) => dansMagasin(c, effect))

// ---------------------------------------------------------------------------------------------------------------
// Files

const lireFichier = (chemin: string) =>
  Effect.tryPromise({
    try: () => readFile(chemin),
    catch: (e) => new Echec({ code: 2, message: `${chemin}: cannot be read (${e instanceof Error ? e.message : e})` })
  }).pipe(Effect.map((contenu) => ({ nom: chemin, contenu: new Uint8Array(contenu) })))

const ecrire = (chemin: string, contenu: string | Uint8Array) =>
  Effect.tryPromise({
    try: async () => {
      await mkdir(dirname(chemin), { recursive: true })
      await writeFile(chemin, contenu)
    },
    catch: (e) =>
      new Echec({ code: 1, message: `${chemin}: cannot be written (${e instanceof Error ? e.message : e})` })
  })

type Genre = "plan" | "valeurs" | "ndjson"

const genreDe = (chemin: string): Genre | undefined => {
  const ext = extname(chemin).toLowerCase()
  if (ext === ".yaml" || ext === ".yml" || ext === ".json") return "plan"
  if (ext === ".csv" || ext === ".xlsx") return "valeurs"
  if (ext === ".ndjson" || ext === ".jsonl") return "ndjson"
  return undefined
}

/** A warning of the domain as one line: its kind and what it names. */
export const texteAvertissement = (a: Erreurs.Avertissement): string => {
  switch (a._tag) {
    case "DureeAtypique":
      return `period ${a.periode.debut}-${a.periode.fin} lasts ${a.annees} years (1 to 6 expected)`
    case "EcartAvecPredecesseur":
      return `years between the predecessor and this schéma: ${a.anneesManquantes.join(", ")}`
    case "PiloteManquant":
      return `no pilot for "${a.titre}"`
    case "IndicateurNonDefini":
      return `a value of ${a.indicateur}, which the schéma does not define`
    case "ValeursContradictoires":
      return `${a.source} gives ${a.mesures.join(" and ")} for ${a.cle}: every figure is kept`
    case "OrdreIndecidable":
      return `${a.regle}: ${a.date} against ${a.reference} cannot be ordered at the precision documented`
    case "NonDocumente":
      return `${a.champ} not documented${a.note === undefined ? "" : ` (${a.note})`}`
  }
}

const avertissement = (a: Erreurs.Avertissement): string => `  warning ${a._tag}: ${texteAvertissement(a)}`

// ---------------------------------------------------------------------------------------------------------------
// Progress

const progres = (p: Projection.Progress): Effect.Effect<void> =>
  Effect.sync(() => {
    const total = p.read + p.remaining
    const part = total === 0 ? 1 : p.read / total
    const largeur = 24
    const plein = Math.round(part * largeur)
    const barre = `[${"#".repeat(plein)}${".".repeat(largeur - plein)}]`
    const ligne = `${p.projection.padEnd(22)} ${barre} ${(part * 100).toFixed(0).padStart(3)}% ` +
      `position ${p.position}/${p.head} ${Math.round(p.eventsPerSecond)} events/s`
    if (process.stderr.isTTY) process.stderr.write(`\r${ligne}`)
    else if (p.remaining === 0) process.stderr.write(`${ligne}\n`)
  })

const finProgres = Effect.sync(() => {
  if (process.stderr.isTTY) process.stderr.write("\n")
})

/**
 * Brings every projection up to date with a progress bar, all of them fed by one read of the log; `rebuild` replays
 * each from zero first, one after the other.
 */
export const rejouer = (rebuild: boolean) =>
  Effect.gen(function*() {
    const store = yield* Projection.ProjectionStore
    if (!rebuild) {
      const out = yield* Projections.rejouer({ onProgress: progres })
      yield* finProgres
      return out
    }
    const out: Array<Projection.RunSummary> = []
    for (const p of Projections.toutes) {
      out.push(yield* store.rebuild(p, { onProgress: progres }))
      yield* finProgres
    }
    return out
  })

// ---------------------------------------------------------------------------------------------------------------
// Reports

/** The formats `report` writes. */
export const formats = ["html", "csv", "xlsx", "md"] as const
export type Format = (typeof formats)[number]

/** Writes, under `out`, each schéma's report in every format asked, and the national table; returns the files. */
export const ecrireRapports = (
  out: string,
  quels: ReadonlyArray<Format>,
  options: { readonly magasin: string; readonly jour?: string | undefined }
): Effect.Effect<ReadonlyArray<string>, Echec, Magasin.Services> =>
  Effect.gen(function*() {
    const lecture = yield* Projections.lire
    const source: Provenance.Source = {
      magasin: options.magasin,
      position: lecture.position,
      projections: Projections.toutes
    }
    const jour = options.jour === undefined ? {} : { jour: options.jour as TableauIndicateurs.Options["jour"] }
    const ecrits: Array<string> = []
    const poser = (chemin: string, contenu: string | Uint8Array) =>
      ecrire(chemin, contenu).pipe(Effect.tap(() => Effect.sync(() => ecrits.push(chemin))))
    for (const j of Journal.journaux(lecture, jour)) {
      const dossier = join(out, `${j.departement}-${j.periode}`)
      if (quels.includes("html")) yield* poser(join(dossier, "rapport.html"), yield* Html.document(j.rapport, source))
      if (quels.includes("md")) {
        yield* poser(join(dossier, "rapport.md"), yield* Markdown.texte(j.extraits, source, { titre: j.intitule }))
      }
      if (quels.includes("xlsx")) yield* poser(join(dossier, "tableaux.xlsx"), yield* Xlsx.classeur(j.extraits, source))
      if (quels.includes("csv")) {
        for (const [nom, octets] of yield* Csv.fichiers(j.extraits, source)) {
          yield* poser(join(dossier, "csv", nom), octets)
        }
      }
    }
    const national = Journal.national(lecture)
    if (quels.includes("csv")) {
      for (const [nom, octets] of yield* Csv.fichiers(national, source)) {
        yield* poser(join(out, "national", nom), octets)
      }
    }
    if (quels.includes("xlsx")) {
      yield* poser(join(out, "national", "tableau-national.xlsx"), yield* Xlsx.classeur(national, source))
    }
    if (quels.includes("md")) {
      yield* poser(
        join(out, "national", "tableau-national.md"),
        yield* Markdown.texte(national, source, { titre: "Tableau national" })
      )
    }
    const faits: ReadonlyArray<string> = ecrits
    return faits
  }).pipe(Effect.mapError(echec))

// ---------------------------------------------------------------------------------------------------------------
// Imports

/** What importing one file did, for the summary. */
export interface Importe {
  readonly fichier: string
  readonly genre: Genre
  readonly evenements: number
  readonly avertissements: ReadonlyArray<Erreurs.Avertissement>
}

const schemaIdFlag = Flag.String("schema-id").pipe(
  Flag.withDescription("CSV/XLSX values: the schéma (its id, as `sdsf events` shows) the values go to"),
  Flag.withSchema(Evenements.SchemaId),
  Flag.optional
)
const preset = Flag.Literals("preset", ["sdsf", "cnaf"]).pipe(
  Flag.withDescription("CSV/XLSX values: the layout (default: cnaf when the headers are the Cnaf's, else sdsf)"),
  Flag.optional
)
const sourceFlag = Flag.String("source").pipe(
  Flag.withDescription("CSV/XLSX values: the source recorded with each value"),
  Flag.optional
)

/** Imports one file by its extension: a plan (.yaml/.yml/.json), values (.csv/.xlsx) or an event log (.ndjson). */
export const importerFichier = (
  chemin: string,
  options: {
    readonly schemaId?: Evenements.SchemaId | undefined
    readonly preset?: ImportValeurs.Preset | undefined
    readonly source?: string | undefined
  } = {}
): Effect.Effect<Importe, Echec, Magasin.Services> =>
  Effect.gen(function*() {
    const genre = genreDe(chemin)
    if (genre === undefined) {
      return yield* new Echec({
        code: 2,
        message:
          `${chemin}: unknown kind of file (expected .yaml, .yml or .json for a plan, .csv or .xlsx for values, ` +
          `.ndjson for an event log)`
      })
    }
    const fichier = yield* lireFichier(chemin)
    switch (genre) {
      case "plan": {
        const r = yield* PlanImport.importer(fichier)
        const i: Importe = { fichier: chemin, genre, evenements: r.evenements, avertissements: r.avertissements }
        return i
      }
      case "valeurs": {
        if (options.schemaId === undefined) {
          return yield* new Echec({ code: 2, message: `${chemin}: --schema-id is required to import values` })
        }
        const r = yield* ImportValeurs.importer(fichier, {
          schemaId: options.schemaId,
          preset: options.preset,
          source: options.source
        })
        const i: Importe = {
          fichier: chemin,
          genre,
          evenements: r.valeurs + r.indicateursDefinis,
          avertissements: r.avertissements
        }
        return i
      }
      case "ndjson": {
        const r = yield* Ndjson.importer(fichier)
        const i: Importe = { fichier: chemin, genre, evenements: r.evenements, avertissements: [] }
        return i
      }
    }
  }).pipe(Effect.mapError(echec))

const resume = (i: Importe): string =>
  [`${i.fichier}: ${i.evenements} events, ${i.avertissements.length} warnings`, ...i.avertissements.map(avertissement)]
    .join("\n")

// ---------------------------------------------------------------------------------------------------------------
// Commands

const init = Command.make(
  "init",
  {
    fichier: Argument.String("file").pipe(
      Argument.withDescription("The plan file to create"),
      Argument.withDefault("plan.yaml")
    ),
    force: Flag.Boolean("force").pipe(Flag.withDescription("Overwrite an existing file"), Flag.withDefault(false))
  },
  Effect.fn(function*({ fichier, force }) {
    const existe = yield* Effect.promise(() => readFile(fichier).then(() => true, () => false))
    if (existe && !force) {
      return yield* new Echec({ code: 2, message: `${fichier} exists: pass --force to overwrite it` })
    }
    yield* ecrire(fichier, Squelette.yaml)
    yield* Console.log(
      `${fichier}: a plan skeleton (format ${FichierPlan.FORMAT}). Fill it in, then: sdsf validate ${fichier}`
    )
  })
).pipe(Command.withDescription("Write a plan-file skeleton to fill in"))

const schema = Command.make(
  "schema",
  {},
  () => Console.log(JSON.stringify(FichierPlan.jsonSchema(), null, 2))
).pipe(Command.withDescription(`Print the JSON Schema of plan files (${FichierPlan.FORMAT})`))

const fichiers = Argument.String("files").pipe(Argument.withDescription("Files to read"), Argument.atLeast(1))

const validate = Command.make(
  "validate",
  { fichiers },
  Effect.fn(function*({ fichiers }) {
    let erreurs = 0
    for (const chemin of fichiers) {
      // Checked against an empty store in memory: every rule of the domain applies, nothing is written anywhere.
      const r = yield* Effect.gen(function*() {
        const fichier = yield* lireFichier(chemin)
        return yield* PlanImport.valider(fichier)
      }).pipe(Effect.provide(Magasin.layer({ _tag: "Memoire" })), Effect.mapError(echec), Effect.result)
      if (r._tag === "Failure") {
        erreurs++
        yield* Console.error(r.failure.message)
      } else {
        yield* Console.log(
          [
            `${chemin}: valid, ${r.success.evenements} events, ${r.success.avertissements.length} warnings`,
            ...r.success.avertissements.map(avertissement)
          ].join("\n")
        )
      }
    }
    if (erreurs > 0) return yield* new Echec({ code: 2, message: `${erreurs} of ${fichiers.length} files refused` })
  })
).pipe(Command.withDescription("Check plan files against the domain's rules, writing nothing"))

const importCmd = Command.make(
  "import",
  { fichiers, schemaId: schemaIdFlag, preset, source: sourceFlag },
  Effect.fn(function*({ fichiers, schemaId, preset, source }) {
    yield* avecMagasin(() =>
      Effect.forEach(fichiers, (chemin) =>
        importerFichier(chemin, {
          schemaId: Option.getOrUndefined(schemaId),
          preset: Option.getOrUndefined(preset),
          source: Option.getOrUndefined(source)
        }).pipe(Effect.tap((i) => Console.log(resume(i)))), { discard: true })
    )
  })
).pipe(
  Command.withDescription(
    "Import plan files (.yaml/.json), indicator values (.csv/.xlsx) or event logs (.ndjson), each all or nothing"
  )
)

const replay = Command.make(
  "replay",
  {
    rebuild: Flag.Boolean("rebuild").pipe(
      Flag.withDescription("Replay every projection from zero"),
      Flag.withDefault(false)
    )
  },
  Effect.fn(function*({ rebuild }) {
    const faits = yield* avecMagasin(() => rejouer(rebuild))
    for (const f of faits) {
      yield* Console.log(
        `${f.projection} v${f.version}: ${f.applied} events applied, at position ${f.position}${
          f.rebuilt ? " (rebuilt)" : ""
        }`
      )
    }
  })
).pipe(Command.withDescription("Bring every projection up to date with the log"))

const out = (defaut: string) =>
  Flag.String("out").pipe(Flag.withDescription("Folder to write into"), Flag.withDefault(defaut))

const report = Command.make(
  "report",
  {
    format: Flag.Literals("format", formats).pipe(
      Flag.withDescription("A format to write (repeat for several); default all"),
      Flag.atLeast(0)
    ),
    out: out("out/rapports"),
    jour: Flag.String("as-of").pipe(
      Flag.withDescription("Indicator values as known at the end of this day (YYYY-MM-DD)"),
      Flag.optional
    )
  },
  Effect.fn(function*({ format, out, jour }) {
    if (Option.isSome(jour) && !/^\d{4}-\d{2}-\d{2}$/.test(jour.value)) {
      return yield* new Echec({
        code: 2,
        message: `--as-of: expected a day YYYY-MM-DD, got ${JSON.stringify(jour.value)}`
      })
    }
    const quels = format.length === 0 ? formats : format
    const ecrits = yield* avecMagasin((magasin) =>
      rejouer(false).pipe(Effect.andThen(ecrireRapports(out, quels, { magasin, jour: Option.getOrUndefined(jour) })))
    )
    yield* Console.log(`${ecrits.length} files written under ${out}`)
  })
).pipe(
  Command.withDescription(
    "Replay the projections, then write each schéma's report (html, csv, xlsx, md) and the national table"
  )
)

const events = Command.make(
  "events",
  {
    after: Flag.Int("after").pipe(Flag.withDescription("Only events after this global position"), Flag.withDefault(0)),
    follow: Flag.Boolean("follow").pipe(
      Flag.withDescription("Keep printing new events as they are appended"),
      Flag.withDefault(false)
    )
  },
  Effect.fn(function*({ after, follow }) {
    yield* avecMagasin(() =>
      follow
        ? Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          yield* store.subscribe(after).pipe(Stream.runForEach((e) => Console.log(Ndjson.ligne(e))))
        })
        : Ndjson.exporter(after).pipe(Stream.runForEach((l) => Console.log(l)))
    )
  })
).pipe(
  Command.withDescription("Print the log as NDJSON, one recorded event per line (redirect to a file to export it)")
)

const migrate = Command.make(
  "migrate",
  {},
  Effect.fn(function*() {
    const nom = yield* avecMagasin((nom) => Effect.succeed(nom))
    yield* Console.log(`${nom}: schema up to date`)
  })
).pipe(Command.withDescription("Create or upgrade the store's tables (opening a PostgreSQL store migrates it)"))

/** The example plan files the demo imports, relative to the repository's root. */
export const exemples = ["hauts-de-seine.yaml", "seine-saint-denis.yaml", "paris.yaml"] as const

/** Where the examples live: `examples/plans` of the repository this command runs from. */
export const dossierExemples = (): string => resolve(import.meta.dirname, "..", "..", "..", "examples", "plans")

/** The demo: imports the three examples into a fresh store, replays, writes every report; returns the summary. */
export const demo = (out: string, choisi: Magasin.Choix, options: { readonly magasin?: string | undefined } = {}) =>
  Effect.gen(function*() {
    const lignes: Array<string> = []
    const ecrits = yield* dansMagasin(choisi, (nom) =>
      Effect.gen(function*() {
        for (const e of exemples) {
          const i = yield* importerFichier(join(dossierExemples(), e))
          lignes.push(resume({ ...i, fichier: basename(i.fichier) }))
        }
        yield* rejouer(false)
        return yield* ecrireRapports(out, formats, { magasin: options.magasin ?? nom })
      }))
    lignes.push(
      `${ecrits.length} files written under ${out}:`,
      ...ecrits.filter((f) => !f.includes("/csv/")).map((f) => `  ${f}`)
    )
    return lignes.join("\n")
  })

const demoCmd = Command.make(
  "demo",
  { out: out("out/demo") },
  Effect.fn(function*({ out }) {
    const c = yield* choix
    const choisi: Magasin.Choix = c._tag === "Embarque" ? { _tag: "Embarque", dossier: join(c.dossier, "demo") } : c
    if (choisi._tag === "Embarque") yield* Magasin.effacerEmbarque(choisi.dossier)
    yield* Console.log(yield* demo(out, choisi))
  })
).pipe(Command.withDescription(
  "Import the Hauts-de-Seine, Seine-Saint-Denis and Paris examples into a fresh embedded PostgreSQL (./.sdsf/demo), " +
    "then write each schéma's HTML report and CSV/XLSX tables to out/demo"
))

/** The whole command. */
export const commande = sdsf.pipe(
  Command.withSubcommands([init, schema, validate, importCmd, replay, report, events, migrate, demoCmd])
)

/** Runs the command with these arguments (without the node and script paths). */
export const run = Command.runWith(commande, { version: "0.1.0" })
