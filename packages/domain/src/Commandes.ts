/**
 * Commands: what a caller asks of a schéma. Each carries its time (`survenuLe`) and ids, so `decide` stays pure;
 * each answers with exactly one event of the same fields (`evenementDe` names it), or a typed domain error.
 */
import { Schema } from "effect"
import * as E from "./Evenements.ts"

const champs = <F extends { readonly _tag: unknown }>(fields: F): Omit<F, "_tag"> => {
  const { _tag, ...rest } = fields
  return rest
}

/** Starts the élaboration of a schéma. → `ElaborationLancee` */
export class LancerElaboration extends Schema.TaggedClass<LancerElaboration>()("LancerElaboration", champs(E.ElaborationLancee.fields)) {}

/** Records a partner institution. → `InstitutionEnregistree` */
export class EnregistrerInstitution extends Schema.TaggedClass<EnregistrerInstitution>()("EnregistrerInstitution", champs(E.InstitutionEnregistree.fields)) {}

/** Records the evaluation of the previous schéma. → `EvaluationPrecedentConduite` */
export class ConduireEvaluationPrecedent extends Schema.TaggedClass<ConduireEvaluationPrecedent>()("ConduireEvaluationPrecedent", champs(E.EvaluationPrecedentConduite.fields)) {}

/** Records the territorial diagnostic. → `DiagnosticRealise` */
export class RealiserDiagnostic extends Schema.TaggedClass<RealiserDiagnostic>()("RealiserDiagnostic", champs(E.DiagnosticRealise.fields)) {}

/** Records a consultation (session, workshop, seminar, survey). → `ConcertationTenue` */
export class TenirConcertation extends Schema.TaggedClass<TenirConcertation>()("TenirConcertation", champs(E.ConcertationTenue.fields)) {}

/** Defines an indicator. → `IndicateurDefini` */
export class DefinirIndicateur extends Schema.TaggedClass<DefinirIndicateur>()("DefinirIndicateur", champs(E.IndicateurDefini.fields)) {}

/** Creates a body of the governance. → `InstanceCreee` */
export class CreerInstance extends Schema.TaggedClass<CreerInstance>()("CreerInstance", champs(E.InstanceCreee.fields)) {}

/** Changes a body's meeting cadence. → `CadenceInstanceModifiee` */
export class ModifierCadenceInstance extends Schema.TaggedClass<ModifierCadenceInstance>()("ModifierCadenceInstance", champs(E.CadenceInstanceModifiee.fields)) {}

/** Sets a body's composition. → `CompositionInstanceDefinie` */
export class DefinirCompositionInstance extends Schema.TaggedClass<DefinirCompositionInstance>()("DefinirCompositionInstance", champs(E.CompositionInstanceDefinie.fields)) {}

/** Names a contact or référent (by subject reference). → `ContactDesigne` */
export class DesignerContact extends Schema.TaggedClass<DesignerContact>()("DesignerContact", champs(E.ContactDesigne.fields)) {}

/** Adds a node to the plan while drafting. → `NoeudPlanAjoute` */
export class AjouterNoeudPlan extends Schema.TaggedClass<AjouterNoeudPlan>()("AjouterNoeudPlan", champs(E.NoeudPlanAjoute.fields)) {}

/** Redrafts a node of the plan. → `NoeudPlanModifie` */
export class ModifierNoeudPlan extends Schema.TaggedClass<ModifierNoeudPlan>()("ModifierNoeudPlan", champs(E.NoeudPlanModifie.fields)) {}

/** Withdraws a node while drafting. → `NoeudPlanRetire` */
export class RetirerNoeudPlan extends Schema.TaggedClass<RetirerNoeudPlan>()("RetirerNoeudPlan", champs(E.NoeudPlanRetire.fields)) {}

/** Presents the draft to the CDSF. → `ProjetPresente` */
export class PresenterProjet extends Schema.TaggedClass<PresenterProjet>()("PresenterProjet", champs(E.ProjetPresente.fields)) {}

/** Records the CDSF's adoption. → `SchemaAdopte` */
export class AdopterSchema extends Schema.TaggedClass<AdopterSchema>()("AdopterSchema", champs(E.SchemaAdopte.fields)) {}

/** Records a signataire's signature. → `SchemaSigne` */
export class SignerSchema extends Schema.TaggedClass<SignerSchema>()("SignerSchema", champs(E.SchemaSigne.fields)) {}

/** Starts implementation. → `MiseEnOeuvreDemarree` */
export class DemarrerMiseEnOeuvre extends Schema.TaggedClass<DemarrerMiseEnOeuvre>()("DemarrerMiseEnOeuvre", champs(E.MiseEnOeuvreDemarree.fields)) {}

/** Sets the yearly priorities. → `PrioritesAnnuellesArretees` */
export class ArreterPrioritesAnnuelles extends Schema.TaggedClass<ArreterPrioritesAnnuelles>()("ArreterPrioritesAnnuelles", champs(E.PrioritesAnnuellesArretees.fields)) {}

