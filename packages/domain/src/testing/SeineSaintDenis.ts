/**
 * The Seine-Saint-Denis schéma 2024-2026 written as commands, transcribed from seed 002: the slides of the axe 5
 * groupe de travail meeting of Tuesday 1 July 2025 (seed 002 lines 7-13). The seed reprints fiche 1.1 in full
 * (lines 62-69), fiche 5 with its objectives and two followed actions (lines 149-168), the collective actions of axes
 * 1-4 (lines 121-141), the working groups' rules (lines 83-104), the SDSF's calendar (line 114) and the portrait
 * social petite enfance table, Saint-Denis vs département (lines 178-187).
 *
 * Nothing the seed does not give is recorded: no launch date, no adoption year, no vote, no cadence for the CDSF, no
 * pilot for fiche 5 or for any action listed by axe, no co-animating partner of any group, no France métropolitaine
 * figure ("n.r."). Every command's `survenuLe` is the instant the fixture records it, not a fact of the seed.
 */
import type { Commande } from "../Commandes.ts"
import * as C from "../Commandes.ts"
import type { SchemaId } from "../Evenements.ts"
import type { Instance, InstanceId } from "../Gouvernance.ts"
import { deriveId } from "../IdGenerator.ts"
import type { CodeDimension, CodeIndicateur, DefinitionIndicateur, Mesure, ValeurId } from "../Indicateur.ts"
import type { InstitutionId, NatureInstitution } from "../Institution.ts"
import type { DetailsAction, Noeud, NoeudId } from "../Plan.ts"
import { detailsVides } from "../Plan.ts"
import type { CodeCommune, CodeDepartement, Territoire } from "../Territoire.ts"
import type { Annee, Datation, Instant, Jour } from "../Temps.ts"

/** The schéma's id: uuid v5 of `schema`, `93`, `2024-2026`. */
export const schemaId = deriveId("schema", "93", "2024-2026") as SchemaId

/** Saint-Denis, as the portrait social prints it (seed 002 line 183): INSEE code 93066. */
export const saintDenis = "93066" as CodeCommune

/** Where the seed disagrees with itself, is garbled, or prints what the fixture deliberately leaves out. */
export const ecartsDesSources: ReadonlyArray<string> = [
  "seed 002 line 63 numbers the first fiche '1.1' (axe.fiche) but line 149 calls the axe 5 fiche 'Fiche 5' (no sub-number): both codes are kept as printed",
  "seed 002 line 72 lists the fiches' headings as 'Priorités identifiées, Acteurs concernés, Indicateurs, actions clés'; fiche 1.1 (lines 65-69) prints 'ACTEURS PRINCIPAUX' and a 'PILOTE DE LA FICHE' the list does not name; fiche 5 (lines 151-158) prints 'Objectifs' where fiche 1.1 prints 'PRIORITÉS IDENTIFIÉES': they are recorded as the fiche's priorités",
  "seed 002 line 65: 'la sécurité des enfants –, présenté chaque année' (a stray dash): kept as printed",
  "seed 002 line 69: 'en circualrisant l'information' (typo for 'circularisant'): kept as printed",
  "seed 002 line 131: the axe 2 list ends with an empty bullet '-' (an action left blank): not recorded",
  "seed 002 lines 166-168: the 'Pilote' column of the fiche 5 actions is empty: no pilot recorded (PiloteManquant)",
  "seed 002 line 114: 'validation en mai' gives no year (the working groups were held in 2024, line 29; the signature 'début 2025'): the adoption is recorded NonDocumente, not May of a guessed year",
  "seed 002 line 44: 'Le 1er SDSF est élaboré pour la période 2024-2026': recorded with no predecessor, as printed",
  "seed 002 lines 182-187: the France métropolitaine column heads 'Plusieurs sélections' (line 183) and reads 'n.r.' on every row: no France figure is recorded",
  "seed 002 lines 218-220: the Experice seminar sessions ('19 mars matin', '2 juillet', '5 novembre') are printed without a year: kept in the progress comment as printed, not dated",
  "seed 002 line 193 prints a login and a password for the online map: deliberately not transcribed",
  "seed 002 lines 208 and 224 name a researcher and her e-mail address: personal data, not transcribed"
]

