/**
 * fast-check arbitraries for every value, command and event of the domain, valid by construction.
 *
 * Effect 4 has no fast-check bridge: these are written by hand, and `test/Arbitraries.test.ts` checks that every
 * generated value passes `Schema.is` of its schema, so they cannot drift. `make(contexte)` builds the whole set
 * over chosen pools (one schéma id, a few institutions, bodies and nodes, a range of days) so that generated
 * commands often refer to one another; the module's own exports use fresh uuids and days from 2010 to 2035.
 *
 * @example
 * ```ts
 * import * as fc from "fast-check"
 * import { Arbitraries } from "@sdsf/domain/testing"
 *
 * fc.assert(fc.property(Arbitraries.evenement, (e) => typeof e._tag === "string"))
 * const pour92 = Arbitraries.make({ departement: fc.constant("92" as CodeDepartement) })
 * ```
 */
import * as fc from "fast-check"
import * as C from "../Commandes.ts"
import * as E from "../Evenements.ts"
import { Unite as UniteSchema } from "../Indicateur.ts"
import { NiveauTerritorial as NiveauSchema } from "../Territoire.ts"
import type { Cadence, Convocation, Instance, InstanceId, Membre, NatureInstance, Role } from "../Gouvernance.ts"
import type {
  Additivite,
  Categorie,
  CodeDimension,
  CodeIndicateur,
  DefinitionIndicateur,
  Dimension,
  Formule,
  Mesure,
  PeriodeObservee,
  Retraitement,
  Unite,
  ValeurId,
  ValeurIndicateur,
  Ventilation
} from "../Indicateur.ts"
import type { Institution, InstitutionId, NatureInstitution, Pilote } from "../Institution.ts"
import type { Calendrier, Periode } from "../Periode.ts"
import type { SujetRef } from "../Personne.ts"
import type { DetailsAction, EtatAvancement, ModificationNoeud, NatureNoeud, Noeud, NoeudId, Reprise } from "../Plan.ts"
import type {
  CodeArrondissement,
  CodeCommune,
  CodeDepartement,
  CodeEpci,
  CodeQpv,
  CodeRegion,
  NiveauTerritorial,
  Territoire
} from "../Territoire.ts"
import { type Annee, type Datation, type Instant, type Jour, type NonDocumente, anneeDe } from "../Temps.ts"
import type { Theme, ThemeTransversal } from "../Theme.ts"

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const JOUR_MS = 86_400_000

const uuid = <A extends string>(): fc.Arbitrary<A> => fc.uuid({ version: [4, 5] }).map((s) => s as A)

/** Required fields, and optional ones that are either absent or present (never `undefined`). */
const champs = <R extends object, O extends object>(
  requis: { readonly [K in keyof R]: fc.Arbitrary<R[K]> },
  optionnels: { readonly [K in keyof O]: fc.Arbitrary<O[K]> }
): fc.Arbitrary<R & Partial<O>> =>
  fc.tuple(fc.record(requis), fc.record(optionnels, { requiredKeys: [] })).map(([r, o]) =>
    ({ ...r, ...o }) as R & Partial<O>
  )

const texte = (exemples: ReadonlyArray<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...exemples) }, {
    weight: 1,
    arbitrary: fc.string({ maxLength: 30 })
  })

const texteNonVide = (exemples: ReadonlyArray<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...exemples) }, {
    weight: 1,
    arbitrary: fc.string({ minLength: 1, maxLength: 30 })
  })

const textes = (exemples: ReadonlyArray<string>, maxLength = 4): fc.Arbitrary<ReadonlyArray<string>> =>
  fc.array(texte(exemples), { maxLength })

const entier = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max })

// ---------------------------------------------------------------------------------------------------------------
// Time

const jourEntre = (debut: number, fin: number): fc.Arbitrary<Jour> =>
  fc.integer({ min: Date.UTC(debut, 0, 1) / JOUR_MS, max: Date.UTC(fin, 11, 31) / JOUR_MS })
    .map((d) => new Date(d * JOUR_MS).toISOString().slice(0, 10) as Jour)

const instantEntre = (debut: number, fin: number): fc.Arbitrary<Instant> =>
  fc.integer({ min: Date.UTC(debut, 0, 1), max: Date.UTC(fin, 11, 31, 23, 59, 59, 999) })
    .map((ms) => new Date(ms).toISOString() as Instant)

/** A calendar day between `debut` and `fin` (years, both included). */
export const jourDansAnnees: (debut: number, fin: number) => fc.Arbitrary<Jour> = jourEntre

/** An instant between `debut` and `fin` (years, both included), with milliseconds, in UTC. */
export const instantDansAnnees: (debut: number, fin: number) => fc.Arbitrary<Instant> = instantEntre

/** A calendar day from 2010 to 2035 (leap days included). */
export const jour: fc.Arbitrary<Jour> = jourEntre(2010, 2035)

/** An instant from 2010 to 2035. */
export const instant: fc.Arbitrary<Instant> = instantEntre(2010, 2035)

/** A fact not documented, with or without a note of what the document says. */
export const nonDocumente: fc.Arbitrary<NonDocumente> = champs(
  { _tag: fc.constant("NonDocumente" as const) },
  { note: texte(["signatures imprimées, adoption non documentée", "aucune source citée"]) }
)

/**
 * A date with its precision, around the given days: mostly a day, else the month or year of one, a range between two,
 * or not documented.
 */
export const datationDe = (j: fc.Arbitrary<Jour>): fc.Arbitrary<Datation> =>
  fc.oneof(
    { weight: 6, arbitrary: j.map((jour): Datation => ({ _tag: "Jour", jour })) },
    {
      weight: 1,
      arbitrary: j.map((d): Datation => ({ _tag: "Mois", annee: anneeDe(d), mois: Number(d.slice(5, 7)) }))
    },
    { weight: 1, arbitrary: j.map((d): Datation => ({ _tag: "Annee", annee: anneeDe(d) })) },
    {
      weight: 1,
      arbitrary: fc.tuple(j, j, fc.option(fc.constantFrom("février-mars", "d'ici à la fin juin"), { nil: undefined }))
        .map(
          ([a, b, libelle]): Datation => ({
            _tag: "Intervalle",
            du: a <= b ? a : b,
            au: a <= b ? b : a,
            ...(libelle === undefined ? {} : { libelle })
          })
        )
    },
    { weight: 1, arbitrary: nonDocumente }
  )

/** A date with its precision, from 2010 to 2035. */
export const datation: fc.Arbitrary<Datation> = datationDe(jour)

/** A year from 2010 to 2035. */
export const annee: fc.Arbitrary<Annee> = fc.integer({ min: 2010, max: 2035 }).map((y) => y as Annee)

// ---------------------------------------------------------------------------------------------------------------
// Territories

const deuxChiffres = (n: number): string => String(n).padStart(2, "0")

/** Every département code: 01-19, 2A, 2B, 21-95, 971-976. */
export const codesDepartements: ReadonlyArray<CodeDepartement> = [
  ...Array.from({ length: 19 }, (_, i) => deuxChiffres(i + 1)),
  "2A",
  "2B",
  ...Array.from({ length: 75 }, (_, i) => String(i + 21)),
  ...Array.from({ length: 6 }, (_, i) => String(971 + i))
].map((c) => c as CodeDepartement)

/** A département code, often one of the seeds' (75, 92, 93), Corsica and overseas included. */
export const codeDepartement: fc.Arbitrary<CodeDepartement> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(...(["75", "92", "93", "2A", "2B", "971", "976"] as const)).map((c) =>
      c as CodeDepartement
    )
  },
  { weight: 2, arbitrary: fc.constantFrom(...codesDepartements) }
)

