import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Csv, Html, Markdown, Provenance, Rapport } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"
import { lireCsv, source } from "./fixtures.ts"

/** Extracts of any text, numbers and booleans: full Unicode, separators, quotes, line breaks, markup. */
const texte = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.string({
    unit: fc.constantFrom(";", ",", "\"", "\r", "\n", "|", "<", ">", "&", "=", "-", "\\", "`", "*", "a", " ")
  })
)
const extrait = fc.array(
  fc.record({ t: texte, n: fc.double({ noNaN: true, noDefaultInfinity: true }), b: fc.boolean() })
)
  .map((lignes): Extrait.Extrait => ({
    nom: "p",
    titre: "p",
    grain: "p",
    colonnes: [
      { nom: "t", libelle: "T", type: "text", description: "" },
      { nom: "n", libelle: "N", type: "number", description: "" },
      { nom: "b", libelle: "B", type: "boolean", description: "" }
    ],
    lignes
  }))

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runSync(e)

describe("renderers, for any extract", () => {
  it("CSV: a strict RFC 4180 reader gives back every text and number (formulas left verbatim)", () => {
    fc.assert(
      fc.property(extrait, fc.constantFrom(";", ","), (e, separateur) => {
        const decimale = separateur === ";" ? "," : "."
        const csv = run(Csv.texte(e, { separateur, decimale, neutraliserFormules: false }))
        const records = lireCsv(csv.slice(1), separateur)
        expect(records.length).toBe(e.lignes.length + 1)
        e.lignes.forEach((l, i) => {
          const [t, n, b] = records[i + 1]!
          expect(t).toBe(l["t"])
          expect(Number(n!.replace(",", "."))).toBe(Object.is(l["n"], -0) ? 0 : l["n"])
          expect(b).toBe(l["b"] ? "oui" : "non")
        })
      }),
      { numRuns: 300 }
    )
  })

  it("Markdown: every row has one cell per column and no raw markup", () => {
    fc.assert(
      fc.property(extrait, (e) => {
        const md = run(Markdown.texte([e], source))
        const lignes = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| table"))
        const corps = lignes.slice(0, 2 + e.lignes.length)
        expect(corps.length).toBe(2 + e.lignes.length)
        for (const l of corps) {
          // Once escape pairs and the line breaks are removed, only the 4 column pipes are left of Markdown syntax.
          const brut = l.replace(/\\[\s\S]/g, "").replace(/<br>/g, "")
          expect(brut).not.toMatch(/[<>*_`[\]~&]/)
          expect(brut.match(/\|/g)?.length).toBe(4)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("HTML: no text ever becomes markup", () => {
    fc.assert(
      fc.property(extrait, texte, (e, titre) => {
        const html = run(Html.document(Rapport.make({ titre, sections: [Rapport.tableau(e)] }), source))
        const corps = html.slice(html.indexOf("<tbody>") + "<tbody>".length, html.indexOf("</tbody>"))
        expect(corps.match(/<(?!\/?(?:tr|td)[ >])/g)).toBeNull()
        expect(html.match(/<script/g)?.length).toBe(1)
        expect(html).toContain(`<title>${Html.echapper(titre)}</title>`)
      }),
      { numRuns: 200 }
    )
  })

  it("the checksum is that of the canonical form, and the same extract always gives the same one", () => {
    fc.assert(
      fc.property(extrait, (e) => {
        expect(Provenance.sha256(e)).toBe(Provenance.sha256({ ...e, lignes: e.lignes.map((l) => ({ ...l })) }))
        const lignes = Provenance.formeCanonique(e).split("\n")
        expect(lignes.length).toBe(e.lignes.length + 2)
        expect(lignes.slice(1, -1).map((l) => JSON.parse(l))).toEqual(
          e.lignes.map((l) => [l["t"], Object.is(l["n"], -0) ? 0 : l["n"], l["b"]])
        )
      }),
      { numRuns: 200 }
    )
  })
})
