/**
 * The schéma départemental des services aux familles as a decider: `initialState`, `decide`, `evolve`.
 *
 * One stream per schéma. The phase state machine (domain.md "Lifecycle": élaboration → validation → mise en œuvre →
 * bilan → renouvellement → clos) and the rules of domain.md "Rules a validator enforces" are enforced here, each by
 * its own tagged error (`Erreurs.ts`); rules real plans break are warnings carried on the decision.
 */
import { Result } from "effect"
import * as C from "./Commandes.ts"
import type { Decider, Decision } from "./Decider.ts"
import * as Err from "./Erreurs.ts"
import type { Avertissement, ErreurDomaine } from "./Erreurs.ts"
import * as E from "./Evenements.ts"
import type { InstanceId, Membre, NatureInstance, StatutInstance } from "./Gouvernance.ts"
import {
  type CodeIndicateur,
  type DefinitionIndicateur,
  type ValeurId,
  type ValeurIndicateur,
  cleValeur,
  memeMesure,
  nombresDe,
  texteMesure
} from "./Indicateur.ts"
import type { InstitutionId, NatureInstitution } from "./Institution.ts"
import { type Phase, rangPhase } from "./Phase.ts"
import { type Periode, calendrierDansPeriode, chevauche, duree } from "./Periode.ts"
import {
  type DetailsAction,
  type ModificationNoeud,
  type NatureNoeud,
  type Noeud,
  type NoeudId,
  naturesPilotees,
  parentsPermis
} from "./Plan.ts"
import { PersistentMap, PersistentSet, Sequence } from "./internal/persistent.ts"
import { type Datation, type Jour, avant, formatDatation, nonDocumentesDans } from "./Temps.ts"

// ---------------------------------------------------------------------------------------------------------------
// State

/** Before the first event. */
export interface Vierge {
  readonly _tag: "Vierge"
}

/** What the rules need of a body: its kind (CDSF-only commands) and whether it is installed (`InstallerInstance`). */
export interface InstanceConnue {
  readonly nature: NatureInstance
  readonly statut?: StatutInstance
}

/**
 * What the plan rules need of a node: its kind and parent (where a node may sit, what a withdrawal takes with it),
 * its title and whether it names a pilot (the `PiloteManquant` warning after a change).
 */
export interface NoeudConnu {
  readonly nature: NatureNoeud
  readonly parentId?: NoeudId
  readonly titre: string
  readonly pilote: boolean
}

/** What the rules need of a current indicator value: what restates it, and whether another figure contradicts it. */
export type ValeurCourante = Pick<ValeurIndicateur, "valeurId" | "source" | "mesure">

/**
 * The state of a schéma once launched: only what `decide` reads to enforce the rules, its collections persistent so
 * that an event costs the same at any stream length (the command handler keeps this state between commands).
 *
 * Everything people look at (the plan with its details, meetings and their dates, meetings held against those
 * expected, contacts, compositions, progress reports, indicator histories, labellings, bilans, letters...) is a
 * projection of the events: `@sdsf/reporting`.
 */
export interface EtatSchema {
  readonly _tag: "Schema"
  readonly phase: Exclude<Phase, "vierge">
  readonly schemaId: E.SchemaId
  /** The current period (after any extension): calendriers, extensions and the successor's are checked against it. */
  readonly periode: Periode
  /** Whether the CDSF's composition falls under décret n°2021-1644. */
  readonly regime: E.Regime
  /** The nature of each institution: known pilots, partners and signatories; the CDSF's vice-chairs. */
  readonly institutions: ReadonlyMap<InstitutionId, NatureInstitution>
  readonly instances: ReadonlyMap<InstanceId, InstanceConnue>
  readonly noeuds: ReadonlyMap<NoeudId, NoeudConnu>
  /** Withdrawn nodes: their ids are not reused, and the bilan's findings may still name them. */
  readonly noeudsRetires: ReadonlySet<NoeudId>
  readonly definitions: ReadonlyMap<CodeIndicateur, DefinitionIndicateur>
  /** The values of indicators not defined yet: a definition must agree with them (unit, bounds, breakdowns). */
  readonly valeursSansDefinition: ReadonlyMap<CodeIndicateur, Sequence<ValeurIndicateur>>
  /** The values of each key (`cleValeur`) that no restatement replaced: several when a document contradicts itself. */
  readonly valeursCourantes: ReadonlyMap<string, ReadonlyArray<ValeurCourante>>
  /** Each recorded value's key. */
  readonly valeurIds: ReadonlyMap<ValeurId, string>
  /** Ids already used (here and in `labellisations`): a second use is `DejaExistant`. */
  readonly concertations: ReadonlySet<string>
  /** The adoption's date, once adopted: signatures and the start of implementation come after it. */
  readonly adopteLe?: Datation
  /** The institutions that signed: one signature each. */
  readonly signataires: ReadonlySet<InstitutionId>
  /** The body of each meeting held: a revision of the plan rests on a CDSF meeting. */
  readonly reunions: ReadonlyMap<string, InstanceId>
  /** Each call for projects, and whether it is closed. */
  readonly appels: ReadonlyMap<string, boolean>
  readonly labellisations: ReadonlySet<string>
  /** The day of the CDSF decision behind each year's revision of the action plan. */
  readonly revisions: ReadonlyMap<number, Jour>
  /** The date of the evaluation report: the successor is adopted after it. */
  readonly rapportRemisLe?: Datation
  /** The successor named at the renewal: its id and period. */
  readonly successeur?: { readonly successeurId: E.SchemaId; readonly periode: Periode }
}

/** The state of a schéma's stream. */
export type Etat = Vierge | EtatSchema

/** The state before any event. */
export const initialState: Etat = { _tag: "Vierge" }

