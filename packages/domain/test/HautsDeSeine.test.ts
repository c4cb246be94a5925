import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Decider, Gouvernance, Indicateur, SchemaDepartemental, Temps } from "@sdsf/domain"
import type { Plan, Theme } from "@sdsf/domain"
import { Given, HautsDeSeine } from "@sdsf/domain/testing"
import { duType, noeudsDe, valeursDe } from "./lecture.ts"

const ecrire = () => {
  const { events: evenements, warnings: avertissements, state: etat } = Given.histoire(HautsDeSeine.commandes())
  if (etat._tag !== "Schema") throw new Error("the schéma was not launched")
  return { etat, evenements, avertissements }
}

describe("Hauts-de-Seine SDSF 2022-2026 (seeds 000 and 001), from élaboration to the CDSF of 12 December 2025", () => {
  const { etat, evenements, avertissements } = ecrire()
  const noeuds = noeudsDe(evenements)
  const valeurs = valeursDe(evenements)
  const creees = new Map(duType(evenements, "InstanceCreee").map((e) => [e.instance.instanceId, e.instance]))
  const parNature = (n: Plan.NatureNoeud) => noeuds.filter((x) => x.nature === n)

  it("reaches the bilan évaluatif launched by the CDSF of 12 December 2025", () => {
    expect(etat.phase).toBe("bilan")
    expect(duType(evenements, "BilanEvaluatifLance").map((e) => e.le)).toEqual(["2025-12-12"])
    expect(duType(evenements, "SchemaAdopte")[0]).toMatchObject({
      le: { _tag: "Jour", jour: "2022-04-21" },
      objet: "orientations",
      vote: { mode: "unanimite" }
    })
  })

  it("has 2 axes (Accès aux services, Inclusion) and 7 objectives, 4 and 3", () => {
    expect(parNature("axe").map((a) => a.titre)).toEqual(["Accès aux services", "Inclusion"])
    const objectifs = parNature("objectif")
    expect(objectifs).toHaveLength(7)
    const [acces, inclusion] = parNature("axe")
    expect(objectifs.filter((o) => o.parentId === acces?.noeudId)).toHaveLength(4)
    expect(objectifs.filter((o) => o.parentId === inclusion?.noeudId)).toHaveLength(3)
  })

  it("has 18 actions: 6 petite enfance, 4 enfance-jeunesse, 6 parentalité, 3 AVS, one under two themes", () => {
    const actions = parNature("action")
    expect(actions).toHaveLength(18)
    const parTheme = (t: Theme.Theme) => actions.filter((a) => a.details?.themes.includes(t)).length
    expect({
      pe: parTheme("petite-enfance"),
      ej: parTheme("enfance-jeunesse"),
      pa: parTheme("parentalite"),
      avs: parTheme("animation-vie-sociale")
    }).toEqual({ pe: 6, ej: 4, pa: 6, avs: 3 })
    expect(actions.filter((a) => (a.details?.themes.length ?? 0) > 1).map((a) => a.titre)).toEqual([
      "Former et accompagner les professionnels de l'accueil dans la prise en compte des besoins spécifiques de l'enfant, avec ou sans reconnaissance d'un handicap chez l'enfant"
    ])
    // Each action is carried by the comité thématique of its themes (action ↔ body).
    const a17 = actions.find((a) => a.details?.themes.length === 2)
    expect(a17?.details?.instances).toEqual([
      HautsDeSeine.instances.petiteEnfance,
      HautsDeSeine.instances.enfanceJeunesse
    ])
  })

  it("keeps the example pistes under their actions", () => {
    const pistes = parNature("piste")
    expect(pistes.length).toBe(57)
    expect(pistes.every((p) => etat.noeuds.get(p.parentId as Plan.NoeudId)?.nature === "action")).toBe(true)
  })

  it("issue 9 cases 1-2: records undated facts with the seeds' precision; one assumed day is left, the rest not made up", () => {
    expect(HautsDeSeine.joursSupposes).toHaveLength(1)
    // Seed 001 line 9: the ateliers "organisés en février 2022"; no launch date; roadmaps "D'ici à la fin juin" (line 523).
    expect(duType(evenements, "ConcertationTenue").map((c) => c.le._tag)).toEqual(["Jour", "Mois"])
    expect(duType(evenements, "ElaborationLancee")[0]?.le._tag).toBe("NonDocumente")
    expect(duType(evenements, "FeuilleDeRouteArretee")[0]?.le).toMatchObject({
      _tag: "Intervalle",
      du: "2022-06-23",
      au: "2022-06-30",
      libelle: "D'ici à la fin juin"
    })
    // Seed 000 line 87: the call for projects "en 2025"; line 183: the point d'étape "en septembre 2025".
    expect(duType(evenements, "AppelAProjetsLance")[0]?.le).toEqual({ _tag: "Annee", annee: 2025 })
    const a3 = duType(evenements, "AvancementActionSignale").filter((e) => e.noeudId === HautsDeSeine.noeuds["a3"])
    expect(a3[0]?.le).toEqual({ _tag: "Mois", annee: 2025, mois: 9 })
    // Not documented: the launch, the start of implementation, the CDSF that set the 2025 priorities, the labelling
    // committee's cadence; the start of implementation cannot be compared with the adoption.
    expect(avertissements.filter((w) => w === "NonDocumente")).toHaveLength(4)
    expect(avertissements.filter((w) => w === "OrdreIndecidable")).toHaveLength(1)
  })

  it("issue 9 case 7: the cellule de veille is proposed (seed 000 line 201), the labelling committee installed with no cadence given", () => {
    expect(etat.instances.get(HautsDeSeine.instances.celluleVeille)?.statut).toBe("proposee")
    expect(etat.instances.get(HautsDeSeine.instances.labellisation)?.statut).toBe("installee")
    expect(creees.get(HautsDeSeine.instances.labellisation)?.cadence).toMatchObject({ _tag: "NonDocumente" })
  })

  it("counts the comités thématiques' meetings seed 000 dates to the month: the AVS committee met twice in 2025 (February, September: lines 199, 201) against 3 expected", () => {
    const avs = duType(evenements, "ReunionTenue").filter((e) => e.instanceId === HautsDeSeine.instances.avs)
    const dans = (annee: number) => avs.filter((r) => Temps.anneeDeDatation(r.le) === annee).map((r) => r.le)
    expect(dans(2025)).toEqual([{ _tag: "Mois", annee: 2025, mois: 2 }, { _tag: "Mois", annee: 2025, mois: 9 }])
    expect(dans(2024)).toEqual([{ _tag: "Mois", annee: 2024, mois: 5 }, { _tag: "Mois", annee: 2024, mois: 9 }])
    // Every AVS meeting is placed in a year: none uncertain.
    expect(avs.every((r) => Temps.anneeDeDatation(r.le) !== undefined)).toBe(true)
    expect(creees.get(HautsDeSeine.instances.avs)?.cadence).toMatchObject({ minParAn: 3 })
    expect(duType(evenements, "CadenceInstanceModifiee")).toEqual([])
  })

  it("warns that the orientations name no pilot for any action (a warning, not an error)", () => {
    expect(avertissements.filter((w) => w === "PiloteManquant")).toHaveLength(18)
  })

  it("has the governance of seed 001: CDSF (≥1 a year, 37 members), COPIL and 4 comités thématiques (3 a year), then the 2025 bodies", () => {
    const instances = [...etat.instances.values()]
    const cadence = (id: string) => creees.get(id as Gouvernance.InstanceId)?.cadence
    expect(instances.map((i) => i.nature)).toEqual([
      "cdsf",
      "copil",
      "comite-thematique",
      "comite-thematique",
      "comite-thematique",
      "comite-thematique",
      "comite-labellisation",
      "cellule-veille"
    ])
    expect(cadence(HautsDeSeine.instances.cdsf)).toMatchObject({ minParAn: 1 })
    expect(cadence(HautsDeSeine.instances.copil)).toMatchObject({ minParAn: 3, maxParAn: 3 })
    for (const k of ["petiteEnfance", "enfanceJeunesse", "parentalite", "avs"] as const) {
      expect(cadence(HautsDeSeine.instances[k])).toEqual({ minParAn: 3, maxParAn: 3, moisIndicatifs: [2, 5, 9] })
    }
    const compositions = duType(evenements, "CompositionInstanceDefinie")
    expect(compositions.find((c) => c.instanceId === HautsDeSeine.instances.cdsf)?.effectif).toBe(37)
    const cdsf = duType(evenements, "ReunionTenue").filter((e) => e.instanceId === HautsDeSeine.instances.cdsf)
    expect(cdsf.filter((r) => Temps.anneeDeDatation(r.le) === 2025).map((r) => r.le)).toEqual([{
      _tag: "Jour",
      jour: "2025-12-12"
    }])
  })

  it("records AVIP/AVIS places supported: 187 in 2024 and 204 in 2025; référents insertion 5 then 7", () => {
    const connu = (indicateur: string, annee: number) =>
      Indicateur.connuLe(valeurs, {
        indicateur: indicateur as Indicateur.CodeIndicateur,
        territoire: { niveau: "departement", code: "92" as never },
        periode: { annee: annee as never }
      }, "2025-12-31" as never)?.mesure
    expect(connu("places-avip-avis-soutenues", 2024)).toEqual(Indicateur.exacte(187))
    expect(connu("places-avip-avis-soutenues", 2025)).toEqual(Indicateur.exacte(204))
    expect(connu("referents-insertion-finances", 2024)).toEqual(Indicateur.exacte(5))
    expect(connu("referents-insertion-finances", 2025)).toEqual(Indicateur.exacte(7))
    // Nothing was known of these figures before they were recorded at the CDSF of 12 December 2025.
    expect(Indicateur.connuLe(valeurs, valeurs[0] as Indicateur.ValeurIndicateur, "2025-12-11" as never))
      .toBeUndefined()
  })

  it("records the 2025 call for projects (35 received, 12 selected) and the 2025 priorities", () => {
    expect(duType(evenements, "AppelAProjetsClos")).toMatchObject([{ recues: 35, retenues: 12 }])
    expect([...etat.appels.values()]).toEqual([true])
    expect(duType(evenements, "PrioritesAnnuellesArretees").find((p) => p.annee === 2025)?.priorites).toHaveLength(11)
  })

  it("folds back to the same state from its stored events (encode → JSON → decode)", () => {
    const relus = evenements.map((e) => {
      const stored = JSON.parse(JSON.stringify(Catalogue.encoder(e)))
      return Result.getOrThrow(Catalogue.decoder(stored))
    })
    const refait = Decider.fold(SchemaDepartemental.decider, relus)
    expect(refait).toEqual(etat)
  })
})
