/**
 * The bilan: what the evaluation found, action by action (*constats*) and as a whole, its recommendations
 * (*préconisations*), the steps of the bilan évaluatif, the yearly reviews (*bilans annuels*) with their
 * réalisations, calls for projects (received, selected) and labellings of places.
 */
import { Projection, Temps } from "@sdsf/domain"
import type { Plan } from "@sdsf/domain"
import type { Extrait } from "./Extrait.ts"
import {
  type Contexte,
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

const NOEUDS = "noeuds"
const CONSTATS = "constats"
const PRECONISATIONS = "preconisations"
const ETAPES = "etapes"
const BILANS_ANNUELS = "bilans_annuels"
const APPELS = "appels"
const LABELLISATIONS = "labellisations"

const cleEvenement = [
  col("position", "integer", "The event's position in the log"),
  col("rang", "integer", "Rank within the event, from 0")
]

const tables: ReadonlyArray<Projection.Table> = [
  tableSchemas(),
  {
    name: NOEUDS,
    grain: "one row per node of a schéma's plan (the code and title findings are shown with)",
    key: ["schema_id", "noeud_id"],
    columns: [
      ...colonnesSchema,
      col("noeud_id", "text", "The node's id"),
      col("nature", "text", "axe, objectif, fiche, action..."),
      col("code", "text", "Code as printed", true),
      col("titre", "text", "Title as printed (last redrafting)")
    ]
  },
  {
    name: CONSTATS,
    grain:
      "one row per finding: of the evaluation report (by action or on the whole), or of the predecessor's evaluation",
    key: ["schema_id", "position", "rang"],
    columns: [
      ...colonnesSchema,
      ...cleEvenement,
      col(
        "source",
        "text",
        "rapport-evaluation (RapportEvaluationRemis) or evaluation-precedent (EvaluationPrecedentConduite)"
      ),
      col("noeud_id", "text", "The action it is about; null for a finding on the whole schéma", true),
      col("constat", "text", "The finding as written"),
      ...colonnesDate("date", "When the report or evaluation was delivered")
    ]
  },
  {
    name: PRECONISATIONS,
    grain: "one row per recommendation of an evaluation report",
    key: ["schema_id", "position", "rang"],
    columns: [
      ...colonnesSchema,
      ...cleEvenement,
      col("texte", "text", "The recommendation as written"),
      ...colonnesDate("date", "When the report was delivered")
    ]
  },
  {
    name: ETAPES,
    grain: "one row per step of the bilan évaluatif (launch, collection, survey, interviews, seminar, report)",
    key: ["schema_id", "position"],
    columns: [
      ...colonnesSchema,
      col("position", "integer", "The event's position in the log"),
      col(
        "etape",
        "text",
        "bilan-lance, indicateurs-recueillis, enquete-gestionnaires, entretiens-cibles, seminaire-evaluation, rapport-evaluation"
      ),
      ...colonnesDate("date", "When"),
      col("etapes_prevues", "text[]", "The steps planned at the launch, as written"),
      col(
        "nombre",
        "integer",
        "Indicators collected, respondents, interviews, participants, or findings: see `unite`",
        true
      ),
      col("unite", "text", "What `nombre` counts", true),
      col("lieu", "text", "Where, when printed", true)
    ]
  },
  {
    name: BILANS_ANNUELS,
    grain: "one row per schéma and year reviewed (`BilanAnnuelPresente`)",
    key: ["schema_id", "annee"],
    columns: [
      ...colonnesSchema,
      col("annee", "integer", "The year reviewed"),
      col("instance_id", "text", "The body it was presented to"),
      col("le", "text", "The day it was presented (ISO)"),
      col("realisations", "text[]", "Réalisations as written")
    ]
  },
  {
    name: APPELS,
    grain: "one row per call for projects",
    key: ["schema_id", "appel_id"],
    columns: [
      ...colonnesSchema,
      col("appel_id", "text", "The call's id"),
      col("intitule", "text", "Its title"),
      ...colonnesDate("lance_le", "When it opened"),
      col("themes", "text[]", "Its themes"),
      col("noeuds", "text[]", "Plan nodes it serves (ids)"),
      col("clos_le", "text", "The day it closed (ISO)", true),
      col("recues", "integer", "Proposals received", true),
      col("retenues", "integer", "Proposals selected", true)
    ]
  },
  {
    name: LABELLISATIONS,
    grain: "one row per labelling of places by a committee",
    key: ["schema_id", "labellisation_id"],
    columns: [
      ...colonnesSchema,
      col("labellisation_id", "text", "The labelling's id"),
      col("instance_id", "text", "The committee"),
      col("label", "text", "The label (AVIP, AVIS...)"),
      col("le", "text", "The day (ISO)"),
      col("places", "integer", "Places labelled"),
      col("structures", "integer", "Structures labelled, when printed", true)
    ]
  }
]

type Ligne = Projection.Row

const ligneNoeud = (schemaId: string, departement: string, n: Plan.Noeud): Ligne => ({
  schema_id: schemaId,
  departement,
  noeud_id: n.noeudId,
  nature: n.nature,
  code: n.code ?? null,
  titre: n.titre
})

const modifier = (r: Ligne, m: Plan.ModificationNoeud): Ligne => ({
  ...r,
  ...(m.code === undefined ? {} : { code: m.code }),
  ...(m.titre === undefined ? {} : { titre: m.titre })
})

const etape = (
  e: { readonly schemaId: string },
  ctx: Contexte,
  quoi: string,
  date: Temps.Datation,
  o: {
    readonly prevues?: ReadonlyArray<string>
    readonly nombre?: number | undefined
    readonly unite?: string
    readonly lieu?: string | undefined
  } = {}
): Projection.Change =>
  put(ETAPES, {
    schema_id: e.schemaId,
    departement: ctx.departement,
    position: ctx.meta.position,
    etape: quoi,
    ...cellulesDate("date", date),
    etapes_prevues: o.prevues ?? [],
    nombre: o.nombre ?? null,
    unite: o.nombre === undefined ? null : o.unite ?? null,
    lieu: o.lieu ?? null
  })

const constats = (
  schemaId: string,
  ctx: Contexte,
  source: string,
  date: Temps.Datation,
  items: ReadonlyArray<{ readonly noeudId?: string; readonly constat: string }>
): ReadonlyArray<Projection.Change> =>
  items.map((c, rang) =>
    put(CONSTATS, {
      schema_id: schemaId,
      departement: ctx.departement,
      position: ctx.meta.position,
      rang,
      source,
      noeud_id: c.noeudId ?? null,
      constat: c.constat,
      ...cellulesDate("date", date)
    })
  )

/** The bilan as a projection: its tables are `schemas`, `noeuds`, `constats`, `preconisations`, `etapes`, `bilans_annuels`, `appels`, `labellisations`. */
export const projection: Projection.Projection = Projection.make(assembler({
  name: "bilan",
  version: 1,
  description: "Findings by action and recommendations, bilan steps, yearly reviews, calls for projects, labellings",
  tables,
  regles: {
    ElaborationLancee: { evolve: (e) => [ligneSchema(e)] },
    NoeudPlanAjoute: { evolve: (e, { departement }) => [put(NOEUDS, ligneNoeud(e.schemaId, departement, e.noeud))] },
    NoeudPlanModifie: {
      reads: (e) => [{ table: NOEUDS, key: [e.schemaId, e.noeudId] }],
      evolve: (e, { read }) => {
        const r = read(NOEUDS, [e.schemaId, e.noeudId])
        return r === undefined ? [] : [put(NOEUDS, modifier(r, e.modification))]
      }
    },
    PlanActionRevise: {
      reads: (e) => e.modifications.map((m) => ({ table: NOEUDS, key: [e.schemaId, m.noeudId] })),
      evolve: (e, { read, departement }) => {
        const ecrits = new Map<string, Ligne>(e.ajouts.map((n) => [n.noeudId, ligneNoeud(e.schemaId, departement, n)]))
        for (const m of e.modifications) {
          const r = ecrits.get(m.noeudId) ?? read(NOEUDS, [e.schemaId, m.noeudId])
          if (r !== undefined) ecrits.set(m.noeudId, modifier(r, m.modification))
        }
        return [...ecrits.values()].map((r) => put(NOEUDS, r))
      }
    },
    EvaluationPrecedentConduite: {
      evolve: (e, ctx) =>
        constats(e.schemaId, ctx, "evaluation-precedent", e.le, e.constats.map((constat) => ({ constat })))
    },
    BilanEvaluatifLance: {
      evolve: (e, ctx) => [etape(e, ctx, "bilan-lance", Temps.leJour(e.le), { prevues: e.etapesPrevues })]
    },
    IndicateursQuantitatifsRecueillis: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "indicateurs-recueillis", Temps.leJour(e.le), {
          nombre: e.indicateurs.length,
          unite: "indicateurs"
        })
      ]
    },
    EnqueteGestionnairesMenee: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "enquete-gestionnaires", { _tag: "Intervalle", du: e.du, au: e.au }, {
          nombre: e.repondants,
          unite: "répondants"
        })
      ]
    },
    EntretiensCiblesMenes: {
      evolve: (e, ctx) => [etape(e, ctx, "entretiens-cibles", e.le, { nombre: e.nombre, unite: "entretiens" })]
    },
    SeminaireEvaluationTenu: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "seminaire-evaluation", Temps.leJour(e.le), {
          nombre: e.participants,
          unite: "participants",
          lieu: e.lieu
        })
      ]
    },
    RapportEvaluationRemis: {
      evolve: (e, ctx) => [
        etape(e, ctx, "rapport-evaluation", e.le, { nombre: e.constats.length, unite: "constats" }),
        ...constats(e.schemaId, ctx, "rapport-evaluation", e.le, e.constats),
        ...e.preconisations.map((texte, rang) =>
          put(PRECONISATIONS, {
            schema_id: e.schemaId,
            departement: ctx.departement,
            position: ctx.meta.position,
            rang,
            texte,
            ...cellulesDate("date", e.le)
          })
        )
      ]
    },
    BilanAnnuelPresente: {
      evolve: (e, { departement }) => [put(BILANS_ANNUELS, {
        schema_id: e.schemaId,
        departement,
        annee: e.annee,
        instance_id: e.instanceId,
        le: e.le,
        realisations: e.realisations
      })]
    },
    AppelAProjetsLance: {
      reads: (e) => [{ table: APPELS, key: [e.schemaId, e.appelId] }],
      evolve: (e, { read, departement }) => {
        const avant = read(APPELS, [e.schemaId, e.appelId])
        return [put(APPELS, {
          schema_id: e.schemaId,
          departement,
          appel_id: e.appelId,
          intitule: e.intitule,
          ...cellulesDate("lance_le", e.le),
          themes: e.themes,
          noeuds: e.noeuds,
          clos_le: avant === undefined ? null : avant["clos_le"] ?? null,
          recues: avant === undefined ? null : avant["recues"] ?? null,
          retenues: avant === undefined ? null : avant["retenues"] ?? null
        })]
      }
    },
    AppelAProjetsClos: {
      reads: (e) => [{ table: APPELS, key: [e.schemaId, e.appelId] }],
      evolve: (e, { read }) => {
        const a = read(APPELS, [e.schemaId, e.appelId])
        return a === undefined ? [] : [put(APPELS, { ...a, clos_le: e.le, recues: e.recues, retenues: e.retenues })]
      }
    },
    PlacesLabellisees: {
      evolve: (e, { departement }) => [put(LABELLISATIONS, {
        schema_id: e.schemaId,
        departement,
        labellisation_id: e.labellisationId,
        instance_id: e.instanceId,
        label: e.label,
        le: e.le,
        places: e.places,
        structures: e.structures ?? null
      })]
    }
  }
}))

