import { beforeAll, describe, expect, it } from "vitest"
import { Commandes as C, IdGenerator } from "@sdsf/domain"
import type { Gouvernance, Projection, Temps } from "@sdsf/domain"
import { HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { CadenceGouvernance as G } from "@sdsf/reporting"
import { evenements, hautsDeSeineJusquAuSuccesseur, journal, plier, successeur, successeurId } from "./journal.ts"

const ligne = (t: Projection.Tables, schemaId: string, instanceId: string, annee: number) => {
  const ls = G.parInstanceEtAnnee(t, schemaId).lignes.filter((l) =>
    l["instance_id"] === instanceId && l["annee"] === annee
  )
  expect(ls).toHaveLength(1)
  return ls[0] as Projection.Row
}

describe("governance cadence: fixtures folded from a MemoryEventStore", () => {
  let t: Projection.Tables
  beforeAll(async () => {
    t = plier(
      G.projection,
      await journal([
        evenements(HautsDeSeine.commandes()),
        evenements(SeineSaintDenis.commandes()),
        evenements(Paris.commandes())
      ], 10)
    )
  })

  it("Hauts-de-Seine seed 000 lines 199, 201: the AVS committee met twice in 2025 (February, September) against 3 expected", () => {
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.avs, 2025))
      .toEqual({ tenues: 2, incertaines: 0, attendues: "3/an", attenduesMin: 3, attenduesMax: 3 })
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.avs, 2025)).toMatchObject({
      dates: ["février 2025", "septembre 2025"],
      dates_incertaines: [],
      ecart: -1
    })
    // Seed 000 lines 183, 193: May and September 2024.
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.avs, 2024).tenues).toBe(2)
  })

  it("Hauts-de-Seine seed 001 and 000 line 7: the CDSF (at least once a year) met once in 2025, on 12 December", () => {
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2025)).toMatchObject({
      tenues: 1,
      attendues: "1+/an",
      ecart: 0,
      dates: ["12 décembre 2025"]
    })
    // Seed 001 line 7: adopted on 21 April 2022.
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2022)).toMatchObject({
      tenues: 1,
      dates: ["21 avril 2022"]
    })
  })

  it("Hauts-de-Seine 2025, every body: held vs expected (seed 000), the labelling committee's cadence not documented", () => {
    const an2025 = G.parInstanceEtAnnee(t, HautsDeSeine.schemaId).lignes.filter((l) => l["annee"] === 2025)
    const parNom = Object.fromEntries(an2025.map((l) => [l["instance"], [l["tenues"], l["attendues"]]]))
    expect(parNom).toEqual({
      "Comité départemental des services aux familles (CDSF)": [1, "1+/an"],
      "Comité de pilotage": [0, "3/an"],
      "Comité thématique Petite enfance": [0, "3/an"],
      "Comité thématique Enfance-Jeunesse": [2, "3/an"],
      "Comité thématique Parentalité": [2, "3/an"],
      "Comité thématique Animation de la vie sociale": [2, "3/an"],
      "Comité de labellisation des places AVIP / AVIS": [1, "non documentée (seed 000 gives no cadence)"],
      "Cellule de veille des structures d'animation de la vie sociale locale": [0, "1+/an"]
    })
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.labellisation, 2025)).toMatchObject({
      ecart: null,
      statut: "installee"
    })
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.celluleVeille, 2025)["statut"]).toBe("proposee")
    // One row per body and year of the period 2022-2026.
    expect(G.parInstanceEtAnnee(t, HautsDeSeine.schemaId).lignes).toHaveLength(8 * 5)
  })

  it("Seine-Saint-Denis seed 002 lines 7-19, 94: the axe 5 group met on 1 July 2025, 1 of 2-3 expected; the CDSF has no cadence", () => {
    expect(G.tenuesEtAttendues(t, SeineSaintDenis.schemaId, SeineSaintDenis.instances.gt5, 2025))
      .toMatchObject({ tenues: 1, incertaines: 0, attendues: "2-3/an", attenduesMin: 2, attenduesMax: 3 })
    expect(ligne(t, SeineSaintDenis.schemaId, SeineSaintDenis.instances.gt5, 2025)["dates"]).toEqual([
      "1er juillet 2025"
    ])
    expect(G.tenuesEtAttendues(t, SeineSaintDenis.schemaId, SeineSaintDenis.instances.cdsf, 2025).attendues)
      .toBe("non documentée (seed 002 gives no cadence for the CDSF)")
  })

  it("Paris seed 004 lines 874, 898: the CPSF once a year, the COTECH twice; no meeting is recorded", () => {
    expect(ligne(t, Paris.schemaId, Paris.instances.cpsf, 2021)).toMatchObject({
      tenues: 0,
      attendues: "1/an",
      ecart: -1
    })
    expect(ligne(t, Paris.schemaId, Paris.instances.cotech, 2026)).toMatchObject({
      tenues: 0,
      attendues: "2/an",
      ecart: -2
    })
  })

  it("lists meetings with their body and dates as printed, sorted without a made-up day", () => {
    const r = G.reunions(t, HautsDeSeine.schemaId).lignes
    expect(r.map((l) => l["le_tri"])).toEqual([...r.map((l) => l["le_tri"] as string)].sort())
    expect(r.find((l) => l["le"] === "juin 2022" || l["le_tri"] === "2025-09")).toBeDefined()
  })
})

