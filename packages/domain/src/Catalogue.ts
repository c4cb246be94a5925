/**
 * The event catalog as data: each event's stored type name, phase, schema version and schema, its JSON Schema for
 * tools in other languages, and the codec that stores events as JSON and reads them back, upcasting older versions.
 */
import { Result, Schema } from "effect"
import { type Codec, type EncodedEvent, EventDecodeError } from "./CommandHandler.ts"
import type { Phase } from "./Phase.ts"
import * as E from "./Evenements.ts"
import type { RecordedEvent } from "./EventStore.ts"
import { formatProblems, problems } from "./internal/issues.ts"

/** The phase of the lifecycle an event belongs to (`transverse` for events of every phase). */
export type PhaseEvenement = Exclude<Phase, "vierge" | "clos"> | "transverse"

/** What the catalog says of one event. */
export interface EntreeCatalogue {
  readonly type: E.TypeEvenement
  readonly phase: PhaseEvenement
  /** The current version of the event's schema; stored events carry the version they were written with. */
  readonly version: number
  readonly description: string
  readonly schema: Schema.Codec<E.Evenement, unknown>
}

const entrees: ReadonlyArray<readonly [E.TypeEvenement, PhaseEvenement, number, string]> = [
  ["ElaborationLancee", "elaboration", 2, "Élaboration starts: département, period, title, predecessor."],
  ["InstitutionEnregistree", "transverse", 1, "A partner institution is recorded."],
  ["EvaluationPrecedentConduite", "elaboration", 2, "The previous schéma was evaluated."],
  ["DiagnosticRealise", "elaboration", 2, "The territorial diagnostic was produced."],
  ["ConcertationTenue", "elaboration", 2, "A consultation took place (session, workshop, seminar, survey)."],
  [
    "IndicateurDefini",
    "transverse",
    3,
    "An indicator is defined (label, unit, additivity, breakdowns, levels, formula)."
  ],
  ["InstanceCreee", "transverse", 2, "A body of the governance is created."],
  ["InstanceInstallee", "transverse", 1, "A body the document proposed is installed."],
  ["CadenceInstanceModifiee", "transverse", 2, "A body's meeting cadence changes."],
  ["CompositionInstanceDefinie", "transverse", 2, "A body's composition is set."],
  ["ContactDesigne", "transverse", 2, "A contact or référent is named (a subject reference)."],
  ["NoeudPlanAjoute", "elaboration", 2, "A node is added to the plan."],
  ["NoeudPlanModifie", "elaboration", 2, "A node of the plan is redrafted."],
  ["NoeudPlanRetire", "elaboration", 1, "A node leaves the plan while drafting."],
  ["ProjetPresente", "elaboration", 1, "The draft is presented to the CDSF."],
  ["SchemaAdopte", "validation", 2, "The CDSF adopts the schéma or its orientations."],
  ["SchemaSigne", "validation", 2, "A signataire signs."],
  ["MiseEnOeuvreDemarree", "mise-en-oeuvre", 2, "Implementation starts."],
  ["PrioritesAnnuellesArretees", "mise-en-oeuvre", 2, "Yearly priorities are set."],
  ["FeuilleDeRouteArretee", "mise-en-oeuvre", 2, "A yearly thematic roadmap is set."],
  ["ReunionTenue", "transverse", 2, "A body met: day, agenda, decisions."],
  ["AvancementActionSignale", "mise-en-oeuvre", 2, "An action's progress is reported."],
  [
    "ValeurIndicateurEnregistree",
    "transverse",
    3,
    "An indicator value is recorded as printed (bi-temporal; a restatement names what it restates and why)."
  ],
  ["AppelAProjetsLance", "mise-en-oeuvre", 2, "A call for projects opens."],
  ["AppelAProjetsClos", "mise-en-oeuvre", 1, "A call for projects closes: received and selected."],
  ["PlacesLabellisees", "mise-en-oeuvre", 1, "Places are labelled (AVIP/AVIS)."],
  ["BilanAnnuelPresente", "mise-en-oeuvre", 1, "The yearly review is presented."],
  ["PlanActionRevise", "mise-en-oeuvre", 2, "The yearly revision of the action plan, on a CDSF decision."],
  ["LettreInformationPubliee", "transverse", 1, "A newsletter is published."],
  ["PeriodeProrogee", "mise-en-oeuvre", 1, "The period is extended (avenant)."],
  ["BilanEvaluatifLance", "bilan", 1, "The CDSF launches the bilan évaluatif."],
  ["IndicateursQuantitatifsRecueillis", "bilan", 1, "Quantitative indicators are collected."],
  ["EnqueteGestionnairesMenee", "bilan", 1, "The survey of service managers ran."],
  ["EntretiensCiblesMenes", "bilan", 2, "Targeted interviews took place."],
  ["SeminaireEvaluationTenu", "bilan", 1, "The partnership evaluation seminar took place."],
  ["RapportEvaluationRemis", "bilan", 2, "The evaluation report: findings per action and préconisations."],
  ["RenouvellementLance", "renouvellement", 1, "The successor's drafting starts."],
  ["AmbitionsSuccesseurDefinies", "renouvellement", 1, "The successor's ambitions and objectives are set."],
  ["SuccesseurAdopte", "renouvellement", 2, "The successor is adopted; this schéma closes."]
]

