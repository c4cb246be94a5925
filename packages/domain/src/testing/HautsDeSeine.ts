/**
 * The Hauts-de-Seine schéma 2022-2026 written as commands, from its élaboration to the CDSF of 12 December 2025,
 * transcribed from seed 001 (orientations, governance, first calendar) and seed 000 (journal de projet n°4).
 *
 * A realistic fixture for host test suites. Dates are recorded with the precision the seeds give them (a month, a
 * year, a range, or `NonDocumente` with what the seed does say), citing the seed line; the few days still assumed
 * are listed in `joursSupposes`; where the seeds disagree with themselves, `ecartsDesSources` records it. Every
 * command's `survenuLe` is the instant the fixture records it, not a fact of the seeds.
 */
import type { Commande } from "../Commandes.ts"
import * as C from "../Commandes.ts"
import type { SchemaId } from "../Evenements.ts"
import type { Instance, InstanceId, Membre } from "../Gouvernance.ts"
import { deriveId } from "../IdGenerator.ts"
import type { CodeIndicateur, ValeurId } from "../Indicateur.ts"
import type { Institution, InstitutionId, NatureInstitution } from "../Institution.ts"
import type { NatureNoeud, Noeud, NoeudId } from "../Plan.ts"
import { detailsVides } from "../Plan.ts"
import type { CodeDepartement } from "../Territoire.ts"
import type { Annee, Datation, Instant, Jour } from "../Temps.ts"
import type { Theme } from "../Theme.ts"

/** The schéma's id: uuid v5 of `schema`, `92`, `2022-2026`. */
export const schemaId = deriveId("schema", "92", "2022-2026") as SchemaId

/**
 * Days the seeds do not give that the fixture still assumes. Everything else undated is recorded as imprecise or
 * not documented: the launch (`NonDocumente`), the ateliers (February 2022), the roadmaps ("d'ici à la fin juin"),
 * the CDSF that set the 2025 priorities (`NonDocumente`), the 2025 call for projects (2025), the September 2025
 * point d'étape, the start of implementation (`NonDocumente`).
 */
export const joursSupposes: ReadonlyArray<string> = [
  "the AVIP figures for 2024 and 2025 and the référents insertion: reported in journal n°4 (seed 000 line 121), which has no publication day; known as of the CDSF of 12 December 2025 it reports on (seed 000 line 7)"
]

/** Where the seeds disagree with themselves. */
export const ecartsDesSources: ReadonlyArray<string> = [
  "seed 001 lists 'Dynamiser le déploiement des Maisons d'Assistantes Maternelles' under its objective and 'Maisons d'Assistants Maternelles' under the theme: the objective's wording is kept",
  "seed 001 writes 'Renforcement le déploiement des places AVIP' (garbled) in the plan and 'Renforcer le déploiement des places A Vocation d'Insertion Professionnelle' under the theme: the theme's wording is kept, the garbled one recorded here",
  "seed 001 lists 'Renforcer la logique de continuité éducative et expérimenter le principe de co-éducation' in the plan and 'Renforcer la logique de continuité éducative et de co-éducation' under the theme: the plan's wording is kept",
  "seed 001's Parentalité/Inclusion action 'Développer les solutions en faveur du répit parental…' belongs to none of the 7 objectives listed: it sits directly under the axe Inclusion",
  "seed 001 lists the handicap action's pistes twice (under Petite enfance and Enfance et Jeunesse), once as 'Enquête de besoins à destination des professionnel' and once with 'professionnels': the action is written once, under both themes, with the plural",
  "seed 000 titles the parentalité committee's page 'Comité « Petite enfance »' (a heading repeated by mistake): its content (parents d'adolescents, 1000 premiers jours) is the parentalité committee's"
]

const id = (...parts: ReadonlyArray<string>) => deriveId("92-2022-2026", ...parts)
const at = (jour: string): Instant => `${jour}T12:00:00.000Z` as Instant
const j = (s: string) => s as Jour
const jr = (s: string): Datation => ({ _tag: "Jour", jour: s as Jour })
const mois = (annee: number, m: number): Datation => ({ _tag: "Mois", annee: annee as Annee, mois: m })
const nonDocumente = (note: string): Datation => ({ _tag: "NonDocumente", note })
const base = (jour: string) => ({ schemaId, survenuLe: at(jour) })

