/**
 * The lifecycle timeline (*chronologie*): every dated step of a schéma's life (domain.md "Lifecycle"), from the launch
 * of its élaboration to its successor, each with its date as the document gives it (a day, a month, a year, a range,
 * or not documented) and a sort key that never makes up a day.
 */
import { Periode, Projection, Temps } from "@sdsf/domain"
import type { Evenements } from "@sdsf/domain"
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
  put,
  refSchema,
  tableSchemas,
  texte,
  texteOuNull
} from "./internal/commun.ts"

const ETAPES = "etapes"

/** The steps of the timeline, in lifecycle order, with their phase. */
export const etapes = {
  "elaboration-lancee": "elaboration",
  "evaluation-precedent": "elaboration",
  diagnostic: "elaboration",
  concertation: "elaboration",
  "projet-presente": "elaboration",
  adoption: "validation",
  signature: "validation",
  "mise-en-oeuvre": "mise-en-oeuvre",
  "bilan-annuel": "mise-en-oeuvre",
  revision: "mise-en-oeuvre",
  prorogation: "mise-en-oeuvre",
  "bilan-lance": "bilan",
  "indicateurs-recueillis": "bilan",
  "enquete-gestionnaires": "bilan",
  "entretiens-cibles": "bilan",
  "seminaire-evaluation": "bilan",
  "rapport-evaluation": "bilan",
  "renouvellement-lance": "renouvellement",
  "successeur-lance": "renouvellement",
  "ambitions-successeur": "renouvellement",
  "successeur-adopte": "renouvellement"
} as const
/** A kind of step of the timeline. */
export type Etape = keyof typeof etapes

const tables: ReadonlyArray<Projection.Table> = [
  tableSchemas(),
  {
    name: "institutions",
    grain: "one row per institution recorded in a schéma (names for signatures)",
    key: ["schema_id", "institution_id"],
    columns: [...colonnesSchema, col("institution_id", "text", "The institution's id"), col("nom", "text", "Its name")]
  },
  {
    name: "instances",
    grain: "one row per body of a schéma (names for the steps a body takes)",
    key: ["schema_id", "instance_id"],
    columns: [...colonnesSchema, col("instance_id", "text", "The body's id"), col("nom", "text", "Its name")]
  },
  {
    name: ETAPES,
    grain: "one row per dated step of a schéma's life (one per signature)",
    key: ["schema_id", "position"],
    columns: [
      ...colonnesSchema,
      col("position", "integer", "The event's position in the log"),
      col("phase", "text", "elaboration, validation, mise-en-oeuvre, bilan or renouvellement"),
      col("etape", "text", "elaboration-lancee, diagnostic, concertation, adoption, signature, revision, ..."),
      col("libelle", "text", "What happened, in words"),
      col("detail", "text", "A vote, a period, counts, a reason, as recorded", true),
      ...colonnesDate("date", "When", { bornes: true }),
      col("institution_id", "text", "The institution (a signature)", true),
      col("instance_id", "text", "The body that took the step", true),
      col("event_id", "text", "The event's id")
    ]
  }
]

const etape = (
  e: Evenements.Evenement,
  ctx: Contexte,
  quoi: Etape,
  libelle: string,
  date: Temps.Datation,
  extra: { readonly detail?: string; readonly institution?: string; readonly instance?: string } = {}
): Projection.Change =>
  put(ETAPES, {
    schema_id: e.schemaId,
    departement: ctx.departement,
    position: ctx.meta.position,
    phase: etapes[quoi],
    etape: quoi,
    libelle,
    detail: extra.detail ?? null,
    ...cellulesDate("date", date, { bornes: true }),
    institution_id: extra.institution ?? null,
    instance_id: extra.instance ?? null,
    event_id: ctx.meta.eventId
  })

const jour = Temps.leJour
const pluriel = (n: number, mot: string) => `${n} ${mot}${n > 1 ? "s" : ""}`

