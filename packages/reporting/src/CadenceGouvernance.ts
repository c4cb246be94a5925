/**
 * Governance cadence: a schéma's bodies (*instances*) with their cadence and status, the meetings they held with their
 * dates as printed, and, per body and year, the meetings held beside those expected (domain.md "Governance": cadences
 * are configuration per schéma).
 */
import { Gouvernance, Projection, Temps } from "@sdsf/domain"
import type { Extrait } from "./Extrait.ts"
import {
  assembler,
  cellulesDate,
  col,
  colonne,
  colonnesDate,
  colonnesSchema,
  compareTexte,
  extrait,
  ligneSchema,
  lignesDe,
  liste,
  put,
  tableSchemas,
  texte,
  texteOuNull
} from "./internal/commun.ts"

const INSTANCES = "instances"
const REUNIONS = "reunions"

const tables: ReadonlyArray<Projection.Table> = [
  tableSchemas([
    col("periode_debut", "integer", "First year of the schéma's period"),
    col("periode_fin", "integer", "Last year of its period, after any extension (`PeriodeProrogee`)")
  ]),
  {
    name: INSTANCES,
    grain: "one row per body of a schéma",
    key: ["schema_id", "instance_id"],
    columns: [
      ...colonnesSchema,
      col("instance_id", "text", "The body's id"),
      col("nature", "text", "cdsf, copil, cotech, comite-thematique, groupe-de-travail..."),
      col("nom", "text", "Its name as printed"),
      col(
        "cadence",
        "text",
        "Its convocation: `3/an`, `1+/an`, `2-3/an`, `0/an`, `sur besoin`, `non documentée (note)`"
      ),
      col("cadence_nature", "text", "cadence, sur-besoin or non-documentee"),
      col("cadence_min", "integer", "Meetings a year at least; null when not a cadence", true),
      col("cadence_max", "integer", "Meetings a year at most, when said", true),
      col("mois_indicatifs", "text[]", "Indicative months (1-12)"),
      col("statut", "text", "proposee or installee; null when the document does not say", true),
      ...colonnesDate("installee_le", "When it was installed (`InstanceInstallee`)", { nullable: true }),
      col("duree", "text", "For a body set up for a set time, that time as printed", true),
      col("themes", "text[]", "Its themes"),
      col("membres", "integer", "Members recorded by role (`CompositionInstanceDefinie`)", true),
      col("effectif", "integer", "Total members when the text gives one", true)
    ]
  },
  {
    name: REUNIONS,
    grain: "one row per meeting held (`ReunionTenue`)",
    key: ["schema_id", "reunion_id"],
    columns: [
      ...colonnesSchema,
      col("reunion_id", "text", "The meeting's id"),
      col("instance_id", "text", "The body that met"),
      ...colonnesDate("le", "When it met", { bornes: true }),
      col("annee", "integer", "Its year when its date lies within one year; null otherwise", true),
      col("ordre_du_jour", "text[]", "Agenda as printed"),
      col("decisions", "text[]", "Decisions as printed"),
      col("participants", "integer", "Participants, when printed", true),
      col("position", "integer", "The event's position in the log")
    ]
  }
]

const cadenceCellules = (c: Gouvernance.Convocation): Record<string, Projection.Cell> => {
  if (!("_tag" in c)) {
    return {
      cadence: Gouvernance.formatConvocation(c),
      cadence_nature: "cadence",
      cadence_min: c.minParAn,
      cadence_max: c.maxParAn ?? null,
      mois_indicatifs: (c.moisIndicatifs ?? []).map(String)
    }
  }
  return {
    cadence: Gouvernance.formatConvocation(c),
    cadence_nature: c._tag === "SurBesoin" ? "sur-besoin" : "non-documentee",
    cadence_min: null,
    cadence_max: null,
    mois_indicatifs: []
  }
}

const refInstance = (schemaId: string, instanceId: string): Projection.RowRef => ({
  table: INSTANCES,
  key: [schemaId, instanceId]
})