/** The phase of a state. */
export const phaseDe = (etat: Etat): Phase => (etat._tag === "Vierge" ? "vierge" : etat.phase)

// ---------------------------------------------------------------------------------------------------------------
// evolve

// Persistent maps and sets: a fold of n events stays linear (a copied Map made 10,000 commands take seconds).
const avec = <K, V>(m: ReadonlyMap<K, V>, k: K, v: V): ReadonlyMap<K, V> => PersistentMap.from(m).set(k, v)
const plus = <T>(s: ReadonlySet<T>, v: T): ReadonlySet<T> => PersistentSet.from(s).add(v)

const aUnPilote = (d: DetailsAction | undefined): boolean => d !== undefined && d.pilotes.length > 0

const connu = (n: Noeud): NoeudConnu => {
  const base = { nature: n.nature, titre: n.titre, pilote: aUnPilote(n.details) }
  return n.parentId === undefined ? base : { ...base, parentId: n.parentId }
}

const appliquerModification = (n: NoeudConnu, m: ModificationNoeud): NoeudConnu => ({
  ...n,
  titre: m.titre ?? n.titre,
  pilote: m.details === undefined ? n.pilote : aUnPilote(m.details)
})

const modifier = (s: EtatSchema, noeudId: NoeudId, m: ModificationNoeud): EtatSchema => {
  const n = s.noeuds.get(noeudId)
  return n === undefined ? s : { ...s, noeuds: avec(s.noeuds, noeudId, appliquerModification(n, m)) }
}

/** Withdraws a node and everything under it. */
const retirer = (s: EtatSchema, noeudId: NoeudId): EtatSchema => {
  let noeuds = PersistentMap.from(s.noeuds)
  let retires = s.noeudsRetires
  for (const id of descendants(s.noeuds, noeudId)) {
    if (!noeuds.has(id)) continue
    noeuds = noeuds.delete(id)
    retires = plus(retires, id)
  }
  return { ...s, noeuds, noeudsRetires: retires }
}

/** A node and all nodes under it. */
export const descendants = (
  noeuds: ReadonlyMap<NoeudId, { readonly parentId?: NoeudId | undefined }>,
  racine: NoeudId
): ReadonlyArray<NoeudId> => {
  const enfants = new Map<NoeudId, Array<NoeudId>>()
  for (const [id, n] of noeuds) {
    if (n.parentId !== undefined) {
      const l = enfants.get(n.parentId)
      if (l === undefined) enfants.set(n.parentId, [id])
      else l.push(id)
    }
  }
  const out: Array<NoeudId> = []
  const pile: Array<NoeudId> = [racine]
  while (pile.length > 0) {
    const id = pile.pop() as NoeudId
    out.push(id)
    pile.push(...(enfants.get(id) ?? []))
  }
  return out
}

type Handlers = { readonly [K in E.TypeEvenement]: (s: EtatSchema, e: Extract<E.Evenement, { _tag: K }>) => EtatSchema }

/** An event no rule reads: the state is unchanged (its facts live in the events, for projections). */
const inchange = (s: EtatSchema): EtatSchema => s

const handlers: Omit<Handlers, "ElaborationLancee"> = {
  InstitutionEnregistree: (s, e) => ({
    ...s,
    institutions: avec(s.institutions, e.institution.institutionId, e.institution.nature)
  }),
  EvaluationPrecedentConduite: inchange,
  DiagnosticRealise: inchange,
  ConcertationTenue: (s, e) => ({ ...s, concertations: plus(s.concertations, e.concertationId) }),
  IndicateurDefini: (s, e) => ({
    ...s,
    definitions: avec(s.definitions, e.definition.code, e.definition),
    valeursSansDefinition: PersistentMap.from(s.valeursSansDefinition).delete(e.definition.code)
  }),
  InstanceCreee: (s, e) => {
    const { instanceId, nature, statut } = e.instance
    return { ...s, instances: avec(s.instances, instanceId, statut === undefined ? { nature } : { nature, statut }) }
  },
  InstanceInstallee: (s, e) => {
    const i = s.instances.get(e.instanceId)
    if (i === undefined) return s
    return { ...s, instances: avec(s.instances, e.instanceId, { nature: i.nature, statut: "installee" }) }
  },
  CadenceInstanceModifiee: inchange,
  CompositionInstanceDefinie: inchange,
  ContactDesigne: inchange,
  NoeudPlanAjoute: (s, e) => ({ ...s, noeuds: avec(s.noeuds, e.noeud.noeudId, connu(e.noeud)) }),
  NoeudPlanModifie: (s, e) => modifier(s, e.noeudId, e.modification),
  NoeudPlanRetire: (s, e) => retirer(s, e.noeudId),
  ProjetPresente: inchange,
  SchemaAdopte: (s, e) => ({ ...s, phase: "validation", adopteLe: e.le }),
  SchemaSigne: (s, e) => ({ ...s, signataires: plus(s.signataires, e.institutionId) }),
  MiseEnOeuvreDemarree: (s) => ({ ...s, phase: "mise-en-oeuvre" }),
  PrioritesAnnuellesArretees: inchange,
  FeuilleDeRouteArretee: inchange,
  ReunionTenue: (s, e) => ({ ...s, reunions: avec(s.reunions, e.reunionId, e.instanceId) }),
  AvancementActionSignale: inchange,
  ValeurIndicateurEnregistree: (s, e) => {
    const v = e.valeur
    const cle = cleValeur(v)
    const remplace = v.retraitement?.remplace
    const courantes = s.valeursCourantes.get(cle) ?? []
    const courante: ValeurCourante = { valeurId: v.valeurId, source: v.source, mesure: v.mesure }
    const suivantes = [
      ...(remplace === undefined ? courantes : courantes.filter((x) => x.valeurId !== remplace)),
      courante
    ]
    const sansDefinition = s.definitions.has(v.indicateur) ? s.valeursSansDefinition : avec(
      s.valeursSansDefinition,
      v.indicateur,
      (s.valeursSansDefinition.get(v.indicateur) ?? Sequence.empty<ValeurIndicateur>()).append(v)
    )
    return {
      ...s,
      valeursSansDefinition: sansDefinition,
      valeursCourantes: avec(s.valeursCourantes, cle, suivantes),
      valeurIds: avec(s.valeurIds, v.valeurId, cle)
    }
  },
  AppelAProjetsLance: (s, e) => ({ ...s, appels: avec(s.appels, e.appelId, false) }),
  AppelAProjetsClos: (s, e) => (s.appels.has(e.appelId) ? { ...s, appels: avec(s.appels, e.appelId, true) } : s),
  PlacesLabellisees: (s, e) => ({ ...s, labellisations: plus(s.labellisations, e.labellisationId) }),
  BilanAnnuelPresente: inchange,
  PlanActionRevise: (s, e) => {
    let t: EtatSchema = { ...s, revisions: avec(s.revisions, e.annee, e.le) }
    for (const n of e.ajouts) t = { ...t, noeuds: avec(t.noeuds, n.noeudId, connu(n)) }
    for (const m of e.modifications) t = modifier(t, m.noeudId, m.modification)
    for (const r of e.retraits) t = retirer(t, r.noeudId)
    return t
  },
  LettreInformationPubliee: inchange,
  PeriodeProrogee: (s, e) => ({ ...s, periode: { debut: s.periode.debut, fin: e.nouvelleFin } }),
  BilanEvaluatifLance: (s) => ({ ...s, phase: "bilan" }),
  IndicateursQuantitatifsRecueillis: inchange,
  EnqueteGestionnairesMenee: inchange,
  EntretiensCiblesMenes: inchange,
  SeminaireEvaluationTenu: inchange,
  RapportEvaluationRemis: (s, e) => ({ ...s, rapportRemisLe: e.le }),
  RenouvellementLance: (s, e) => ({
    ...s,
    phase: "renouvellement",
    successeur: { successeurId: e.successeurId, periode: e.periodeSuccesseur }
  }),
  AmbitionsSuccesseurDefinies: inchange,
  SuccesseurAdopte: (s, e) => ({
    ...s,
    phase: "clos",
    successeur: { successeurId: e.successeurId, periode: e.periodeSuccesseur }
  })
}

