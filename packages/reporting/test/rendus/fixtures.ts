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
    {
      texte: "a;b,c \"quoted\"\r\nnew line",
      n: 1234.5,
      entier: 187,
      taux: 12.5,
      montant: 21345,
      ok: true,
      jour: "2024-03-05",
      themes: ["petite enfance", "parentalité"]
    },
    {
      texte: "=cmd|' /C calc'!A0",
      n: -3.25,
      entier: -2,
      taux: -0.5,
      montant: -12.3,
      ok: false,
      jour: "2024-03",
      themes: []
    },
    {
      texte: "+33 1 23",
      n: 1e21,
      entier: 9007199254740991,
      taux: 0,
      montant: 0.5,
      ok: null,
      jour: "pas une date",
      themes: ["a | b"]
    },
    { texte: "@SUM(A1)", n: 1.5e-7, entier: 0, taux: null, montant: null, ok: true, jour: null, themes: null },
    {
      texte: "-12",
      n: -0,
      entier: 2024,
      taux: 100,
      montant: 1e6,
      ok: false,
      jour: "2024-02-30",
      themes: ["=HYPERLINK(\"x\")"]
    },
    {
      texte: "<script>alert('x')</script> &amp; été ✓ 𝔘",
      n: 0.1,
      entier: 1,
      taux: 33.333333,
      montant: 1234.5,
      ok: true,
      jour: "2025",
      themes: ["\ttab"]
    },
    { texte: null, n: null, entier: null, taux: null, montant: null, ok: null, jour: null, themes: null }
  ]
}

export const vide: Extrait.Extrait = {
  nom: "vide",
  titre: "Rien",
  grain: "une ligne par rien",
  colonnes: [
    { nom: "a", libelle: "A", type: "text", description: "a" },
    { nom: "b", libelle: "B", type: "integer", description: "b" }
  ],
  lignes: []
}

/** A strict RFC 4180 reader (CRLF records, quoted fields, doubled quotes): what a spreadsheet does with the file. */
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

/**
 * A journal de projet as the lead will compose it. Figures from seed 000 (Hauts-de-Seine): AVIP/AVIS places supported
 * 187 in 2024 and 204 in 2025, insertion referents 5 and 7 (000_dc5c22e135528cac.txt line 121); the first labelling
 * committee on 1 December 2025 (line 116); the schéma covers 2022-2026 (line 3).
 */
export const avip: Extrait.Extrait = {
  nom: "avip",
  titre: "Insertion : places AVIP/AVIS et référents",
  grain: "une ligne par année",
  colonnes: [
    { nom: "annee", libelle: "Année", type: "integer", description: "année" },
    { nom: "places", libelle: "Places soutenues", type: "integer", description: "places AVIP/AVIS", format: "entier" },
    {
      nom: "referents",
      libelle: "Référents insertion",
      type: "integer",
      description: "postes financés",
      format: "entier"
    }
  ],
  lignes: [{ annee: 2024, places: 187, referents: 5 }, { annee: 2025, places: 204, referents: 7 }]
}

export const rapport = (R: typeof import("@sdsf/reporting").Rapport): import("@sdsf/reporting").Rapport.Rapport =>
  R.make({
    titre: "Schéma des services aux familles des Hauts-de-Seine <2022-2026>",
    sousTitre: "Journal de projet & bilan \"annuel\"",
    resume: {
      paragraphes: ["Le premier comité de labellisation s'est tenu le 1er décembre 2025.", "<script>alert(1)</script>"],
      chiffres: [{ libelle: "Places AVIP/AVIS en 2025", valeur: 204, format: "entier" }, {
        libelle: "Taux",
        valeur: 12.5,
        format: "pourcent"
      }]
    },
    sections: [
      R.chronologie("Les étapes du schéma", [
        { jour: "2025-12-01", libelle: "Premier comité de labellisation AVIP/AVIS", categorie: "gouvernance" },
        { jour: "2022", libelle: "Début du schéma 2022-2026", categorie: "phase" },
        { jour: "2026-06", libelle: "Bilan <évaluatif>", detail: "ligne 1\nligne 2 & \"suite\"" }
      ]),
      R.tableau(avip, { introduction: "Appel à projets insertion Caf / Conseil départemental." }),
      R.barresDe(avip, {
        titre: "Places et référents par année",
        categorie: "annee",
        valeurs: ["places", "referents"]
      }),
      R.histogramme("Écarts (négatifs compris)", [
        "Commune <A>",
        "Commune \"B\" dont le nom est vraiment très long pour un graphique"
      ], [
        { libelle: "Écart", valeurs: [-35.5, 1234567.25] }
      ], { format: "decimal", source: "données d'essai" }),
      { ...R.tableau(hostile), sautDePage: true },
      R.tableau(vide),
      R.texte("Méthode", ["Les chiffres viennent des projections ; voir la provenance."])
    ]
  })