// ---------------------------------------------------------------------------------------------------------------
// Views

const du = (tables: Projection.Tables, table: string, schemaId?: string): Array<Ligne> =>
  lignesDe(tables, table).filter((r) => schemaId === undefined || r["schema_id"] === schemaId)

const parPosition = (a: Ligne, b: Ligne): number =>
  compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) ||
  (a["position"] as number) - (b["position"] as number) ||
  ((a["rang"] as number | undefined) ?? 0) - ((b["rang"] as number | undefined) ?? 0)

const colonnesTete = [
  colonne("schema_id", "Schéma", "text", "The schéma's id"),
  colonne("departement", "Département", "text", "Département code")
]

/**
 * The evaluation by action: one row per finding, in the order delivered, with the action's code and title (null for a
 * finding on the whole schéma); findings of the predecessor's evaluation are marked `evaluation-precedent`.
 */
export const evaluationParAction = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const noeuds = new Map(lignesDe(tables, NOEUDS).map((r) => [`${texte(r, "schema_id")}/${texte(r, "noeud_id")}`, r]))
  const lignes = du(tables, CONSTATS, schemaId).sort(parPosition).map((r): Ligne => {
    const id = texteOuNull(r, "noeud_id")
    const n = id === null ? undefined : noeuds.get(`${texte(r, "schema_id")}/${id}`)
    return {
      schema_id: texte(r, "schema_id"),
      departement: texte(r, "departement"),
      source: texte(r, "source"),
      noeud_id: id,
      code: n === undefined ? null : texteOuNull(n, "code"),
      action: n === undefined ? id : texte(n, "titre"),
      constat: texte(r, "constat"),
      date: texte(r, "date")
    }
  })
  return extrait("evaluation_par_action", "Évaluation par action", "one row per finding", [
    ...colonnesTete,
    colonne("source", "Source", "text", "rapport-evaluation or evaluation-precedent"),
    colonne("noeud_id", "Nœud", "text", "The action's id; empty for a finding on the whole schéma"),
    colonne("code", "Code", "text", "The action's code"),
    colonne("action", "Action", "text", "The action's title"),
    colonne("constat", "Constat", "text", "The finding as written"),
    colonne("date", "Date", "text", "When it was delivered, as printed")
  ], lignes)
}