const lancer = (e: E.ElaborationLancee): EtatSchema => ({
  _tag: "Schema",
  phase: "elaboration",
  schemaId: e.schemaId,
  periode: e.periode,
  regime: e.regime,
  institutions: PersistentMap.empty(),
  instances: PersistentMap.empty(),
  noeuds: PersistentMap.empty(),
  noeudsRetires: PersistentSet.empty(),
  definitions: PersistentMap.empty(),
  valeursSansDefinition: PersistentMap.empty(),
  valeursCourantes: PersistentMap.empty(),
  valeurIds: PersistentMap.empty(),
  concertations: PersistentSet.empty(),
  signataires: PersistentSet.empty(),
  reunions: PersistentMap.empty(),
  appels: PersistentMap.empty(),
  labellisations: PersistentSet.empty(),
  revisions: PersistentMap.empty()
})

/** Folds one event into the state. Events that cannot apply (a second launch) leave the state as it is. */
export const evolve = (etat: Etat, evenement: E.Evenement): Etat => {
  if (evenement._tag === "ElaborationLancee") return etat._tag === "Vierge" ? lancer(evenement) : etat
  if (etat._tag === "Vierge") return etat
  const h = handlers[evenement._tag] as (s: EtatSchema, e: E.Evenement) => EtatSchema
  return h(etat, evenement)
}

// ---------------------------------------------------------------------------------------------------------------
// decide

const ACTIVES: ReadonlyArray<Phase> = ["elaboration", "validation", "mise-en-oeuvre", "bilan", "renouvellement"]
const MISE_EN_OEUVRE: ReadonlyArray<Phase> = ["mise-en-oeuvre", "bilan", "renouvellement"]
const DEPUIS_VALIDATION: ReadonlyArray<Phase> = ["validation", ...MISE_EN_OEUVRE]
const BILAN: ReadonlyArray<Phase> = ["bilan", "renouvellement"]

/** The phases each command is allowed in: the lifecycle state machine. */
export const phasesPermises: Readonly<Record<C.TypeCommande, ReadonlyArray<Phase>>> = {
  LancerElaboration: ["vierge"],
  EnregistrerInstitution: ACTIVES,
  ConduireEvaluationPrecedent: ["elaboration"],
  RealiserDiagnostic: ["elaboration"],
  TenirConcertation: ["elaboration"],
  DefinirIndicateur: ACTIVES,
  CreerInstance: ACTIVES,
  InstallerInstance: ACTIVES,
  ModifierCadenceInstance: ACTIVES,
  DefinirCompositionInstance: ACTIVES,
  DesignerContact: ACTIVES,
  AjouterNoeudPlan: ["elaboration"],
  ModifierNoeudPlan: ["elaboration"],
  RetirerNoeudPlan: ["elaboration"],
  PresenterProjet: ["elaboration"],
  AdopterSchema: ["elaboration"],
  SignerSchema: DEPUIS_VALIDATION,
  DemarrerMiseEnOeuvre: ["validation"],
  ArreterPrioritesAnnuelles: DEPUIS_VALIDATION,
  ArreterFeuilleDeRoute: DEPUIS_VALIDATION,
  TenirReunion: ACTIVES,
  SignalerAvancementAction: MISE_EN_OEUVRE,
  EnregistrerValeurIndicateur: [...ACTIVES, "clos"],
  LancerAppelAProjets: MISE_EN_OEUVRE,
  CloreAppelAProjets: MISE_EN_OEUVRE,
  LabelliserPlaces: MISE_EN_OEUVRE,
  PresenterBilanAnnuel: MISE_EN_OEUVRE,
  ReviserPlanAction: MISE_EN_OEUVRE,
  PublierLettreInformation: ACTIVES,
  ProrogerPeriode: MISE_EN_OEUVRE,
  LancerBilanEvaluatif: ["mise-en-oeuvre"],
  RecueillirIndicateursQuantitatifs: BILAN,
  MenerEnqueteGestionnaires: BILAN,
  MenerEntretiensCibles: BILAN,
  TenirSeminaireEvaluation: BILAN,
  RemettreRapportEvaluation: BILAN,
  LancerRenouvellement: ["bilan"],
  DefinirAmbitionsSuccesseur: ["renouvellement"],
  AdopterSuccesseur: ["renouvellement"]
}

