import { describe, expect, it } from "vitest"
import { Commandes as C, IdGenerator, Indicateur } from "@sdsf/domain"
import type { Temps } from "@sdsf/domain"
import { Given, HautsDeSeine, SeineSaintDenis } from "@sdsf/domain/testing"
import { TableauIndicateurs as T } from "@sdsf/reporting"
import { depuisHistoires, donnees, journal } from "./journalIndicateurs.ts"

const ecrire = (commandes: ReadonlyArray<C.Commande>) => Given.histoire(commandes).events
const code = (s: string) => s as Indicateur.CodeIndicateur
type Territoire = Indicateur.ValeurIndicateur["territoire"]
type Options = Partial<
  Pick<Indicateur.ValeurIndicateur, "ventilation" | "retraitement" | "source" | "unite" | "periode">
>

const valeur = (
  k: string,
  indicateur: string,
  territoire: Territoire,
  mesure: Indicateur.Mesure,
  jour: string,
  o: Options = {}
) =>
  new C.EnregistrerValeurIndicateur({
    schemaId: HautsDeSeine.schemaId,
    survenuLe: `${jour}T12:00:00.000Z` as Temps.Instant,
    valeur: {
      valeurId: IdGenerator.deriveId("reporting-test", k) as Indicateur.ValeurId,
      indicateur: code(indicateur),
      territoire,
      periode: o.periode ?? { annee: 2023 as Temps.Annee },
      mesure,
      unite: o.unite ?? "nombre",
      source: o.source ?? "CD93",
      enregistreLe: `${jour}T12:00:00.000Z` as Temps.Instant,
      ...(o.ventilation === undefined ? {} : { ventilation: o.ventilation }),
      ...(o.retraitement === undefined ? {} : { retraitement: o.retraitement })
    }
  })
const definir = (
  indicateur: string,
  unite: Indicateur.Unite,
  additivite: Indicateur.Additivite,
  dimensions?: ReadonlyArray<Indicateur.Dimension>
) =>
  new C.DefinirIndicateur({
    schemaId: HautsDeSeine.schemaId,
    survenuLe: "2024-01-02T12:00:00.000Z" as Temps.Instant,
    definition: {
      code: code(indicateur),
      libelle: indicateur,
      unite,
      categorie: additivite === "somme" ? "effectif" : "taux",
      additivite,
      niveaux: ["departement", "commune", "arrondissement"],
      ...(dimensions === undefined ? {} : { dimensions })
    }
  })
const id = (k: string) => IdGenerator.deriveId("reporting-test", k) as Indicateur.ValeurId
const dep = (c: string) => ({ niveau: "departement", code: c }) as Territoire
const com = (c: string) => ({ niveau: "commune", code: c }) as Territoire
const arr = (c: string) => ({ niveau: "arrondissement", code: c }) as Territoire
const x = Indicateur.exacte