/** Governance cadence as a projection: its tables are `schemas`, `instances`, `reunions`. */
export const projection: Projection.Projection = Projection.make(assembler({
  name: "cadence_gouvernance",
  version: 1,
  description:
    "Bodies with their cadence and status, meetings held with their dates; held vs expected per body and year",
  tables,
  regles: {
    ElaborationLancee: {
      evolve: (e) => [ligneSchema(e, { periode_debut: e.periode.debut, periode_fin: e.periode.fin })]
    },
    PeriodeProrogee: {
      evolve: (e, { read }) => {
        const s = read("schemas", [e.schemaId])
        return s === undefined ? [] : [put("schemas", { ...s, periode_fin: e.nouvelleFin })]
      }
    },
    InstanceCreee: {
      reads: (e) => [refInstance(e.schemaId, e.instance.instanceId)],
      evolve: (e, { read, departement }) => {
        const i = e.instance
        const avant = read(INSTANCES, [e.schemaId, i.instanceId])
        return [put(INSTANCES, {
          schema_id: e.schemaId,
          departement,
          instance_id: i.instanceId,
          nature: i.nature,
          nom: i.nom,
          ...cadenceCellules(i.cadence),
          statut: i.statut ?? null,
          ...cellulesDate("installee_le", undefined),
          duree: i.duree ?? null,
          themes: i.themes,
          membres: avant === undefined ? null : avant["membres"] ?? null,
          effectif: avant === undefined ? null : avant["effectif"] ?? null
        })]
      }
    },
    InstanceInstallee: {
      reads: (e) => [refInstance(e.schemaId, e.instanceId)],
      evolve: (e, { read }) => {
        const i = read(INSTANCES, [e.schemaId, e.instanceId])
        return i === undefined
          ? []
          : [put(INSTANCES, { ...i, statut: "installee", ...cellulesDate("installee_le", e.le) })]
      }
    },
    CadenceInstanceModifiee: {
      reads: (e) => [refInstance(e.schemaId, e.instanceId)],
      evolve: (e, { read }) => {
        const i = read(INSTANCES, [e.schemaId, e.instanceId])
        return i === undefined ? [] : [put(INSTANCES, { ...i, ...cadenceCellules(e.cadence) })]
      }
    },
    CompositionInstanceDefinie: {
      reads: (e) => [refInstance(e.schemaId, e.instanceId)],
      evolve: (e, { read }) => {
        const i = read(INSTANCES, [e.schemaId, e.instanceId])
        return i === undefined
          ? []
          : [put(INSTANCES, { ...i, membres: e.membres.length, effectif: e.effectif ?? null })]
      }
    },
    ReunionTenue: {
      evolve: (e, { departement, meta }) => [put(REUNIONS, {
        schema_id: e.schemaId,
        departement,
        reunion_id: e.reunionId,
        instance_id: e.instanceId,
        ...cellulesDate("le", e.le, { bornes: true }),
        annee: Temps.anneeDeDatation(e.le) ?? null,
        ordre_du_jour: e.ordreDuJour,
        decisions: e.decisions,
        participants: e.participants ?? null,
        position: meta.position
      })]
    }
  }
}))

// ---------------------------------------------------------------------------------------------------------------
// Views

/** A body's meetings in a year beside what its cadence expects. */
export interface TenuesEtAttendues {
  /** Meetings whose documented date lies within the year. */
  readonly tenues: number
  /** Meetings whose documented date cannot place them in or out of the year (a range over two years, not documented). */
  readonly incertaines: number
  /** The body's convocation as text (`3/an`, `sur besoin`, `non documentée`): never a made-up zero. */
  readonly attendues: string
  readonly attenduesMin: number | null
  readonly attenduesMax: number | null
}

/** Whether a meeting (its row) lies within the year, cannot be placed, or lies outside it. */
const situer = (r: Projection.Row, annee: number): "dans" | "incertaine" | "hors" => {
  if (r["annee"] !== null) return r["annee"] === annee ? "dans" : "hors"
  const min = texteOuNull(r, "le_min")
  const max = texteOuNull(r, "le_max")
  // As `Temps.avant` decides it on the bounds: outside only when it ends before the year starts or starts after it ends.
  if (min === null || max === null) return "incertaine"
  return max < `${annee}-01-01` || `${annee}-12-31` < min ? "hors" : "incertaine"
}

/**
 * A body's meetings held in a year beside what its governance expects (the rules of the decider's former
 * `reunionsTenuesEtAttendues`): a meeting counts in the year its documented date lies within; one whose date cannot
 * place it (a range over two years, or not documented) counts as uncertain. An unknown body expects `non documentée`.
 */
export const tenuesEtAttendues = (
  tables: Projection.Tables,
  schemaId: string,
  instanceId: string,
  annee: number
): TenuesEtAttendues => {
  const du = lignesDe(tables, REUNIONS).filter((r) => r["schema_id"] === schemaId && r["instance_id"] === instanceId)
  const i = tables.get(INSTANCES)?.get(Projection.keyText([schemaId, instanceId]))
  return {
    tenues: du.filter((r) => situer(r, annee) === "dans").length,
    incertaines: du.filter((r) => situer(r, annee) === "incertaine").length,
    attendues: i === undefined ? "non documentée (unknown body)" : texte(i, "cadence"),
    attenduesMin: i === undefined ? null : (i["cadence_min"] as number | null),
    attenduesMax: i === undefined ? null : (i["cadence_max"] as number | null)
  }
}

const parTri = (a: Projection.Row, b: Projection.Row): number =>
  compareTexte(texteOuNull(a, "le_tri"), texteOuNull(b, "le_tri")) ||
  (a["position"] as number) - (b["position"] as number)

/**
 * Held vs expected: one row per schéma, body and year (the years of the schéma's period, and any other year a
 * meeting of the body falls in), with the dates as printed of the meetings held and of the uncertain ones.
 * `ecart` is held minus the minimum expected; null when the body has no cadence (sur besoin, non documentée).
 */
