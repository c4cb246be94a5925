import { beforeAll, describe, expect, it } from "vitest"
import type { Projection } from "@sdsf/domain"
import { HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { Chronologie as T } from "@sdsf/reporting"
import { evenements, hautsDeSeineJusquAuSuccesseur, journal, plier, successeur, successeurId } from "./journal.ts"

const colonnes = (t: Projection.Tables, schemaId: string, ...cs: ReadonlyArray<string>) =>
  T.chronologie(t, schemaId).lignes.map((l) => cs.map((c) => l[c]))

describe("lifecycle timeline: fixtures folded from a MemoryEventStore", () => {
  let t: Projection.Tables
  beforeAll(async () => {
    t = plier(
      T.projection,
      await journal([
        evenements(HautsDeSeine.commandes()),
        evenements(SeineSaintDenis.commandes()),
        evenements(Paris.commandes())
      ], 25)
    )
  })

  it("Hauts-de-Seine seeds 001 and 000: launch (undated), concertations, adoption, start (undated), yearly review, bilan", () => {
    expect(colonnes(t, HautsDeSeine.schemaId, "etape", "date", "date_tri")).toEqual([
      ["elaboration-lancee", expect.stringMatching(/^non documentée \(seed 001 line 9/), null],
      // Seed 001 line 9: "le 7 décembre 2021", then "4 ateliers thématiques organisés en février 2022".
      ["concertation", "7 décembre 2021", "2021-12-07"],
      ["concertation", "février 2022", "2022-02"],
      // Seed 001 line 7: adopted on 21 April 2022.
      ["adoption", "21 avril 2022", "2022-04-21"],
      ["mise-en-oeuvre", expect.stringMatching(/^non documentée \(seed 001 lines 511-519/), null],
      // Seed 000: the CDSF of 12 December 2025 presents the 2025 review and launches the bilan.
      ["bilan-annuel", "12 décembre 2025", "2025-12-12"],
      ["bilan-lance", "12 décembre 2025", "2025-12-12"]
    ])
    expect(T.chronologie(t, HautsDeSeine.schemaId).lignes.find((l) => l["etape"] === "adoption")).toMatchObject({
      libelle: "Adoption des orientations",
      detail: "à l'unanimité",
      instance: "Comité départemental des services aux familles (CDSF)",
      phase: "validation",
      date_precision: "jour"
    })
  })

  it("Paris seed 004 lines 141-213: 10 signatures by 12 signataires, undated ('A Paris, le'), after an undocumented adoption", () => {
    const signatures = T.chronologie(t, Paris.schemaId).lignes.filter((l) => l["etape"] === "signature")
    expect(signatures).toHaveLength(10)
    expect(signatures.map((s) => Number(String(s["detail"]).split(" ")[0])).reduce((a, b) => a + b, 0)).toBe(12)
    expect(signatures.find((s) => s["libelle"] === "Signature : Caf de Paris")).toMatchObject({
      detail: "2 signataires; Paris",
      date: "non documentée (seed 004 line 141: 'A Paris, le' with no date)",
      date_tri: null,
      date_precision: "non-documentee"
    })
    expect(colonnes(t, Paris.schemaId, "etape").flat().filter((e) => e !== "signature")).toEqual([
      "elaboration-lancee",
      "evaluation-precedent",
      "diagnostic",
      "adoption"
    ])
    expect(T.chronologie(t, Paris.schemaId).lignes.find((l) => l["etape"] === "adoption")?.["detail"])
      .toBe("vote non documenté (seed 004 documents no vote)")
  })

  it("Seine-Saint-Denis seed 002: the groups of 2024 known to the year; the May validation has no year (line 114)", () => {
    expect(colonnes(t, SeineSaintDenis.schemaId, "etape", "date", "date_precision")).toEqual([
      ["elaboration-lancee", expect.stringMatching(/^non documentée/), "non-documentee"],
      ["concertation", "2024", "annee"],
      ["adoption", "non documentée (seed 002 line 114: 'validation en mai', no year printed)", "non-documentee"],
      ["mise-en-oeuvre", expect.stringMatching(/^non documentée/), "non-documentee"]
    ])
  })

  it("numbers each schéma's steps from 1", () => {
    for (const s of [HautsDeSeine.schemaId, SeineSaintDenis.schemaId, Paris.schemaId]) {
      const ordres = T.chronologie(t, s).lignes.map((l) => l["ordre"])
      expect(ordres).toEqual(ordres.map((_, i) => i + 1))
    }
  })
})

describe("lifecycle timeline: a predecessor and its successor in one store", () => {
  it("shows the bilan steps, the renewal and the successor on the predecessor; the successor's own steps only on it", async () => {
    const t = plier(
      T.projection,
      await journal([evenements(hautsDeSeineJusquAuSuccesseur()), evenements(successeur())], 4)
    )
    // Seed 000 lines 215-224 plan these steps; their days here are test data. A range sorts by its first day.
    expect(colonnes(t, HautsDeSeine.schemaId, "etape", "date").slice(-9)).toEqual([
      ["bilan-annuel", "12 décembre 2025"],
      ["bilan-lance", "12 décembre 2025"],
      ["enquete-gestionnaires", "du 2 février 2026 au 31 mars 2026"],
      ["indicateurs-recueillis", "27 février 2026"],
      ["rapport-evaluation", "Mai-juin 2026 (du 1er mai 2026 au 30 juin 2026)"],
      ["seminaire-evaluation", "4 mai 2026"],
      ["renouvellement-lance", "1er juillet 2026"],
      // Written by the successor's own launch, in the successor's stream.
      ["successeur-lance", "1er septembre 2026"],
      ["successeur-adopte", "10 décembre 2026"]
    ])
    expect(colonnes(t, successeurId, "etape", "date")).toEqual([
      ["elaboration-lancee", "1er septembre 2026"],
      ["adoption", "10 décembre 2026"],
      ["signature", "janvier 2027"]
    ])
    expect(T.chronologie(t, successeurId).lignes.every((l) => l["departement"] === "92")).toBe(true)
  })
})
