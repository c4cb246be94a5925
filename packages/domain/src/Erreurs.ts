/**
 * Domain errors (a command refused: nothing is written) and warnings (a rule real plans break: the events are
 * written and the warning travels with them). Each carries what the caller needs to act, and cites its rule.
 */
import { Schema } from "effect"
import { Calendrier, Periode } from "./Periode.ts"
import { Phase } from "./Phase.ts"

/** The command is not allowed in the schéma's current phase (the lifecycle state machine). */
export class CommandeHorsPhase extends Schema.TaggedError<CommandeHorsPhase>()("CommandeHorsPhase", {
  commande: Schema.String,
  phase: Phase,
  phasesPermises: Schema.Array(Phase)
}) {
  override get message(): string {
    return `${this.commande} is not allowed in phase ${this.phase} (allowed: ${this.phasesPermises.join(", ")})`
  }
}

/** The command names another schéma than the stream's. */
export class SchemaDifferent extends Schema.TaggedError<SchemaDifferent>()("SchemaDifferent", {
  attendu: Schema.String,
  recu: Schema.String
}) {
  override get message(): string {
    return `this stream holds schéma ${this.attendu}, the command names ${this.recu}`
  }
}

/** The period overlaps the same département's previous schéma (domain.md "Rules": no overlap). */
export class ChevauchementPredecesseur
  extends Schema.TaggedError<ChevauchementPredecesseur>()("ChevauchementPredecesseur", {
    periode: Periode,
    periodePredecesseur: Periode
  })
{
  override get message(): string {
    return `period ${this.periode.debut}-${this.periode.fin} overlaps the predecessor's ${this.periodePredecesseur.debut}-${this.periodePredecesseur.fin}`
  }
}

/** The predecessor or successor named belongs to another département. */
export class AutreDepartement extends Schema.TaggedError<AutreDepartement>()("AutreDepartement", {
  departement: Schema.String,
  departementAutre: Schema.String
}) {
  override get message(): string {
    return `schéma of département ${this.departement} cannot follow one of ${this.departementAutre}`
  }
}

/** A signature is dated before the adoption, or comes before any adoption (domain.md: adoption precedes every signature). */
export class SignatureAvantAdoption extends Schema.TaggedError<SignatureAvantAdoption>()("SignatureAvantAdoption", {
  institutionId: Schema.String,
  le: Schema.String,
  adopteLe: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    return this.adopteLe === undefined
      ? `signature by ${this.institutionId} on ${this.le}: the schéma is not adopted yet (when the document prints ` +
        `signatures but no adoption, record AdopterSchema with le and vote NonDocumente)`
      : `signature by ${this.institutionId} on ${this.le} precedes the adoption of ${this.adopteLe}`
  }
}

/** Implementation before adoption (domain.md: implementation only after adoption). */
export class MiseEnOeuvreAvantAdoption
  extends Schema.TaggedError<MiseEnOeuvreAvantAdoption>()("MiseEnOeuvreAvantAdoption", {
    commande: Schema.String
  })
{
  override get message(): string {
    return `${this.commande}: the schéma is not adopted yet, implementation cannot start`
  }
}

/** The successor is adopted before this schéma's evaluation report (domain.md: the bilan before the successor's adoption). */
export class BilanAvantSuccesseur extends Schema.TaggedError<BilanAvantSuccesseur>()("BilanAvantSuccesseur", {
  successeurId: Schema.String
}) {
  override get message(): string {
    return `successor ${this.successeurId} cannot be adopted before the bilan évaluatif's report is delivered`
  }
}

/** The successor's period overlaps this schéma's. */
export class ChevauchementSuccesseur extends Schema.TaggedError<ChevauchementSuccesseur>()("ChevauchementSuccesseur", {
  periode: Periode,
  periodeSuccesseur: Periode
}) {
  override get message(): string {
    return `successor period ${this.periodeSuccesseur.debut}-${this.periodeSuccesseur.fin} overlaps ${this.periode.debut}-${this.periode.fin}`
  }
}

/** An action's calendrier lies outside the schéma's period (domain.md: calendrier within the period). */
export class CalendrierHorsPeriode extends Schema.TaggedError<CalendrierHorsPeriode>()("CalendrierHorsPeriode", {
  noeudId: Schema.String,
  calendrier: Calendrier,
  periode: Periode
}) {
  override get message(): string {
    return `node ${this.noeudId}: calendrier "${this.calendrier.libelle}" is outside ${this.periode.debut}-${this.periode.fin}`
  }
}

