import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { assert, describe, it } from "@effect/vitest"
import { Html, Provenance, Rapport } from "@sdsf/reporting"
import { avip, hostile, INSTANT, rapport, source, vide } from "./fixtures.ts"

const manifesteDe = (html: string) => {
  const m = /<script type="application\/json" id="manifeste">([^<]*)<\/script>/.exec(html)
  return m === null ? undefined : JSON.parse(m[1]!)
}

describe("Html", () => {
  it.effect("one self-contained French document: nothing it could load, no script but the manifest data", () =>
    Effect.gen(function*() {
      const html = yield* Html.document(rapport(Rapport), source)
      assert.isTrue(html.startsWith("<!doctype html>\n<html lang=\"fr\">"))
      assert.include(html, "<meta charset=\"utf-8\">")
      assert.include(html, "default-src 'none'")
      assert.notMatch(html, /\b(?:src|srcset|action|formaction|poster|data)\s*=/i)
      assert.notMatch(html, /href="(?!#)/)
      assert.notMatch(html, /url\(|@import|@font-face/i)
      // The only absolute URL is the SVG namespace, which is never fetched.
      assert.deepStrictEqual([...new Set(html.match(/https?:\/\/[^"\s]*/g))], ["http://www.w3.org/2000/svg"])
      assert.strictEqual(html.match(/<script/g)?.length, 1)
    }))

  it.effect("every text is escaped: hostile titles, cells, steps, labels and series stay text", () =>
    Effect.gen(function*() {
      const html = yield* Html.document(rapport(Rapport), source)
      assert.include(html, "<title>Schéma des services aux familles des Hauts-de-Seine &lt;2022-2026&gt;</title>")
      assert.include(html, "Journal de projet &amp; bilan &quot;annuel&quot;")
      assert.include(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
      assert.include(html, "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;amp; été ✓ 𝔘</td>")
      assert.include(html, "<strong>Bilan &lt;évaluatif&gt;</strong>")
      assert.include(html, "Commune &lt;A&gt;")
      assert.notInclude(html, "<b>hostiles</b>")
      assert.notInclude(html, "<A>")
      assert.notInclude(html, "<évaluatif>")
    }))

  it.effect("tables: French numbers right-aligned, labels as headers, an empty table says so", () =>
    Effect.gen(function*() {
      const html = yield* Html.document(rapport(Rapport), source)
      assert.include(html, "<td class=\"n\">2024</td><td class=\"n\">187</td><td class=\"n\">5</td>")
      assert.include(html, "<td class=\"n\">1\u202f234,5</td>")
      assert.include(html, "<td class=\"n\">12,5\u00a0%</td>")
      assert.include(html, "<td class=\"n\">21\u202f345\u00a0€</td>")
      assert.include(html, "<td>5 mars 2024</td>")
      assert.include(html, "<td>petite enfance | parentalité</td>")
      assert.include(
        html,
        "<thead><tr><th scope=\"col\" title=\"a\">A</th><th scope=\"col\" class=\"n\" title=\"b\">B</th></tr></thead><tbody>\n\n</tbody>"
      )
      assert.include(html, "<p class=\"vide\">Aucune ligne.</p>")
    }))

  it.effect("the timeline in date order with French dates; bar charts as inline SVG with their values as text", () =>
    Effect.gen(function*() {
      const html = yield* Html.document(rapport(Rapport), source)
      const dates = [...html.matchAll(/<time datetime="([^"]+)">([^<]+)<\/time>/g)].map((m) => [m[1], m[2]])
      assert.deepStrictEqual(dates.slice(0, 3), [["2022", "2022"], ["2025-12-01", "1er décembre 2025"], [
        "2026-06",
        "juin 2026"
      ]])
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? []
      assert.strictEqual(svgs.length, 2)
      assert.include(svgs[0], "<text class=\"valeur\"")
      assert.include(svgs[0], ">187</text>")
      assert.include(svgs[0], ">204</text>")
      assert.include(svgs[1], ">-35,5</text>")
      assert.include(svgs[1], ">1\u202f234\u202f567,25</text>")
      for (const s of svgs) assert.notMatch(s, /NaN|Infinity|undefined/)
    }))

  it.effect("a chart of extreme, all-zero or missing values still draws: no NaN in the SVG", () =>
    Effect.gen(function*() {
      const base = rapport(Rapport)
      const cas = [[1.7e308, -1.7e308], [0, 0], [null, null], [5e-324, 1]]
      const series = [
        [],
        ...cas.map((valeurs) => [{ libelle: "s", valeurs }]),
        cas.map((valeurs) => ({ libelle: "s", valeurs }))
      ]
      for (const s of series) {
        const html = yield* Html.document({ ...base, sections: [Rapport.histogramme("x", ["a", "b"], s)] }, source)
        const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0]
        assert.notMatch(svg, /NaN|Infinity|undefined|="-/)
      }
    }))

  it.effect("the footer carries the provenance of the report's tables, also as JSON equal to the manifest", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const html = yield* Html.document(rapport(Rapport), source)
      const m = manifesteDe(html)
      assert.deepStrictEqual(m, yield* Provenance.manifeste(source, [avip, hostile, vide]))
      assert.include(html, "<dt>Position globale</dt><dd>4242</dd>")
      assert.include(html, `<code>${Provenance.sha256(avip)}</code>`)
      // A hostile store name cannot end the JSON element early.
      const h = yield* Html.document(rapport(Rapport), { ...source, magasin: "</script><script>alert(1)</script>" })
      assert.strictEqual(manifesteDe(h).magasin, "</script><script>alert(1)</script>")
      assert.strictEqual(h.match(/<script/g)?.length, 1)
    }))

  it.effect("refuses NaN in a series or a key figure, a step without an ISO date, a series of the wrong length", () =>
    Effect.gen(function*() {
      const base = rapport(Rapport)
      const avec = (s: Rapport.Section) => ({ ...base, sections: [s] })
      const nan = yield* Effect.flip(
        Html.document(avec(Rapport.histogramme("x", ["a"], [{ libelle: "s", valeurs: [Number.NaN] }])), source)
      )
      assert.deepInclude(nan, { _tag: "RapportInvalide", champ: "series[0].valeurs", valeur: "NaN" })
      const court = yield* Effect.flip(
        Html.document(avec(Rapport.histogramme("x", ["a", "b"], [{ libelle: "s", valeurs: [1] }])), source)
      )
      assert.deepInclude(court, { _tag: "RapportInvalide", valeur: "1" })
      const date = yield* Effect.flip(
        Html.document(avec(Rapport.chronologie("x", [{ jour: "12/05/2022", libelle: "a" }])), source)
      )
      assert.deepInclude(date, {
        _tag: "RapportInvalide",
        section: "0 (x)",
        champ: "etapes[0].jour",
        valeur: "12/05/2022"
      })
      const chiffre = yield* Effect.flip(
        Html.document({ ...base, resume: { chiffres: [{ libelle: "x", valeur: Number.POSITIVE_INFINITY }] } }, source)
      )
      assert.deepInclude(chiffre, { _tag: "RapportInvalide", section: "resume" })
      const table = yield* Effect.flip(
        Html.document(avec(Rapport.tableau({ ...vide, lignes: [{ a: "x", b: Number.NaN }] })), source)
      )
      assert.deepInclude(table, { _tag: "ExtraitInvalide", champ: "lignes[0].b" })
      const double = yield* Effect.flip(
        Html.document({ ...base, sections: [Rapport.tableau(vide), Rapport.tableau(vide)] }, source)
      )
      assert.deepInclude(double, { _tag: "RapportInvalide", champ: "extrait.nom", valeur: "vide" })
    }))
})