/** Institutions named by seeds 000 and 001. */
const institutionsSource: ReadonlyArray<readonly [string, string, NatureInstitution]> = [
  ["prefecture", "Préfecture des Hauts-de-Seine", "prefecture"],
  ["departement", "Département des Hauts-de-Seine", "conseil-departemental"],
  ["caf", "Caf des Hauts-de-Seine", "caf"],
  ["collectivites", "Représentant des collectivités locales", "association-des-maires"],
  ["dsden", "DSDEN des Hauts-de-Seine", "education-nationale"],
  ["fcs", "Fédération des centres sociaux et socioculturels des Hauts-de-Seine", "federation-associative"],
  ["france-travail", "France Travail", "france-travail"],
  ["drieets", "DRIEETS", "service-etat"],
  ["msa", "MSA", "msa"],
  ["kpmg", "KPMG", "consultant"]
]

/** Institution ids by short key. */
export const institutions: Readonly<Record<string, InstitutionId>> = Object.fromEntries(
  institutionsSource.map(([k]) => [k, id("institution", k) as InstitutionId])
)
const inst = (k: string): InstitutionId => institutions[k] as InstitutionId

/** Body ids by short key. */
export const instances = {
  cdsf: id("instance", "cdsf") as InstanceId,
  copil: id("instance", "copil") as InstanceId,
  petiteEnfance: id("instance", "ct-petite-enfance") as InstanceId,
  enfanceJeunesse: id("instance", "ct-enfance-jeunesse") as InstanceId,
  parentalite: id("instance", "ct-parentalite") as InstanceId,
  avs: id("instance", "ct-avs") as InstanceId,
  labellisation: id("instance", "comite-labellisation-avip") as InstanceId,
  celluleVeille: id("instance", "cellule-veille-avs") as InstanceId
} as const

const comiteThematique = (cle: keyof typeof instances, nom: string, theme: Theme): Instance => ({
  instanceId: instances[cle],
  nature: "comite-thematique",
  nom,
  // 3 réunions / an (seed 001); February, May, September (seed 000's calendar).
  cadence: { minParAn: 3, maxParAn: 3, moisIndicatifs: [2, 5, 9] },
  themes: [theme],
  missions: [
    "Définissent le plan d'action pluriannuel en feuille de route thématique annuelle",
    "Facilitent l'innovation",
    "Assurent la mise en réseau des acteurs",
    "Suivent et évaluent la mise en œuvre des actions"
  ]
})

const instancesSource: ReadonlyArray<Instance> = [
  {
    instanceId: instances.cdsf,
    nature: "cdsf",
    nom: "Comité départemental des services aux familles (CDSF)",
    cadence: { minParAn: 1, moisIndicatifs: [12] },
    themes: [],
    missions: [
      "Etablit un schéma départemental des services aux familles (SDSF) pluriannuel mentionné à l'article L. 214-5 et évalue sa mise en œuvre.",
      "Organise la coordination des actions de ses membres en vue d'en améliorer l'efficacité",
      "Recueille toutes données permettant de réaliser un suivi des actions visant à favoriser l'accès des personnes en situation d'insertion professionnelle",
      "Formule des propositions, notamment en matière de partenariats"
    ]
  },
  {
    instanceId: instances.copil,
    nature: "copil",
    nom: "Comité de pilotage",
    cadence: { minParAn: 3, maxParAn: 3, moisIndicatifs: [11] },
    themes: [],
    missions: [
      "Propose et décline les orientations stratégiques déterminées par le CDSF",
      "Assure le suivi du schéma et centraliser les bilans des comités thématiques",
      "Valide le calendrier annuel des appels à projet sur l'ensemble des thématiques",
      "Prépare les réunions du CDSF",
      "Accompagne les membres du CDSF dans leur prise de fonction au sein de la gouvernance"
    ]
  },
  comiteThematique("petiteEnfance", "Comité thématique Petite enfance", "petite-enfance"),
  comiteThematique("enfanceJeunesse", "Comité thématique Enfance-Jeunesse", "enfance-jeunesse"),
  comiteThematique("parentalite", "Comité thématique Parentalité", "parentalite"),
  comiteThematique("avs", "Comité thématique Animation de la vie sociale", "animation-vie-sociale")
]

