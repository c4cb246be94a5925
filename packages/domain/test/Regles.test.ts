/**
 * One test per rule of domain.md "Rules a validator enforces" and per step of the phase machine: each names its
 * source and fails when its rule is removed.
 */
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Commandes as C, Evenements, IdGenerator, Indicateur, Periode, SchemaDepartemental } from "@sdsf/domain"
import type { Gouvernance, Institution, Plan, Temps } from "@sdsf/domain"
import { Given } from "@sdsf/domain/testing"
import { valeursDe } from "./lecture.ts"

const id = (...k: ReadonlyArray<string>) => IdGenerator.deriveId("test-regles", ...k)
const schemaId = id("schema") as Evenements.SchemaId
const j = (s: string) => s as Temps.Jour
const d = (s: string): Temps.Datation => ({ _tag: "Jour", jour: j(s) })
const base = (jour = "2022-01-10") => ({ schemaId, survenuLe: `${jour}T10:00:00.000Z` as Temps.Instant })
const annee = (n: number) => n as Temps.Annee
const inst = (k: string) => id("institution", k) as Institution.InstitutionId
const instance = (k: string) => id("instance", k) as Gouvernance.InstanceId
const noeud = (k: string) => id("noeud", k) as Plan.NoeudId

const lancer = (overrides: Partial<ConstructorParameters<typeof C.LancerElaboration>[0]> = {}) =>
  new C.LancerElaboration({
    ...base("2021-10-01"),
    departement: "93" as never,
    periode: { debut: annee(2024), fin: annee(2026) },
    intitule: "SDSF de la Seine-Saint-Denis 2024-2026",
    regime: "decret-2021-1644",
    predecesseurs: [],
    le: d("2021-10-01"),
    ...overrides
  })

const institutions: ReadonlyArray<readonly [string, Institution.NatureInstitution]> = [
  ["prefecture", "prefecture"],
  ["cd", "conseil-departemental"],
  ["caf", "caf"],
  ["maires", "association-des-maires"],
  ["udaf", "udaf"]
]

const historique = (commandes: ReadonlyArray<C.Commande>) => Given.histoire(commandes).events

const creer = (k: string, nature: Gouvernance.NatureInstance) =>
  new C.CreerInstance({
    ...base(),
    instance: { instanceId: instance(k), nature, nom: k, cadence: { minParAn: 1 }, themes: [], missions: [] }
  })

const ajouter = (k: string, nature: Plan.NatureNoeud, parent?: string, details?: Partial<Plan.DetailsAction>) =>
  new C.AjouterNoeudPlan({
    ...base(),
    noeud: {
      noeudId: noeud(k),
      nature,
      titre: `Noeud ${k}`,
      rang: 0,
      ...(parent === undefined ? {} : { parentId: noeud(parent) }),
      ...(details === undefined ? {} : { details: { ...Plan_detailsVides, ...details } })
    }
  })
const Plan_detailsVides: Plan.DetailsAction = {
  pilotes: [],
  acteurs: [],
  indicateurs: [],
  codesIndicateurs: [],
  priorites: [],
  actionsCles: [],
  themes: [],
  instances: []
}

const elaboration = [
  lancer(),
  ...institutions.map(([k, nature]) =>
    new C.EnregistrerInstitution({ ...base(), institution: { institutionId: inst(k), nom: k, nature } })
  ),
  creer("cdsf", "cdsf"),
  creer("copil", "copil"),
  ajouter("axe1", "axe"),
  ajouter("fiche1.1", "fiche", "axe1", { pilotes: [{ institutionId: inst("caf") }] })
]
const adopter = (le = "2024-05-15") =>
  new C.AdopterSchema({
    ...base(le),
    instanceId: instance("cdsf"),
    objet: "schema",
    le: d(le),
    vote: { mode: "unanimite" }
  })
const adopte = [...elaboration, adopter()]
const enMiseEnOeuvre = [...adopte, new C.DemarrerMiseEnOeuvre({ ...base("2024-06-01"), le: d("2024-06-01") })]
const reunionCdsf = (k: string, le: string, instanceKey = "cdsf") =>
  new C.TenirReunion({
    ...base(le),
    reunionId: id("reunion", k),
    instanceId: instance(instanceKey),
    le: d(le),
    ordreDuJour: [],
    decisions: []
  })