describe("indicator table (bi-temporal, commune sums, CSV)", async () => {
  const [lancer] = HautsDeSeine.commandes()
  // Seed 002 l.185: "Nombre d'EAJE 34 (Saint-Denis) 446 (Seine-Saint-Denis)"; 93008 (Bobigny) made up to test the sum.
  const evenements = ecrire([
    lancer as C.Commande,
    definir("nombre-eaje", "nombre", "somme"),
    definir("part-enfants-pauvres", "pourcent", "aucune"),
    valeur("d1", "nombre-eaje", dep("93"), x(446), "2024-03-01"),
    valeur("c1", "nombre-eaje", com("93066"), x(34), "2024-03-01"),
    valeur("c2", "nombre-eaje", com("93008"), x(400), "2024-03-01"),
    valeur("c1-bis", "nombre-eaje", com("93066"), x(36), "2024-09-01", {
      retraitement: { remplace: id("c1"), motif: "recensement PMI" }
    }),
    valeur("pc", "part-enfants-pauvres", com("93066"), x(44.9), "2024-03-01", { unite: "pourcent", source: "CAF" })
  ])
  const tableau = await depuisHistoires([evenements])

  it("shows the latest value known on a day, and how many versions there were", () => {
    const avant = T.lignes(tableau, { jour: "2024-06-30" as Temps.Jour }).find((l) =>
      l.territoire === "commune:93066" && l.indicateur === "nombre-eaje"
    )
    const apres = T.lignes(tableau).filter((l) => l.territoire === "commune:93066" && l.indicateur === "nombre-eaje")
    expect(avant).toMatchObject({ valeur: 34, versions: 1, motifRetraitement: "" })
    expect(apres).toEqual([expect.objectContaining({ valeur: 36, versions: 2, motifRetraitement: "recensement PMI" })])
    expect(T.lignes(tableau, { jour: "2024-02-01" as Temps.Jour })).toEqual([])
  })

  it("flags communes that do not add up to their département's total, and skips rates", () => {
    expect(T.reconciliation(T.lignes(tableau, { jour: "2024-06-30" as Temps.Jour }))).toEqual([
      {
        schemaId: HautsDeSeine.schemaId,
        departement: "92",
        indicateur: "nombre-eaje",
        periode: "2023",
        ventilation: "",
        additivite: "somme",
        echelon: "departement",
        territoire: "departement:93",
        nom: undefined,
        agregat: 434,
        parties: ["commune:93008", "commune:93066"],
        partiesEcartees: [],
        publiee: 446,
        ecart: 12,
        approche: false
      }
    ])
    expect(T.reconciliation(T.lignes(tableau))[0]?.ecart).toBe(10)
  })

  it("shows a figure printed without its period as 'non documentée' and never sums it (seed 004 l.53, l.81, l.731)", async () => {
    const sansPeriode = { _tag: "NonDocumente", note: "no period printed" } as const
    const t = await depuisHistoires([ecrire([
      lancer as C.Commande,
      definir("nombre-eaje", "nombre", "somme"),
      valeur("nd-d", "nombre-eaje", dep("93"), x(446), "2024-03-01", { periode: sansPeriode }),
      valeur("nd-c1", "nombre-eaje", com("93066"), x(34), "2024-03-01", { periode: sansPeriode }),
      valeur("nd-c2", "nombre-eaje", com("93008"), x(400), "2024-03-01", { periode: sansPeriode })
    ])])
    const ls = T.lignes(t)
    expect(ls.map((l) => [l.periode, l.periodeDocumentee])).toEqual(
      Array.from({ length: 3 }, () => ["non documentée (no period printed)", false])
    )
    expect(T.reconciliation(ls)).toEqual([])
    expect(T.versCsv(ls)).toContain(",non documentée (no period printed),")
  })

  it("writes CSV a spreadsheet opens: header, CRLF, quoted cells, French decimal comma on request", () => {
    const csv = T.versCsv(T.lignes(tableau), { separateur: ";", virgule: true })
    const rows = csv.split("\r\n")
    expect(rows[0]).toBe(
      "indicateur;territoire;periode;ventilation;nature;valeur;min;max;qualificatif;unite;source;methode;enregistre_le;versions;contradiction;motif_retraitement"
    )
    expect(rows).toContain(
      "part-enfants-pauvres;commune:93066;2023;;exacte;44,9;;;;pourcent;CAF;;2024-03-01T12:00:00.000Z;1;;"
    )
    expect(T.versCsv([{ ...T.lignes(tableau)[0] as T.Ligne, source: "Caf, \"open data\"" }])).toContain(
      "\"Caf, \"\"open data\"\"\""
    )
  })

  it("gives the same table whether the schéma's stream is written alone or interleaved with others (scoped rows)", async () => {
    const seul = donnees(await journal([evenements], evenements.length))
    const entrelace = donnees(await journal([evenements, Given.histoire(SeineSaintDenis.commandes()).events], 1))
    const sansPosition = (ls: ReadonlyArray<T.Ligne>) => ls.map(({ position: _, ...l }) => l)
    expect(sansPosition(T.lignes(entrelace, { schemaId: HautsDeSeine.schemaId }))).toEqual(sansPosition(T.lignes(seul)))
  })
})