/** Plan node ids by short key (axes `axe1`, `axe2`; objectives `o1`-`o7`; actions `a1`-`a18`). */
export const noeuds: Record<string, NoeudId> = {}
const noeud = (cle: string): NoeudId => (noeuds[cle] ??= id("noeud", cle) as NoeudId)

const PE: Theme = "petite-enfance"
const EJ: Theme = "enfance-jeunesse"
const PA: Theme = "parentalite"
const AVS: Theme = "animation-vie-sociale"

/** Axes and objectives (seed 001, "Les axes stratégiques 2022-2026"). */
const structure: ReadonlyArray<readonly [string, NatureNoeud, string | undefined, string]> = [
  ["axe1", "axe", undefined, "Accès aux services"],
  ["o1", "objectif", "axe1", "Garantir la pérennité de l'offre et des structures"],
  ["o2", "objectif", "axe1", "Garantir la qualité et la diversité de l'offre"],
  ["o3", "objectif", "axe1", "Garantir un maillage équilibré du territoire en fonction des besoins"],
  ["o4", "objectif", "axe1", "Assurer une communication efficiente et complète à destination des familles"],
  ["axe2", "axe", undefined, "Inclusion"],
  ["o5", "objectif", "axe2", "Favoriser l'accès aux droits et l'inclusion numérique"],
  ["o6", "objectif", "axe2", "Favoriser les actions à destination des publics précaires"],
  ["o7", "objectif", "axe2", "Favoriser l'inclusion des enfants en situation de handicap"]
]