const reviser = (annee_: number, reunion: string, instanceKey = "cdsf", le = `${annee_}-12-10`) =>
  new C.ReviserPlanAction({
    ...base(le),
    annee: annee(annee_),
    instanceId: instance(instanceKey),
    reunionId: id("reunion", reunion),
    le: j(le),
    ajouts: [],
    modifications: [],
    retraits: []
  })

const given = (cmds: ReadonlyArray<C.Commande>) => Given.given(historique(cmds))

describe("Rules of domain.md, each with its typed error", () => {
  it("period start ≤ end (domain.md Rules): a period ending before it starts does not decode, naming `fin`", () => {
    const r = Schema.decodeUnknownResult(Periode.Periode)({ debut: 2026, fin: 2024 })
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(r.failure.message).toContain("fin")
    expect(Result.isSuccess(Schema.decodeUnknownResult(Periode.Periode)({ debut: 2024, fin: 2024 }))).toBe(true)
  })

  it("1-6 years, warn beyond (domain.md Rules; seed 002: the next ones for 6 years): 7 years is a DureeAtypique warning", () => {
    Given.given([]).when(lancer({ periode: { debut: annee(2027), fin: annee(2033) } })).thenWarnings(["DureeAtypique"])
    Given.given([]).when(lancer({ periode: { debut: annee(2027), fin: annee(2032) } })).thenWarnings([])
  })

  const predecesseur = (debut: number, fin: number, departement = "93") => [{
    schemaId: id("predecesseur") as Evenements.SchemaId,
    departement: departement as never,
    periode: { debut: annee(debut), fin: annee(fin) },
    nature: "sdsf" as const
  }]

  it("no overlap with the same département's previous schéma (domain.md Rules): ChevauchementPredecesseur", () => {
    Given.given([]).when(lancer({ predecesseurs: predecesseur(2020, 2024) })).thenError(
      "ChevauchementPredecesseur",
      (e) => {
        expect(e.periodePredecesseur).toEqual({ debut: 2020, fin: 2024 })
        expect(e.periode).toEqual({ debut: 2024, fin: 2026 })
      }
    )
    Given.given([]).when(lancer({ predecesseurs: predecesseur(2021, 2023) })).thenWarnings([])
  })

  it("a gap after the predecessor is a warning (domain.md Rules): EcartAvecPredecesseur names the missing years", () => {
    const [w] = Given.given([]).when(lancer({ predecesseurs: predecesseur(2016, 2021) })).thenWarnings([
      "EcartAvecPredecesseur"
    ])
    expect(w).toEqual({ _tag: "EcartAvecPredecesseur", anneesManquantes: [2022, 2023] })
  })

  it("the predecessor is the same département's (domain.md Lifecycle 5): AutreDepartement", () => {
    Given.given([]).when(lancer({ predecesseurs: predecesseur(2020, 2023, "92") })).thenError("AutreDepartement")
  })

  const signer = (k: string, le: string) =>
    new C.SignerSchema({ ...base(le), institutionId: inst(k), signataires: [{ fonction: "Préfet" }], le: d(le) })

  it("adoption precedes every signature (domain.md Lifecycle 2): signing before adoption is SignatureAvantAdoption", () => {
    given(elaboration).when(signer("prefecture", "2024-05-20")).thenError("SignatureAvantAdoption", (e) => {
      expect(e.institutionId).toBe(inst("prefecture"))
      expect(e.adopteLe).toBeUndefined()
    })
  })

  it("adoption precedes every signature: a signature dated before the adoption day is refused", () => {
    given(adopte).when(signer("prefecture", "2024-05-14")).thenError("SignatureAvantAdoption", (e) => {
      expect(e.adopteLe).toBe("2024-05-15")
    })
    given(adopte).when(signer("prefecture", "2024-05-15")).thenOk()
  })

  it("each signataire signs once: SignatureEnDouble", () => {
    given([...adopte, signer("caf", "2024-06-01")]).when(signer("caf", "2024-06-02")).thenError("SignatureEnDouble")
  })

  it("implementation only after adoption (domain.md Rules): MiseEnOeuvreAvantAdoption", () => {
    given(elaboration).when(new C.DemarrerMiseEnOeuvre({ ...base(), le: d("2024-01-01") })).thenError(
      "MiseEnOeuvreAvantAdoption"
    )
    given(elaboration)
      .when(
        new C.SignalerAvancementAction({ ...base(), noeudId: noeud("fiche1.1"), le: d("2024-01-01"), etat: "demarree" })
      )
      .thenError("MiseEnOeuvreAvantAdoption")
  })

  it("implementation only after adoption, by date too: a start dated before the adoption day is MiseEnOeuvreAvantAdoption", () => {
    given(adopte).when(new C.DemarrerMiseEnOeuvre({ ...base("2024-05-20"), le: d("2024-05-14") })).thenError(
      "MiseEnOeuvreAvantAdoption"
    )
    given(adopte).when(new C.DemarrerMiseEnOeuvre({ ...base("2024-05-20"), le: d("2024-05-15") })).thenOk()
  })

  it("a schéma is not its own predecessor: SchemaDifferent", () => {
    Given.given([]).when(lancer({ predecesseurs: predecesseur(2020, 2023).map((p) => ({ ...p, schemaId })) }))
      .thenError("SchemaDifferent")
  })

  it("calendrier within the period (domain.md Rules): CalendrierHorsPeriode; '2023 et suivantes' style open ends are fine", () => {
    given(elaboration)
      .when(ajouter("a1", "action", "fiche1.1", {
        pilotes: [{ institutionId: inst("caf") }],
        calendrier: { debut: annee(2027), ouvert: false, libelle: "2027" }
      }))
      .thenError("CalendrierHorsPeriode", (e) => expect(e.noeudId).toBe(noeud("a1")))
    given(elaboration)
      .when(ajouter("a1", "action", "fiche1.1", {
        pilotes: [{ institutionId: inst("caf") }],
        calendrier: { debut: annee(2025), ouvert: true, libelle: "2025 et suivantes" }
      }))
      .thenWarnings([])
  })

  it("each action has ≥1 pilot, warn on blanks (domain.md Rules; Paris SPSF leaves some blank: seed 004): PiloteManquant", () => {
    const [w] = given(elaboration).when(ajouter("a1", "action", "fiche1.1")).thenWarnings(["PiloteManquant"])
    expect(w).toMatchObject({ noeudId: noeud("a1") })
    given(elaboration).when(ajouter("p1", "piste", "fiche1.1")).thenWarnings([])
  })

  it("at most one action-plan revision per year (domain.md Rules; seed 002: révisable annuellement): RevisionDejaFaite", () => {
    const h = [...enMiseEnOeuvre, reunionCdsf("c1", "2024-12-10"), reviser(2024, "c1"), reunionCdsf("c2", "2024-12-20")]
    given(h).when(reviser(2024, "c2")).thenError("RevisionDejaFaite", (e) => {
      expect(e.annee).toBe(2024)
      expect(e.reviseLe).toBe("2024-12-10")
    })
    given(h).when(reviser(2025, "c2")).thenOk()
  })

  it("at most one revision a year counts the decision's year too, and revises that year or the next", () => {
    const h = [...enMiseEnOeuvre, reunionCdsf("c1", "2024-12-10"), reviser(2025, "c1", "cdsf", "2024-12-10")]
    // Same CDSF day, declared for another year: still a second revision decided in 2024.
    given(h).when(reviser(2024, "c1", "cdsf", "2024-12-10")).thenError(
      "RevisionDejaFaite",
      (e) => expect(e.reviseLe).toBe("2024-12-10")
    )
    given([...enMiseEnOeuvre, reunionCdsf("c1", "2024-12-10")]).when(reviser(2026, "c1", "cdsf", "2024-12-10"))
      .thenError("RevisionSansDecisionCdsf", (e) => expect(e.raison).toContain("2024 or 2025"))
  })

  it("a revision is tied to a CDSF decision (domain.md Rules): another body, or a meeting never held, is RevisionSansDecisionCdsf", () => {
    given([...enMiseEnOeuvre, reunionCdsf("k1", "2024-11-10", "copil")]).when(reviser(2024, "k1", "copil")).thenError(
      "RevisionSansDecisionCdsf"
    )
    given(enMiseEnOeuvre).when(reviser(2024, "jamais")).thenError(
      "RevisionSansDecisionCdsf",
      (e) => expect(e.raison).toContain("no such meeting")
    )
    given([...enMiseEnOeuvre, reunionCdsf("k1", "2024-11-10", "copil")]).when(reviser(2024, "k1")).thenError(
      "RevisionSansDecisionCdsf",
      (e) => expect(e.raison).toContain("another body")
    )
  })

  const valeur = (v: number, unite: Indicateur.Unite, indicateur = "part-enfants-pauvres") =>
    new C.EnregistrerValeurIndicateur({
      ...base("2025-07-01"),
      valeur: {
        valeurId: id("valeur", String(v), unite, indicateur) as Indicateur.ValeurId,
        indicateur: indicateur as Indicateur.CodeIndicateur,
        territoire: { niveau: "commune", code: "93066" as never },
        periode: { annee: annee(2021) },
        mesure: Indicateur.exacte(v),
        unite,
        source: "CAF",
        enregistreLe: "2025-07-01T10:00:00.000Z" as Temps.Instant
      }
    })

  it("indicator values need unit, territory, period and source (domain.md Rules): a value without one does not decode, naming it", () => {
    const complete = Schema.encodeSync(Indicateur.ValeurIndicateur)(valeur(44.9, "pourcent").valeur)
    for (const champ of ["unite", "territoire", "periode", "source"] as const) {
      const { [champ]: _, ...sans } = complete
      const r = Schema.decodeUnknownResult(Indicateur.ValeurIndicateur)(sans)
      expect(Result.isFailure(r), champ).toBe(true)
      if (Result.isFailure(r)) expect(r.failure.message).toContain(champ)
    }
    expect(Result.isFailure(Schema.decodeUnknownResult(Indicateur.ValeurIndicateur)({ ...complete, source: "" }))).toBe(
      true
    )
  })

  it("percentages lie within 0-100 (domain.md Rules): PourcentageHorsBornes", () => {
    given(elaboration).when(valeur(144.9, "pourcent")).thenError(
      "PourcentageHorsBornes",
      (e) => expect(e.valeur).toBe(144.9)
    )
    given(elaboration).when(valeur(44.9, "pourcent")).thenWarnings(["IndicateurNonDefini"])
  })

  it("a change in percent may be negative (seed 004 l.246 '-0,5%' / '+0,4%', l.331 '- 4%'): variation-pourcent, never summed", () => {
    given(elaboration).when(valeur(-0.5, "variation-pourcent", "evolution-population")).thenWarnings([
      "IndicateurNonDefini"
    ])
    given(elaboration).when(valeur(-4, "variation-pourcent", "evolution-familles")).thenWarnings([
      "IndicateurNonDefini"
    ])
    const definir = (additivite: Indicateur.Additivite) =>
      new C.DefinirIndicateur({
        ...base(),
        definition: {
          code: "evolution-population" as Indicateur.CodeIndicateur,
          libelle: "Évolution de la population",
          unite: "variation-pourcent",
          categorie: "taux",
          additivite,
          niveaux: ["commune"]
        }
      })
    given([...elaboration, valeur(-0.5, "variation-pourcent", "evolution-population")]).when(definir("aucune")).thenOk()
    given(elaboration).when(definir("somme")).thenError("AdditiviteIncoherente")
  })

  it("a figure printed without its period (seed 004 l.53, l.81, l.731) is recorded with a NonDocumente period: a warning", () => {
    const v = valeur(15, "pourcent", "part-16-25-ans")
    const sansPeriode = new C.EnregistrerValeurIndicateur({
      ...v,
      valeur: { ...v.valeur, periode: { _tag: "NonDocumente", note: "seed 004 l.731 prints no period" } }
    })
    given(elaboration).when(sansPeriode).thenWarnings(["IndicateurNonDefini", "NonDocumente"])
  })

  it("coverage rates may exceed 100 (domain.md Indicators: a commune's rate can exceed 100%)", () => {
    const definir = new C.DefinirIndicateur({
      ...base(),
      definition: {
        code: "txcouv-com" as Indicateur.CodeIndicateur,
        libelle: "Taux de couverture",
        unite: "pourcent",
        categorie: "taux-de-couverture",
        additivite: "aucune",
        niveaux: ["commune"]
      }
    })
    given([...elaboration, definir]).when(valeur(112.4, "pourcent", "txcouv-com")).thenWarnings([])
  })

  it("a definition must agree with the values recorded before it: UniteIncoherente, PourcentageHorsBornes", () => {
    const definir = (unite: Indicateur.Unite) =>
      new C.DefinirIndicateur({
        ...base(),
        definition: {
          code: "part-enfants-pauvres" as Indicateur.CodeIndicateur,
          libelle: "Part d'enfants pauvres",
          unite,
          categorie: "taux",
          additivite: "aucune",
          niveaux: ["commune"]
        }
      })
    given([...elaboration, valeur(44.9, "pourcent")]).when(definir("places")).thenError(
      "UniteIncoherente",
      (e) => expect(e.recue).toBe("pourcent")
    )
    given([...elaboration, valeur(44.9, "pourcent")]).when(definir("pourcent")).thenOk()
  })

  it("a value's unit is its indicator's: UniteIncoherente", () => {
    const definir = new C.DefinirIndicateur({
      ...base(),
      definition: {
        code: "nb-eaje" as Indicateur.CodeIndicateur,
        libelle: "Nombre d'EAJE",
        unite: "nombre",
        categorie: "effectif",
        additivite: "somme",
        niveaux: ["commune"]
      }
    })
    given([...elaboration, definir]).when(valeur(34, "places", "nb-eaje")).thenError("UniteIncoherente", (e) => {
      expect(e.attendue).toBe("nombre")
      expect(e.recue).toBe("places")
    })
  })

  const composition = (membres: ReadonlyArray<readonly [string, Gouvernance.Role]>, effectif?: number) =>
    new C.DefinirCompositionInstance({
      ...base(),
      instanceId: instance("cdsf"),
      membres: membres.map(([k, role]) => ({ institutionId: inst(k), role })),
      ...(effectif === undefined ? {} : { effectif })
    })
  const bonne: ReadonlyArray<readonly [string, Gouvernance.Role]> = [
    ["prefecture", "president"],
    ["cd", "vice-president"],
    ["caf", "vice-president"],
    ["maires", "vice-president"]
  ]

  it("CDSF composition under décret n°2021-1644: chaired by the Préfet, vice-chairs CD, Caf and a mayor, ≤37 members", () => {
    given(elaboration).when(composition(bonne, 37)).thenOk()
    given(elaboration).when(composition([["cd", "president"], ...bonne.slice(1)])).thenError(
      "CompositionCdsfInvalide",
      (e) => expect(e.manquements.join()).toContain("Préfet")
    )
    given(elaboration).when(composition(bonne.filter(([k]) => k !== "caf"))).thenError(
      "CompositionCdsfInvalide",
      (e) => expect(e.manquements).toEqual(["a vice-chair from the Caf is missing"])
    )
    given(elaboration).when(composition(bonne, 38)).thenError(
      "CompositionCdsfInvalide",
      (e) => expect(e.manquements).toEqual(["38 members, at most 37"])
    )
  })

  it("the décret's CDSF composition is not required of schémas that predate it (Paris SPSF 2021-2026, 35 members, seed 004)", () => {
    const avant = [lancer({ regime: "anterieur" }), ...elaboration.slice(1)]
    given(avant).when(composition([["cd", "president"]], 35)).thenOk()
  })

  it("adoption belongs to the CDSF: InstanceInattendue for a COPIL", () => {
    given(elaboration)
      .when(
        new C.AdopterSchema({
          ...base(),
          instanceId: instance("copil"),
          objet: "schema",
          le: d("2024-05-15"),
          vote: { mode: "majorite" }
        })
      )
      .thenError("InstanceInattendue", (e) => expect(e.recue).toBe("copil"))
  })

  it("a call for projects selects no more than it received (seed 000: 35 received, 12 selected): AppelAProjetsIncoherent", () => {
    const lancerAppel = new C.LancerAppelAProjets({
      ...base("2025-01-10"),
      appelId: id("appel"),
      intitule: "AAP",
      le: d("2025-01-10"),
      themes: [],
      noeuds: [],
      partenaires: []
    })
    const clore = (recues: number, retenues: number) =>
      new C.CloreAppelAProjets({ ...base("2025-06-10"), appelId: id("appel"), le: j("2025-06-10"), recues, retenues })
    given([...enMiseEnOeuvre, lancerAppel]).when(clore(12, 35)).thenError("AppelAProjetsIncoherent")
    given([...enMiseEnOeuvre, lancerAppel]).when(clore(35, 12)).thenOk()
  })

  it("plan nodes sit under parents of allowed natures: RattachementInvalide, Inconnu", () => {
    given(elaboration).when(ajouter("ax2", "axe", "axe1")).thenError(
      "RattachementInvalide",
      (e) => expect(e.parent).toBe("axe")
    )
    given(elaboration).when(ajouter("o", "objectif", "absent")).thenError(
      "Inconnu",
      (e) => expect(e.champ).toBe("noeud.parentId")
    )
  })
})