const vote = (v: Evenements.SchemaAdopte["vote"]): string => {
  if ("_tag" in v) return `vote ${Temps.texteOuNonDocumente(v)}`
  const mode = v.mode === "unanimite" ? "à l'unanimité" : v.mode === "majorite" ? "à la majorité" : "par consensus"
  const voix = [
    v.pour === undefined ? "" : `${v.pour} pour`,
    v.contre === undefined ? "" : `${v.contre} contre`,
    v.abstentions === undefined ? "" : `${v.abstentions} abstentions`
  ]
    .filter((x) => x !== "")
  return voix.length === 0 ? mode : `${mode} (${voix.join(", ")})`
}

/** The lifecycle timeline as a projection: its tables are `schemas`, `institutions`, `instances`, `etapes`. */
export const projection: Projection.Projection = Projection.make(assembler({
  name: "chronologie",
  version: 1,
  description: "Every dated step of a schéma's life, dates as printed with a sort key that never makes up a day",
  tables,
  regles: {
    ElaborationLancee: {
      reads: (e) => e.predecesseurs.map((p) => refSchema(p.schemaId)),
      evolve: (e, ctx) => [
        ligneSchema(e),
        etape(e, ctx, "elaboration-lancee", `Lancement de l'élaboration : ${e.intitule}`, e.le, {
          detail: `${Periode.formatPeriode(e.periode)}${
            e.predecesseurs.length === 0
              ? ""
              : `; succède à ${e.predecesseurs.map((p) => p.intitule ?? Periode.formatPeriode(p.periode)).join(", ")}`
          }`
        }),
        // The successor's launch is a step of each predecessor the store knows.
        ...e.predecesseurs.flatMap((p) => {
          const d = ctx.read("schemas", [p.schemaId])
          return d === undefined ? [] : [put(ETAPES, {
            schema_id: p.schemaId,
            departement: texte(d, "departement"),
            position: ctx.meta.position,
            phase: etapes["successeur-lance"],
            etape: "successeur-lance",
            libelle: `Lancement du schéma successeur : ${e.intitule}`,
            detail: `${Periode.formatPeriode(e.periode)}; ${e.schemaId}`,
            ...cellulesDate("date", e.le, { bornes: true }),
            institution_id: null,
            instance_id: null,
            event_id: ctx.meta.eventId
          })]
        })
      ]
    },
    InstitutionEnregistree: {
      evolve: (e, { departement }) => [put("institutions", {
        schema_id: e.schemaId,
        departement,
        institution_id: e.institution.institutionId,
        nom: e.institution.nom
      })]
    },
    InstanceCreee: {
      evolve: (e, { departement }) => [put("instances", {
        schema_id: e.schemaId,
        departement,
        instance_id: e.instance.instanceId,
        nom: e.instance.nom
      })]
    },
    EvaluationPrecedentConduite: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "evaluation-precedent", "Évaluation du schéma précédent", e.le, {
          detail: pluriel(e.constats.length, "constat")
        })
      ]
    },
    DiagnosticRealise: {
      evolve: (e, ctx) => [etape(e, ctx, "diagnostic", "Diagnostic territorial", e.le, { detail: e.synthese })]
    },
    ConcertationTenue: {
      evolve: (e, ctx) => [etape(e, ctx, "concertation", e.intitule, e.le, {
        detail: e.participants === undefined ? e.forme : `${e.forme}; ${pluriel(e.participants, "participant")}`
      })]
    },
    ProjetPresente: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "projet-presente", "Présentation du projet de schéma", jour(e.le), { instance: e.instanceId })
      ]
    },
    SchemaAdopte: {
      evolve: (
        e,
        ctx
      ) => [etape(e, ctx, "adoption", e.objet === "schema" ? "Adoption du schéma" : "Adoption des orientations", e.le, {
        detail: vote(e.vote),
        instance: e.instanceId
      })]
    },
    SchemaSigne: {
      evolve: (e, ctx) => [etape(e, ctx, "signature", "Signature", e.le, {
        detail: [pluriel(e.signataires.length, "signataire"), ...(e.lieu === undefined ? [] : [e.lieu])].join("; "),
        institution: e.institutionId
      })]
    },
    MiseEnOeuvreDemarree: {
      evolve: (e, ctx) => [etape(e, ctx, "mise-en-oeuvre", "Début de la mise en œuvre", e.le)]
    },
    BilanAnnuelPresente: {
      evolve: (e, ctx) => [etape(e, ctx, "bilan-annuel", `Bilan annuel ${e.annee}`, jour(e.le), {
        detail: pluriel(e.realisations.length, "réalisation"),
        instance: e.instanceId
      })]
    },
    PlanActionRevise: {
      evolve: (e, ctx) => [etape(e, ctx, "revision", `Révision du plan d'action pour ${e.annee}`, jour(e.le), {
        detail: [
          pluriel(e.ajouts.length, "ajout"),
          pluriel(e.modifications.length, "modification"),
          pluriel(e.retraits.length, "retrait")
        ].join(", "),
        instance: e.instanceId
      })]
    },
    PeriodeProrogee: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "prorogation", `Prorogation jusqu'en ${e.nouvelleFin}`, jour(e.le), {
          detail: e.motif,
          instance: e.instanceId
        })
      ]
    },
    BilanEvaluatifLance: {
      evolve: (e, ctx) => [etape(e, ctx, "bilan-lance", "Lancement du bilan évaluatif", jour(e.le), {
        detail: pluriel(e.etapesPrevues.length, "étape prévue"),
        instance: e.instanceId
      })]
    },
    IndicateursQuantitatifsRecueillis: {
      evolve: (e, ctx) => [etape(e, ctx, "indicateurs-recueillis", "Recueil des indicateurs quantitatifs", jour(e.le), {
        detail: pluriel(e.indicateurs.length, "indicateur")
      })]
    },
    EnqueteGestionnairesMenee: {
      evolve: (
        e,
        ctx
      ) => [
        etape(e, ctx, "enquete-gestionnaires", "Enquête auprès des gestionnaires", {
          _tag: "Intervalle",
          du: e.du,
          au: e.au
        }, {
          ...(e.repondants === undefined ? {} : { detail: pluriel(e.repondants, "répondant") })
        })
      ]
    },
    EntretiensCiblesMenes: {
      evolve: (e, ctx) => [etape(e, ctx, "entretiens-cibles", "Entretiens ciblés", e.le, {
        detail: `${pluriel(e.institutions.length, "institution")}${
          e.nombre === undefined ? "" : `; ${pluriel(e.nombre, "entretien")}`
        }`
      })]
    },
    SeminaireEvaluationTenu: {
      evolve: (e, ctx) => [etape(e, ctx, "seminaire-evaluation", "Séminaire d'évaluation", jour(e.le), {
        ...(e.participants === undefined && e.lieu === undefined ? {} : {
          detail: [e.lieu, e.participants === undefined ? undefined : pluriel(e.participants, "participant")].filter((
            x
          ) => x !== undefined).join("; ")
        })
      })]
    },
    RapportEvaluationRemis: {
      evolve: (e, ctx) => [etape(e, ctx, "rapport-evaluation", "Remise du rapport d'évaluation", e.le, {
        detail: `${pluriel(e.constats.length, "constat")}, ${pluriel(e.preconisations.length, "préconisation")}`
      })]
    },
    RenouvellementLance: {
      evolve: (e, ctx) => [etape(e, ctx, "renouvellement-lance", "Lancement du renouvellement", jour(e.le), {
        detail: `successeur ${Periode.formatPeriode(e.periodeSuccesseur)}; ${e.successeurId}`
      })]
    },
    AmbitionsSuccesseurDefinies: {
      evolve: (e, ctx) => [etape(e, ctx, "ambitions-successeur", "Ambitions du schéma successeur", jour(e.le), {
        detail: `${pluriel(e.ambitions.length, "ambition")}, ${pluriel(e.objectifs.length, "objectif")}`
      })]
    },
    SuccesseurAdopte: {
      evolve: (
        e,
        ctx
      ) => [
        etape(
          e,
          ctx,
          "successeur-adopte",
          `Adoption du schéma successeur ${Periode.formatPeriode(e.periodeSuccesseur)}`,
          e.le,
          {
            detail: `${pluriel(e.actionsReprises.length, "action reprise")}; ${e.successeurId}`,
            instance: e.instanceId
          }
        )
      ]
    }
  }
}))

