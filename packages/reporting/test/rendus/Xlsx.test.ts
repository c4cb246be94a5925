import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { assert, describe, it } from "@effect/vitest"
import { vi } from "vitest"
import ExcelJS from "exceljs"
import { Provenance, Xlsx } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"
import { hostile, INSTANT, source, vide } from "./fixtures.ts"

const lire = (octets: Uint8Array) =>
  Effect.promise(async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(octets.slice().buffer)
    return wb
  })

const colonne = (nom: string) => hostile.colonnes.findIndex((c) => c.nom === nom) + 1

describe("Xlsx", () => {
  it.effect("a sheet per extract: typed cells, number formats per column format, bold frozen header, autofilter", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const wb = yield* lire(yield* Xlsx.classeur([hostile, vide], source))
      assert.deepStrictEqual(wb.worksheets.map((w) => w.name), ["hostile", "vide", "manifeste"])
      const ws = wb.getWorksheet("hostile")!
      assert.deepStrictEqual(ws.getRow(1).values, [undefined, ...hostile.colonnes.map((c) => c.libelle)])
      assert.isTrue(ws.getCell(1, 1).font.bold)
      assert.deepInclude(ws.views[0], { state: "frozen", ySplit: 1 })
      assert.deepStrictEqual(ws.autoFilter, "A1:H8")
      assert.strictEqual(ws.rowCount, 1 + hostile.lignes.length)
      const cell = (ligne: number, nom: string) => ws.getCell(ligne + 2, colonne(nom))
      assert.strictEqual(cell(0, "n").type, ExcelJS.ValueType.Number)
      assert.strictEqual(cell(0, "n").value, 1234.5)
      assert.strictEqual(cell(1, "n").value, -3.25)
      assert.strictEqual(cell(2, "n").value, 1e21)
      assert.strictEqual(cell(2, "entier").value, 9007199254740991)
      assert.strictEqual(cell(0, "entier").numFmt, "#,##0")
      assert.strictEqual(cell(0, "n").numFmt, "#,##0.0#####")
      assert.strictEqual(cell(0, "taux").numFmt, "#,##0.0#####\" %\"")
      assert.strictEqual(cell(0, "taux").value, 12.5)
      assert.strictEqual(cell(0, "montant").numFmt, "#,##0.00\" €\"")
      assert.strictEqual(cell(0, "ok").type, ExcelJS.ValueType.Boolean)
      assert.strictEqual(cell(1, "ok").value, false)
      assert.strictEqual(cell(2, "ok").type, ExcelJS.ValueType.Null)
      assert.strictEqual(cell(0, "jour").type, ExcelJS.ValueType.Date)
      assert.strictEqual((cell(0, "jour").value as Date).toISOString(), "2024-03-05T00:00:00.000Z")
      assert.strictEqual(cell(0, "jour").numFmt, Xlsx.FORMAT_JOUR)
      assert.strictEqual(cell(1, "jour").value, "2024-03")
      assert.strictEqual(cell(4, "jour").value, "2024-02-30")
      assert.strictEqual(cell(0, "themes").value, "petite enfance | parentalité")
      assert.strictEqual(cell(0, "texte").value, "a;b,c \"quoted\"\r\nnew line")
      // Text that looks like a formula is a string cell, verbatim.
      assert.strictEqual(cell(1, "texte").type, ExcelJS.ValueType.String)
      assert.strictEqual(cell(1, "texte").value, "=cmd|' /C calc'!A0")
      assert.strictEqual(cell(5, "texte").value, "<script>alert('x')</script> &amp; été ✓ 𝔘")
      assert.isAtLeast(ws.getColumn(1).width!, 8)
      assert.isAtMost(ws.getColumn(1).width!, 60)
      const v = wb.getWorksheet("vide")!
      assert.strictEqual(v.rowCount, 1)
      assert.deepStrictEqual(v.getRow(1).values, [undefined, "A", "B"])
    }))

  it.effect("the manifeste sheet: store, position, time, projections, and per table its sheet, rows and checksum", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const wb = yield* lire(yield* Xlsx.classeur([hostile, vide], source))
      const ws = wb.getWorksheet("manifeste")!
      const lignes = ws.getSheetValues().filter((r) => r !== undefined).map((r) => (r as Array<unknown>).slice(1))
      assert.deepInclude(lignes, ["Magasin", "test"])
      assert.deepInclude(lignes, ["Position globale", 4242])
      assert.deepInclude(lignes, ["Relu le", "2026-12-03T06:00:00.000Z"])
      assert.deepInclude(lignes, ["indicateurs", 3])
      assert.deepInclude(lignes, ["hostile", "hostile", hostile.titre, hostile.grain, 7, Provenance.sha256(hostile)])
      assert.deepInclude(lignes, ["vide", "vide", "Rien", vide.grain, 0, Provenance.sha256(vide)])
      assert.deepInclude(lignes, ["hostile", "taux", "Taux", "un taux", "number", "pourcent"])
      assert.deepInclude(lignes, ["vide", "b", "B", "b", "integer", ""])
    }))

  it.effect("control characters, CR and lone surrogates are written as OOXML escapes: the file opens, the text comes back", () =>
    Effect.gen(function*() {
      const texte = "a\u0001b\u001fc\ud800d _x0041_ \uffff\r\n"
      const e: Extrait.Extrait = { ...vide, lignes: [{ a: texte, b: 1 }] }
      const wb = yield* lire(yield* Xlsx.classeur([e], source))
      assert.strictEqual(wb.getWorksheet("vide")!.getCell(2, 1).value, texte)
      assert.strictEqual(Xlsx.texteCellule("a\u0001\r\n_x0041_"), "a_x0001__x000D_\n_x005F_x0041_")
    }))

  it.effect("sheet names: cut to 31 characters, unique without case, never manifeste", () =>
    Effect.gen(function*() {
      const long = "un_nom_de_table_bien_trop_long_pour_excel"
      const noms = Xlsx.nomsFeuilles([{ ...vide, nom: long }, { ...vide, nom: `${long}_bis` }, {
        ...vide,
        nom: "manifeste"
      }])
      assert.deepStrictEqual(noms, [long.slice(0, 31), `${long.slice(0, 29)}~2`, "manifeste~2"])
      const wb = yield* lire(
        yield* Xlsx.classeur(
          [{ ...vide, nom: long }, { ...vide, nom: `${long}_bis` }, { ...vide, nom: "manifeste" }],
          source
        )
      )
      assert.deepStrictEqual(wb.worksheets.map((w) => w.name), [...noms, "manifeste"])
    }))

  it.effect("the bytes depend on the extracts and Clock, not on the wall clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      vi.useFakeTimers({ toFake: ["Date"] })
      vi.setSystemTime(Date.UTC(2030, 0, 1, 10, 0, 0))
      const a = yield* Xlsx.classeur([hostile, vide], source)
      vi.setSystemTime(Date.UTC(2031, 5, 7, 13, 17, 33))
      const b = yield* Xlsx.classeur([hostile, vide], source)
      vi.useRealTimers()
      assert.deepStrictEqual(b, a)
      yield* TestClock.adjust("1 day")
      const c = yield* Xlsx.classeur([hostile, vide], source)
      assert.notDeepEqual(c, a)
    }))

  it.effect("refuses NaN and text longer than a cell holds, writing nothing", () =>
    Effect.gen(function*() {
      const nan = yield* Effect.flip(Xlsx.classeur([{ ...vide, lignes: [{ a: "x", b: Number.NaN }] }], source))
      assert.strictEqual(nan._tag, "ExtraitInvalide")
      const long = yield* Effect.flip(
        Xlsx.classeur([{ ...vide, lignes: [{ a: "x".repeat(Xlsx.MAX_CARACTERES + 1), b: 1 }] }], source)
      )
      assert.strictEqual(long._tag, "ExtraitInvalide")
      assert.strictEqual(long._tag === "ExtraitInvalide" ? long.champ : "", "lignes[0].a")
    }))
})