/** A second revision of the action plan in one year (domain.md: at most one revision a year). */
export class RevisionDejaFaite extends Schema.TaggedError<RevisionDejaFaite>()("RevisionDejaFaite", {
  annee: Schema.Number,
  reviseLe: Schema.String
}) {
  override get message(): string {
    return `the action plan was already revised for ${this.annee} (on ${this.reviseLe})`
  }
}

/** A revision not tied to a CDSF decision: the body is not the CDSF, or the meeting is not one it held. */
export class RevisionSansDecisionCdsf
  extends Schema.TaggedError<RevisionSansDecisionCdsf>()("RevisionSansDecisionCdsf", {
    instanceId: Schema.String,
    reunionId: Schema.String,
    raison: Schema.String
  })
{
  override get message(): string {
    return `revision without a CDSF decision (body ${this.instanceId}, meeting ${this.reunionId}): ${this.raison}`
  }
}

/** A value's unit differs from its indicator's definition. */
export class UniteIncoherente extends Schema.TaggedError<UniteIncoherente>()("UniteIncoherente", {
  indicateur: Schema.String,
  attendue: Schema.String,
  recue: Schema.String
}) {
  override get message(): string {
    return `indicator ${this.indicateur} is in ${this.attendue}, the value is in ${this.recue}`
  }
}

/** A percentage outside 0-100 (coverage rates excepted: domain.md "Rules"). */
export class PourcentageHorsBornes extends Schema.TaggedError<PourcentageHorsBornes>()("PourcentageHorsBornes", {
  indicateur: Schema.String,
  valeur: Schema.Number
}) {
  override get message(): string {
    return `indicator ${this.indicateur}: ${this.valeur} is not a percentage between 0 and 100`
  }
}

/** A value's breakdown names a dimension or category its indicator's definition does not declare. */
export class VentilationInvalide extends Schema.TaggedError<VentilationInvalide>()("VentilationInvalide", {
  indicateur: Schema.String,
  dimension: Schema.String,
  modalite: Schema.String,
  raison: Schema.String
}) {
  override get message(): string {
    return `indicator ${this.indicateur}, breakdown ${this.dimension}=${this.modalite}: ${this.raison}`
  }
}

/**
 * A restatement that is not one: the value it replaces has another key, was already replaced, or no reason is given
 * (issue 9: a restatement is a deliberate later recording, with its reason).
 */
export class RetraitementInvalide extends Schema.TaggedError<RetraitementInvalide>()("RetraitementInvalide", {
  valeurId: Schema.String,
  remplace: Schema.String,
  raison: Schema.String
}) {
  override get message(): string {
    return `value ${this.valeurId} cannot restate ${this.remplace}: ${this.raison}`
  }
}

/** An additivity the unit cannot have: rates, ratios, yes/no answers and categories are never summed. */
export class AdditiviteIncoherente extends Schema.TaggedError<AdditiviteIncoherente>()("AdditiviteIncoherente", {
  indicateur: Schema.String,
  additivite: Schema.String,
  unite: Schema.String
}) {
  override get message(): string {
    return `indicator ${this.indicateur} in ${this.unite} cannot have additivity ${this.additivite}`
  }
}

/** The CDSF's composition breaks décret n°2021-1644 (préfet chair, CD/Caf/mayor vice-chairs, at most 37 members). */
export class CompositionCdsfInvalide extends Schema.TaggedError<CompositionCdsfInvalide>()("CompositionCdsfInvalide", {
  instanceId: Schema.String,
  manquements: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `CDSF composition breaks décret n°2021-1644: ${this.manquements.join("; ")}`
  }
}

/** A call for projects selects more proposals than it received. */
export class AppelAProjetsIncoherent extends Schema.TaggedError<AppelAProjetsIncoherent>()("AppelAProjetsIncoherent", {
  appelId: Schema.String,
  recues: Schema.Number,
  retenues: Schema.Number
}) {
  override get message(): string {
    return `call ${this.appelId}: ${this.retenues} selected out of ${this.recues} received`
  }
}

/** A referenced thing is unknown to the schéma. */
export class Inconnu extends Schema.TaggedError<Inconnu>()("Inconnu", {
  quoi: Schema.Literals(["noeud", "instance", "institution", "reunion", "appel", "indicateur", "valeur"]),
  id: Schema.String,
  champ: Schema.String
}) {
  override get message(): string {
    return `${this.champ}: unknown ${this.quoi} ${this.id}`
  }
}

/** An id is already used by another thing of the same kind. */
export class DejaExistant extends Schema.TaggedError<DejaExistant>()("DejaExistant", {
  quoi: Schema.String,
  id: Schema.String
}) {
  override get message(): string {
    return `${this.quoi} ${this.id} already exists`
  }
}