/** The recommendations, in the order delivered. */
export const preconisations = (tables: Projection.Tables, schemaId?: string): Extrait =>
  extrait(
    "preconisations",
    "Préconisations",
    "one row per recommendation",
    [
      ...colonnesTete,
      colonne("rang", "N°", "integer", "Its number in the report, from 1", "entier"),
      colonne("texte", "Préconisation", "text", "As written"),
      colonne("date", "Date", "text", "When the report was delivered, as printed")
    ],
    du(tables, PRECONISATIONS, schemaId).sort(parPosition).map((r) => ({
      schema_id: texte(r, "schema_id"),
      departement: texte(r, "departement"),
      rang: (r["rang"] as number) + 1,
      texte: texte(r, "texte"),
      date: texte(r, "date")
    }))
  )

/** The bilan évaluatif's steps, in the order recorded. */
export const etapesBilan = (tables: Projection.Tables, schemaId?: string): Extrait =>
  extrait(
    "etapes_bilan",
    "Étapes du bilan évaluatif",
    "one row per step of the bilan",
    [
      ...colonnesTete,
      colonne("etape", "Étape", "text", "The kind of step"),
      colonne("date", "Date", "text", "As printed"),
      colonne("nombre", "Nombre", "integer", "What the step counted (see unite)", "entier"),
      colonne("unite", "Unité", "text", "indicateurs, répondants, entretiens, participants, constats"),
      colonne("etapes_prevues", "Étapes prévues", "text[]", "Planned at the launch, as written")
    ],
    du(tables, ETAPES, schemaId).sort(parPosition).map((r) => ({
      schema_id: texte(r, "schema_id"),
      departement: texte(r, "departement"),
      etape: texte(r, "etape"),
      date: texte(r, "date"),
      nombre: r["nombre"] ?? null,
      unite: texteOuNull(r, "unite"),
      etapes_prevues: liste(r, "etapes_prevues")
    }))
  )

