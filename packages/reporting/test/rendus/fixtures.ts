import type { Extrait } from "@sdsf/reporting"
import type { Provenance } from "@sdsf/reporting"

/** 2026-12-03T06:00:00.000Z: the replay time tests set on the TestClock. */
export const INSTANT = Date.UTC(2026, 11, 3, 6, 0, 0)

export const source: Provenance.Source = {
  magasin: "test",
  position: 4242,
  projections: [{ name: "indicateurs", version: 3 }, { name: "actions", version: 1 }]
}

/** An extract with every column type and format, and hostile text. */
export const hostile: Extrait.Extrait = {
  nom: "hostile",
  titre: "Valeurs <b>hostiles</b> | & \"co\"",
  grain: "une ligne par cas",
  colonnes: [
    { nom: "texte", libelle: "Texte | libre", type: "text", description: "du texte" },
    { nom: "n", libelle: "Nombre", type: "number", description: "un nombre", format: "decimal" },
    { nom: "entier", libelle: "Entier", type: "integer", description: "un entier", format: "entier" },
    { nom: "taux", libelle: "Taux", type: "number", description: "un taux", format: "pourcent" },
    { nom: "montant", libelle: "Montant", type: "number", description: "des euros", format: "euros" },
    { nom: "ok", libelle: "Oui ?", type: "boolean", description: "un booléen" },
    { nom: "jour", libelle: "Jour", type: "text", description: "une date", format: "jour" },
    { nom: "themes", libelle: "Thèmes", type: "text[]", description: "une liste" }
  ],
  lignes: [
    { texte: "a;b,c \"quoted\"\r\nnew line", n: 1234.5, entier: 187, taux: 12.5, montant: 21345, ok: true, jour: "2024-03-05", themes: ["petite enfance", "parentalité"] },
    { texte: "=cmd|' /C calc'!A0", n: -3.25, entier: -2, taux: -0.5, montant: -12.3, ok: false, jour: "2024-03", themes: [] },
    { texte: "+33 1 23", n: 1e21, entier: 9007199254740991, taux: 0, montant: 0.5, ok: null, jour: "pas une date", themes: ["a | b"] },
    { texte: "@SUM(A1)", n: 1.5e-7, entier: 0, taux: null, montant: null, ok: true, jour: null, themes: null },
    { texte: "-12", n: -0, entier: 2024, taux: 100, montant: 1e6, ok: false, jour: "2024-02-30", themes: ["=HYPERLINK(\"x\")"] },
    { texte: "<script>alert('x')</script> &amp; été ✓ 𝔘", n: 0.1, entier: 1, taux: 33.333333, montant: 1234.5, ok: true, jour: "2025", themes: ["\ttab"] },
    { texte: null, n: null, entier: null, taux: null, montant: null, ok: null, jour: null, themes: null }
  ]
}

export const vide: Extrait.Extrait = {
  nom: "vide",
  titre: "Rien",
  grain: "une ligne par rien",
  colonnes: [{ nom: "a", libelle: "A", type: "text", description: "a" }, { nom: "b", libelle: "B", type: "integer", description: "b" }],
  lignes: []
}

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes): what a spreadsheet does with the file. */
export const lireCsv = (texte: string, separateur: string): ReadonlyArray<ReadonlyArray<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let champ = ""
  let i = 0
  let debut = true
  while (i < texte.length) {
    const c = texte[i]!
    if (debut && c === "\"") {
      i++
      for (;;) {
        const q = texte.indexOf("\"", i)
        if (q < 0) throw new Error("unterminated quote")
        champ += texte.slice(i, q)
        if (texte[q + 1] === "\"") {
          champ += "\""
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      debut = false
      continue
    }
    if (c === separateur) {
      record.push(champ)
      champ = ""
      debut = true
      i++
    } else if (c === "\r" && texte[i + 1] === "\n") {
      record.push(champ)
      records.push(record)
      record = []
      champ = ""
      debut = true
      i += 2
    } else if (c === "\r" || c === "\n" || c === "\"") {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`)
    } else {
      champ += c
      debut = false
      i++
    }
  }
  if (champ !== "" || record.length > 0) throw new Error("last record without CRLF")
  return records
}
