/**
 * Commands: what a caller asks of a schéma. Each carries its time (`survenuLe`) and ids, so `decide` stays pure;
 * each answers with exactly one event of the same fields (`evenementDe` names it), or a typed domain error.
 */
import { Predicate, Result, Schema } from "effect"
import { InvalidCommand } from "./CommandHandler.ts"
import * as E from "./Evenements.ts"
import { TaggedClass, closest, formatValue, problems } from "./internal/issues.ts"

const champs = <F extends { readonly _tag: unknown }>(fields: F): Omit<F, "_tag"> => {
  const { _tag, ...rest } = fields
  return rest
}

/** Starts the élaboration of a schéma. → `ElaborationLancee` */
export class LancerElaboration
  extends TaggedClass<LancerElaboration>()("LancerElaboration", champs(E.ElaborationLancee.fields))
{}

/** Records a partner institution. → `InstitutionEnregistree` */
export class EnregistrerInstitution
  extends TaggedClass<EnregistrerInstitution>()("EnregistrerInstitution", champs(E.InstitutionEnregistree.fields))
{}

/** Records the evaluation of the previous schéma. → `EvaluationPrecedentConduite` */
export class ConduireEvaluationPrecedent extends TaggedClass<ConduireEvaluationPrecedent>()(
  "ConduireEvaluationPrecedent",
  champs(E.EvaluationPrecedentConduite.fields)
) {}

/** Records the territorial diagnostic. → `DiagnosticRealise` */
export class RealiserDiagnostic
  extends TaggedClass<RealiserDiagnostic>()("RealiserDiagnostic", champs(E.DiagnosticRealise.fields))
{}

/** Records a consultation (session, workshop, seminar, survey). → `ConcertationTenue` */
export class TenirConcertation
  extends TaggedClass<TenirConcertation>()("TenirConcertation", champs(E.ConcertationTenue.fields))
{}

/** Defines an indicator. → `IndicateurDefini` */
export class DefinirIndicateur
  extends TaggedClass<DefinirIndicateur>()("DefinirIndicateur", champs(E.IndicateurDefini.fields))
{}

/** Creates a body of the governance. → `InstanceCreee` */
export class CreerInstance extends TaggedClass<CreerInstance>()("CreerInstance", champs(E.InstanceCreee.fields)) {}

/** Installs a body the document proposed. → `InstanceInstallee` */
export class InstallerInstance
  extends Schema.TaggedClass<InstallerInstance>()("InstallerInstance", champs(E.InstanceInstallee.fields))
{}

/** Changes a body's meeting cadence. → `CadenceInstanceModifiee` */
export class ModifierCadenceInstance
  extends TaggedClass<ModifierCadenceInstance>()("ModifierCadenceInstance", champs(E.CadenceInstanceModifiee.fields))
{}

/** Sets a body's composition. → `CompositionInstanceDefinie` */
export class DefinirCompositionInstance extends TaggedClass<DefinirCompositionInstance>()(
  "DefinirCompositionInstance",
  champs(E.CompositionInstanceDefinie.fields)
) {}

/** Names a contact or référent (by subject reference). → `ContactDesigne` */
export class DesignerContact
  extends TaggedClass<DesignerContact>()("DesignerContact", champs(E.ContactDesigne.fields))
{}

/** Adds a node to the plan while drafting. → `NoeudPlanAjoute` */
export class AjouterNoeudPlan
  extends TaggedClass<AjouterNoeudPlan>()("AjouterNoeudPlan", champs(E.NoeudPlanAjoute.fields))
{}

/** Redrafts a node of the plan. → `NoeudPlanModifie` */
export class ModifierNoeudPlan
  extends TaggedClass<ModifierNoeudPlan>()("ModifierNoeudPlan", champs(E.NoeudPlanModifie.fields))
{}

/** Withdraws a node while drafting. → `NoeudPlanRetire` */
export class RetirerNoeudPlan
  extends TaggedClass<RetirerNoeudPlan>()("RetirerNoeudPlan", champs(E.NoeudPlanRetire.fields))
{}

/** Presents the draft to the CDSF. → `ProjetPresente` */
export class PresenterProjet
  extends TaggedClass<PresenterProjet>()("PresenterProjet", champs(E.ProjetPresente.fields))
{}

/** Records the CDSF's adoption. → `SchemaAdopte` */
export class AdopterSchema extends TaggedClass<AdopterSchema>()("AdopterSchema", champs(E.SchemaAdopte.fields)) {}