type Verdict = ErreurDomaine | ReadonlyArray<Avertissement>
const OK: ReadonlyArray<Avertissement> = []

const instance = (s: EtatSchema, id: InstanceId, champ: string): Err.Inconnu | InstanceConnue =>
  s.instances.get(id) ?? new Err.Inconnu({ quoi: "instance", id, champ })

const cdsf = (s: EtatSchema, id: InstanceId, champ: string): ErreurDomaine | undefined => {
  const i = instance(s, id, champ)
  if (i instanceof Err.Inconnu) return i
  return i.nature === "cdsf"
    ? undefined
    : new Err.InstanceInattendue({ instanceId: id, attendue: "cdsf", recue: i.nature })
}

const institutionConnue = (s: EtatSchema, id: InstitutionId, champ: string): ErreurDomaine | undefined =>
  s.institutions.has(id) ? undefined : new Err.Inconnu({ quoi: "institution", id, champ })

const noeudConnu = (s: EtatSchema, id: NoeudId, champ: string, retiresAussi = false): ErreurDomaine | undefined =>
  s.noeuds.has(id) || (retiresAussi && s.noeudsRetires.has(id))
    ? undefined
    : new Err.Inconnu({ quoi: "noeud", id, champ })

const premiere = (...checks: ReadonlyArray<ErreurDomaine | undefined>): ErreurDomaine | undefined =>
  checks.find((c) => c !== undefined)

/** Checks an action's details: known pilots and bodies, a calendrier within the period (domain.md "Rules"). */
const verifierDetails = (
  s: EtatSchema,
  noeudId: NoeudId,
  d: DetailsAction | undefined,
  champ: string
): ErreurDomaine | undefined => {
  if (d === undefined) return undefined
  for (const [i, p] of d.pilotes.entries()) {
    const err = institutionConnue(s, p.institutionId, `${champ}.pilotes[${i}]`)
    if (err) return err
  }
  for (const [i, id] of d.instances.entries()) {
    if (!s.instances.has(id)) return new Err.Inconnu({ quoi: "instance", id, champ: `${champ}.instances[${i}]` })
  }
  if (d.calendrier !== undefined && !calendrierDansPeriode(d.calendrier, s.periode)) {
    return new Err.CalendrierHorsPeriode({ noeudId, calendrier: d.calendrier, periode: s.periode })
  }
  return undefined
}

/** A pilot is expected on actions and fiches: a blank is a warning (domain.md "Rules"; Paris SPSF: seed 004). */
const avertirPilote = (noeudId: NoeudId, n: NoeudConnu): ReadonlyArray<Avertissement> =>
  naturesPilotees.includes(n.nature) && !n.pilote ? [{ _tag: "PiloteManquant", noeudId, titre: n.titre }] : []

/** Checks a node to add: unused id, a parent it may sit under, valid details. */
const verifierAjout = (s: EtatSchema, n: Noeud, champ: string): ErreurDomaine | undefined => {
  if (s.noeuds.has(n.noeudId) || s.noeudsRetires.has(n.noeudId)) {
    return new Err.DejaExistant({ quoi: "noeud", id: n.noeudId })
  }
  const parent = n.parentId === undefined ? undefined : s.noeuds.get(n.parentId)
  if (n.parentId !== undefined && parent === undefined) {
    return new Err.Inconnu({ quoi: "noeud", id: n.parentId, champ: `${champ}.parentId` })
  }
  const natureParent = parent === undefined ? "racine" : parent.nature
  if (!parentsPermis[n.nature].includes(natureParent)) {
    return new Err.RattachementInvalide({ noeudId: n.noeudId, nature: n.nature, parent: natureParent })
  }
  return verifierDetails(s, n.noeudId, n.details, `${champ}.details`)
}

const verifierModification = (s: EtatSchema, id: NoeudId, m: ModificationNoeud, champ: string): Verdict => {
  const n = s.noeuds.get(id)
  if (n === undefined) return new Err.Inconnu({ quoi: "noeud", id, champ: `${champ}.noeudId` })
  const err = verifierDetails(s, id, m.details, `${champ}.modification.details`)
  return err ?? avertirPilote(id, appliquerModification(n, m))
}

/**
 * The CDSF's composition under décret n°2021-1644 (art. D. 214-?; domain.md "What an SDSF is"): chaired by the
 * Préfet; vice-chairs from the Conseil départemental, the Caf, and a mayor for the mayors' association; at most 37
 * members.
 */
