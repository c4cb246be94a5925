/**
 * The plan file, format `sdsf-plan/1`: a schéma as a person transcribes it (territory, period, predecessors,
 * institutions, people, bodies, the plan tree, indicators and their values, and a dated or imprecisely dated
 * timeline), with local references (`ref`) instead of uuids. `PlanImport` turns it into the domain's commands.
 *
 * The schema below is the format's single definition: `jsonSchema()` derives the JSON Schema (checked in as
 * `schema/plan.schema.json`, which editors can use for completion).
 */
import { Schema } from "effect"
import { Gouvernance, Indicateur, Institution, Plan, Territoire, Theme } from "@sdsf/domain"
import { Evenements } from "@sdsf/domain"

/** The format tag of this version. A later incompatible version gets a new tag; readers refuse tags they do not know. */
export const FORMAT = "sdsf-plan/1"

const Texte = Schema.NonEmptyString
const Textes = Schema.Array(Schema.String)
const Entier = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** A local reference: letters, digits, `.`, `_`, `-` (`caf`, `axe1`, `a1.p2`, `cdsf-2025-12-12`). */
export const Ref = Schema.String.check(
  Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: "a reference is letters, digits, '.', '_' or '-' (e.g. caf, axe1, a1.p2)"
  })
).annotate({ description: "A local reference, unique within its kind; the uuid is derived from it." })

/** `2022-2026` (first and last year, both included). */
export const PeriodeTexte = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{4}$/, { message: "a period is written YYYY-YYYY, e.g. 2022-2026" })
)

/** The words that say a document gives no date, figure or source. */
export const NON_DOCUMENTE = "non documenté"

/**
 * A date with the precision the document gives: `2025-12-12`, `2025-09` (a month), `2025` (a year, text or number),
 * `2022-06-23/2022-06-30` (somewhere in a range), `{ du, au, libelle }` (a range with its wording), `non documenté`
 * or `{ nonDocumente: "what the document does say" }`.
 */
export const Datation = Schema.Union([
  Schema.String.check(
    Schema.isPattern(/^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}|non documentée?)$/, {
      message: "a date is YYYY-MM-DD, YYYY-MM, YYYY, YYYY-MM-DD/YYYY-MM-DD or 'non documenté'"
    })
  ),
  Schema.Int,
  Schema.Struct({ du: Schema.String, au: Schema.String, libelle: Schema.optionalKey(Schema.String) }),
  Schema.Struct({ nonDocumente: Schema.String })
]).annotate({ description: "A day, month, year, range or 'non documenté'." })

/** A text as printed, or `{ nonDocumente: note }` where the document gives none. */
export const TexteOuNonDocumente = Schema.Union([Texte, Schema.Struct({ nonDocumente: Schema.String })])

/**
 * A territory: `departement:92`, `commune:Nanterre` or `commune:92050` (a name is resolved through the official
 * geography, in the plan's département first; a misspelt one is an error listing candidates), `arrondissement:75119`
 * or `arrondissement:Paris 19e`, `epci:200057867` or `epci:Plaine Commune`, `region:11`, `qpv:QN09301M`, `france`,
 * `france:metropolitaine`.
 */
export const TerritoireTexte = Schema.String.check(
  Schema.isPattern(/^(france(:metropolitaine)?|(departement|commune|arrondissement|epci|region|qpv):.+)$/, {
    message:
      "a territory is france, france:metropolitaine or <niveau>:<code or name> (departement:92, commune:Nanterre)"
  })
)

/** A predecessor schéma. Its id is derived from its département and period. */
export const Predecesseur = Schema.Struct({
  periode: PeriodeTexte,
  nature: Evenements.NaturePredecesseur,
  departement: Schema.optionalKey(Territoire.CodeDepartement),
  intitule: Schema.optionalKey(Texte)
})

/** A partner institution. */
export const InstitutionFichier = Schema.Struct({ ref: Ref, nom: Texte, nature: Institution.NatureInstitution })