/** Actions (seed 001, "Le plan d'action"), their themes, and their example pistes (✓ items, "..." left out). */
const actions: ReadonlyArray<readonly [string, string, string, ReadonlyArray<Theme>, ReadonlyArray<string>]> = [
  ["a1", "o1", "Améliorer l'attractivité des métiers de la petite enfance sur le département", [PE], [
    "Forum de l'emploi de la petite enfance",
    "Possibilités de stage en EAJE au collègue",
    "Développement de la VAE",
    "Travail sur la question du « genre »",
    "Lien à opérer avec le SPRO"
  ]],
  ["a2", "o1", "Valoriser l'accueil individuel et outiller le déploiement des relais petite enfance", [PE], [
    "Outillage des RPE sur la relation employeur",
    "Autodiagnostic à destination des RPE",
    "Analyse de la pratique pour les assistantes maternelles"
  ]],
  ["a3", "o1", "Déployer le pacte de coopération", [AVS], [
    "Communication à destination des élus, des équipes municipales et des équipes des CSC, intégrant une réflexion sur la terminologie, la notion de CPO pouvant être plus lisible",
    "Planification du déploiement par priorité au sein d'un comité départemental"
  ]],
  ["a4", "o2", "Renforcer la logique de continuité éducative et expérimenter le principe de co-éducation", [EJ], [
    "Veille « pratiques inspirantes » sur les actions de préparation à l'entrée à l'école puis au collège",
    "Facilitation de l'innovation sur participation des parents au parcours de réussite éducative de leur enfant (CTG, PEDT, etc.)",
    "Accompagnement des parents sur l'utilisation de l'environnement numérique de travail"
  ]],
  ["a5", "o2", "Développer les actions en faveur de l'engagement citoyen des jeunes", [EJ], [
    "Formation à destination des professionnels à la participation des jeunes / à l'accompagnement de projet",
    "Ouverture de l'appel à projet « jeunes » de la Caf à d'autres partenaires"
  ]],
  ["a6", "o3", "Dynamiser le déploiement des Maisons d'Assistantes Maternelles", [PE], [
    "Appel à manifestation d'intérêt auprès des communes",
    "Appel à projet",
    "Offre d'accompagnement"
  ]],
  [
    "a7",
    "o3",
    "Renforcer le maillage territorial en matière d'offre d'accueil du jeune enfant et le soutien aux acteurs associatifs",
    [PE],
    [
      "Régulation de l'installation des micro-crèches",
      "Evolution des systèmes de garderie éphémères",
      "Nouvelles modalités de soutien aux structures associatives en difficulté",
      "Suivi des travaux nationaux sur le service public de la petite enfance",
      "Réflexion sur la régulation de l'attribution des places dans les crèches d'entreprise en Psu"
    ]
  ],
  ["a8", "o3", "Renforcer l'accompagnement des parcours de séparation", [PA], [
    "Création / développement des espaces rencontre",
    "Coordination territoriale dédiée sur les parcours de séparation (Caf, les services d'aide à domicile, espaces rencontres, services de médiation familiale, etc.)",
    "Réflexion sur la pérennisation des services de médiation familiale et des espaces-rencontre"
  ]],
  ["a9", "o3", "Renforcer le maillage territorial en matière d'équipements d'animation de la vie sociale", [AVS], [
    "Création de nouveaux équipements dans les quartiers moins bien dotés",
    "Rayonnement géographique des structures existantes : actions entre CSC et complémentarité des actions sur des territoires proches"
  ]],
  [
    "a10",
    "o4",
    "Conduire une étude d'opportunité sur la création d'une plateforme d'information commune à destination des familles",
    [PA],
    [
      "A travailler dans le cadre du comité thématique dédié, en lien avec les autres comités"
    ]
  ],
  [
    "a11",
    "o4",
    "Organiser des campagnes d'information et de sensibilisation communes à destination des familles",
    [PA],
    [
      "Harcèlement scolaire et cyberviolence",
      "Prostitution des mineurs",
      "Radicalisation des mineurs",
      "Violences intrafamiliales et inceste"
    ]
  ],
  ["a12", "o5", "Améliorer l'inclusion des familles plus éloignées du numérique", [PA], [
    "Dispositif partenarial de repérage des familles éloignées du numérique",
    "Appel à projet «commun CAF / CD / CNAV /CPAM",
    "Veille sur les initiatives communales inspirantes..."
  ]],
  [
    "a13",
    "o5",
    "Renforcer l'accompagnement sur l'accès aux droits en direction des jeunes, notamment dans les Foyers de Jeunes Travailleurs",
    [EJ],
    [
      "Questionnaire d'auto-évaluation à destination des jeunes",
      "Rendez-vous des droits dans les FJT, MECS, lycées professionnels, équipements d'animation de la vie sociale, etc.",
      "Ouverture aux questions du droit du travail et du droit au logement"
    ]
  ],
  ["a14", "o5", "Améliorer la coordination de l'action des structures en matière d'accès aux droits", [AVS], [
    "Réseau local d'accès aux droits",
    "Equipe mobile de travailleurs sociaux Caf / Département / CCAS favorisant le « aller vers »",
    "Socle commun de pratiques",
    "Actions d'accompagnement aux démarches en ligne",
    "Webinaires communs sur l'accès aux droits Pôle emploi / Département / Caf",
    "Positionnement des équipements AVS en matière d'accès aux droits (équilibre actions collectives/ accompagnement individuel)"
  ]],
  ["a15", "o6", "Renforcer le déploiement des places A Vocation d'Insertion Professionnelle", [PE], [
    "Appel à projet",
    "Accompagnement des professionnels sur la séparation mère-enfant",
    "Veille sur les différentes formes d'expérimentation du système AVIP au niveau communal"
  ]],
  ["a16", "o6", "Renforcer l'accompagnement spécifique en direction des familles allophones", [PA], [
    "Carte interactive des dispositifs et associations",
    "Solutions d'accueil des enfants pour les parents souhaitant suivre une formation linguistique / sociolinguistiques",
    "Recensement des services d'interprétariat"
  ]],
  [
    "a17",
    "o7",
    "Former et accompagner les professionnels de l'accueil dans la prise en compte des besoins spécifiques de l'enfant, avec ou sans reconnaissance d'un handicap chez l'enfant",
    [PE, EJ],
    [
      "Enquête de besoins à destination des professionnels",
      "Faire connaître les plateformes de détection précoce",
      "Formation des nouveaux référents « santé et accueil inclusif » en EAJE",
      "Observation de terrain / Séances d'analyse de pratique avec des professionnels du handicap"
    ]
  ],
  [
    "a18",
    "axe2",
    "Développer les solutions en faveur du répit parental et renforcer l'accompagnement de la famille sur le parcours de son enfant en situation de handicap",
    [PA],
    [
      "Réflexion sur la notion de répit parental",
      "Expérimentations dans le cadre des CTG"
    ]
  ]
]

for (const [cle] of structure) noeud(cle)
for (const [cle, , , , pistes] of actions) {
  noeud(cle)
  pistes.forEach((_, i) => noeud(`${cle}.p${i + 1}`))
}