/** Facts the model requires in a form the seed gives only in words, and how the fixture reads them. */
export const lectures: ReadonlyArray<string> = [
  "seed 002 lines 167-168 print an 'Etat d'avancement' as text (what was presented); the model needs a state: 'en-cours', with the printed text as comment",
  "seed 002 lines 253-255: the three 'Propositions d'action(s) à porter collectivement' are recorded as pistes under fiche 5 (the axe 5 group's fiche), still to be validated (line 263)"
]

/** Facts the seed gives that the model cannot record without inventing something, left out. */
export const nonTranscrits: ReadonlyArray<string> = [
  "seed 002 line 114: 'signature officielle début 2025': no signing institution or signer is printed, so no SignerSchema",
  "seed 002 line 85: each working group is 'coanimé avec un partenaire': no partner is named, so no co-animateur member",
  "seed 002 line 44: 'les suivants le seront pour 6 ans' (the next schémas' period): not a fact of this schéma",
  "seed 002 lines 11-13: the meeting's hours (14h-17h) and place (CAF de la Seine-Saint-Denis, Bobigny, INSEE 93008): the model's meeting has no field for them",
  "seed 002 line 214: the Experice seminar's '3 par an' sessions at the Campus Condorcet: a partner's seminar, not a body of the schéma",
  "seed 002 line 232: the 'plus de 10 000 habitants' threshold of the March decree: a regulation's figure, not an indicator of the schéma",
  "seed 002 line 55: 'Ce plan d'action est agile et révisable annuellement': no revision is documented"
]

const id = (...parts: ReadonlyArray<string>) => deriveId("93-2024-2026", ...parts)
const at = (jour: string): Instant => `${jour}T12:00:00.000Z` as Instant
const nonDocumente = (note: string): Datation => ({ _tag: "NonDocumente", note })
const base = (jour: string) => ({ schemaId, survenuLe: at(jour) })

/** The day of the axe 5 groupe de travail meeting (seed 002 line 11: "MARDI 1ER JUILLET 2025 DE 14H À 17H"). */
export const jourReunion = "2025-07-01" as Jour

/** Institutions the seed names in a role the model records (pilot, host of the meeting). */
const institutionsSource: ReadonlyArray<readonly [string, string, NatureInstitution]> = [
  // Seed 002 line 66: "PILOTE DE LA FICHE Caf"; line 13: "CAF DE LA SEINE-SAINT-DENIS - BOBIGNY".
  ["caf", "Caf de la Seine-Saint-Denis", "caf"],
  // Seed 002 line 67: "Conseil départemental (PMI notamment)"; line 172: "Centre de Ressources Partenaires du CD".
  ["departement", "Conseil départemental de la Seine-Saint-Denis", "conseil-departemental"]
]

/** Institution ids by short key. */
export const institutions: Readonly<Record<string, InstitutionId>> = Object.fromEntries(
  institutionsSource.map(([k]) => [k, id("institution", k) as InstitutionId])
)

/** Body ids: the CDSF and one groupe de travail per axe (`gt1`-`gt5`). */
export const instances = {
  cdsf: id("instance", "cdsf") as InstanceId,
  gt1: id("instance", "gt-axe-1") as InstanceId,
  gt2: id("instance", "gt-axe-2") as InstanceId,
  gt3: id("instance", "gt-axe-3") as InstanceId,
  gt4: id("instance", "gt-axe-4") as InstanceId,
  gt5: id("instance", "gt-axe-5") as InstanceId
} as const

/** The five axes (seed 002 line 72: "5 axes stratégiques"), titles as printed (lines 121, 127, 133, 138, 160). */
export const axes: ReadonlyArray<readonly [string, string]> = [
  [
    "1",
    "Agir pour le développement quantitatif et qualitatif de l'offre petite enfance et parentalité dans une logique de rééquilibrage territorial"
  ],
  [
    "2",
    "S'engager collectivement pour le développement de la formation et l'attractivité des métiers de la petite enfance et soutien à la parentalité"
  ],
  [
    "3",
    "Favoriser l'accessibilité de l'offre d'accueil du jeune enfant et de soutien à la parentalité à l'ensemble des publics et son adaptation aux besoins des familles"
  ],
  ["4", "Renforcer l'accompagnement des parents et l'information des familles"],
  [
    "5",
    "Co-produire et partager une ingénierie sociale en matière des services aux familles, en mobilisant les expertises techniques et universitaires du territoire"
  ]
]