/** A commune code of the given département (`92050`, `2A004`, `97411`). */
export const codeCommuneDe = (departement: CodeDepartement): fc.Arbitrary<CodeCommune> =>
  departement.length === 3
    ? fc.integer({ min: 1, max: 99 }).map((n) => `${departement}${deuxChiffres(n)}` as CodeCommune)
    : fc.integer({ min: 1, max: 999 }).map((n) => `${departement}${String(n).padStart(3, "0")}` as CodeCommune)

/** A commune code, consistent with a département code. */
export const codeCommune: fc.Arbitrary<CodeCommune> = codeDepartement.chain(codeCommuneDe)

/** Every municipal arrondissement: Paris 75101-75120, Lyon 69381-69389, Marseille 13201-13216. */
export const codesArrondissements: ReadonlyArray<CodeArrondissement> = [
  ...Array.from({ length: 20 }, (_, i) => `751${deuxChiffres(i + 1)}`),
  ...Array.from({ length: 9 }, (_, i) => `6938${i + 1}`),
  ...Array.from({ length: 16 }, (_, i) => `132${deuxChiffres(i + 1)}`)
].map((c) => c as CodeArrondissement)

/** A municipal arrondissement code. */
export const codeArrondissement: fc.Arbitrary<CodeArrondissement> = fc.constantFrom(...codesArrondissements)

/** An EPCI or EPT SIREN (9 digits, starting with 2 as theirs do: `200057875` Est Ensemble). */
export const codeEpci: fc.Arbitrary<CodeEpci> = fc.integer({ min: 200_000_000, max: 249_999_999 }).map((n) =>
  String(n) as CodeEpci
)

/** A QPV code: the 2015 list (`QP093001`) or the 2024 one (`QN` then 5 to 7 letters or digits). */
export const codeQpv: fc.Arbitrary<CodeQpv> = fc.oneof(
  fc.tuple(codeDepartement, fc.integer({ min: 1, max: 999 })).map(([d, n]) =>
    `QP${d.padStart(3, "0")}${String(n).padStart(3, "0")}` as CodeQpv
  ),
  fc.stringMatching(/^QN[0-9A-Z]{5,7}$/).map((s) => s as CodeQpv)
)

/** A région code (INSEE, since 2016). */
export const codeRegion: fc.Arbitrary<CodeRegion> = fc
  .constantFrom(
    "01",
    "02",
    "03",
    "04",
    "06",
    "11",
    "24",
    "27",
    "28",
    "32",
    "44",
    "52",
    "53",
    "75",
    "76",
    "84",
    "93",
    "94"
  )
  .map((s) => s as CodeRegion)

/** A territory level. */
export const niveauTerritorial: fc.Arbitrary<NiveauTerritorial> = fc.constantFrom(...NiveauSchema.literals)

/** A territory of any level. */
export const territoire: fc.Arbitrary<Territoire> = fc.oneof(
  fc.constant({ niveau: "france" as const }),
  fc.constant({ niveau: "france" as const, perimetre: "metropolitaine" as const }),
  codeRegion.map((code) => ({ niveau: "region" as const, code })),
  codeDepartement.map((code) => ({ niveau: "departement" as const, code })),
  codeEpci.map((code) => ({ niveau: "epci" as const, code })),
  codeCommune.map((code) => ({ niveau: "commune" as const, code })),
  codeArrondissement.map((code) => ({ niveau: "arrondissement" as const, code })),
  codeQpv.map((code) => ({ niveau: "qpv" as const, code }))
)

// ---------------------------------------------------------------------------------------------------------------
// Periods, themes

/** A schéma's period: starting 2010-2030, 1 to 8 years long (beyond 6 is the atypical case). */
export const periode: fc.Arbitrary<Periode> = fc
  .tuple(fc.integer({ min: 2010, max: 2030 }), fc.integer({ min: 1, max: 8 }))
  .map(([debut, n]) => ({ debut: debut as Annee, fin: (debut + n - 1) as Annee }))

/** A calendrier prévisionnel whose years lie between `debut` and `fin`, labelled as plans write it. */
export const calendrierEntre = (debut: number, fin: number): fc.Arbitrary<Calendrier> => {
  const an = fc.integer({ min: debut, max: fin })
  return fc.oneof(
    an.map((d): Calendrier => ({ debut: d as Annee, ouvert: false, libelle: String(d) })),
    an.map((d): Calendrier => ({ debut: d as Annee, ouvert: true, libelle: `${d} et suivantes` })),
    fc.tuple(an, an).map(([a, b]): Calendrier => ({
      debut: Math.min(a, b) as Annee,
      fin: Math.max(a, b) as Annee,
      ouvert: false,
      libelle: `${Math.min(a, b)}-${Math.max(a, b)}`
    })),
    an.map((f): Calendrier => ({ fin: f as Annee, ouvert: false, libelle: `d'ici ${f}` })),
    fc.constantFrom("", "En continu", "Durée du schéma").map((libelle): Calendrier => ({ ouvert: false, libelle }))
  )
}

/** A calendrier prévisionnel ("2022", "2023 et suivantes", "2022-2024"). */
export const calendrier: fc.Arbitrary<Calendrier> = calendrierEntre(2010, 2035)

/** A transversal theme (`transversal:handicap`). */
export const themeTransversal: fc.Arbitrary<ThemeTransversal> = fc.oneof(
  fc.constantFrom(
    "transversal:handicap",
    "transversal:acces-aux-droits",
    "transversal:inclusion",
    "transversal:qpv",
    "transversal:numerique"
  ),
  fc.stringMatching(/^transversal:[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/)
).map((s) => s as ThemeTransversal)

/** A theme: one of the four of every SDSF, or a transversal one. */
export const theme: fc.Arbitrary<Theme> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom("petite-enfance", "parentalite", "enfance-jeunesse", "animation-vie-sociale")
  },
  { weight: 1, arbitrary: themeTransversal }
)

const themes: fc.Arbitrary<ReadonlyArray<Theme>> = fc.uniqueArray(theme, { maxLength: 3 })

// ---------------------------------------------------------------------------------------------------------------
// Institutions, people, governance

const nomsInstitutions: Readonly<Record<NatureInstitution, ReadonlyArray<string>>> = {
  prefecture: ["Préfecture des Hauts-de-Seine", "Préfecture de la Seine-Saint-Denis", "Préfecture de Paris"],
  "conseil-departemental": [
    "Conseil départemental des Hauts-de-Seine",
    "Conseil départemental de la Seine-Saint-Denis"
  ],
  caf: ["Caf des Hauts-de-Seine", "Caf de la Seine-Saint-Denis", "Caf de Paris"],
  msa: ["MSA Île-de-France"],
  cpam: ["CPAM des Hauts-de-Seine", "CPAM de la Seine-Saint-Denis"],
  udaf: ["UDAF 92", "UDAF 93"],
  "education-nationale": ["DSDEN des Hauts-de-Seine", "Académie de Créteil"],
  justice: ["Cour d'appel de Versailles", "Cour d'appel de Paris"],
  "france-travail": ["France Travail Île-de-France"],
  "association-des-maires": ["Association des maires des Hauts-de-Seine", "Union des maires de la Seine-Saint-Denis"],
  commune: ["Ville de Paris", "Ville de Nanterre", "Ville de Saint-Denis"],
  epci: ["Est Ensemble", "Plaine Commune", "Paris Ouest La Défense"],
  "service-etat": ["DDETS des Hauts-de-Seine"],
  "federation-associative": ["Fédération des centres sociaux"],
  association: ["ACEPP", "École des parents et des éducateurs"],
  gestionnaire: ["People&Baby", "Crèches de France"],
  universite: ["Université Paris Nanterre"],
  consultant: ["Cabinet Enéis by KPMG", "FORS Recherche sociale"],
  autre: ["Comité d'entreprise"]
}

