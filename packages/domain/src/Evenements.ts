/**
 * The event catalog: everything that happens to a schéma, from élaboration to renouvellement (domain.md
 * "Lifecycle"). One `Schema.TaggedClass` per event; the `_tag` is the stored type name and never changes; a new
 * shape of an old event gets a new version and an upcaster (`Catalogue.ts`), never an edit of history.
 *
 * Every event carries the schéma's id and `survenuLe`, the instant the command that caused it was decided; business
 * dates (`le`, a meeting's day) are calendar days. People appear only as `SujetRef` (see `Personne.ts`).
 */
import { Schema } from "effect"
import { Convocation, Instance, InstanceId, Membre, Role } from "./Gouvernance.ts"
import { CodeIndicateur, DefinitionIndicateur, ValeurIndicateur } from "./Indicateur.ts"
import { Institution, InstitutionId } from "./Institution.ts"
import { Periode } from "./Periode.ts"
import { SujetRef } from "./Personne.ts"
import { EtatAvancement, ModificationNoeud, Noeud, NoeudId } from "./Plan.ts"
import { CodeDepartement } from "./Territoire.ts"
import { Annee, Datation, Instant, Jour, OuNonDocumente } from "./Temps.ts"
import { Theme } from "./Theme.ts"

/** A schéma's id (uuid v5 of its département and first period: `IdGenerator.deriveId("schema", dept, "2022-2026")`). */
export const SchemaId = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("SchemaId"))
export type SchemaId = typeof SchemaId.Type

/** Fields every event (and command) carries. */
export const champsCommuns = { schemaId: SchemaId, survenuLe: Instant } as const

const Entier = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Textes = Schema.Array(Schema.String)

/** Whether a schéma falls under décret n°2021-1644 (CDSF composition rules) or predates it. */
export const Regime = Schema.Literals(["decret-2021-1644", "anterieur"])
export type Regime = typeof Regime.Type

/**
 * What a predecessor was: an earlier SDSF, or another departmental schéma the new one merges (e.g. a schéma
 * d'animation de la vie sociale folded into the SDSF).
 */
export const NaturePredecesseur = Schema.Literals([
  "sdsf",
  "schema-animation-vie-sociale",
  "schema-petite-enfance",
  "schema-parentalite",
  "autre"
])
export type NaturePredecesseur = typeof NaturePredecesseur.Type

/** A predecessor schéma, as its successor knows it: id, département, period, kind, title as printed. */
export const Predecesseur = Schema.Struct({
  schemaId: SchemaId,
  departement: CodeDepartement,
  periode: Periode,
  nature: NaturePredecesseur,
  intitule: Schema.optionalKey(Schema.NonEmptyString)
})
export type Predecesseur = typeof Predecesseur.Type

/**
 * One person signing for an institution, as printed: a name (a subject reference) and a function when printed, and
 * for whom they sign when it is "par délégation" (for the head of the institution: `{ fonction: "Le Préfet" }`).
 */
export const Signataire = Schema.Struct({
  sujet: Schema.optionalKey(SujetRef),
  /** The function as printed; absent when the document prints none. */
  fonction: Schema.optionalKey(Schema.NonEmptyString),
  /** Signing "par délégation" for someone else: their function (and reference), as printed. */
  parDelegationDe: Schema.optionalKey(
    Schema.Struct({ fonction: Schema.NonEmptyString, sujet: Schema.optionalKey(SujetRef) })
  )
})
export type Signataire = typeof Signataire.Type

/** How a body voted. */
export const Vote = Schema.Struct({
  mode: Schema.Literals(["unanimite", "majorite", "consensus"]),
  pour: Schema.optionalKey(Entier),
  contre: Schema.optionalKey(Entier),
  abstentions: Schema.optionalKey(Entier)
})
export type Vote = typeof Vote.Type

/** A yearly priority: its label, its theme, the plan nodes it concerns. */
export const Priorite = Schema.Struct({
  libelle: Schema.NonEmptyString,
  theme: Schema.optionalKey(Theme),
  noeuds: Schema.Array(NoeudId)
})
export type Priorite = typeof Priorite.Type

/** A finding of the evaluation report, on an action or on the whole schéma. */
export const Constat = Schema.Struct({ noeudId: Schema.optionalKey(NoeudId), constat: Schema.NonEmptyString })
export type Constat = typeof Constat.Type

