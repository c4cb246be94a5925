import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Decider, Indicateur, SchemaDepartemental } from "@sdsf/domain"
import type { Plan } from "@sdsf/domain"
import { Given, Paris } from "@sdsf/domain/testing"
import { duType, noeudsDe, valeursDe } from "./lecture.ts"

const ecrire = () => {
  const { events: evenements, warnings: avertissements, state: etat } = Given.histoire(Paris.commandes())
  if (etat._tag !== "Schema") throw new Error("the schéma was not launched")
  return { etat, evenements, avertissements }
}

/**
 * Figures without a period: 24 (lines 53: 3, 81: 1, 113: 1, 254: 4, 256: 2, 374-376: 7, 678: 4, 731: 2); each gives a
 * `NonDocumente` warning, as each figure without a source does.
 */
const SANS_PERIODE = 24

/** Figures without a source: 18 printed without a period (lines 53-376), 39 in the diagnostic (lines 260-264: 6, 298: 8, 313: 3, 331: 3, 346-348: 8, 357: 6, 361: 1, 441: 4), the 37 of the bilan 2016-2018 (lines 939-1030). */
const NON_SOURCES = 18 + 39 + 37

describe("Paris SPSF 2021-2026 (seed 004): plan and governance", () => {
  const { etat, evenements, avertissements } = ecrire()
  const noeuds = noeudsDe(evenements)
  const parNature = (n: Plan.NatureNoeud) => noeuds.filter((x) => x.nature === n)
  const enfants = (parent: Plan.Noeud | undefined) => noeuds.filter((n) => n.parentId === parent?.noeudId)
  const sous = (racine: Plan.Noeud | undefined): ReadonlyArray<Plan.Noeud> =>
    enfants(racine).flatMap((n) => [n, ...sous(n)])
  const actions = parNature("action")
  const parLigne = (ligne: number) => noeuds.find((n) => n.noeudId === Paris.noeuds[`l${ligne}`])
  const creees = new Map(duType(evenements, "InstanceCreee").map((e) => [e.instance.instanceId, e.instance]))
  const composition = (id: string) => duType(evenements, "CompositionInstanceDefinie").find((e) => e.instanceId === id)

  it("replays with exactly these warnings: the 2019-2020 gap after the SPSF 2016-2018, the undated launch, 5 blank pilotes, the unsourced figures, the undated bilan, diagnostic and adoption and signatures", () => {
    // The diagnostic cites a source for the Insee and Caf figures only; the bilan 2016-2018 (37 figures) cites none.
    const sansSource = Paris.chiffres.filter((c) => c.source === undefined).length
    expect(sansSource).toBe(NON_SOURCES)
    expect(avertissements).toEqual([
      "EcartAvecPredecesseur",
      "NonDocumente",
      ...Array.from({ length: 5 }, () => "PiloteManquant"),
      ...Array.from({ length: NON_SOURCES + SANS_PERIODE }, () => "NonDocumente"),
      // The bilan 2016-2018 and the diagnostic, undated.
      "NonDocumente",
      "NonDocumente",
      // The adoption: no date, no vote.
      "NonDocumente",
      "NonDocumente",
      // 10 signatures, undated ("A Paris, le", line 141): their order against the undated adoption is undecidable.
      ...Array.from({ length: 10 }, () => ["OrdreIndecidable", "NonDocumente"]).flat()
    ])
    expect(Paris.joursSupposes).toEqual([])
  })

  it("issues the diagnostic (lines 240-441) and the bilan 2016-2018 (lines 921-1031) with undated Datations", () => {
    const diagnostics = duType(evenements, "DiagnosticRealise")
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]?.le._tag).toBe("NonDocumente")
    expect(diagnostics[0]?.indicateurs).toContain("population")
    expect(diagnostics[0]?.indicateurs).not.toContain("bilan-realisations")
    expect(duType(evenements, "EvaluationPrecedentConduite").map((e) => e.le._tag)).toEqual(["NonDocumente"])
  })

  it("records the 10 signing institutions as printed, Caf and MSA with two signers each (lines 141-213), undated, in Paris", () => {
    expect(etat.signataires.size).toBe(10)
    const signatures = duType(evenements, "SchemaSigne")
    expect(signatures).toHaveLength(10)
    const caf = signatures.find((e) => e.institutionId === Paris.institutions["caf"])
    expect(caf?.signataires.map((x) => x.fonction)).toEqual([
      "Président du Conseil d'administration de la Caisse d'allocations familiales de Paris",
      "Directeur Général de la Caisse d'allocations familiales de Paris"
    ])
    expect(caf?.le._tag).toBe("NonDocumente")
    expect(signatures.find((e) => e.institutionId === Paris.institutions["msa"])?.signataires).toHaveLength(2)
    // Names stay out of the events: the personal-data store holds them.
    expect(JSON.stringify(evenements.map(Catalogue.encoder))).not.toContain("HIDALGO")
    expect(Paris.personnes).toHaveLength(12)
    expect(duType(evenements, "SchemaAdopte")).toMatchObject([{
      le: { _tag: "NonDocumente" },
      vote: { _tag: "NonDocumente" }
    }])
  })

  it("records the predecessor, the SPSF 2016-2018 (lines 921-925), and an undated launch", () => {
    const [lancement] = duType(evenements, "ElaborationLancee")
    expect(lancement?.predecesseurs).toEqual([
      expect.objectContaining({ nature: "sdsf", periode: { debut: 2016, fin: 2018 }, departement: "75" })
    ])
    expect(lancement?.le._tag).toBe("NonDocumente")
    expect(etat.periode).toEqual({ debut: 2021, fin: 2026 })
  })

  it("has the 4 enjeux majeurs crossing the axes as general objectives at the top (lines 229-234)", () => {
    const generaux = parNature("objectif-general")
    expect(generaux).toHaveLength(4)
    expect(generaux.every((g) => g.parentId === undefined)).toBe(true)
    expect(generaux[2]?.titre).toBe("La réduction des inégalités territoriales d'accès des familles aux services")
  })

  it("has 7 axes (sommaire lines 22-38, headings lines 451-729) with the sommaire's titles", () => {
    const axes = parNature("axe")
    expect(axes.map((a) => a.code)).toEqual(["Axe 1", "Axe 2", "Axe 3", "Axe 4", "Axe 5", "Axe 6", "Axe 7"])
    expect(axes[3]?.titre).toBe("Soutenir les liens intrafamiliaux")
    expect(axes[6]?.titre).toBe("Favoriser l'autonomie et l'engagement citoyen des jeunes")
  })

  it("has 8 objectifs stratégiques: A-B in axe 1 (lines 463, 485), A-B in axe 5 (641, 662), A-D in axe 7 (761-842)", () => {
    const axes = parNature("axe")
    const os = (i: number) => enfants(axes[i]).filter((n) => n.nature === "objectif-strategique").map((n) => n.code)
    expect(parNature("objectif-strategique")).toHaveLength(8)
    expect([0, 1, 2, 3, 4, 5, 6].map(os)).toEqual([["A", "B"], [], [], [], ["A", "B"], [], ["A", "B", "C", "D"]])
  })

  it("has 31 numbered objectives: 7, 3, 3, 3, 4, 4, 7 (axe 7 has no objective 4: lines 800-823)", () => {
    const axes = parNature("axe")
    const objectifs = (i: number) => sous(axes[i]).filter((n) => n.nature === "objectif").map((n) => n.code)
    expect(parNature("objectif")).toHaveLength(31)
    expect(objectifs(0)).toEqual(["1", "2", "3", "4", "5", "6", "7"])
    expect([1, 2, 3, 4, 5].map((i) => objectifs(i).length)).toEqual([3, 3, 3, 4, 4])
    expect(objectifs(6)).toEqual(["1", "2", "3", "5", "6", "7", "8"])
  })

  it("has 100 actions: 17, 14, 8, 16, 7, 13, 25 by axe (tables lines 469-859)", () => {
    expect(actions).toHaveLength(100)
    const axes = parNature("axe")
    expect(axes.map((a) => sous(a).filter((n) => n.nature === "action").length)).toEqual([17, 14, 8, 16, 7, 13, 25])
    // Every action sits under a numbered objective.
    expect(actions.every((a) => etat.noeuds.get(a.parentId as Plan.NoeudId)?.nature === "objectif")).toBe(true)
  })

  it("leaves 5 actions without a pilote, as printed (lines 554, 555, 832, 834, 854)", () => {
    const sansPilote = actions.filter((a) => a.details?.pilotes.length === 0)
    expect(sansPilote.map((a) => a.titre)).toEqual([
      "Développer l'accompagnement des jeunes parents de moins de 25 ans",
      "Développer l'accompagnement des familles avec des jeunes enfants confrontés au handicap",
      "Animer le réseau des \"Promeneurs du Net\"",
      "Mettre en place des débats des Promeneurs du Net",
      "Soutenir et valoriser des projets de prévention en cohérence avec les spécificités du territoire parisien"
    ])
  })

  it("keeps the pilotes as printed: institution and direction (lines 470, 537, 553, 603, 669)", () => {
    const i = Paris.institutions
    expect(parLigne(470)?.details?.pilotes).toEqual([
      { institutionId: i["caf"], direction: "Politique Parentalité" },
      { institutionId: i["ville"], direction: "DFPE" }
    ])
    expect(parLigne(537)?.details?.pilotes).toEqual([{ institutionId: i["rspp"] }, { institutionId: i["cpam"] }])
    // Line 553 names the Ville de Paris twice.
    expect(parLigne(553)?.details?.pilotes.map((p) => p.direction))
      .toEqual(["DFPE/DDCT", "Politique Parentalité", "DFPE"])
    expect(parLigne(603)?.details?.pilotes).toHaveLength(3)
    expect(parLigne(669)?.details?.pilotes).toEqual([
      { institutionId: i["ville"], direction: "DASES" },
      { institutionId: i["education-nationale"], direction: "SDIS SEPLEX" },
      { institutionId: i["cpam"] }
    ])
    // The Pilote column (lines 470-859) names the Caf de Paris in 56 rows and the Ville de Paris in 56.
    const pilotePar = (k: string) =>
      actions.filter((a) => a.details?.pilotes.some((p) => p.institutionId === i[k])).length
    expect({ caf: pilotePar("caf"), ville: pilotePar("ville") }).toEqual({ caf: 56, ville: 56 })
  })

  it("keeps the calendriers prévisionnels as printed: 2021 (25), 2022 (55), 2021/2023 et suivantes (4/14), Rentrée 2021/2022", () => {
    const libelles = actions.map((a) => a.details?.calendrier?.libelle ?? "")
    const compte = (l: string) => libelles.filter((x) => x === l).length
    expect([compte("2021"), compte("2022"), compte("2021 et suivantes"), compte("2023 et suivantes")])
      .toEqual([25, 55, 4, 14])
    expect([compte("Rentrée 2021"), compte("Rentrée 2022")]).toEqual([1, 1])
    // Line 478: "2023 et suivantes" runs to the end of the schéma; line 717: "Rentrée 2021" is the year 2021.
    expect(parLigne(478)?.details?.calendrier).toEqual({ debut: 2023, ouvert: true, libelle: "2023 et suivantes" })
    expect(parLigne(717)?.details?.calendrier)
      .toEqual({ debut: 2021, fin: 2021, ouvert: false, libelle: "Rentrée 2021" })
  })

  it("keeps descriptifs as printed, bullet lists included (lines 470, 493)", () => {
    expect(parLigne(470)?.details?.descriptif)
      .toMatch(/^Organiser conjointement par la Ville de Paris et la Caf de Paris 3 rencontres annuelles/)
    expect(parLigne(493)?.details?.descriptif?.split("\n")).toHaveLength(2)
    expect(actions.every((a) => (a.details?.descriptif ?? "").length > 0)).toBe(true)
  })

  it("has the governance of lines 863-898: the CPSF (a year, Préfet, 2 vice-présidents, 35 members) and the COTECH (2 a year)", () => {
    const cpsf = creees.get(Paris.instances.cpsf)
    expect(cpsf).toMatchObject({ nature: "cdsf", cadence: { minParAn: 1, maxParAn: 1 } })
    expect(cpsf?.nom).toContain("CPSF")
    expect(cpsf?.nom).toContain("COFIL")
    expect(etat.instances.get(Paris.instances.cpsf)?.nature).toBe("cdsf")
    const compo = composition(Paris.instances.cpsf)
    expect(compo?.effectif).toBe(35)
    expect(compo?.membres.map((m) => m.role))
      .toEqual(["president", "vice-president", "vice-president", "secretaire-general"])
    expect(creees.get(Paris.instances.cotech))
      .toMatchObject({ nature: "cotech", cadence: { minParAn: 2, maxParAn: 2 } })
    // One coordinateur per signataire (lines 143-186: 10 institutions sign).
    expect(composition(Paris.instances.cotech)?.membres.filter((m) => m.role === "coordinateur"))
      .toHaveLength(10)
  })

  it("lists the seed's own inconsistencies with their lines, CPSF vs COFIL first (lines 867, 879)", () => {
    expect(Paris.ecartsDesSources[0]).toMatch(/CPSF.*COFIL/)
    expect(Paris.ecartsDesSources.every((e) => /lines? \d+/.test(e))).toBe(true)
  })

  it("folds back to the same state from its stored events (encode → JSON → decode)", () => {
    const relus = evenements.map((e) =>
      Result.getOrThrow(Catalogue.decoder(JSON.parse(JSON.stringify(Catalogue.encoder(e)))))
    )
    expect(Decider.fold(SchemaDepartemental.decider, relus)).toEqual(etat)
  })
})

