import { describe, expect, it } from "vitest"
import { Commandes as C, IdGenerator } from "@sdsf/domain"
import type { Evenements, Periode, Temps, Territoire } from "@sdsf/domain"
import { HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { TableauNational as N } from "@sdsf/reporting"
import { evenements, hautsDeSeineJusquAuSuccesseur, journal, plier, successeur, successeurId } from "./journal.ts"

describe("national table: fixtures folded from a MemoryEventStore", () => {
  it("one row per département with phase, period, adoption, signatures and next renewal, each from its seed", async () => {
    const t = plier(
      N.projection,
      await journal([
        evenements(Paris.commandes()),
        evenements(HautsDeSeine.commandes()),
        evenements(SeineSaintDenis.commandes())
      ], 40)
    )
    expect(N.parDepartement(t).lignes).toEqual([
      {
        departement: "75",
        schema_id: Paris.schemaId,
        intitule: "Schéma Parisien des Services aux Familles 2021-2026",
        // Seed 004: signatures printed (lines 141-213) after an adoption it does not document; no start of implementation.
        phase: "validation",
        periode: "2021-2026",
        adopte_le:
          "non documentée (seed 004 documents no adoption; the signatures are printed, undated (lines 141-213))",
        // 10 institutions, 12 signataires (the Caf and the MSA with two each).
        signatures: 10,
        signataires: 12,
        prochain_renouvellement: 2026,
        successeur_periode: null,
        // The SPSF 2016-2018 (lines 921-933) is not in the store: only its successor is.
        schemas: 1
      },
      {
        departement: "92",
        schema_id: HautsDeSeine.schemaId,
        intitule: "Schéma des services aux familles des Hauts-de-Seine 2022-2026",
        // Seed 000: the CDSF of 12 December 2025 launched the bilan évaluatif.
        phase: "bilan",
        periode: "2022-2026",
        // Seed 001 line 7: orientations adopted on 21 April 2022.
        adopte_le: "21 avril 2022",
        signatures: 0,
        signataires: 0,
        prochain_renouvellement: 2026,
        successeur_periode: null,
        schemas: 1
      },
      {
        departement: "93",
        schema_id: SeineSaintDenis.schemaId,
        intitule: "Schéma départemental Des services aux familles 2024-2026",
        phase: "mise-en-oeuvre",
        periode: "2024-2026",
        // Seed 002 line 114: "validation en mai", no year.
        adopte_le: "non documentée (seed 002 line 114: 'validation en mai', no year printed)",
        signatures: 0,
        signataires: 0,
        prochain_renouvellement: 2026,
        successeur_periode: null,
        schemas: 1
      }
    ])
  })

  it("an extension by avenant moves the period's end and the next renewal (Seine-Saint-Denis, test data)", async () => {
    const avenant = new C.ProrogerPeriode({
      schemaId: SeineSaintDenis.schemaId,
      survenuLe: "2025-07-02T12:00:00.000Z" as Temps.Instant,
      nouvelleFin: 2027 as Temps.Annee,
      instanceId: SeineSaintDenis.instances.cdsf,
      le: "2025-07-02" as Temps.Jour,
      motif: "Aligner sur la convention territoriale globale"
    })
    const t = plier(N.projection, await journal([evenements([...SeineSaintDenis.commandes(), avenant])]))
    expect(N.tableau(t).lignes[0]).toMatchObject({ periode: "2024-2027", prochain_renouvellement: 2027 })
  })
})

describe("national table: a predecessor and its successor of one département in one store", () => {
  for (
    const [nom, par] of [["written one after the other", 1_000_000], ["interleaved one event at a time", 1]] as const
  ) {
    it(`shows both schémas, never mixed, and the successor as the département's current one (${nom})`, async () => {
      const t = plier(
        N.projection,
        await journal([evenements(hautsDeSeineJusquAuSuccesseur()), evenements(successeur())], par)
      )
      expect(
        N.tableau(t).lignes.map((
          l
        ) => [l["schema_id"], l["phase"], l["periode"], l["signatures"], l["successeur_periode"]])
      ).toEqual([
        [HautsDeSeine.schemaId, "clos", "2022-2026", 0, "2027-2032"],
        [successeurId, "validation", "2027-2032", 1, null]
      ])
      expect(N.parDepartement(t).lignes).toEqual([expect.objectContaining({
        departement: "92",
        schema_id: successeurId,
        adopte_le: "10 décembre 2026",
        signatures: 1,
        signataires: 1,
        // Seed 000 line 303: "Elaboration du schéma 2027-2032".
        prochain_renouvellement: 2032,
        schemas: 2
      })])
    })
  }

  it("the successor's launch alone supersedes its predecessor, even before any renewal is recorded", async () => {
    const t = plier(
      N.projection,
      await journal([evenements(HautsDeSeine.commandes()), evenements(successeur().slice(0, 1))])
    )
    expect(N.tableau(t).lignes.find((l) => l["schema_id"] === HautsDeSeine.schemaId)?.["successeur_periode"]).toBe(
      "2027-2032"
    )
    expect(N.parDepartement(t).lignes.map((l) => [l["schema_id"], l["phase"]])).toEqual([[successeurId, "elaboration"]])
  })

  it("a closed schéma whose successor is not in the store stays current, before an older unrelated one still open", async () => {
    // Test data: an older 92 schéma launched on its own (no link to Hauts-de-Seine 2022-2026), never closed.
    const ancien = new C.LancerElaboration({
      schemaId: IdGenerator.deriveId("schema", "92", "2016-2018") as Evenements.SchemaId,
      survenuLe: "2016-01-04T12:00:00.000Z" as Temps.Instant,
      departement: "92" as Territoire.CodeDepartement,
      periode: { debut: 2016, fin: 2018 } as Periode.Periode,
      intitule: "Schéma départemental 2016-2018",
      regime: "anterieur",
      predecesseurs: [],
      le: { _tag: "Annee", annee: 2016 as Temps.Annee }
    })
    const t = plier(N.projection, await journal([evenements([ancien]), evenements(hautsDeSeineJusquAuSuccesseur())]))
    expect(N.parDepartement(t).lignes.map((l) => [l["schema_id"], l["phase"], l["schemas"]])).toEqual([[
      HautsDeSeine.schemaId,
      "clos",
      2
    ]])
  })

  it("the successor supersedes its predecessor even when its launch is in the log before the predecessor's own", async () => {
    const t = plier(
      N.projection,
      await journal([evenements(successeur().slice(0, 1)), evenements(HautsDeSeine.commandes())])
    )
    expect(N.tableau(t).lignes.find((l) => l["schema_id"] === HautsDeSeine.schemaId)?.["successeur_periode"]).toBeNull()
    expect(N.parDepartement(t).lignes.map((l) => [l["schema_id"], l["schemas"]])).toEqual([[successeurId, 2]])
  })
})