/** The nature of an institution. */
export const natureInstitution: fc.Arbitrary<NatureInstitution> = fc.constantFrom(
  ...(Object.keys(nomsInstitutions) as ReadonlyArray<NatureInstitution>)
)

/** An institution's id. */
export const institutionId: fc.Arbitrary<InstitutionId> = uuid<InstitutionId>()

/** A person's subject reference. */
export const sujetRef: fc.Arbitrary<SujetRef> = uuid<SujetRef>()

/** A body's id. */
export const instanceId: fc.Arbitrary<InstanceId> = uuid<InstanceId>()

/** A plan node's id. */
export const noeudId: fc.Arbitrary<NoeudId> = uuid<NoeudId>()

/** An indicator value's id. */
export const valeurId: fc.Arbitrary<ValeurId> = uuid<ValeurId>()

/** A schéma's id. */
export const schemaId: fc.Arbitrary<E.SchemaId> = uuid<E.SchemaId>()

/** An institution of the given nature, named as the seeds name them. */
export const institutionDe = (
  id: fc.Arbitrary<InstitutionId>,
  nature: fc.Arbitrary<NatureInstitution> = natureInstitution
): fc.Arbitrary<Institution> =>
  fc.tuple(id, nature).chain(([institutionId, nature]) =>
    fc.constantFrom(...nomsInstitutions[nature]).map((nom): Institution => ({ institutionId, nom, nature }))
  )

/** An institution. */
export const institution: fc.Arbitrary<Institution> = institutionDe(institutionId)

const directions = [
  "Politique Parentalité",
  "Direction de l'action sociale",
  "PMI",
  "Direction des familles et de la petite enfance"
]

/** A pilot over the given institution ids. */
export const piloteDe = (id: fc.Arbitrary<InstitutionId>): fc.Arbitrary<Pilote> =>
  champs({ institutionId: id }, { direction: fc.constantFrom(...directions) })

/** A pilot: an institution and, often, one of its directorates. */
export const pilote: fc.Arbitrary<Pilote> = piloteDe(institutionId)

/** A body's nature. */
export const natureInstance: fc.Arbitrary<NatureInstance> = fc.constantFrom(
  "cdsf",
  "copil",
  "cotech",
  "comite-thematique",
  "groupe-de-travail",
  "comite-labellisation",
  "cellule-veille",
  "comite-financement",
  "equipe-projet",
  "autre"
)

/** A role in a body. */
export const role: fc.Arbitrary<Role> = fc.constantFrom(
  "president",
  "co-president",
  "vice-president",
  "secretariat",
  "secretaire-general",
  "animateur",
  "co-animateur",
  "referent-technique",
  "membre-permanent",
  "contributeur-occasionnel",
  "coordinateur",
  "referent-operationnel",
  "membre"
)

/** A meeting cadence (the CDSF once a year, a COPIL three times in Feb/May/Sep...). */
export const cadence: fc.Arbitrary<Cadence> = fc.integer({ min: 0, max: 4 }).chain((minParAn) =>
  champs(
    { minParAn: fc.constant(minParAn) },
    {
      maxParAn: fc.integer({ min: minParAn, max: minParAn + 3 }),
      moisIndicatifs: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }).map((ms) =>
        [...ms].sort((a, b) => a - b)
      )
    }
  )
)

/** How a body meets: a cadence (mostly), when needed, or not documented. */
export const convocation: fc.Arbitrary<Convocation> = fc.oneof(
  { weight: 4, arbitrary: cadence },
  { weight: 1, arbitrary: fc.constant({ _tag: "SurBesoin" as const }) },
  { weight: 1, arbitrary: nonDocumente }
)

const nomsInstances: Readonly<Record<NatureInstance, ReadonlyArray<string>>> = {
  cdsf: ["Comité départemental des services aux familles", "CPSF / COFIL"],
  copil: ["Comité de pilotage"],
  cotech: ["Comité technique"],
  "comite-thematique": [
    "Comité thématique petite enfance",
    "Comité thématique parentalité",
    "Comité thématique jeunesse"
  ],
  "groupe-de-travail": ["Groupe de travail axe 5", "Groupe de travail accès aux droits"],
  "comite-labellisation": ["Comité de labellisation AVIP"],
  "cellule-veille": ["Cellule de veille"],
  "comite-financement": ["Comité des financeurs"],
  "equipe-projet": ["Équipe projet"],
  autre: ["Réseau des coordinateurs"]
}

/** A body of the governance, of a nature drawn from `nature`. */
export const instanceDe = (
  id: fc.Arbitrary<InstanceId>,
  nature: fc.Arbitrary<NatureInstance> = natureInstance
): fc.Arbitrary<Instance> =>
  fc.tuple(id, nature).chain(([instanceId, nature]) =>
    champs({
      instanceId: fc.constant(instanceId),
      nature: fc.constant(nature),
      nom: fc.constantFrom(...nomsInstances[nature]),
      cadence: convocation,
      themes,
      missions: textes([
        "Suivre la mise en œuvre du schéma",
        "Arbitrer les priorités annuelles",
        "Animer le réseau des partenaires"
      ], 3)
    }, {
      statut: fc.constantFrom("proposee" as const, "installee" as const),
      duree: fc.constantFrom("un calendrier sur 1 an", "le temps de l'élaboration")
    })
  )

/** A body of the governance. */
export const instance: fc.Arbitrary<Instance> = instanceDe(instanceId)

/** A member of a body over the given institution ids. */
export const membreDe = (id: fc.Arbitrary<InstitutionId>): fc.Arbitrary<Membre> =>
  champs({ institutionId: id, role }, { sujet: sujetRef })

/** A member of a body. */
export const membre: fc.Arbitrary<Membre> = membreDe(institutionId)

// ---------------------------------------------------------------------------------------------------------------
// Indicators

/** An indicator code: the Cnaf ones and slugs. */
export const codeIndicateur: fc.Arbitrary<CodeIndicateur> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "txcouv",
      "txcouv-eaje",
      "pl-eaje",
      "pl-am",
      "pl-gad",
      "pl-prescol",
      "enfants-moins-3-ans",
      "places-avip-soutenues",
      "referents-insertion",
      "taux-occupation"
    )
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{1,6}([_-][a-z0-9]{1,6}){0,3}$/) }
).map((s) => s as CodeIndicateur)

/** A unit. */
export const unite: fc.Arbitrary<Unite> = fc.constantFrom(...UniteSchema.literals)

const sommables: ReadonlyArray<Unite> = [
  "nombre",
  "places",
  "euros",
  "heures",
  "jours",
  "etp",
  "euros-par-mois",
  "euros-par-an"
]

/** An additivity a unit can have: rates, ratios, yes/no and categories only `aucune` (the decider refuses others). */
export const additiviteDe = (u: Unite): fc.Arbitrary<Additivite> =>
  sommables.includes(u) ? fc.constantFrom("somme", "moyenne", "aucune") : fc.constant("aucune")

/** A breakdown dimension's code. */
export const codeDimension: fc.Arbitrary<CodeDimension> = fc
  .constantFrom("type-structure", "gestion", "tranche-age", "secteur")
  .map((s) => s as CodeDimension)

const modalitesExemples = ["public", "prive", "municipale", "associative", "0-5 ans", "moins de 3 ans", "3-6 ans"]

/** A breakdown dimension, with or without a closed list of categories. */
export const dimension: fc.Arbitrary<Dimension> = champs(
  { code: codeDimension, libelle: texteNonVide(["Type de structure", "Gestion", "Tranche d'âge"]) },
  { modalites: fc.uniqueArray(texteNonVide(modalitesExemples), { minLength: 1, maxLength: 4 }) }
)

/** A breakdown: one category for some dimensions. */
export const ventilation: fc.Arbitrary<Ventilation> = fc.dictionary(codeDimension, texteNonVide(modalitesExemples), {
  minKeys: 1,
  maxKeys: 2
}) as fc.Arbitrary<Ventilation>