describe("Paris SPSF 2021-2026 (seed 004): diagnostic figures and the bilan 2016-2018", () => {
  const { etat, evenements } = ecrire()
  const valeurs = valeursDe(evenements)
  const connu = (
    indicateur: string,
    territoire: Indicateur.ValeurIndicateur["territoire"],
    periode: Indicateur.PeriodeObservee,
    ventilation?: Record<string, string>
  ) =>
    Indicateur.connuLe(valeurs, {
      indicateur: indicateur as Indicateur.CodeIndicateur,
      territoire,
      periode,
      ...(ventilation === undefined ? {} : { ventilation: ventilation as Indicateur.Ventilation })
    }, "2026-12-31" as never)
  const paris = { niveau: "departement", code: "75" } as Indicateur.ValeurIndicateur["territoire"]
  const idf = { niveau: "region", code: "11" } as Indicateur.ValeurIndicateur["territoire"]
  const arr = (n: number) =>
    ({ niveau: "arrondissement", code: `751${String(n).padStart(2, "0")}` }) as Indicateur.ValeurIndicateur[
      "territoire"
    ]
  const juin2019 = { du: "2019-06-01", au: "2019-06-30" } as Indicateur.PeriodeObservee
  const le2016 = { du: "2016-01-01", au: "2016-01-01" } as Indicateur.PeriodeObservee
  const x = Indicateur.exacte

  it("line 246: 2 190 327 inhabitants on 1 January 2016 (Insee); 64 468 721 in France métropolitaine", () => {
    expect(connu("population", paris, le2016)).toMatchObject({ mesure: x(2190327), source: "Insee" })
    expect(connu("population", { niveau: "france", perimetre: "metropolitaine" }, { annee: 2016 } as never)?.mesure)
      .toEqual(x(64468721))
  })

  it("lines 246 and 331: changes in percent, '-0,5%' (Paris) and '+0,4%' (IDF) in 5 years, '- 4%' of families, never summed", () => {
    const cinqAns = { du: "2011-01-01", au: "2016-01-01" } as Indicateur.PeriodeObservee
    expect(connu("evolution-population", paris, cinqAns)).toMatchObject({
      mesure: x(-0.5),
      unite: "variation-pourcent"
    })
    expect(connu("evolution-population", idf, cinqAns)?.mesure).toEqual(x(0.4))
    expect(connu("evolution-familles-enfants-moins-25", paris, cinqAns)?.mesure).toEqual(x(-4))
    expect(etat.definitions.get("evolution-population" as never)?.additivite).toBe("aucune")
    expect(Paris.chiffresNonRepris.filter((c) => /^line (246|331):/.test(c))).toEqual([])
  })

  it("figures printed without a period (lines 53, 81, 113, 254, 256, 374-376, 678, 731) are recorded, their period NonDocumente", () => {
    const nd = (ligne: number) => ({ _tag: "NonDocumente", note: `seed 004 line ${ligne} prints no period` }) as never
    const sansPeriode = valeurs.filter((v) => v.periode !== undefined && "_tag" in v.periode)
    expect(sansPeriode).toHaveLength(SANS_PERIODE)
    expect(connu("eleves-premier-degre-publics", paris, nd(53))?.mesure).toEqual(x(121000))
    expect(connu("eleves-academie", paris, nd(81))?.mesure).toEqual(x(320000))
    expect(connu("beneficiaires-msa", { niveau: "france" }, nd(113))?.mesure)
      .toEqual({ nature: "approchee", valeur: 5600000, qualificatif: "5,6 millions" })
    expect(connu("part-population-tranche-age", idf, nd(256), { "tranche-age": "moins de 30 ans" })?.mesure).toEqual(
      x(20)
    )
    expect(connu("enfants-moins-20-tranche-age", paris, nd(374), { "tranche-age": "3 à 14 ans" })?.mesure).toEqual(
      x(240784)
    )
    expect(connu("part-temps-disponible-enfants", { niveau: "france" }, nd(678), { temps: "hors temps scolaire" }))
      .toMatchObject({ mesure: x(32), source: expect.stringContaining("HCFEA") })
    // The only "près de" figure of the seed (line 731).
    expect(connu("part-population-tranche-age", paris, nd(731), { "tranche-age": "16 à 25 ans" })?.mesure)
      .toEqual({ nature: "approchee", valeur: 15, qualificatif: "près de" })
    expect(Paris.chiffresNonRepris.map((c) => c.slice(0, 8))).toEqual(["line 315"])
  })

  it("lines 260-264: median disposable income per UC in 2016, Paris 26 808, IDF 22 906, 19e 19 611, 8e 40 540, 7e 42 466 (no source)", () => {
    const an2016 = { annee: 2016 } as never
    expect(connu("revenu-disponible-median-uc", paris, an2016))
      .toMatchObject({ mesure: x(26808), unite: "euros-par-an", source: { _tag: "NonDocumente" } })
    expect(connu("revenu-disponible-median-uc", idf, an2016)?.mesure).toEqual(x(22906))
    expect([19, 8, 7].map((n) => connu("revenu-disponible-median-uc", arr(n), an2016)?.mesure))
      .toEqual([x(19611), x(40540), x(42466)])
    expect(etat.definitions.get("revenu-disponible-median-uc" as never)?.additivite).toBe("aucune")
  })

  it("line 276: June 2019, the Caf covers 41% of Parisians, 430 050 foyers, 896 135 persons; 30% in the 6e and 7e, 51% in the 19e", () => {
    expect(connu("taux-couverture-caf-population", paris, juin2019)?.mesure).toEqual(x(41))
    expect(connu("foyers-allocataires", paris, juin2019)).toMatchObject({ mesure: x(430050), source: "Caf de Paris" })
    expect(connu("personnes-couvertes-caf", paris, juin2019)?.mesure).toEqual(x(896135))
    expect([6, 7, 19].map((n) => connu("taux-couverture-caf-population", arr(n), juin2019)?.mesure))
      .toEqual([x(30), x(30), x(51)])
  })

  it("line 298: 124 957 low-income allocataires (37%); 'plus de 40%' in the 18e-20e, 'inférieurs à 30%' in the 7e, 8e, 16e", () => {
    const an2019 = { annee: 2019 } as never
    expect(connu("allocataires-bas-revenus", paris, an2019)?.mesure).toEqual(x(124957))
    expect(connu("part-allocataires-bas-revenus", arr(19), an2019)?.mesure)
      .toEqual({ nature: "intervalle", min: 40, qualificatif: "plus de" })
    expect(connu("part-allocataires-bas-revenus", arr(16), an2019)?.mesure)
      .toEqual({ nature: "intervalle", max: 30, qualificatif: "inférieurs à" })
    // Line 335: the threshold, 1 096 € per month and UC, in 2019.
    expect(connu("seuil-bas-revenus", { niveau: "france" }, an2019))
      .toMatchObject({ mesure: x(1096), unite: "euros-par-mois" })
  })

  it("lines 357, 389, 393: approximations kept with their qualifier ('avoisinant les 42%', 'environ 45%', 'avoisinant les 35%')", () => {
    expect(connu("part-familles-monoparentales", arr(19), le2016)?.mesure)
      .toEqual({ nature: "approchee", valeur: 42, qualificatif: "avoisinant" })
    expect(connu("part-familles-allocataires-foyers", arr(17), juin2019)?.mesure)
      .toEqual({ nature: "approchee", valeur: 45, qualificatif: "environ" })
    expect(connu("part-monoparentales-familles-allocataires", arr(13), juin2019)?.mesure)
      .toEqual({ nature: "approchee", valeur: 35, qualificatif: "avoisinant" })
  })

  it("line 391: 47 692 single-parent and 113 505 two-parent allocataire families, a breakdown of one indicator (11% and 26%)", () => {
    expect(connu("familles-allocataires", paris, juin2019, { configuration: "monoparentale" })?.mesure)
      .toEqual(x(47692))
    expect(connu("familles-allocataires", paris, juin2019, { configuration: "biparentale" })?.mesure).toEqual(x(113505))
    expect(connu("part-foyers-allocataires-configuration", paris, juin2019, { configuration: "monoparentale" })?.mesure)
      .toEqual(x(11))
    expect(connu("part-foyers-allocataires-configuration", idf, juin2019, { configuration: "biparentale" })?.mesure)
      .toEqual(x(36))
  })

  it("lines 423-435: June 2019, 71% of allocataire families receive the AF (114 761), 31% the Paje, 14% the CMG, 11% the ASF, 3% the PreParE", () => {
    const parts = ["AF", "Paje", "CMG", "ASF", "PreParE"].map((p) =>
      connu("part-familles-allocataires-prestation", paris, juin2019, { prestation: p })?.mesure
    )
    expect(parts).toEqual([x(71), x(31), x(14), x(11), x(3)])
    expect(connu("familles-allocataires-prestation", paris, juin2019, { prestation: "AF" })?.mesure).toEqual(x(114761))
  })

  it("the bilan of the SPSF 2016-2018 (lines 939-1030): 1 805 EAJE places, 10 LAEP, 8 AVIP crèches, 105 QPV projects in 2018", () => {
    const bilan = { du: "2016-01-01", au: "2018-12-31" } as Indicateur.PeriodeObservee
    const r = (realisation: string, periode = bilan) =>
      connu("bilan-realisations", paris, periode, { realisation })?.mesure
    expect(r("Création de places en EAJE")).toEqual(x(1805))
    expect(r("Nouveaux Lieux d'accueil enfants-parents (LAEP)")).toEqual(x(10))
    expect(r("Nouvelles crèches à Vocation d'Insertion Professionnelle")).toEqual(x(8))
    expect(r("Projets de soutien à la parentalité en QPV", { annee: 2018 } as never)).toEqual(x(105))
    expect(r("Enfants scolarisés en Très Petite Section", { du: "2018-09-01", au: "2018-09-30" } as never))
      .toEqual(x(1640))
    expect(r("Institutions et associations mobilisées dans les instances de gouvernance du SPSF")).toEqual(x(14))
    expect(Paris.chiffres.filter((c) => c.indicateur === "bilan-realisations")).toHaveLength(37)
  })

  it("keeps the seed's inconsistent figures as printed and lists them: 250 482 is 58% of 430 050, not 62% (line 280); 124 957 is 29%, not 37% (line 298)", () => {
    const foyers = Indicateur.nombreDe(connu("foyers-allocataires", paris, juin2019)?.mesure ?? x(0)) ?? 0
    const seuls =
      Indicateur.nombreDe(connu("foyers-allocataires-personnes-seules-sans-enfant", paris, juin2019)?.mesure ?? x(0)) ??
        0
    const basRevenus =
      Indicateur.nombreDe(connu("allocataires-bas-revenus", paris, { annee: 2019 } as never)?.mesure ?? x(0)) ?? 0
    expect(Math.round((100 * seuls) / foyers)).toBe(58)
    expect(connu("part-foyers-allocataires-personnes-seules-sans-enfant", paris, juin2019)?.mesure).toEqual(x(62))
    expect(Math.round((100 * basRevenus) / foyers)).toBe(29)
    expect(connu("part-allocataires-bas-revenus", paris, { annee: 2019 } as never)?.mesure).toEqual(x(37))
    expect(Paris.ecartsDesSources.filter((e) => /^line (280|298) /.test(e))).toHaveLength(2)
  })

  it("records every figure it lists, and lists what it leaves out and why", () => {
    expect(valeurs).toHaveLength(Paris.chiffres.length)
    expect(Paris.chiffresNonRepris.every((c) => /^lines? \d+/.test(c))).toBe(true)
  })
})