export const parInstanceEtAnnee = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const schemas = new Map(lignesDe(tables, "schemas").map((s) => [texte(s, "schema_id"), s]))
  const reunions = lignesDe(tables, REUNIONS)
  const instances = lignesDe(tables, INSTANCES)
    .filter((i) => schemaId === undefined || i["schema_id"] === schemaId)
    .sort((a, b) =>
      compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) ||
      compareTexte(texte(a, "instance_id"), texte(b, "instance_id"))
    )
  const lignes: Array<Projection.Row> = []
  for (const i of instances) {
    const s = texte(i, "schema_id")
    const id = texte(i, "instance_id")
    const siennes = reunions.filter((r) => r["schema_id"] === s && r["instance_id"] === id).sort(parTri)
    const periode = schemas.get(s)
    const annees = new Set<number>()
    if (periode !== undefined) {
      for (let y = periode["periode_debut"] as number; y <= (periode["periode_fin"] as number); y++) annees.add(y)
    }
    for (const r of siennes) if (r["annee"] !== null) annees.add(r["annee"] as number)
    for (const annee of [...annees].sort((a, b) => a - b)) {
      const t = tenuesEtAttendues(tables, s, id, annee)
      lignes.push({
        schema_id: s,
        departement: texte(i, "departement"),
        instance_id: id,
        instance: texte(i, "nom"),
        nature: texte(i, "nature"),
        statut: texteOuNull(i, "statut"),
        annee,
        tenues: t.tenues,
        incertaines: t.incertaines,
        attendues: t.attendues,
        attendues_min: t.attenduesMin,
        attendues_max: t.attenduesMax,
        ecart: t.attenduesMin === null ? null : t.tenues - t.attenduesMin,
        dates: siennes.filter((r) => situer(r, annee) === "dans").map((r) => texte(r, "le")),
        dates_incertaines: siennes.filter((r) => situer(r, annee) === "incertaine").map((r) => texte(r, "le"))
      })
    }
  }
  return extrait(
    "reunions_par_instance_et_annee",
    "Réunions tenues et attendues",
    "one row per schéma, body and year",
    [
      colonne("schema_id", "Schéma", "text", "The schéma's id"),
      colonne("departement", "Département", "text", "Département code"),
      colonne("instance_id", "Instance (id)", "text", "The body's id"),
      colonne("instance", "Instance", "text", "The body's name"),
      colonne("nature", "Nature", "text", "cdsf, copil, comite-thematique..."),
      colonne("statut", "Statut", "text", "proposee, installee, or unknown"),
      colonne("annee", "Année", "integer", "The year", "entier"),
      colonne("tenues", "Tenues", "integer", "Meetings held that year", "entier"),
      colonne(
        "incertaines",
        "Incertaines",
        "integer",
        "Meetings whose date cannot place them in or out of the year",
        "entier"
      ),
      colonne("attendues", "Attendues", "text", "The body's cadence as text"),
      colonne(
        "attendues_min",
        "Minimum attendu",
        "integer",
        "Meetings a year at least; empty when no cadence",
        "entier"
      ),
      colonne("attendues_max", "Maximum attendu", "integer", "Meetings a year at most, when said", "entier"),
      colonne("ecart", "Écart", "integer", "Held minus the minimum expected; empty when no cadence", "entier"),
      colonne("dates", "Dates", "text[]", "Dates as printed of the meetings held that year"),
      colonne("dates_incertaines", "Dates incertaines", "text[]", "Dates as printed of the uncertain meetings")
    ],
    lignes
  )
}

/** Every meeting, by schéma and date (as printed, sorted without making up a day), with its body's name. */
export const reunions = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const noms = new Map(
    lignesDe(tables, INSTANCES).map((i) => [`${texte(i, "schema_id")}/${texte(i, "instance_id")}`, texte(i, "nom")])
  )
  const lignes = lignesDe(tables, REUNIONS)
    .filter((r) => schemaId === undefined || r["schema_id"] === schemaId)
    .sort((a, b) => compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) || parTri(a, b))
    .map((r): Projection.Row => ({
      schema_id: texte(r, "schema_id"),
      departement: texte(r, "departement"),
      instance: noms.get(`${texte(r, "schema_id")}/${texte(r, "instance_id")}`) ?? texte(r, "instance_id"),
      le: texte(r, "le"),
      le_tri: texteOuNull(r, "le_tri"),
      ordre_du_jour: liste(r, "ordre_du_jour"),
      decisions: liste(r, "decisions")
    }))
  return extrait("reunions", "Réunions", "one row per meeting held", [
    colonne("schema_id", "Schéma", "text", "The schéma's id"),
    colonne("departement", "Département", "text", "Département code"),
    colonne("instance", "Instance", "text", "The body that met"),
    colonne("le", "Date", "text", "When it met, as printed"),
    colonne("le_tri", "Tri", "text", "Sort key of the date (never a made-up day)"),
    colonne("ordre_du_jour", "Ordre du jour", "text[]", "Agenda as printed"),
    colonne("decisions", "Décisions", "text[]", "Decisions as printed")
  ], lignes)
}

/** Every view of the projection (held vs expected per body and year, the meetings), for one schéma or all: a report's tables, a workbook's sheets. */
export const extraits = (tables: Projection.Tables, schemaId?: string): ReadonlyArray<Extrait> => [
  parInstanceEtAnnee(tables, schemaId),
  reunions(tables, schemaId)
]
