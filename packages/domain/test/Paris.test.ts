import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Decider, SchemaDepartemental } from "@sdsf/domain"
import type { Plan } from "@sdsf/domain"
import { Given, Paris } from "@sdsf/domain/testing"

const ecrire = () => {
  const { events: evenements, warnings: avertissements, state: etat } = Given.histoire(Paris.commandes())
  if (etat._tag !== "Schema") throw new Error("the schéma was not launched")
  return { etat, evenements, avertissements }
}

describe("Paris SPSF 2021-2026 (seed 004): plan and governance", () => {
  const { etat, evenements, avertissements } = ecrire()
  const noeuds = [...etat.noeuds.values()]
  const parNature = (n: Plan.NatureNoeud) => noeuds.filter((x) => x.nature === n)
  const enfants = (parent: Plan.Noeud | undefined) => noeuds.filter((n) => n.parentId === parent?.noeudId)
  const sous = (racine: Plan.Noeud | undefined): ReadonlyArray<Plan.Noeud> =>
    enfants(racine).flatMap((n) => [n, ...sous(n)])
  const actions = parNature("action")
  const parLigne = (ligne: number) => etat.noeuds.get(Paris.noeuds[`l${ligne}`] as Plan.NoeudId)

  it("replays with exactly these warnings: the 2019-2020 gap after the SPSF 2016-2018, the undated launch, 5 blank pilotes", () => {
    expect(avertissements).toEqual([
      "EcartAvecPredecesseur",
      "NonDocumente",
      "PiloteManquant",
      "PiloteManquant",
      "PiloteManquant",
      "PiloteManquant",
      "PiloteManquant"
    ])
    expect(Paris.joursSupposes).toEqual([])
  })

  it("records the predecessor, the SPSF 2016-2018 (lines 921-925), and an undated launch", () => {
    expect(etat.predecesseurs).toEqual([
      expect.objectContaining({ nature: "sdsf", periode: { debut: 2016, fin: 2018 }, departement: "75" })
    ])
    expect(etat.lanceLe._tag).toBe("NonDocumente")
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
    expect(parLigne(553)?.details?.pilotes.map((p) => p.direction)).toEqual(["DFPE/DDCT", "Politique Parentalité", "DFPE"])
    expect(parLigne(603)?.details?.pilotes).toHaveLength(3)
    expect(parLigne(669)?.details?.pilotes).toEqual([
      { institutionId: i["ville"], direction: "DASES" },
      { institutionId: i["education-nationale"], direction: "SDIS SEPLEX" },
      { institutionId: i["cpam"] }
    ])
    // The Pilote column (lines 470-859) names the Caf de Paris in 56 rows and the Ville de Paris in 56.
    const pilotePar = (k: string) => actions.filter((a) => a.details?.pilotes.some((p) => p.institutionId === i[k])).length
    expect({ caf: pilotePar("caf"), ville: pilotePar("ville") }).toEqual({ caf: 56, ville: 56 })
  })

  it("keeps the calendriers prévisionnels as printed: 2021 (25), 2022 (55), 2021/2023 et suivantes (4/14), Rentrée 2021/2022", () => {
    const libelles = actions.map((a) => a.details?.calendrier?.libelle ?? "")
    const compte = (l: string) => libelles.filter((x) => x === l).length
    expect([compte("2021"), compte("2022"), compte("2021 et suivantes"), compte("2023 et suivantes")]).toEqual([25, 55, 4, 14])
    expect([compte("Rentrée 2021"), compte("Rentrée 2022")]).toEqual([1, 1])
    // Line 478: "2023 et suivantes" runs to the end of the schéma; line 717: "Rentrée 2021" is the year 2021.
    expect(parLigne(478)?.details?.calendrier).toEqual({ debut: 2023, ouvert: true, libelle: "2023 et suivantes" })
    expect(parLigne(717)?.details?.calendrier).toEqual({ debut: 2021, fin: 2021, ouvert: false, libelle: "Rentrée 2021" })
  })

  it("keeps descriptifs as printed, bullet lists included (lines 470, 493)", () => {
    expect(parLigne(470)?.details?.descriptif).toMatch(/^Organiser conjointement par la Ville de Paris et la Caf de Paris 3 rencontres annuelles/)
    expect(parLigne(493)?.details?.descriptif?.split("\n")).toHaveLength(2)
    expect(actions.every((a) => (a.details?.descriptif ?? "").length > 0)).toBe(true)
  })

  it("has the governance of lines 863-898: the CPSF (a year, Préfet, 2 vice-présidents, 35 members) and the COTECH (2 a year)", () => {
    const cpsf = etat.instances.get(Paris.instances.cpsf)
    expect(cpsf).toMatchObject({ nature: "cdsf", cadence: { minParAn: 1, maxParAn: 1 } })
    expect(cpsf?.nom).toContain("CPSF")
    expect(cpsf?.nom).toContain("COFIL")
    const compo = etat.compositions.get(Paris.instances.cpsf)
    expect(compo?.effectif).toBe(35)
    expect(compo?.membres.map((m) => m.role)).toEqual(["president", "vice-president", "vice-president", "secretaire-general"])
    expect(etat.instances.get(Paris.instances.cotech)).toMatchObject({ nature: "cotech", cadence: { minParAn: 2, maxParAn: 2 } })
    // One coordinateur per signataire (lines 143-186: 10 institutions sign).
    expect(etat.compositions.get(Paris.instances.cotech)?.membres.filter((m) => m.role === "coordinateur")).toHaveLength(10)
  })

  it("lists the seed's own inconsistencies with their lines, CPSF vs COFIL first (lines 867, 879)", () => {
    expect(Paris.ecartsDesSources[0]).toMatch(/CPSF.*COFIL/)
    expect(Paris.ecartsDesSources.every((e) => /lines? \d+/.test(e))).toBe(true)
  })

  it("folds back to the same state from its stored events (encode → JSON → decode)", () => {
    const relus = evenements.map((e) => Result.getOrThrow(Catalogue.decoder(JSON.parse(JSON.stringify(Catalogue.encoder(e))))))
    expect(Decider.fold(SchemaDepartemental.decider, relus)).toEqual(etat)
  })
})