const groupeDeTravail = (axe: string): Instance => ({
  instanceId: instances[`gt${axe}` as keyof typeof instances],
  nature: "groupe-de-travail",
  nom: `Groupe de travail Axe ${axe}`,
  // Seed 002 line 94: "2 à 3 réunions par an".
  cadence: { minParAn: 2, maxParAn: 3 },
  // Seed 002 line 100: "il convient d'envisager initialement un calendrier sur 1 an".
  duree: "un calendrier sur 1 an",
  // The axe 5 group met on 1 July 2025 (lines 7-11); the seed says nothing of the others' installation.
  ...(axe === "5" ? { statut: "installee" as const } : {}),
  themes: [],
  // Seed 002 lines 84-85, 95-96.
  missions: [
    "Porter des actions propres qui permettent la mobilisation de plusieurs acteurs concernés",
    "Contribuer au suivi des actions menées",
    "Espace de suivi/portage d'actions collectives",
    "Partage de productions, restitution annuelle auprès du CDSF"
  ]
})

const instancesSource: ReadonlyArray<Instance> = [
  {
    instanceId: instances.cdsf,
    nature: "cdsf",
    nom: "Comité départemental des services aux familles (CDSF)",
    // Seed 002 line 91 cites its règlement intérieur, line 96 a yearly restitution to it; no cadence is given.
    cadence: { _tag: "NonDocumente", note: "seed 002 gives no cadence for the CDSF" },
    themes: [],
    missions: []
  },
  ...axes.map(([axe]) => groupeDeTravail(axe))
]

/** Plan node ids by short key: `axe1`-`axe5`, `f1.1`, `f5`, `a1.1`... (actions by axe), `f5.a1`-`a2`, `f5.p1`-`p3`. */
export const noeuds: Record<string, NoeudId> = {}
const noeud = (cle: string): NoeudId => (noeuds[cle] ??= id("noeud", cle) as NoeudId)

/** Fiche 1.1 (seed 002 lines 63-69). */
const fiche11: DetailsAction = {
  ...detailsVides,
  pilotes: [{ institutionId: id("institution", "caf") as InstitutionId }],
  acteurs: ["Communes", "Conseil départemental (PMI notamment)", "Gestionnaires"],
  priorites: [
    "Accompagner les porteurs de projets à toutes les étapes du parcours de création d'EAJE",
    "Impulser l'implantation de nouveaux EAJE dans les territoires non ou peu couverts, par une démarche pro-active dans le domaine de l'aménagement et de l'immobilier",
    "Accompagner les gestionnaires EAJE dans la mise en œuvre d'une qualité sociale et éducative, et dans le fonctionnement courant de l'établissement (gestion, optimisation de l'occupation, FSU)",
    "Mettre en œuvre un plan départemental de contrôle des EAJE, afin de garantir la qualité d'accueil et la sécurité des enfants –, présenté chaque année en séance plénière du CDSF",
    "Mobiliser l'ensemble des acteurs publics et privés autour de leviers permettant de prévenir la destruction de places et de soutenir l'offre existante en accueil collectif, par l'optimisation des fonctionnements, notamment des taux d'occupation"
  ],
  indicateurs: [
    "Création et destructions de places d'accueil",
    "Taux d'occupation",
    "Taux de couverture collectif",
    "Réalisation du plan de contrôle coordonné"
  ],
  actionsCles: [
    "Accompagnement au montage financier de l'établissement dans un objectif d'optimisation des financements",
    "Mobilisation des bailleurs et collectivités (bailleurs sociaux, bailleurs d'Etat, promoteurs privés...) pour identifier des leviers immobiliers et faciliter l'implantation de nouveaux EAJE",
    "Information régulière sur l'ensemble des financements des institutions et leur évolution : de la CAF (bonus, financements d'investissement et de fonctionnement, appels à projets), du CD, de la Région, des villes, des fonds européens",
    "Ouverture à l'expérimentation et à l'innovation dans les modèles d'EAJE (hybridation, mutualisation...)",
    "Harmonisation des contrôles PMI, en se basant sur le nouveau guide et référentiel qualité",
    "Mise en place des modalités de repérage des structures en difficulté, en circualrisant l'information avec les partenaires concernés dans le cadre d'une stratégie d'accompagnement transversal et mise en place de conférences des financeurs pour une étude en commun des situations"
  ]
}