/** The catalog, in lifecycle order. */
export const catalogue: ReadonlyArray<EntreeCatalogue> = entrees.map(([type, phase, version, description]) => ({
  type,
  phase,
  version,
  description,
  schema: E.Evenement.cases[type] as unknown as Schema.Codec<E.Evenement, unknown>
}))

const parType = new Map(catalogue.map((e) => [e.type as string, e]))

/** The catalog entry of a stored type name. */
export const entree = (type: string): EntreeCatalogue | undefined => parType.get(type)

/**
 * Upcasters: for a type, the function that turns data of version `n` into data of version `n + 1`. A new shape of
 * an event adds a version here; stored events are never rewritten.
 */
export type Upcasters = Readonly<
  Record<string, Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>>
>

const objet = (x: unknown): Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {}

/**
 * Version 1 definitions had no declared additivity: reports summed by unit. Counts, places, hours and days keep
 * `somme`; everything else becomes `aucune`, euros included (a v1 amount may be a median: never summed on a guess).
 */
const additiviteV1 = (unite: unknown): string =>
  unite === "nombre" || unite === "places" || unite === "heures" || unite === "jours" ? "somme" : "aucune"

type Donnees = Record<string, unknown>

/** v1 wrote a day where v2 writes a `Datation` (issue 9, case 1): a day stays a day. */
const leEnDatation = (d: Donnees): Donnees => ({ ...d, le: { _tag: "Jour", jour: d["le"] } })

/** v2 only widened the schema (new literals, new optional fields, a union): v1 data is v2 data as it stands. */
const elargi = (d: Donnees): Donnees => d

/** The library's upcasters (issue 9: dates with their precision, facts not documented, documents as written). */
export const upcasters: Upcasters = {
  ElaborationLancee: {
    1: (d) => {
      const { predecesseur, ...reste } = d
      const p = predecesseur as Donnees | undefined
      return leEnDatation({ ...reste, predecesseurs: p === undefined ? [] : [{ ...p, nature: "sdsf" }] })
    }
  },
  ConcertationTenue: {
    1: (d) => {
      const { le, au, ...reste } = d
      return { ...reste, le: au === undefined ? { _tag: "Jour", jour: le } : { _tag: "Intervalle", du: le, au } }
    }
  },
  EvaluationPrecedentConduite: { 1: leEnDatation },
  DiagnosticRealise: { 1: leEnDatation },
  SchemaAdopte: { 1: leEnDatation },
  SchemaSigne: {
    1: (d) => {
      const { signataire, fonction, ...reste } = d
      return leEnDatation({
        ...reste,
        signataires: [{
          ...(signataire === undefined ? {} : { sujet: signataire }),
          ...(typeof fonction === "string" && fonction.length > 0 ? { fonction } : {})
        }]
      })
    }
  },
  MiseEnOeuvreDemarree: { 1: leEnDatation },
  PrioritesAnnuellesArretees: { 1: leEnDatation },
  FeuilleDeRouteArretee: { 1: leEnDatation },
  ReunionTenue: { 1: leEnDatation },
  AvancementActionSignale: { 1: leEnDatation },
  AppelAProjetsLance: { 1: leEnDatation },
  EntretiensCiblesMenes: { 1: leEnDatation },
  RapportEvaluationRemis: { 1: leEnDatation },
  SuccesseurAdopte: { 1: leEnDatation },
  InstanceCreee: { 1: elargi },
  CadenceInstanceModifiee: { 1: elargi },
  CompositionInstanceDefinie: { 1: elargi },
  ContactDesigne: { 1: elargi },
  NoeudPlanAjoute: { 1: elargi },
  NoeudPlanModifie: { 1: elargi },
  PlanActionRevise: { 1: elargi },
  IndicateurDefini: {
    1: (data) => {
      const definition = objet(data["definition"])
      return { ...data, definition: { ...definition, additivite: additiviteV1(definition["unite"]) } }
    },
    // v3 added the unit `variation-pourcent` (a change in percent, seed 004 l.246, l.331).
    2: elargi
  },
  ValeurIndicateurEnregistree: {
    // v1: `valeur.valeur` a bare number, `retraite` on the event (set automatically when a key repeated). Its
    // source could not be `NonDocumente` (v2 also widened that).
    1: ({ retraite, ...data }) => {
      const { valeur: nombre, ...valeur } = objet(data["valeur"])
      return {
        ...data,
        valeur: {
          ...valeur,
          mesure: { nature: "exacte", valeur: nombre },
          ...(retraite === undefined ? {} : { retraitement: { remplace: retraite } })
        }
      }
    },
    // v3: the unit `variation-pourcent`, and a period that may be `NonDocumente` (seed 004 l.53, l.731).
    2: elargi
  }
}

const encoders = new Map<string, (e: E.Evenement) => unknown>()
for (const e of catalogue) encoders.set(e.type, Schema.encodeSync(e.schema))

