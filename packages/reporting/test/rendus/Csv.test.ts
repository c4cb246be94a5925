import { Effect, Exit } from "effect"
import { TestClock } from "effect/testing"
import { assert, describe, it } from "@effect/vitest"
import { createHash } from "node:crypto"
import { Csv, Rendu } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"
import { hostile, INSTANT, lireCsv, source, vide } from "./fixtures.ts"

const colonne = (records: ReadonlyArray<ReadonlyArray<string>>, nom: string) => {
  const i = records[0]!.indexOf(nom)
  return records.slice(1).map((r) => r[i]!)
}

describe("Csv", () => {
  it.effect("writes RFC 4180 for French Excel: BOM, CRLF, `;`, decimal comma, quoted fields that a strict reader gives back", () =>
    Effect.gen(function*() {
      const csv = yield* Csv.texte(hostile)
      assert.isTrue(csv.startsWith("\ufeff"))
      assert.isTrue(csv.endsWith("\r\n"))
      const records = lireCsv(csv.slice(1), ";")
      assert.strictEqual(records.length, 1 + hostile.lignes.length)
      for (const r of records) assert.strictEqual(r.length, hostile.colonnes.length)
      assert.deepStrictEqual(records[0], hostile.colonnes.map((c) => c.nom))
      assert.strictEqual(colonne(records, "texte")[0], "a;b,c \"quoted\"\r\nnew line")
      assert.deepStrictEqual(colonne(records, "n"), ["1234,5", "-3,25", "1e+21", "1,5e-7", "0", "0,1", ""])
      assert.deepStrictEqual(colonne(records, "entier"), ["187", "-2", "9007199254740991", "0", "2024", "1", ""])
      assert.deepStrictEqual(colonne(records, "ok"), ["oui", "non", "", "oui", "non", "oui", ""])
      assert.deepStrictEqual(colonne(records, "themes").slice(0, 3), ["petite enfance | parentalité", "", "a | b"])
      assert.strictEqual(colonne(records, "texte")[5], "<script>alert('x')</script> &amp; été ✓ 𝔘")
    }))

  it.effect("prefixes text a spreadsheet would run as a formula with ', never a number nor a signed number in text", () =>
    Effect.gen(function*() {
      const records = lireCsv((yield* Csv.texte(hostile)).slice(1), ";")
      const texte = colonne(records, "texte")
      assert.strictEqual(texte[1], "'=cmd|' /C calc'!A0")
      assert.strictEqual(texte[2], "'+33 1 23")
      assert.strictEqual(texte[3], "'@SUM(A1)")
      assert.strictEqual(texte[4], "-12")
      assert.deepStrictEqual(colonne(records, "themes").slice(4, 6), ["'=HYPERLINK(\"x\")", "'\ttab"])
      assert.strictEqual(colonne(records, "montant")[1], "-12,3")
      const brut = lireCsv((yield* Csv.texte(hostile, { neutraliserFormules: false })).slice(1), ";")
      assert.strictEqual(colonne(brut, "texte")[1], "=cmd|' /C calc'!A0")
    }))

  it.effect("the international form: `,` and a decimal point, fields holding commas quoted", () =>
    Effect.gen(function*() {
      const csv = yield* Csv.texte(hostile, { separateur: ",", decimale: "." })
      const records = lireCsv(csv.slice(1), ",")
      assert.deepStrictEqual(colonne(records, "n").slice(0, 2), ["1234.5", "-3.25"])
      assert.strictEqual(colonne(records, "texte")[0], "a;b,c \"quoted\"\r\nnew line")
      assert.isTrue(csv.includes("\"a;b,c \"\"quoted\"\"\r\nnew line\""))
      const fr = yield* Csv.texte(hostile, { separateur: ",", decimale: "," })
      assert.deepStrictEqual(colonne(lireCsv(fr.slice(1), ","), "n").slice(0, 2), ["1234,5", "-3,25"])
    }))

  it.effect("a bare CR, a bare LF, a quote or the separator alone each get the field quoted", () =>
    Effect.gen(function*() {
      const textes = ["x\ry", "x\ny", "x\"y", "x;y", "\"", ";", "y\r"]
      const e: Extrait.Extrait = { ...vide, lignes: textes.map((a) => ({ a, b: 1 })) }
      const records = lireCsv((yield* Csv.texte(e)).slice(1), ";")
      assert.deepStrictEqual(colonne(records, "a"), textes)
    }))

  it.effect("an empty table is its header", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* Csv.texte(vide), "\ufeffa;b\r\n")
    }))

  it.effect("refuses NaN, Infinity, a fractional integer, a missing cell or a mistyped one, naming the field and value", () =>
    Effect.gen(function*() {
      const avec = (ligne: Record<string, unknown>): Extrait.Extrait => ({
        ...vide,
        lignes: [ligne as Extrait.Extrait["lignes"][number]]
      })
      const cas: ReadonlyArray<[Record<string, unknown>, string, string]> = [
        [{ a: "x", b: Number.NaN }, "lignes[0].b", "NaN"],
        [{ a: "x", b: Number.POSITIVE_INFINITY }, "lignes[0].b", "Infinity"],
        [{ a: "x", b: 1.5 }, "lignes[0].b", "1.5"],
        [{ a: "x", b: 2 ** 53 }, "lignes[0].b", String(2 ** 53)],
        [{ a: "x" }, "lignes[0].b", "undefined"],
        [{ a: 3, b: 1 }, "lignes[0].a", "3"]
      ]
      for (const [ligne, champ, valeur] of cas) {
        const exit = yield* Effect.exit(Csv.texte(avec(ligne)))
        assert.isTrue(Exit.isFailure(exit))
        const e = yield* Effect.flip(Csv.texte(avec(ligne)))
        assert.instanceOf(e, Rendu.ExtraitInvalide)
        assert.strictEqual(e.extrait, "vide")
        assert.strictEqual(e.champ, champ)
        assert.strictEqual(e.valeur, valeur)
      }
      const nombre: Extrait.Extrait = {
        ...vide,
        colonnes: [{ nom: "x", libelle: "X", type: "number", description: "" }]
      }
      for (const x of [Number.NaN, Number.NEGATIVE_INFINITY]) {
        const e = yield* Effect.flip(Csv.texte({ ...nombre, lignes: [{ x: 1 }, { x }] }))
        assert.deepInclude(e, { _tag: "ExtraitInvalide", champ: "lignes[1].x", valeur: String(x) })
      }
      const format = yield* Effect.flip(Csv.texte({ ...vide, colonnes: [{ ...vide.colonnes[0]!, format: "euros" }] }))
      assert.strictEqual(format.champ, "colonnes.a")
      const nom = yield* Effect.flip(Csv.texte({ ...vide, nom: "../etc/passwd" }))
      assert.strictEqual(nom.champ, "nom")
    }))

  it.effect("fichiers: one .csv per extract and manifeste.json with the replay time, position and checksums", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const fichiers = yield* Csv.fichiers([hostile, vide], source)
      assert.deepStrictEqual([...fichiers.keys()], ["hostile.csv", "vide.csv", "manifeste.json"])
      const octets = fichiers.get("vide.csv")!
      assert.deepStrictEqual([...octets.slice(0, 3)], [0xef, 0xbb, 0xbf])
      assert.strictEqual(
        new TextDecoder("utf-8", { ignoreBOM: true }).decode(fichiers.get("hostile.csv")!),
        yield* Csv.texte(hostile)
      )
      const m = JSON.parse(new TextDecoder().decode(fichiers.get("manifeste.json")!))
      assert.strictEqual(m.format, "sdsf-manifeste/1")
      assert.strictEqual(m.magasin, "test")
      assert.strictEqual(m.position, 4242)
      assert.strictEqual(m.rejoueLe, "2026-12-03T06:00:00.000Z")
      assert.deepStrictEqual(m.projections, [{ nom: "indicateurs", version: 3 }, { nom: "actions", version: 1 }])
      assert.deepStrictEqual(m.tables.map((t: { nom: string; lignes: number }) => [t.nom, t.lignes]), [["hostile", 7], [
        "vide",
        0
      ]])
      // The empty table's canonical form is its header line alone.
      assert.strictEqual(m.tables[1].sha256, createHash("sha256").update("[\"a\",\"b\"]\n").digest("hex"))
      assert.strictEqual(m.csv.separateur, ";")
      assert.strictEqual(m.csv.decimale, ",")
    }))

  it.effect("fichiers refuses two extracts of one name (one file would overwrite the other)", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(Csv.fichiers([vide, { ...vide, titre: "autre" }], source))
      assert.strictEqual(e.champ, "nom")
      assert.strictEqual(e.valeur, "vide")
    }))
})
