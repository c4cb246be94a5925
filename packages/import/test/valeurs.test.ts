/**
 * Indicator values from CSV and XLSX: the generic layout and the Cnaf open-data preset, all or nothing, each bad
 * cell named by file, line and column.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { IdGenerator } from "@sdsf/domain"
import type { Evenements } from "@sdsf/domain"
import type { FichierInvalide } from "@sdsf/import"
import { ImportValeurs, PlanImport } from "@sdsf/import"
import { memoire, tousLesEvenements } from "./support.ts"

const ici = dirname(fileURLToPath(import.meta.url))
const lire = (nom: string) => readFileSync(join(ici, "fixtures", nom))
const schemaId = IdGenerator.deriveId("schema", "93", "2024-2026") as Evenements.SchemaId
const avecPlan = <A, E, R>(effet: Effect.Effect<A, E, R>) =>
  Effect.andThen(PlanImport.importer({ nom: "mini.yaml", contenu: lire("mini.yaml") }), effet)

type Valeur = {
  readonly indicateur: string
  readonly territoire: { readonly code?: string }
  readonly mesure: { readonly valeur: unknown }
}
const valeurs = Effect.map(
  tousLesEvenements,
  (es) =>
    es.filter((e) => e.type === "ValeurIndicateurEnregistree").map((e) =>
      (e.data as { readonly valeur: Valeur }).valeur
    )
)

/** The failure, and a check that nothing of the file was written. */
const echec = (fichier: { readonly nom: string; readonly contenu: string | Uint8Array }) =>
  Effect.gen(function*() {
    const avant = (yield* tousLesEvenements).length
    const e = yield* Effect.flip(ImportValeurs.importer(fichier, { schemaId }))
    assert.strictEqual((yield* tousLesEvenements).length, avant)
    return e as FichierInvalide.FichierInvalide
  })

const generique = [
  "indicateur;territoire;periode;valeur;source;ventilation:gestion",
  "places-eaje;commune:Montreuil;2024;1 234;Caf 93;",
  "places-eaje;commune:Saint-Denis;2024;980;Caf 93;",
  "places-eaje;commune:Saint-Denis;2024;400;Caf 93;associative"
].join("\n")

describe("values from CSV", () => {
  it.effect("the generic layout: one value per row; names resolved; a breakdown column", () =>
    avecPlan(Effect.gen(function*() {
      const r = yield* ImportValeurs.importer({ nom: "valeurs.csv", contenu: generique }, { schemaId })
      assert.strictEqual(r.valeurs, 3)
      const vs = (yield* valeurs).slice(-3)
      expect(vs.map((v) => [v.territoire.code, v.mesure.valeur])).toEqual([["93048", 1234], ["93066", 980], [
        "93066",
        400
      ]])
    })).pipe(Effect.provide(memoire())))

  it.effect("a bad cell: file, line, column, header, expected, received; nothing written", () =>
    avecPlan(Effect.gen(function*() {
      const e = yield* echec({
        nom: "valeurs.csv",
        contenu: generique.replace("980", "9x0").replace("commune:Montreuil", "commune:Montreuill")
      })
      expect(e.problemes.map((p) => [p.ligne, p.colonne, p.chemin])).toEqual([[2, 2, "territoire"], [3, 4, "valeur"]])
      assert.include(e.problemes[0]?.attendu, "Montreuil (93048")
      assert.match(e.message, /^valeurs\.csv:2:2 territoire: a commune of the official geography/)
    })).pipe(Effect.provide(memoire())))

  it.effect("a row with too many cells, a quote left open, Latin-1 bytes: the line", () =>
    avecPlan(Effect.gen(function*() {
      const trop = yield* echec({ nom: "v.csv", contenu: `${generique}\nplaces-eaje;commune:Bobigny;2024;5;Caf;;x` })
      expect(trop.problemes[0]).toMatchObject({ ligne: 5, attendu: "6 cells separated by ';', as the header has" })
      const ouvert = yield* echec({ nom: "v.csv", contenu: `${generique}\nplaces-eaje;"commune:Bobigny;2024;5;Caf;` })
      expect(ouvert.problemes[0]).toMatchObject({ ligne: 5, colonne: 2 })
      const latin1 = yield* echec({
        nom: "v.csv",
        contenu: Buffer.from(`${generique}\nplaces-eaje;commune:Épinay-sur-Seine;2024;5;Caf;`, "latin1")
      })
      expect(latin1.problemes[0]).toMatchObject({ ligne: 5, colonne: 21, recu: "byte 0xC9" })
    })).pipe(Effect.provide(memoire())))

  it.effect("a rule of the domain (the unit of the indicator's definition): the cell, nothing written", () =>
    avecPlan(Effect.gen(function*() {
      const e = yield* echec({
        nom: "v.csv",
        contenu: "indicateur;territoire;periode;valeur;unite;source\nplaces-eaje;departement:93;2025;12;pourcent;Caf"
      })
      expect(e.problemes[0]).toMatchObject({ ligne: 2, colonne: 4, chemin: "valeur" })
      assert.include(e.problemes[0]?.attendu, "UniteIncoherente")
    })).pipe(Effect.provide(memoire())))
})