/** A measure of a unit: yes/no for `oui-non`, a category for `modalite`, else exact, approximate or a range. */
export const mesureDe = (u: Unite): fc.Arbitrary<Mesure> =>
  u === "oui-non"
    ? fc.boolean().map((valeur): Mesure => ({ nature: "oui-non", valeur }))
    : u === "modalite"
    ? texteNonVide(["oui", "en projet", "municipale"]).map((valeur): Mesure => ({ nature: "modalite", valeur }))
    : fc.oneof(
      { weight: 4, arbitrary: nombre.map((valeur): Mesure => ({ nature: "exacte", valeur })) },
      {
        weight: 1,
        arbitrary: fc.tuple(nombre, texteNonVide(["environ", "près de", "avoisinant"]))
          .map(([valeur, qualificatif]): Mesure => ({ nature: "approchee", valeur, qualificatif }))
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          nombre,
          nombre,
          fc.constantFrom("min", "max", "both"),
          fc.option(texteNonVide(["plus de", "moins de", "de ... à"]), { nil: undefined })
        )
          .map(([a, b, bornes, qualificatif]): Mesure => {
            const [min, max] = a <= b ? [a, b] : [b, a]
            const q = qualificatif === undefined ? {} : { qualificatif }
            return bornes === "min"
              ? { nature: "intervalle", min, ...q }
              : bornes === "max"
              ? { nature: "intervalle", max, ...q }
              : { nature: "intervalle", min, max, ...q }
          })
      }
    )

/** A measure of any unit. */
export const mesure: fc.Arbitrary<Mesure> = unite.chain(mesureDe)

/** A category. */
export const categorie: fc.Arbitrary<Categorie> = fc.constantFrom(
  "effectif",
  "taux",
  "taux-de-couverture",
  "ratio",
  "montant",
  "autre"
)

/** A finite number as figures are written: integers and one or two decimals, never `-0`. */
export const nombre: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000, max: 100_000 }),
  fc.integer({ min: -10_000, max: 1_000_000 }).map((n) => (n === 0 ? 0 : n / 100))
)

/** A formula over indicators, at most `profondeur` operators deep. */
export const formuleDe = (code: fc.Arbitrary<CodeIndicateur>, profondeur = 3): fc.Arbitrary<Formule> =>
  fc.letrec<{ formule: Formule }>((tie) => ({
    formule: fc.oneof(
      { maxDepth: profondeur, depthIdentifier: "formule" },
      code.map((c): Formule => ({ op: "ref", code: c })),
      nombre.map((valeur): Formule => ({ op: "const", valeur })),
      fc.tuple(fc.constantFrom("add", "sub", "mul", "div"), fc.array(tie("formule"), { minLength: 2, maxLength: 4 }))
        .map(([op, args]): Formule => ({ op, args }))
    )
  })).formule

/** A formula (recursive, at most 3 operators deep). */
export const formule: fc.Arbitrary<Formule> = formuleDe(codeIndicateur)

const libellesIndicateurs = [
  "Taux de couverture global",
  "Places AVIP soutenues",
  "Nombre de référents insertion",
  "Part des enfants pauvres",
  "Nombre d'EAJE",
  "Taux d'occupation"
]

/** An indicator's definition over the given codes. */
export const definitionIndicateurDe = (code: fc.Arbitrary<CodeIndicateur>): fc.Arbitrary<DefinitionIndicateur> =>
  unite.chain((u) =>
    champs(
      {
        code,
        libelle: texteNonVide(libellesIndicateurs),
        unite: fc.constant(u),
        categorie,
        additivite: additiviteDe(u),
        niveaux: fc.uniqueArray(niveauTerritorial, { minLength: 1, maxLength: 4 })
      },
      {
        dimensions: fc.uniqueArray(dimension, { maxLength: 2, selector: (d) => d.code }),
        formule: formuleDe(code),
        description: texte(["Source : Cnaf, données ouvertes", "Calcul ONAPE"])
      }
    )
  )

/** An indicator's definition. */
export const definitionIndicateur: fc.Arbitrary<DefinitionIndicateur> = definitionIndicateurDe(codeIndicateur)

/** The period a value describes, over the given days and years. */
export const periodeObserveeDe = (j: fc.Arbitrary<Jour>, a: fc.Arbitrary<Annee>): fc.Arbitrary<PeriodeObservee> =>
  fc.oneof(
    a.map((annee): PeriodeObservee => ({ annee })),
    fc.tuple(j, j).map(([x, y]): PeriodeObservee => (x <= y ? { du: x, au: y } : { du: y, au: x }))
  )

/** The period a value describes: a year or a date range. */
export const periodeObservee: fc.Arbitrary<PeriodeObservee> = periodeObserveeDe(jour, annee)

const sources = ["CAF", "Cnaf open data", "CD93", "INSEE", "PMI", "Caf des Hauts-de-Seine"]

/** An indicator value over the given ids, codes, days and instants. */
export const valeurIndicateurDe = (o: {
  readonly valeurId: fc.Arbitrary<ValeurId>
  readonly code: fc.Arbitrary<CodeIndicateur>
  readonly territoire: fc.Arbitrary<Territoire>
  readonly periode: fc.Arbitrary<PeriodeObservee>
  readonly instant: fc.Arbitrary<Instant>
}): fc.Arbitrary<ValeurIndicateur> =>
  unite.chain((u) =>
    champs(
      {
        valeurId: o.valeurId,
        indicateur: o.code,
        territoire: o.territoire,
        periode: fc.oneof({ weight: 8, arbitrary: o.periode }, { weight: 1, arbitrary: nonDocumente }),
        mesure: mesureDe(u),
        unite: fc.constant(u),
        source: fc.oneof({ weight: 6, arbitrary: texteNonVide(sources) }, { weight: 1, arbitrary: nonDocumente }),
        enregistreLe: o.instant
      },
      {
        ventilation,
        methode: texte(["Déclaratif", "Données Cnaf au 31/12", "Estimation"]),
        retraitement: champs<Retraitement, Pick<Retraitement, "motif">>(
          { remplace: o.valeurId },
          { motif: texteNonVide(["Chiffre définitif de la Caf", "Erreur de saisie corrigée"]) }
        )
      }
    )
  )

/** An indicator value. */
export const valeurIndicateur: fc.Arbitrary<ValeurIndicateur> = valeurIndicateurDe({
  valeurId,
  code: codeIndicateur,
  territoire,
  periode: periodeObservee,
  instant
})

// ---------------------------------------------------------------------------------------------------------------
// Plan

/** A node's nature. */
export const natureNoeud: fc.Arbitrary<NatureNoeud> = fc.constantFrom(
  "objectif-general",
  "groupe",
  "axe",
  "objectif-strategique",
  "objectif",
  "orientation",
  "fiche",
  "action",
  "piste"
)

/** An action's progress. */
export const etatAvancement: fc.Arbitrary<EtatAvancement> = fc.constantFrom(
  "a-formaliser",
  "formalisee",
  "demarree",
  "en-cours",
  "realisee",
  "reportee",
  "suspendue",
  "abandonnee"
)