const instanceDuTheme: Readonly<Record<string, InstanceId>> = {
  "petite-enfance": instances.petiteEnfance,
  "enfance-jeunesse": instances.enfanceJeunesse,
  parentalite: instances.parentalite,
  "animation-vie-sociale": instances.avs
}

const planCommandes = (jour: string): ReadonlyArray<Commande> => {
  const out: Array<Commande> = []
  const rangs = new Map<string, number>()
  const rang = (parent: string) => {
    const r = rangs.get(parent) ?? 0
    rangs.set(parent, r + 1)
    return r
  }
  const ajouter = (n: Noeud) => out.push(new C.AjouterNoeudPlan({ ...base(jour), noeud: n }))
  for (const [cle, nature, parent, titre] of structure) {
    ajouter({
      noeudId: noeud(cle),
      nature,
      titre,
      rang: rang(parent ?? ""),
      ...(parent === undefined ? {} : { parentId: noeud(parent) })
    })
  }
  for (const [cle, parent, titre, themes, pistes] of actions) {
    ajouter({
      noeudId: noeud(cle),
      nature: "action",
      titre,
      parentId: noeud(parent),
      rang: rang(parent),
      details: { ...detailsVides, themes, instances: themes.map((t) => instanceDuTheme[t] as InstanceId) }
    })
    pistes.forEach((p, i) =>
      ajouter({ noeudId: noeud(`${cle}.p${i + 1}`), nature: "piste", titre: p, parentId: noeud(cle), rang: i })
    )
  }
  return out
}

const membre = (k: string, role: Membre["role"]): Membre => ({ institutionId: inst(k), role })

const valeur = (
  cle: string,
  indicateur: string,
  annee: number,
  v: number,
  unite: "places" | "nombre",
  source: string,
  jour: string
) =>
  new C.EnregistrerValeurIndicateur({
    ...base(jour),
    valeur: {
      valeurId: id("valeur", cle) as ValeurId,
      indicateur: indicateur as CodeIndicateur,
      territoire: { niveau: "departement", code: "92" as CodeDepartement },
      periode: { annee: annee as Annee },
      mesure: { nature: "exacte", valeur: v },
      unite,
      source,
      enregistreLe: at(jour)
    }
  })

/** Meeting ids by short key. */
export const reunions = {
  cdsfAdoption: id("reunion", "cdsf-2022-04-21"),
  cdsf2025: id("reunion", "cdsf-2025-12-12"),
  labellisation2025: id("reunion", "labellisation-2025-12-01")
} as const