describe("the Cnaf open-data preset (domain.md, 'Real data a user will import')", () => {
  it.effect("txcouv_pe_com: the département's communes, rates as published (never recomputed), placeholder rows named", () =>
    avecPlan(Effect.gen(function*() {
      const r = yield* ImportValeurs.importer({ nom: "txcouv_pe_com.csv", contenu: lire("txcouv_pe_com.csv") }, {
        schemaId
      })
      // Two communes of 93 with 8 columns each; Nanterre (92) outside; the XXXXX row and Bobigny's empty cells left out.
      assert.strictEqual(r.valeurs, 16)
      assert.strictEqual(r.indicateursDefinis, 8)
      expect(r.ignorees.map((i) => i.ligne)).toEqual([4, 5, ...Array(8).fill(6)])
      assert.include(r.ignorees[1]?.raison, "placeholder numcom XXXXX")
      const sd = (yield* valeurs).filter((v) => v.territoire.code === "93066")
      expect(Object.fromEntries(sd.map((v) => [v.indicateur, v.mesure.valeur]))).toMatchObject({
        txcouv: 31.2,
        "txcouv-eaje": 22.4,
        "txcouv-am-ind": 6.9
      })
    })).pipe(Effect.provide(memoire())))

  it.effect("txcouv_pe_nat: annee is a date there; the national 60.9 of 2023 and 59.5 of 2022 (domain.md)", () =>
    avecPlan(Effect.gen(function*() {
      yield* ImportValeurs.importer({ nom: "txcouv_pe_nat.csv", contenu: lire("txcouv_pe_nat.csv") }, { schemaId })
      const nat = (yield* tousLesEvenements).filter((e) => e.type === "ValeurIndicateurEnregistree")
        .map((e) =>
          (e.data as {
            readonly valeur: {
              readonly indicateur: string
              readonly periode: unknown
              readonly mesure: { readonly valeur: number }
            }
          }).valeur
        )
        .filter((v) => v.indicateur === "txcouv")
      expect(nat.map((v) => [v.periode, v.mesure.valeur])).toEqual([[{ annee: 2023 }, 60.9], [{ annee: 2022 }, 59.5]])
    })).pipe(Effect.provide(memoire())))

  it.effect("nbpla_pe_dep: place counts under the domain's reference codes (pl_am_ind → pl-am); other départements listed", () =>
    avecPlan(Effect.gen(function*() {
      const r = yield* ImportValeurs.importer({ nom: "nbpla_pe_dep.csv", contenu: lire("nbpla_pe_dep.csv") }, {
        schemaId
      })
      assert.strictEqual(r.valeurs, 6)
      expect(r.ignorees.map((i) => i.ligne)).toEqual([3, 4])
      assert.include(r.ignorees[0]?.raison, "departement:92 is outside département 93")
      const dep = (yield* valeurs).filter((v) => v.territoire.code === "93" && v.indicateur.startsWith("pl-"))
      expect(Object.fromEntries(dep.map((v) => [v.indicateur, v.mesure.valeur]))).toEqual({
        "pl-eaje": 21500,
        "pl-psu-col": 19800,
        "pl-hors-psu-col": 1700,
        "pl-prescol": 1400,
        "pl-am": 9800,
        "pl-gad": 600
      })
    })).pipe(Effect.provide(memoire())))

  it.effect("the same file again is refused (the values exist), and nothing is written", () =>
    avecPlan(Effect.gen(function*() {
      const f = { nom: "txcouv_pe_com.csv", contenu: lire("txcouv_pe_com.csv") }
      yield* ImportValeurs.importer(f, { schemaId })
      const e = yield* echec(f)
      assert.include(e.problemes[0]?.attendu, "DejaExistant")
    })).pipe(Effect.provide(memoire())))

  it.effect("XLSX: the same rows from a workbook, named by the sheet's row and column", () =>
    avecPlan(Effect.gen(function*() {
      const { default: ExcelJS } = yield* Effect.promise(() => import("exceljs"))
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet("txcouv_pe_com")
      for (const [k, l] of lire("txcouv_pe_com.csv").toString("utf8").trim().split("\n").entries()) {
        ws.addRow(l.split(";").map((c, i) => (k > 0 && i >= 2 && c !== "" ? Number(c.replace(",", ".")) : c)))
      }
      const bytes = new Uint8Array(yield* Effect.promise(() => wb.xlsx.writeBuffer()))
      const r = yield* ImportValeurs.importer({ nom: "txcouv_pe_com.xlsx", contenu: bytes }, { schemaId })
      assert.strictEqual(r.valeurs, 16)
      ws.getCell("D3").value = "n.d."
      const bad = new Uint8Array(yield* Effect.promise(() => wb.xlsx.writeBuffer()))
      const e = yield* echec({ nom: "txcouv_pe_com.xlsx", contenu: bad })
      expect(e.problemes[0]).toMatchObject({ ligne: 3, colonne: 4, chemin: "txcouv_com", recu: "\"n.d.\"" })
    })).pipe(Effect.provide(memoire())))
})