// ---------------------------------------------------------------------------------------------------------------
// 1. Élaboration

/**
 * Élaboration starts: the schéma's département, period and title; its predecessors (none, an earlier SDSF, or
 * several schémas it merges). v2: `predecesseurs` (was one optional `predecesseur`), `le` a `Datation`.
 */
export class ElaborationLancee extends Schema.TaggedClass<ElaborationLancee>()("ElaborationLancee", {
  ...champsCommuns,
  departement: CodeDepartement,
  periode: Periode,
  intitule: Schema.NonEmptyString,
  regime: Regime,
  predecesseurs: Schema.Array(Predecesseur),
  le: Datation
}) {}

/** A partner institution joins the schéma's records. */
export class InstitutionEnregistree extends Schema.TaggedClass<InstitutionEnregistree>()("InstitutionEnregistree", {
  ...champsCommuns,
  institution: Institution
}) {}

/** The previous schéma was evaluated, as the first step of élaboration. */
export class EvaluationPrecedentConduite
  extends Schema.TaggedClass<EvaluationPrecedentConduite>()("EvaluationPrecedentConduite", {
    ...champsCommuns,
    /** v2: a `Datation`, possibly `NonDocumente` (Paris, seed 004, prints a bilan but not its day). */
    le: Datation,
    constats: Textes
  })
{}

/** The territorial diagnostic was produced (its figures are recorded as indicator values). */
export class DiagnosticRealise extends Schema.TaggedClass<DiagnosticRealise>()("DiagnosticRealise", {
  ...champsCommuns,
  /** v2: a `Datation`, possibly `NonDocumente` (Paris, seed 004, prints a diagnostic but not its day). */
  le: Datation,
  synthese: Schema.String,
  indicateurs: Schema.Array(CodeIndicateur)
}) {}

/** A consultation took place: a partnership session, thematic workshops, a seminar, a survey. */
export class ConcertationTenue extends Schema.TaggedClass<ConcertationTenue>()("ConcertationTenue", {
  ...champsCommuns,
  concertationId: Schema.String.check(Schema.isUUID()),
  forme: Schema.Literals(["seance", "atelier", "seminaire", "enquete", "groupe-de-travail"]),
  intitule: Schema.NonEmptyString,
  /** v2: a `Datation` (v1's `le`/`au` became a day or an `Intervalle`). */
  le: Datation,
  themes: Schema.Array(Theme),
  participants: Schema.optionalKey(Entier)
}) {}

/**
 * An indicator is defined for this schéma (label, unit, additivity, breakdown dimensions, levels, formula). Version 2
 * added `additivite` and `dimensions`.
 */
export class IndicateurDefini extends Schema.TaggedClass<IndicateurDefini>()("IndicateurDefini", {
  ...champsCommuns,
  definition: DefinitionIndicateur
}) {}

/** A body of the governance is created. */
export class InstanceCreee extends Schema.TaggedClass<InstanceCreee>()("InstanceCreee", {
  ...champsCommuns,
  instance: Instance
}) {}

/** A body the document proposed is installed: its `statut` becomes `installee` (issue 9, case 7). */
export class InstanceInstallee extends Schema.TaggedClass<InstanceInstallee>()("InstanceInstallee", {
  ...champsCommuns,
  instanceId: InstanceId,
  le: Datation
}) {}

/** A body's cadence changes (e.g. the COPIL moves from 3 to 2 meetings a year). */
export class CadenceInstanceModifiee extends Schema.TaggedClass<CadenceInstanceModifiee>()("CadenceInstanceModifiee", {
  ...champsCommuns,
  instanceId: InstanceId,
  /** v2: a `Convocation` (a `Cadence`, `SurBesoin` or `NonDocumente`). */
  cadence: Convocation
}) {}

/** A body's composition is set: its members by role; `effectif` when the text gives a total ("37 membres"). */
export class CompositionInstanceDefinie
  extends Schema.TaggedClass<CompositionInstanceDefinie>()("CompositionInstanceDefinie", {
    ...champsCommuns,
    instanceId: InstanceId,
    membres: Schema.Array(Membre),
    effectif: Schema.optionalKey(Entier)
  })
{}

/** A person is named contact or référent (the person is a reference; their name lives in the personal-data store). */
export class ContactDesigne extends Schema.TaggedClass<ContactDesigne>()("ContactDesigne", {
  ...champsCommuns,
  sujet: SujetRef,
  institutionId: InstitutionId,
  role: Role,
  instanceId: Schema.optionalKey(InstanceId)
}) {}