/** Fiche 5 (seed 002 lines 149-158): no pilot, actors, indicators or calendrier printed. */
const fiche5: DetailsAction = {
  ...detailsVides,
  priorites: [
    "Faciliter l'accès aux ressources existantes tout en poursuivant le renforcement des capacités d'observation et de diagnostic du territoire",
    "Encourager le développement des études permettant d'accompagner la compréhension et la prise de décision",
    "Proposer des espaces rassemblant tous les acteurs",
    "Favoriser le déploiement de réseaux d'entraide et de partage autour des projets et de l'ingénierie territoriale",
    "Promouvoir et développer les outils d'appui au développement des projets",
    "Valoriser les initiatives, les actions du SDSF et partager les ressources utiles"
  ]
}

/** Actions listed by axe (seed 002 lines 121-141), with their lines. */
const actionsParAxe: ReadonlyArray<readonly [string, number, string]> = [
  ["1", 123, "Partage des leviers mobilisables par les communes pour intervenir en soutien à la qualité d'accueil"],
  ["1", 124, "Expérimentation de la réunion d'information au métier d'assistant.e maternel.le"],
  ["1", 125, "Etude sur les conditions de performance des modèles économiques des EAJE de l'ESS"],
  ["2", 129, "Apport d'une expertise métier à la feuille de route départementale Filière petite enfance"],
  ["2", 130, "Accompagnement des professionnel.les titulaires du CAP AEPE et AP en prise de poste"],
  [
    "3",
    135,
    "Rencontres territoriales entre acteurs de l'insertion et de la petite enfance pour une interconnaissance et un partage d'outils et procédures partagées concernant des situations relevant à la fois de la petite enfance et des publics en parcours d'insertion"
  ],
  [
    "3",
    136,
    "Recensement de dispositifs, d'actions et de bonnes pratiques croisées petite enfance et handicap à destination des professionnel.les afin de favoriser l'interconnaissance, et notamment des RSAI"
  ],
  [
    "4",
    140,
    "Proposer un événement (forum) à destination de tous les professionnels de la parentalité (approche interréseaux)"
  ],
  ["4", 141, "Création d'une boîte à outils dispositifs \"passerelles\""]
]

/** The fiche 5 actions followed at the meeting (seed 002 lines 166-168): title and printed état d'avancement. */
const actionsFiche5: ReadonlyArray<readonly [string, string, string]> = [
  [
    "f5.a1",
    "Réalisation d'un inventaire des ressources méconnues (observatoires intercommunaux, laboratoires de recherche, sites ressources ; méthodes, modèles, guides et référentiels)",
    "Présentation des pages du CRP Application cartographie petite enfance"
  ],
  [
    "f5.a2",
    "Déploiement de temps de rencontre réguliers ouverts à tous les acteurs de la petite enfance autour de thèmes spécifiques",
    "Séminaire Experice : \"Attractivité des métiers petite enfance\" Déploiement de temps d'appropriation du SDSF"
  ]
]

/** Propositions d'action(s) à porter collectivement (seed 002 lines 253-255). */
const propositions: ReadonlyArray<string> = [
  "Traduction du SDSF sur le terrain",
  "Un outil au service des villes et des partenaires : cartographie dynamique petite enfance : présentation et retours sur l'outil – mise en place d'un groupe de suivi",
  "Favoriser la mobilisation des compétences des EPT pour l'ensemble des acteurs (observatoire, ingénierie, emploi, foncier, politique de la ville etc.), du CD, des universités et autres acteurs de l'accompagnement : vers un guide concret pour les communes et porteurs de projets ?"
]

const cleAction = (axe: string, i: number) => `a${axe}.${i + 1}`

