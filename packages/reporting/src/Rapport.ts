/**
 * A report people read (a schéma's *journal de projet*, a yearly review): a title, a summary and sections, whatever
 * the schéma. Projections give the pieces (extracts, dated steps, series); the caller composes them; `Html` renders
 * the report as one self-contained document.
 *
 * ```ts
 * const rapport = Rapport.make({
 *   titre: "Schéma des services aux familles des Hauts-de-Seine",
 *   sousTitre: "Journal de projet 2022-2026",
 *   resume: {
 *     paragraphes: ["Le premier comité de labellisation AVIP/AVIS s'est tenu le 1er décembre 2025."],
 *     chiffres: [{ libelle: "Places AVIP/AVIS en 2025", valeur: 204, format: "entier" }]
 *   },
 *   sections: [
 *     Rapport.chronologie("Les étapes", etapes),
 *     Rapport.tableau(registreDesActions),
 *     Rapport.barresDe(places, { titre: "Places par année", categorie: "annee", valeurs: ["places"] })
 *   ]
 * })
 * ```
 */
import { Schema } from "effect"
import type { Colonne, Extrait } from "./Extrait.ts"
import * as Rendu from "./Rendu.ts"

/** A dated step of a timeline (a phase, the adoption, a signature, a bilan step). */
export interface Etape {
  /** An ISO day, month or year (`2022-05-12`, `2022-05`, `2022`): shown in French (`12 mai 2022`). */
  readonly jour: string
  readonly libelle: string
  readonly detail?: string | undefined
  /** A short tag shown beside the date (`phase`, `signature`, `bilan`). */
  readonly categorie?: string | undefined
}

/** A series of a bar chart: one value per category (null when there is none: no bar, `n.d.`). */
export interface Serie {
  readonly libelle: string
  readonly valeurs: ReadonlyArray<number | null>
}

/** Free text: paragraphs. */
export interface Texte {
  readonly _tag: "Texte"
  readonly titre: string
  readonly paragraphes: ReadonlyArray<string>
  readonly sautDePage?: boolean | undefined
}

/** A timeline: steps shown in date order (ISO dates sort as text: `2022` before `2022-05` before `2022-05-12`). */
export interface Chronologie {
  readonly _tag: "Chronologie"
  readonly titre: string
  readonly introduction?: string | undefined
  readonly etapes: ReadonlyArray<Etape>
  readonly sautDePage?: boolean | undefined
}

/** A table: an extract, listed in the report's provenance with its checksum. */
export interface Tableau {
  readonly _tag: "Tableau"
  /** Default: the extract's title. */
  readonly titre?: string | undefined
  readonly introduction?: string | undefined
  readonly extrait: Extrait
  readonly sautDePage?: boolean | undefined
}

/** A horizontal bar chart: per category, one bar per series (grouped), values printed beside the bars. */
export interface Histogramme {
  readonly _tag: "Histogramme"
  readonly titre: string
  readonly introduction?: string | undefined
  readonly categories: ReadonlyArray<string>
  readonly series: ReadonlyArray<Serie>
  /** How values are printed (`Rendu.nombre`); default `decimal`. */
  readonly format?: Colonne["format"]
  /** Where the figures come from (a table's name, a seed), printed under the chart. */
  readonly source?: string | undefined
  readonly sautDePage?: boolean | undefined
}

/** A section of a report. */
export type Section = Texte | Chronologie | Tableau | Histogramme

/** Key figures of the summary. */
export interface Chiffre {
  readonly libelle: string
  readonly valeur: number
  readonly format?: Colonne["format"]
}

/** A report: a title, a subtitle, a summary (paragraphs and key figures) and sections. */
export interface Rapport {
  readonly titre: string
  readonly sousTitre?: string | undefined
  readonly resume?: {
    readonly paragraphes?: ReadonlyArray<string> | undefined
    readonly chiffres?: ReadonlyArray<Chiffre> | undefined
  } | undefined
  readonly sections: ReadonlyArray<Section>
}

/** A report a renderer refused: `section` is its index and title (`2 (Les étapes)`), or `rapport`. */
export class RapportInvalide extends Schema.TaggedError<RapportInvalide>()("RapportInvalide", {
  section: Schema.String,
  champ: Schema.String,
  raison: Schema.String,
  valeur: Schema.String
}) {
  override get message(): string {
    return `rapport, section ${this.section}: ${this.champ} ${this.valeur}: ${this.raison}`
  }
}

/** A report (the identity: it documents the shape). */
export const make = (rapport: Rapport): Rapport => rapport

/** A text section. */
export const texte = (titre: string, paragraphes: ReadonlyArray<string>): Texte => ({
  _tag: "Texte",
  titre,
  paragraphes
})