/** What an action or fiche says, over the given pilots, bodies, codes and calendriers. */
export const detailsActionDe = (o: {
  readonly pilote: fc.Arbitrary<Pilote>
  readonly instanceId: fc.Arbitrary<InstanceId>
  readonly code: fc.Arbitrary<CodeIndicateur>
  readonly calendrier: fc.Arbitrary<Calendrier>
}): fc.Arbitrary<DetailsAction> =>
  champs(
    {
      pilotes: fc.array(o.pilote, { maxLength: 3 }),
      acteurs: textes(["Communes", "Conseil départemental (PMI notamment)", "Gestionnaires", "Caf", "Associations"], 3),
      indicateurs: textes(["Taux d'occupation", "Nombre de places créées", "Nombre de familles accompagnées"], 3),
      codesIndicateurs: fc.uniqueArray(o.code, { maxLength: 2 }),
      priorites: textes(["Développer l'offre d'accueil en QPV", "Mieux informer les familles"], 2),
      actionsCles: textes(["Soutenir les projets de micro-crèches", "Déployer les LAEP itinérants"], 2),
      themes,
      instances: fc.uniqueArray(o.instanceId, { maxLength: 2 })
    },
    {
      descriptif: texte(["Favoriser l'accès des familles aux modes d'accueil", "Renforcer le maillage des LAEP"]),
      calendrier: o.calendrier
    }
  )

/** What an action or fiche says. */
export const detailsAction: fc.Arbitrary<DetailsAction> = detailsActionDe({
  pilote,
  instanceId,
  code: codeIndicateur,
  calendrier
})

const titres: Readonly<Record<NatureNoeud, ReadonlyArray<string>>> = {
  "objectif-general": ["Développer un réseau d'acteurs de proximité", "Aller vers les familles"],
  groupe: ["Petite enfance", "Enjeux transversaux"],
  axe: ["Accès aux services", "Inclusion", "Soutenir la parentalité"],
  "objectif-strategique": ["Objectif stratégique A", "Réduire les inégalités territoriales"],
  objectif: ["Développer l'offre d'accueil du jeune enfant", "Améliorer l'information des familles"],
  orientation: ["Conforter l'animation de la vie sociale"],
  fiche: ["Fiche 5.1 - Accès aux droits", "Fiche 5.2 - Médiation familiale"],
  action: ["Créer des places AVIP", "Déployer un guichet unique petite enfance", "Soutenir les CLAS"],
  piste: ["✓ Mobiliser les RPE", "✓ Organiser des cafés des parents"]
}

/** A node of the plan over the given ids and details. */
export const noeudDe = (o: {
  readonly noeudId: fc.Arbitrary<NoeudId>
  readonly parentId: fc.Arbitrary<NoeudId>
  readonly nature: fc.Arbitrary<NatureNoeud>
  readonly details: fc.Arbitrary<DetailsAction>
  readonly schemaId: fc.Arbitrary<E.SchemaId>
}): fc.Arbitrary<Noeud> =>
  o.nature.chain((nature) =>
    champs(
      {
        noeudId: o.noeudId,
        nature: fc.constant(nature),
        titre: texteNonVide(titres[nature]),
        rang: fc.integer({ min: 0, max: 12 })
      },
      {
        code: fc.constantFrom("1", "1.1", "5.2", "A", "OBJECTIF 3", ""),
        parentId: o.parentId,
        details: o.details,
        repriseDe: fc.record({ schemaId: o.schemaId, noeudId: o.noeudId }).map((r): Reprise => r),
        themes
      }
    )
  )

/** A node of the plan. */
export const noeud: fc.Arbitrary<Noeud> = noeudDe({
  noeudId,
  parentId: noeudId,
  nature: natureNoeud,
  details: detailsAction,
  schemaId
})

/** A redrafting of a node over the given details. */
export const modificationNoeudDe = (details: fc.Arbitrary<DetailsAction>): fc.Arbitrary<ModificationNoeud> =>
  champs(
    {},
    {
      code: fc.constantFrom("1", "2.3", "B"),
      titre: texteNonVide(titres.action),
      rang: fc.integer({ min: 0, max: 12 }),
      details,
      themes
    }
  )

/** A redrafting of a node (only what changes). */
export const modificationNoeud: fc.Arbitrary<ModificationNoeud> = modificationNoeudDe(detailsAction)

// ---------------------------------------------------------------------------------------------------------------
// Values carried by events

/** Whether a schéma falls under décret n°2021-1644. */
export const regime: fc.Arbitrary<E.Regime> = fc.constantFrom("decret-2021-1644", "anterieur")

/** How a body voted (unanimity, majority with counts...). */
export const vote: fc.Arbitrary<E.Vote> = champs(
  { mode: fc.constantFrom("unanimite", "majorite", "consensus") },
  { pour: entier(37), contre: entier(37), abstentions: entier(37) }
)

/** A vote as documented, or not documented. */
export const voteDocumente: fc.Arbitrary<E.Vote | NonDocumente> = fc.oneof({ weight: 4, arbitrary: vote }, {
  weight: 1,
  arbitrary: nonDocumente
})

/** One signer as printed: name, function, "par délégation", any of them absent. */
export const signataireDe = (sujet: fc.Arbitrary<SujetRef>): fc.Arbitrary<E.Signataire> =>
  champs({}, {
    sujet,
    fonction: fc.constantFrom("Préfet", "Président du Conseil départemental", "Directrice de la Caf"),
    parDelegationDe: champs({ fonction: fc.constantFrom("Le Préfet", "Le Président du Conseil départemental") }, {
      sujet
    })
  })

/** A predecessor over the given ids, départements and periods. */
export const predecesseurDe = (o: {
  readonly schemaId: fc.Arbitrary<E.SchemaId>
  readonly departement: fc.Arbitrary<CodeDepartement>
  readonly periode: fc.Arbitrary<Periode>
}): fc.Arbitrary<E.Predecesseur> =>
  champs({
    ...o,
    nature: fc.constantFrom(
      "sdsf",
      "schema-animation-vie-sociale",
      "schema-petite-enfance",
      "schema-parentalite",
      "autre"
    )
  }, {
    intitule: fc.constantFrom("Schéma départemental d'animation de la vie sociale 2018-2022", "SDSF 2016-2020")
  })

/** A predecessor schéma. */
export const predecesseur: fc.Arbitrary<E.Predecesseur> = predecesseurDe({
  schemaId,
  departement: codeDepartement,
  periode
})

/** A yearly priority over the given nodes. */
export const prioriteDe = (n: fc.Arbitrary<NoeudId>): fc.Arbitrary<E.Priorite> =>
  champs({
    libelle: texteNonVide(["Développer les places AVIP", "Renforcer les LAEP"]),
    noeuds: fc.uniqueArray(n, { maxLength: 3 })
  }, { theme })

/** A yearly priority. */
export const priorite: fc.Arbitrary<E.Priorite> = prioriteDe(noeudId)

/** A finding of the evaluation report over the given nodes. */
export const constatDe = (n: fc.Arbitrary<NoeudId>): fc.Arbitrary<E.Constat> =>
  champs({ constat: texteNonVide(["Objectif atteint", "Action non démarrée", "Gouvernance à simplifier"]) }, {
    noeudId: n
  })

/** A finding of the evaluation report. */
export const constat: fc.Arbitrary<E.Constat> = constatDe(noeudId)

// ---------------------------------------------------------------------------------------------------------------
// Commands and events

/** The pools a set of arbitraries draws from; `make` fills what is not given. */
export interface Contexte {
  readonly schemaId: fc.Arbitrary<E.SchemaId>
  /** Other schémas: predecessors, successors, the origin of carried-over actions. */
  readonly schemaLie: fc.Arbitrary<E.SchemaId>
  readonly departement: fc.Arbitrary<CodeDepartement>
  readonly institutionId: fc.Arbitrary<InstitutionId>
  /** The institutions recorded; defaults to any nature over `institutionId`. */
  readonly institution: fc.Arbitrary<Institution>
  readonly instanceId: fc.Arbitrary<InstanceId>
  readonly natureInstance: fc.Arbitrary<NatureInstance>
  readonly membres: fc.Arbitrary<ReadonlyArray<Membre>>
  readonly noeudId: fc.Arbitrary<NoeudId>
  readonly natureNoeud: fc.Arbitrary<NatureNoeud>
  readonly valeurId: fc.Arbitrary<ValeurId>
  readonly reunionId: fc.Arbitrary<string>
  readonly appelId: fc.Arbitrary<string>
  readonly sujet: fc.Arbitrary<SujetRef>
  readonly codeIndicateur: fc.Arbitrary<CodeIndicateur>
  readonly territoire: fc.Arbitrary<Territoire>
  readonly periode: fc.Arbitrary<Periode>
  readonly calendrier: fc.Arbitrary<Calendrier>
  readonly annee: fc.Arbitrary<Annee>
  readonly jour: fc.Arbitrary<Jour>
  readonly instant: fc.Arbitrary<Instant>
}