/** Records a signataire's signature. → `SchemaSigne` */
export class SignerSchema extends TaggedClass<SignerSchema>()("SignerSchema", champs(E.SchemaSigne.fields)) {}

/** Starts implementation. → `MiseEnOeuvreDemarree` */
export class DemarrerMiseEnOeuvre
  extends TaggedClass<DemarrerMiseEnOeuvre>()("DemarrerMiseEnOeuvre", champs(E.MiseEnOeuvreDemarree.fields))
{}

/** Sets the yearly priorities. → `PrioritesAnnuellesArretees` */
export class ArreterPrioritesAnnuelles extends TaggedClass<ArreterPrioritesAnnuelles>()(
  "ArreterPrioritesAnnuelles",
  champs(E.PrioritesAnnuellesArretees.fields)
) {}

/** Sets a yearly thematic roadmap. → `FeuilleDeRouteArretee` */
export class ArreterFeuilleDeRoute
  extends TaggedClass<ArreterFeuilleDeRoute>()("ArreterFeuilleDeRoute", champs(E.FeuilleDeRouteArretee.fields))
{}

/** Records a meeting of a body. → `ReunionTenue` */
export class TenirReunion extends TaggedClass<TenirReunion>()("TenirReunion", champs(E.ReunionTenue.fields)) {}

/** Reports an action's progress. → `AvancementActionSignale` */
export class SignalerAvancementAction
  extends TaggedClass<SignalerAvancementAction>()("SignalerAvancementAction", champs(E.AvancementActionSignale.fields))
{}

/**
 * Records an indicator value as printed. It restates an earlier value only when `valeur.retraitement` names it, with
 * its `motif`; otherwise both are kept, and differing figures of one key and source are flagged.
 * → `ValeurIndicateurEnregistree`
 */
export class EnregistrerValeurIndicateur
  extends TaggedClass<EnregistrerValeurIndicateur>()("EnregistrerValeurIndicateur", {
    ...E.champsCommuns,
    valeur: E.ValeurIndicateurEnregistree.fields.valeur
  })
{}

/** Opens a call for projects. → `AppelAProjetsLance` */
export class LancerAppelAProjets
  extends TaggedClass<LancerAppelAProjets>()("LancerAppelAProjets", champs(E.AppelAProjetsLance.fields))
{}

/** Closes a call for projects with its counts. → `AppelAProjetsClos` */
export class CloreAppelAProjets
  extends TaggedClass<CloreAppelAProjets>()("CloreAppelAProjets", champs(E.AppelAProjetsClos.fields))
{}

/** Records a labelling of places. → `PlacesLabellisees` */
export class LabelliserPlaces
  extends TaggedClass<LabelliserPlaces>()("LabelliserPlaces", champs(E.PlacesLabellisees.fields))
{}

/** Presents the yearly review. → `BilanAnnuelPresente` */
export class PresenterBilanAnnuel
  extends TaggedClass<PresenterBilanAnnuel>()("PresenterBilanAnnuel", champs(E.BilanAnnuelPresente.fields))
{}

/** Revises the action plan (once a year, on a CDSF decision). → `PlanActionRevise` */
export class ReviserPlanAction
  extends TaggedClass<ReviserPlanAction>()("ReviserPlanAction", champs(E.PlanActionRevise.fields))
{}

/** Publishes a newsletter. → `LettreInformationPubliee` */
export class PublierLettreInformation
  extends TaggedClass<PublierLettreInformation>()("PublierLettreInformation", champs(E.LettreInformationPubliee.fields))
{}

/** Extends the period (avenant). → `PeriodeProrogee` */
export class ProrogerPeriode
  extends TaggedClass<ProrogerPeriode>()("ProrogerPeriode", champs(E.PeriodeProrogee.fields))
{}

/** Launches the bilan évaluatif. → `BilanEvaluatifLance` */
export class LancerBilanEvaluatif
  extends TaggedClass<LancerBilanEvaluatif>()("LancerBilanEvaluatif", champs(E.BilanEvaluatifLance.fields))
{}

/** Records the collection of quantitative indicators. → `IndicateursQuantitatifsRecueillis` */
export class RecueillirIndicateursQuantitatifs extends TaggedClass<RecueillirIndicateursQuantitatifs>()(
  "RecueillirIndicateursQuantitatifs",
  champs(E.IndicateursQuantitatifsRecueillis.fields)
) {}