/** A timeline section. */
export const chronologie = (
  titre: string,
  etapes: ReadonlyArray<Etape>,
  options: { readonly introduction?: string | undefined } = {}
): Chronologie => ({ _tag: "Chronologie", titre, etapes, introduction: options.introduction })

/** A table section. */
export const tableau = (
  extrait: Extrait,
  options: { readonly titre?: string | undefined; readonly introduction?: string | undefined } = {}
): Tableau => ({ _tag: "Tableau", extrait, titre: options.titre, introduction: options.introduction })

/** A bar-chart section. */
export const histogramme = (
  titre: string,
  categories: ReadonlyArray<string>,
  series: ReadonlyArray<Serie>,
  options: {
    readonly format?: Colonne["format"]
    readonly introduction?: string | undefined
    readonly source?: string | undefined
  } = {}
): Histogramme => ({ _tag: "Histogramme", titre, categories, series, ...options })

/**
 * A bar chart from an extract: a category per row (the `categorie` column as people read it), a series per column of
 * `valeurs` (labelled with the column's label, printed with the first one's format). Its source is the extract.
 */
export const barresDe = (
  extrait: Extrait,
  options: { readonly titre: string; readonly categorie: string; readonly valeurs: ReadonlyArray<string> }
): Histogramme => {
  const colonne = (nom: string) => extrait.colonnes.find((c) => c.nom === nom)
  const cat = colonne(options.categorie)
  return {
    _tag: "Histogramme",
    titre: options.titre,
    categories: extrait.lignes.map((l) => (cat === undefined ? "" : Rendu.texte(cat, l[cat.nom] ?? null))),
    series: options.valeurs.map((nom) => ({
      libelle: colonne(nom)?.libelle ?? nom,
      valeurs: extrait.lignes.map((l) => {
        const v = l[nom]
        return typeof v === "number" ? v : null
      })
    })),
    format: colonne(options.valeurs[0] ?? "")?.format,
    source: extrait.titre
  }
}

/** A section's title as shown (a table's defaults to its extract's). */
export const titreDe = (s: Section): string => s._tag === "Tableau" ? s.titre ?? s.extrait.titre : s.titre

const dateIso = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/

/**
 * Why a report cannot be rendered, or undefined: every table valid (`Rendu.raison`) and named once, every step dated
 * by an ISO day, month or year, every series with one value per category, values finite, key figures finite.
 */
export const raison = (rapport: Rapport): RapportInvalide | Rendu.ExtraitInvalide | undefined => {
  for (const c of rapport.resume?.chiffres ?? []) {
    if (!Number.isFinite(c.valeur)) {
      const champ = `chiffres.${c.libelle}`
      return new RapportInvalide({ section: "resume", champ, raison: "a finite number", valeur: String(c.valeur) })
    }
  }
  const extraits = new Set<string>()
  for (let i = 0; i < rapport.sections.length; i++) {
    const s = rapport.sections[i]!
    const refus = (champ: string, raison: string, valeur: string) =>
      new RapportInvalide({ section: `${i} (${titreDe(s)})`, champ, raison, valeur })
    switch (s._tag) {
      case "Texte":
        break
      case "Chronologie":
        for (let k = 0; k < s.etapes.length; k++) {
          const e = s.etapes[k]!
          if (!dateIso.test(e.jour)) return refus(`etapes[${k}].jour`, "an ISO day, month or year", e.jour)
        }
        break
      case "Tableau": {
        const r = Rendu.raison(s.extrait)
        if (r !== undefined) return r
        if (extraits.has(s.extrait.nom)) return refus("extrait.nom", "unique among the report's tables", s.extrait.nom)
        extraits.add(s.extrait.nom)
        break
      }
      case "Histogramme":
        for (let k = 0; k < s.series.length; k++) {
          const serie = s.series[k]!
          if (serie.valeurs.length !== s.categories.length) {
            const raison = `one value per category (${s.categories.length})`
            return refus(`series[${k}].valeurs`, raison, String(serie.valeurs.length))
          }
          const v = serie.valeurs.find((x) => x !== null && !Number.isFinite(x))
          if (v !== undefined) return refus(`series[${k}].valeurs`, "finite numbers or null", String(v))
        }
        break
      default: {
        const _: never = s
        return _
      }
    }
  }
  return undefined
}

/** The extracts of a report's table sections, in order: what its provenance lists. */
export const extraits = (rapport: Rapport): ReadonlyArray<Extrait> =>
  rapport.sections.flatMap((s) => (s._tag === "Tableau" ? [s.extrait] : []))
