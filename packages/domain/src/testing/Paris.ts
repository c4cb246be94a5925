/**
 * The Paris schéma des services aux familles 2021-2026 (Schéma Parisien des Services aux Familles, SPSF) written as
 * commands, transcribed from seed 004: the 4 cross-cutting enjeux, the 7 axes, their objectifs stratégiques (A-D),
 * numbered objectives and 100 actions with descriptif, pilotes and calendrier prévisionnel as printed; the governance
 * (CPSF/COFIL, COTECH); the predecessor SPSF 2016-2018; the diagnostic figures and the bilan 2016-2018; the 12
 * signataires of 10 institutions, after an adoption the seed does not document.
 *
 * A realistic fixture for host test suites. The seed dates nothing of its own life (no launch, no adoption: the
 * signature block reads "A Paris, le" with no date, line 141), so those are recorded `NonDocumente`; every command's
 * `survenuLe` is the instant the fixture records it (`enregistreLe`), not a fact of the seed. Where the seed disagrees
 * with itself or is garbled, `ecartsDesSources` records it with its line. The diagnostic and the bilan 2016-2018 are
 * issued (`RealiserDiagnostic`, `ConduireEvaluationPrecedent`) with `NonDocumente` dates: the seed dates neither.
 */
import type { Commande } from "../Commandes.ts"
import * as C from "../Commandes.ts"
import type { SchemaId } from "../Evenements.ts"
import type { Instance, InstanceId, Membre } from "../Gouvernance.ts"
import { deriveId } from "../IdGenerator.ts"
import type { Institution, InstitutionId, NatureInstitution, Pilote } from "../Institution.ts"
import type { Calendrier } from "../Periode.ts"
import type { NatureNoeud, Noeud, NoeudId } from "../Plan.ts"
import { detailsVides } from "../Plan.ts"
import type { CodeIndicateur, DefinitionIndicateur, Mesure, ValeurId, ValeurIndicateur } from "../Indicateur.ts"
import type { CodeArrondissement, CodeDepartement, CodeRegion } from "../Territoire.ts"
import type { Annee, Datation, Instant, Jour } from "../Temps.ts"
import type { DonneesPersonnelles, SujetRef } from "../Personne.ts"

/** The schéma's id: uuid v5 of `schema`, `75`, `2021-2026`. */
export const schemaId = deriveId("schema", "75", "2021-2026") as SchemaId

/** The predecessor's id: the SPSF 2016-2018 (seed 004 lines 921-933). */
export const predecesseurId = deriveId("schema", "75", "2016-2018") as SchemaId

/** The instant the fixture records its commands: a recording time, not a date of the seed. */
export const enregistreLe = "2026-01-05T12:00:00.000Z" as Instant

/** Days the seed does not give that the fixture assumes: none. */
export const joursSupposes: ReadonlyArray<string> = []

/** Where the seed disagrees with itself or is garbled, with its line. */
export const ecartsDesSources: ReadonlyArray<string> = [
  "lines 867-876 and 885 name the governance body 'Comité de Pilotage des Services aux Familles (CPSF)'; the table at line 879 names it '(COFIL)' and line 898 'Secrétaire général du COFIL': one body, recorded as CPSF, COFIL kept in its name",
  "line 876 says the secrétaire général 'ne prend pas part aux votes', line 879 'ne prend pas part au vote': same rule, wording kept from line 876",
  "line 459 says axe 1 'est décliné en deux objectifs généraux'; lines 463 and 485 head them 'A. OBJECTIF STRATÉGIQUE': recorded as objectifs stratégiques",
  "axe 7 numbers its objectives 1, 2, 3, 5, 6, 7, 8 (lines 769, 782, 800, 823, 829, 850, 856): there is no objective 4",
  "line 812 reads '(suite objectif 6)' under the heading 'C. OBJECTIF STRATÉGIQUE' (line 810), before objective 5 (line 823): a stray continuation mark, ignored",
  "the table at lines 836-838 has no objective heading; it follows objective 6 (line 829) and its actions are recorded under objective 6",
  "lines 804 (axe 7 objective 3) and 838 (axe 7 objective 6) give two actions the same intitulé 'Soutenir des projets permettant aux jeunes d'accéder plus facilement à de l'information les concernant' with different descriptifs and pilotes: both kept",
  "line 611 ('Expérimenter et évaluer l'accompagnement à domicile par des sages-femmes dans le cadre du décès périnatal') repeats, as its descriptif, the descriptif of line 579 (journées de sensibilisation, professionnels de la petite enfance): kept as printed",
  "line 585 writes 'Informar les conseillers Pôle emploi' (typo for 'Informer'): kept as printed",
  "line 553 names 'Ville de Paris' twice among the pilotes ('DFPE/DDCT', then 'DFPE'): both kept as printed",
  "line 669 prints 'Ville de Paris • DASES Éducation Nationale SDIS SEPLEX CPAM de Paris': 'SDIS SEPLEX' (a DASES sub-directorate elsewhere: lines 806, 827) follows 'Éducation Nationale' and is recorded as printed, as its direction",
  "lines 554, 555, 832, 834 and 854 give no pilote: recorded without one (PiloteManquant)",
  "line 427 repeats footnote 6 (line 368) where footnote 7 is expected; footnote 7 is at line 449",
  "the sommaire (line 21) says 'Plan d'action départemental', the heading (line 447) 'PLAN D' ACTIONS DÉPARTEMENTAL'",
  "the annexe numbers its parts 1, 2, 3, 5, 4 (lines 935, 966, 985, 1001, 1024): part 4 comes after part 5",
  "line 141 is left blank after 'A Paris, le': the signature date is not printed",
  "line 153 prints 'Mairie de Paris' (the institution) as Anne HIDALGO's function; line 869 says 'la Maire de Paris': kept as printed",
  "line 280 calls 62% 'deux tiers' and gives 250 482 foyers, which is 58% of the 430 050 foyers of line 276: both figures recorded as printed",
  "line 298 gives 124 957 allocataires à bas revenus 'soit 37% des foyers allocataires'; 124 957 is 29% of the 430 050 foyers of line 276: both recorded as printed",
  "line 256 puts 20% of Île-de-France's population under 30, while line 254 gives the région 14% aged 20-29 and more under-20s than Paris's 19%: not recorded (no period either)",
  "line 403 reads '59% des couples parisiens avec enfant.s et à 51% des familles monoparentales parisiennes (contre 79% en Île-de-France et 69% en France métropolitaine)': which of the two figures the comparison is for is not said; the Île-de-France and France figures are not recorded",
  "line 415 gives '22% dans le 17e' as an example of the arrondissements with the most low-income allocataire families, below the Paris figure of 'un quart' (line 409)"
]

const id = (...parts: ReadonlyArray<string>) => deriveId("75-2021-2026", ...parts)
const nonDocumente = (note: string): Datation => ({ _tag: "NonDocumente", note })
const base = { schemaId, survenuLe: enregistreLe }

/** Institutions: the signataires (lines 134-186) and the pilotes the plan names (lines 469-859). */
const institutionsSource: ReadonlyArray<readonly [string, string, NatureInstitution]> = [
  ["prefecture", "Préfecture de Paris", "prefecture"],
  // The Ville de Paris exercises the département's powers (PMI, DASES): the plan's "Plan d'action départemental".
  ["ville", "Ville de Paris", "conseil-departemental"],
  ["cour-appel", "Cour d'appel de Paris", "justice"],
  ["tribunal", "Tribunal judiciaire de Paris", "justice"],
  ["academie", "Académie de Paris", "education-nationale"],
  ["caf", "Caf de Paris", "caf"],
  ["cpam", "CPAM de Paris", "cpam"],
  ["msa", "Mutualité Sociale Agricole d'Île-de-France", "msa"],
  ["pole-emploi", "Pôle emploi", "france-travail"],
  ["udaf", "UDAF de Paris", "udaf"],
  ["education-nationale", "Éducation nationale", "education-nationale"],
  ["rspp", "Réseau de Santé Périnatal Parisien (RSPP)", "association"],
  ["relais-parents-enfants", "Asso. Relais Parents-Enfants d'Île-de-France", "association"],
  ["cithea", "Asso. CITHEA", "association"],
  ["emmaus-connect", "Asso. Emmaüs Connect", "association"],
  ["arc-equipes-amitie", "Asso. ARC - Équipes d'Amitié", "association"],
  ["cllaj", "CLLAJ", "association"],
  ["mission-locale", "Mission Locale de Paris", "autre"],
  ["apur", "Apur", "autre"]
]

/** Institution ids by short key. */
export const institutions: Readonly<Record<string, InstitutionId>> = Object.fromEntries(
  institutionsSource.map(([k]) => [k, id("institution", k) as InstitutionId])
)
const inst = (k: string): InstitutionId => {
  const i = institutions[k]
  if (i === undefined) throw new Error(`unknown institution ${k}`)
  return i
}

/** Body ids. */
export const instances = {
  cpsf: id("instance", "cpsf") as InstanceId,
  cotech: id("instance", "cotech") as InstanceId
} as const

const instancesSource: ReadonlyArray<Instance> = [
  {
    instanceId: instances.cpsf,
    nature: "cdsf",
    // Line 867 "Comité de Pilotage des Services aux Familles (CPSF)"; line 879 "(COFIL)": see ecartsDesSources.
    nom: "Comité de Pilotage des Services aux Familles (CPSF, COFIL)",
    // Line 874 "se réunit une fois par an en séance plénière"; line 879 "1 réunion par an".
    cadence: { minParAn: 1, maxParAn: 1 },
    themes: [],
    missions: [
      "Réfléchir, proposer, décider",
      "Assurer le suivi et l'évaluation de la réalisation des objectifs",
      "Définir les priorités annuelles"
    ]
  },
  {
    instanceId: instances.cotech,
    nature: "cotech",
    nom: "Comité technique des Services aux Familles (COTECH)",
    // Line 898: "2 réunions par an".
    cadence: { minParAn: 2, maxParAn: 2 },
    themes: [],
    missions: [
      "Coordonner, accompagner, préparer, suivre la mise en œuvre",
      "Mettre en œuvre les priorités déterminées par le COFIL",
      "Suivre la mise en œuvre du SPSF",
      "Préparer les réunions du COFIL"
    ]
  }
]

const membre = (k: string, role: Membre["role"]): Membre => ({ institutionId: inst(k), role })

/** A plan node as the seed prints it, with its line. */
interface NoeudSource {
  readonly ligne: number
  readonly cle: string
  readonly nature: NatureNoeud
  readonly parent: string | undefined
  readonly code: string
  readonly titre: string
}

/** An action row of the plan's tables (Intitulé, Descriptif, Pilote, Calendrier prévisionnel), with its line. */
interface ActionSource {
  readonly ligne: number
  readonly parent: string
  readonly intitule: string
  readonly descriptif: string
  /** [institution key, direction as printed]. */
  readonly pilotes: ReadonlyArray<readonly [string, string?]>
  readonly calendrier: string
}

/** The 4 enjeux majeurs that cross every axe (lines 229-234), as general objectives at the top of the plan. */
const enjeux: ReadonlyArray<NoeudSource> = [
  {
    ligne: 231,
    cle: "enjeu1",
    nature: "objectif-general",
    parent: undefined,
    code: "Enjeu 1",
    titre:
      "La prise en compte des besoins spécifiques de certaines familles (pauvreté, handicap d'un enfant/d'un parent, isolement, horaires atypiques, illettrisme)"
  },
  {
    ligne: 232,
    cle: "enjeu2",
    nature: "objectif-general",
    parent: undefined,
    code: "Enjeu 2",
    titre:
      "La recherche d'une participation effective des familles, en veillant notamment à s'adresser systématiquement aux deux parents dans les services mis en œuvre pour les familles"
  },
  {
    ligne: 233,
    cle: "enjeu3",
    nature: "objectif-general",
    parent: undefined,
    code: "Enjeu 3",
    titre: "La réduction des inégalités territoriales d'accès des familles aux services"
  },
  {
    ligne: 234,
    cle: "enjeu4",
    nature: "objectif-general",
    parent: undefined,
    code: "Enjeu 4",
    titre:
      "L'évaluation des actions menées dans une logique d'investissement social et d'adaptation aux besoins des familles"
  }
]