// ---------------------------------------------------------------------------------------------------------------
// View

/**
 * The timeline of each schéma, in date order without making up a day: a step sorts by its date's key (a month before
 * every day of it, a year before every month); a step whose date is not documented keeps its place in the log, after
 * the dated step recorded before it. Signatures show their institution's name, steps of a body the body's.
 */
export const chronologie = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const noms = (table: string, cle: string) =>
    new Map(lignesDe(tables, table).map((r) => [`${texte(r, "schema_id")}/${texte(r, cle)}`, texte(r, "nom")]))
  const institutions = noms("institutions", "institution_id")
  const instances = noms("instances", "instance_id")
  const parSchema = new Map<string, Array<Projection.Row>>()
  for (const r of lignesDe(tables, ETAPES)) {
    if (schemaId !== undefined && r["schema_id"] !== schemaId) continue
    const l = parSchema.get(texte(r, "schema_id"))
    if (l === undefined) parSchema.set(texte(r, "schema_id"), [r])
    else l.push(r)
  }
  const lignes: Array<Projection.Row> = []
  for (const s of [...parSchema.keys()].sort(compareTexte)) {
    let porte = ""
    const cles = (parSchema.get(s) ?? [])
      .sort((a, b) => (a["position"] as number) - (b["position"] as number))
      .map((r) => {
        porte = texteOuNull(r, "date_tri") ?? porte
        return { r, cle: porte }
      })
      .sort((a, b) => compareTexte(a.cle, b.cle) || (a.r["position"] as number) - (b.r["position"] as number))
    cles.forEach(({ r }, i) => {
      const institution = texteOuNull(r, "institution_id")
      const instance = texteOuNull(r, "instance_id")
      const qui = institution !== null
        ? institutions.get(`${s}/${institution}`) ?? institution
        : instance !== null
        ? instances.get(`${s}/${instance}`) ?? instance
        : null
      lignes.push({
        schema_id: s,
        departement: texte(r, "departement"),
        ordre: i + 1,
        phase: texte(r, "phase"),
        etape: texte(r, "etape"),
        libelle: institution !== null ? `${texte(r, "libelle")} : ${qui}` : texte(r, "libelle"),
        instance: institution === null ? qui : null,
        detail: texteOuNull(r, "detail"),
        date: texte(r, "date"),
        date_precision: texte(r, "date_precision"),
        date_tri: texteOuNull(r, "date_tri")
      })
    })
  }
  return extrait("chronologie", "Chronologie", "one row per dated step of a schéma's life, in date order", [
    colonne("schema_id", "Schéma", "text", "The schéma's id"),
    colonne("departement", "Département", "text", "Département code"),
    colonne("ordre", "Ordre", "integer", "Rank in the schéma's timeline", "entier"),
    colonne("phase", "Phase", "text", "elaboration, validation, mise-en-oeuvre, bilan, renouvellement"),
    colonne("etape", "Étape", "text", "The kind of step"),
    colonne("libelle", "Libellé", "text", "What happened (a signature names its institution)"),
    colonne("instance", "Instance", "text", "The body that took the step"),
    colonne("detail", "Détail", "text", "Vote, period, counts, reason"),
    colonne("date", "Date", "text", "As printed: a day, a month, a year, a range, or non documentée"),
    colonne("date_precision", "Précision", "text", "jour, mois, annee, intervalle, non-documentee"),
    colonne("date_tri", "Clé de tri", "text", "2025-12-12, 2025-09, 2025, du/au; empty when not documented")
  ], lignes)
}

/** Every view of the projection (the timeline), for one schéma or all: a report's tables, a workbook's sheets. */
export const extraits = (tables: Projection.Tables, schemaId?: string): ReadonlyArray<Extrait> => [
  chronologie(tables, schemaId)
]