/** A person (signer, référent, contact): kept in the personal-data store, never in an event. */
export const Personne = Schema.Struct({
  ref: Ref,
  nom: Texte,
  prenom: Schema.optionalKey(Schema.String),
  email: Schema.optionalKey(Schema.String),
  telephone: Schema.optionalKey(Schema.String),
  fonction: Schema.optionalKey(Schema.String)
})

/** A meeting cadence: `{ minParAn, maxParAn?, moisIndicatifs? }`, `sur besoin` or `non documenté` (or `{ nonDocumente }`). */
export const Cadence = Schema.Union([
  Schema.Struct({
    minParAn: Entier,
    maxParAn: Schema.optionalKey(Entier),
    moisIndicatifs: Schema.optionalKey(Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }))))
  }),
  Schema.Literals(["sur besoin", "non documenté", "non documentée"]),
  Schema.Struct({ nonDocumente: Schema.String })
])

/** A member of a body: an institution in a role, and the person when known. */
export const Membre = Schema.Struct({
  institution: Ref,
  role: Gouvernance.Role,
  personne: Schema.optionalKey(Ref)
})

/** A composition: members by role, and the total when the text gives one ("37 membres"). */
export const Composition = Schema.Struct({ membres: Schema.Array(Membre), effectif: Schema.optionalKey(Entier) })

/** A contact or référent named for an institution (and the body, when given). */
export const Contact = Schema.Struct({ personne: Ref, institution: Ref, role: Gouvernance.Role })

/** A body of the governance. */
export const InstanceFichier = Schema.Struct({
  ref: Ref,
  nature: Gouvernance.NatureInstance,
  nom: Texte,
  cadence: Cadence,
  statut: Schema.optionalKey(Gouvernance.StatutInstance),
  duree: Schema.optionalKey(Texte),
  themes: Schema.optionalKey(Schema.Array(Theme.Theme)),
  missions: Schema.optionalKey(Textes),
  /** One composition, or several set one after the other (each becomes a `DefinirCompositionInstance`). */
  composition: Schema.optionalKey(Schema.Union([Composition, Schema.Array(Composition)])),
  contacts: Schema.optionalKey(Schema.Array(Contact))
})

/** A pilot: an institution, with its directorate when printed. */
export const Pilote = Schema.Union([Ref, Schema.Struct({ institution: Ref, direction: Schema.optionalKey(Texte) })])

/** A calendrier prévisionnel: `2022`, `2023 et suivantes`, `2022-2024`, or `{ debut?, fin?, ouvert, libelle }`. */
export const Calendrier = Schema.Union([
  Schema.Int,
  Schema.String,
  Schema.Struct({
    debut: Schema.optionalKey(Schema.Int),
    fin: Schema.optionalKey(Schema.Int),
    ouvert: Schema.optionalKey(Schema.Boolean),
    libelle: Schema.String
  })
])

/** Fields of a node of the plan, without its children. */
const champsNoeud = {
  ref: Ref,
  nature: Plan.NatureNoeud,
  code: Schema.optionalKey(Schema.String),
  titre: Texte,
  /** On an action or a fiche: its themes (action ↔ theme); on another node: themes every node under it inherits. */
  themes: Schema.optionalKey(Schema.Array(Theme.Theme)),
  descriptif: Schema.optionalKey(Schema.String),
  pilotes: Schema.optionalKey(Schema.Array(Pilote)),
  acteurs: Schema.optionalKey(Textes),
  calendrier: Schema.optionalKey(Calendrier),
  /** Indicators as the plan words them. */
  indicateurs: Schema.optionalKey(Textes),
  /** Indicators linked to their definitions (codes of `indicateurs` above the plan). */
  codesIndicateurs: Schema.optionalKey(Schema.Array(Indicateur.CodeIndicateur)),
  priorites: Schema.optionalKey(Textes),
  actionsCles: Schema.optionalKey(Textes),
  /** The bodies that carry the action (refs of `instances`). */
  instances: Schema.optionalKey(Schema.Array(Ref))
}