/** Axes, objectifs stratégiques and objectives (lines 447-859), with their seed lines. */
const structure: ReadonlyArray<NoeudSource> = [
  {
    ligne: 455,
    cle: "axe1",
    nature: "axe",
    parent: undefined,
    code: "Axe 1",
    titre:
      "Améliorer l'information des familles et des acteurs qui les accompagnent en matière de ressources locales sur l'accueil de l'enfant et le soutien à la parentalité."
  },
  {
    ligne: 465,
    cle: "axe1.A",
    nature: "objectif-strategique",
    parent: "axe1",
    code: "A",
    titre:
      "Structurer un réseau départemental de partenaires-relais de proximité auxquels transmettre prioritairement une information exhaustive et actualisée sur l'offre de services aux familles existante à Paris."
  },
  {
    ligne: 467,
    cle: "axe1.o1",
    nature: "objectif",
    parent: "axe1.A",
    code: "1",
    titre: "Dynamiser l'animation des réseaux locaux de soutien aux parents"
  },
  {
    ligne: 474,
    cle: "axe1.o2",
    nature: "objectif",
    parent: "axe1.A",
    code: "2",
    titre: "Développer des lieux ressources dédiés au soutien à la parentalité, labellisés « Espace parents »"
  },
  {
    ligne: 480,
    cle: "axe1.o3",
    nature: "objectif",
    parent: "axe1.A",
    code: "3",
    titre: "Faire évoluer les Relais Information Familles vers des « RIF nouvelle génération »"
  },
  {
    ligne: 488,
    cle: "axe1.B",
    nature: "objectif-strategique",
    parent: "axe1",
    code: "B",
    titre:
      "Développer des démarches proactives d'information et d'évaluation consistant à aller vers les familles, physiquement et via des outils numériques."
  },
  {
    ligne: 490,
    cle: "axe1.o4",
    nature: "objectif",
    parent: "axe1.B",
    code: "4",
    titre: "Produire des supports d'information sur les ressources du territoire, accessibles à toutes les familles"
  },
  {
    ligne: 496,
    cle: "axe1.o5",
    nature: "objectif",
    parent: "axe1.B",
    code: "5",
    titre: "Développer l'information des familles en allant les rencontrer dans les lieux qu'elles fréquentent"
  },
  {
    ligne: 506,
    cle: "axe1.o6",
    nature: "objectif",
    parent: "axe1.B",
    code: "6",
    titre: "Développer l'information et l'accompagnement des familles via des outils numériques"
  },
  {
    ligne: 515,
    cle: "axe1.o7",
    nature: "objectif",
    parent: "axe1.B",
    code: "7",
    titre: "Mieux connaître les besoins et les attentes des familles pour mieux ajuster l'offre d'accompagnement"
  },
  {
    ligne: 525,
    cle: "axe2",
    nature: "axe",
    parent: undefined,
    code: "Axe 2",
    titre: "Renforcer la prévention et l'accompagnement des futurs parents et des parents de jeunes enfants (0-3 ans)"
  },
  {
    ligne: 531,
    cle: "axe2.o1",
    nature: "objectif",
    parent: "axe2",
    code: "1",
    titre: "Renforcer les actions de prévention santé au sens large"
  },
  {
    ligne: 540,
    cle: "axe2.o2",
    nature: "objectif",
    parent: "axe2",
    code: "2",
    titre: "Renforcer l'accompagnement des premiers liens entre les parents et leurs enfants"
  },
  {
    ligne: 550,
    cle: "axe2.o3",
    nature: "objectif",
    parent: "axe2",
    code: "3",
    titre: "Renforcer les actions permettant de mieux répondre aux besoins spécifiques de certaines familles"
  },
  {
    ligne: 561,
    cle: "axe3",
    nature: "axe",
    parent: undefined,
    code: "Axe 3",
    titre: "Améliorer la qualité de l'accueil individuel et collectif des jeunes enfants (0-3 ans)"
  },
  {
    ligne: 567,
    cle: "axe3.o1",
    nature: "objectif",
    parent: "axe3",
    code: "1",
    titre:
      "Favoriser l'accès des enfants à besoins particuliers (handicap, pauvreté...) dans tous les modes d'accueil petite enfance parisiens"
  },
  {
    ligne: 574,
    cle: "axe3.o2",
    nature: "objectif",
    parent: "axe3",
    code: "2",
    titre: "Accompagner l'évolution des pratiques de l'ensemble des professionnels de la petite enfance"
  },
  {
    ligne: 581,
    cle: "axe3.o3",
    nature: "objectif",
    parent: "axe3",
    code: "3",
    titre: "Répondre aux besoins de recrutement des structures d'accueil du jeune enfant"
  },
  {
    ligne: 591,
    cle: "axe4",
    nature: "axe",
    parent: undefined,
    code: "Axe 4",
    titre: "Soutenir les liens intrafamiliaux"
  },
  {
    ligne: 597,
    cle: "axe4.o1",
    nature: "objectif",
    parent: "axe4",
    code: "1",
    titre: "Soutenir les familles confrontées aux ruptures et aux recompositions familiales"
  },
  {
    ligne: 613,
    cle: "axe4.o2",
    nature: "objectif",
    parent: "axe4",
    code: "2",
    titre: "Renforcer l'accompagnement des situations de violences intrafamiliales"
  },
  {
    ligne: 621,
    cle: "axe4.o3",
    nature: "objectif",
    parent: "axe4",
    code: "3",
    titre: "Développer des offres permettant d'améliorer l'équilibre familial et prévenir l'épuisement parental"
  },
  {
    ligne: 635,
    cle: "axe5",
    nature: "axe",
    parent: undefined,
    code: "Axe 5",
    titre: "Faciliter l'insertion et l'inclusion numérique des parents"
  },
  {
    ligne: 643,
    cle: "axe5.A",
    nature: "objectif-strategique",
    parent: "axe5",
    code: "A",
    titre:
      "Développer et améliorer la visibilité des solutions d'accueil des jeunes enfants pour les parents en démarche d'insertion"
  },
  {
    ligne: 645,
    cle: "axe5.o1",
    nature: "objectif",
    parent: "axe5.A",
    code: "1",
    titre:
      "Améliorer la visibilité des structures associatives couplant mode de garde, programme de formation et conseil en insertion professionnelle"
  },
  {
    ligne: 651,
    cle: "axe5.o2",
    nature: "objectif",
    parent: "axe5.A",
    code: "2",
    titre:
      "Déployer les crèches À Vocation d'Insertion Professionnelle (AVIP) pour assurer un meilleur maillage du territoire parisien et répondre au besoin des familles suivies dans le cadre de l'accompagnement global par Pôle emploi"
  },
  {
    ligne: 656,
    cle: "axe5.o3",
    nature: "objectif",
    parent: "axe5.A",
    code: "3",
    titre:
      "Réfléchir à des modes d'accueil innovants à destination des parents de jeunes enfants dans une démarche d'insertion"
  },
  {
    ligne: 664,
    cle: "axe5.B",
    nature: "objectif-strategique",
    parent: "axe5",
    code: "B",
    titre: "Développer les actions d'inclusion numérique des parents"
  },
  {
    ligne: 666,
    cle: "axe5.o4",
    nature: "objectif",
    parent: "axe5.B",
    code: "4",
    titre:
      "Renforcer les actions d'inclusion numérique des parents dans le cadre de la Stratégie parisienne d'inclusion numérique"
  },
  {
    ligne: 676,
    cle: "axe6",
    nature: "axe",
    parent: undefined,
    code: "Axe 6",
    titre: "Enrichir l'offre d'accompagnement et de services aux familles sur les différents temps de l'enfant"
  },
  {
    ligne: 690,
    cle: "axe6.o1",
    nature: "objectif",
    parent: "axe6",
    code: "1",
    titre: "Améliorer la visibilité et développer l'offre d'activités périscolaires et extrascolaires"
  },
  {
    ligne: 707,
    cle: "axe6.o2",
    nature: "objectif",
    parent: "axe6",
    code: "2",
    titre: "Développer des actions facilitant les liens entre les familles et l'École"
  },
  {
    ligne: 714,
    cle: "axe6.o3",
    nature: "objectif",
    parent: "axe6",
    code: "3",
    titre:
      "Développer la prévention du phénomène de harcèlement (réseaux sociaux, écoles, etc.) en intervenant auprès des parents, des enfants et des professionnels en élémentaire et au collège"
  },
  {
    ligne: 720,
    cle: "axe6.o4",
    nature: "objectif",
    parent: "axe6",
    code: "4",
    titre: "Développer et renforcer les compétences psycho-sociales des enfants"
  },
  {
    ligne: 729,
    cle: "axe7",
    nature: "axe",
    parent: undefined,
    code: "Axe 7",
    titre: "Favoriser l'autonomie et l'engagement citoyen des jeunes"
  },
  {
    ligne: 763,
    cle: "axe7.A",
    nature: "objectif-strategique",
    parent: "axe7",
    code: "A",
    titre: "Soutenir la réussite des parcours des jeunes"
  },
  {
    ligne: 769,
    cle: "axe7.o1",
    nature: "objectif",
    parent: "axe7.A",
    code: "1",
    titre: "Consolider l'animation du réseau des acteurs engagés dans les actions d'accompagnement à la scolarité"
  },
  {
    ligne: 782,
    cle: "axe7.o2",
    nature: "objectif",
    parent: "axe7.A",
    code: "2",
    titre:
      "Promouvoir et développer l'accompagnement des parcours d'insertion professionnelle et sociale des adolescents et des jeunes adultes"
  },
  {
    ligne: 792,
    cle: "axe7.B",
    nature: "objectif-strategique",
    parent: "axe7",
    code: "B",
    titre:
      "Faciliter le passage entre la jeunesse et la vie adulte en favorisant l'autonomie, la citoyenneté et l'accès à l'information des familles et des jeunes."
  },
  {
    ligne: 800,
    cle: "axe7.o3",
    nature: "objectif",
    parent: "axe7.B",
    code: "3",
    titre: "Faciliter l'accès aux droits des jeunes"
  },
  {
    ligne: 814,
    cle: "axe7.C",
    nature: "objectif-strategique",
    parent: "axe7",
    code: "C",
    titre: "Renforcer la présence éducative autour de l'usage du numérique."
  },
  {
    ligne: 823,
    cle: "axe7.o5",
    nature: "objectif",
    parent: "axe7.C",
    code: "5",
    titre: "Accompagner les jeunes sur l'usage du numérique"
  },
  {
    ligne: 829,
    cle: "axe7.o6",
    nature: "objectif",
    parent: "axe7.C",
    code: "6",
    titre:
      "Prendre appui sur la démarche des \"Promeneurs du Net\" pour accompagner l'évolution des pratiques des professionnels de terrain spécialistes de la jeunesse"
  },
  {
    ligne: 844,
    cle: "axe7.D",
    nature: "objectif-strategique",
    parent: "axe7",
    code: "D",
    titre: "Promouvoir les valeurs de la République"
  },
  {
    ligne: 850,
    cle: "axe7.o7",
    nature: "objectif",
    parent: "axe7.D",
    code: "7",
    titre: "Soutenir les actions renforçant la diffusion des valeurs de la République"
  },
  {
    ligne: 856,
    cle: "axe7.o8",
    nature: "objectif",
    parent: "axe7.D",
    code: "8",
    titre: "Mettre en place des ateliers autour des valeurs de la République en direction des professionnels"
  }
]