describe("The lifecycle's phase machine (domain.md Lifecycle)", () => {
  const bilan = [
    ...enMiseEnOeuvre,
    new C.LancerBilanEvaluatif({
      ...base("2025-12-12"),
      instanceId: instance("cdsf"),
      le: j("2025-12-12"),
      etapesPrevues: []
    })
  ]
  const successeurId = id("successeur") as Evenements.SchemaId
  const periodeSuccesseur = { debut: annee(2027), fin: annee(2032) }
  const renouvellement = [
    ...bilan,
    new C.LancerRenouvellement({ ...base("2026-05-01"), le: j("2026-05-01"), successeurId, periodeSuccesseur })
  ]
  const adopterSuccesseur = new C.AdopterSuccesseur({
    ...base("2026-12-10"),
    instanceId: instance("cdsf"),
    le: d("2026-12-10"),
    successeurId,
    periodeSuccesseur,
    actionsReprises: [noeud("fiche1.1")]
  })
  const rapport = new C.RemettreRapportEvaluation({
    ...base("2026-06-30"),
    le: d("2026-06-30"),
    constats: [{ noeudId: noeud("fiche1.1"), constat: "Réalisée" }],
    preconisations: ["Poursuivre"]
  })

  it("nothing happens to a schéma before its élaboration is launched: CommandeHorsPhase from vierge", () => {
    Given.given([]).when(adopter()).thenError("CommandeHorsPhase", (e) => {
      expect(e.phase).toBe("vierge")
      expect(e.phasesPermises).toEqual(["elaboration"])
    })
  })

  it("a schéma is launched once", () => {
    given(elaboration).when(lancer()).thenError("CommandeHorsPhase", (e) => expect(e.phase).toBe("elaboration"))
  })

  it("drafting the plan belongs to élaboration; after adoption the plan changes by yearly revision only", () => {
    given(enMiseEnOeuvre).when(ajouter("a9", "action", "fiche1.1")).thenError("CommandeHorsPhase")
  })

  it("the bilan évaluatif is launched by the CDSF during implementation, then the successor is drafted", () => {
    const { state } = given(bilan).when(
      new C.LancerRenouvellement({ ...base("2026-05-01"), le: j("2026-05-01"), successeurId, periodeSuccesseur })
    ).thenOk()
    expect(SchemaDepartemental.phaseDe(state)).toBe("renouvellement")
  })

  it("the bilan comes before the successor's adoption (domain.md Rules; seed 000's 2026 calendar): BilanAvantSuccesseur", () => {
    given(renouvellement).when(adopterSuccesseur).thenError(
      "BilanAvantSuccesseur",
      (e) => expect(e.successeurId).toBe(successeurId)
    )
    const { state } = given([...renouvellement, rapport]).when(adopterSuccesseur).thenOk()
    expect(SchemaDepartemental.phaseDe(state)).toBe("clos")
  })

  it("the bilan comes before the successor's adoption, by date too: an adoption dated before the report is BilanAvantSuccesseur", () => {
    const avant = new C.AdopterSuccesseur({ ...adopterSuccesseur, le: d("2026-06-29") })
    given([...renouvellement, rapport]).when(avant).thenError("BilanAvantSuccesseur")
  })

  it("issue 9 case 1: a report 'mai-juin 2026' (seed 000 calendar) against a successor adopted '2026' is a warning, not a refusal", () => {
    const rapportImprecis = new C.RemettreRapportEvaluation({
      ...rapport,
      le: { _tag: "Intervalle", du: j("2026-05-01"), au: j("2026-06-30"), libelle: "Mai-juin 2026" }
    })
    const en2026 = new C.AdopterSuccesseur({ ...adopterSuccesseur, le: { _tag: "Annee", annee: annee(2026) } })
    given([...renouvellement, rapportImprecis]).when(en2026).thenWarnings(["OrdreIndecidable"])
    const enAvril = new C.AdopterSuccesseur({ ...adopterSuccesseur, le: { _tag: "Mois", annee: annee(2026), mois: 4 } })
    given([...renouvellement, rapportImprecis]).when(enAvril).thenError("BilanAvantSuccesseur")
  })

  it("a schéma is not its own successor: SchemaDifferent", () => {
    given(bilan).when(
      new C.LancerRenouvellement({
        ...base("2026-05-01"),
        le: j("2026-05-01"),
        successeurId: schemaId,
        periodeSuccesseur
      })
    ).thenError("SchemaDifferent")
  })

  it("successive schémas of one département must not overlap (domain.md Lifecycle 5): ChevauchementSuccesseur", () => {
    given(bilan)
      .when(
        new C.LancerRenouvellement({
          ...base("2026-05-01"),
          le: j("2026-05-01"),
          successeurId,
          periodeSuccesseur: { debut: annee(2026), fin: annee(2031) }
        })
      )
      .thenError("ChevauchementSuccesseur")
  })

  it("a closed schéma takes only restated indicator values", () => {
    const clos = [...renouvellement, rapport, adopterSuccesseur]
    given(clos).when(reunionCdsf("apres", "2027-01-10")).thenError(
      "CommandeHorsPhase",
      (e) => expect(e.phase).toBe("clos")
    )
  })

  it("commands name their schéma: SchemaDifferent", () => {
    given(elaboration)
      .when(
        new C.CreerInstance({
          ...base(),
          schemaId: id("autre") as Evenements.SchemaId,
          instance: {
            instanceId: instance("x"),
            nature: "copil",
            nom: "x",
            cadence: { minParAn: 1 },
            themes: [],
            missions: []
          }
        })
      )
      .thenError("SchemaDifferent")
  })
})