/** The commands, in order: élaboration (Dec 2021) to the CDSF of 12 December 2025. */
export const commandes = (): ReadonlyArray<Commande> => [
  new C.LancerElaboration({
    ...base("2021-12-07"),
    departement: "92" as CodeDepartement,
    periode: { debut: 2022 as Annee, fin: 2026 as Annee },
    intitule: "Schéma des services aux familles des Hauts-de-Seine 2022-2026",
    regime: "decret-2021-1644",
    predecesseurs: [],
    le: nonDocumente("seed 001 line 9 dates no launch; its first dated step is the concertation of 7 December 2021")
  }),
  ...institutionsSource.map(([k, nom, nature]) =>
    new C.EnregistrerInstitution({
      ...base("2021-12-07"),
      institution: { institutionId: inst(k), nom, nature } satisfies Institution
    })
  ),
  new C.TenirConcertation({
    ...base("2021-12-07"),
    concertationId: id("concertation", "seance-2021-12-07"),
    forme: "seance",
    intitule: "Séance de concertation partenariale",
    // Seed 001 line 9: "une séance de concertation partenariale le 7 décembre 2021".
    le: jr("2021-12-07"),
    themes: []
  }),
  new C.TenirConcertation({
    ...base("2022-02-28"),
    concertationId: id("concertation", "ateliers-2022-02"),
    forme: "atelier",
    intitule: "4 ateliers thématiques",
    // Seed 001 line 9: "4 ateliers thématiques organisés en février 2022".
    le: mois(2022, 2),
    themes: [PE, EJ, PA, AVS]
  }),
  ...instancesSource.map((instance) => new C.CreerInstance({ ...base("2022-04-21"), instance })),
  new C.DefinirCompositionInstance({
    ...base("2022-04-21"),
    instanceId: instances.cdsf,
    // Présidence : Etat; vice-présidence : Conseil Départemental, Caf, représentant des collectivités locales; 37 membres (seed 001).
    membres: [
      membre("prefecture", "president"),
      membre("departement", "vice-president"),
      membre("caf", "vice-president"),
      membre("collectivites", "vice-president"),
      membre("caf", "secretariat")
    ],
    effectif: 37
  }),
  new C.DefinirCompositionInstance({
    ...base("2022-04-21"),
    instanceId: instances.copil,
    membres: [
      membre("prefecture", "membre"),
      membre("departement", "membre"),
      membre("caf", "membre"),
      membre("collectivites", "membre"),
      membre("dsden", "membre")
    ]
  }),
  // Référents techniques (seed 001).
  ...([
    [instances.petiteEnfance, ["prefecture", "departement", "caf"]],
    [instances.enfanceJeunesse, ["prefecture", "dsden", "caf"]],
    [instances.parentalite, ["prefecture", "departement", "caf"]],
    [instances.avs, ["prefecture", "fcs", "caf"]]
  ] as const).map(([instanceId, refs]) =>
    new C.DefinirCompositionInstance({
      ...base("2022-04-21"),
      instanceId,
      membres: refs.map((k) => membre(k, "referent-technique"))
    })
  ),
  ...planCommandes("2022-04-21"),
  new C.TenirReunion({
    ...base("2022-04-21"),
    reunionId: reunions.cdsfAdoption,
    instanceId: instances.cdsf,
    ordreDuJour: ["Orientations du schéma des services aux familles 2022-2026"],
    decisions: ["Orientations adoptées à l'unanimité"],
    le: jr("2022-04-21")
  }),
  // Seed 001 line 7: "adoptées à l'unanimité le 21 avril dernier" (the 2022 newsletter).
  new C.AdopterSchema({
    ...base("2022-04-21"),
    instanceId: instances.cdsf,
    objet: "orientations",
    le: jr("2022-04-21"),
    vote: { mode: "unanimite" }
  }),
  new C.DemarrerMiseEnOeuvre({
    ...base("2022-06-22"),
    le: nonDocumente(
      "seed 001 lines 511-519 schedule the comités thématiques' first meetings on 22-23 June 2022; no start of implementation is dated"
    )
  }),
  // 1ères réunions des comités thématiques: 22 June morning petite enfance, afternoon parentalité; 23 June enfance-jeunesse, AVS.
  ...([
    ["2022-06-22", instances.petiteEnfance, "ct-pe-2022-06-22"],
    ["2022-06-22", instances.parentalite, "ct-pa-2022-06-22"],
    ["2022-06-23", instances.enfanceJeunesse, "ct-ej-2022-06-23"],
    ["2022-06-23", instances.avs, "ct-avs-2022-06-23"]
  ] as const).map(([le, instanceId, k]) =>
    new C.TenirReunion({
      ...base(le),
      reunionId: id("reunion", k),
      instanceId,
      le: jr(le),
      ordreDuJour: ["1ère réunion du comité thématique"],
      decisions: []
    })
  ),
  ...([PE, EJ, PA, AVS] as const).map((theme) =>
    new C.ArreterFeuilleDeRoute({
      ...base("2022-06-30"),
      annee: 2022 as Annee,
      theme,
      instanceId: instanceDuTheme[theme] as InstanceId,
      // Seed 001 line 523: "D'ici à la fin juin", after the first meetings of 22-23 June (lines 511-519).
      le: { _tag: "Intervalle", du: j("2022-06-23"), au: j("2022-06-30"), libelle: "D'ici à la fin juin" },
      elements: ["Stabilisation des feuilles de route thématiques pour 2022"],
      noeuds: []
    })
  ),
  new C.ArreterPrioritesAnnuelles({
    ...base("2024-12-01"),
    annee: 2025 as Annee,
    instanceId: instances.cdsf,
    le: nonDocumente("seed 000 line 32: 'priorités définies lors du CDSF pour 2025'; the CDSF's date is not given"),
    priorites: [
      { libelle: "Adopter un référentiel conjoint de la qualité d'accueil collectif", theme: PE, noeuds: [] },
      { libelle: "Poursuivre le travail autour de l'attractivité des métiers", theme: PE, noeuds: [noeud("a1")] },
      {
        libelle: "Elaborer des modalités de financement conjointes en faveur des structures associatives",
        theme: PE,
        noeuds: [noeud("a7")]
      },
      { libelle: "Favoriser l'accès aux loisirs des enfants en situation de handicap", theme: EJ, noeuds: [] },
      {
        libelle: "Consolider une offre de service d'accès aux droits en faveur des jeunes",
        theme: EJ,
        noeuds: [noeud("a13")]
      },
      { libelle: "Soutenir les acteurs dans l'investissement de la santé mentale", theme: EJ, noeuds: [] },
      {
        libelle:
          "Renforcer le déploiement et le maillage de lieux ressources à destination des parents autour des « 1000 premiers jours »",
        theme: PA,
        noeuds: []
      },
      { libelle: "Déployer des actions de soutien en direction des parents d'adolescents", theme: PA, noeuds: [] },
      { libelle: "Déployer les pactes de coopération auprès des centres sociaux", theme: AVS, noeuds: [noeud("a3")] },
      { libelle: "Expérimenter les modes de garde alternatifs pour les parents en insertion", theme: AVS, noeuds: [] },
      { libelle: "Installer une cellule de veille autour de la situation des centres sociaux", theme: AVS, noeuds: [] }
    ]
  }),
  // Meetings of the comités thématiques that seed 000 dates to the month only (the journal covers 2025: line 7).
  ...([
    [
      "ct-avs-2024-05",
      instances.avs,
      2024,
      5,
      "Première proposition de format de convention des pactes de coopération",
      "seed 000 line 183"
    ],
    [
      "ct-avs-2024-09",
      instances.avs,
      2024,
      9,
      "Restitution de l'étude de la Fédération des centres sociaux sur les modes d'accueil alternatifs",
      "seed 000 line 193"
    ],
    [
      "ct-pa-2025-02",
      instances.parentalite,
      2025,
      2,
      "Démarche « 1000 premiers jours de l'enfant »",
      "seed 000 line 148"
    ],
    [
      "ct-avs-2025-02",
      instances.avs,
      2025,
      2,
      "Modalités d'animation et de gouvernance des pactes de coopération",
      "seed 000 line 199"
    ],
    [
      "ct-ej-2025-05",
      instances.enfanceJeunesse,
      2025,
      5,
      "Sensibilisation à la santé des jeunes, intervention de l'ARS",
      "seed 000 line 175"
    ],
    [
      "ct-pa-2025-09",
      instances.parentalite,
      2025,
      9,
      "Bilan de l'acculturation des acteurs autour du référentiel « 1000 premiers jours »",
      "seed 000 line 149"
    ],
    [
      "ct-ej-2025-09",
      instances.enfanceJeunesse,
      2025,
      9,
      "Bilan des présentations sur la santé des jeunes",
      "seed 000 line 175"
    ],
    [
      "ct-avs-2025-09",
      instances.avs,
      2025,
      9,
      "Point d'étape des pactes de coopération; attentes de la cellule de veille",
      "seed 000 lines 183, 201"
    ]
  ] as const).map(([k, instanceId, a, m, sujet]) =>
    new C.TenirReunion({
      ...base(`${a}-${String(m).padStart(2, "0")}-01`),
      reunionId: id("reunion", k),
      instanceId,
      le: mois(a, m),
      ordreDuJour: [sujet],
      decisions: []
    })
  ),
  new C.CreerInstance({
    ...base("2025-01-01"),
    instance: {
      instanceId: instances.labellisation,
      nature: "comite-labellisation",
      nom: "Comité de labellisation des places AVIP / AVIS",
      // Seed 000 lines 102-120: set up in 2025, first met on 1 December 2025; no cadence is given.
      cadence: { _tag: "NonDocumente", note: "seed 000 gives no cadence" },
      statut: "installee",
      themes: [PE],
      missions: ["Labelliser les places « Accueil à Vocation d'Insertion Professionnelle ou Sociale »"]
    }
  }),
  new C.CreerInstance({
    ...base("2025-01-01"),
    instance: {
      instanceId: instances.celluleVeille,
      nature: "cellule-veille",
      nom: "Cellule de veille des structures d'animation de la vie sociale locale",
      // Seed 000 line 201: still being structured in September 2025 (a 2025 priority: line 61); a yearly review of
      // situations and referrals when needed.
      cadence: { minParAn: 1 },
      statut: "proposee",
      themes: [AVS],
      missions: ["Revue de situations annuelle", "Saisine resserrée par le centre social ou les financeurs"]
    }
  }),
  new C.LancerAppelAProjets({
    ...base("2025-01-01"),
    appelId: id("appel", "qualite-accueil-2025"),
    intitule: "Appel à projets sur la qualité d'accueil du jeune enfant",
    // Seed 000 line 87: "En 2025, place à l'expérimentation avec un appel à projets".
    le: { _tag: "Annee", annee: 2025 as Annee },
    themes: [PE],
    noeuds: [noeud("a1"), noeud("a2")],
    partenaires: []
  }),
  new C.SignalerAvancementAction({
    ...base("2025-09-01"),
    noeudId: noeud("a3"),
    // Seed 000 line 183: "En septembre 2025, un point d'étape".
    le: mois(2025, 9),
    etat: "en-cours",
    commentaire:
      "Point d'étape : engagement renforcé des partenaires institutionnels, intégration de nouveaux financeurs et signature en cours de pactes de coopération pour dix centres sociaux"
  }),
  new C.TenirReunion({
    ...base("2025-12-01"),
    reunionId: reunions.labellisation2025,
    instanceId: instances.labellisation,
    // Seed 000 line 116: "tenu le 1er décembre 2025".
    le: jr("2025-12-01"),
    ordreDuJour: ["Premier comité de labellisation des places AVIP / AVIS"],
    decisions: []
    // Organised with the Conseil départemental, France Travail and the DRIEETS (seed 000).
  }),
  new C.TenirReunion({
    ...base("2025-12-12"),
    reunionId: reunions.cdsf2025,
    instanceId: instances.cdsf,
    le: jr("2025-12-12"),
    ordreDuJour: [
      "Rappel des actions du plan d'action par thématique et des chantiers priorisés pour l'année 2025",
      "Bilan des principales réalisations de l'année 2025",
      "Présentation et validation des travaux de l'année 2026 en matière de bilan évaluatif et de renouvellement du SDSF",
      "Clôture du comité"
    ],
    decisions: ["Validation des travaux de l'année 2026 en matière de bilan évaluatif et de renouvellement du SDSF"]
  }),
  new C.CloreAppelAProjets({
    ...base("2025-12-12"),
    appelId: id("appel", "qualite-accueil-2025"),
    le: j("2025-12-12"),
    recues: 35,
    retenues: 12
  }),
  valeur(
    "avip-2024",
    "places-avip-avis-soutenues",
    2024,
    187,
    "places",
    "Caf 92 / Conseil départemental 92 (appel à projets insertion)",
    "2025-12-12"
  ),
  valeur(
    "avip-2025",
    "places-avip-avis-soutenues",
    2025,
    204,
    "places",
    "Caf 92 / Conseil départemental 92 (appel à projets insertion)",
    "2025-12-12"
  ),
  valeur(
    "referents-2024",
    "referents-insertion-finances",
    2024,
    5,
    "nombre",
    "Caf 92 / Conseil départemental 92 (appel à projets insertion)",
    "2025-12-12"
  ),
  valeur(
    "referents-2025",
    "referents-insertion-finances",
    2025,
    7,
    "nombre",
    "Caf 92 / Conseil départemental 92 (appel à projets insertion)",
    "2025-12-12"
  ),
  new C.PresenterBilanAnnuel({
    ...base("2025-12-12"),
    annee: 2025 as Annee,
    instanceId: instances.cdsf,
    le: j("2025-12-12"),
    realisations: [
      "Mise en place d'un comité de labellisation des places AVIP",
      "Gouvernance des pactes de coopération des centres sociaux",
      "Appel à projets sur la qualité d'accueil du jeune enfant : 35 propositions reçues, 12 accompagnées"
    ]
  }),
  new C.LancerBilanEvaluatif({
    ...base("2025-12-12"),
    instanceId: instances.cdsf,
    le: j("2025-12-12"),
    etapesPrevues: [
      "Février 2026 : recueil des indicateurs quantitatifs auprès des référents thématiques et des partenaires",
      "Février-mars 2026 : enquête auprès des gestionnaires",
      "Entretiens ciblés auprès des signataires et partenaires",
      "Lundi 4 mai 2026 9h30-16h : séminaire partenarial d'évaluation",
      "Mai-juin 2026 : rapport de bilan et préconisations"
    ]
  })
]
