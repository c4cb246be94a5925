import { describe, expect, it } from "vitest"
import type { Temps } from "@sdsf/domain"
import { Given, HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { TableauIndicateurs as T } from "@sdsf/reporting"
import { depuisHistoires } from "./journalIndicateurs.ts"

// The Paris SPSF 2021-2026 (seed 004) figures through the indicator table, each checked against its seed line.
describe("indicator table of the Paris SPSF 2021-2026 (seed 004)", async () => {
  const tableau = await depuisHistoires(
    [Paris, HautsDeSeine, SeineSaintDenis].map((f) => Given.histoire(f.commandes()).events)
  )
  const lignes = T.lignes(tableau, { departement: "75" })
  const ligne = (indicateur: string, territoire: string, periode: string, ventilation = "") =>
    lignes.filter((l) =>
      l.indicateur === indicateur && l.territoire === territoire && l.periode === periode &&
      l.ventilation === ventilation
    )

  it("shows one line per figure recorded, none contradicting another", () => {
    expect(lignes).toHaveLength(Paris.chiffres.length)
    expect(lignes.filter((l) => l.contradiction)).toEqual([])
  })

  it("line 246: 2 190 327 inhabitants of Paris on 1 January 2016, source Insee, additive", () => {
    expect(ligne("population", "departement:75", "2016-01-01/2016-01-01")).toEqual([
      expect.objectContaining({
        valeur: 2190327,
        unite: "nombre",
        additivite: "somme",
        source: "Insee",
        methode: "seed 004 line 246"
      })
    ])
    expect(ligne("population", "france:metropolitaine", "2016")[0]?.valeur).toBe(64468721)
  })

  it("lines 260-264: median incomes per UC by arrondissement, in euros a year, not additive, source not documented", () => {
    expect(ligne("revenu-disponible-median-uc", "arrondissement:75119", "2016")).toEqual([
      expect.objectContaining({
        valeur: 19611,
        unite: "euros-par-an",
        additivite: "aucune",
        source: "non documenté (seed 004 line 262 cites no source)"
      })
    ])
    expect(ligne("revenu-disponible-median-uc", "arrondissement:75107", "2016")[0]?.valeur).toBe(42466)
    expect(ligne("revenu-disponible-median-uc", "region:11", "2016")[0]?.valeur).toBe(22906)
  })

  it("line 298: 'plus de 40%' in the 20e shows its bound and no single value; line 357 'avoisinant les 42%' shows 42", () => {
    const [vingtieme] = ligne("part-allocataires-bas-revenus", "arrondissement:75120", "2019")
    expect(vingtieme)
      .toMatchObject({ valeur: undefined, mesure: { nature: "intervalle", min: 40, qualificatif: "plus de" } })
    expect(ligne("part-familles-monoparentales", "arrondissement:75118", "2016-01-01/2016-01-01")[0]).toMatchObject({
      valeur: 42,
      mesure: { qualificatif: "avoisinant" }
    })
  })

  it("line 391: the allocataire families broken down by configuration, 47 692 + 113 505", () => {
    const juin = "2019-06-01/2019-06-30"
    expect(ligne("familles-allocataires", "departement:75", juin, "configuration=monoparentale")[0]?.valeur).toBe(47692)
    expect(ligne("familles-allocataires", "departement:75", juin, "configuration=biparentale")[0]?.valeur).toBe(113505)
    expect(ligne("foyers-allocataires", "departement:75", juin)[0])
      .toMatchObject({ valeur: 430050, source: "Caf de Paris" })
  })

  it("lines 53-731: figures printed without a period show 'non documentée', line 246's change in percent its sign", () => {
    const sansPeriode = lignes.filter((l) => !l.periodeDocumentee)
    expect(sansPeriode).toHaveLength(24)
    expect(sansPeriode.every((l) => l.periode.startsWith("non documentée (seed 004 line "))).toBe(true)
    expect(ligne("collegiens", "departement:75", "non documentée (seed 004 line 53 prints no period)")[0]?.valeur).toBe(
      55500
    )
    expect(ligne("evolution-population", "departement:75", "2011-01-01/2016-01-01")[0])
      .toMatchObject({ valeur: -0.5, unite: "variation-pourcent", additivite: "aucune" })
  })

  it("sums no arrondissements: every arrondissement figure is a rate, a median or a bound, declared not additive", () => {
    expect(lignes.filter((l) => l.territoire.startsWith("arrondissement:")).every((l) => l.additivite === "aucune"))
      .toBe(true)
    expect(T.reconciliation(lignes)).toEqual([])
  })

  it("lines 939-1030: the bilan 2016-2018 over its three years, its sources not documented", () => {
    const bilan = lignes.filter((l) => l.indicateur === "bilan-realisations")
    expect(bilan).toHaveLength(37)
    expect(bilan.every((l) => l.source.startsWith("non documenté"))).toBe(true)
    expect(
      ligne(
        "bilan-realisations",
        "departement:75",
        "2016-01-01/2018-12-31",
        "realisation=Création de places en EAJE"
      )[0]?.valeur
    )
      .toBe(1805)
    expect(
      ligne("bilan-realisations", "departement:75", "2018", "realisation=Projets de soutien à la parentalité en QPV")[0]
        ?.valeur
    )
      .toBe(105)
  })

  it("nothing is known before the fixture records it (bi-temporal)", () => {
    expect(T.lignes(tableau, { jour: "2026-01-04" as Temps.Jour, schemaId: Paris.schemaId })).toEqual([])
  })

  it("exports the figures as CSV, one row per line", () => {
    const csv = T.versCsv(lignes, { separateur: ";", virgule: true })
    expect(csv.split("\r\n").filter((r) => r.length > 0)).toHaveLength(lignes.length + 1)
    expect(csv).toContain("arrondissement:75116;2001;;exacte;1,74")
  })
})