export const manquementsCompositionCdsf = (
  membres: ReadonlyArray<Membre>,
  effectif: number | undefined,
  natures: ReadonlyMap<InstitutionId, NatureInstitution>
): ReadonlyArray<string> => {
  const nature = (m: Membre) => natures.get(m.institutionId)
  const presidents = membres.filter((m) => m.role === "president")
  const vices = new Set(membres.filter((m) => m.role === "vice-president").map(nature))
  const out: Array<string> = []
  if (presidents.length !== 1 || nature(presidents[0] as Membre) !== "prefecture") {
    out.push("the chair must be the Préfet (one president, a préfecture)")
  }
  if (!vices.has("conseil-departemental")) out.push("a vice-chair from the Conseil départemental is missing")
  if (!vices.has("caf")) out.push("a vice-chair from the Caf is missing")
  if (!vices.has("association-des-maires") && !vices.has("commune")) {
    out.push("a vice-chair mayor for the mayors' association is missing")
  }
  const total = effectif ?? membres.length
  if (total > 37) out.push(`${total} members, at most 37`)
  return out
}

/** Units whose values can be summed or averaged: not rates, ratios, yes/no answers or categories. */
const unitesSommables: ReadonlyArray<DefinitionIndicateur["unite"]> = [
  "nombre",
  "places",
  "euros",
  "heures",
  "jours",
  "etp",
  "euros-par-mois",
  "euros-par-an"
]

/** Percentages lie within 0-100, coverage rates excepted (domain.md "Rules"; a commune's rate can exceed 100%). */
const horsBornes = (
  v: ValeurIndicateur,
  def: DefinitionIndicateur | undefined
): Err.PourcentageHorsBornes | undefined => {
  if (v.unite !== "pourcent" || def?.categorie === "taux-de-couverture") return undefined
  const x = nombresDe(v.mesure).find((n) => n < 0 || n > 100)
  return x === undefined ? undefined : new Err.PourcentageHorsBornes({ indicateur: v.indicateur, valeur: x })
}

/** A breakdown names only dimensions the definition declares, and their declared categories when listed. */
const ventilationInvalide = (v: ValeurIndicateur, def: DefinitionIndicateur): Err.VentilationInvalide | undefined => {
  for (const [dimension, modalite] of Object.entries(v.ventilation ?? {})) {
    const d = def.dimensions?.find((x) => x.code === dimension)
    const refus = (raison: string) =>
      new Err.VentilationInvalide({ indicateur: v.indicateur, dimension, modalite, raison })
    if (d === undefined) {
      const declarees = (def.dimensions ?? []).map((x) => x.code)
      return refus(
        declarees.length === 0 ? "the indicator is not broken down" : `declared dimensions: ${declarees.join(", ")}`
      )
    }
    if (d.modalites !== undefined && !d.modalites.includes(modalite)) {
      return refus(`declared categories: ${d.modalites.join(", ")}`)
    }
  }
  return undefined
}

type Verifier<K extends C.TypeCommande> = (s: EtatSchema, c: Extract<C.Commande, { _tag: K }>) => Verdict

/**
 * The checks of every command on a launched schéma: a total table, so a new command cannot go unchecked by mistake
 * (`() => OK` says "no check" where that is meant). `LancerElaboration` meets an empty stream: `verifierLancement`.
 */