const planCommandes = (jour: string): ReadonlyArray<Commande> => {
  const ajouter = (n: Noeud) => new C.AjouterNoeudPlan({ ...base(jour), noeud: n })
  const out: Array<Commande> = []
  axes.forEach(([axe, titre], rang) =>
    out.push(ajouter({ noeudId: noeud(`axe${axe}`), nature: "axe", code: axe, titre, rang }))
  )
  out.push(ajouter({
    noeudId: noeud("f1.1"),
    nature: "fiche",
    code: "1.1",
    // Seed 002 line 64, printed in capitals only: kept as printed.
    titre:
      "POURSUIVRE L'ACCOMPAGNEMENT À LA CRÉATION, AU MAINTIEN, AU DÉVELOPPEMENT DES EAJE ET VEILLER À LEUR QUALITÉ D'ACCUEIL",
    parentId: noeud("axe1"),
    rang: 0,
    details: fiche11
  }))
  for (const [axe] of axes) {
    const rangDepart = axe === "1" ? 1 : 0
    actionsParAxe.filter(([a]) => a === axe).forEach(([, , titre], i) =>
      out.push(ajouter({
        noeudId: noeud(cleAction(axe, i)),
        nature: "action",
        titre,
        parentId: noeud(`axe${axe}`),
        rang: rangDepart + i,
        details: detailsVides
      }))
    )
  }
  out.push(ajouter({
    noeudId: noeud("f5"),
    nature: "fiche",
    code: "5",
    titre:
      "Accompagner la réponse aux besoins des territoires et outiller en ingénierie les acteurs, conduire des actions de communication relatives aux services aux familles",
    parentId: noeud("axe5"),
    rang: 0,
    details: fiche5
  }))
  actionsFiche5.forEach(([cle, titre], rang) =>
    out.push(
      ajouter({ noeudId: noeud(cle), nature: "action", titre, parentId: noeud("f5"), rang, details: detailsVides })
    )
  )
  propositions.forEach((titre, i) =>
    out.push(ajouter({
      noeudId: noeud(`f5.p${i + 1}`),
      nature: "piste",
      titre,
      parentId: noeud("f5"),
      rang: actionsFiche5.length + i
    }))
  )
  return out
}
for (const [axe] of axes) noeud(`axe${axe}`)
for (const cle of ["f1.1", "f5", ...actionsFiche5.map(([k]) => k)]) noeud(cle)
propositions.forEach((_, i) => noeud(`f5.p${i + 1}`))
for (const [axe] of axes) actionsParAxe.filter(([a]) => a === axe).forEach((_, i) => noeud(cleAction(axe, i)))

const code = (s: string) => s as CodeIndicateur
const dep93: Territoire = { niveau: "departement", code: "93" as CodeDepartement }
const communeSaintDenis: Territoire = { niveau: "commune", code: saintDenis }

/**
 * The portrait social's indicators (seed 002 lines 184-187), labels as printed; additivity declared: counts add up
 * from communes to the département, a share does not.
 */
export const definitions: ReadonlyArray<DefinitionIndicateur> = [
  {
    code: code("gardes-a-domicile"),
    libelle: "Nb de gardes à domicile",
    unite: "nombre",
    categorie: "effectif",
    additivite: "somme",
    niveaux: ["departement", "commune"]
  },
  {
    code: code("eaje"),
    libelle: "Nombre d'EAJE",
    unite: "nombre",
    categorie: "effectif",
    additivite: "somme",
    niveaux: ["departement", "commune"]
  },
  {
    code: code("enfants-inscrits-creches"),
    libelle: "Nb d'enfants inscrits dans les crèches",
    unite: "nombre",
    categorie: "effectif",
    additivite: "somme",
    // Seed 002 line 186: "0-5 ans", the age group the figure is given for.
    dimensions: [{ code: "tranche-age" as CodeDimension, libelle: "Tranche d'âge" }],
    niveaux: ["departement", "commune"]
  },
  {
    code: code("part-enfants-pauvres-creches-departementales"),
    libelle: "Part d'enfants pauvres accueillis dans les crèches départementales",
    unite: "pourcent",
    categorie: "taux",
    additivite: "aucune",
    niveaux: ["departement", "commune"]
  }
]

/**
 * The table's figures: key, indicator, Saint-Denis, Seine-Saint-Denis, year ("Date"), source, seed line. The
 * France métropolitaine column reads "n.r." on every row (not recorded).
 */
export const portraitSocial: ReadonlyArray<readonly [string, string, number, number, number, string, number]> = [
  ["gad", "gardes-a-domicile", 35, 1264, 2021, "CAF", 184],
  ["eaje", "eaje", 34, 446, 2023, "CD93", 185],
  ["inscrits", "enfants-inscrits-creches", 1874, 25912, 2021, "CAF", 186],
  ["pauvres", "part-enfants-pauvres-creches-departementales", 44.9, 42.7, 2021, "CAF", 187]
]

