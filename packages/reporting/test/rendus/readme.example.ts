// The renderers' example of README.md, type-checked and run with the tests (readme.test.ts keeps the two identical).
import { Effect } from "effect"
import { Csv, Html, Markdown, Rapport, Xlsx } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"

// AVIP/AVIS places supported in the Hauts-de-Seine: 187 in 2024, 204 in 2025 (seed 000, line 121).
const places: Extrait.Extrait = {
  nom: "places_avip",
  titre: "Places AVIP/AVIS soutenues",
  grain: "une ligne par année",
  colonnes: [
    { nom: "annee", libelle: "Année", type: "integer", description: "l'année" },
    { nom: "places", libelle: "Places", type: "integer", description: "places soutenues", format: "entier" }
  ],
  lignes: [{ annee: 2024, places: 187 }, { annee: 2025, places: 204 }]
}
// Where the tables come from: the store as you name it, its last position read, the projections (name, version).
const source = { magasin: "production", position: 81_234, projections: [{ name: "insertion", version: 1 }] }

export const exporter = Effect.gen(function*() {
  const fichiers = yield* Csv.fichiers([places], source) // places_avip.csv and manifeste.json, as bytes
  const xlsx = yield* Xlsx.classeur([places], source) // sheets places_avip and manifeste
  const md = yield* Markdown.texte([places], source, { titre: "Insertion" })
  const html = yield* Html.document(
    Rapport.make({
      titre: "Schéma des services aux familles des Hauts-de-Seine",
      sousTitre: "Journal de projet 2022-2026",
      resume: { chiffres: [{ libelle: "Places AVIP/AVIS en 2025", valeur: 204, format: "entier" }] },
      sections: [
        Rapport.chronologie("Étapes", [{ jour: "2025-12-01", libelle: "Premier comité de labellisation AVIP/AVIS" }]),
        Rapport.tableau(places),
        Rapport.barresDe(places, { titre: "Places par année", categorie: "annee", valeurs: ["places"] })
      ]
    }),
    source
  )
  return { fichiers: [...fichiers.keys()], xlsx: xlsx.byteLength, md, html }
})
