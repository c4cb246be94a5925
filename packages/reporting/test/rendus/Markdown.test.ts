import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { assert, describe, it } from "@effect/vitest"
import { Markdown, Provenance } from "@sdsf/reporting"
import { hostile, INSTANT, source, vide } from "./fixtures.ts"

/** The cells of a GitHub table row: split on pipes that are not backslash-escaped. */
const cellules = (ligne: string) => ligne.slice(2, -2).split(/(?<!\\) \| /)

describe("Markdown", () => {
  it.effect("GitHub tables: one cell per column whatever the text holds, escaped markup, French numbers", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const md = yield* Markdown.texte([hostile, vide], source, { titre: "Rapport <x>" })
      assert.isTrue(md.startsWith("# Rapport \\<x\\>\n"))
      const lignes = md.split("\n")
      const debut = lignes.findIndex((l) => l.startsWith("| Texte"))
      const table = lignes.slice(debut, debut + 2 + hostile.lignes.length)
      for (const l of table) assert.strictEqual(cellules(l).length, hostile.colonnes.length, l)
      assert.strictEqual(cellules(table[0]!)[0], "Texte \\| libre")
      assert.strictEqual(table[1], "| :--- | ---: | ---: | ---: | ---: | :--- | :--- | :--- |")
      const [texte, n, entier, taux, montant, ok, jour, themes] = cellules(table[2]!)
      assert.strictEqual(texte, "a;b,c \"quoted\"<br>new line")
      assert.strictEqual(n, "1\u202f234,5")
      assert.strictEqual(entier, "187")
      assert.strictEqual(taux, "12,5\u00a0%")
      assert.strictEqual(montant, "21\u202f345\u00a0€")
      assert.strictEqual(ok, "oui")
      assert.strictEqual(jour, "5 mars 2024")
      assert.strictEqual(themes, "petite enfance \\| parentalité")
      assert.strictEqual(cellules(table[7]!)[0], "\\<script\\>alert('x')\\</script\\> \\&amp; été ✓ 𝔘")
      assert.strictEqual(cellules(table[3]!)[1], "-3,25")
      assert.isFalse(md.includes("<script>"))
      assert.isTrue(md.includes("## Valeurs \\<b\\>hostiles\\</b\\> \\| \\& \"co\""))
    }))

  it.effect("an empty table says so; the document ends with its provenance", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const md = yield* Markdown.texte([hostile, vide], source)
      assert.isTrue(md.includes("| A | B |\n| :--- | ---: |\n\n_(aucune ligne)_\n"))
      const provenance = md.slice(md.lastIndexOf("## "))
      assert.isTrue(provenance.startsWith("## Provenance"))
      assert.isTrue(provenance.includes("- Position globale : 4242"))
      assert.isTrue(provenance.includes("2026-12-03T06:00:00.000Z"))
      assert.isTrue(provenance.includes("indicateurs v3, actions v1"))
      assert.isTrue(provenance.includes(`| hostile | 7 | \`${Provenance.sha256(hostile)}\` |`))
    }))

  it.effect("refuses NaN like every renderer", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(
        Markdown.texte([{
          ...vide,
          colonnes: [{ nom: "x", libelle: "X", type: "number", description: "" }],
          lignes: [{ x: Number.NaN }]
        }], source)
      )
      assert.strictEqual(e._tag, "ExtraitInvalide")
      assert.strictEqual(e.champ, "lignes[0].x")
    }))
})