/** A node of the plan and the nodes under it. */
export interface NoeudFichier extends Schema.Struct.Type<typeof champsNoeud> {
  readonly enfants?: ReadonlyArray<NoeudFichier>
}
/** A node as written in the file. */
export interface NoeudFichierEncoded extends Schema.Struct.Encoded<typeof champsNoeud> {
  readonly enfants?: ReadonlyArray<NoeudFichierEncoded>
}
/** A node of the plan tree: an axe, objectif, fiche, action, piste... and its `enfants`. */
export const NoeudFichier: Schema.Codec<NoeudFichier, NoeudFichierEncoded> = Schema.Struct({
  ...champsNoeud,
  enfants: Schema.optionalKey(
    Schema.Array(Schema.suspend((): Schema.Codec<NoeudFichier, NoeudFichierEncoded> => NoeudFichier))
  )
}).annotate({ identifier: "Noeud" })

/** An indicator definition, as the domain defines it. */
export const IndicateurFichier = Indicateur.DefinitionIndicateur

/**
 * A figure as printed: a number (exact), `{ approchee, qualificatif }` ("environ 19"), `{ min?, max?, qualificatif? }`
 * ("plus de 40"), `true`/`false` (yes/no) or `{ modalite }` (a category).
 */
export const Mesure = Schema.Union([
  Schema.Finite,
  Schema.Boolean,
  Schema.Struct({ approchee: Schema.Finite, qualificatif: Texte }),
  Schema.Struct({
    min: Schema.optionalKey(Schema.Finite),
    max: Schema.optionalKey(Schema.Finite),
    qualificatif: Schema.optionalKey(Texte)
  }),
  Schema.Struct({ modalite: Texte })
])

/** An indicator value. */
export const Valeur = Schema.Struct({
  /** Optional: the value's id derives from it, else from its key (indicator, territory, period, breakdown). */
  ref: Schema.optionalKey(Ref),
  indicateur: Indicateur.CodeIndicateur,
  /** Default: the plan's département. */
  territoire: Schema.optionalKey(TerritoireTexte),
  /** A year, `YYYY-MM-DD/YYYY-MM-DD`, or `{ nonDocumente }`. */
  periode: Schema.Union([Schema.Int, Schema.String, Schema.Struct({ nonDocumente: Schema.String })]),
  ventilation: Schema.optionalKey(Schema.Record(Schema.String, Texte)),
  valeur: Mesure,
  /** Default: the unit of the indicator's definition in this file. */
  unite: Schema.optionalKey(Indicateur.Unite),
  source: TexteOuNonDocumente,
  methode: Schema.optionalKey(Schema.String),
  /** When the value was recorded (default: the entry's or the file's `enregistreLe`). */
  enregistreLe: Schema.optionalKey(Schema.String),
  /** The ref of an earlier value this one deliberately restates, and why. */
  remplace: Schema.optionalKey(Schema.Struct({ ref: Ref, motif: Texte }))
})

/** A signer, as printed. */
export const Signataire = Schema.Struct({
  personne: Schema.optionalKey(Ref),
  fonction: Schema.optionalKey(Texte),
  parDelegationDe: Schema.optionalKey(Schema.Struct({ fonction: Texte, personne: Schema.optionalKey(Ref) }))
})

const Vote = Schema.Union([
  Schema.Struct({
    mode: Schema.Literals(["unanimite", "majorite", "consensus"]),
    pour: Schema.optionalKey(Entier),
    contre: Schema.optionalKey(Entier),
    abstentions: Schema.optionalKey(Entier)
  }),
  Schema.Literals(["unanimite", "majorite", "consensus", "non documenté"]),
  Schema.Struct({ nonDocumente: Schema.String })
])

const Jour = Schema.String.annotate({ description: "A day, YYYY-MM-DD." })
const commun = { enregistreLe: Schema.optionalKey(Schema.String), note: Schema.optionalKey(Schema.String) }
const etape = <T extends string, F extends Schema.Struct.Fields>(type: T, fields: F) =>
  Schema.Struct({ type: Schema.Literal(type), ...commun, ...fields })

