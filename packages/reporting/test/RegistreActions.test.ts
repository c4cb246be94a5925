import { beforeAll, describe, expect, it } from "vitest"
import { Commandes as C, Projection } from "@sdsf/domain"
import type { Plan, Temps } from "@sdsf/domain"
import { HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { RegistreActions as R } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"
import { evenements, hautsDeSeineJusquAuSuccesseur, journal, plier, successeur, successeurId } from "./journal.ts"

const ligne = (x: Extrait.Extrait, colonne: string, valeur: unknown) => {
  const ls = x.lignes.filter((l) => l[colonne] === valeur)
  expect(ls).toHaveLength(1)
  return ls[0] as Projection.Row
}

describe("action register: fixtures folded from a MemoryEventStore", () => {
  let tables: Projection.Tables
  beforeAll(async () => {
    const log = await journal([
      evenements(HautsDeSeine.commandes()),
      evenements(SeineSaintDenis.commandes()),
      evenements(Paris.commandes())
    ], 50)
    tables = plier(R.projection, log)
  })
  const noeuds = (schemaId: string) => R.registre(tables, schemaId).lignes
  const nature = (schemaId: string, n: Plan.NatureNoeud) => noeuds(schemaId).filter((l) => l["nature"] === n)

  it("Paris seed 004: 4 enjeux, 7 axes, 8 objectifs stratégiques, 31 objectives, 100 actions (lines 229-859)", () => {
    expect([
      nature(Paris.schemaId, "objectif-general").length,
      nature(Paris.schemaId, "axe").length,
      nature(Paris.schemaId, "objectif-strategique").length,
      nature(Paris.schemaId, "objectif").length,
      nature(Paris.schemaId, "action").length
    ]).toEqual([4, 7, 8, 31, 100])
    expect(nature(Paris.schemaId, "axe").map((a) => a["code"])).toEqual([
      "Axe 1",
      "Axe 2",
      "Axe 3",
      "Axe 4",
      "Axe 5",
      "Axe 6",
      "Axe 7"
    ])
  })

  it("Paris seed 004 lines 469-859: progress by axe counts 17, 14, 8, 16, 7, 13, 25 actions, none reported", () => {
    const parAxe = R.avancementParAxe(tables, Paris.schemaId).lignes
    expect(parAxe.map((l) => [l["axe"]?.toString().slice(0, 6), l["actions"], l["non_renseigne"]])).toEqual([
      ["Axe 1 ", 17, 17],
      ["Axe 2 ", 14, 14],
      ["Axe 3 ", 8, 8],
      ["Axe 4 ", 16, 16],
      ["Axe 5 ", 7, 7],
      ["Axe 6 ", 13, 13],
      ["Axe 7 ", 25, 25]
    ])
  })

  it("Paris seed 004 line 470: path down to the action, pilotes by name with their directorate, calendrier as printed", () => {
    const l470 = ligne(R.registre(tables, Paris.schemaId), "noeud_id", Paris.noeuds["l470"])
    expect(l470).toMatchObject({
      nature: "action",
      departement: "75",
      niveau: 3,
      pilotes: ["Caf de Paris - Politique Parentalité", "Ville de Paris - DFPE"],
      calendrier: "2022",
      statut: "actif",
      dernier_etat: null,
      avancements: 0
    })
    expect(String(l470["chemin"])).toBe(
      "Axe 1 › A › 1 › Renforcer le travail partenarial d'animation de réseau entre la Caf de Paris et la Ville de Paris"
    )
    // Line 478: "2023 et suivantes"; line 669: a pilote with a directorate, one without.
    expect(ligne(R.registre(tables, Paris.schemaId), "noeud_id", Paris.noeuds["l478"])["calendrier"]).toBe(
      "2023 et suivantes"
    )
    expect(ligne(R.registre(tables, Paris.schemaId), "noeud_id", Paris.noeuds["l669"])["pilotes"])
      .toEqual(["Ville de Paris - DASES", "Éducation nationale - SDIS SEPLEX", "CPAM de Paris"])
  })

  it("Hauts-de-Seine seed 001: 2 axes, 7 objectives, 18 actions; action a17 under two themes and their two comités", () => {
    expect([
      nature(HautsDeSeine.schemaId, "axe").length,
      nature(HautsDeSeine.schemaId, "objectif").length,
      nature(HautsDeSeine.schemaId, "action").length
    ])
      .toEqual([2, 7, 18])
    const a17 = ligne(R.registre(tables, HautsDeSeine.schemaId), "noeud_id", HautsDeSeine.noeuds["a17"])
    expect(a17["themes"]).toEqual(["petite-enfance", "enfance-jeunesse"])
    expect(a17["instances"]).toEqual(["Comité thématique Petite enfance", "Comité thématique Enfance-Jeunesse"])
    // A piste inherits its action's themes (Plan.themesDe).
    expect(ligne(R.registre(tables, HautsDeSeine.schemaId), "noeud_id", HautsDeSeine.noeuds["a17.p1"])["themes"])
      .toEqual(["petite-enfance", "enfance-jeunesse"])
  })

  it("Hauts-de-Seine seed 000 line 183: the pactes de coopération (a3) en cours at the point d'étape of September 2025", () => {
    expect(ligne(R.registre(tables, HautsDeSeine.schemaId), "noeud_id", HautsDeSeine.noeuds["a3"])).toMatchObject({
      dernier_etat: "en-cours",
      dernier_avancement: "septembre 2025",
      avancements: 1
    })
    const h = R.historiqueAvancements(tables, HautsDeSeine.schemaId).lignes
    expect(h).toEqual([
      expect.objectContaining({ etat: "en-cours", le: "septembre 2025", le_tri: "2025-09", code: null })
    ])
  })

  it("Hauts-de-Seine: progress by axe (11 and 7 actions) and by theme (a17 counted under both of its themes)", () => {
    expect(
      R.avancementParAxe(tables, HautsDeSeine.schemaId).lignes.map((
        l
      ) => [l["axe"], l["actions"], l["en_cours"], l["non_renseigne"]])
    )
      .toEqual([["Accès aux services", 11, 1, 10], ["Inclusion", 7, 0, 7]])
    expect(
      R.avancementParTheme(tables, HautsDeSeine.schemaId).lignes.map((l) => [l["theme"], l["actions"], l["en_cours"]])
    )
      .toEqual([["animation-vie-sociale", 3, 1], ["enfance-jeunesse", 4, 0], ["parentalite", 6, 0], [
        "petite-enfance",
        6,
        0
      ]])
  })

  it("Seine-Saint-Denis seed 002 lines 166-168: the two fiche 5 actions reported en cours on 1 July 2025", () => {
    const h = R.historiqueAvancements(tables, SeineSaintDenis.schemaId).lignes
    expect(h.map((l) => [l["noeud_id"], l["etat"], l["le"], l["le_tri"]])).toEqual([
      [SeineSaintDenis.noeuds["f5.a1"], "en-cours", "1er juillet 2025", "2025-07-01"],
      [SeineSaintDenis.noeuds["f5.a2"], "en-cours", "1er juillet 2025", "2025-07-01"]
    ])
    expect(h[0]?.["commentaire"]).toBe("Présentation des pages du CRP Application cartographie petite enfance")
    const axe5 = R.avancementParAxe(tables, SeineSaintDenis.schemaId).lignes.find((l) =>
      l["axe_id"] === SeineSaintDenis.noeuds["axe5"]
    )
    expect(axe5).toMatchObject({ actions: 2, en_cours: 2, non_renseigne: 0 })
    // Seed 002 line 66: fiche 1.1 piloted by the Caf, its actors as written (line 67).
    expect(ligne(R.registre(tables, SeineSaintDenis.schemaId), "noeud_id", SeineSaintDenis.noeuds["f1.1"]))
      .toMatchObject({
        code: "1.1",
        pilotes: ["Caf de la Seine-Saint-Denis"],
        acteurs: ["Communes", "Conseil départemental (PMI notamment)", "Gestionnaires"]
      })
  })

  it("keeps one row per node and schéma in the stored table, keyed (schema_id, noeud_id), each with its département", () => {
    const rows = Projection.rowsOf(R.projection, tables, "noeuds")
    expect(new Set(rows.map((r) => r["departement"]))).toEqual(new Set(["75", "92", "93"]))
    expect(rows.filter((r) => r["schema_id"] === Paris.schemaId)).toHaveLength(noeuds(Paris.schemaId).length)
  })
})

describe("action register: a revision withdraws a node and what sits under it, adds and redrafts", () => {
  const j = (s: string) => s as Temps.Jour
  // Hauts-de-Seine before its bilan, then a revision decided at the CDSF of 12 December 2025 (test data).
  const revision = new C.ReviserPlanAction({
    schemaId: HautsDeSeine.schemaId,
    survenuLe: "2025-12-12T15:00:00.000Z" as Temps.Instant,
    annee: 2026 as Temps.Annee,
    instanceId: HautsDeSeine.instances.cdsf,
    reunionId: HautsDeSeine.reunions.cdsf2025,
    le: j("2025-12-12"),
    ajouts: [{
      noeudId: "6f1f0a52-6d0c-5a8e-9b3e-2b1b8f0e7a19" as Plan.NoeudId,
      nature: "action",
      titre: "Expérimenter un référentiel conjoint de la qualité d'accueil",
      parentId: HautsDeSeine.noeuds["o1"] as Plan.NoeudId,
      rang: 3
    }],
    modifications: [{
      noeudId: HautsDeSeine.noeuds["a1"] as Plan.NoeudId,
      modification: { titre: "Attractivité des métiers" }
    }],
    retraits: [{ noeudId: HautsDeSeine.noeuds["o4"] as Plan.NoeudId, motif: "Regroupé avec l'objectif 3" }]
  })
  let tables: Projection.Tables
  beforeAll(async () => {
    tables = plier(R.projection, await journal([evenements([...HautsDeSeine.commandes().slice(0, -1), revision])]))
  })

  it("withdraws objective 4, and with it actions a10, a11 and their pistes (at view time)", () => {
    const reg = R.registre(tables, HautsDeSeine.schemaId)
    expect(ligne(reg, "noeud_id", HautsDeSeine.noeuds["o4"])).toMatchObject({
      statut: "retire",
      retire_le: "2025-12-12"
    })
    for (const k of ["a10", "a11", "a10.p1", "a11.p4"]) {
      expect(ligne(reg, "noeud_id", HautsDeSeine.noeuds[k])).toMatchObject({
        statut: "retire-avec-parent",
        retire_le: "2025-12-12"
      })
    }
    // The stored rows of the actions under it are untouched: only the withdrawn node is marked.
    const stored = Projection.rowsOf(R.projection, tables, "noeuds")
    expect(stored.filter((r) => r["retire"] === true).map((r) => r["noeud_id"])).toEqual([HautsDeSeine.noeuds["o4"]])
  })

  it("adds the new action under objective 1, redrafts a1, and counts axe 1 as 11 - 2 + 1 actions in force", () => {
    const reg = R.registre(tables, HautsDeSeine.schemaId)
    expect(ligne(reg, "noeud_id", "6f1f0a52-6d0c-5a8e-9b3e-2b1b8f0e7a19")["chemin"]).toBe(
      "Accès aux services › Garantir la pérennité de l'offre et des structures › Expérimenter un référentiel conjoint de la qualité d'accueil"
    )
    expect(ligne(reg, "noeud_id", HautsDeSeine.noeuds["a1"])["titre"]).toBe("Attractivité des métiers")
    const axe1 = R.avancementParAxe(tables, HautsDeSeine.schemaId).lignes[0]
    expect(axe1).toMatchObject({ axe: "Accès aux services", actions: 10, retirees: 2, en_cours: 1 })
  })
})

describe("action register: a predecessor and its successor in one store are never mixed", () => {
  it("keeps the successor's axe (same node id as the predecessor's) apart, in its own schéma", async () => {
    const log = await journal([evenements(hautsDeSeineJusquAuSuccesseur()), evenements(successeur())], 3)
    const tables = plier(R.projection, log)
    const axe = (schemaId: string) =>
      R.registre(tables, schemaId).lignes.find((l) => l["noeud_id"] === HautsDeSeine.noeuds["axe1"])
    expect(axe(HautsDeSeine.schemaId)).toMatchObject({ titre: "Accès aux services", code: null, departement: "92" })
    expect(axe(successeurId)).toMatchObject({ titre: "Axe unique du successeur", code: "Axe A", departement: "92" })
    expect(R.avancementParAxe(tables, successeurId).lignes).toEqual([
      expect.objectContaining({ axe: "Axe A — Axe unique du successeur", actions: 1, non_renseigne: 1 })
    ])
    expect(R.avancementParAxe(tables, HautsDeSeine.schemaId).lignes.map((l) => l["actions"])).toEqual([11, 7])
    expect(R.registre(tables, HautsDeSeine.schemaId).lignes).toHaveLength(84)
  })
})
