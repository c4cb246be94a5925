/**
 * A deterministic synthetic national log for the reporting bench: one schéma per département (the 96 of metropolitan
 * France with 2A/2B, and 971-974, 976: 101), each written as commands through the schéma's decider, so that every
 * event is one the command handler would have stored, then encoded with the catalogue's codec.
 *
 * A schéma's life: élaboration (institutions, concertations, diagnostic, indicator definitions, bodies and their
 * compositions, contacts, a plan tree of axes, objectifs, actions and pistes), adoption, signatures, then each year of
 * its mise en œuvre (priorities, roadmaps, the meetings of every body, avancements, a call for projects, a labelling,
 * the yearly review, a newsletter); a third of them also run their bilan évaluatif and launch their renewal. Most of
 * the log is indicator values: per commune of the département (real INSEE codes from `@sdsf/geographie`; Paris, Lyon
 * and Marseille by arrondissement), per year, the Cnaf coverage inputs, a median income (never summed), breakdowns by
 * management and age group, département totals, and restatements (revised figures naming what they replace).
 *
 * Everything comes from a seeded PRNG (mulberry32): the same seed and size give the same log, event ids included.
 */
import {
  Catalogue,
  Commandes as C,
  EventStore,
  IdGenerator,
  Indicateur,
  Plan,
  SchemaDepartemental,
  Territoire
} from "@sdsf/domain"
import type { Evenements, Gouvernance, Institution, Personne, Temps, Theme } from "@sdsf/domain"
import { Result } from "effect"

/** The 101 départements: 01-95 without 20, 2A, 2B, and 971-974, 976 (975 is a collectivité d'outre-mer). */
export const departements: ReadonlyArray<Territoire.CodeDepartement> = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, "0")).filter((c) => c !== "20"),
  "2A",
  "2B",
  "971",
  "972",
  "973",
  "974",
  "976"
].sort().map((c) => Territoire.CodeDepartement.make(c))

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export const prng = (seed: number): () => number => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex = (random: () => number, digits: number): string => {
  let s = ""
  for (let i = 0; i < digits; i++) s += Math.floor(random() * 16).toString(16)
  return s
}

/** A uuid v4 drawn from the PRNG. */
const uuid4 = (random: () => number): string =>
  `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${"89ab"[Math.floor(random() * 4)]}${hex(random, 3)}-${
    hex(random, 12)
  }`