const verifiers: { readonly [K in Exclude<C.TypeCommande, "LancerElaboration">]: Verifier<K> } = {
  EnregistrerInstitution: (s, c) =>
    s.institutions.has(c.institution.institutionId)
      ? new Err.DejaExistant({ quoi: "institution", id: c.institution.institutionId })
      : OK,
  ConduireEvaluationPrecedent: () => OK,
  RealiserDiagnostic: () => OK,
  TenirConcertation: (s, c) =>
    s.concertations.has(c.concertationId)
      ? new Err.DejaExistant({ quoi: "concertation", id: c.concertationId })
      : OK,
  DefinirIndicateur: (s, c) => {
    const d = c.definition
    if (s.definitions.has(d.code)) return new Err.DejaExistant({ quoi: "indicateur", id: d.code })
    if (d.additivite !== "aucune" && !unitesSommables.includes(d.unite)) {
      return new Err.AdditiviteIncoherente({ indicateur: d.code, additivite: d.additivite, unite: d.unite })
    }
    // Values recorded before the definition must already be in its unit, bounds and breakdown dimensions.
    for (const v of s.valeursSansDefinition.get(d.code) ?? []) {
      if (v.unite !== d.unite) {
        return new Err.UniteIncoherente({ indicateur: d.code, attendue: d.unite, recue: v.unite })
      }
      const err = horsBornes(v, d) ?? ventilationInvalide(v, d)
      if (err !== undefined) return err
    }
    return OK
  },
  CreerInstance: (s, c) =>
    s.instances.has(c.instance.instanceId) ? new Err.DejaExistant({ quoi: "instance", id: c.instance.instanceId }) : OK,
  InstallerInstance: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    if (i instanceof Err.Inconnu) return i
    return i.statut === "installee" ? new Err.DejaExistant({ quoi: "installation", id: c.instanceId }) : OK
  },
  ModifierCadenceInstance: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    return i instanceof Err.Inconnu ? i : OK
  },
  DefinirCompositionInstance: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    if (i instanceof Err.Inconnu) return i
    for (const [k, m] of c.membres.entries()) {
      const err = institutionConnue(s, m.institutionId, `membres[${k}].institutionId`)
      if (err) return err
    }
    if (i.nature === "cdsf" && s.regime === "decret-2021-1644") {
      const manquements = manquementsCompositionCdsf(c.membres, c.effectif, s.institutions)
      if (manquements.length > 0) return new Err.CompositionCdsfInvalide({ instanceId: c.instanceId, manquements })
    }
    return OK
  },
  DesignerContact: (s, c) =>
    premiere(
      institutionConnue(s, c.institutionId, "institutionId"),
      c.instanceId === undefined || s.instances.has(c.instanceId)
        ? undefined
        : new Err.Inconnu({ quoi: "instance", id: c.instanceId, champ: "instanceId" })
    ) ?? OK,
  AjouterNoeudPlan: (s, c) => verifierAjout(s, c.noeud, "noeud") ?? avertirPilote(c.noeud.noeudId, connu(c.noeud)),
  ModifierNoeudPlan: (s, c) => verifierModification(s, c.noeudId, c.modification, ""),
  RetirerNoeudPlan: (s, c) => noeudConnu(s, c.noeudId, "noeudId") ?? OK,
  PresenterProjet: (s, c) => cdsf(s, c.instanceId, "instanceId") ?? OK,
  AdopterSchema: (s, c) => cdsf(s, c.instanceId, "instanceId") ?? OK,
  SignerSchema: (s, c) => {
    const err = institutionConnue(s, c.institutionId, "institutionId")
    if (err) return err
    if (s.signataires.has(c.institutionId)) return new Err.SignatureEnDouble({ institutionId: c.institutionId })
    // Adoption precedes every signature (domain.md "Lifecycle" 2 and "Rules"): refused when the documented dates
    // decide it, a warning when their precision cannot (issue 9, case 1).
    if (s.adopteLe === undefined) return OK
    const ordre = avant(c.le, s.adopteLe)
    if (ordre === true) {
      return new Err.SignatureAvantAdoption({
        institutionId: c.institutionId,
        le: formatDatation(c.le),
        adopteLe: formatDatation(s.adopteLe)
      })
    }
    return ordre === undefined ? [indecidable("adoption-avant-signature", c.le, s.adopteLe)] : OK
  },
  DemarrerMiseEnOeuvre: (s, c) => {
    // Implementation only after adoption (domain.md "Rules"), by date as well as by phase.
    if (s.adopteLe === undefined) return OK
    const ordre = avant(c.le, s.adopteLe)
    if (ordre === true) return new Err.MiseEnOeuvreAvantAdoption({ commande: c._tag })
    return ordre === undefined ? [indecidable("adoption-avant-mise-en-oeuvre", c.le, s.adopteLe)] : OK
  },
  ArreterPrioritesAnnuelles: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    if (i instanceof Err.Inconnu) return i
    for (const [k, p] of c.priorites.entries()) {
      for (const [j, n] of p.noeuds.entries()) {
        const err = noeudConnu(s, n, `priorites[${k}].noeuds[${j}]`)
        if (err) return err
      }
    }
    return OK
  },
  ArreterFeuilleDeRoute: (s, c) => {
    if (c.instanceId !== undefined && !s.instances.has(c.instanceId)) {
      return new Err.Inconnu({ quoi: "instance", id: c.instanceId, champ: "instanceId" })
    }
    for (const [j, n] of c.noeuds.entries()) {
      const err = noeudConnu(s, n, `noeuds[${j}]`)
      if (err) return err
    }
    return OK
  },
  TenirReunion: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    if (i instanceof Err.Inconnu) return i
    return s.reunions.has(c.reunionId) ? new Err.DejaExistant({ quoi: "reunion", id: c.reunionId }) : OK
  },
  SignalerAvancementAction: (s, c) => noeudConnu(s, c.noeudId, "noeudId") ?? OK,
  EnregistrerValeurIndicateur: (s, c) => {
    const v = c.valeur
    if (s.valeurIds.has(v.valeurId)) return new Err.DejaExistant({ quoi: "valeur", id: v.valeurId })
    const def = s.definitions.get(v.indicateur)
    if (def !== undefined && def.unite !== v.unite) {
      return new Err.UniteIncoherente({ indicateur: v.indicateur, attendue: def.unite, recue: v.unite })
    }
    const err = horsBornes(v, def) ?? (def === undefined ? undefined : ventilationInvalide(v, def))
    if (err !== undefined) return err
    const cle = cleValeur(v)
    const courantes = s.valeursCourantes.get(cle) ?? []
    if (v.retraitement !== undefined) {
      const r = v.retraitement
      const refus = (raison: string) =>
        new Err.RetraitementInvalide({ valeurId: v.valeurId, remplace: r.remplace, raison })
      const cleRemplacee = s.valeurIds.get(r.remplace)
      if (cleRemplacee === undefined) {
        return new Err.Inconnu({ quoi: "valeur", id: r.remplace, champ: "valeur.retraitement.remplace" })
      }
      if (cleRemplacee !== cle) return refus(`it restates a value of another key (${cleRemplacee}, not ${cle})`)
      if (!courantes.some((x) => x.valeurId === r.remplace)) {
        return refus("that value was already restated: restate its restatement")
      }
      if (r.motif === undefined) return refus("a restatement gives its reason (motif)")
    }
    const warnings: Array<Avertissement> = def === undefined
      ? [{ _tag: "IndicateurNonDefini", indicateur: v.indicateur }]
      : []
    // Two figures of one key from one source, neither restating the other: both kept, flagged (issue 9, case 6).
    // A restatement of one of them leaves the others standing.
    // An undocumented source is no known source: two such figures are not said to come from one source.
    const source = v.source
    const differentes = typeof source !== "string" ?
      [] :
      courantes.filter((x) =>
        x.valeurId !== v.retraitement?.remplace && x.source === source && !memeMesure(x.mesure, v.mesure)
      )
    if (typeof source === "string" && differentes.length > 0) {
      warnings.push({
        _tag: "ValeursContradictoires",
        indicateur: v.indicateur,
        cle,
        source,
        valeurs: [...differentes.map((x) => x.valeurId), v.valeurId],
        mesures: [...differentes.map((x) => texteMesure(x.mesure)), texteMesure(v.mesure)]
      })
    }
    return warnings
  },
  LancerAppelAProjets: (s, c) => {
    if (s.appels.has(c.appelId)) return new Err.DejaExistant({ quoi: "appel", id: c.appelId })
    for (const [j, n] of c.noeuds.entries()) {
      const err = noeudConnu(s, n, `noeuds[${j}]`)
      if (err) return err
    }
    for (const [j, p] of c.partenaires.entries()) {
      const err = institutionConnue(s, p, `partenaires[${j}]`)
      if (err) return err
    }
    return OK
  },
  CloreAppelAProjets: (s, c) => {
    const clos = s.appels.get(c.appelId)
    if (clos === undefined) return new Err.Inconnu({ quoi: "appel", id: c.appelId, champ: "appelId" })
    if (clos) return new Err.DejaExistant({ quoi: "cloture", id: c.appelId })
    if (c.retenues > c.recues) {
      return new Err.AppelAProjetsIncoherent({ appelId: c.appelId, recues: c.recues, retenues: c.retenues })
    }
    return OK
  },
  LabelliserPlaces: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    if (i instanceof Err.Inconnu) return i
    return s.labellisations.has(c.labellisationId)
      ? new Err.DejaExistant({ quoi: "labellisation", id: c.labellisationId })
      : OK
  },
  PresenterBilanAnnuel: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    return i instanceof Err.Inconnu ? i : OK
  },
  ReviserPlanAction: (s, c) => {
    // At most one revision of the action plan a year, tied to a CDSF decision (domain.md "Rules"; seed 002: "plan
    // d'action agile et révisable annuellement").
    const anneeDecision = Number(c.le.slice(0, 4))
    const deja = s.revisions.get(c.annee) ??
      [...s.revisions.values()].find((le) => Number(le.slice(0, 4)) === anneeDecision)
    if (deja !== undefined) return new Err.RevisionDejaFaite({ annee: c.annee, reviseLe: deja })
    if (c.annee !== anneeDecision && c.annee !== anneeDecision + 1) {
      return new Err.RevisionSansDecisionCdsf({
        instanceId: c.instanceId,
        reunionId: c.reunionId,
        raison: `a decision of ${c.le} revises the plan for ${anneeDecision} or ${anneeDecision + 1}, not ${c.annee}`
      })
    }
    const i = s.instances.get(c.instanceId)
    if (i === undefined || i.nature !== "cdsf") {
      return new Err.RevisionSansDecisionCdsf({
        instanceId: c.instanceId,
        reunionId: c.reunionId,
        raison: i === undefined ? "unknown body" : `the body is a ${i.nature}, not the CDSF`
      })
    }
    const r = s.reunions.get(c.reunionId)
    if (r === undefined || r !== c.instanceId) {
      return new Err.RevisionSansDecisionCdsf({
        instanceId: c.instanceId,
        reunionId: c.reunionId,
        raison: r === undefined ? "no such meeting was held" : "the meeting is another body's"
      })
    }
    let t = s
    const warnings: Array<Avertissement> = []
    for (const [k, n] of c.ajouts.entries()) {
      const err = verifierAjout(t, n, `ajouts[${k}]`)
      if (err) return err
      warnings.push(...avertirPilote(n.noeudId, connu(n)))
      t = { ...t, noeuds: avec(t.noeuds, n.noeudId, connu(n)) }
    }
    for (const [k, m] of c.modifications.entries()) {
      const v = verifierModification(t, m.noeudId, m.modification, `modifications[${k}]`)
      if (!Array.isArray(v)) return v as ErreurDomaine
      warnings.push(...(v as ReadonlyArray<Avertissement>))
    }
    for (const [k, r2] of c.retraits.entries()) {
      const err = noeudConnu(t, r2.noeudId, `retraits[${k}].noeudId`)
      if (err) return err
    }
    return warnings
  },
  ProrogerPeriode: (s, c) => {
    const i = instance(s, c.instanceId, "instanceId")
    if (i instanceof Err.Inconnu) return i
    if (c.nouvelleFin <= s.periode.fin) {
      return new Err.ProrogationInvalide({ fin: s.periode.fin, nouvelleFin: c.nouvelleFin })
    }
    // Once the successor is named, an extension must not reach into its period (domain.md: no overlap).
    const successeur = s.successeur?.periode
    if (successeur !== undefined && c.nouvelleFin >= successeur.debut) {
      return new Err.ChevauchementSuccesseur({
        periode: { debut: s.periode.debut, fin: c.nouvelleFin } as Periode,
        periodeSuccesseur: successeur
      })
    }
    return dureeAtypique({ debut: s.periode.debut, fin: c.nouvelleFin } as Periode)
  },
  PublierLettreInformation: () => OK,
  LancerBilanEvaluatif: (s, c) => cdsf(s, c.instanceId, "instanceId") ?? OK,
  RecueillirIndicateursQuantitatifs: () => OK,
  MenerEnqueteGestionnaires: () => OK,
  MenerEntretiensCibles: (s, c) => {
    for (const [j, p] of c.institutions.entries()) {
      const err = institutionConnue(s, p, `institutions[${j}]`)
      if (err) return err
    }
    return OK
  },
  TenirSeminaireEvaluation: () => OK,
  RemettreRapportEvaluation: (s, c) => {
    for (const [j, k] of c.constats.entries()) {
      if (k.noeudId !== undefined) {
        const err = noeudConnu(s, k.noeudId, `constats[${j}].noeudId`, true)
        if (err) return err
      }
    }
    return OK
  },
  LancerRenouvellement: (s, c) =>
    c.successeurId === s.schemaId
      ? new Err.SchemaDifferent({ attendu: "a successor other than the schéma itself", recu: c.successeurId })
      : c.periodeSuccesseur.debut <= s.periode.fin
      ? new Err.ChevauchementSuccesseur({ periode: s.periode, periodeSuccesseur: c.periodeSuccesseur })
      : OK,
  DefinirAmbitionsSuccesseur: () => OK,
  AdopterSuccesseur: (s, c) => {
    const r = s.successeur
    if (r !== undefined && r.successeurId !== c.successeurId) {
      return new Err.SchemaDifferent({ attendu: r.successeurId, recu: c.successeurId })
    }
    // The bilan comes before the successor's adoption (domain.md "Rules"; seed 000: bilan Jan-June 2026, successor adopted Dec 2026).
    if (s.rapportRemisLe === undefined) return new Err.BilanAvantSuccesseur({ successeurId: c.successeurId })
    const ordre = avant(c.le, s.rapportRemisLe)
    if (ordre === true) return new Err.BilanAvantSuccesseur({ successeurId: c.successeurId })
    if (c.periodeSuccesseur.debut <= s.periode.fin) {
      return new Err.ChevauchementSuccesseur({ periode: s.periode, periodeSuccesseur: c.periodeSuccesseur })
    }
    const err = cdsf(s, c.instanceId, "instanceId")
    if (err) return err
    for (const [j, n] of c.actionsReprises.entries()) {
      const e2 = noeudConnu(s, n, `actionsReprises[${j}]`)
      if (e2) return e2
    }
    return ordre === undefined ? [indecidable("bilan-avant-successeur", c.le, s.rapportRemisLe)] : OK
  }
}