/** A node is added to the plan (axe, objectif, fiche, action, piste...). */
export class NoeudPlanAjoute extends Schema.TaggedClass<NoeudPlanAjoute>()("NoeudPlanAjoute", {
  ...champsCommuns,
  noeud: Noeud
}) {}

/** A node of the plan is redrafted. */
export class NoeudPlanModifie extends Schema.TaggedClass<NoeudPlanModifie>()("NoeudPlanModifie", {
  ...champsCommuns,
  noeudId: NoeudId,
  modification: ModificationNoeud
}) {}

/** A node (and what sits under it) leaves the plan. */
export class NoeudPlanRetire extends Schema.TaggedClass<NoeudPlanRetire>()("NoeudPlanRetire", {
  ...champsCommuns,
  noeudId: NoeudId,
  motif: Schema.String
}) {}

/** The draft is presented to the CDSF. */
export class ProjetPresente extends Schema.TaggedClass<ProjetPresente>()("ProjetPresente", {
  ...champsCommuns,
  instanceId: InstanceId,
  le: Jour
}) {}

// ---------------------------------------------------------------------------------------------------------------
// 2. Validation

/** The CDSF adopts the schéma (or its orientations, as Hauts-de-Seine on 21 April 2022, unanimously: seed 001). */
export class SchemaAdopte extends Schema.TaggedClass<SchemaAdopte>()("SchemaAdopte", {
  ...champsCommuns,
  instanceId: InstanceId,
  objet: Schema.Literals(["schema", "orientations"]),
  /** v2: a `Datation`, possibly `NonDocumente` (signatures printed, no adoption documented). */
  le: Datation,
  /** v2: or `NonDocumente`. */
  vote: OuNonDocumente(Vote)
}) {}

/**
 * An institution signs, as printed: its signers (several names for one institution, a signer "par délégation", a
 * signer with no printed function), place, date. v2: `signataires` (was `signataire?` and `fonction`), `le` a
 * `Datation`.
 */
export class SchemaSigne extends Schema.TaggedClass<SchemaSigne>()("SchemaSigne", {
  ...champsCommuns,
  institutionId: InstitutionId,
  signataires: Schema.Array(Signataire),
  lieu: Schema.optionalKey(Schema.String),
  le: Datation
}) {}

// ---------------------------------------------------------------------------------------------------------------
// 3. Mise en œuvre

/** Implementation starts. */
export class MiseEnOeuvreDemarree extends Schema.TaggedClass<MiseEnOeuvreDemarree>()("MiseEnOeuvreDemarree", {
  ...champsCommuns,
  le: Datation
}) {}

/** Yearly priorities are set (by the CDSF for Hauts-de-Seine 2025: seed 000). */
export class PrioritesAnnuellesArretees
  extends Schema.TaggedClass<PrioritesAnnuellesArretees>()("PrioritesAnnuellesArretees", {
    ...champsCommuns,
    annee: Annee,
    instanceId: InstanceId,
    le: Datation,
    priorites: Schema.Array(Priorite)
  })
{}

/** A thematic roadmap (*feuille de route*) for a year is set. */
export class FeuilleDeRouteArretee extends Schema.TaggedClass<FeuilleDeRouteArretee>()("FeuilleDeRouteArretee", {
  ...champsCommuns,
  annee: Annee,
  theme: Schema.optionalKey(Theme),
  instanceId: Schema.optionalKey(InstanceId),
  le: Datation,
  elements: Textes,
  noeuds: Schema.Array(NoeudId)
}) {}

/** A body met: day, agenda, decisions. */
export class ReunionTenue extends Schema.TaggedClass<ReunionTenue>()("ReunionTenue", {
  ...champsCommuns,
  reunionId: Schema.String.check(Schema.isUUID()),
  instanceId: InstanceId,
  le: Datation,
  ordreDuJour: Textes,
  decisions: Textes,
  participants: Schema.optionalKey(Entier)
}) {}

/** An action's progress is reported (*état d'avancement*). */
export class AvancementActionSignale extends Schema.TaggedClass<AvancementActionSignale>()("AvancementActionSignale", {
  ...champsCommuns,
  noeudId: NoeudId,
  le: Datation,
  etat: EtatAvancement,
  commentaire: Schema.optionalKey(Schema.String)
}) {}