/**
 * One step of the timeline, by `type`. Steps are applied in file order after the élaboration, institutions, indicators,
 * bodies and plan; each becomes one command, so every rule of the domain applies (adoption before signatures...).
 */
export const Etape = Schema.Union([
  etape("evaluation-precedent", { le: Datation, constats: Schema.optionalKey(Textes) }),
  etape("diagnostic", {
    le: Datation,
    synthese: Schema.optionalKey(Schema.String),
    indicateurs: Schema.optionalKey(Schema.Array(Indicateur.CodeIndicateur))
  }),
  etape("concertation", {
    ref: Ref,
    forme: Schema.Literals(["seance", "atelier", "seminaire", "enquete", "groupe-de-travail"]),
    intitule: Texte,
    le: Datation,
    themes: Schema.optionalKey(Schema.Array(Theme.Theme)),
    participants: Schema.optionalKey(Entier)
  }),
  etape("installation-instance", { instance: Ref, le: Datation }),
  etape("cadence-instance", { instance: Ref, cadence: Cadence }),
  etape("composition-instance", { instance: Ref, membres: Schema.Array(Membre), effectif: Schema.optionalKey(Entier) }),
  etape("contact", { personne: Ref, institution: Ref, role: Gouvernance.Role, instance: Schema.optionalKey(Ref) }),
  etape("presentation-projet", { instance: Ref, le: Jour }),
  etape("adoption", { instance: Ref, objet: Schema.Literals(["schema", "orientations"]), le: Datation, vote: Vote }),
  etape("signature", {
    institution: Ref,
    signataires: Schema.Array(Signataire),
    lieu: Schema.optionalKey(Schema.String),
    le: Datation
  }),
  etape("mise-en-oeuvre", { le: Datation }),
  etape("priorites-annuelles", {
    annee: Schema.Int,
    instance: Ref,
    le: Datation,
    priorites: Schema.Array(
      Schema.Struct({
        libelle: Texte,
        theme: Schema.optionalKey(Theme.Theme),
        noeuds: Schema.optionalKey(Schema.Array(Ref))
      })
    )
  }),
  etape("feuille-de-route", {
    annee: Schema.Int,
    theme: Schema.optionalKey(Theme.Theme),
    instance: Schema.optionalKey(Ref),
    le: Datation,
    elements: Schema.optionalKey(Textes),
    noeuds: Schema.optionalKey(Schema.Array(Ref))
  }),
  etape("reunion", {
    ref: Schema.optionalKey(Ref),
    instance: Ref,
    le: Datation,
    ordreDuJour: Schema.optionalKey(Textes),
    decisions: Schema.optionalKey(Textes),
    participants: Schema.optionalKey(Entier)
  }),
  etape("avancement", {
    noeud: Ref,
    le: Datation,
    etat: Plan.EtatAvancement,
    commentaire: Schema.optionalKey(Schema.String)
  }),
  etape("valeurs", { valeurs: Schema.Array(Valeur) }),
  etape("appel-a-projets", {
    ref: Ref,
    intitule: Texte,
    le: Datation,
    themes: Schema.optionalKey(Schema.Array(Theme.Theme)),
    noeuds: Schema.optionalKey(Schema.Array(Ref)),
    partenaires: Schema.optionalKey(Schema.Array(Ref))
  }),
  etape("cloture-appel-a-projets", { appel: Ref, le: Jour, recues: Entier, retenues: Entier }),
  etape("labellisation", {
    ref: Ref,
    instance: Ref,
    label: Texte,
    le: Jour,
    places: Entier,
    structures: Schema.optionalKey(Entier)
  }),
  etape("bilan-annuel", { annee: Schema.Int, instance: Ref, le: Jour, realisations: Schema.optionalKey(Textes) }),
  etape("lettre-information", { numero: Schema.optionalKey(Entier), titre: Texte, le: Jour }),
  etape("prorogation", { nouvelleFin: Schema.Int, instance: Ref, le: Jour, motif: Schema.String }),
  etape("bilan-evaluatif", { instance: Ref, le: Jour, etapesPrevues: Schema.optionalKey(Textes) }),
  etape("recueil-indicateurs", { le: Jour, indicateurs: Schema.optionalKey(Schema.Array(Indicateur.CodeIndicateur)) }),
  etape("enquete-gestionnaires", {
    du: Jour,
    au: Jour,
    publics: Schema.optionalKey(Schema.Array(Theme.Theme)),
    repondants: Schema.optionalKey(Entier)
  }),
  etape("entretiens-cibles", {
    le: Datation,
    institutions: Schema.optionalKey(Schema.Array(Ref)),
    nombre: Schema.optionalKey(Entier)
  }),
  etape("seminaire-evaluation", {
    le: Jour,
    lieu: Schema.optionalKey(Schema.String),
    participants: Schema.optionalKey(Entier)
  }),
  etape("rapport-evaluation", {
    le: Datation,
    constats: Schema.optionalKey(Schema.Array(Schema.Struct({ noeud: Schema.optionalKey(Ref), constat: Texte }))),
    preconisations: Schema.optionalKey(Textes)
  }),
  etape("renouvellement", { le: Jour, periodeSuccesseur: PeriodeTexte }),
  etape("ambitions-successeur", {
    le: Jour,
    ambitions: Schema.optionalKey(Textes),
    objectifs: Schema.optionalKey(Textes)
  }),
  etape("adoption-successeur", {
    instance: Ref,
    le: Datation,
    periodeSuccesseur: PeriodeTexte,
    actionsReprises: Schema.optionalKey(Schema.Array(Ref))
  })
]).annotate({ identifier: "Etape" })
export type Etape = typeof Etape.Type