/** Encodes an event to what the store keeps: its type, version and JSON data (without `_tag`). */
export const encoder = (evenement: E.Evenement): EncodedEvent => {
  const { _tag, ...data } = (encoders.get(evenement._tag) as (e: E.Evenement) => { readonly _tag: string })(evenement)
  return { type: evenement._tag, typeVersion: (parType.get(evenement._tag) as EntreeCatalogue).version, data }
}

type Stocke = { readonly type: string; readonly typeVersion: number; readonly data: unknown }

const lecteur = (entrees: ReadonlyArray<EntreeCatalogue>) => {
  const parTypeLu = new Map(
    entrees.map((e) => [e.type as string, { version: e.version, decode: Schema.decodeUnknownResult(e.schema) }])
  )
  return (stored: Stocke, registre: Upcasters): Result.Result<E.Evenement, EventDecodeError> => {
    const { type, typeVersion } = stored
    const e = parTypeLu.get(type)
    if (e === undefined) return Result.fail(new EventDecodeError({ type, typeVersion, reason: "unknown event type" }))
    if (!Number.isInteger(typeVersion) || typeVersion < 1 || typeVersion > e.version) {
      return Result.fail(new EventDecodeError({ type, typeVersion, reason: `versions 1 to ${e.version} are readable` }))
    }
    if (typeof stored.data !== "object" || stored.data === null || Array.isArray(stored.data)) {
      return Result.fail(new EventDecodeError({ type, typeVersion, reason: "data is not a JSON object" }))
    }
    let data = stored.data as Record<string, unknown>
    for (let v = typeVersion; v < e.version; v++) {
      const up = registre[type]?.[v]
      if (up === undefined) {
        return Result.fail(new EventDecodeError({ type, typeVersion, reason: `no upcaster from version ${v}` }))
      }
      data = up(data)
    }
    const input = { ...data, _tag: type }
    const r = e.decode(input)
    return Result.isSuccess(r)
      ? Result.succeed(r.success)
      : Result.fail(
        new EventDecodeError({ type, typeVersion, reason: formatProblems(problems(r.failure.issue, input)) })
      )
  }
}

const lireCatalogue = lecteur(catalogue)

/** Decodes stored data of a type and version, upcasting it to the current version first. */
export const decoder = (
  stored: Stocke,
  registre: Upcasters = upcasters
): Result.Result<E.Evenement, EventDecodeError> => lireCatalogue(stored, registre)

/**
 * A decoder over another catalog and its upcasters, with the same rules as `decoder`: for tests of upcasting chains
 * (give an entry a later version and the upcasters that reach it) and for a host that extends the catalog.
 */
export const makeDecoder = (
  entrees: ReadonlyArray<EntreeCatalogue>,
  registre: Upcasters
): (stored: Stocke) => Result.Result<E.Evenement, EventDecodeError> => {
  const lire = lecteur(entrees)
  return (stored) => lire(stored, registre)
}

/** The codec the command handler stores schéma events with. */
export const codec: Codec<E.Evenement, EventDecodeError> = {
  encode: encoder,
  decode: (recorded: RecordedEvent) => decoder(recorded)
}

/** The JSON Schema (draft 2020-12) of each event's stored data, with its type, version and phase. */
export const jsonSchemas = (): ReadonlyArray<{
  readonly type: string
  readonly version: number
  readonly phase: PhaseEvenement
  readonly description: string
  readonly jsonSchema: unknown
}> =>
  catalogue.map((e) => ({
    type: e.type,
    version: e.version,
    phase: e.phase,
    description: e.description,
    jsonSchema: Schema.toJsonSchemaDocument(donneesStockees(e.type))
  }))

/** The schema of what `encoder` stores for a type: the event's fields without `_tag` (the type travels beside the data). */
const donneesStockees = (type: E.TypeEvenement) => {
  const { _tag, ...champs } = E.Evenement.cases[type].fields
  return Schema.Struct(champs)
}

const champsDe = (schema: Schema.Codec<E.Evenement, unknown>): ReadonlyArray<string> => {
  const fields = (schema as unknown as {
    readonly fields: Readonly<
      Record<string, { readonly ast: { readonly context?: { readonly isOptional?: boolean } } }>
    >
  }).fields
  return Object.keys(fields)
    .filter((k) => k !== "_tag" && k !== "schemaId" && k !== "survenuLe")
    .map((k) => (fields[k]?.ast.context?.isOptional ? `${k}?` : k))
}

/** The catalog as a Markdown table (the package README embeds it; a test keeps them equal). */
export const tableMarkdown = (): string => {
  const lignes = catalogue.map((e) =>
    `| \`${e.type}\` | ${e.phase} | ${e.version} | ${
      champsDe(e.schema).map((c) => `\`${c}\``).join(", ")
    } | ${e.description} |`
  )
  return [
    "| type | phase | version | fields (besides `schemaId`, `survenuLe`) | what happened |",
    "| --- | --- | --- | --- | --- |",
    ...lignes
  ].join("\n")
}