/** A uuid v7 for an instant (ms) and the PRNG's bits: time-ordered like `IdGenerator.newEventId`, but reproducible. */
const uuid7 = (ms: number, random: () => number): string => {
  const t = ms.toString(16).padStart(12, "0")
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(random, 3)}-${"89ab"[Math.floor(random() * 4)]}${hex(random, 3)}-${
    hex(random, 12)
  }`
}

/** A département's communes (INSEE codes), with the arrondissements of Paris, Lyon and Marseille in their place. */
export type Communes = ReadonlyMap<Territoire.CodeDepartement, ReadonlyArray<Territoire.Territoire>>

const arrondissements: Readonly<Record<string, ReadonlyArray<string>>> = {
  "75": Array.from({ length: 20 }, (_, i) => String(75101 + i)),
  "69": Array.from({ length: 9 }, (_, i) => String(69381 + i)),
  "13": Array.from({ length: 16 }, (_, i) => String(13201 + i))
}
const villesAArrondissements = new Set(["75056", "69123", "13055"])

/** The territories values are recorded for: the communes given, the three cities replaced by their arrondissements. */
export const territoiresDe = (
  departement: Territoire.CodeDepartement,
  communes: ReadonlyArray<string>
): ReadonlyArray<Territoire.Territoire> => [
  ...communes.filter((c) => !villesAArrondissements.has(c)).map((c) => Territoire.commune(c)),
  ...(arrondissements[departement] ?? []).map((code): Territoire.Territoire => ({
    niveau: "arrondissement",
    code: Territoire.CodeArrondissement.make(code)
  }))
]

// ---------------------------------------------------------------------------------------------------------------
// Indicators

const code = (s: string) => Indicateur.CodeIndicateur.make(s)
const dim = (s: string) => Indicateur.CodeDimension.make(s)
const niveaux = ["france", "departement", "epci", "commune", "arrondissement"] as const

const gestion = { code: dim("gestion"), libelle: "Mode de gestion", modalites: ["publique", "associative", "privee"] }
const trancheAge = { code: dim("tranche-age"), libelle: "Tranche d'âge", modalites: ["0-1 an", "1-2 ans", "2-3 ans"] }

/** The indicators each schéma defines: the Cnaf coverage indicators and a median income (euros, never summed). */
const definitions: ReadonlyArray<Indicateur.DefinitionIndicateur> = [
  ...Indicateur.definitionsReference.map((d) =>
    d.code === "pl-eaje"
      ? { ...d, niveaux: [...niveaux], dimensions: [gestion] }
      : d.code === "enfants-moins-3-ans"
      ? { ...d, niveaux: [...niveaux], dimensions: [trancheAge] }
      : { ...d, niveaux: [...niveaux] }
  ),
  {
    code: code("revenu-median"),
    libelle: "Revenu disponible médian par unité de consommation",
    unite: "euros-par-an",
    categorie: "montant",
    additivite: "aucune",
    niveaux: [...niveaux]
  }
]

/** A cell a value is recorded for: an indicator, maybe a breakdown, its unit, and how large its figures run. */
interface Cellule {
  readonly indicateur: Indicateur.CodeIndicateur
  readonly unite: Indicateur.Unite
  readonly ventilation?: Indicateur.Ventilation
  readonly echelle: number
}

const cellules: ReadonlyArray<Cellule> = [
  { indicateur: code("pl-eaje"), unite: "places", echelle: 60 },
  { indicateur: code("pl-am"), unite: "places", echelle: 90 },
  { indicateur: code("pl-gad"), unite: "places", echelle: 8 },
  { indicateur: code("pl-prescol"), unite: "places", echelle: 12 },
  { indicateur: code("enfants-moins-3-ans"), unite: "nombre", echelle: 300 },
  { indicateur: code("revenu-median"), unite: "euros-par-an", echelle: 22_000 },
  ...gestion.modalites.map((m): Cellule => ({
    indicateur: code("pl-eaje"),
    unite: "places",
    ventilation: { [gestion.code]: m },
    echelle: 20
  })),
  ...trancheAge.modalites.map((m): Cellule => ({
    indicateur: code("enfants-moins-3-ans"),
    unite: "nombre",
    ventilation: { [trancheAge.code]: m },
    echelle: 100
  }))
]

// ---------------------------------------------------------------------------------------------------------------
// A schéma's commands

const themes: ReadonlyArray<Theme.Theme> = [
  "petite-enfance",
  "enfance-jeunesse",
  "parentalite",
  "animation-vie-sociale"
]
const etats: ReadonlyArray<Plan.EtatAvancement> = [
  "a-formaliser",
  "formalisee",
  "demarree",
  "en-cours",
  "realisee",
  "reportee"
]
const pad = (n: number) => String(n).padStart(2, "0")

/** What the generator knows of one schéma. */
export interface Options {
  readonly seed: number
  readonly departement: Territoire.CodeDepartement
  /** The schéma's place in the national log (0-100): it sets its period and whether it reached its bilan. */
  readonly rang: number
  readonly territoires: ReadonlyArray<Territoire.Territoire>
  /** How many indicator values to record (new ones first, then restatements). */
  readonly valeurs: number
}

/** The schéma's first year: 2021, 2022 or 2023. */
const debutDe = (rang: number) => 2021 + (rang % 3)

/** How many commands a schéma has besides its indicator values (the same for every schéma of a rank). */
export const structurelles = (o: Options): number => {
  let n = 0
  for (const c of structure(o, prng(graine(o, 1)))) if (c !== "valeurs") n++
  return n
}

const graine = (o: Options, flux: number): number => (o.seed * 7919 + o.rang * 104729 + flux * 15485863) >>> 0

type Etape = C.Commande | "valeurs"

/**
 * The schéma's commands without its values; `"valeurs"` marks where the values of the year before are recorded (each
 * year of mise en œuvre, and at the diagnostic for the years before the period).
 */
function* structure(o: Options, random: () => number): Generator<Etape> {
  const d = o.departement
  const debut = debutDe(o.rang)
  const fin = debut + 4
  const schemaId = IdGenerator.deriveId("schema", d, `${debut}-${fin}`) as Evenements.SchemaId
  const id = (...parts: ReadonlyArray<string>) => IdGenerator.deriveId(`bench-${d}-${debut}`, ...parts)
  let horloge = Date.UTC(debut - 1, 0, 10, 8)
  const base = (jour: string) => {
    const t = Math.max(horloge + 60_000, Date.parse(`${jour}T08:00:00.000Z`))
    horloge = t
    return { schemaId, survenuLe: new Date(t).toISOString() as Temps.Instant }
  }
  const jour = (a: number, m: number, j: number) => `${a}-${pad(m)}-${pad(j)}` as Temps.Jour
  const jr = (a: number, m: number, j: number): Temps.Datation => ({ _tag: "Jour", jour: jour(a, m, j) })
  const annee = (a: number) => a as Temps.Annee

  const institutions: ReadonlyArray<readonly [string, string, Institution.NatureInstitution]> = [
    ["prefecture", `Préfecture (${d})`, "prefecture"],
    ["departement", `Conseil départemental (${d})`, "conseil-departemental"],
    ["caf", `Caf (${d})`, "caf"],
    ["maires", `Association des maires (${d})`, "association-des-maires"],
    ["msa", `MSA (${d})`, "msa"],
    ["dsden", `DSDEN (${d})`, "education-nationale"],
    ["udaf", `Udaf (${d})`, "udaf"],
    ["fcs", `Fédération des centres sociaux (${d})`, "federation-associative"]
  ]
  const inst = (k: string) => id("institution", k) as Institution.InstitutionId
  const lancement = jour(debut - 1, 1, 10)
  yield new C.LancerElaboration({
    ...base(lancement),
    departement: d,
    periode: { debut: annee(debut), fin: annee(fin) },
    intitule: `Schéma départemental des services aux familles ${d} ${debut}-${fin}`,
    regime: "decret-2021-1644",
    predecesseurs: [],
    le: jr(debut - 1, 1, 10)
  })
  for (const [k, nom, nature] of institutions) {
    yield new C.EnregistrerInstitution({ ...base(lancement), institution: { institutionId: inst(k), nom, nature } })
  }
  for (const [i, forme] of (["seance", "atelier", "seminaire"] as const).entries()) {
    yield new C.TenirConcertation({
      ...base(jour(debut - 1, 2 + i, 5)),
      concertationId: id("concertation", String(i)),
      forme,
      intitule: `Concertation ${i + 1}`,
      le: jr(debut - 1, 2 + i, 5),
      themes: forme === "atelier" ? [...themes] : [],
      participants: 20 + Math.floor(random() * 80)
    })
  }
  for (const definition of definitions) yield new C.DefinirIndicateur({ ...base(jour(debut - 1, 4, 1)), definition })
  yield new C.RealiserDiagnostic({
    ...base(jour(debut - 1, 4, 2)),
    le: jr(debut - 1, 4, 2),
    synthese: "Diagnostic territorial partagé",
    indicateurs: definitions.map((x) => x.code)
  })
  yield "valeurs"
  const instances = {
    cdsf: id("instance", "cdsf") as Gouvernance.InstanceId,
    copil: id("instance", "copil") as Gouvernance.InstanceId,
    ...Object.fromEntries(themes.map((t) => [t, id("instance", t) as Gouvernance.InstanceId]))
  } as Readonly<Record<string, Gouvernance.InstanceId>>
  const creation = jour(debut - 1, 5, 2)
  yield new C.CreerInstance({
    ...base(creation),
    instance: {
      instanceId: instances["cdsf"]!,
      nature: "cdsf",
      nom: "CDSF",
      cadence: { minParAn: 1, moisIndicatifs: [12] },
      themes: [],
      missions: ["Établit le schéma"]
    }
  })
  yield new C.CreerInstance({
    ...base(creation),
    instance: {
      instanceId: instances["copil"]!,
      nature: "copil",
      nom: "Comité de pilotage",
      cadence: { minParAn: 3, maxParAn: 3 },
      themes: [],
      missions: ["Suit le schéma"]
    }
  })
  for (const t of themes) {
    yield new C.CreerInstance({
      ...base(creation),
      instance: {
        instanceId: instances[t]!,
        nature: "comite-thematique",
        nom: `Comité thématique ${t}`,
        cadence: { minParAn: 3, maxParAn: 3, moisIndicatifs: [2, 5, 9] },
        themes: [t],
        missions: ["Suit les actions du thème"]
      }
    })
  }
  const membre = (k: string, role: Gouvernance.Role): Gouvernance.Membre => ({ institutionId: inst(k), role })
  yield new C.DefinirCompositionInstance({
    ...base(creation),
    instanceId: instances["cdsf"]!,
    membres: [
      membre("prefecture", "president"),
      membre("departement", "vice-president"),
      membre("caf", "vice-president"),
      membre("maires", "vice-president"),
      membre("caf", "secretariat")
    ],
    effectif: 30 + Math.floor(random() * 7)
  })
  for (const k of ["copil", ...themes]) {
    yield new C.DefinirCompositionInstance({
      ...base(creation),
      instanceId: instances[k]!,
      membres: [membre("prefecture", "membre"), membre("departement", "membre"), membre("caf", "animateur")]
    })
  }
  for (const t of themes) {
    yield new C.DesignerContact({
      ...base(creation),
      sujet: id("sujet", t) as Personne.SujetRef,
      institutionId: inst("caf"),
      role: "referent-technique",
      instanceId: instances[t]!
    })
  }
  // The plan: 3 axes, 3 objectifs each, 3 actions each (a pilot, themes, the body of its theme, a calendrier), 2 pistes each.
  const plan = jour(debut - 1, 6, 1)
  const actions: Array<Plan.NoeudId> = []
  for (let a = 0; a < 3; a++) {
    const axe = id("noeud", `axe${a}`) as Plan.NoeudId
    yield new C.AjouterNoeudPlan({
      ...base(plan),
      noeud: { noeudId: axe, nature: "axe", code: String(a + 1), titre: `Axe ${a + 1}`, rang: a }
    })
    for (let o = 0; o < 3; o++) {
      const objectif = id("noeud", `o${a}.${o}`) as Plan.NoeudId
      yield new C.AjouterNoeudPlan({
        ...base(plan),
        noeud: {
          noeudId: objectif,
          nature: "objectif",
          code: `${a + 1}.${o + 1}`,
          titre: `Objectif ${a + 1}.${o + 1}`,
          parentId: axe,
          rang: o
        }
      })
      for (let x = 0; x < 3; x++) {
        const action = id("noeud", `a${a}.${o}.${x}`) as Plan.NoeudId
        const theme = themes[(a * 9 + o * 3 + x) % themes.length]!
        actions.push(action)
        yield new C.AjouterNoeudPlan({
          ...base(plan),
          noeud: {
            noeudId: action,
            nature: "action",
            code: `${a + 1}.${o + 1}.${x + 1}`,
            titre: `Action ${a + 1}.${o + 1}.${x + 1}`,
            parentId: objectif,
            rang: x,
            details: {
              ...Plan.detailsVides,
              pilotes: [{ institutionId: inst(["caf", "departement", "prefecture"][x]!) }],
              acteurs: ["Communes", "Gestionnaires"],
              calendrier: {
                debut: annee(debut),
                fin: annee(debut + 1 + x),
                ouvert: false,
                libelle: `${debut}-${debut + 1 + x}`
              },
              themes: [theme],
              instances: [instances[theme]!]
            }
          }
        })
        for (let p = 0; p < 2; p++) {
          yield new C.AjouterNoeudPlan({
            ...base(plan),
            noeud: {
              noeudId: id("noeud", `a${a}.${o}.${x}.p${p}`) as Plan.NoeudId,
              nature: "piste",
              titre: `Piste ${p + 1}`,
              parentId: action,
              rang: p
            }
          })
        }
      }
    }
  }
  let reunions = 0
  const reunion = (
    instanceId: Gouvernance.InstanceId,
    a: number,
    m: number,
    j: number,
    decisions: ReadonlyArray<string> = []
  ) =>
    new C.TenirReunion({
      ...base(jour(a, m, j)),
      reunionId: id("reunion", String(reunions++)),
      instanceId,
      le: jr(a, m, j),
      ordreDuJour: ["Suivi du schéma"],
      decisions: [...decisions],
      participants: 10 + Math.floor(random() * 30)
    })
  yield new C.PresenterProjet({
    ...base(jour(debut - 1, 11, 20)),
    instanceId: instances["cdsf"]!,
    le: jour(debut - 1, 11, 20)
  })
  yield reunion(instances["cdsf"]!, debut - 1, 12, 10, ["Schéma adopté"])
  yield new C.AdopterSchema({
    ...base(jour(debut - 1, 12, 10)),
    instanceId: instances["cdsf"]!,
    objet: "schema",
    le: jr(debut - 1, 12, 10),
    vote: { mode: random() < 0.7 ? "unanimite" : "majorite" }
  })
  for (const [i, k] of ["prefecture", "departement", "caf", "msa", "maires"].entries()) {
    yield new C.SignerSchema({
      ...base(jour(debut, 1, 10 + i)),
      institutionId: inst(k),
      signataires: [{ fonction: "Le représentant" }],
      lieu: `Chef-lieu ${d}`,
      le: jr(debut, 1, 10 + i)
    })
  }
  yield new C.DemarrerMiseEnOeuvre({ ...base(jour(debut, 1, 20)), le: jr(debut, 1, 20) })
  const dernier = Math.min(fin, 2025)
  for (let a = debut; a <= dernier; a++) {
    yield "valeurs"
    yield new C.ArreterPrioritesAnnuelles({
      ...base(jour(a, 1, 25)),
      annee: annee(a),
      instanceId: instances["cdsf"]!,
      le: jr(a, 1, 25),
      priorites: themes.map((t, i) => ({
        libelle: `Priorité ${a} ${t}`,
        theme: t,
        noeuds: [actions[(a + i * 7) % actions.length]!]
      }))
    })
    for (const t of themes) {
      yield new C.ArreterFeuilleDeRoute({
        ...base(jour(a, 1, 28)),
        annee: annee(a),
        theme: t,
        instanceId: instances[t]!,
        le: jr(a, 1, 28),
        elements: [`Feuille de route ${t} ${a}`],
        noeuds: actions.filter((_, i) => themes[i % themes.length] === t).slice(0, 3)
      })
    }
    for (const m of [2, 5, 9]) {
      for (const t of themes) if (random() < 0.9) yield reunion(instances[t]!, a, m, 10 + themes.indexOf(t))
      yield reunion(instances["copil"]!, a, m + 1, 15)
    }
    for (const [i, action] of actions.entries()) {
      for (const m of [6, 11]) {
        if (random() < 0.8) {
          yield new C.SignalerAvancementAction({
            ...base(jour(a, m, 20)),
            noeudId: action,
            le: jr(a, m, 20),
            etat: etats[Math.min(etats.length - 2, Math.floor((a - debut) * 1.2 + random() * 2 + (i % 2)))]!,
            commentaire: `Point d'étape ${a}`
          })
        }
      }
    }
    const appelId = id("appel", String(a))
    yield new C.LancerAppelAProjets({
      ...base(jour(a, 3, 1)),
      appelId,
      intitule: `Appel à projets ${a}`,
      le: jr(a, 3, 1),
      themes: ["petite-enfance"],
      noeuds: [actions[a % actions.length]!],
      partenaires: [inst("caf"), inst("departement")]
    })
    const recues = 10 + Math.floor(random() * 40)
    yield new C.CloreAppelAProjets({
      ...base(jour(a, 10, 1)),
      appelId,
      le: jour(a, 10, 1),
      recues,
      retenues: Math.floor(recues / 3)
    })
    yield new C.LabelliserPlaces({
      ...base(jour(a, 11, 5)),
      labellisationId: id("labellisation", String(a)),
      instanceId: instances["petite-enfance"]!,
      label: "AVIP",
      le: jour(a, 11, 5),
      places: 20 + Math.floor(random() * 200)
    })
    yield reunion(instances["cdsf"]!, a, 12, 12, ["Bilan de l'année adopté"])
    yield new C.PresenterBilanAnnuel({
      ...base(jour(a, 12, 12)),
      annee: annee(a),
      instanceId: instances["cdsf"]!,
      le: jour(a, 12, 12),
      realisations: [`Réalisations ${a}`]
    })
    yield new C.PublierLettreInformation({
      ...base(jour(a, 12, 20)),
      numero: a - debut + 1,
      titre: `Lettre ${a}`,
      le: jour(a, 12, 20)
    })
  }
  if (fin === 2025) {
    yield new C.LancerBilanEvaluatif({
      ...base(jour(2025, 12, 15)),
      instanceId: instances["cdsf"]!,
      le: jour(2025, 12, 15),
      etapesPrevues: ["Recueil", "Enquête", "Séminaire", "Rapport"]
    })
    yield new C.RecueillirIndicateursQuantitatifs({
      ...base(jour(2026, 2, 1)),
      le: jour(2026, 2, 1),
      indicateurs: definitions.map((x) => x.code)
    })
    yield new C.MenerEnqueteGestionnaires({
      ...base(jour(2026, 3, 31)),
      du: jour(2026, 2, 1),
      au: jour(2026, 3, 31),
      publics: [...themes],
      repondants: 40 + Math.floor(random() * 60)
    })
    yield new C.TenirSeminaireEvaluation({ ...base(jour(2026, 5, 4)), le: jour(2026, 5, 4), participants: 50 })
    yield new C.RemettreRapportEvaluation({
      ...base(jour(2026, 6, 30)),
      le: jr(2026, 6, 30),
      constats: actions.slice(0, 9).map((noeudId, i) => ({ noeudId, constat: `Constat ${i + 1}` })),
      preconisations: ["Préconisation 1", "Préconisation 2"]
    })
    yield new C.LancerRenouvellement({
      ...base(jour(2026, 7, 1)),
      le: jour(2026, 7, 1),
      successeurId: IdGenerator.deriveId("schema", d, "2026-2031") as Evenements.SchemaId,
      periodeSuccesseur: { debut: annee(2026), fin: annee(2031) }
    })
  }
}