describe("Bi-temporal indicator values (issue: restatement, not overwrite)", () => {
  const v = (valeurId: string, valeur: number, jour: string, retraitement?: Indicateur.Retraitement) =>
    new C.EnregistrerValeurIndicateur({
      ...base(jour),
      valeur: {
        valeurId: id("v", valeurId) as Indicateur.ValeurId,
        indicateur: "nb-eaje" as Indicateur.CodeIndicateur,
        territoire: { niveau: "commune", code: "93066" as never },
        periode: { annee: annee(2023) },
        mesure: Indicateur.exacte(valeur),
        unite: "nombre",
        source: "CD93",
        enregistreLe: `${jour}T10:00:00.000Z` as Temps.Instant,
        ...(retraitement === undefined ? {} : { retraitement })
      }
    })

  it("a later value that says it restates the earlier one replaces it from its day; the earlier stays known as of its own", () => {
    const motif = "chiffre définitif du CD93"
    const restatement = v("b", 34, "2024-09-01", { remplace: id("v", "a") as Indicateur.ValeurId, motif })
    const { events } = given([...elaboration, v("a", 33, "2024-03-01")]).when(restatement).thenOk()
    expect(events[0]).toMatchObject({
      _tag: "ValeurIndicateurEnregistree",
      valeur: { retraitement: { remplace: id("v", "a"), motif } }
    })
    const valeurs = valeursDe(historique([...elaboration, v("a", 33, "2024-03-01"), restatement]))
    const cle = valeurs[0] as Indicateur.ValeurIndicateur
    expect(Indicateur.connuLe(valeurs, cle, j("2024-02-28"))).toBeUndefined()
    expect(Indicateur.connuLe(valeurs, cle, j("2024-06-30"))?.mesure).toEqual(Indicateur.exacte(33))
    expect(Indicateur.connusLe(valeurs, cle, j("2024-09-01")).map((x) => x.mesure)).toEqual([Indicateur.exacte(34)])
    expect(valeurs).toHaveLength(2)
  })
})