/**
 * An indicator value is recorded, as printed. `valeur.retraitement` names the value it deliberately restates (same
 * key, recorded earlier) and why; the earlier one stays in the history. Version 2: the measure (`mesure`) replaced
 * the bare number, breakdowns, and the restatement moved from the event's `retraite` into the value.
 */
export class ValeurIndicateurEnregistree
  extends Schema.TaggedClass<ValeurIndicateurEnregistree>()("ValeurIndicateurEnregistree", {
    ...champsCommuns,
    valeur: ValeurIndicateur
  })
{}

/** A call for projects opens. */
export class AppelAProjetsLance extends Schema.TaggedClass<AppelAProjetsLance>()("AppelAProjetsLance", {
  ...champsCommuns,
  appelId: Schema.String.check(Schema.isUUID()),
  intitule: Schema.NonEmptyString,
  le: Datation,
  themes: Schema.Array(Theme),
  noeuds: Schema.Array(NoeudId),
  partenaires: Schema.Array(InstitutionId)
}) {}

/** A call for projects closes: proposals received and selected (35 received, 12 selected: seed 000). */
export class AppelAProjetsClos extends Schema.TaggedClass<AppelAProjetsClos>()("AppelAProjetsClos", {
  ...champsCommuns,
  appelId: Schema.String.check(Schema.isUUID()),
  le: Jour,
  recues: Entier,
  retenues: Entier
}) {}

/** A labelling committee labels places (AVIP/AVIS places: seed 000, first committee on 1 December 2025). */
export class PlacesLabellisees extends Schema.TaggedClass<PlacesLabellisees>()("PlacesLabellisees", {
  ...champsCommuns,
  labellisationId: Schema.String.check(Schema.isUUID()),
  instanceId: InstanceId,
  label: Schema.NonEmptyString,
  le: Jour,
  places: Entier,
  structures: Schema.optionalKey(Entier)
}) {}

/** The yearly review (*bilan annuel*) is presented. */
export class BilanAnnuelPresente extends Schema.TaggedClass<BilanAnnuelPresente>()("BilanAnnuelPresente", {
  ...champsCommuns,
  annee: Annee,
  instanceId: InstanceId,
  le: Jour,
  realisations: Textes
}) {}

/** A node's change within a revision. */
export const ModificationRevision = Schema.Struct({ noeudId: NoeudId, modification: ModificationNoeud })
/** A node's withdrawal within a revision. */
export const RetraitRevision = Schema.Struct({ noeudId: NoeudId, motif: Schema.String })

/** The yearly revision of the action plan, decided by the CDSF at one of its meetings: actions added, changed, withdrawn. */
export class PlanActionRevise extends Schema.TaggedClass<PlanActionRevise>()("PlanActionRevise", {
  ...champsCommuns,
  annee: Annee,
  instanceId: InstanceId,
  reunionId: Schema.String.check(Schema.isUUID()),
  le: Jour,
  ajouts: Schema.Array(Noeud),
  modifications: Schema.Array(ModificationRevision),
  retraits: Schema.Array(RetraitRevision)
}) {}

/** A newsletter (*journal de projet*, *lettre d'information*) is published. */
export class LettreInformationPubliee
  extends Schema.TaggedClass<LettreInformationPubliee>()("LettreInformationPubliee", {
    ...champsCommuns,
    numero: Schema.optionalKey(Entier),
    titre: Schema.NonEmptyString,
    le: Jour
  })
{}