/** The yearly reviews: one row per schéma and year, with the réalisations as written. */
export const bilansAnnuels = (tables: Projection.Tables, schemaId?: string): Extrait =>
  extrait(
    "bilans_annuels",
    "Bilans annuels",
    "one row per schéma and year reviewed",
    [
      ...colonnesTete,
      colonne("annee", "Année", "integer", "The year reviewed", "entier"),
      colonne("le", "Présenté le", "text", "Day it was presented", "jour"),
      colonne("realisations", "Réalisations", "text[]", "As written"),
      colonne("nombre", "Nombre", "integer", "Réalisations listed", "entier")
    ],
    du(tables, BILANS_ANNUELS, schemaId)
      .sort((a, b) =>
        compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) || (a["annee"] as number) - (b["annee"] as number)
      )
      .map((r) => ({
        schema_id: texte(r, "schema_id"),
        departement: texte(r, "departement"),
        annee: r["annee"] as number,
        le: texte(r, "le"),
        realisations: liste(r, "realisations"),
        nombre: liste(r, "realisations").length
      }))
  )

/** Calls for projects: opened (as printed), closed, proposals received and selected. */
export const appelsAProjets = (tables: Projection.Tables, schemaId?: string): Extrait =>
  extrait(
    "appels_a_projets",
    "Appels à projets",
    "one row per call for projects",
    [
      ...colonnesTete,
      colonne("intitule", "Intitulé", "text", "Its title"),
      colonne("lance_le", "Lancé", "text", "When it opened, as printed"),
      colonne("clos_le", "Clos le", "text", "The day it closed", "jour"),
      colonne("recues", "Reçues", "integer", "Proposals received", "entier"),
      colonne("retenues", "Retenues", "integer", "Proposals selected", "entier")
    ],
    du(tables, APPELS, schemaId)
      .sort((a, b) =>
        compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) ||
        compareTexte(texteOuNull(a, "lance_le_tri"), texteOuNull(b, "lance_le_tri")) ||
        compareTexte(texte(a, "appel_id"), texte(b, "appel_id"))
      )
      .map((r) => ({
        schema_id: texte(r, "schema_id"),
        departement: texte(r, "departement"),
        intitule: texte(r, "intitule"),
        lance_le: texte(r, "lance_le"),
        clos_le: texteOuNull(r, "clos_le"),
        recues: r["recues"] ?? null,
        retenues: r["retenues"] ?? null
      }))
  )