/** The values of one year (period `annee`), recorded on `jour`: new ones over the cells, then restatements. */
function* valeurs(
  o: Options,
  random: () => number,
  schemaId: Evenements.SchemaId,
  annee: number,
  nombre: number,
  enregistreLe: (i: number) => Temps.Instant,
  courantes: Map<string, Indicateur.ValeurId>
): Generator<C.Commande> {
  const source = `Caf ${o.departement}`
  const departement: Territoire.Territoire = { niveau: "departement", code: o.departement }
  const parTerritoire = [departement, ...o.territoires]
  const cases = parTerritoire.length * cellules.length
  const cle = (t: number, c: number) => `${t}:${c}:${annee}`
  const mesure = (c: Cellule): Indicateur.Mesure => {
    const x = Math.round(c.echelle * (0.2 + random() * 1.6))
    return random() < 0.05
      ? { nature: "approchee", valeur: x, qualificatif: "environ" }
      : { nature: "exacte", valeur: x }
  }
  for (let i = 0; i < nombre; i++) {
    const k = i % cases
    const t = Math.floor(k / cellules.length)
    const c = cellules[k % cellules.length]!
    const at = enregistreLe(i)
    const precedente = i < cases ? undefined : courantes.get(cle(t, k % cellules.length))
    const valeurId = uuid4(random) as Indicateur.ValeurId
    courantes.set(cle(t, k % cellules.length), valeurId)
    yield new C.EnregistrerValeurIndicateur({
      schemaId,
      survenuLe: at,
      valeur: {
        valeurId,
        indicateur: c.indicateur,
        territoire: parTerritoire[t]!,
        periode: { annee: annee as Temps.Annee },
        ...(c.ventilation === undefined ? {} : { ventilation: c.ventilation }),
        mesure: mesure(c),
        unite: c.unite,
        source: t === 0 ? `${source} (total départemental)` : source,
        methode: "Données Caf au 31 décembre",
        enregistreLe: at,
        ...(precedente === undefined ? {} : { retraitement: { remplace: precedente, motif: "Données consolidées" } })
      }
    })
  }
}