/** Sets a yearly thematic roadmap. → `FeuilleDeRouteArretee` */
export class ArreterFeuilleDeRoute extends Schema.TaggedClass<ArreterFeuilleDeRoute>()("ArreterFeuilleDeRoute", champs(E.FeuilleDeRouteArretee.fields)) {}

/** Records a meeting of a body. → `ReunionTenue` */
export class TenirReunion extends Schema.TaggedClass<TenirReunion>()("TenirReunion", champs(E.ReunionTenue.fields)) {}

/** Reports an action's progress. → `AvancementActionSignale` */
export class SignalerAvancementAction extends Schema.TaggedClass<SignalerAvancementAction>()("SignalerAvancementAction", champs(E.AvancementActionSignale.fields)) {}

/**
 * Records an indicator value as printed. It restates an earlier value only when `valeur.retraitement` names it, with
 * its `motif`; otherwise both are kept, and differing figures of one key and source are flagged.
 * → `ValeurIndicateurEnregistree`
 */
export class EnregistrerValeurIndicateur extends Schema.TaggedClass<EnregistrerValeurIndicateur>()("EnregistrerValeurIndicateur", { ...E.champsCommuns, valeur: E.ValeurIndicateurEnregistree.fields.valeur }) {}

/** Opens a call for projects. → `AppelAProjetsLance` */
export class LancerAppelAProjets extends Schema.TaggedClass<LancerAppelAProjets>()("LancerAppelAProjets", champs(E.AppelAProjetsLance.fields)) {}

/** Closes a call for projects with its counts. → `AppelAProjetsClos` */
export class CloreAppelAProjets extends Schema.TaggedClass<CloreAppelAProjets>()("CloreAppelAProjets", champs(E.AppelAProjetsClos.fields)) {}

/** Records a labelling of places. → `PlacesLabellisees` */
export class LabelliserPlaces extends Schema.TaggedClass<LabelliserPlaces>()("LabelliserPlaces", champs(E.PlacesLabellisees.fields)) {}

/** Presents the yearly review. → `BilanAnnuelPresente` */
export class PresenterBilanAnnuel extends Schema.TaggedClass<PresenterBilanAnnuel>()("PresenterBilanAnnuel", champs(E.BilanAnnuelPresente.fields)) {}

/** Revises the action plan (once a year, on a CDSF decision). → `PlanActionRevise` */
export class ReviserPlanAction extends Schema.TaggedClass<ReviserPlanAction>()("ReviserPlanAction", champs(E.PlanActionRevise.fields)) {}

/** Publishes a newsletter. → `LettreInformationPubliee` */
export class PublierLettreInformation extends Schema.TaggedClass<PublierLettreInformation>()("PublierLettreInformation", champs(E.LettreInformationPubliee.fields)) {}

/** Extends the period (avenant). → `PeriodeProrogee` */
export class ProrogerPeriode extends Schema.TaggedClass<ProrogerPeriode>()("ProrogerPeriode", champs(E.PeriodeProrogee.fields)) {}

/** Launches the bilan évaluatif. → `BilanEvaluatifLance` */
export class LancerBilanEvaluatif extends Schema.TaggedClass<LancerBilanEvaluatif>()("LancerBilanEvaluatif", champs(E.BilanEvaluatifLance.fields)) {}

/** Records the collection of quantitative indicators. → `IndicateursQuantitatifsRecueillis` */
export class RecueillirIndicateursQuantitatifs extends Schema.TaggedClass<RecueillirIndicateursQuantitatifs>()("RecueillirIndicateursQuantitatifs", champs(E.IndicateursQuantitatifsRecueillis.fields)) {}

/** Records the survey of service managers. → `EnqueteGestionnairesMenee` */
export class MenerEnqueteGestionnaires extends Schema.TaggedClass<MenerEnqueteGestionnaires>()("MenerEnqueteGestionnaires", champs(E.EnqueteGestionnairesMenee.fields)) {}

/** Records the targeted interviews. → `EntretiensCiblesMenes` */
export class MenerEntretiensCibles extends Schema.TaggedClass<MenerEntretiensCibles>()("MenerEntretiensCibles", champs(E.EntretiensCiblesMenes.fields)) {}

/** Records the evaluation seminar. → `SeminaireEvaluationTenu` */
export class TenirSeminaireEvaluation extends Schema.TaggedClass<TenirSeminaireEvaluation>()("TenirSeminaireEvaluation", champs(E.SeminaireEvaluationTenu.fields)) {}

/** Records the evaluation report. → `RapportEvaluationRemis` */
export class RemettreRapportEvaluation extends Schema.TaggedClass<RemettreRapportEvaluation>()("RemettreRapportEvaluation", champs(E.RapportEvaluationRemis.fields)) {}