/** Two dates a rule compares whose documented precision cannot decide it (issue 9, case 1): a warning. */
const indecidable = (regle: string, date: Datation, reference: Datation): Avertissement => ({
  _tag: "OrdreIndecidable",
  regle,
  date: formatDatation(date),
  reference: formatDatation(reference)
})

/** Every `NonDocumente` a command carries, as warnings naming the field (issue 9, case 2). */
const nonDocumentes = (commande: C.Commande): ReadonlyArray<Avertissement> =>
  nonDocumentesDans(commande).map((n) => ({ _tag: "NonDocumente", ...n }))

/** Longer than six years: a warning (domain.md "Rules": 1-6 years, warn beyond). */
const dureeAtypique = (p: Periode): ReadonlyArray<Avertissement> =>
  duree(p) > 6 ? [{ _tag: "DureeAtypique", periode: p, annees: duree(p) }] : OK

const verifierLancement = (c: C.LancerElaboration): Verdict => {
  const warnings: Array<Avertissement> = [...dureeAtypique(c.periode)]
  // Several predecessors when the schéma merges an earlier SDSF and other departmental schémas (issue 9, case 4):
  // each is checked alike.
  for (const p of c.predecesseurs) {
    if (p.schemaId === c.schemaId) {
      return new Err.SchemaDifferent({ attendu: "a predecessor other than the schéma itself", recu: p.schemaId })
    }
    if (p.departement !== c.departement) {
      return new Err.AutreDepartement({ departement: c.departement, departementAutre: p.departement })
    }
    // Successive schémas of one département must not overlap (domain.md "Lifecycle" 5 and "Rules").
    if (chevauche(p.periode, c.periode) || c.periode.debut < p.periode.debut) {
      return new Err.ChevauchementPredecesseur({ periode: c.periode, periodePredecesseur: p.periode })
    }
  }
  if (c.predecesseurs.length > 0) {
    const finPrecedente = Math.max(...c.predecesseurs.map((p) => p.periode.fin))
    const manquantes: Array<number> = []
    for (let y = finPrecedente + 1; y < c.periode.debut; y++) manquantes.push(y)
    if (manquantes.length > 0) warnings.push({ _tag: "EcartAvecPredecesseur", anneesManquantes: manquantes })
  }
  return warnings
}