describe("governance cadence: dates as documented (issue 9 cases 1 and 2)", () => {
  const base = (jour: string) => ({
    schemaId: HautsDeSeine.schemaId,
    survenuLe: `${jour}T12:00:00.000Z` as Temps.Instant
  })
  const j = (s: string) => s as Temps.Jour
  const reunion = (k: string, instanceId: Gouvernance.InstanceId, le: Temps.Datation) =>
    new C.TenirReunion({
      ...base("2025-12-20"),
      reunionId: IdGenerator.deriveId("test", k),
      instanceId,
      le,
      ordreDuJour: [],
      decisions: []
    })
  const creer = (k: string, cadence: Gouvernance.Convocation) =>
    new C.CreerInstance({
      ...base("2025-12-20"),
      instance: {
        instanceId: IdGenerator.deriveId("test", k) as Gouvernance.InstanceId,
        nature: "cotech",
        nom: k,
        cadence,
        themes: [],
        missions: []
      }
    })
  let t: Projection.Tables
  beforeAll(async () => {
    t = plier(
      G.projection,
      await journal([evenements([
        ...HautsDeSeine.commandes(),
        reunion("mai", HautsDeSeine.instances.cdsf, { _tag: "Mois", annee: 2025 as Temps.Annee, mois: 5 }),
        reunion("hiver", HautsDeSeine.instances.cdsf, { _tag: "Intervalle", du: j("2025-12-15"), au: j("2026-01-15") }),
        reunion("inconnue", HautsDeSeine.instances.copil, { _tag: "NonDocumente", note: "date not printed" }),
        creer("inconnue", { _tag: "NonDocumente" }),
        creer("aucune", { minParAn: 0 } as Gouvernance.Cadence)
      ])])
    )
  })

  it("Documents.test: a meeting known to the month counts in its year; one whose range spans two years is uncertain in both", () => {
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2025)).toMatchObject({
      tenues: 2,
      incertaines: 1
    })
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2026)).toMatchObject({
      tenues: 0,
      incertaines: 1
    })
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2024)).toMatchObject({
      tenues: 0,
      incertaines: 0
    })
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2026)["dates_incertaines"])
      .toEqual(["du 15 décembre 2025 au 15 janvier 2026"])
  })

  it("a meeting whose date is not documented is uncertain in every year, never counted as held", () => {
    for (const annee of [2022, 2025]) {
      expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.copil, annee)).toMatchObject({
        tenues: 0,
        incertaines: 1
      })
    }
    expect(ligne(t, HautsDeSeine.schemaId, HautsDeSeine.instances.copil, 2025)["dates_incertaines"]).toEqual([
      "non documentée (date not printed)"
    ])
  })

  it("Documents.test: a cadence not documented is unknown, distinct from 0 a year; an unknown body expects non documentée", () => {
    const attendues = (k: string) =>
      G.tenuesEtAttendues(t, HautsDeSeine.schemaId, IdGenerator.deriveId("test", k), 2025).attendues
    expect(attendues("inconnue")).toBe("non documentée")
    expect(attendues("aucune")).toBe("0/an")
    expect(attendues("jamais-creee")).toBe("non documentée (unknown body)")
  })
})

describe("governance cadence: a predecessor and its successor in one store are never mixed", () => {
  it("the successor's CDSF (same body and meeting ids as the predecessor's) counts its own meeting and cadence only", async () => {
    const t = plier(
      G.projection,
      await journal([evenements(hautsDeSeineJusquAuSuccesseur()), evenements(successeur())], 2)
    )
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2025)).toMatchObject({
      tenues: 1,
      attendues: "1+/an"
    })
    expect(G.tenuesEtAttendues(t, HautsDeSeine.schemaId, HautsDeSeine.instances.cdsf, 2026)).toMatchObject({
      tenues: 0
    })
    expect(G.tenuesEtAttendues(t, successeurId, HautsDeSeine.instances.cdsf, 2025)).toMatchObject({
      tenues: 0,
      attendues: "2+/an"
    })
    expect(G.tenuesEtAttendues(t, successeurId, HautsDeSeine.instances.cdsf, 2026)).toMatchObject({ tenues: 1 })
    expect(G.parInstanceEtAnnee(t, successeurId).lignes.map((l) => l["annee"])).toEqual([
      2026,
      2027,
      2028,
      2029,
      2030,
      2031,
      2032
    ])
  })
})