/** Starts drafting the successor. → `RenouvellementLance` */
export class LancerRenouvellement extends Schema.TaggedClass<LancerRenouvellement>()("LancerRenouvellement", champs(E.RenouvellementLance.fields)) {}

/** Records the successor's ambitions and objectives. → `AmbitionsSuccesseurDefinies` */
export class DefinirAmbitionsSuccesseur extends Schema.TaggedClass<DefinirAmbitionsSuccesseur>()("DefinirAmbitionsSuccesseur", champs(E.AmbitionsSuccesseurDefinies.fields)) {}

/** Records the successor's adoption and closes this schéma. → `SuccesseurAdopte` */
export class AdopterSuccesseur extends Schema.TaggedClass<AdopterSuccesseur>()("AdopterSuccesseur", champs(E.SuccesseurAdopte.fields)) {}

/** Every command. */
export const Commande = Schema.Union([
  LancerElaboration,
  EnregistrerInstitution,
  ConduireEvaluationPrecedent,
  RealiserDiagnostic,
  TenirConcertation,
  DefinirIndicateur,
  CreerInstance,
  ModifierCadenceInstance,
  DefinirCompositionInstance,
  DesignerContact,
  AjouterNoeudPlan,
  ModifierNoeudPlan,
  RetirerNoeudPlan,
  PresenterProjet,
  AdopterSchema,
  SignerSchema,
  DemarrerMiseEnOeuvre,
  ArreterPrioritesAnnuelles,
  ArreterFeuilleDeRoute,
  TenirReunion,
  SignalerAvancementAction,
  EnregistrerValeurIndicateur,
  LancerAppelAProjets,
  CloreAppelAProjets,
  LabelliserPlaces,
  PresenterBilanAnnuel,
  ReviserPlanAction,
  PublierLettreInformation,
  ProrogerPeriode,
  LancerBilanEvaluatif,
  RecueillirIndicateursQuantitatifs,
  MenerEnqueteGestionnaires,
  MenerEntretiensCibles,
  TenirSeminaireEvaluation,
  RemettreRapportEvaluation,
  LancerRenouvellement,
  DefinirAmbitionsSuccesseur,
  AdopterSuccesseur
]).pipe(Schema.toTaggedUnion("_tag"))
export type Commande = typeof Commande.Type
export type TypeCommande = Commande["_tag"]

/** The event each command answers with. */
export const evenementDe = {
  LancerElaboration: "ElaborationLancee",
  EnregistrerInstitution: "InstitutionEnregistree",
  ConduireEvaluationPrecedent: "EvaluationPrecedentConduite",
  RealiserDiagnostic: "DiagnosticRealise",
  TenirConcertation: "ConcertationTenue",
  DefinirIndicateur: "IndicateurDefini",
  CreerInstance: "InstanceCreee",
  ModifierCadenceInstance: "CadenceInstanceModifiee",
  DefinirCompositionInstance: "CompositionInstanceDefinie",
  DesignerContact: "ContactDesigne",
  AjouterNoeudPlan: "NoeudPlanAjoute",
  ModifierNoeudPlan: "NoeudPlanModifie",
  RetirerNoeudPlan: "NoeudPlanRetire",
  PresenterProjet: "ProjetPresente",
  AdopterSchema: "SchemaAdopte",
  SignerSchema: "SchemaSigne",
  DemarrerMiseEnOeuvre: "MiseEnOeuvreDemarree",
  ArreterPrioritesAnnuelles: "PrioritesAnnuellesArretees",
  ArreterFeuilleDeRoute: "FeuilleDeRouteArretee",
  TenirReunion: "ReunionTenue",
  SignalerAvancementAction: "AvancementActionSignale",
  EnregistrerValeurIndicateur: "ValeurIndicateurEnregistree",
  LancerAppelAProjets: "AppelAProjetsLance",
  CloreAppelAProjets: "AppelAProjetsClos",
  LabelliserPlaces: "PlacesLabellisees",
  PresenterBilanAnnuel: "BilanAnnuelPresente",
  ReviserPlanAction: "PlanActionRevise",
  PublierLettreInformation: "LettreInformationPubliee",
  ProrogerPeriode: "PeriodeProrogee",
  LancerBilanEvaluatif: "BilanEvaluatifLance",
  RecueillirIndicateursQuantitatifs: "IndicateursQuantitatifsRecueillis",
  MenerEnqueteGestionnaires: "EnqueteGestionnairesMenee",
  MenerEntretiensCibles: "EntretiensCiblesMenes",
  TenirSeminaireEvaluation: "SeminaireEvaluationTenu",
  RemettreRapportEvaluation: "RapportEvaluationRemis",
  LancerRenouvellement: "RenouvellementLance",
  DefinirAmbitionsSuccesseur: "AmbitionsSuccesseurDefinies",
  AdopterSuccesseur: "SuccesseurAdopte"
} as const satisfies Record<TypeCommande, E.TypeEvenement>