const phaseError = (commande: C.Commande, etat: Etat): ErreurDomaine => {
  const phase = phaseDe(etat)
  const tag = commande._tag
  const permises = phasesPermises[tag]
  // Adoption precedes every signature; implementation only after adoption (domain.md "Rules").
  if (phase === "elaboration" && tag === "SignerSchema") {
    return new Err.SignatureAvantAdoption({ institutionId: commande.institutionId, le: formatDatation(commande.le) })
  }
  if (phase === "elaboration" && permises.every((p) => rangPhase(p) >= rangPhase("validation"))) {
    return new Err.MiseEnOeuvreAvantAdoption({ commande: tag })
  }
  return new Err.CommandeHorsPhase({ commande: tag, phase, phasesPermises: [...permises] })
}

const versEvenement = (c: C.Commande): E.Evenement => {
  const { _tag, ...champs } = c
  const Classe = E.Evenement.cases[C.evenementDe[c._tag]] as unknown as new(
    props: typeof champs,
    options?: { readonly disableChecks?: boolean }
  ) => E.Evenement
  // The command was checked by its own schema, with the same fields: no need to check them twice.
  return new Classe(champs, { disableChecks: true })
}

/** Answers a command with its event, or a domain error; warnings travel on the decision. */
export const decide = (
  commande: C.Commande,
  etat: Etat
): Result.Result<Decision<E.Evenement, Avertissement>, ErreurDomaine> => {
  const phase = phaseDe(etat)
  if (!phasesPermises[commande._tag].includes(phase)) return Result.fail(phaseError(commande, etat))
  let verdict: Verdict
  if (commande._tag === "LancerElaboration") {
    verdict = verifierLancement(commande)
  } else {
    const s = etat as EtatSchema
    if (commande.schemaId !== s.schemaId) {
      return Result.fail(new Err.SchemaDifferent({ attendu: s.schemaId, recu: commande.schemaId }))
    }
    const v = verifiers[commande._tag] as Verifier<typeof commande._tag>
    verdict = v(s, commande as never)
  }
  if (!Array.isArray(verdict)) return Result.fail(verdict as ErreurDomaine)
  return Result.succeed({
    events: [versEvenement(commande)],
    warnings: [...(verdict as ReadonlyArray<Avertissement>), ...nonDocumentes(commande)]
  })
}

/** The schéma's decider. */
export const decider: Decider<C.Commande, E.Evenement, Etat, ErreurDomaine, Avertissement> = {
  initialState,
  decide,
  evolve,
  check: C.verifier
}