type Champs<K extends C.TypeCommande> = Omit<ConstructorParameters<(typeof C.Commande.cases)[K]>[0], "_tag">

/** One arbitrary per command tag. */
export type ArbitrairesCommandes = {
  readonly [K in C.TypeCommande]: fc.Arbitrary<Extract<C.Commande, { readonly _tag: K }>>
}

/** One arbitrary per event tag. */
export type ArbitrairesEvenements = {
  readonly [K in E.TypeEvenement]: fc.Arbitrary<Extract<E.Evenement, { readonly _tag: K }>>
}

/** Every value, command and event arbitrary, drawing ids, days and codes from the given pools. */
export const make = (pools: Partial<Contexte> = {}) => {
  const institutionIdP = pools.institutionId ?? institutionId
  const instanceIdP = pools.instanceId ?? instanceId
  const noeudIdP = pools.noeudId ?? noeudId
  const codeP = pools.codeIndicateur ?? codeIndicateur
  const jourP = pools.jour ?? jour
  const dateP = datationDe(jourP)
  const anneeP = pools.annee ?? annee
  const ctx: Contexte = {
    schemaId: pools.schemaId ?? schemaId,
    schemaLie: pools.schemaLie ?? schemaId,
    departement: pools.departement ?? codeDepartement,
    institutionId: institutionIdP,
    institution: pools.institution ?? institutionDe(institutionIdP),
    instanceId: instanceIdP,
    natureInstance: pools.natureInstance ?? natureInstance,
    membres: pools.membres ?? fc.array(membreDe(institutionIdP), { maxLength: 6 }),
    noeudId: noeudIdP,
    natureNoeud: pools.natureNoeud ?? natureNoeud,
    valeurId: pools.valeurId ?? valeurId,
    reunionId: pools.reunionId ?? fc.uuid({ version: [4, 5] }),
    appelId: pools.appelId ?? fc.uuid({ version: [4, 5] }),
    sujet: pools.sujet ?? sujetRef,
    codeIndicateur: codeP,
    territoire: pools.territoire ?? territoire,
    periode: pools.periode ?? periode,
    calendrier: pools.calendrier ?? calendrier,
    annee: anneeP,
    jour: jourP,
    instant: pools.instant ?? instant
  }
  const details = detailsActionDe({
    pilote: piloteDe(institutionIdP),
    instanceId: instanceIdP,
    code: codeP,
    calendrier: ctx.calendrier
  })
  const noeudP = noeudDe({
    noeudId: noeudIdP,
    parentId: noeudIdP,
    nature: ctx.natureNoeud,
    details,
    schemaId: ctx.schemaLie
  })
  const modificationP = modificationNoeudDe(details)
  const valeurP = valeurIndicateurDe({
    valeurId: ctx.valeurId,
    code: codeP,
    territoire: ctx.territoire,
    periode: periodeObserveeDe(jourP, anneeP),
    instant: ctx.instant
  })
  const communs = { schemaId: ctx.schemaId, survenuLe: ctx.instant }
  const noeuds = fc.uniqueArray(noeudIdP, { maxLength: 3 })
  const institutions = fc.uniqueArray(institutionIdP, { maxLength: 3 })
  const uuidAutre = fc.uuid({ version: [4, 5] })
  const c: { readonly [K in C.TypeCommande]: fc.Arbitrary<Champs<K>> } = {
    LancerElaboration: fc.record(
      {
        ...communs,
        departement: ctx.departement,
        periode: ctx.periode,
        intitule: texteNonVide([
          "Schéma départemental des services aux familles 2022-2026",
          "Schéma parisien des services aux familles",
          "SDSF 2024-2026"
        ]),
        regime,
        le: dateP,
        predecesseurs: fc.array(
          predecesseurDe({ schemaId: ctx.schemaLie, departement: ctx.departement, periode: ctx.periode }),
          { maxLength: 2 }
        )
      }
    ),
    EnregistrerInstitution: fc.record({ ...communs, institution: ctx.institution }),
    ConduireEvaluationPrecedent: fc.record({
      ...communs,
      le: dateP,
      constats: textes(["Une dynamique partenariale installée", "Des inégalités territoriales persistantes"])
    }),
    RealiserDiagnostic: fc.record({
      ...communs,
      le: dateP,
      synthese: texte([
        "Un taux de couverture inférieur à la moyenne nationale",
        "Une forte part d'enfants pauvres en QPV"
      ]),
      indicateurs: fc.uniqueArray(codeP, { maxLength: 4 })
    }),
    TenirConcertation: champs(
      {
        ...communs,
        concertationId: uuidAutre,
        forme: fc.constantFrom("seance", "atelier", "seminaire", "enquete", "groupe-de-travail"),
        intitule: texteNonVide([
          "Atelier thématique parentalité",
          "Séminaire partenarial",
          "Enquête auprès des familles"
        ]),
        le: dateP,
        themes
      },
      { participants: entier(300) }
    ),
    DefinirIndicateur: fc.record({ ...communs, definition: definitionIndicateurDe(codeP) }),
    CreerInstance: fc.record({ ...communs, instance: instanceDe(instanceIdP, ctx.natureInstance) }),
    InstallerInstance: fc.record({ ...communs, instanceId: instanceIdP, le: dateP }),
    ModifierCadenceInstance: fc.record({ ...communs, instanceId: instanceIdP, cadence: convocation }),
    DefinirCompositionInstance: champs({ ...communs, instanceId: instanceIdP, membres: ctx.membres }, {
      effectif: entier(45)
    }),
    DesignerContact: champs({ ...communs, sujet: ctx.sujet, institutionId: institutionIdP, role }, {
      instanceId: instanceIdP
    }),
    AjouterNoeudPlan: fc.record({ ...communs, noeud: noeudP }),
    ModifierNoeudPlan: fc.record({ ...communs, noeudId: noeudIdP, modification: modificationP }),
    RetirerNoeudPlan: fc.record({
      ...communs,
      noeudId: noeudIdP,
      motif: texte(["Fusionnée avec l'action 2.1", "Abandonnée après concertation"])
    }),
    PresenterProjet: fc.record({ ...communs, instanceId: instanceIdP, le: jourP }),
    AdopterSchema: fc.record({
      ...communs,
      instanceId: instanceIdP,
      objet: fc.constantFrom("schema", "orientations"),
      le: dateP,
      vote: voteDocumente
    }),
    SignerSchema: champs(
      {
        ...communs,
        institutionId: institutionIdP,
        signataires: fc.array(signataireDe(ctx.sujet), { minLength: 1, maxLength: 2 }),
        le: dateP
      },
      { lieu: texte(["Nanterre", "Bobigny", "Paris"]) }
    ),
    DemarrerMiseEnOeuvre: fc.record({ ...communs, le: dateP }),
    ArreterPrioritesAnnuelles: fc.record({
      ...communs,
      annee: anneeP,
      instanceId: instanceIdP,
      le: dateP,
      priorites: fc.array(prioriteDe(noeudIdP), { maxLength: 3 })
    }),
    ArreterFeuilleDeRoute: champs(
      {
        ...communs,
        annee: anneeP,
        le: dateP,
        elements: textes(["Lancer un appel à projets", "Former les RPE"]),
        noeuds
      },
      { theme, instanceId: instanceIdP }
    ),
    TenirReunion: champs(
      {
        ...communs,
        reunionId: ctx.reunionId,
        instanceId: instanceIdP,
        le: dateP,
        ordreDuJour: textes(["Bilan annuel", "Priorités de l'année", "Révision du plan d'action"]),
        decisions: textes(["Validation des priorités", "Adoption de la révision"])
      },
      { participants: entier(80) }
    ),
    SignalerAvancementAction: champs(
      { ...communs, noeudId: noeudIdP, le: dateP, etat: etatAvancement },
      { commentaire: texte(["Retard lié au recrutement", "Réalisée en 2024"]) }
    ),
    EnregistrerValeurIndicateur: fc.record({ ...communs, valeur: valeurP }),
    LancerAppelAProjets: fc.record({
      ...communs,
      appelId: ctx.appelId,
      intitule: texteNonVide(["Appel à projets parentalité 2025", "AAP REAAP"]),
      le: dateP,
      themes,
      noeuds,
      partenaires: institutions
    }),
    CloreAppelAProjets: fc.integer({ min: 0, max: 60 }).chain((recues) =>
      fc.record({
        ...communs,
        appelId: ctx.appelId,
        le: jourP,
        recues: fc.constant(recues),
        retenues: fc.integer({ min: 0, max: recues + 3 })
      })
    ),
    LabelliserPlaces: champs(
      {
        ...communs,
        labellisationId: uuidAutre,
        instanceId: instanceIdP,
        label: texteNonVide(["AVIP", "AVIS"]),
        le: jourP,
        places: entier(250)
      },
      { structures: entier(60) }
    ),
    PresenterBilanAnnuel: fc.record({
      ...communs,
      annee: anneeP,
      instanceId: instanceIdP,
      le: jourP,
      realisations: textes(["204 places AVIP soutenues", "7 référents insertion"])
    }),
    ReviserPlanAction: fc.record({
      ...communs,
      annee: anneeP,
      instanceId: instanceIdP,
      reunionId: ctx.reunionId,
      le: jourP,
      ajouts: fc.array(noeudP, { maxLength: 2 }),
      modifications: fc.array(fc.record({ noeudId: noeudIdP, modification: modificationP }), { maxLength: 2 }),
      retraits: fc.array(fc.record({ noeudId: noeudIdP, motif: texte(["Action réalisée", "Sans objet"]) }), {
        maxLength: 2
      })
    }),
    PublierLettreInformation: champs(
      { ...communs, titre: texteNonVide(["Journal de projet n°4", "Lettre d'information du SDSF"]), le: jourP },
      { numero: entier(20) }
    ),
    ProrogerPeriode: fc.record({
      ...communs,
      nouvelleFin: anneeP,
      instanceId: instanceIdP,
      le: jourP,
      motif: texte(["Avenant de prorogation d'un an", "Alignement sur la CTG"])
    }),
    LancerBilanEvaluatif: fc.record({
      ...communs,
      instanceId: instanceIdP,
      le: jourP,
      etapesPrevues: textes([
        "Recueil des indicateurs",
        "Enquête gestionnaires",
        "Entretiens ciblés",
        "Séminaire partenarial"
      ])
    }),
    RecueillirIndicateursQuantitatifs: fc.record({
      ...communs,
      le: jourP,
      indicateurs: fc.uniqueArray(codeP, { maxLength: 4 })
    }),
    MenerEnqueteGestionnaires: fc.tuple(jourP, jourP).chain(([a, b]) =>
      champs(
        { ...communs, du: fc.constant(a <= b ? a : b), au: fc.constant(a <= b ? b : a), publics: themes },
        { repondants: entier(500) }
      )
    ),
    MenerEntretiensCibles: champs({ ...communs, le: dateP, institutions }, { nombre: entier(30) }),
    TenirSeminaireEvaluation: champs({ ...communs, le: jourP }, {
      lieu: texte(["Nanterre", "Hôtel du Département"]),
      participants: entier(200)
    }),
    RemettreRapportEvaluation: fc.record({
      ...communs,
      le: dateP,
      constats: fc.array(constatDe(noeudIdP), { maxLength: 3 }),
      preconisations: textes(["Renforcer le pilotage", "Simplifier la gouvernance"])
    }),
    LancerRenouvellement: fc.record({
      ...communs,
      le: jourP,
      successeurId: ctx.schemaLie,
      periodeSuccesseur: ctx.periode
    }),
    DefinirAmbitionsSuccesseur: fc.record({
      ...communs,
      le: jourP,
      ambitions: textes(["Un service public de la petite enfance pour tous"]),
      objectifs: textes(["Créer 500 places", "Couvrir chaque QPV d'un LAEP"])
    }),
    AdopterSuccesseur: fc.record({
      ...communs,
      instanceId: instanceIdP,
      le: dateP,
      successeurId: ctx.schemaLie,
      periodeSuccesseur: ctx.periode,
      actionsReprises: noeuds
    })
  }

  const commandes: ArbitrairesCommandes = {
    LancerElaboration: c.LancerElaboration.map((p) => new C.LancerElaboration(p)),
    EnregistrerInstitution: c.EnregistrerInstitution.map((p) => new C.EnregistrerInstitution(p)),
    ConduireEvaluationPrecedent: c.ConduireEvaluationPrecedent.map((p) => new C.ConduireEvaluationPrecedent(p)),
    RealiserDiagnostic: c.RealiserDiagnostic.map((p) => new C.RealiserDiagnostic(p)),
    TenirConcertation: c.TenirConcertation.map((p) => new C.TenirConcertation(p)),
    DefinirIndicateur: c.DefinirIndicateur.map((p) => new C.DefinirIndicateur(p)),
    CreerInstance: c.CreerInstance.map((p) => new C.CreerInstance(p)),
    InstallerInstance: c.InstallerInstance.map((p) => new C.InstallerInstance(p)),
    ModifierCadenceInstance: c.ModifierCadenceInstance.map((p) => new C.ModifierCadenceInstance(p)),
    DefinirCompositionInstance: c.DefinirCompositionInstance.map((p) => new C.DefinirCompositionInstance(p)),
    DesignerContact: c.DesignerContact.map((p) => new C.DesignerContact(p)),
    AjouterNoeudPlan: c.AjouterNoeudPlan.map((p) => new C.AjouterNoeudPlan(p)),
    ModifierNoeudPlan: c.ModifierNoeudPlan.map((p) => new C.ModifierNoeudPlan(p)),
    RetirerNoeudPlan: c.RetirerNoeudPlan.map((p) => new C.RetirerNoeudPlan(p)),
    PresenterProjet: c.PresenterProjet.map((p) => new C.PresenterProjet(p)),
    AdopterSchema: c.AdopterSchema.map((p) => new C.AdopterSchema(p)),
    SignerSchema: c.SignerSchema.map((p) => new C.SignerSchema(p)),
    DemarrerMiseEnOeuvre: c.DemarrerMiseEnOeuvre.map((p) => new C.DemarrerMiseEnOeuvre(p)),
    ArreterPrioritesAnnuelles: c.ArreterPrioritesAnnuelles.map((p) => new C.ArreterPrioritesAnnuelles(p)),
    ArreterFeuilleDeRoute: c.ArreterFeuilleDeRoute.map((p) => new C.ArreterFeuilleDeRoute(p)),
    TenirReunion: c.TenirReunion.map((p) => new C.TenirReunion(p)),
    SignalerAvancementAction: c.SignalerAvancementAction.map((p) => new C.SignalerAvancementAction(p)),
    EnregistrerValeurIndicateur: c.EnregistrerValeurIndicateur.map((p) => new C.EnregistrerValeurIndicateur(p)),
    LancerAppelAProjets: c.LancerAppelAProjets.map((p) => new C.LancerAppelAProjets(p)),
    CloreAppelAProjets: c.CloreAppelAProjets.map((p) => new C.CloreAppelAProjets(p)),
    LabelliserPlaces: c.LabelliserPlaces.map((p) => new C.LabelliserPlaces(p)),
    PresenterBilanAnnuel: c.PresenterBilanAnnuel.map((p) => new C.PresenterBilanAnnuel(p)),
    ReviserPlanAction: c.ReviserPlanAction.map((p) => new C.ReviserPlanAction(p)),
    PublierLettreInformation: c.PublierLettreInformation.map((p) => new C.PublierLettreInformation(p)),
    ProrogerPeriode: c.ProrogerPeriode.map((p) => new C.ProrogerPeriode(p)),
    LancerBilanEvaluatif: c.LancerBilanEvaluatif.map((p) => new C.LancerBilanEvaluatif(p)),
    RecueillirIndicateursQuantitatifs: c.RecueillirIndicateursQuantitatifs.map((p) =>
      new C.RecueillirIndicateursQuantitatifs(p)
    ),
    MenerEnqueteGestionnaires: c.MenerEnqueteGestionnaires.map((p) => new C.MenerEnqueteGestionnaires(p)),
    MenerEntretiensCibles: c.MenerEntretiensCibles.map((p) => new C.MenerEntretiensCibles(p)),
    TenirSeminaireEvaluation: c.TenirSeminaireEvaluation.map((p) => new C.TenirSeminaireEvaluation(p)),
    RemettreRapportEvaluation: c.RemettreRapportEvaluation.map((p) => new C.RemettreRapportEvaluation(p)),
    LancerRenouvellement: c.LancerRenouvellement.map((p) => new C.LancerRenouvellement(p)),
    DefinirAmbitionsSuccesseur: c.DefinirAmbitionsSuccesseur.map((p) => new C.DefinirAmbitionsSuccesseur(p)),
    AdopterSuccesseur: c.AdopterSuccesseur.map((p) => new C.AdopterSuccesseur(p))
  }

  const evenements: ArbitrairesEvenements = {
    ElaborationLancee: c.LancerElaboration.map((p) => new E.ElaborationLancee(p)),
    InstitutionEnregistree: c.EnregistrerInstitution.map((p) => new E.InstitutionEnregistree(p)),
    EvaluationPrecedentConduite: c.ConduireEvaluationPrecedent.map((p) => new E.EvaluationPrecedentConduite(p)),
    DiagnosticRealise: c.RealiserDiagnostic.map((p) => new E.DiagnosticRealise(p)),
    ConcertationTenue: c.TenirConcertation.map((p) => new E.ConcertationTenue(p)),
    IndicateurDefini: c.DefinirIndicateur.map((p) => new E.IndicateurDefini(p)),
    InstanceCreee: c.CreerInstance.map((p) => new E.InstanceCreee(p)),
    InstanceInstallee: c.InstallerInstance.map((p) => new E.InstanceInstallee(p)),
    CadenceInstanceModifiee: c.ModifierCadenceInstance.map((p) => new E.CadenceInstanceModifiee(p)),
    CompositionInstanceDefinie: c.DefinirCompositionInstance.map((p) => new E.CompositionInstanceDefinie(p)),
    ContactDesigne: c.DesignerContact.map((p) => new E.ContactDesigne(p)),
    NoeudPlanAjoute: c.AjouterNoeudPlan.map((p) => new E.NoeudPlanAjoute(p)),
    NoeudPlanModifie: c.ModifierNoeudPlan.map((p) => new E.NoeudPlanModifie(p)),
    NoeudPlanRetire: c.RetirerNoeudPlan.map((p) => new E.NoeudPlanRetire(p)),
    ProjetPresente: c.PresenterProjet.map((p) => new E.ProjetPresente(p)),
    SchemaAdopte: c.AdopterSchema.map((p) => new E.SchemaAdopte(p)),
    SchemaSigne: c.SignerSchema.map((p) => new E.SchemaSigne(p)),
    MiseEnOeuvreDemarree: c.DemarrerMiseEnOeuvre.map((p) => new E.MiseEnOeuvreDemarree(p)),
    PrioritesAnnuellesArretees: c.ArreterPrioritesAnnuelles.map((p) => new E.PrioritesAnnuellesArretees(p)),
    FeuilleDeRouteArretee: c.ArreterFeuilleDeRoute.map((p) => new E.FeuilleDeRouteArretee(p)),
    ReunionTenue: c.TenirReunion.map((p) => new E.ReunionTenue(p)),
    AvancementActionSignale: c.SignalerAvancementAction.map((p) => new E.AvancementActionSignale(p)),
    ValeurIndicateurEnregistree: fc.record({ schemaId: ctx.schemaId, survenuLe: ctx.instant, valeur: valeurP })
      .map((p) => new E.ValeurIndicateurEnregistree(p)),
    AppelAProjetsLance: c.LancerAppelAProjets.map((p) => new E.AppelAProjetsLance(p)),
    AppelAProjetsClos: c.CloreAppelAProjets.map((p) => new E.AppelAProjetsClos(p)),
    PlacesLabellisees: c.LabelliserPlaces.map((p) => new E.PlacesLabellisees(p)),
    BilanAnnuelPresente: c.PresenterBilanAnnuel.map((p) => new E.BilanAnnuelPresente(p)),
    PlanActionRevise: c.ReviserPlanAction.map((p) => new E.PlanActionRevise(p)),
    LettreInformationPubliee: c.PublierLettreInformation.map((p) => new E.LettreInformationPubliee(p)),
    PeriodeProrogee: c.ProrogerPeriode.map((p) => new E.PeriodeProrogee(p)),
    BilanEvaluatifLance: c.LancerBilanEvaluatif.map((p) => new E.BilanEvaluatifLance(p)),
    IndicateursQuantitatifsRecueillis: c.RecueillirIndicateursQuantitatifs.map((p) =>
      new E.IndicateursQuantitatifsRecueillis(p)
    ),
    EnqueteGestionnairesMenee: c.MenerEnqueteGestionnaires.map((p) => new E.EnqueteGestionnairesMenee(p)),
    EntretiensCiblesMenes: c.MenerEntretiensCibles.map((p) => new E.EntretiensCiblesMenes(p)),
    SeminaireEvaluationTenu: c.TenirSeminaireEvaluation.map((p) => new E.SeminaireEvaluationTenu(p)),
    RapportEvaluationRemis: c.RemettreRapportEvaluation.map((p) => new E.RapportEvaluationRemis(p)),
    RenouvellementLance: c.LancerRenouvellement.map((p) => new E.RenouvellementLance(p)),
    AmbitionsSuccesseurDefinies: c.DefinirAmbitionsSuccesseur.map((p) => new E.AmbitionsSuccesseurDefinies(p)),
    SuccesseurAdopte: c.AdopterSuccesseur.map((p) => new E.SuccesseurAdopte(p))
  }

  return {
    contexte: ctx,
    noeud: noeudP,
    detailsAction: details,
    modificationNoeud: modificationP,
    valeurIndicateur: valeurP,
    commandes,
    evenements,
    commande: fc.oneof(...Object.values(commandes)) as fc.Arbitrary<C.Commande>,
    evenement: fc.oneof(...Object.values(evenements)) as fc.Arbitrary<E.Evenement>
  }
}

const defaut = make()

/** One arbitrary per command tag. */
export const commandes: ArbitrairesCommandes = defaut.commandes

/** One arbitrary per event tag. */
export const evenements: ArbitrairesEvenements = defaut.evenements

/** Any command. */
export const commande: fc.Arbitrary<C.Commande> = defaut.commande

/** Any event. */
export const evenement: fc.Arbitrary<E.Evenement> = defaut.evenement
