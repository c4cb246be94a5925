/**
 * Issue 9: plans as real documents write them. One `describe` per case, each test citing the seed or document
 * situation it comes from; each fails on the code before its change.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Domain from "@sdsf/domain"
import {
  Catalogue,
  Commandes as C,
  CommandHandler,
  Evenements,
  Gouvernance,
  IdGenerator,
  Indicateur,
  Phase,
  Plan,
  Temps
} from "@sdsf/domain"
import type { Institution, Theme } from "@sdsf/domain"
import { Given } from "@sdsf/domain/testing"
import { duType, noeudsDe } from "./lecture.ts"

const id = (...k: ReadonlyArray<string>) => IdGenerator.deriveId("test-documents", ...k)
const schemaId = id("schema") as Evenements.SchemaId
const j = (s: string) => s as Temps.Jour
const d = (s: string): Temps.Datation => ({ _tag: "Jour", jour: j(s) })
const base = (jour = "2024-01-10") => ({ schemaId, survenuLe: `${jour}T10:00:00.000Z` as Temps.Instant })
const annee = (n: number) => n as Temps.Annee
const inst = (k: string) => id("institution", k) as Institution.InstitutionId
const instance = (k: string) => id("instance", k) as Gouvernance.InstanceId

const lancer = (overrides: Partial<ConstructorParameters<typeof C.LancerElaboration>[0]> = {}) =>
  new C.LancerElaboration({
    ...base("2023-06-01"),
    departement: "93" as never,
    periode: { debut: annee(2024), fin: annee(2026) },
    intitule: "SDSF de la Seine-Saint-Denis 2024-2026",
    regime: "decret-2021-1644",
    predecesseurs: [],
    le: d("2023-06-01"),
    ...overrides
  })

const institutions: ReadonlyArray<readonly [string, Institution.NatureInstitution]> = [
  ["prefecture", "prefecture"],
  ["cd", "conseil-departemental"],
  ["caf", "caf"],
  ["ville", "commune"]
]

const creer = (k: string, nature: Gouvernance.NatureInstance) =>
  new C.CreerInstance({
    ...base(),
    instance: { instanceId: instance(k), nature, nom: k, cadence: { minParAn: 1 }, themes: [], missions: [] }
  })

const elaboration: ReadonlyArray<C.Commande> = [
  lancer(),
  ...institutions.map(([k, nature]) =>
    new C.EnregistrerInstitution({ ...base(), institution: { institutionId: inst(k), nom: k, nature } })
  ),
  creer("cdsf", "cdsf"),
  creer("labellisation", "comite-labellisation")
]
const adopter = (le = "2024-03-15") =>
  new C.AdopterSchema({
    ...base(le),
    instanceId: instance("cdsf"),
    objet: "schema",
    le: d(le),
    vote: { mode: "unanimite" }
  })
const enMiseEnOeuvre = [
  ...elaboration,
  adopter(),
  new C.DemarrerMiseEnOeuvre({ ...base("2024-04-01"), le: d("2024-04-01") })
]

const given = (cmds: ReadonlyArray<C.Commande>) => Given.given(Given.histoire(cmds).events)

describe("case 12: review of the decider", () => {
  const concertation = (jour: string) =>
    new C.TenirConcertation({
      ...base(jour),
      concertationId: id("concertation", "atelier-1"),
      forme: "atelier",
      intitule: "Atelier petite enfance",
      le: d(jour),
      themes: []
    })

  it("TenirConcertation refuses an id already used, as TenirReunion does: DejaExistant", () => {
    given([...elaboration, concertation("2023-09-01")]).when(concertation("2023-09-02")).thenError(
      "DejaExistant",
      (e) => {
        expect(e.quoi).toBe("concertation")
        expect(e.id).toBe(id("concertation", "atelier-1"))
      }
    )
  })

  it("LabelliserPlaces refuses an id already used (seed 000: one labelling committee, 1 December 2025): DejaExistant", () => {
    const labelliser = (jour: string) =>
      new C.LabelliserPlaces({
        ...base(jour),
        labellisationId: id("labellisation", "avip-2025"),
        instanceId: instance("labellisation"),
        label: "AVIP",
        le: j(jour),
        places: 12
      })
    given([...enMiseEnOeuvre, labelliser("2025-12-01")]).when(labelliser("2025-12-02")).thenError(
      "DejaExistant",
      (e) => {
        expect(e.quoi).toBe("labellisation")
      }
    )
  })

  it("one decode error: the catalog's decoder and the command handler both answer EventDecodeError", () => {
    const r = Catalogue.decoder({ type: "SchemaInvente", typeVersion: 1, data: {} })
    expect(Result.isFailure(r) && r.failure).toBeInstanceOf(CommandHandler.EventDecodeError)
    expect(Result.isFailure(r) && r.failure.message).toBe("cannot read event SchemaInvente v1: unknown event type")
    expect("EvenementIllisible" in Catalogue).toBe(false)
  })

  it("Phase is a module of its own, exported from the index (not from Erreurs)", () => {
    expect(Phase.Phase.literals[0]).toBe("vierge")
    expect(Phase.rangPhase("clos")).toBe(6)
    expect("Phase" in Domain.Erreurs).toBe(false)
  })
})

const mois = (a: number, m: number): Temps.Datation => ({ _tag: "Mois", annee: annee(a), mois: m })
const an = (a: number): Temps.Datation => ({ _tag: "Annee", annee: annee(a) })
const adopterLe = (le: Temps.Datation, vote: C.AdopterSchema["vote"] = { mode: "unanimite" }) =>
  new C.AdopterSchema({ ...base("2024-06-01"), instanceId: instance("cdsf"), objet: "schema", le, vote })
const signer = (k: string, le: Temps.Datation, signataires: C.SignerSchema["signataires"] = [{ fonction: "Préfet" }]) =>
  new C.SignerSchema({ ...base("2025-03-01"), institutionId: inst(k), signataires, le })

describe("case 1: dates with their precision (seed 002 line 114: 'validation en mai et signature officielle début 2025')", () => {
  it("a launch known by its year and a consultation 'en mai 2024' are recorded as such, with nothing made up", () => {
    const { events } = given([]).when(lancer({ le: an(2023) })).thenOk()
    expect(duType(events, "ElaborationLancee")[0]?.le).toEqual({ _tag: "Annee", annee: 2023 })
    given([lancer({ le: an(2023) })])
      .when(
        new C.TenirConcertation({
          ...base(),
          concertationId: id("concertation", "mai"),
          forme: "atelier",
          intitule: "Ateliers",
          le: mois(2024, 5),
          themes: []
        })
      )
      .thenWarnings([])
  })

  it("adoption before signatures keeps its force on documented dates: a signature in 2023 before an adoption in March 2024 is refused", () => {
    given([...elaboration, adopterLe(mois(2024, 3))]).when(signer("prefecture", an(2023))).thenError(
      "SignatureAvantAdoption",
      (e) => {
        expect(e.le).toBe("2023")
        expect(e.adopteLe).toBe("2024-03")
      }
    )
  })

  it("a signature '2024' against an adoption 'March 2024' cannot be decided: accepted with OrdreIndecidable, not refused", () => {
    const [w] = given([...elaboration, adopterLe(mois(2024, 3))]).when(signer("prefecture", an(2024))).thenWarnings([
      "OrdreIndecidable"
    ])
    expect(w).toEqual({
      _tag: "OrdreIndecidable",
      regle: "adoption-avant-signature",
      date: "2024",
      reference: "2024-03"
    })
    given([...elaboration, adopterLe(mois(2024, 5))]).when(signer("prefecture", an(2025))).thenWarnings([])
  })

  it("implementation after adoption: February 2024 before an adoption of 15 March 2024 is refused, March 2024 is a warning", () => {
    const h = [...elaboration, adopterLe(d("2024-03-15"))]
    given(h).when(new C.DemarrerMiseEnOeuvre({ ...base(), le: mois(2024, 2) })).thenError("MiseEnOeuvreAvantAdoption")
    given(h).when(new C.DemarrerMiseEnOeuvre({ ...base(), le: mois(2024, 3) })).thenWarnings(["OrdreIndecidable"])
  })

  it("a range is checked by its bounds: 'février-mars 2026' ends before it starts is refused by the schema", () => {
    expect(() => Temps.Datation.make({ _tag: "Intervalle", du: j("2026-03-31"), au: j("2026-02-01") })).toThrow()
    expect(Temps.avant({ _tag: "Intervalle", du: j("2026-02-01"), au: j("2026-03-31") }, d("2026-05-04"))).toBe(true)
    expect(Temps.avant(d("2026-03-01"), { _tag: "Intervalle", du: j("2026-02-01"), au: j("2026-03-31") }))
      .toBeUndefined()
  })

  it("a meeting known to the month lies in its year; one whose range spans two years lies in neither, nor out of them", () => {
    const reunion = (k: string, le: Temps.Datation) =>
      new C.TenirReunion({
        ...base(),
        reunionId: id("reunion", k),
        instanceId: instance("cdsf"),
        le,
        ordreDuJour: [],
        decisions: []
      })
    const { events } = Given.histoire([
      ...elaboration,
      reunion("mai", mois(2025, 5)),
      reunion("hiver", { _tag: "Intervalle", du: j("2025-12-15"), au: j("2026-01-15") })
    ])
    const [mai, hiver] = duType(events, "ReunionTenue").map((r) => r.le) as [Temps.Datation, Temps.Datation]
    expect(mai).toEqual(mois(2025, 5))
    expect(Temps.anneeDeDatation(mai)).toBe(2025)
    expect(Temps.anneeDeDatation(hiver)).toBeUndefined()
    for (const a of [2025, 2026]) {
      expect([Temps.avant(hiver, an(a)), Temps.avant(an(a), hiver)]).toEqual([undefined, undefined])
    }
  })
})

describe("case 2: not documented (signatures printed, no CDSF adoption documented)", () => {
  const nonDoc = (note: string): Temps.NonDocumente => ({ _tag: "NonDocumente", note })

  it("an adoption whose date and vote are not documented is recorded as such, with a NonDocumente warning per fact", () => {
    const ws = given(elaboration)
      .when(adopterLe(nonDoc("signatures printed, no adoption documented"), nonDoc("no vote printed")))
      .thenWarnings(["NonDocumente", "NonDocumente"])
    expect(ws).toEqual([
      { _tag: "NonDocumente", champ: "le", note: "signatures printed, no adoption documented" },
      { _tag: "NonDocumente", champ: "vote", note: "no vote printed" }
    ])
  })

  it("SignerSchema after an undocumented adoption is accepted with a warning, not SignatureAvantAdoption", () => {
    const h = [...elaboration, adopterLe(nonDoc("no adoption documented"), nonDoc("no vote"))]
    const [w] = given(h).when(signer("prefecture", d("2024-09-12"))).thenWarnings(["OrdreIndecidable"])
    expect(w).toMatchObject({ regle: "adoption-avant-signature", reference: "not documented" })
  })

  it("a figure without a source is recorded with NonDocumente, and the indicator table shows it", () => {
    const ws = given(elaboration)
      .when(
        new C.EnregistrerValeurIndicateur({
          ...base(),
          valeur: {
            valeurId: id("valeur", "sans-source") as never,
            indicateur: "places-eaje" as never,
            territoire: { niveau: "departement", code: "93" as never },
            periode: { annee: annee(2023) },
            mesure: Indicateur.exacte(1200),
            unite: "places",
            source: nonDoc("the portrait social table cites no source"),
            enregistreLe: base().survenuLe
          }
        })
      )
      .thenWarnings(["IndicateurNonDefini", "NonDocumente"])
    expect(ws[1]).toMatchObject({ champ: "valeur.source" })
  })

  it("a cadence not documented is unknown, distinct from 0 a year (none expected)", () => {
    const creerAvec = (k: string, cadence: Gouvernance.Convocation) =>
      new C.CreerInstance({
        ...base(),
        instance: { instanceId: instance(k), nature: "cotech", nom: k, cadence, themes: [], missions: [] }
      })
    given(elaboration).when(creerAvec("inconnue", nonDoc("no cadence printed"))).thenWarnings(["NonDocumente"])
    given(elaboration).when(creerAvec("aucune", { minParAn: 0 })).thenWarnings([])
    const { events } = Given.histoire([
      ...elaboration,
      creerAvec("inconnue", { _tag: "NonDocumente" }),
      creerAvec("aucune", { minParAn: 0 })
    ])
    const attendues = (k: string) =>
      duType(events, "InstanceCreee").find((e) => e.instance.instanceId === instance(k))?.instance.cadence
    expect(Gouvernance.formatConvocation(attendues("inconnue")!)).toBe("non documentée")
    expect(Gouvernance.formatConvocation(attendues("aucune")!)).toBe("0/an")
  })
})

describe("case 3: signatures as printed", () => {
  it("a signer par délégation for the head, two names for one institution, a signer with no printed function", () => {
    const sujet = (k: string) => id("sujet", k) as never
    const h = [...elaboration, adopterLe(mois(2024, 5))]
    const { events, state } = given(h)
      .when(signer("cd", an(2025), [
        {
          sujet: sujet("dga"),
          fonction: "Directeur général adjoint",
          parDelegationDe: { fonction: "Le Président du Conseil départemental" }
        },
        { sujet: sujet("elue") }
      ]))
      .thenOk()
    if (state._tag !== "Schema") throw new Error("not launched")
    expect(state.signataires.has(inst("cd"))).toBe(true)
    const sig = duType(events, "SchemaSigne").find((e) => e.institutionId === inst("cd"))
    expect(sig?.signataires).toHaveLength(2)
    expect(sig?.signataires[0]?.parDelegationDe?.fonction).toBe("Le Président du Conseil départemental")
    expect(sig?.signataires[1]?.fonction).toBeUndefined()
  })
})

describe("case 4: several predecessors (an SDSF merging an earlier SDSF and a schéma d'animation de la vie sociale)", () => {
  const pred = (k: string, nature: Evenements.NaturePredecesseur, debut: number, fin: number) => ({
    schemaId: id("predecesseur", k) as Evenements.SchemaId,
    departement: "93" as never,
    periode: { debut: annee(debut), fin: annee(fin) },
    nature
  })

  it("both predecessors are kept with their kind; each is checked for overlap", () => {
    const { events } = given([])
      .when(
        lancer({
          predecesseurs: [pred("sdsf", "sdsf", 2019, 2023), pred("avs", "schema-animation-vie-sociale", 2020, 2023)]
        })
      )
      .thenOk()
    expect(duType(events, "ElaborationLancee")[0]?.predecesseurs.map((p) => p.nature)).toEqual([
      "sdsf",
      "schema-animation-vie-sociale"
    ])
    given([])
      .when(
        lancer({
          predecesseurs: [pred("sdsf", "sdsf", 2019, 2023), pred("avs", "schema-animation-vie-sociale", 2022, 2025)]
        })
      )
      .thenError("ChevauchementPredecesseur", (e) => expect(e.periodePredecesseur).toEqual({ debut: 2022, fin: 2025 }))
  })
})

describe("case 7: governance as written", () => {
  it("a body proposed, not installed; a working group 2-3 times a year for a set time (seed 002 lines 94-99); co-presidency", () => {
    const groupe = new C.CreerInstance({
      ...base(),
      instance: {
        instanceId: instance("gt5"),
        nature: "groupe-de-travail",
        nom: "Groupe de travail axe 5",
        cadence: { minParAn: 2, maxParAn: 3 },
        duree: "un calendrier sur 1 an",
        statut: "proposee",
        themes: [],
        missions: []
      }
    })
    const { events, state } = given(elaboration).when(groupe).thenOk()
    expect(state._tag === "Schema" && state.instances.get(instance("gt5"))).toEqual({
      nature: "groupe-de-travail",
      statut: "proposee"
    })
    const i = duType(events, "InstanceCreee")[0]?.instance
    expect(i).toMatchObject({ statut: "proposee", duree: "un calendrier sur 1 an" })
    expect(Gouvernance.formatConvocation(i!.cadence)).toBe("2-3/an")
    const veille = new C.CreerInstance({
      ...base(),
      instance: {
        instanceId: instance("veille"),
        nature: "cellule-veille",
        nom: "Cellule de veille",
        cadence: { _tag: "SurBesoin" },
        themes: [],
        missions: []
      }
    })
    given(elaboration).when(veille).thenWarnings([])
    given([...elaboration, groupe])
      .when(
        new C.DefinirCompositionInstance({
          ...base(),
          instanceId: instance("gt5"),
          membres: [{ institutionId: inst("caf"), role: "co-president" }, {
            institutionId: inst("cd"),
            role: "co-president"
          }]
        })
      )
      .thenWarnings([])
  })
})

describe("case 7: a body proposed, then installed (seed 000 lines 61, 201: the cellule de veille, a 2025 priority still being structured)", () => {
  it("InstallerInstance moves it from proposee to installee, once", () => {
    const veille = new C.CreerInstance({
      ...base(),
      instance: {
        instanceId: instance("veille"),
        nature: "cellule-veille",
        nom: "Cellule de veille",
        cadence: { minParAn: 1 },
        statut: "proposee",
        themes: [],
        missions: []
      }
    })
    const installer = new C.InstallerInstance({ ...base(), instanceId: instance("veille"), le: an(2026) })
    const { state } = given([...elaboration, veille]).when(installer).thenOk()
    expect(state._tag === "Schema" && state.instances.get(instance("veille"))?.statut).toBe("installee")
    given([...elaboration, veille, installer]).when(installer).thenError(
      "DejaExistant",
      (e) => expect(e.quoi).toBe("installation")
    )
    given(elaboration).when(installer).thenError("Inconnu")
  })
})

describe("case 8: plan as written", () => {
  const noeud = (k: string) => id("noeud", k) as Plan.NoeudId
  const ajouter = (k: string, nature: Plan.NatureNoeud, parent?: string, themes?: ReadonlyArray<Theme.Theme>) =>
    new C.AjouterNoeudPlan({
      ...base(),
      noeud: {
        noeudId: noeud(k),
        nature,
        titre: k,
        rang: 0,
        ...(parent === undefined ? {} : { parentId: noeud(parent) }),
        ...(themes === undefined ? {} : { themes })
      }
    })

  it("general objectives frame every axe (seed 004 line 229) or one axe (line 459); grouping nodes; themes set once, inherited", () => {
    const h = [
      ...elaboration,
      ajouter("og1", "objectif-general"),
      ajouter("axe1", "axe", undefined, ["petite-enfance"]),
      ajouter("groupe", "groupe", "axe1", ["parentalite"])
    ]
    given(h).when(ajouter("og-axe1", "objectif-general", "axe1")).thenWarnings([])
    given(h).when(ajouter("a1", "action", "groupe")).thenWarnings(["PiloteManquant"])
    const noeuds = new Map(
      noeudsDe(Given.histoire([...h, ajouter("a1", "action", "groupe")]).events).map((n) => [n.noeudId, n])
    )
    expect(Plan.themesDe(noeuds, noeud("a1"))).toEqual(["parentalite", "petite-enfance"])
    expect(noeuds.get(noeud("a1"))?.themes).toBeUndefined()
    expect(noeuds.get(noeud("og1"))?.parentId).toBeUndefined()
  })
})

describe("stored version-1 events still decode (issue 9: every changed event has a version 2 and an upcaster)", () => {
  const S = "3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c"
  const U = "5a2b3c4d-1e2f-4a3b-8c4d-9e0f1a2b3c4d"
  const V = "6b3c4d5e-2f30-4b4c-9d5e-0f1a2b3c4d5e"
  const communs = { schemaId: S, survenuLe: "2024-05-15T10:00:00.000Z" }
  const instanceV1 = {
    instanceId: U,
    nature: "copil",
    nom: "Comité de pilotage",
    cadence: { minParAn: 3 },
    themes: [],
    missions: []
  }
  const noeudV1 = { noeudId: U, nature: "action", titre: "Créer des places AVIP", rang: 0 }
  // Literal v1 data, exactly as version 1 of the library stored it.
  const v1: ReadonlyArray<readonly [string, Record<string, unknown>, (e: Record<string, unknown>) => void]> = [
    ["ElaborationLancee", {
      ...communs,
      departement: "93",
      periode: { debut: 2024, fin: 2026 },
      intitule: "SDSF 2024-2026",
      regime: "decret-2021-1644",
      predecesseur: { schemaId: U, departement: "93", periode: { debut: 2019, fin: 2023 } },
      le: "2023-06-01"
    }, (e) => {
      expect(e["le"]).toEqual({ _tag: "Jour", jour: "2023-06-01" })
      expect(e["predecesseurs"]).toEqual([{
        schemaId: U,
        departement: "93",
        periode: { debut: 2019, fin: 2023 },
        nature: "sdsf"
      }])
    }],
    ["ElaborationLancee", {
      ...communs,
      departement: "93",
      periode: { debut: 2024, fin: 2026 },
      intitule: "SDSF 2024-2026",
      regime: "anterieur",
      le: "2023-06-01"
    }, (e) => expect(e["predecesseurs"]).toEqual([])],
    [
      "EvaluationPrecedentConduite",
      { ...communs, le: "2021-06-30", constats: ["Une dynamique installée"] },
      (e) =>
        expect(e).toMatchObject({ le: { _tag: "Jour", jour: "2021-06-30" }, constats: ["Une dynamique installée"] })
    ],
    ["DiagnosticRealise", {
      ...communs,
      le: "2021-09-01",
      synthese: "Un taux de couverture",
      indicateurs: ["places-avip"]
    }, (e) => expect(e).toMatchObject({ le: { _tag: "Jour", jour: "2021-09-01" }, indicateurs: ["places-avip"] })],
    ["ConcertationTenue", {
      ...communs,
      concertationId: U,
      forme: "atelier",
      intitule: "4 ateliers",
      le: "2022-02-01",
      au: "2022-02-28",
      themes: []
    }, (e) => expect(e["le"]).toEqual({ _tag: "Intervalle", du: "2022-02-01", au: "2022-02-28" })],
    ["ConcertationTenue", {
      ...communs,
      concertationId: U,
      forme: "seance",
      intitule: "Séance",
      le: "2021-12-07",
      themes: []
    }, (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2021-12-07" })],
    ["SchemaAdopte", {
      ...communs,
      instanceId: U,
      objet: "orientations",
      le: "2022-04-21",
      vote: { mode: "unanimite" }
    }, (e) => expect(e).toMatchObject({ le: { _tag: "Jour", jour: "2022-04-21" }, vote: { mode: "unanimite" } })],
    [
      "SchemaSigne",
      { ...communs, institutionId: U, signataire: V, fonction: "Préfet", lieu: "Bobigny", le: "2024-06-01" },
      (e) =>
        expect(e).toMatchObject({
          signataires: [{ sujet: V, fonction: "Préfet" }],
          lieu: "Bobigny",
          le: { _tag: "Jour", jour: "2024-06-01" }
        })
    ],
    [
      "SchemaSigne",
      { ...communs, institutionId: U, fonction: "", le: "2024-06-01" },
      (e) => expect(e["signataires"]).toEqual([{}])
    ],
    [
      "MiseEnOeuvreDemarree",
      { ...communs, le: "2024-06-01" },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2024-06-01" })
    ],
    [
      "PrioritesAnnuellesArretees",
      { ...communs, annee: 2025, instanceId: U, le: "2024-12-01", priorites: [] },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2024-12-01" })
    ],
    [
      "FeuilleDeRouteArretee",
      { ...communs, annee: 2022, le: "2022-06-30", elements: [], noeuds: [] },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2022-06-30" })
    ],
    [
      "ReunionTenue",
      { ...communs, reunionId: U, instanceId: U, le: "2025-12-12", ordreDuJour: [], decisions: [] },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2025-12-12" })
    ],
    [
      "AvancementActionSignale",
      { ...communs, noeudId: U, le: "2025-09-01", etat: "en-cours" },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2025-09-01" })
    ],
    ["AppelAProjetsLance", {
      ...communs,
      appelId: U,
      intitule: "AAP",
      le: "2025-01-01",
      themes: [],
      noeuds: [],
      partenaires: []
    }, (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2025-01-01" })],
    [
      "EntretiensCiblesMenes",
      { ...communs, le: "2026-03-01", institutions: [] },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2026-03-01" })
    ],
    [
      "RapportEvaluationRemis",
      { ...communs, le: "2026-06-30", constats: [], preconisations: [] },
      (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2026-06-30" })
    ],
    ["SuccesseurAdopte", {
      ...communs,
      instanceId: U,
      le: "2026-12-10",
      successeurId: V,
      periodeSuccesseur: { debut: 2027, fin: 2032 },
      actionsReprises: []
    }, (e) => expect(e["le"]).toEqual({ _tag: "Jour", jour: "2026-12-10" })],
    ["InstanceCreee", { ...communs, instance: instanceV1 }, (e) => expect(e["instance"]).toEqual(instanceV1)],
    [
      "CadenceInstanceModifiee",
      { ...communs, instanceId: U, cadence: { minParAn: 2 } },
      (e) => expect(e["cadence"]).toEqual({ minParAn: 2 })
    ],
    ["CompositionInstanceDefinie", {
      ...communs,
      instanceId: U,
      membres: [{ institutionId: V, role: "president" }],
      effectif: 37
    }, (e) => expect(e["effectif"]).toBe(37)],
    [
      "ContactDesigne",
      { ...communs, sujet: V, institutionId: U, role: "animateur" },
      (e) => expect(e["role"]).toBe("animateur")
    ],
    ["NoeudPlanAjoute", { ...communs, noeud: noeudV1 }, (e) => expect(e["noeud"]).toEqual(noeudV1)],
    [
      "NoeudPlanModifie",
      { ...communs, noeudId: U, modification: { titre: "Nouveau titre" } },
      (e) => expect(e["modification"]).toEqual({ titre: "Nouveau titre" })
    ],
    ["PlanActionRevise", {
      ...communs,
      annee: 2025,
      instanceId: U,
      reunionId: V,
      le: "2024-12-10",
      ajouts: [noeudV1],
      modifications: [],
      retraits: []
    }, (e) => expect(e["ajouts"]).toEqual([noeudV1])],
    ["ValeurIndicateurEnregistree", {
      ...communs,
      valeur: {
        valeurId: U,
        indicateur: "places-avip",
        territoire: { niveau: "departement", code: "92" },
        periode: { annee: 2025 },
        valeur: 204,
        unite: "places",
        source: "Caf 92",
        enregistreLe: "2025-12-12T12:00:00.000Z"
      }
    }, (e) => expect(e["valeur"]).toMatchObject({ source: "Caf 92", mesure: { nature: "exacte", valeur: 204 } })],
    ["IndicateurDefini", {
      ...communs,
      definition: {
        code: "places-avip",
        libelle: "Places AVIP",
        unite: "places",
        categorie: "effectif",
        niveaux: ["departement"]
      }
    }, (e) => expect(e["definition"]).toMatchObject({ unite: "places", additivite: "somme" })]
  ]

  it("covers every event whose version is above 1", () => {
    const changes = Catalogue.catalogue.filter((e) => e.version > 1).map((e) => e.type)
    expect([...new Set(v1.map(([t]) => t))].sort()).toEqual([...changes].sort())
  })

  // Literal v2 data of events whose version is above 2, exactly as version 2 of the library stored it.
  const v2: ReadonlyArray<readonly [string, Record<string, unknown>, (e: Record<string, unknown>) => void]> = [
    ["IndicateurDefini", {
      ...communs,
      definition: {
        code: "places-avip",
        libelle: "Places AVIP",
        unite: "places",
        categorie: "effectif",
        additivite: "somme",
        niveaux: ["departement"]
      }
    }, (e) => expect(e["definition"]).toMatchObject({ unite: "places", additivite: "somme" })],
    ["ValeurIndicateurEnregistree", {
      ...communs,
      valeur: {
        valeurId: U,
        indicateur: "places-avip",
        territoire: { niveau: "departement", code: "92" },
        periode: { annee: 2025 },
        mesure: { nature: "approchee", valeur: 204, qualificatif: "environ" },
        unite: "places",
        source: { _tag: "NonDocumente" },
        enregistreLe: "2025-12-12T12:00:00.000Z",
        retraitement: { remplace: V, motif: "Chiffre définitif" }
      }
    }, (e) =>
      expect(e["valeur"]).toMatchObject({
        periode: { annee: 2025 },
        mesure: { nature: "approchee", valeur: 204 },
        retraitement: { remplace: V }
      })]
  ]

  it("covers every event whose version is above 2 with v2 JSON", () => {
    const changes = Catalogue.catalogue.filter((e) => e.version > 2).map((e) => e.type)
    expect([...new Set(v2.map(([t]) => t))].sort()).toEqual([...changes].sort())
  })

  it.each(v2.map(([type, data, check], i) => [`${type} #${i}`, type, data, check] as const))(
    "%s decodes from its v2 JSON",
    (_, type, data, check) => {
      const r = Catalogue.decoder({ type, typeVersion: 2, data: JSON.parse(JSON.stringify(data)) })
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      expect(r.success._tag).toBe(type)
      check(r.success as unknown as Record<string, unknown>)
    }
  )

  it.each(v1.map(([type, data, check], i) => [`${type} #${i}`, type, data, check] as const))(
    "%s decodes from its v1 JSON",
    (_, type, data, check) => {
      const r = Catalogue.decoder({ type, typeVersion: 1, data: JSON.parse(JSON.stringify(data)) })
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      expect(r.success._tag).toBe(type)
      check(r.success as unknown as Record<string, unknown>)
    }
  )
})