/** Records the survey of service managers. → `EnqueteGestionnairesMenee` */
export class MenerEnqueteGestionnaires extends TaggedClass<MenerEnqueteGestionnaires>()(
  "MenerEnqueteGestionnaires",
  champs(E.EnqueteGestionnairesMenee.fields)
) {}

/** Records the targeted interviews. → `EntretiensCiblesMenes` */
export class MenerEntretiensCibles
  extends TaggedClass<MenerEntretiensCibles>()("MenerEntretiensCibles", champs(E.EntretiensCiblesMenes.fields))
{}

/** Records the evaluation seminar. → `SeminaireEvaluationTenu` */
export class TenirSeminaireEvaluation
  extends TaggedClass<TenirSeminaireEvaluation>()("TenirSeminaireEvaluation", champs(E.SeminaireEvaluationTenu.fields))
{}

/** Records the evaluation report. → `RapportEvaluationRemis` */
export class RemettreRapportEvaluation
  extends TaggedClass<RemettreRapportEvaluation>()("RemettreRapportEvaluation", champs(E.RapportEvaluationRemis.fields))
{}

/** Starts drafting the successor. → `RenouvellementLance` */
export class LancerRenouvellement
  extends TaggedClass<LancerRenouvellement>()("LancerRenouvellement", champs(E.RenouvellementLance.fields))
{}

/** Records the successor's ambitions and objectives. → `AmbitionsSuccesseurDefinies` */
export class DefinirAmbitionsSuccesseur extends TaggedClass<DefinirAmbitionsSuccesseur>()(
  "DefinirAmbitionsSuccesseur",
  champs(E.AmbitionsSuccesseurDefinies.fields)
) {}

/** Records the successor's adoption and closes this schéma. → `SuccesseurAdopte` */
export class AdopterSuccesseur
  extends TaggedClass<AdopterSuccesseur>()("AdopterSuccesseur", champs(E.SuccesseurAdopte.fields))
{}

/** Every command. */
export const Commande = Schema.Union([
  LancerElaboration,
  EnregistrerInstitution,
  ConduireEvaluationPrecedent,
  RealiserDiagnostic,
  TenirConcertation,
  DefinirIndicateur,
  CreerInstance,
  InstallerInstance,
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
  InstallerInstance: "InstanceInstallee",
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

const decodeurs = new Map<string, (input: unknown) => Result.Result<Commande, Schema.SchemaError>>()

/**
 * Checks an unchecked input (parsed JSON, a form) as a command: the command itself when it is one, else an
 * `InvalidCommand` naming the tag received, the field, the reason and the value (an unknown tag with the closest
 * known ones). The command handler calls it before `decide` (it is the decider's `check`).
 */
export const verifier = (input: unknown): Result.Result<Commande, InvalidCommand> => {
  const tag = Predicate.hasProperty(input, "_tag") ? input._tag : undefined
  if (typeof tag !== "string") {
    const reason = typeof input === "object" && input !== null
      ? "a command names itself in _tag"
      : "a command is an object"
    return Result.fail(new InvalidCommand({ command: "", path: "_tag", reason, value: formatValue(tag ?? input) }))
  }
  if (!Object.hasOwn(evenementDe, tag)) {
    const proches = closest(tag, Object.keys(evenementDe))
    const reason = `unknown command${proches.length === 0 ? "" : `; closest: ${proches.join(", ")}`}`
    return Result.fail(new InvalidCommand({ command: tag, path: "_tag", reason, value: formatValue(tag) }))
  }
  const Classe = Commande.cases[tag as TypeCommande]
  if (input instanceof Classe) return Result.succeed(input as Commande)
  let decode = decodeurs.get(tag)
  if (decode === undefined) {
    decode = Schema.decodeUnknownResult(Classe as unknown as Schema.Codec<Commande, unknown>)
    decodeurs.set(tag, decode)
  }
  const r = decode(input)
  if (Result.isSuccess(r)) return Result.succeed(r.success)
  const [p, ...autres] = problems(r.failure.issue, input)
  const reason = `${p?.reason ?? "invalid"}${autres.length === 0 ? "" : ` (and ${autres.length} more)`}`
  return Result.fail(
    new InvalidCommand({ command: tag, path: p?.path ?? "", reason, value: p?.value ?? formatValue(input) })
  )
}