/** A plan node placed under a parent of a nature it cannot sit under. */
export class RattachementInvalide extends Schema.TaggedError<RattachementInvalide>()("RattachementInvalide", {
  noeudId: Schema.String,
  nature: Schema.String,
  parent: Schema.String
}) {
  override get message(): string {
    return `node ${this.noeudId}: a ${this.nature} cannot sit under ${this.parent}`
  }
}

/** The body named has the wrong nature for the decision (adoption, revision, bilan launch: the CDSF). */
export class InstanceInattendue extends Schema.TaggedError<InstanceInattendue>()("InstanceInattendue", {
  instanceId: Schema.String,
  attendue: Schema.String,
  recue: Schema.String
}) {
  override get message(): string {
    return `body ${this.instanceId} is a ${this.recue}, this decision belongs to a ${this.attendue}`
  }
}

/** A signataire signs twice. */
export class SignatureEnDouble extends Schema.TaggedError<SignatureEnDouble>()("SignatureEnDouble", {
  institutionId: Schema.String
}) {
  override get message(): string {
    return `institution ${this.institutionId} has already signed`
  }
}

/** The extended period does not end later than the current one. */
export class ProrogationInvalide extends Schema.TaggedError<ProrogationInvalide>()("ProrogationInvalide", {
  fin: Schema.Number,
  nouvelleFin: Schema.Number
}) {
  override get message(): string {
    return `an extension must end after ${this.fin}, not in ${this.nouvelleFin}`
  }
}

/** Every domain error `decide` may answer with. */
export type ErreurDomaine =
  | CommandeHorsPhase
  | SchemaDifferent
  | ChevauchementPredecesseur
  | AutreDepartement
  | SignatureAvantAdoption
  | MiseEnOeuvreAvantAdoption
  | BilanAvantSuccesseur
  | ChevauchementSuccesseur
  | CalendrierHorsPeriode
  | RevisionDejaFaite
  | RevisionSansDecisionCdsf
  | UniteIncoherente
  | PourcentageHorsBornes
  | VentilationInvalide
  | RetraitementInvalide
  | AdditiviteIncoherente
  | CompositionCdsfInvalide
  | AppelAProjetsIncoherent
  | Inconnu
  | DejaExistant
  | RattachementInvalide
  | InstanceInattendue
  | SignatureEnDouble
  | ProrogationInvalide

/** A rule that real plans break: reported with the decision, never blocking it. */
export const Avertissement = Schema.Union([
  /** Longer than 6 years (domain.md: 1-6 years, warn beyond; seed 002: "les suivants le seront pour 6 ans"). */
  Schema.TaggedStruct("DureeAtypique", { periode: Periode, annees: Schema.Number }),
  /** A gap of years between the predecessor and this schéma (domain.md: a gap is a warning). */
  Schema.TaggedStruct("EcartAvecPredecesseur", { anneesManquantes: Schema.Array(Schema.Number) }),
  /** An action or fiche without a pilot (domain.md: warn on blanks; Paris SPSF leaves some blank: seed 004). */
  Schema.TaggedStruct("PiloteManquant", { noeudId: Schema.String, titre: Schema.String }),
  /** A value for an indicator this schéma does not define (accepted: definitions may come later). */
  Schema.TaggedStruct("IndicateurNonDefini", { indicateur: Schema.String }),
  /**
   * One source gave different figures for one key (indicator, territory, period, breakdown) and no restatement says
   * which replaces which: all are kept (issue 9, case 6). `valeurs` are the ids of the differing values, the new last.
   */
  Schema.TaggedStruct("ValeursContradictoires", {
    indicateur: Schema.String,
    cle: Schema.String,
    source: Schema.String,
    valeurs: Schema.Array(Schema.String),
    mesures: Schema.Array(Schema.String)
  }),
  /**
   * A rule comparing two dates (`regle`: adoption before signatures or implementation, bilan before the successor)
   * whose documented precision cannot decide it: a signature "2024" against an adoption "2024-03" (issue 9, case 1).
   */
  Schema.TaggedStruct("OrdreIndecidable", { regle: Schema.String, date: Schema.String, reference: Schema.String }),
  /** A fact the document does not give, recorded as `NonDocumente` at `champ` (issue 9, case 2). */
  Schema.TaggedStruct("NonDocumente", { champ: Schema.String, note: Schema.optionalKey(Schema.String) })
]).pipe(Schema.toTaggedUnion("_tag"))
export type Avertissement = typeof Avertissement.Type