const valeurs = (jour: string): ReadonlyArray<Commande> =>
  portraitSocial.flatMap(([cle, indicateur, commune, departement, annee, source]) =>
    ([["93066", communeSaintDenis, commune], ["93", dep93, departement]] as const).map(([t, territoire, v]) =>
      new C.EnregistrerValeurIndicateur({
        ...base(jour),
        valeur: {
          valeurId: id("valeur", cle, t) as ValeurId,
          indicateur: code(indicateur),
          territoire,
          periode: { annee: annee as Annee },
          ...(cle === "inscrits" ? { ventilation: { ["tranche-age" as CodeDimension]: "0-5 ans" } } : {}),
          mesure: { nature: "exacte", valeur: v } satisfies Mesure,
          unite: indicateur === "part-enfants-pauvres-creches-departementales" ? "pourcent" : "nombre",
          source,
          // Seed 002 lines 178, 182-183.
          methode:
            "Portrait social de la Seine-Saint-Denis, 7. Petite enfance (co-construit avec l'ODDS), année de publication 2024",
          enregistreLe: at(jour)
        }
      })
    )
  )

/** Meeting ids by short key. */
export const reunions = {
  gt5: id("reunion", "gt-axe-5-2025-07-01")
} as const

/** The commands, in order: élaboration (working groups of 2024) to the axe 5 groupe de travail of 1 July 2025. */
export const commandes = (): ReadonlyArray<Commande> => [
  new C.LancerElaboration({
    ...base("2024-01-01"),
    departement: "93" as CodeDepartement,
    periode: { debut: 2024 as Annee, fin: 2026 as Annee },
    // Seed 002 line 5, as printed.
    intitule: "Schéma départemental Des services aux familles 2024-2026",
    regime: "decret-2021-1644",
    // Seed 002 line 44: "Le 1er SDSF est élaboré pour la période 2024-2026".
    predecesseurs: [],
    le: nonDocumente("seed 002 dates no launch; its first dated step is the working groups of 2024 (lines 29, 77)")
  }),
  ...institutionsSource.map(([k, nom, nature]) =>
    new C.EnregistrerInstitution({
      ...base("2024-01-01"),
      institution: { institutionId: id("institution", k) as InstitutionId, nom, nature }
    })
  ),
  new C.TenirConcertation({
    ...base("2024-01-01"),
    concertationId: id("concertation", "groupes-de-travail-2024"),
    forme: "groupe-de-travail",
    intitule: "Groupes de travail de 2024",
    // Seed 002 line 29: "établi à la suite des groupes de travail de 2024"; line 77.
    le: { _tag: "Annee", annee: 2024 as Annee },
    themes: []
  }),
  ...instancesSource.map((instance) => new C.CreerInstance({ ...base("2024-01-01"), instance })),
  ...planCommandes("2024-01-01"),
  // Seed 002 line 114: "Pour le SDSF (validation en mai et signature officielle début 2025)": no year, no vote.
  new C.AdopterSchema({
    ...base("2024-12-31"),
    instanceId: instances.cdsf,
    objet: "schema",
    le: nonDocumente("seed 002 line 114: 'validation en mai', no year printed"),
    vote: { _tag: "NonDocumente", note: "seed 002 gives no vote" }
  }),
  new C.DemarrerMiseEnOeuvre({
    ...base("2025-07-01"),
    le: nonDocumente(
      "seed 002 dates no start of implementation; the actions are followed on 1 July 2025 (lines 18, 143-168)"
    )
  }),
  new C.TenirReunion({
    ...base(jourReunion),
    reunionId: reunions.gt5,
    instanceId: instances.gt5,
    // Seed 002 line 11 (14h-17h), line 13 (CAF de la Seine-Saint-Denis, Bobigny); agenda lines 17-19.
    le: { _tag: "Jour", jour: jourReunion },
    ordreDuJour: [
      "Introduction",
      "Suivi des fiches actions",
      "Travail en groupe sur les actions à privilégier pour un portage collectif"
    ],
    // Line 270: "A suivre ...": no decision is printed.
    decisions: []
  }),
  ...definitions.map((definition) => new C.DefinirIndicateur({ ...base(jourReunion), definition })),
  // Presented at the meeting (seed 002 lines 175-176).
  ...valeurs(jourReunion),
  ...actionsFiche5.map(([cle, , etat]) =>
    new C.SignalerAvancementAction({
      ...base(jourReunion),
      noeudId: noeud(cle),
      le: { _tag: "Jour", jour: jourReunion },
      etat: "en-cours",
      commentaire: etat
    })
  )
]