/** The 100 action rows (lines 470-859): intitulé, descriptif, pilotes (institution, direction), calendrier. */
const actions: ReadonlyArray<ActionSource> = [
  {
    ligne: 470,
    parent: "axe1.o1",
    intitule: "Renforcer le travail partenarial d'animation de réseau entre la Caf de Paris et la Ville de Paris",
    descriptif:
      "Organiser conjointement par la Ville de Paris et la Caf de Paris 3 rencontres annuelles entre l'animatrice départementale des réseaux parentalité (Caf de Paris) et les référentes famille de la Ville, ayant pour objet l'animation opérationnelle des réseaux locaux des acteurs du soutien aux parents",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 471,
    parent: "axe1.o1",
    intitule: "Recenser l'offre existante et la diffuser aux acteurs en lien avec les familles",
    descriptif:
      "Réaliser et actualiser sous la coordination des référentes famille d'un répertoire des actions de soutien à la parentalité existantes sur chaque territoire (dans les quartiers prioritaires, en lien avec les équipes de développement local)",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 472,
    parent: "axe1.o1",
    intitule: "Promouvoir l'offre existante auprès des familles",
    descriptif: "Organiser sur chaque territoire un temps fort annuel dédié à l'information des parents",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 477,
    parent: "axe1.o2",
    intitule: "Créer un label « Espace parents »",
    descriptif: "Etablir un cahier des charges des « Espaces parents »",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2022"
  },
  {
    ligne: 478,
    parent: "axe1.o2",
    intitule: "Déployer les « Espaces parents »",
    descriptif:
      "Identifier les territoires pertinents et les partenaires associatifs susceptibles de porter les « Espaces parents »",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 483,
    parent: "axe1.o3",
    intitule:
      "Faire évoluer les Relais Information Familles vers des lieux ressources où les familles pourront trouver des informations et bénéficier d'actions de soutien à la parentalité",
    descriptif:
      "- Établir un cahier des charges permettant d'harmoniser l'offre des « RIF nouvelle génération »\n- Doter les professionnels déjà en lien avec les familles et via des supports appropriés, d'une connaissance de premier niveau à relayer auprès des familles et régulièrement actualisée (modes d'accueil du jeune enfant, aides disponibles pour les familles et dispositifs de soutien à la parentalité, action particulière en direction des familles monoparentales)",
    pilotes: [["ville", "DFPE, DDCT"], ["caf", "Politiques Parentalité et Petite enfance"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 493,
    parent: "axe1.o4",
    intitule: "Diversifier les contenus et les supports d'information des familles",
    descriptif:
      "- Recenser les ressources existantes pour informer les familles à chaque étape clé de leur parcours et identifier les besoins non couverts\n- Adapter ou construire des outils de communication pour informer toutes les familles à chaque étape clé de leur parcours",
    pilotes: [["ville", "DFPE"], ["caf", "Politique Parentalité"]],
    calendrier: "2022"
  },
  {
    ligne: 494,
    parent: "axe1.o4",
    intitule: "Rendre les informations de la Caf de Paris accessibles aux familles non francophones et malvoyantes",
    descriptif:
      "Produire des versions en différentes langues (supports papier, podcast, vidéos) des outils d'information de premier niveau de la Caf de Paris",
    pilotes: [["caf", "Service Communication"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 499,
    parent: "axe1.o5",
    intitule: "Construire des actions d'information hors les murs",
    descriptif:
      "Mobiliser les chargés d'accès aux droits de la Caf de Paris et les acteurs Ville de Paris concernés pour diffuser de l'information de premier niveau aux partenaires et pour aller au-devant des familles dans les lieux qu'elles fréquentent en s'appuyant sur les acteurs locaux (EDL)",
    pilotes: [["ville", "DFPE / DDCT"], ["caf", "Territoires"]],
    calendrier: "2022"
  },
  {
    ligne: 500,
    parent: "axe1.o5",
    intitule: "Étendre le « parcours urbain parentalité » à l'ensemble du territoire",
    descriptif:
      "Élargir l'expérimentation « parcours urbain parentalité » (expérimenté dans le 14 e arr.), qui vise à présenter aux familles d'un territoire les ressources locales qui leur sont dédiées pour favoriser leur appropriation et fréquentation en autonomie (LAEP, ludothèques, EAJE, Centres Paris Anim', bibliothèques, centres de loisir et séjours Ville de Paris, etc.)",
    pilotes: [["caf", "Territoires"], ["ville", "DASES / DST / DDCT"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 501,
    parent: "axe1.o5",
    intitule: "Développer des actions favorisant l'accès aux droits des parents salariés",
    descriptif:
      "Aller à la rencontre des entreprises et des salariés pour les informer sur les droits des familles et les dispositifs de soutien à la parentalité",
    pilotes: [["caf", "Politiques Insertion et Parentalité"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 502,
    parent: "axe1.o5",
    intitule: "Développer des actions communes favorisant l'accès aux droits Caf et CPAM",
    descriptif: "Développer des séances d'information coordonnée regroupant les droits Caf et CPAM",
    pilotes: [["caf", "Politique Insertion"], ["cpam"]],
    calendrier: "2022"
  },
  {
    ligne: 509,
    parent: "axe1.o6",
    intitule: "Développer les accompagnements des familles à distance",
    descriptif:
      "Mobiliser et animer des acteurs de terrain pour développer des actions à distance en direction des familles (ateliers en visioconférence, webinaires, etc.)",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DASES / DST / DDCT"]],
    calendrier: "2022"
  },
  {
    ligne: 510,
    parent: "axe1.o6",
    intitule: "Développer les promeneurs du net « parentalité »",
    descriptif: "Expérimenter la présence éducative sur internet à destination des parents et des futurs parents",
    pilotes: [["caf", "Politiques Parentalité et Autonomie des jeunes"]],
    calendrier: "2022"
  },
  {
    ligne: 511,
    parent: "axe1.o6",
    intitule: "Transmettre aux familles les informations de premier niveau adaptées à leur situation familiale*",
    descriptif:
      "Systematiser la transmission des différentes informations nécessaires aux familles (droits et ressources relevant de différentes institutions) aux moments où elles en ont besoin pour faire face aux événements et étapes de leur parcours :\n- Devenir parent\n- Accueillir son enfant (0-3 ans)\n- Accompagner son enfant (3-10 ans)\n- Accompagner son pré-adolescent et son adolescent\n- Accompagner son jeune vers l'autonomie\n- Faire face au décès d'un enfant / d'un conjoint\n- Être parent porteur de handicap / parent d'un enfant porteur de handicap\n- Accompagner un enfant/adolescent en risque de décrochage scolaire\n- Faire face à une séparation",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 518,
    parent: "axe1.o7",
    intitule: "Renforcer la participation et associer les familles",
    descriptif:
      "Consulter les familles et soutenir la concertation par tous moyens, par exemple dans des instances dédiées à la réflexion autour de l'offre de service comme le FamLab, ou au sein de groupes de parents constitués comme les Universités populaires de parents ou les conseils des parents de crèches",
    pilotes: [["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 519,
    parent: "axe1.o7",
    intitule: "Développer la connaissance des familles parisiennes",
    descriptif:
      "Mener les études nécessaires pour disposer d'un portrait à jour des familles parisiennes, d'une analyse de l'usage de l'offre existante, en mettant en perspective avec les impacts de la crise sanitaire",
    pilotes: [["ville", "DFPE"], ["caf"], ["apur"]],
    calendrier: "2022"
  },
  {
    ligne: 534,
    parent: "axe2.o1",
    intitule:
      "Développer des actions et outils de prévention et de lutte contre le renoncement aux soins des jeunes enfants et de leurs parents",
    descriptif:
      "- Développer des actions et des outils partagés par les différents professionnels et faciles d'accès pour les familles, permettant de donner des points de repère et pouvant s'adapter à tous les budgets. Privilégier l'accompagnement de ces outils en face à face (PMI, crèches, assistantes maternelles, travailleurs sociaux...)\n- Promouvoir la Mission Accompagnement Santé de l'Assurance Maladie auprès des différents partenaires",
    pilotes: [["ville", "DFPE"], ["cpam"]],
    calendrier: "2022"
  },
  {
    ligne: 535,
    parent: "axe2.o1",
    intitule: "Renforcer l'accompagnement des familles vulnérables sur la nutrition infantile",
    descriptif:
      "- Promouvoir le programme MALIN afin d'améliorer la situation nutritionnelle d'enfants en bas âge vivant dans des familles en situation de vulnérabilité financière\n- Développer les actions de prévention et de promotion de la santé sous forme d'ateliers nutrition et cuisine, se déroulant dans les centres d'hébergement d'urgence et les hôtels sociaux\n- Mettre en place des actions d'accompagnement des deux parents pour favoriser un projet d'allaitement réfléchi, anticipé et préparé",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "PMI"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 536,
    parent: "axe2.o1",
    intitule: "Renforcer la prévention des dépressions parentales",
    descriptif:
      "- Produire et diffuser une plaquette unique sur les risques de dépressions parentales\n- Développer des actions d'information et des groupes d'échanges sur la dépression du post-partum à destination des familles pour prévenir les troubles de la relation précoce",
    pilotes: [["rspp"]],
    calendrier: "2022"
  },
  {
    ligne: 537,
    parent: "axe2.o1",
    intitule: "Promouvoir l'Entretien Prénatal Précoce et l'Entretien Post-Natal Précoce",
    descriptif:
      "Promouvoir spécifiquement l'Entretien Prénatal Précoce (EPP) et l'Entretien Post-Natal Précoce, par la mise en place d'un processus d'information systématique et d'incitation à destination des parents, notamment les plus précaires",
    pilotes: [["rspp"], ["cpam"]],
    calendrier: "2022"
  },
  {
    ligne: 538,
    parent: "axe2.o1",
    intitule:
      "Sensibiliser et accompagner les familles et les acteurs du territoire sur les enjeux de l'exposition des enfants aux écrans",
    descriptif:
      "- Accompagner les professionnels en contact avec les familles pour la diffusion de messages appropriés sur les risques de l'exposition aux écrans et proposer des activités alternatives\n- Développer des actions d'information et d'accompagnement des parents sur les enjeux de l'exposition aux écrans et les conséquences sur le développement des enfants",
    pilotes: [["ville", "DFPE"], ["caf", "Politique Parentalité"]],
    calendrier: "2021 et suivantes"
  },
  {
    ligne: 543,
    parent: "axe2.o2",
    intitule: "Sensibiliser les professionnels à l'importance d'un lien de qualité avec les deux parents",
    descriptif:
      "- Renforcer la formation des professionnels en lien avec les familles sur l'importance d'un lien de qualité avec les deux parents (accompagnement des pratiques professionnelles), notamment en cas de séparation\n- Réviser les contenus d'information pour valoriser la place des pères et prendre en compte les deux parents dans les familles homoparentales",
    pilotes: [["ville", "DFPE, DDCT"], ["caf", "Politique Parentalité / Service Communication"]],
    calendrier: "2022"
  },
  {
    ligne: 544,
    parent: "axe2.o2",
    intitule: "Développer l'accompagnement des pères en maternité",
    descriptif: "Développer des groupes de pères dans les maternités",
    pilotes: [["rspp"]],
    calendrier: "2021"
  },
  {
    ligne: 545,
    parent: "axe2.o2",
    intitule: "Renforcer l'offre de Lieux d'accueil enfants-parents",
    descriptif:
      "Développer l'offre de Lieux d'accueil enfants-parents (LAEP) de façon à tendre, dans chaque arrondissement et particulièrement dans les quartiers prioritaires, vers l'objectif d'un LAEP pour 3 500 enfants de 0 à moins de 6 ans",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 546,
    parent: "axe2.o2",
    intitule:
      "Développer des actions d'éveil artistique pour les enfants de 0-3 ans, leurs parents et les professionnels de la petite enfance",
    descriptif:
      "Impulser et soutenir des interventions culturelles, artistiques et de promotion de la lecture parents-enfants dans les lieux qui accueillent les jeunes enfants (crèches, PMI, LAEP, bibliothèques et médiathèques, etc.)",
    pilotes: [["ville", "DAC / DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 547,
    parent: "axe2.o2",
    intitule: "Expérimenter une offre de prévention de l'épuisement parental pour les parents de jeunes enfants",
    descriptif:
      "Développer une expérimentation entre les structures petite enfance de l'UDAF de Paris et l'ADAF (Aide à Domicile Aux Familles) pour assurer la prise en charge d'un ou des enfants et permettre aux parents surmenés de bénéficier de répit parental",
    pilotes: [["udaf"]],
    calendrier: "2022"
  },
  {
    ligne: 548,
    parent: "axe2.o2",
    intitule: "Renforcer la prévention des violences éducatives ordinaires",
    descriptif:
      "Développer des outils de communication et des actions collectives de sensibilisation des parents à cette question",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE / DASES"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 553,
    parent: "axe2.o3",
    intitule: "Développer l'accompagnement des parents en situation de précarité",
    descriptif:
      "- Développer des groupes d'échanges et des ateliers au sein des structures du territoire accueillant les parents en situation de précarité (centres d'hébergement, etc.)\n- Développer les partenariats entre les LAEP et les structures d'accompagnement des familles hébergées et sans domicile",
    pilotes: [["ville", "DFPE/DDCT"], ["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 554,
    parent: "axe2.o3",
    intitule: "Développer l'accompagnement des jeunes parents de moins de 25 ans",
    descriptif:
      "Accompagner les jeunes parents (couples et monoparents), notamment ceux hébergés (Foyer de jeunes travailleurs, etc.)",
    pilotes: [],
    calendrier: "2022"
  },
  {
    ligne: 555,
    parent: "axe2.o3",
    intitule: "Développer l'accompagnement des familles avec des jeunes enfants confrontés au handicap",
    descriptif:
      "Développer un partenariat avec la MDPH, le Service d'accompagnement à la parentalité des personnes en situation de handicap et la CPAM de Paris, pour identifier les besoins non couverts en matière d'accompagnement à la parentalité des parents porteurs de handicap et des parents d'enfants porteurs de handicap, et développer des actions permettant d'y répondre",
    pilotes: [],
    calendrier: "2022"
  },
  {
    ligne: 570,
    parent: "axe3.o1",
    intitule:
      "Valoriser les accueils collectifs et les assistants maternels dont le projet est davantage orienté vers l'accueil des publics à besoins particuliers",
    descriptif:
      "- Identifier les accueils collectifs et les assistants maternels dont le projet est davantage orienté vers l'accueil des publics à besoins particuliers et assurer la diffusion de cette information auprès des familles, ainsi que des acteurs et partenaires locaux pertinents\n- Élaborer un outil de recensement de cette offre spécifique\n- Relayer cette démarche auprès des partenaires publics et associatifs petite enfance / sociaux / médicaux sociaux",
    pilotes: [["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 571,
    parent: "axe3.o1",
    intitule:
      "Développer l'accueil occasionnel, modulable mais régulier, d'enfants à besoins particuliers dans l'ensemble des structures petite enfance",
    descriptif:
      "- Mettre en œuvre des groupes de travail avec l'ensemble des EAJE et des assistants maternels\n- Définir la communication",
    pilotes: [["caf", "Politique Petite enfance"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 572,
    parent: "axe3.o1",
    intitule:
      "Encourager la scolarisation précoce des enfants notamment dans les Quartiers Politiques de la Ville et accompagner les professionnels de l'Éducation nationale dans l'accueil des enfants de moins de 3 ans",
    descriptif:
      "- Déterminer un ciblage des zones prioritaires (QPV / Zones d'Éducation Prioritaire)\n- Lancer des campagnes de sensibilisation des familles concernées\n- Réaliser une communication et un temps de sensibilisation pour les professionnels de l'Éducation nationale concernant l'accueil de tous petits",
    pilotes: [["education-nationale"], ["ville", "DDCT"]],
    calendrier: "2022"
  },
  {
    ligne: 577,
    parent: "axe3.o2",
    intitule:
      "Accompagner les professionnels de la petite enfance (accueil collectif et individuel) ainsi que les auxiliaires parentaux à l'observation et au repérage précoce des troubles liés aux handicaps",
    descriptif:
      "- Organiser des journées de sensibilisation avec des intervenants extérieurs : Cnaf et/ou Centre de Ressources associatifs\n- Diffuser le guide Cnaf (en cours d'élaboration) et autres outils et réseaux existants (instances PMI)",
    pilotes: [["ville", "DFPE"], ["caf", "Politique Petite enfance"]],
    calendrier: "2022"
  },
  {
    ligne: 578,
    parent: "axe3.o2",
    intitule: "Développer les connaissances des professionnels de l'accueil du jeune enfant",
    descriptif:
      "Renforcer les connaissances des professionnels (accueil collectif et individuel) sur des thématiques telles que le handicap, la mixité sociale, l'égalité fille garçon, l'éveil à la culture, la laïcité, les écrans, la santé environnementale, etc., par des temps d'information et de sensibilisation :\n- Organiser des temps de sensibilisation\n- Élaborer des supports de communication\n- Mettre en réseau des partenaires",
    pilotes: [["ville", "DFPE / DAC"]],
    calendrier: "2022"
  },
  {
    ligne: 579,
    parent: "axe3.o2",
    intitule: "Favoriser la participation des familles et s'appuyer sur les compétences parentales",
    descriptif:
      "- Organiser de journées de sensibilisation et de valorisation des initiatives intéressantes\n- Communiquer auprès de l'ensemble des professionnels de la petite enfance\n- Élaborer et diffuser les outils",
    pilotes: [["ville", "DFPE"], ["caf", "Politique Petite enfance"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 584,
    parent: "axe3.o3",
    intitule: "Identifier les besoins de recrutement des gestionnaires",
    descriptif: "Organiser des jobdating et d'informations collectives auprès des conseillers Pôle emploi.",
    pilotes: [["pole-emploi"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 585,
    parent: "axe3.o3",
    intitule: "Informar les conseillers Pôle emploi et les doter de référentiels métiers",
    descriptif:
      "Développer des référentiels métiers prenant en compte les spécificités selon le type d'équipement et de gestion et mise en réseau des acteurs",
    pilotes: [["pole-emploi"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 600,
    parent: "axe4.o1",
    intitule: "Promouvoir et développer le recours à la médiation familiale",
    descriptif:
      "- Mettre en place une campagne d'information auprès des professionnels susceptibles d'informer et d'orienter les familles vers les services de médiation familiale\n- Développer des permanences d'information des services de médiation familiale dans des lieux ressources (RIF, maisons de la justice et du droit, points d'accès aux droits, centres sociaux) et les actions collectives d'information des familles en les proposant au sein d'associations, d'écoles ou de centres sociaux",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 601,
    parent: "axe4.o1",
    intitule: "Développer l'accompagnement des beaux-parents",
    descriptif:
      "Prévenir les difficultés susceptibles d'émerger lors des recompositions familiales (la place et le rôle de chacun dans la famille) et accompagner les beaux-parents dans leur rôle",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2022"
  },
  {
    ligne: 602,
    parent: "axe4.o1",
    intitule: "Développer l'accompagnement des enfants confrontés à la séparation des parents",
    descriptif: "Développer les actions de médiation en direction de groupes d'enfants dont les parents se séparent",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2021 et suivantes"
  },
  {
    ligne: 603,
    parent: "axe4.o1",
    intitule:
      "Améliorer l'identification des besoins et la coordination des services dédiés aux familles monoparentales et aux parents non-hébergeants",
    descriptif:
      "Créer un « observatoire partenarial parisien des familles monoparentales et des parents non-hébergeants » permettant de mieux identifier les besoins et de mieux coordonner les réponses à apporter (accès aux droits, dont l'allocation de soutien familial et l'intermédiation financière, logement, insertion professionnelle, accès aux modes d'accueil du jeune enfant, conditions d'exercice du droit de visite et d'hébergement, accompagnement à la scolarité, etc.)",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DASES"], ["cpam"]],
    calendrier: "2022"
  },
  {
    ligne: 604,
    parent: "axe4.o1",
    intitule: "Développer l'accompagnement de la parentalité en situation d'incarcération",
    descriptif: "Soutenir les projets de soutien parental incluant un parent ou un enfant incarcéré",
    pilotes: [["relais-parents-enfants"]],
    calendrier: "2021"
  },
  {
    ligne: 609,
    parent: "axe4.o1",
    intitule: "Promouvoir l'offre de service de l'ARIPA auprès des professionnels et des parents séparés",
    descriptif:
      "Produire des outils d'information sur l'offre de service de l'Agence de recouvrement et d'intermédiation des pensions alimentaires (ARIPA) et en assurer une diffusion accompagnée auprès des professionnels et des parents séparés",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2021"
  },
  {
    ligne: 610,
    parent: "axe4.o1",
    intitule: "Renforcer les offres d'accompagnement des familles confrontées au deuil",
    descriptif:
      "Dynamiser et élargir le réseau des acteurs parisiens accompagnant les familles face au deuil et développer des actions :\n- visant à mieux accompagner les parents endeuillés vers la reprise de leur emploi ou la réinsertion professionnelle ;\n- de sensibilisation des services sociaux des entreprises et des institutions à la question du retour sur site d'un salarié endeuillé ;\n- innovantes d'accompagnement des personnes confrontées au deuil comme les cafés-rencontres ;\n- de sensibilisation en direction des acteurs du soutien à la parentalité à la question du deuil dans la famille et des ressources disponibles sur le territoire (financières et de soutien)",
    pilotes: [["caf", "Politique Parentalité / Département dév. des territoires"]],
    calendrier: "2022"
  },
  {
    ligne: 611,
    parent: "axe4.o1",
    intitule:
      "Expérimenter et évaluer l'accompagnement à domicile par des sages-femmes dans le cadre du décès périnatal",
    descriptif:
      "- Organiser de journées de sensibilisation et de valorisation des initiatives intéressantes\n- Communiquer auprès de l'ensemble des professionnels de la petite enfance\n- Élaborer et diffuser les outils",
    pilotes: [["rspp"], ["ville", "PMI"]],
    calendrier: "2022"
  },
  {
    ligne: 616,
    parent: "axe4.o2",
    intitule: "Construire un « parcours partenarial d'accompagnement » des victimes de violences conjugales",
    descriptif:
      "Faciliter l'orientation, les démarches administratives et l'accès aux droits des victimes de violences conjugales en construisant un « parcours partenarial d'accompagnement »",
    pilotes: [["ville", "DASES / CEIPE / Pôle expertise métier et travail social"]],
    calendrier: "2022"
  },
  {
    ligne: 617,
    parent: "axe4.o2",
    intitule: "Renforcer l'accompagnement des parents et des enfants victimes de violences conjugales",
    descriptif:
      "Expérimenter et évaluer des ateliers d'accompagnement des mères et enfants victimes de violences conjugales accompagnés dans un Espace de rencontre",
    pilotes: [["cithea"]],
    calendrier: "2021"
  },
  {
    ligne: 618,
    parent: "axe4.o2",
    intitule:
      "Sensibiliser les professionnels au contact des familles sur l'orientation des victimes de violences conjugales",
    descriptif:
      "Développer les actions de sensibilisation / formation des professionnels (travailleurs sociaux, etc.) sur l'orientation des victimes de violences conjugales",
    pilotes: [["ville", "Observatoire des violences faites aux femmes / DFPE"]],
    calendrier: "2021 et suivantes"
  },
  {
    ligne: 619,
    parent: "axe4.o2",
    intitule: "Évaluer l'expérimentation des mesures d'accompagnement protégé",
    descriptif:
      "Évaluer l'expérimentation 2020/2021 des mesures d'accompagnement protégé (MAP) dans la perspective d'une intégration au droit commun de cette modalité d'accompagnement",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DASES / SDPPE / Pôle accueil BEPA"]],
    calendrier: "2021"
  },
  {
    ligne: 624,
    parent: "axe4.o3",
    intitule: "Développer l'offre d'accompagnement de la parentalité dans les petits logements",
    descriptif:
      "Construire une offre d'ateliers innovants autour de l'aménagement de l'espace et des règles de vie à appliquer pour cohabiter sereinement dans un petit logement",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2021"
  },
  {
    ligne: 625,
    parent: "axe4.o3",
    intitule: "Sensibiliser les professionnels et les familles aux risques de l'épuisement parental",
    descriptif:
      "Mettre en place un programme d'actions d'information en direction des parents et des professionnels sur l'épuisement parental",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2022"
  },
  {
    ligne: 626,
    parent: "axe4.o3",
    intitule: "Développer le partenariat Caf / CPAM / PMI / AP-HP / maternités / services d'aide à domicile",
    descriptif:
      "Développer le partenariat pour mieux promouvoir l'offre d'aide à domicile pour les interventions d'aide à domicile en cas de grossesse, naissance, maladie et décès d'un parent ou d'un enfant",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2022"
  },
  {
    ligne: 627,
    parent: "axe4.o3",
    intitule: "Expérimenter et déployer de nouvelles offres de service de prévention de l'épuisement parental",
    descriptif:
      "- Développer une expérimentation permettant aux parents en risque d'épuisement parental d'être accompagnés (notamment à domicile) et de bénéficier de temps de répit\n- Modéliser et diffuser des ateliers collectifs sur l'organisation pratique familiale au quotidien, animés notamment par des techniciennes de l'intervention sociale et familiale (TISF)\n- Déployer une offre d'accompagnement à domicile des parents d'enfants porteurs de handicap",
    pilotes: [["caf", "Politique Parentalité"]],
    calendrier: "2021"
  },
  {
    ligne: 648,
    parent: "axe5.o1",
    intitule:
      "Recenser l'ensemble des structures ou associations œuvrant à la fois dans le domaine de l'insertion et de la petite enfance",
    descriptif:
      "Faire un état des lieux de l'offre existante afin de mieux communiquer et informer les services sociaux, médico-sociaux et de l'insertion ainsi que les parents",
    pilotes: [["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 649,
    parent: "axe5.o1",
    intitule:
      "Mettre en relation les acteurs de la petite enfance et les professionnels de l'insertion afin de favoriser les admissions",
    descriptif:
      "Développer les partenariats internes au moyen notamment d'un support de communication pour informer les professionnels sur les dispositifs existants en matière de modes d'accueil du jeune enfant pour lever les freins à l'insertion des familles accompagnées",
    pilotes: [["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 654,
    parent: "axe5.o2",
    intitule: "Développer les crèches AVIP sur l'ensemble du territoire parisien",
    descriptif:
      "Aller à la rencontre des établissements d'accueil du jeune enfant sur les territoires non couverts pour leur présenter le dispositif AVIP qui consiste à combiner accueil de la petite enfance et partenariat avec Pôle emploi, et le développer de façon adaptée à chaque territoire (objectif de 40 labellisations à Paris, soit 1 par arrondissement et plus dans les QPV)",
    pilotes: [["caf", "Politique Insertion"]],
    calendrier: "2022"
  },
  {
    ligne: 659,
    parent: "axe5.o3",
    intitule:
      "Mener une étude sur les besoins de mode d'accueil des familles avec de jeunes enfants qui sont dans une démarche d'insertion",
    descriptif: "Réaliser un état des lieux des besoins des familles en insertion en matière de mode d'accueil",
    pilotes: [["ville", "DASES / SDIS – RSA / Pôle Partenariat et insertion (PPI)"]],
    calendrier: "2022"
  },
  {
    ligne: 660,
    parent: "axe5.o3",
    intitule: "Évaluer la faisabilité d'une labellisation AVIP pour les assistantes maternelles",
    descriptif:
      "Étudier des expériences de labellisation AVIP d'assistantes maternelles sur d'autres territoires et la faisabilité de ce projet à Paris",
    pilotes: [["caf", "Politique Insertion"], ["ville", "DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 669,
    parent: "axe5.o4",
    intitule: "Renforcer la coordination partenariale autour de l'inclusion numérique des parents",
    descriptif:
      "Renforcer la coordination partenariale, au niveau institutionnel et opérationnel, entre la Ville de Paris, la Caf, l'Éducation nationale et le GIP Réussite éducative, autour de la question de l'inclusion numérique des parents",
    pilotes: [["ville", "DASES"], ["education-nationale", "SDIS SEPLEX"], ["cpam"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 670,
    parent: "axe5.o4",
    intitule: "Développer des actions d'accompagnement de la « e-parentalité »",
    descriptif:
      "Soutenir des actions d'accompagnement des parents parisiens autour de la maîtrise des outils numériques pour qu'ils puissent mieux accompagner leurs enfants autour des enjeux scolaires, de l'exposition aux écrans et de l'utilisation d'internet et des réseaux sociaux",
    pilotes: [["emmaus-connect"]],
    calendrier: "2022"
  },
  {
    ligne: 693,
    parent: "axe6.o1",
    intitule: "Mieux communiquer sur les activités périscolaires et extrascolaires auprès de toutes les familles",
    descriptif:
      "Mieux communiquer sur les activités périscolaires et extrascolaires auprès de toutes les familles : • Identifier les failles de communication • Produire des supports • Organiser la distribution des supports et des rencontres sur le terrain Cette action devra viser également les établissements sociaux et médico-sociaux qui ont parfois la responsabilité de l'hébergement des enfants (y compris ceux relevant de l'aide sociale à l'enfance)",
    pilotes: [["ville", "DASCO / DASES / DST dans le cadre « rentrée zen »"]],
    calendrier: "2022"
  },
  {
    ligne: 694,
    parent: "axe6.o1",
    intitule: "Développer le dispositif « rentrée zen » dans plusieurs arrondissements",
    descriptif:
      "Faire un bilan de l'expérimentation « rentrée zen » qui s'est déroulée dans le 20 e arrondissement. À l'aune des éléments recueillis, l'ouvrir à d'autres arrondissements parisiens.",
    pilotes: [["ville", "DASCO / DASES"], ["education-nationale"]],
    calendrier: "2021"
  },
  {
    ligne: 695,
    parent: "axe6.o1",
    intitule: "Permettre aux gens du voyage d'accéder à des ALSH",
    descriptif: "Création de deux ALSH près des aires d'accueil de gens du voyage (Bois de Boulogne et de Vincennes)",
    pilotes: [["ville", "DASCO"], ["caf", "Politique Petite enfance"]],
    calendrier: "2022"
  },
  {
    ligne: 702,
    parent: "axe6.o1",
    intitule: "Développer une mission de service civique pour organiser des rencontres entre parents dans les CLAP",
    descriptif:
      "Contribuer à la mise en place de cafés des parents. Elle s'inscrit dans le cadre de l'inclusion des enfants à besoins éducatifs particuliers, et propose de contribuer au développement des liens avec les familles, favoriser les échanges entre parents, leur investissement dans le « lieu » école et le soutien à la parentalité.",
    pilotes: [["ville", "DASCO / DJS"], ["caf", "Politique Petite enfance"]],
    calendrier: "2022"
  },
  {
    ligne: 703,
    parent: "axe6.o1",
    intitule: "Développer des accueils en direction des publics spécifiques (handicap, précarité, etc.)",
    descriptif:
      "Favoriser une meilleure communication sur les financements possibles du Fonds publics et territoires (volet 3 « renforcer les conditions d'accueil et l'accès aux loisirs des enfants en situation de handicap ») auprès des ALSH et des accueils de jeunes accueillant un public âgé de 3 à 17 ans",
    pilotes: [["caf", "Politique Petite enfance"]],
    calendrier: "2021"
  },
  {
    ligne: 704,
    parent: "axe6.o1",
    intitule: "Développer des relations entre le secteur associatif et les accueils de loisirs de la Ville de Paris",
    descriptif:
      "- Identifier des partenariats existants et leur « formalisation » (fête de quartier, projet hebdo suivi...)\n- Inciter au travail collaboratif par des temps de rencontres réguliers\n- Évaluer les actions communes.",
    pilotes: [["ville", "DDCT / DASCO"]],
    calendrier: "2022"
  },
  {
    ligne: 705,
    parent: "axe6.o1",
    intitule:
      "Développer des lieux de rencontre et d'accueil pour les enfants de plus de 6 ans accompagnés de leurs parents",
    descriptif:
      "- Expérimenter une offre de LAEP pour les parents accompagnés de leurs enfants de plus de 6 ans, permettant aux parents de disposer de lieux d'échanges et de conseil\n- Ouvrir des centres de loisir le samedi matin",
    pilotes: [["caf", "Politique Parentalité"], ["ville", "DASCO / DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 710,
    parent: "axe6.o2",
    intitule: "Faciliter les transitions entre les niveaux scolaires par une meilleure information des familles",
    descriptif:
      "- Mettre en place un temps de rencontre systématique au mois de juin dans les établissements scolaires pour informer tous les parents sur la rentrée, répondre à leurs questionnements, faciliter les passages entre niveaux (maternelle/primaire, primaire/collège, etc.)\n- Développer des « actions passerelle » pour faciliter les passages entre niveaux",
    pilotes: [["ville", "DASCO"], ["education-nationale"]],
    calendrier: "2022"
  },
  {
    ligne: 711,
    parent: "axe6.o2",
    intitule: "Favoriser les actions de co-éducation",
    descriptif:
      "Développer l'utilisation de la « mallette des parents » par les équipes éducatives et la mise en place du dispositif « Ouvrir l'École Pour la Réussite des Enfants »",
    pilotes: [["education-nationale"]],
    calendrier: "2022"
  },
  {
    ligne: 712,
    parent: "axe6.o2",
    intitule: "Promouvoir le développement d'espaces parents dans les écoles",
    descriptif: "Promouvoir et soutenir le développement d'espaces parents dans les écoles maternelles et élémentaires",
    pilotes: [["education-nationale"], ["ville", "DASCO / DFPE"]],
    calendrier: "2023 et suivantes"
  },
  {
    ligne: 717,
    parent: "axe6.o3",
    intitule:
      "Mettre en place des réunions d'information et de prévention du harcèlement en direction des parents et des enfants",
    descriptif: "Organiser des cycles de conférences, des animations, des sensibilisations sur le phénomène",
    pilotes: [["ville", "DASCO"], ["education-nationale"]],
    calendrier: "Rentrée 2021"
  },
  {
    ligne: 718,
    parent: "axe6.o3",
    intitule: "Former et sensibiliser les équipes éducatives à la question du harcèlement",
    descriptif:
      "- Élaborer un état des lieux de l'existant\n- Développer si besoin une offre complémentaire\n- Organiser des temps de sensibilisation\n- S'appuyer sur les comités d'éducation à la santé et à la citoyenneté inter-établissements et inter-degrés des établissements scolaires\n- Promouvoir les actions « non au harcèlement » et de lutte contre le cyberharcèlement",
    pilotes: [["education-nationale"]],
    calendrier: "Rentrée 2022"
  },
  {
    ligne: 723,
    parent: "axe6.o4",
    intitule: "Développer et renforcer les compétences psychosociales des enfants",
    descriptif:
      "Développer des projets spécifiques de renforcement des compétences psychosociales en milieu scolaire pour prévenir les conduites à risque (par exemple le déploiement de Papillagou dans le 19 e )",
    pilotes: [["ville", "DASES / DST / Service de santé scolaire"]],
    calendrier: "2022"
  },
  {
    ligne: 772,
    parent: "axe7.o1",
    intitule:
      "Prioriser les actions soutenues dans le cadre de l'accompagnement à la scolarité à destination des collégiens et lycéens",
    descriptif:
      "- Prioriser l'accompagnement des jeunes du secondaire avec une attention particulière portée à ceux vivant en Quartier Politique de la Ville\n- Soutenir le dispositif « tou-te-s au collège c'est les vacances » et Paris Collèges Familles\n- Faire de la prévention éducative des conduites à risque dans le cadre d'action collégiens",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["ville", "DDCT (Service Politique de la Ville) / DASCO"]],
    calendrier: "2022"
  },
  {
    ligne: 773,
    parent: "axe7.o1",
    intitule: "Développer la formation des intervenants",
    descriptif:
      "Programmer un plan de formation en direction des intervenants des structures soutenues et plus particulièrement des personnes bénévoles",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["ville", "DDCT (Service Politique de la Ville)"]],
    calendrier: "2022"
  },
  {
    ligne: 778,
    parent: "axe7.o1",
    intitule: "Inscrire les projets « Cité Éducative » dans la dynamique partenariale",
    descriptif:
      "- Organiser des temps de rencontres multi-partenariales autour de thématiques permettant la valorisation des projets des Cités Éducatives\n- Prendre appui sur ces projets pour impulser de nouvelles pratiques",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["ville", "DDCT (Service Politique de la Ville)"], [
      "education-nationale"
    ]],
    calendrier: "2021 et suivantes"
  },
  {
    ligne: 779,
    parent: "axe7.o1",
    intitule:
      "Organiser deux rencontres par an avec les partenaires engagés dans le cadre de l'accompagnement à la scolarité et les acteurs du champ culturel",
    descriptif:
      "Prendre appui sur des projets culturels pour permettre aux partenaires du Contrat Local d'Accompagnement à la Scolarité - CLAS (professionnels, bénévoles et parents) de mieux appréhender différentes approches éducatives autour de thématiques",
    pilotes: [["caf", "Politique Autonomie des jeunes"]],
    calendrier: "2022"
  },
  {
    ligne: 780,
    parent: "axe7.o1",
    intitule: "Développer des actions de promotion de la lecture partagée parents-enfants",
    descriptif: "Mieux faire connaître l'offre du réseau des bibliothèques aux référents CLAS",
    pilotes: [["caf", "Politiques Parentalité et Autonomie des jeunes"]],
    calendrier: "2022"
  },
  {
    ligne: 785,
    parent: "axe7.o2",
    intitule:
      "Promouvoir les dispositifs existants et améliorer la complémentarité des actions des partenaires agissant auprès des jeunes",
    descriptif:
      "Développer de nouvelles modalités de transmission de l'information, qui s'adaptent aux pratiques actuelles des jeunes et qui répondent aux enjeux de société dans lesquels ils évoluent",
    pilotes: [["education-nationale"], ["mission-locale"]],
    calendrier: "2021"
  },
  {
    ligne: 786,
    parent: "axe7.o2",
    intitule: "Valoriser les stages de découverte (3 e )",
    descriptif:
      "Inscrire l'accueil des stages de découverte (3 e ) comme un moment privilégié et unique dans le parcours de réussite du jeune",
    pilotes: [["education-nationale"], ["mission-locale"]],
    calendrier: "2021"
  },
  {
    ligne: 787,
    parent: "axe7.o2",
    intitule: "Renforcer l'accompagnement à l'insertion des jeunes",
    descriptif: "Élargir les actions collectives en faveur de l'accompagnement à l'insertion des jeunes",
    pilotes: [["education-nationale"], ["mission-locale"]],
    calendrier: "2021"
  },
  {
    ligne: 788,
    parent: "axe7.o2",
    intitule: "Permettre le développement de projets innovants",
    descriptif: "Soutenir les projets innovants initiés avec les jeunes",
    pilotes: [["education-nationale"], ["mission-locale"]],
    calendrier: "2021"
  },
  {
    ligne: 803,
    parent: "axe7.o3",
    intitule: "Diffuser et améliorer l'information sur les possibilités d'accès au logement auprès des jeunes",
    descriptif:
      "Développer des outils et/ou des temps d'information sur les possibilités d'accès au logement : accès au premier logement, dispositif de sécurisation financière, expérimentation des dispositifs de logements alternatifs",
    pilotes: [["cllaj"], ["caf", "Politiques Autonomie des jeunes et Logement"]],
    calendrier: "2021"
  },
  {
    ligne: 804,
    parent: "axe7.o3",
    intitule: "Soutenir des projets permettant aux jeunes d'accéder plus facilement à de l'information les concernant",
    descriptif:
      "- Expérimenter un projet innovant « L'atelier des familles » dédié à l'accueil, l'information, l'accès aux droits, l'écoute et l'accompagnement des parents et des jeunes parisiens\n- Développer l'information des jeunes sur les services et dispositifs qui leur sont destinés en développant de nouveaux outils, supports et stratégies et en s'appuyant sur les Points Information Jeunesse labellisés.",
    pilotes: [["caf", "Politiques Parentalité et Autonomie des jeunes"], ["ville", "DJS"]],
    calendrier: "2021"
  },
  {
    ligne: 805,
    parent: "axe7.o3",
    intitule:
      "Développer les actions partenariales autour des pratiques culturelles à destination des jeunes et de leurs familles",
    descriptif:
      "Soutenir les projets spécifiques, les projets croisés avec la Seine-Saint-Denis dans le cadre de l'Olympiade culturelle en déployant certaines actions comme le Pass Jeunes afin de favoriser les rencontres au-delà du périphérique",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["ville", "DAC / DJS"]],
    calendrier: "2021"
  },
  {
    ligne: 806,
    parent: "axe7.o3",
    intitule:
      "Prendre appui sur l'ensemble des acteurs de la jeunesse pour accompagner les jeunes dans leur parcours d'insertion sociale et professionnelle",
    descriptif:
      "Mobiliser les partenaires (Mission Locale, FJT...) et les dispositifs d'aides individuelles (Projet jeune, FAJ, Paris jeunes vacances...)",
    pilotes: [["ville", "DJS / DASES SDIS / SEPLEX / Pôle Jeunesse"]],
    calendrier: "2021"
  },
  {
    ligne: 807,
    parent: "axe7.o3",
    intitule: "Faciliter l'accès des jeunes à la prévention et aux soins",
    descriptif:
      "- Systématiser les interventions en classe de 4e sur la santé sexuelle et faciliter l'accès du public jeune aux CPEF et CEGIDD\n- Développer des actions en faveur de la santé psychique des jeunes",
    pilotes: [["ville", "DASES / DFPE"]],
    calendrier: "2022"
  },
  {
    ligne: 808,
    parent: "axe7.o3",
    intitule: "Mettre en place un parcours étudiants - Cibler également les jeunes travailleurs pauvres",
    descriptif:
      "Mettre en place des parcours d'accès aux droits et aux soins pour les étudiants et les jeunes travailleurs pauvres",
    pilotes: [["cpam"]],
    calendrier: "2021"
  },
  {
    ligne: 826,
    parent: "axe7.o5",
    intitule: "Proposer des actions d'apprentissage via la culture digitale comme vectrice d'inclusion",
    descriptif:
      "Soutenir des actions innovantes inspirées d'éducatrices nouvelles (ex : Forum des images – École Tumo)",
    pilotes: [["caf", "Politique Autonomie des jeunes"]],
    calendrier: "2022"
  },
  {
    ligne: 827,
    parent: "axe7.o5",
    intitule:
      "Maintenir et faire évoluer la présence éducative sur les réseaux sociaux via le dispositif Promeneurs du Net (PdN)",
    descriptif:
      "- Développer des actions de sensibilisation et de maîtrise de l'usage du numérique auprès d'une majorité de jeunes et de leurs familles via les PdN\n- Augmenter le nombre de jeunes en lien avec les PdN",
    pilotes: [["ville", "DASES / SDIS / SEPLEX"]],
    calendrier: "2021"
  },
  {
    ligne: 832,
    parent: "axe7.o6",
    intitule: "Animer le réseau des \"Promeneurs du Net\"",
    descriptif: "Proposer des temps sur les questions d'éthique et de postures professionnelles",
    pilotes: [],
    calendrier: "2021"
  },
  {
    ligne: 833,
    parent: "axe7.o6",
    intitule: "Permettre à chaque professionnel d'appréhender sa présence éducative via le numérique.",
    descriptif:
      "Mettre en œuvre des formations pour les professionnels adaptées à leurs besoins, comme la formation webcitoyens (prévention de la violence, cyberharcèlement, prévention de la radicalisation)",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["ville", "DASES / SDIS / SEPLEX"]],
    calendrier: "2021"
  },
  {
    ligne: 834,
    parent: "axe7.o6",
    intitule: "Mettre en place des débats des Promeneurs du Net",
    descriptif:
      "Organiser des temps d'échanges autour de l'action éducative en ligne, de la place de la dématérialisation dans l'activité éducative et sociale, et de la prévention des risques et des enjeux des réseaux sociaux (ceux-ci pouvant être des accélérateurs de conflits ou de violence)",
    pilotes: [],
    calendrier: "2021"
  },
  {
    ligne: 837,
    parent: "axe7.o6",
    intitule: "Promouvoir et développer le réseau des Promeneurs du Net au sein des établissements",
    descriptif:
      "Organiser des séances d'information visant à promouvoir le réseau des Promeneurs du Net auprès des équipes éducatives et des familles",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["arc-equipes-amitie"]],
    calendrier: "2021"
  },
  {
    ligne: 838,
    parent: "axe7.o6",
    intitule: "Soutenir des projets permettant aux jeunes d'accéder plus facilement à de l'information les concernant",
    descriptif:
      "Organiser des séances d'information visant à promouvoir le réseau des Promeneurs du Net auprès des équipes des FJT et accompagner les professionnels dans l'appropriation du dispositif",
    pilotes: [["caf", "Politiques Autonomie des jeunes et Logement"]],
    calendrier: "2022"
  },
  {
    ligne: 853,
    parent: "axe7.o7",
    intitule: "Poursuivre et renforcer le partenariat au sein des différentes instances départementales et régionales",
    descriptif:
      "Participer aux instances départementales qui favorisent l'accompagnement et le développement d'actions de prévention de la délinquance et de la radicalisation Les instances concernées seront :\n- La cellule de la prévention, de la radicalisation et d'accompagnement des familles ;\n- Le comité interministériel de la prévention de la délinquance et de la radicalisation",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["prefecture"], ["education-nationale"]],
    calendrier: "2021"
  },
  {
    ligne: 854,
    parent: "axe7.o7",
    intitule:
      "Soutenir et valoriser des projets de prévention en cohérence avec les spécificités du territoire parisien",
    descriptif:
      "Mobiliser le Fonds National « Prévention de la radicalisation » pour permettre la réalisation de projets initiés localement et les promouvoir auprès des différentes partenaires",
    pilotes: [],
    calendrier: "2022"
  },
  {
    ligne: 859,
    parent: "axe7.o8",
    intitule: "Sensibiliser les professionnels aux questions liées à la laïcité",
    descriptif:
      "Proposer des actions collectives et un plan de formation à destination des professionnels afin de partager des approches, des modalités d'accompagnement et doter chacun d'outils pour conforter les compétences et les capacités éducatives",
    pilotes: [["caf", "Politique Autonomie des jeunes"], ["prefecture"]],
    calendrier: "2021"
  }
]

/** Plan node ids by key: `enjeu1`-`enjeu4`, `axe1`-`axe7`, `axe1.A`, `axe1.o1`, actions by seed line (`l470`). */
export const noeuds: Record<string, NoeudId> = {}
const noeud = (cle: string): NoeudId => (noeuds[cle] ??= id("noeud", cle) as NoeudId)

/** The calendrier prévisionnel as printed: "2022", "2023 et suivantes", "Rentrée 2021". */
export const calendrier = (libelle: string): Calendrier => {
  const m = /^(?:Rentrée )?(\d{4})( et suivantes)?$/.exec(libelle)
  if (m === null) throw new Error(`unexpected calendrier ${libelle}`)
  const annee = Number(m[1]) as Annee
  return m[2] === undefined
    ? { debut: annee, fin: annee, ouvert: false, libelle }
    : { debut: annee, ouvert: true, libelle }
}

/** The plan's sources with their seed lines: enjeux, axes, objectifs stratégiques, objectives. */
export const noeudsSource: ReadonlyArray<NoeudSource> = [...enjeux, ...structure]
/** The action rows with their seed lines. */
export const actionsSource: ReadonlyArray<ActionSource> = actions

for (const n of noeudsSource) noeud(n.cle)
for (const a of actions) noeud(`l${a.ligne}`)

const planCommandes = (): ReadonlyArray<Commande> => {
  const rangs = new Map<string, number>()
  const rang = (parent: string) => {
    const r = rangs.get(parent) ?? 0
    rangs.set(parent, r + 1)
    return r
  }
  const ajouter = (n: Noeud) => new C.AjouterNoeudPlan({ ...base, noeud: n })
  return [
    ...noeudsSource.map((n) =>
      ajouter({
        noeudId: noeud(n.cle),
        nature: n.nature,
        code: n.code,
        titre: n.titre,
        rang: rang(n.parent ?? ""),
        ...(n.parent === undefined ? {} : { parentId: noeud(n.parent) })
      })
    ),
    ...actions.map((a) =>
      ajouter({
        noeudId: noeud(`l${a.ligne}`),
        nature: "action",
        titre: a.intitule,
        parentId: noeud(a.parent),
        rang: rang(a.parent),
        details: {
          ...detailsVides,
          descriptif: a.descriptif,
          pilotes: a.pilotes.map(([k, direction]): Pilote =>
            direction === undefined ? { institutionId: inst(k) } : { institutionId: inst(k), direction }
          ),
          calendrier: calendrier(a.calendrier)
        }
      })
    )
  ]
}

/**
 * The signataires as printed (lines 141-213): 12 people for 10 institutions, the Caf de Paris and the MSA
 * d'Île-de-France each with two. Names live in the personal-data store (`personnes`); events keep a `SujetRef`.
 */
const signatairesSource: ReadonlyArray<readonly [string, number, string, string, string]> = [
  ["prefecture", 145, "Marc", "GUILLAUME", "Préfet de la Région Île-de-France, Préfet de Paris"],
  ["ville", 151, "Anne", "HIDALGO", "Mairie de Paris"],
  ["cour-appel", 157, "Jean-Michel", "HAYAT", "Premier président de la Cour d'appel de Paris"],
  ["tribunal", 163, "Stéphane", "NOËL", "Président du Tribunal Judiciaire de Paris"],
  ["academie", 169, "Antoine", "DESTRES", "Directeur de l'Académie de Paris"],
  [
    "caf",
    175,
    "Yves",
    "DEVAUX",
    "Président du Conseil d'administration de la Caisse d'allocations familiales de Paris"
  ],
  ["caf", 181, "Tahar", "BELMOUNÈS", "Directeur Général de la Caisse d'allocations familiales de Paris"],
  ["cpam", 187, "Pierre", "ALBERTINI", "Directeur Général de la Caisse primaire d'assurance-maladie de Paris"],
  ["msa", 193, "Olivier", "HUE", "Président de la Mutualité sociale agricole d'Île-de-France"],
  ["msa", 199, "Laurent", "PILETTE", "Directeur Général de la Mutualité sociale agricole d'Île-de-France"],
  ["pole-emploi", 205, "Caroline", "BACCHINI", "Directrice territoriale de Paris, Pôle emploi Île-de-France"],
  [
    "udaf",
    211,
    "Véronique",
    "DESMAIZIÈRES",
    "Présidente de l'Union Départementale des Associations Familiales de Paris"
  ]
]
const sujet = (ligne: number) => id("sujet", String(ligne)) as SujetRef

/** The signataires' personal data, for the personal-data store (`Personnes`); events name them by `sujet` only. */
export const personnes: ReadonlyArray<DonneesPersonnelles> = signatairesSource.map(
  ([, ligne, prenom, nom, fonction]) => ({ sujet: sujet(ligne), prenom, nom, fonction })
)

const signatures = (): ReadonlyArray<Commande> =>
  [...new Set(signatairesSource.map(([k]) => k))].map((k) =>
    new C.SignerSchema({
      ...base,
      institutionId: inst(k),
      signataires: signatairesSource
        .filter(([x]) => x === k)
        .map(([, ligne, , , fonction]) => ({ sujet: sujet(ligne), fonction })),
      lieu: "Paris",
      le: nonDocumente("seed 004 line 141: 'A Paris, le' with no date")
    })
  )

/** The commands: élaboration, institutions, governance, plan, figures, adoption (not documented), signatures. */
export const commandes = (): ReadonlyArray<Commande> => [
  new C.LancerElaboration({
    ...base,
    departement: "75" as CodeDepartement,
    periode: { debut: 2021 as Annee, fin: 2026 as Annee },
    intitule: "Schéma Parisien des Services aux Familles 2021-2026",
    // The seed's governance is a comité de pilotage chaired by the Préfet (line 867), not the CDSF of the décret
    // n° 2021-1644: recorded under the former regime.
    regime: "anterieur",
    // Lines 925-933: "le premier Schéma Parisien des Services aux Familles (SPSF) 2016-2018".
    predecesseurs: [{
      schemaId: predecesseurId,
      departement: "75" as CodeDepartement,
      periode: { debut: 2016 as Annee, fin: 2018 as Annee },
      nature: "sdsf",
      intitule: "Schéma Parisien des Services aux Familles 2016-2018"
    }],
    le: nonDocumente("seed 004 dates no launch of the élaboration")
  }),
  ...institutionsSource.map(([k, nom, nature]) =>
    new C.EnregistrerInstitution({
      ...base,
      institution: { institutionId: inst(k), nom, nature } satisfies Institution
    })
  ),
  ...instancesSource.map((instance) => new C.CreerInstance({ ...base, instance })),
  new C.DefinirCompositionInstance({
    ...base,
    instanceId: instances.cpsf,
    // Lines 867-870, 876, 879: présidé par le Préfet; vice-présidents la Maire de Paris et le Président du conseil
    // d'administration de la Caf de Paris; secrétaire général issu des services de la Caf; 35 membres.
    membres: [
      membre("prefecture", "president"),
      membre("ville", "vice-president"),
      membre("caf", "vice-president"),
      membre("caf", "secretaire-general")
    ],
    effectif: 35
  }),
  new C.DefinirCompositionInstance({
    ...base,
    instanceId: instances.cotech,
    // Line 898: piloted by the secrétaire général du COFIL (Caf de Paris); participants the Coordinateurs SPSF of
    // the signataires, "1 par direction / secteur de chaque signataire" (line 887: designated by each signataire).
    membres: [
      membre("caf", "secretaire-general"),
      ...["prefecture", "ville", "cour-appel", "tribunal", "academie", "caf", "cpam", "msa", "pole-emploi", "udaf"]
        .map((k) => membre(k, "coordinateur"))
    ]
  }),
  ...planCommandes(),
  ...definitions.map((definition) => new C.DefinirIndicateur({ ...base, definition })),
  ...chiffres.map((v) => new C.EnregistrerValeurIndicateur({ ...base, valeur: valeurDe(v) })),
  // Lines 921-1031: the bilan of the SPSF 2016-2018, undated; its figures are the `bilan-realisations` values.
  new C.ConduireEvaluationPrecedent({
    ...base,
    le: nonDocumente("seed 004 dates no bilan of the SPSF 2016-2018 (lines 921-1031)"),
    constats: [
      "Bilan des réalisations du Schéma Parisien des Services aux Familles 2016-2018 (annexe, lines 921-1031)"
    ]
  }),
  // Lines 240-441: the diagnostic, undated (its latest figures are "au titre de juin 2019", lines 276-435).
  new C.RealiserDiagnostic({
    ...base,
    le: nonDocumente("seed 004 dates no diagnostic (lines 240-441)"),
    synthese: "Diagnostic des besoins des familles et des services existants",
    indicateurs: [
      ...new Set(
        chiffres.filter((c) => c.indicateur !== "bilan-realisations").map((c) => c.indicateur as CodeIndicateur)
      )
    ]
  }),
  // No adoption is documented, but the signatures are printed (lines 141-213).
  new C.AdopterSchema({
    ...base,
    instanceId: instances.cpsf,
    objet: "schema",
    le: nonDocumente("seed 004 documents no adoption; the signatures are printed, undated (lines 141-213)"),
    vote: { _tag: "NonDocumente", note: "seed 004 documents no vote" }
  }),
  ...signatures()
]

// ---------------------------------------------------------------------------------------------------------------
// Figures: the diagnostic (lines 242-441) and the bilan of the SPSF 2016-2018 (lines 921-1031).

type Territoire = ValeurIndicateur["territoire"]
type Periode = ValeurIndicateur["periode"]
const paris: Territoire = { niveau: "departement", code: "75" as CodeDepartement }
const idf: Territoire = { niveau: "region", code: "11" as CodeRegion }
const metropole: Territoire = { niveau: "france", perimetre: "metropolitaine" }
const france: Territoire = { niveau: "france" }
/** The nth arrondissement (INSEE 751nn). */
const arr = (n: number): Territoire => ({
  niveau: "arrondissement",
  code: `751${String(n).padStart(2, "0")}` as CodeArrondissement
})
const le = (jour: string): Periode => ({ du: jour as Jour, au: jour as Jour })
const du = (a: string, b: string): Periode => ({ du: a as Jour, au: b as Jour })
const an = (a: number): Periode => ({ annee: a as Annee })
const juin2019 = du("2019-06-01", "2019-06-30")
const bilan = du("2016-01-01", "2018-12-31")
const cinqAns = du("2011-01-01", "2016-01-01")
const x = (valeur: number): Mesure => ({ nature: "exacte", valeur })
const env = (valeur: number, qualificatif: string): Mesure => ({ nature: "approchee", valeur, qualificatif })
const plusDe = (min: number, qualificatif: string): Mesure => ({ nature: "intervalle", min, qualificatif })
const moinsDe = (max: number, qualificatif: string): Mesure => ({ nature: "intervalle", max, qualificatif })

const tous = ["france", "region", "departement", "arrondissement"] as const
const def = (
  code: string,
  libelle: string,
  unite: DefinitionIndicateur["unite"],
  additivite: DefinitionIndicateur["additivite"],
  dimensions?: DefinitionIndicateur["dimensions"]
): DefinitionIndicateur => ({
  code: code as CodeIndicateur,
  libelle,
  unite,
  categorie: unite === "pourcent" || unite === "variation-pourcent"
    ? "taux"
    : unite === "euros-par-an" || unite === "euros-par-mois"
    ? "montant"
    : "effectif",
  // Declared: counts add up, rates and medians do not.
  additivite,
  niveaux: [...tous],
  ...(dimensions === undefined ? {} : { dimensions })
})

const trancheAge = { code: "tranche-age" as DimensionCode, libelle: "Tranche d'âge" }

/** The indicators the seed's figures are values of, with their additivity declared. */
export const definitions: ReadonlyArray<DefinitionIndicateur> = [
  def("population", "Habitants", "nombre", "somme"),
  def("evolution-population", "Évolution de la population", "variation-pourcent", "aucune"),
  def(
    "revenu-disponible-median-uc",
    "Médiane du revenu disponible par unité de consommation",
    "euros-par-an",
    "aucune"
  ),
  def("taux-couverture-caf-population", "Part de la population couverte par la Caf", "pourcent", "aucune"),
  def("foyers-allocataires", "Foyers allocataires de la Caf", "nombre", "somme"),
  def("personnes-couvertes-caf", "Personnes couvertes par la Caf (allocataires et ayants droit)", "nombre", "somme"),
  def(
    "part-familles-enfants-moins-20-allocataires",
    "Part des familles avec enfant(s) de moins de 20 ans parmi les foyers allocataires",
    "pourcent",
    "aucune"
  ),
  def(
    "foyers-allocataires-personnes-seules-sans-enfant",
    "Foyers allocataires de personnes seules sans enfant",
    "nombre",
    "somme"
  ),
  def(
    "part-foyers-allocataires-personnes-seules-sans-enfant",
    "Part des personnes seules sans enfant parmi les foyers allocataires",
    "pourcent",
    "aucune"
  ),
  def(
    "part-foyers-allocataires-prestation",
    "Part des foyers allocataires recevant une prestation",
    "pourcent",
    "aucune",
    [
      {
        code: "prestation" as DimensionCode,
        libelle: "Prestation",
        modalites: ["PPA", "Aide au logement", "RSA", "AAH"]
      }
    ]
  ),
  def("allocataires-bas-revenus", "Allocataires à bas revenus", "nombre", "somme"),
  def("part-allocataires-bas-revenus", "Part des foyers allocataires à bas revenus", "pourcent", "aucune"),
  def("seuil-bas-revenus", "Seuil de bas revenus par unité de consommation", "euros-par-mois", "aucune"),
  def("naissances-domiciliees", "Naissances domiciliées", "nombre", "somme"),
  def("part-naissances-region", "Part des naissances de la région", "pourcent", "aucune"),
  def(
    "part-familles-enfants-moins-25-menages",
    "Part des familles avec enfant(s) de moins de 25 ans parmi les ménages",
    "pourcent",
    "aucune"
  ),
  def("familles-enfants-moins-25", "Familles avec au moins un enfant de moins de 25 ans", "nombre", "somme"),
  def(
    "evolution-familles-enfants-moins-25",
    "Évolution du nombre de familles avec enfant(s) de moins de 25 ans",
    "variation-pourcent",
    "aucune"
  ),
  def("familles-nombreuses", "Familles nombreuses (au moins 3 enfants de moins de 25 ans)", "nombre", "somme"),
  def("part-familles-nombreuses", "Part des familles nombreuses", "pourcent", "aucune"),
  def(
    "part-familles-monoparentales",
    "Taux de monoparentalité (part des familles monoparentales parmi les familles)",
    "pourcent",
    "aucune"
  ),
  def("part-peres-familles-monoparentales", "Part des pères parmi les familles monoparentales", "pourcent", "aucune"),
  def("part-familles-allocataires-foyers", "Part des familles parmi les foyers allocataires", "pourcent", "aucune"),
  def("familles-allocataires", "Familles allocataires, par configuration", "nombre", "somme", [
    {
      code: "configuration" as DimensionCode,
      libelle: "Configuration familiale",
      modalites: ["monoparentale", "biparentale"]
    }
  ]),
  def(
    "part-foyers-allocataires-configuration",
    "Part des foyers allocataires, par configuration familiale",
    "pourcent",
    "aucune",
    [
      {
        code: "configuration" as DimensionCode,
        libelle: "Configuration familiale",
        modalites: ["monoparentale", "biparentale"]
      }
    ]
  ),
  def(
    "part-monoparentales-familles-allocataires",
    "Part des familles monoparentales parmi les familles allocataires",
    "pourcent",
    "aucune"
  ),
  def(
    "taux-couverture-caf-familles",
    "Part des familles couvertes par au moins une prestation légale de la Caf",
    "pourcent",
    "aucune",
    [
      {
        code: "configuration" as DimensionCode,
        libelle: "Configuration familiale",
        modalites: ["couple avec enfant(s)", "monoparentale"]
      }
    ]
  ),
  def(
    "part-familles-allocataires-bas-revenus",
    "Part des familles allocataires avec enfant(s) de moins de 25 ans à bas revenus",
    "pourcent",
    "aucune"
  ),
  def("familles-allocataires-prestation", "Familles allocataires percevant une prestation", "nombre", "aucune", [
    { code: "prestation" as DimensionCode, libelle: "Prestation", modalites: ["AF"] }
  ]),
  def(
    "part-familles-allocataires-prestation",
    "Part des familles allocataires percevant une prestation",
    "pourcent",
    "aucune",
    [
      { code: "prestation" as DimensionCode, libelle: "Prestation", modalites: ["AF", "Paje", "CMG", "ASF", "PreParE"] }
    ]
  ),
  def("logements-sociaux-produits", "Logements sociaux produits", "nombre", "somme"),
  def(
    "part-logements-familiaux-produits",
    "Part des logements familiaux parmi les logements sociaux produits",
    "pourcent",
    "aucune"
  ),
  def("taux-logements-sociaux", "Taux de logements sociaux", "pourcent", "aucune"),
  // The bilan of the SPSF 2016-2018 (lines 937-1031): counts over the three years.
  def("bilan-realisations", "Réalisations du SPSF 2016-2018", "nombre", "aucune", [
    { code: "realisation" as DimensionCode, libelle: "Réalisation, comme le bilan la libelle" }
  ]),
  // Figures printed without a period (lines 53-731): values with a `NonDocumente` period.
  def("eleves-premier-degre-publics", "Élèves des écoles maternelles et élémentaires publiques", "nombre", "somme"),
  def("etablissements-premier-degre-publics", "Établissements publics (maternelle, élémentaire)", "nombre", "somme"),
  def("collegiens", "Collégiens", "nombre", "somme"),
  def("eleves-academie", "Élèves de l'académie", "nombre", "somme"),
  def("beneficiaires-msa", "Bénéficiaires de la MSA", "nombre", "somme"),
  def("part-population-tranche-age", "Part de la population d'une tranche d'âge", "pourcent", "aucune", [trancheAge]),
  def("part-enfants-moins-20-tranche-age", "Part des moins de 20 ans d'une tranche d'âge", "pourcent", "aucune", [
    trancheAge
  ]),
  def("enfants-moins-20-tranche-age", "Moins de 20 ans d'une tranche d'âge", "nombre", "somme", [trancheAge]),
  def("part-temps-disponible-enfants", "Part du temps disponible des enfants", "pourcent", "aucune", [
    { code: "temps" as DimensionCode, libelle: "Temps, comme le rapport du HCFEA le libelle" }
  ]),
  def("part-16-25-ans-qpv-qva", "Part des 16-25 ans vivant en QPV ou en QVA", "pourcent", "aucune")
]
type DimensionCode = NonNullable<DefinitionIndicateur["dimensions"]>[number]["code"]

/** A figure as printed: key, indicator, territory, period, measure, source (undefined: none given), seed line. */
export interface Chiffre {
  readonly cle: string
  readonly indicateur: string
  readonly territoire: Territoire
  readonly periode: Periode
  readonly mesure: Mesure
  readonly source: string | undefined
  readonly ligne: number
  readonly ventilation?: Readonly<Record<string, string>>
}

const unites: ReadonlyMap<string, DefinitionIndicateur["unite"]> = new Map(definitions.map((d) => [d.code, d.unite]))
const valeurDe = (c: Chiffre): ValeurIndicateur => ({
  valeurId: id("valeur", c.cle) as ValeurId,
  indicateur: c.indicateur as CodeIndicateur,
  territoire: c.territoire,
  periode: c.periode,
  mesure: c.mesure,
  unite: unites.get(c.indicateur) ?? "nombre",
  source: c.source ?? { _tag: "NonDocumente", note: `seed 004 line ${c.ligne} cites no source` },
  methode: `seed 004 line ${c.ligne}`,
  enregistreLe,
  ...(c.ventilation === undefined ? {} : { ventilation: c.ventilation as ValeurIndicateur["ventilation"] & object })
})

const f = (
  cle: string,
  indicateur: string,
  territoire: Territoire,
  periode: Periode,
  mesure: Mesure,
  source: string | undefined,
  ligne: number,
  ventilation?: Readonly<Record<string, string>>
): Chiffre => ({
  cle,
  indicateur,
  territoire,
  periode,
  mesure,
  source,
  ligne,
  ...(ventilation === undefined ? {} : { ventilation })
})

const INSEE = "Insee"
const HCFEA = "Rapport « Les temps et lieux tiers des enfants et des adolescents » - HCFEA - 2018"
const APUR = "Étude Contrat Ville/APUR"
/** A figure printed without its period (issue 9: recorded, not left out, never given a made-up period). */
const sansPeriode = (ligne: number): Periode => ({
  _tag: "NonDocumente",
  note: `seed 004 line ${ligne} prints no period`
})
/** A figure by age group printed without its period. */
const age = (
  cle: string,
  indicateur: string,
  territoire: Territoire,
  ligne: number,
  mesure: Mesure,
  tranche: string,
  source?: string
): Chiffre => f(cle, indicateur, territoire, sansPeriode(ligne), mesure, source, ligne, { "tranche-age": tranche })
const CAF = "Caf de Paris"

/**
 * Figures of the seed the fixture does not record, and why (figures printed without a period are recorded, their
 * period `NonDocumente`).
 */
export const chiffresNonRepris: ReadonlyArray<string> = [
  "line 315: central arrondissements 'moins de 18%' of families with children under 25, 29% in the 19e (the arrondissements are not named)"
]

/**
 * The bilan of the SPSF 2016-2018 (lines 935-1031) as counts over the three years, one breakdown per réalisation as
 * the bilan words it; it cites no source. [key, line, value, réalisation, period when the bilan gives another].
 */
const bilanSource: ReadonlyArray<readonly [string, number, number, string, Periode?]> = [
  ["places-eaje", 939, 1805, "Création de places en EAJE"],
  ["alsh", 940, 1, "Création d'un nouvel accueil de loisirs sans hébergement (ALSH)"],
  ["accueils-14-17", 940, 17, "Conventionnement d'accueils collectifs dédiés aux jeunes de 14 à 17 ans"],
  ["vvv", 944, 970, "Jeunes bénéficiaires du dispositif Villes Vie Vacances"],
  ["projets-jeunes", 945, 253, "Projets financés à destination des jeunes"],
  ["action-collegiens-nouveaux", 949, 5, "Nouveaux collèges bénéficiant d'Action Collégiens"],
  ["action-collegiens", 949, 39, "Collèges bénéficiant d'Action Collégiens"],
  ["centres-sociaux", 953, 5, "Nouveaux centres sociaux agréés"],
  ["evs", 954, 24, "Nouveaux espaces de vie sociale agréés"],
  ["ludotheques", 955, 6, "Nouvelles ludothèques"],
  ["laep", 956, 10, "Nouveaux Lieux d'accueil enfants-parents (LAEP)"],
  ["mediation", 957, 2, "Nouveaux services de médiation familiale"],
  ["espace-parents", 958, 1, "Espace Parents dédié à l'accompagnement de tous les parents parisiens"],
  ["famlab-parents", 962, 5, "Réunions du comité consultatif de parents (FamLab)"],
  ["famlab-junior", 962, 5, "Réunions du comité consultatif junior (FamLab)"],
  ["ideation", 963, 4, "Ateliers d'idéation avec des parents et des jeunes"],
  ["projets-qpv", 970, 105, "Projets de soutien à la parentalité en QPV", an(2018)],
  ["laep-qpv", 971, 2, "Nouveaux Lieux d'accueil enfants-parents en QPV"],
  [
    "etablissements-handicap",
    975,
    4,
    "Nouveaux établissements pouvant accueillir entre 20 et 30% d'enfants en situation de handicap"
  ],
  ["projets-handicap", 976, 7, "Nouveaux projets favorisant l'accueil d'enfants porteurs de handicap en EAJE"],
  ["avip", 977, 8, "Nouvelles crèches à Vocation d'Insertion Professionnelle"],
  [
    "places-aphp",
    978,
    180,
    "Places de crèche réservées au sein des structures existantes de l'AP-HP proposant des horaires élargis"
  ],
  ["clap", 979, 7, "Centres de Loisirs à Parité municipaux pérennisés"],
  ["tps-2017-2018", 980, 1314, "Enfants scolarisés en Très Petite Section", du("2017-09-01", "2018-08-31")],
  ["tps-rentree-2018", 980, 1640, "Enfants scolarisés en Très Petite Section", du("2018-09-01", "2018-09-30")],
  ["dmf", 981, 347, "EAJE offrant la Diversification des Modes de Fréquentation"],
  ["ram-rap", 990, 5, "Nouveaux agréments de RAM-RAP"],
  ["rev", 995, 184, "Transformations de postes de REV"],
  ["formations-charte", 997, 2, "Formations pour les partenaires signataires de la Charte qualité"],
  ["institutions", 1003, 14, "Institutions et associations mobilisées dans les instances de gouvernance du SPSF"],
  ["rencontres-parentalite", 1012, 14, "Rencontres de la parentalité pour les professionnels et les bénévoles"],
  ["formations-clas", 1013, 10, "Formations proposées aux porteurs de projets du CLAS"],
  ["diagnostics-ctg", 1017, 10, "Diagnostics territoriaux (Convention Territoriale Globale)"],
  ["professionnels-ctg", 1017, 150, "Professionnels engagés dans les diagnostics territoriaux de la CTG"],
  ["reunions-ram-rap", 1018, 8, "Réunions d'animation du réseau RAM-RAP"],
  ["referents-famille", 1019, 10, "Postes de référents famille créés"],
  ["conferences", 1030, 3, "Conférences organisées par la Caf et l'UDAF pour les parents"]
]

/**
 * Periods the seed words loosely, and how they are recorded: "2016-2018" as 1 January 2016-31 December 2018; "à la
 * fin de l'année 2017-2018" (line 980) as the school year, 1 September 2017-31 August 2018; "à la rentrée 2018" as
 * September 2018; "Au titre de juin 2019" as the month; "au 1er janvier 2016" as that day; the 2011 figure of line 331
 * ("cinq ans plus tôt") as 1 January 2011.
 */
export const periodesInterpretees: ReadonlyArray<string> = [
  "line 929: 'SPSF 2016-2018' → 2016-01-01/2018-12-31",
  "line 980: 'à la fin de l'année 2017-2018' → 2017-09-01/2018-08-31",
  "line 980: 'à la rentrée 2018' → 2018-09-01/2018-09-30",
  "line 331: 'cinq ans plus tôt' than 1 January 2016 → 2011-01-01",
  "line 246: 'en 5 ans' to 1 January 2016 → 2011-01-01/2016-01-01 (the same for Île-de-France's '+0,4%')",
  "line 331: '- 4%' from 2011 to 2016 → 2011-01-01/2016-01-01",
  "lines 313, 346, 357: no period in the text; the maps of the same figures (lines 339, 350, 363) are 'au 1er janvier 2016'"
]

/** Every figure the fixture records, with its seed line. */
export const chiffres: ReadonlyArray<Chiffre> = [
  // 1. La population parisienne (lines 246-264).
  f("pop-paris-2016", "population", paris, le("2016-01-01"), x(2190327), INSEE, 246),
  f("pop-fm-2016", "population", metropole, an(2016), x(64468721), INSEE, 246),
  // Line 246: "soit une baisse de 0,5% en 5 ans", Île-de-France "une hausse de 0,4%": changes, in variation-pourcent.
  f("evolution-pop-paris", "evolution-population", paris, cinqAns, x(-0.5), INSEE, 246),
  f("evolution-pop-idf", "evolution-population", idf, cinqAns, x(0.4), INSEE, 246),
  f("revenu-paris", "revenu-disponible-median-uc", paris, an(2016), x(26808), undefined, 260),
  f("revenu-idf", "revenu-disponible-median-uc", idf, an(2016), x(22906), undefined, 260),
  f("revenu-fm", "revenu-disponible-median-uc", metropole, an(2016), x(20809), undefined, 260),
  f("revenu-19", "revenu-disponible-median-uc", arr(19), an(2016), x(19611), undefined, 262),
  f("revenu-8", "revenu-disponible-median-uc", arr(8), an(2016), x(40540), undefined, 264),
  f("revenu-7", "revenu-disponible-median-uc", arr(7), an(2016), x(42466), undefined, 264),
  // 2. La population allocataire (lines 276-298), "au titre de juin 2019".
  f("couv-paris", "taux-couverture-caf-population", paris, juin2019, x(41), CAF, 276),
  f("couv-6", "taux-couverture-caf-population", arr(6), juin2019, x(30), CAF, 276),
  f("couv-7", "taux-couverture-caf-population", arr(7), juin2019, x(30), CAF, 276),
  f("couv-19", "taux-couverture-caf-population", arr(19), juin2019, x(51), CAF, 276),
  f("foyers-paris", "foyers-allocataires", paris, juin2019, x(430050), CAF, 276),
  f("personnes-paris", "personnes-couvertes-caf", paris, juin2019, x(896135), CAF, 276),
  f("familles-20-paris", "part-familles-enfants-moins-20-allocataires", paris, juin2019, x(38), CAF, 278),
  f("seuls-part-paris", "part-foyers-allocataires-personnes-seules-sans-enfant", paris, juin2019, x(62), CAF, 280),
  f("seuls-paris", "foyers-allocataires-personnes-seules-sans-enfant", paris, juin2019, x(250482), CAF, 280),
  f("ppa", "part-foyers-allocataires-prestation", paris, juin2019, x(23), CAF, 291, { prestation: "PPA" }),
  f("al", "part-foyers-allocataires-prestation", paris, juin2019, x(53), CAF, 291, { prestation: "Aide au logement" }),
  f("rsa", "part-foyers-allocataires-prestation", paris, juin2019, x(15), CAF, 294, { prestation: "RSA" }),
  f("aah", "part-foyers-allocataires-prestation", paris, juin2019, x(7), CAF, 294, { prestation: "AAH" }),
  // Line 298: "Cette même année" (2019).
  f("bas-revenus-paris", "allocataires-bas-revenus", paris, an(2019), x(124957), undefined, 298),
  f("bas-revenus-part-paris", "part-allocataires-bas-revenus", paris, an(2019), x(37), undefined, 298),
  ...[18, 19, 20].map((n) =>
    f(`bas-revenus-part-${n}`, "part-allocataires-bas-revenus", arr(n), an(2019), plusDe(40, "plus de"), undefined, 298)
  ),
  ...[7, 8, 16].map((n) =>
    f(
      `bas-revenus-part-${n}`,
      "part-allocataires-bas-revenus",
      arr(n),
      an(2019),
      moinsDe(30, "inférieurs à"),
      undefined,
      298
    )
  ),
  // Footnote 4 (line 335): "En 2019, ce seuil est de 1 096 € par mois et par unité de consommation" (defined by the Insee).
  f("seuil-2019", "seuil-bas-revenus", france, an(2019), x(1096), INSEE, 335),
  // 3. Les familles parisiennes (lines 313-361); the maps of lines 339, 350, 363 are "au 1er janvier 2016".
  f("familles-menages-paris", "part-familles-enfants-moins-25-menages", paris, le("2016-01-01"), x(22), undefined, 313),
  f("familles-menages-idf", "part-familles-enfants-moins-25-menages", idf, le("2016-01-01"), x(36), undefined, 313),
  f(
    "familles-menages-fm",
    "part-familles-enfants-moins-25-menages",
    metropole,
    le("2016-01-01"),
    x(32),
    undefined,
    313
  ),
  f("naissances-2018", "naissances-domiciliees", paris, an(2018), x(27367), INSEE, 326),
  f("naissances-part-2018", "part-naissances-region", paris, an(2018), x(15), INSEE, 326),
  f("familles-2016", "familles-enfants-moins-25", paris, le("2016-01-01"), x(254798), undefined, 331),
  f("familles-2011", "familles-enfants-moins-25", paris, le("2011-01-01"), x(265879), undefined, 331),
  f("evolution-familles", "evolution-familles-enfants-moins-25", paris, cinqAns, x(-4), undefined, 331),
  f("nombreuses-paris", "familles-nombreuses", paris, le("2016-01-01"), x(43231), undefined, 346),
  f("nombreuses-part-paris", "part-familles-nombreuses", paris, le("2016-01-01"), x(17), undefined, 346),
  f("nombreuses-part-idf", "part-familles-nombreuses", idf, le("2016-01-01"), x(20), undefined, 346),
  f("nombreuses-part-fm", "part-familles-nombreuses", metropole, le("2016-01-01"), x(18), undefined, 346),
  f("nombreuses-part-19", "part-familles-nombreuses", arr(19), le("2016-01-01"), x(23), undefined, 348),
  ...[11, 2, 3].map((n) =>
    f(`nombreuses-part-${n}`, "part-familles-nombreuses", arr(n), le("2016-01-01"), x(13), undefined, 348)
  ),
  f("mono-paris", "part-familles-monoparentales", paris, le("2016-01-01"), x(37), undefined, 357),
  f("mono-idf", "part-familles-monoparentales", idf, le("2016-01-01"), x(31), undefined, 357),
  f("mono-fm", "part-familles-monoparentales", metropole, le("2016-01-01"), x(31), undefined, 357),
  ...[18, 19, 20].map((n) =>
    f(`mono-${n}`, "part-familles-monoparentales", arr(n), le("2016-01-01"), env(42, "avoisinant"), undefined, 357)
  ),
  f("peres-mono", "part-peres-familles-monoparentales", paris, le("2016-01-01"), x(16), undefined, 361),
  // 4. Les familles allocataires (lines 387-435), "en juin 2019".
  f("fam-alloc-paris", "part-familles-allocataires-foyers", paris, juin2019, x(38), CAF, 387),
  f("fam-alloc-france", "part-familles-allocataires-foyers", france, juin2019, x(51), CAF, 387),
  f("fam-alloc-idf", "part-familles-allocataires-foyers", idf, juin2019, x(55), CAF, 387),
  ...[8, 16, 17].map((n) =>
    f(`fam-alloc-${n}`, "part-familles-allocataires-foyers", arr(n), juin2019, env(45, "environ"), CAF, 389)
  ),
  f("mono-alloc", "familles-allocataires", paris, juin2019, x(47692), CAF, 391, { configuration: "monoparentale" }),
  f("bi-alloc", "familles-allocataires", paris, juin2019, x(113505), CAF, 391, { configuration: "biparentale" }),
  f("mono-alloc-part", "part-foyers-allocataires-configuration", paris, juin2019, x(11), CAF, 391, {
    configuration: "monoparentale"
  }),
  f("bi-alloc-part", "part-foyers-allocataires-configuration", paris, juin2019, x(26), CAF, 391, {
    configuration: "biparentale"
  }),
  f("mono-fam-alloc-paris", "part-monoparentales-familles-allocataires", paris, juin2019, x(30), CAF, 393),
  ...[13, 14].map((n) =>
    f(
      `mono-fam-alloc-${n}`,
      "part-monoparentales-familles-allocataires",
      arr(n),
      juin2019,
      env(35, "avoisinant"),
      CAF,
      393
    )
  ),
  ...[8, 7].map((n) =>
    f(`mono-fam-alloc-${n}`, "part-monoparentales-familles-allocataires", arr(n), juin2019, x(18), CAF, 393)
  ),
  // Line 399: "à l'échelle nationale et régionale ... respectivement 15% et 16%", "40% et 36%".
  f("mono-alloc-part-france", "part-foyers-allocataires-configuration", france, juin2019, x(15), CAF, 399, {
    configuration: "monoparentale"
  }),
  f("mono-alloc-part-idf", "part-foyers-allocataires-configuration", idf, juin2019, x(16), CAF, 399, {
    configuration: "monoparentale"
  }),
  f("bi-alloc-part-france", "part-foyers-allocataires-configuration", france, juin2019, x(40), CAF, 399, {
    configuration: "biparentale"
  }),
  f("bi-alloc-part-idf", "part-foyers-allocataires-configuration", idf, juin2019, x(36), CAF, 399, {
    configuration: "biparentale"
  }),
  f("couv-couples", "taux-couverture-caf-familles", paris, juin2019, x(59), CAF, 403, {
    configuration: "couple avec enfant(s)"
  }),
  f("couv-mono", "taux-couverture-caf-familles", paris, juin2019, x(51), CAF, 403, { configuration: "monoparentale" }),
  ...[17, 18, 19].map((n) =>
    f(`couv-familles-${n}`, "taux-couverture-caf-familles", arr(n), juin2019, x(63), CAF, 405)
  ),
  ...[6, 7].map((n) =>
    f(`couv-familles-${n}`, "taux-couverture-caf-familles", arr(n), juin2019, moinsDe(50, "inférieur à"), CAF, 405)
  ),
  f("fam-bas-revenus-paris", "part-familles-allocataires-bas-revenus", paris, juin2019, env(25, "un quart"), CAF, 409),
  f("fam-bas-revenus-13", "part-familles-allocataires-bas-revenus", arr(13), juin2019, x(28), CAF, 415),
  f("fam-bas-revenus-14", "part-familles-allocataires-bas-revenus", arr(14), juin2019, x(27), CAF, 415),
  f("fam-bas-revenus-17", "part-familles-allocataires-bas-revenus", arr(17), juin2019, x(22), CAF, 415),
  f("af-nombre", "familles-allocataires-prestation", paris, juin2019, x(114761), CAF, 423, { prestation: "AF" }),
  f("af", "part-familles-allocataires-prestation", paris, juin2019, x(71), CAF, 423, { prestation: "AF" }),
  f("paje", "part-familles-allocataires-prestation", paris, juin2019, x(31), CAF, 431, { prestation: "Paje" }),
  f("cmg", "part-familles-allocataires-prestation", paris, juin2019, x(14), CAF, 431, { prestation: "CMG" }),
  f("asf", "part-familles-allocataires-prestation", paris, juin2019, x(11), CAF, 433, { prestation: "ASF" }),
  f("prepare", "part-familles-allocataires-prestation", paris, juin2019, x(3), CAF, 435, { prestation: "PreParE" }),
  // 5. En résumé (line 441).
  f("logements-sociaux", "logements-sociaux-produits", paris, du("2014-01-01", "2020-12-31"), x(41354), undefined, 441),
  f(
    "logements-familiaux",
    "part-logements-familiaux-produits",
    paris,
    du("2014-01-01", "2020-12-31"),
    x(77),
    undefined,
    441
  ),
  f("logements-sociaux-16-2001", "taux-logements-sociaux", arr(16), an(2001), x(1.74), undefined, 441),
  f("logements-sociaux-16-2019", "taux-logements-sociaux", arr(16), an(2019), x(7.26), undefined, 441),
  // Printed without a period: recorded with a `NonDocumente` period naming the line.
  f("eleves-premier-degre", "eleves-premier-degre-publics", paris, sansPeriode(53), x(121000), undefined, 53),
  f("ecoles-premier-degre", "etablissements-premier-degre-publics", paris, sansPeriode(53), x(649), undefined, 53),
  f("collegiens", "collegiens", paris, sansPeriode(53), x(55500), undefined, 53),
  f("eleves-academie", "eleves-academie", paris, sansPeriode(81), x(320000), undefined, 81),
  f("beneficiaires-msa", "beneficiaires-msa", france, sansPeriode(113), env(5600000, "5,6 millions"), undefined, 113),
  ...([
    [paris, "moins de 20 ans", 19],
    [paris, "20 à 29 ans", 18],
    [idf, "20 à 29 ans", 14],
    [metropole, "20 à 29 ans", 12]
  ] as const).map(([t, tranche, v], i) => age(`age-254-${i}`, "part-population-tranche-age", t, 254, x(v), tranche)),
  ...([[paris, 37], [idf, 20]] as const).map(([t, v], i) =>
    age(`age-256-${i}`, "part-population-tranche-age", t, 256, x(v), "moins de 30 ans")
  ),
  age("enfants-moins-3-part", "part-enfants-moins-20-tranche-age", paris, 374, x(16), "moins de 3 ans"),
  age("enfants-moins-3", "enfants-moins-20-tranche-age", paris, 374, x(66405), "moins de 3 ans"),
  ...["3 à 6 ans", "7 à 10 ans", "11 à 14 ans"].map((tranche) =>
    age(`enfants-${tranche}-part`, "part-enfants-moins-20-tranche-age", paris, 374, env(19, "environ"), tranche)
  ),
  age("enfants-3-14", "enfants-moins-20-tranche-age", paris, 374, x(240784), "3 à 14 ans"),
  age("enfants-15-19-part", "part-enfants-moins-20-tranche-age", paris, 376, x(27), "15 à 19 ans"),
  // Line 678, footnote 8 (line 697): the HCFEA report of 2018 (national); "Aujourd'hui" is not a period.
  ...([
    ["tiers lieux et tiers temps", 25],
    ["hors temps scolaire", 32],
    ["faire en famille", 30],
    ["à la maison, sans activité avec la famille", 13]
  ] as const).map(([temps, v]) =>
    f(`temps-${temps}`, "part-temps-disponible-enfants", france, sansPeriode(678), x(v), HCFEA, 678, { temps })
  ),
  age("population-16-25", "part-population-tranche-age", paris, 731, env(15, "près de"), "16 à 25 ans", APUR),
  f("16-25-qpv-qva", "part-16-25-ans-qpv-qva", paris, sansPeriode(731), x(17), APUR, 731),
  ...bilanSource.map(([cle, ligne, v, realisation, periode]) =>
    f(`bilan-${cle}`, "bilan-realisations", paris, periode ?? bilan, x(v), undefined, ligne, { realisation })
  )
]