describe("indicator table: figures as printed (issue 9, cases 5 and 6)", () => {
  const [lancer] = HautsDeSeine.commandes()
  const table = (commandes: ReadonlyArray<C.Commande>) =>
    depuisHistoires([ecrire([lancer as C.Commande, ...commandes])])

  it("seed 004 l.260-264: a median income in euros is never summed over arrondissements; places are (declared additivity)", async () => {
    const t = await table([
      definir("revenu-median-uc", "euros-par-an", "aucune"),
      definir("places-eaje", "places", "somme"),
      valeur("m75", "revenu-median-uc", dep("75"), x(26808), "2024-03-01", { unite: "euros-par-an", source: "INSEE" }),
      valeur("m19", "revenu-median-uc", arr("75119"), x(19611), "2024-03-01", {
        unite: "euros-par-an",
        source: "INSEE"
      }),
      valeur("m08", "revenu-median-uc", arr("75108"), x(40540), "2024-03-01", {
        unite: "euros-par-an",
        source: "INSEE"
      }),
      valeur("p75", "places-eaje", dep("75"), x(37000), "2024-03-01", { unite: "places" }),
      valeur("p19", "places-eaje", arr("75119"), x(3000), "2024-03-01", { unite: "places" })
    ])
    const controles = T.reconciliation(T.lignes(t))
    expect(controles.map((c) => c.indicateur)).toEqual(["places-eaje"])
    expect(controles[0]).toMatchObject({
      territoire: "departement:75",
      publiee: 37000,
      agregat: 3000,
      parties: ["arrondissement:75119"]
    })
    expect(T.lignes(t).find((l) => l.indicateur === "revenu-median-uc")?.additivite).toBe("aucune")
  })

  it("an indicator without a definition is never summed (its additivity is unknown, not guessed from its unit)", async () => {
    const t = await table([
      valeur("d", "nombre-eaje", dep("93"), x(446), "2024-03-01"),
      valeur("c", "nombre-eaje", com("93066"), x(34), "2024-03-01")
    ])
    expect(T.reconciliation(T.lignes(t))).toEqual([])
  })

  it("seed 004 l.51: a breakdown (gestion municipale / associative) is one indicator's lines, summed per breakdown", async () => {
    const gestion = [{
      code: "gestion" as Indicateur.CodeDimension,
      libelle: "Gestion",
      modalites: ["municipale", "associative"]
    }]
    const t = await table([
      definir("creches", "nombre", "somme", gestion),
      valeur("tout", "creches", dep("75"), x(770), "2024-03-01"),
      valeur("mun", "creches", dep("75"), x(400), "2024-03-01", {
        ventilation: { gestion: "municipale" } as Indicateur.Ventilation
      }),
      valeur("mun19", "creches", arr("75119"), x(30), "2024-03-01", {
        ventilation: { gestion: "municipale" } as Indicateur.Ventilation
      })
    ])
    const ls = T.lignes(t)
    expect(ls.map((l) => [l.territoire, l.ventilation, l.valeur])).toEqual([
      ["arrondissement:75119", "gestion=municipale", 30],
      ["departement:75", "", 770],
      ["departement:75", "gestion=municipale", 400]
    ])
    expect(T.reconciliation(ls)).toEqual([
      expect.objectContaining({ ventilation: "gestion=municipale", publiee: 400, agregat: 30 })
    ])
    expect(T.versCsv(ls)).toContain("creches,departement:75,2023,gestion=municipale,exacte,400,")
  })

  it("seed 004 l.374 and l.975: approximations and ranges are shown as printed, ranges never summed", async () => {
    const t = await table([
      definir("places", "places", "somme"),
      valeur("d", "places", dep("75"), { nature: "approchee", valeur: 37000, qualificatif: "environ" }, "2024-03-01", {
        unite: "places"
      }),
      valeur("a", "places", arr("75119"), { nature: "intervalle", min: 2000, max: 4000 }, "2024-03-01", {
        unite: "places"
      }),
      valeur("b", "places", arr("75120"), x(3000), "2024-03-01", { unite: "places" }),
      valeur(
        "r",
        "part-handicap",
        dep("75"),
        { nature: "intervalle", min: 20, max: 30, qualificatif: "entre ... et" },
        "2024-03-01",
        { unite: "pourcent" }
      )
    ])
    const ls = T.lignes(t)
    expect(ls.find((l) => l.territoire === "arrondissement:75119")).toMatchObject({
      valeur: undefined,
      mesure: { nature: "intervalle", min: 2000, max: 4000 }
    })
    expect(T.reconciliation(ls)).toEqual([
      expect.objectContaining({
        publiee: 37000,
        agregat: 3000,
        parties: ["arrondissement:75120"],
        partiesEcartees: ["arrondissement:75119"],
        approche: true
      })
    ])
    const csv = T.versCsv(ls, { separateur: ";" }).split("\r\n")
    expect(csv).toContain(
      "part-handicap;departement:75;2023;;intervalle;;20;30;entre ... et;pourcent;CD93;;2024-03-01T12:00:00.000Z;1;;"
    )
    expect(csv).toContain(
      "places;departement:75;2023;;approchee;37000;;;environ;places;CD93;;2024-03-01T12:00:00.000Z;1;;"
    )
  })

  it("issue 9 case 5: a yes/no answer per commune is shown as oui/non, never summed", async () => {
    const t = await table([
      definir("ctg-signee", "oui-non", "aucune"),
      valeur("o", "ctg-signee", com("93066"), { nature: "oui-non", valeur: true }, "2024-03-01", {
        unite: "oui-non",
        source: "Caf 93"
      }),
      valeur("n", "ctg-signee", com("93008"), { nature: "oui-non", valeur: false }, "2024-03-01", {
        unite: "oui-non",
        source: "Caf 93"
      })
    ])
    const csv = T.versCsv(T.lignes(t)).split("\r\n")
    expect(csv).toContain("ctg-signee,commune:93066,2023,,oui-non,oui,,,,oui-non,Caf 93,,2024-03-01T12:00:00.000Z,1,,")
    expect(csv).toContain("ctg-signee,commune:93008,2023,,oui-non,non,,,,oui-non,Caf 93,,2024-03-01T12:00:00.000Z,1,,")
    expect(T.reconciliation(T.lignes(t))).toEqual([])
  })

  it("issue 9 case 6 (seed 002 l.185 figure): two figures of one key from one source are both shown, flagged; another source's is not", async () => {
    const t = await table([
      definir("nombre-eaje", "nombre", "somme"),
      valeur("a", "nombre-eaje", com("93066"), x(34), "2024-03-01"),
      valeur("b", "nombre-eaje", com("93066"), x(35), "2024-03-02"),
      valeur("c", "nombre-eaje", com("93066"), x(33), "2024-03-02", { source: "CAF" }),
      valeur("d", "nombre-eaje", dep("93"), x(446), "2024-03-01")
    ])
    const ls = T.lignes(t).filter((l) => l.territoire === "commune:93066")
    expect(ls.map((l) => [l.source, l.valeur, l.contradiction])).toEqual([["CAF", 33, false], ["CD93", 34, true], [
      "CD93",
      35,
      true
    ]])
    // A commune with several figures is left out of the sum: here none is left, so there is no total, only the list.
    expect(T.reconciliation(T.lignes(t))).toEqual([
      expect.objectContaining({
        territoire: "departement:93",
        agregat: undefined,
        parties: [],
        partiesEcartees: ["commune:93066"],
        publiee: 446,
        ecart: undefined
      })
    ])
    expect(T.versCsv(ls).split("\r\n")[2]).toMatch(/,oui,$/)
  })
})