/** Labellings of places, by day. */
export const labellisations = (tables: Projection.Tables, schemaId?: string): Extrait =>
  extrait(
    "labellisations",
    "Labellisations",
    "one row per labelling of places",
    [
      ...colonnesTete,
      colonne("label", "Label", "text", "AVIP, AVIS..."),
      colonne("le", "Le", "text", "The day", "jour"),
      colonne("places", "Places", "integer", "Places labelled", "entier"),
      colonne("structures", "Structures", "integer", "Structures labelled, when printed", "entier")
    ],
    du(tables, LABELLISATIONS, schemaId)
      .sort((a, b) =>
        compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) || compareTexte(texte(a, "le"), texte(b, "le")) ||
        compareTexte(texte(a, "labellisation_id"), texte(b, "labellisation_id"))
      )
      .map((r) => ({
        schema_id: texte(r, "schema_id"),
        departement: texte(r, "departement"),
        label: texte(r, "label"),
        le: texte(r, "le"),
        places: r["places"] as number,
        structures: r["structures"] ?? null
      }))
  )

/** Every view of the projection (findings by action, recommendations, bilan steps, yearly reviews, calls for projects, labellings), for one schéma or all: a report's tables, a workbook's sheets. */
export const extraits = (tables: Projection.Tables, schemaId?: string): ReadonlyArray<Extrait> => [
  evaluationParAction(tables, schemaId),
  preconisations(tables, schemaId),
  etapesBilan(tables, schemaId),
  bilansAnnuels(tables, schemaId),
  appelsAProjets(tables, schemaId),
  labellisations(tables, schemaId)
]