/** An event as the store keeps it, with its id: what `EventStore.append` takes. */
export type Stocke = EventStore.EventToAppend

/** The schéma's stream: `schema-<id>`, its id derived from the département and period. */
export const streamDe = (o: Options): EventStore.StreamName =>
  EventStore.streamName(
    "schema",
    IdGenerator.deriveId("schema", o.departement, `${debutDe(o.rang)}-${debutDe(o.rang) + 4}`)
  )

/**
 * A schéma's events, in order, each decided by the schéma's decider and encoded by the catalogue (throws if the decider
 * refuses a command: the generator's bug, never to be hidden). Values are spread over the years: before the period at
 * the diagnostic, then one year's worth at the start of each year of mise en œuvre. Lazy: a schéma's state is all it
 * holds.
 */
export function* schema(o: Options): Generator<Stocke> {
  const random = prng(graine(o, 2))
  const decider = SchemaDepartemental.decider
  let state = decider.initialState
  let ms = 0
  const decide = (command: C.Commande): ReadonlyArray<Stocke> => {
    const decision = decider.decide(command, state)
    if (Result.isFailure(decision)) {
      throw new Error(`${o.departement}: ${command._tag} refused: ${String(decision.failure)}`)
    }
    return decision.success.events.map((event) => {
      state = decider.evolve(state, event)
      const encoded = Catalogue.encoder(event)
      ms = Math.max(ms + 1, Date.parse(event.survenuLe))
      return { eventId: uuid7(ms, random), type: encoded.type, typeVersion: encoded.typeVersion, data: encoded.data }
    })
  }
  const debut = debutDe(o.rang)
  let periodesRestantes = Math.min(debut + 4, 2025) - debut + 3
  const courantes = new Map<string, Indicateur.ValeurId>()
  let restantes = o.valeurs
  let lot = 0
  let schemaId: Evenements.SchemaId | undefined
  let dernier = ""
  for (const etape of structure(o, prng(graine(o, 1)))) {
    if (etape !== "valeurs") {
      if (etape._tag === "LancerElaboration") schemaId = etape.schemaId
      dernier = etape.survenuLe
      yield* decide(etape)
      continue
    }
    // At the diagnostic, the two years before the period; then, each year, the year before.
    const periodes = lot === 0 ? [debut - 2, debut - 1] : [debut + lot - 2]
    for (const annee of periodes) {
      const nombre = Math.round(restantes / periodesRestantes--)
      restantes -= nombre
      const t0 = Date.parse(dernier) + 1_000
      const at = (i: number) => new Date(t0 + i * 1_000).toISOString() as Temps.Instant
      for (const command of valeurs(o, random, schemaId!, annee, nombre, at, courantes)) yield* decide(command)
      dernier = at(nombre)
    }
    lot++
  }
}

/**
 * The options of each of the 101 schémas for a log of at least `total` events: the events besides values counted
 * schéma by schéma, the values shared out by the number of territories (largest remainders), so that the log holds
 * exactly `max(total, structural events)` events.
 */
export const national = (seed: number, total: number, territoires: Communes): ReadonlyArray<Options> => {
  const sans = departements.map((departement, rang) => {
    const t = territoires.get(departement)
    if (t === undefined || t.length === 0) throw new Error(`no commune for département ${departement}`)
    return { seed, departement, rang, territoires: t, valeurs: 0 }
  })
  const fixes = sans.reduce((n, o) => n + structurelles(o), 0)
  const aRepartir = Math.max(0, total - fixes)
  const poids = sans.map((o) => o.territoires.length + 1)
  const somme = poids.reduce((a, b) => a + b, 0)
  const parts = poids.map((p) => (aRepartir * p) / somme)
  const entiers = parts.map(Math.floor)
  let reste = aRepartir - entiers.reduce((a, b) => a + b, 0)
  const ordre = parts.map((p, i) => [p - Math.floor(p), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of ordre) {
    if (reste-- <= 0) break
    entiers[i]!++
  }
  return sans.map((o, i) => ({ ...o, valeurs: entiers[i]! }))
}