/** The period is extended by an *avenant*. */
export class PeriodeProrogee extends Schema.TaggedClass<PeriodeProrogee>()("PeriodeProrogee", {
  ...champsCommuns,
  nouvelleFin: Annee,
  instanceId: InstanceId,
  le: Jour,
  motif: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------------------------
// 4. Bilan évaluatif

/** The CDSF launches the bilan évaluatif (Hauts-de-Seine: CDSF of 12 December 2025, for 2026: seed 000). */
export class BilanEvaluatifLance extends Schema.TaggedClass<BilanEvaluatifLance>()("BilanEvaluatifLance", {
  ...champsCommuns,
  instanceId: InstanceId,
  le: Jour,
  etapesPrevues: Textes
}) {}

/** Quantitative indicators are collected from the thematic référents and partners. */
export class IndicateursQuantitatifsRecueillis
  extends Schema.TaggedClass<IndicateursQuantitatifsRecueillis>()("IndicateursQuantitatifsRecueillis", {
    ...champsCommuns,
    le: Jour,
    indicateurs: Schema.Array(CodeIndicateur)
  })
{}

/** A survey of service managers ran. */
export class EnqueteGestionnairesMenee
  extends Schema.TaggedClass<EnqueteGestionnairesMenee>()("EnqueteGestionnairesMenee", {
    ...champsCommuns,
    du: Jour,
    au: Jour,
    publics: Schema.Array(Theme),
    repondants: Schema.optionalKey(Entier)
  })
{}

/** Targeted interviews of signataires and partners took place. */
export class EntretiensCiblesMenes extends Schema.TaggedClass<EntretiensCiblesMenes>()("EntretiensCiblesMenes", {
  ...champsCommuns,
  le: Datation,
  institutions: Schema.Array(InstitutionId),
  nombre: Schema.optionalKey(Entier)
}) {}

/** The partnership evaluation seminar took place. */
export class SeminaireEvaluationTenu extends Schema.TaggedClass<SeminaireEvaluationTenu>()("SeminaireEvaluationTenu", {
  ...champsCommuns,
  le: Jour,
  lieu: Schema.optionalKey(Schema.String),
  participants: Schema.optionalKey(Entier)
}) {}

/** The evaluation report is delivered: findings per action and recommendations (*préconisations*). */
export class RapportEvaluationRemis extends Schema.TaggedClass<RapportEvaluationRemis>()("RapportEvaluationRemis", {
  ...champsCommuns,
  le: Datation,
  constats: Schema.Array(Constat),
  preconisations: Textes
}) {}

// ---------------------------------------------------------------------------------------------------------------
// 5. Renouvellement

/** The successor schéma's drafting starts; it is named by id and period. */
export class RenouvellementLance extends Schema.TaggedClass<RenouvellementLance>()("RenouvellementLance", {
  ...champsCommuns,
  le: Jour,
  successeurId: SchemaId,
  periodeSuccesseur: Periode
}) {}

/** The successor's ambitions and objectives are set. */
export class AmbitionsSuccesseurDefinies
  extends Schema.TaggedClass<AmbitionsSuccesseurDefinies>()("AmbitionsSuccesseurDefinies", {
    ...champsCommuns,
    le: Jour,
    ambitions: Textes,
    objectifs: Textes
  })
{}

/** The successor is adopted; the actions it carries over are named. This schéma is then closed. */
export class SuccesseurAdopte extends Schema.TaggedClass<SuccesseurAdopte>()("SuccesseurAdopte", {
  ...champsCommuns,
  instanceId: InstanceId,
  le: Datation,
  successeurId: SchemaId,
  periodeSuccesseur: Periode,
  actionsReprises: Schema.Array(NoeudId)
}) {}

/** Every event of a schéma. */
export const Evenement = Schema.Union([
  ElaborationLancee,
  InstitutionEnregistree,
  EvaluationPrecedentConduite,
  DiagnosticRealise,
  ConcertationTenue,
  IndicateurDefini,
  InstanceCreee,
  InstanceInstallee,
  CadenceInstanceModifiee,
  CompositionInstanceDefinie,
  ContactDesigne,
  NoeudPlanAjoute,
  NoeudPlanModifie,
  NoeudPlanRetire,
  ProjetPresente,
  SchemaAdopte,
  SchemaSigne,
  MiseEnOeuvreDemarree,
  PrioritesAnnuellesArretees,
  FeuilleDeRouteArretee,
  ReunionTenue,
  AvancementActionSignale,
  ValeurIndicateurEnregistree,
  AppelAProjetsLance,
  AppelAProjetsClos,
  PlacesLabellisees,
  BilanAnnuelPresente,
  PlanActionRevise,
  LettreInformationPubliee,
  PeriodeProrogee,
  BilanEvaluatifLance,
  IndicateursQuantitatifsRecueillis,
  EnqueteGestionnairesMenee,
  EntretiensCiblesMenes,
  SeminaireEvaluationTenu,
  RapportEvaluationRemis,
  RenouvellementLance,
  AmbitionsSuccesseurDefinies,
  SuccesseurAdopte
]).pipe(Schema.toTaggedUnion("_tag"))
export type Evenement = typeof Evenement.Type
export type TypeEvenement = Evenement["_tag"]
