import { beforeAll, describe, expect, it } from "vitest"
import { Commandes as C, IdGenerator, Projection } from "@sdsf/domain"
import type { Temps } from "@sdsf/domain"
import { HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { Bilan as B } from "@sdsf/reporting"
import { evenements, hautsDeSeineJusquAuSuccesseur, journal, plier, successeur, successeurId } from "./journal.ts"

// A labelling by the committee the fixture installs (seed 000 line 116: first committee on 1 December 2025). The seed
// prints no count of places labelled: 20 places and 4 structures are test data.
const labellisation = new C.LabelliserPlaces({
  schemaId: HautsDeSeine.schemaId,
  survenuLe: "2025-12-01T12:00:00.000Z" as Temps.Instant,
  labellisationId: IdGenerator.deriveId("test", "labellisation-2025-12-01"),
  instanceId: HautsDeSeine.instances.labellisation,
  label: "AVIP / AVIS",
  le: "2025-12-01" as Temps.Jour,
  places: 20,
  structures: 4
})
const hdsAvecLabellisation = () => {
  const c = HautsDeSeine.commandes()
  return [...c.slice(0, -1), labellisation, ...c.slice(-1)]
}

describe("bilan: fixtures folded from a MemoryEventStore", () => {
  let t: Projection.Tables
  beforeAll(async () => {
    t = plier(
      B.projection,
      await journal([
        evenements(hdsAvecLabellisation()),
        evenements(SeineSaintDenis.commandes()),
        evenements(Paris.commandes())
      ], 30)
    )
  })

  it("Hauts-de-Seine seed 000 lines 87, 92: the 2025 call for projects, 35 proposals received, 12 selected", () => {
    expect(B.appelsAProjets(t, HautsDeSeine.schemaId).lignes).toEqual([{
      schema_id: HautsDeSeine.schemaId,
      departement: "92",
      intitule: "Appel à projets sur la qualité d'accueil du jeune enfant",
      lance_le: "2025",
      clos_le: "2025-12-12",
      recues: 35,
      retenues: 12
    }])
  })

  it("Hauts-de-Seine seed 000: the 2025 yearly review (3 réalisations) and the bilan launched with its 5 planned steps", () => {
    expect(B.bilansAnnuels(t, HautsDeSeine.schemaId).lignes).toEqual([
      expect.objectContaining({ annee: 2025, le: "2025-12-12", nombre: 3 })
    ])
    expect(B.bilansAnnuels(t, HautsDeSeine.schemaId).lignes[0]?.["realisations"])
      .toContain("Appel à projets sur la qualité d'accueil du jeune enfant : 35 propositions reçues, 12 accompagnées")
    const [lance] = B.etapesBilan(t, HautsDeSeine.schemaId).lignes
    expect(lance).toMatchObject({ etape: "bilan-lance", date: "12 décembre 2025" })
    expect(lance?.["etapes_prevues"]).toHaveLength(5)
  })

  it("Hauts-de-Seine seed 000 line 116: the labelling committee of 1 December 2025 (places: test data)", () => {
    expect(B.labellisations(t).lignes).toEqual([
      {
        schema_id: HautsDeSeine.schemaId,
        departement: "92",
        label: "AVIP / AVIS",
        le: "2025-12-01",
        places: 20,
        structures: 4
      }
    ])
  })

  it("Paris seed 004 lines 921-1031: the bilan of the SPSF 2016-2018 is a finding of the predecessor's evaluation, undated", () => {
    expect(B.evaluationParAction(t, Paris.schemaId).lignes).toEqual([expect.objectContaining({
      source: "evaluation-precedent",
      noeud_id: null,
      constat: "Bilan des réalisations du Schéma Parisien des Services aux Familles 2016-2018 (annexe, lines 921-1031)",
      date: "non documentée (seed 004 dates no bilan of the SPSF 2016-2018 (lines 921-1031))"
    })])
  })

  it("Seine-Saint-Denis seed 002 has no bilan yet: every view is empty for it", () => {
    for (
      const v of [
        B.evaluationParAction,
        B.preconisations,
        B.etapesBilan,
        B.bilansAnnuels,
        B.appelsAProjets,
        B.labellisations
      ]
    ) {
      expect(v(t, SeineSaintDenis.schemaId).lignes).toEqual([])
    }
  })
})

describe("bilan: the evaluation report by action, and a successor in the same store", () => {
  let t: Projection.Tables
  beforeAll(async () => {
    t = plier(B.projection, await journal([evenements(hautsDeSeineJusquAuSuccesseur()), evenements(successeur())], 5))
  })

  it("shows each finding with its action's title (a3, seed 001) or as a finding on the whole, then the recommendations", () => {
    expect(B.evaluationParAction(t, HautsDeSeine.schemaId).lignes.map((l) => [l["action"], l["constat"], l["date"]]))
      .toEqual([
        [
          "Déployer le pacte de coopération",
          "Pactes de coopération signés avec dix centres sociaux",
          "Mai-juin 2026 (du 1er mai 2026 au 30 juin 2026)"
        ],
        [
          null,
          "Gouvernance thématique appropriée par les partenaires",
          "Mai-juin 2026 (du 1er mai 2026 au 30 juin 2026)"
        ]
      ])
    expect(B.preconisations(t, HautsDeSeine.schemaId).lignes.map((l) => [l["rang"], l["texte"]])).toEqual([
      [1, "Maintenir les comités thématiques"],
      [2, "Doter le schéma d'indicateurs de suivi annuels"]
    ])
    expect(B.etapesBilan(t, HautsDeSeine.schemaId).lignes.map((l) => [l["etape"], l["nombre"], l["unite"]])).toEqual([
      ["bilan-lance", null, null],
      ["indicateurs-recueillis", 0, "indicateurs"],
      ["enquete-gestionnaires", 41, "répondants"],
      ["seminaire-evaluation", 80, "participants"],
      ["rapport-evaluation", 2, "constats"]
    ])
  })

  it("keeps the successor's plan apart: the predecessor's axe keeps its title, the successor has no bilan", () => {
    for (const v of [B.evaluationParAction, B.preconisations, B.etapesBilan, B.bilansAnnuels, B.appelsAProjets]) {
      expect(v(t, successeurId).lignes).toEqual([])
    }
    expect(B.appelsAProjets(t).lignes.map((l) => l["schema_id"])).toEqual([HautsDeSeine.schemaId])
    const axe1 = Projection.rowsOf(B.projection, t, "noeuds").filter((r) =>
      r["noeud_id"] === HautsDeSeine.noeuds["axe1"]
    )
    expect(axe1.map((r) => [r["schema_id"], r["titre"]])).toEqual(
      [[HautsDeSeine.schemaId, "Accès aux services"], [successeurId, "Axe unique du successeur"]]
        .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
    )
  })
})