/** The types of timeline steps. */
export const typesEtapes: ReadonlyArray<Etape["type"]> = Etape.members.map((m) => m.fields.type.literal)

/** A plan file, format `sdsf-plan/1`. */
export const FichierPlan = Schema.Struct({
  format: Schema.Literal(FORMAT),
  departement: Territoire.CodeDepartement,
  periode: PeriodeTexte,
  intitule: Texte,
  regime: Evenements.Regime,
  /** The instant commands are recorded at (each command's `survenuLe`); default: the clock at import. */
  enregistreLe: Schema.optionalKey(Schema.String),
  /** When the élaboration started. */
  lance: Datation,
  predecesseurs: Schema.optionalKey(Schema.Array(Predecesseur)),
  institutions: Schema.optionalKey(Schema.Array(InstitutionFichier)),
  personnes: Schema.optionalKey(Schema.Array(Personne)),
  indicateurs: Schema.optionalKey(Schema.Array(IndicateurFichier)),
  instances: Schema.optionalKey(Schema.Array(InstanceFichier)),
  plan: Schema.optionalKey(Schema.Array(NoeudFichier)),
  chronologie: Schema.optionalKey(Schema.Array(Etape)),
  /** Values recorded after the timeline (values at a point of it go in a `valeurs` step). */
  valeurs: Schema.optionalKey(Schema.Array(Valeur))
}).annotate({ identifier: "FichierPlan", title: "SDSF plan file (sdsf-plan/1)" })
export type FichierPlan = typeof FichierPlan.Type

/**
 * The JSON Schema (draft 2020-12) of the format, unknown fields refused as the reader refuses them;
 * `schema/plan.schema.json` holds it (a test keeps them equal). It checks shapes; references, dates that are real days
 * and the domain's rules are checked by `PlanImport`.
 */
export const jsonSchema = (): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(FichierPlan, { onExcessProperty: "error", generateDescriptions: true })
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://sdsf.invalid/schema/plan.schema.json",
    ...doc.schema,
    $defs: doc.definitions
  }
}
