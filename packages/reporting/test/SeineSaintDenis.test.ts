import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Given, HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { DecoupageAdministratif } from "@sdsf/geographie"
import { TableauIndicateurs as T } from "@sdsf/reporting"
import { depuisHistoires } from "./journalIndicateurs.ts"

// The three fixtures in one store: the view of Seine-Saint-Denis is its schéma's rows only.
describe("Seine-Saint-Denis portrait social (seed 002 lines 178-187) through the indicator projection", async () => {
  const tableau = await depuisHistoires(
    [HautsDeSeine, SeineSaintDenis, Paris].map((f) => Given.histoire(f.commandes()).events)
  )
  const lignes = T.lignes(tableau, { schemaId: SeineSaintDenis.schemaId })
  const ligne = (indicateur: string, territoire: string) => {
    const ls = lignes.filter((l) => l.indicateur === indicateur && l.territoire === territoire)
    expect(ls).toHaveLength(1)
    return ls[0]
  }

  it("has 8 lines: 4 indicators × Saint-Denis and the département, none for France métropolitaine (n.r.)", () => {
    expect(lignes).toHaveLength(8)
    expect(new Set(lignes.map((l) => l.territoire))).toEqual(new Set(["commune:93066", "departement:93"]))
    expect(lignes.every((l) => !l.contradiction && l.versions === 1)).toBe(true)
    expect(T.lignes(tableau, { departement: "93" })).toEqual(lignes)
  })

  it.each(
    [
      // indicator, Saint-Denis, département, period ("Date"), source, unit, additivity: seed 002 line
      // line 184
      ["gardes-a-domicile", 35, 1264, "2021", "CAF", "nombre", "somme", ""],
      // line 185
      ["eaje", 34, 446, "2023", "CD93", "nombre", "somme", ""],
      // line 186
      ["enfants-inscrits-creches", 1874, 25912, "2021", "CAF", "nombre", "somme", "tranche-age=0-5 ans"],
      // line 187
      ["part-enfants-pauvres-creches-departementales", 44.9, 42.7, "2021", "CAF", "pourcent", "aucune", ""]
    ] as const
  )("%s: Saint-Denis %s, Seine-Saint-Denis %s (%s, %s)", (indicateur, sd, d93, periode, source, ...r) => {
    const [unite, additivite, ventilation] = r
    const methode = expect.stringContaining("année de publication 2024")
    const attendu = { periode, source, unite, additivite, ventilation, methode }
    const exacte = (valeur: number) => ({ ...attendu, valeur, mesure: { nature: "exacte", valeur } })
    expect(ligne(indicateur, "commune:93066")).toMatchObject(exacte(sd))
    expect(ligne(indicateur, "departement:93")).toMatchObject(exacte(d93))
  })

  // Saint-Denis alone is far from the département total; the share is never summed.
  it("sums only the counts declared additive", () => {
    const controles = T.reconciliation(lignes)
    expect(controles.map((c) => [c.indicateur, c.publiee, c.agregat, c.parties.length, c.ecart])).toEqual([
      ["eaje", 446, 34, 1, 412],
      ["enfants-inscrits-creches", 25912, 1874, 1, 24038],
      ["gardes-a-domicile", 1264, 35, 1, 1229]
    ])
  })

  // Saint-Denis (93066) belongs to the EPT Plaine Commune and the Métropole du Grand Paris (official geography): its
  // count is reported there too, though nothing is published for them (no value to compare, the sum still shown).
  it("rolls Saint-Denis up to its EPT, its EPCI and the département through the official geography", async () => {
    const controles = await Effect.runPromise(
      T.reconcilier(lignes.filter((l) => l.indicateur === "eaje")).pipe(Effect.provide(DecoupageAdministratif.layer))
    )
    expect(controles.map((c) => [c.echelon, c.territoire, c.nom, c.agregat, c.publiee, c.ecart])).toEqual([
      ["epci", "epci:200054781", "Métropole du Grand Paris", 34, undefined, undefined],
      ["ept", "epci:200057867", "Plaine Commune", 34, undefined, undefined],
      ["departement", "departement:93", undefined, 34, 446, 412]
    ])
  }, 60_000)

  it("writes the figures to CSV with a French decimal comma (44,9 as printed on line 187)", () => {
    const csv = T.versCsv(lignes, { separateur: ";", virgule: true })
    expect(csv).toContain("part-enfants-pauvres-creches-departementales;commune:93066;2021;;exacte;44,9;")
    expect(csv).toContain("gardes-a-domicile;departement:93;2021;;exacte;1264;")
  })
})
