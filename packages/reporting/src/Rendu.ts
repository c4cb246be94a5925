/**
 * What the renderers (`Csv`, `Xlsx`, `Markdown`, `Html`) share: the check of an extract before anything is written,
 * its typed error, and how a cell is shown to people (French number formats, `oui`/`non`, lists).
 */
import { Effect, Schema } from "effect"
import type { Projection } from "@sdsf/domain"
import type { Colonne, Extrait } from "./Extrait.ts"

/** An extract a renderer refused: nothing was written. `champ` names the offending part (`nom`, `lignes[3].taux`). */
export class ExtraitInvalide extends Schema.TaggedError<ExtraitInvalide>()("ExtraitInvalide", {
  extrait: Schema.String,
  champ: Schema.String,
  raison: Schema.String,
  valeur: Schema.String
}) {
  override get message(): string {
    return `extrait ${this.extrait}: ${this.champ} ${this.valeur}: ${this.raison}`
  }
}

const identifiant = /^[a-z][a-z0-9_]*$/

const montrer = (v: unknown): string => {
  if (typeof v === "number") return String(v)
  if (v === undefined) return "undefined"
  return JSON.stringify(v) ?? String(v)
}

const formatsNombre = new Set(["entier", "decimal", "pourcent", "euros"])

const raisonColonne = (c: Colonne): string | undefined => {
  if (!identifiant.test(c.nom)) return "[a-z][a-z0-9_]*"
  if (c.format === undefined) return undefined
  if (formatsNombre.has(c.format)) {
    return c.type === "integer" || c.type === "number" ? undefined : `format ${c.format} on a ${c.type} column`
  }
  return c.type === "text" ? undefined : `format ${c.format} on a ${c.type} column`
}

const raisonCellule = (type: Projection.ColumnType, v: unknown): string | undefined => {
  if (v === null) return undefined
  switch (type) {
    case "text":
      return typeof v === "string" ? undefined : "a string or null"
    case "text[]":
      return Array.isArray(v) && v.every((s) => typeof s === "string") ? undefined : "an array of strings or null"
    case "integer":
      return Number.isSafeInteger(v) ? undefined : "a safe integer or null"
    case "number":
      return typeof v === "number" && Number.isFinite(v)
        ? undefined
        : "a finite number or null (NaN and ±Infinity are refused)"
    case "boolean":
      return typeof v === "boolean" ? undefined : "a boolean or null"
  }
}

/**
 * Why an extract cannot be rendered, or undefined: its name and column names must be identifiers (unique), a number
 * format only on a number column and `jour` only on text, every row must have a cell of its column's type for every
 * column (`null` is always allowed; numbers are finite). Cells of other names are not shown and not checked.
 */
export const raison = (extrait: Extrait): ExtraitInvalide | undefined => {
  const refus = (champ: string, raison: string, valeur: unknown) =>
    new ExtraitInvalide({ extrait: extrait.nom, champ, raison, valeur: montrer(valeur) })
  if (!identifiant.test(extrait.nom)) return refus("nom", "[a-z][a-z0-9_]*", extrait.nom)
  const noms = new Set<string>()
  for (const c of extrait.colonnes) {
    const r = raisonColonne(c)
    if (r !== undefined) return refus(`colonnes.${c.nom}`, r, c.format ?? c.nom)
    if (noms.has(c.nom)) return refus("colonnes", "unique column names", c.nom)
    noms.add(c.nom)
  }
  for (let i = 0; i < extrait.lignes.length; i++) {
    const ligne = extrait.lignes[i]!
    for (const c of extrait.colonnes) {
      if (!Object.hasOwn(ligne, c.nom)) return refus(`lignes[${i}].${c.nom}`, "missing", undefined)
      const r = raisonCellule(c.type, ligne[c.nom])
      if (r !== undefined) return refus(`lignes[${i}].${c.nom}`, `expected ${r}`, ligne[c.nom])
    }
  }
  return undefined
}

/** Checks extracts rendered together: each one (see `raison`), and their names are unique. */
export const verifier = (extraits: ReadonlyArray<Extrait>): Effect.Effect<void, ExtraitInvalide> =>
  Effect.suspend(() => {
    const noms = new Set<string>()
    for (const e of extraits) {
      const r = raison(e)
      if (r !== undefined) return Effect.fail(r)
      if (noms.has(e.nom)) {
        const raison = "unique among the extracts"
        return Effect.fail(new ExtraitInvalide({ extrait: e.nom, champ: "nom", raison, valeur: e.nom }))
      }
      noms.add(e.nom)
    }
    return Effect.void
  })

// ---------------------------------------------------------------------------------------------------------------
// Cells as people read them

/** How list cells (`text[]`) are joined in CSV, XLSX, Markdown and HTML: `a | b`. */
export const SEPARATEUR_LISTE = " | "

/** The thousands separator of French numbers: U+202F, the narrow no-break space (as `Intl` prints `fr-FR`). */
export const ESPACE_MILLIERS = "\u202f"

const groupe = (entier: string): string => entier.replace(/\B(?=(\d{3})+(?!\d))/g, ESPACE_MILLIERS)

const exposants: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻"
}

/** `n` with at most `decimales` decimals (trailing zeros dropped unless `fixe`), decimal comma, optional grouping. */
const decimal = (n: number, decimales: number, grouper: boolean, fixe = false): string => {
  if (Object.is(n, -0)) n = 0
  if (Math.abs(n) >= 1e21) {
    // toFixed prints these in exponent form: show them as a power of ten.
    const [mantisse, exposant] = n.toExponential().split("e")
    const puissance = exposant!.replace("+", "").split("").map((c) => exposants[c]).join("")
    return `${mantisse!.replace(".", ",")} × 10${puissance}`
  }
  let s = n.toFixed(decimales)
  if (!fixe && s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "")
  if (s === "-0") s = "0"
  const negatif = s.startsWith("-")
  const [entier, fraction] = (negatif ? s.slice(1) : s).split(".")
  const e = grouper ? groupe(entier!) : entier!
  return `${negatif ? "-" : ""}${e}${fraction === undefined ? "" : `,${fraction}`}`
}

/**
 * A number as French readers expect it, by column format: `entier` `1 234` (rounded), `decimal` `1 234,5` (up to 6
 * decimals), `pourcent` `12,5 %` (the value is already in percent), `euros` `1 234 €` or `1 234,50 €` (cents only
 * when there are some). Without a format, an `integer` prints as stored (`2024`: years and codes are not grouped) and
 * a `number` with a decimal comma and up to 6 decimals, ungrouped. Beyond 10²¹: `1,5 × 10²¹`.
 */
export const nombre = (n: number, format: Colonne["format"], type: Projection.ColumnType = "number"): string => {
  switch (format) {
    case "entier":
      return decimal(n, 0, true)
    case "decimal":
      return decimal(n, 6, true)
    case "pourcent":
      return `${decimal(n, 6, true)}\u00a0%`
    case "euros":
      return `${Number.isInteger(n) ? decimal(n, 0, true) : decimal(n, 2, true, true)}\u00a0€`
    default:
      return type === "integer" ? decimal(n, 0, false) : decimal(n, 6, false)
  }
}

const mois = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre"
]

/** The year, month and day of a full ISO day that exists (`2024-02-29`, not `2023-02-29`), else undefined. */
export const jourIso = (
  s: string
): { readonly annee: number; readonly mois: number; readonly jour: number } | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (m === null) return undefined
  const [annee, mo, j] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && j >= 1 && j <= joursDuMois(annee, mo) ? { annee, mois: mo, jour: j } : undefined
}

const joursDuMois = (annee: number, mo: number): number =>
  Math.round((Date.UTC(annee, mo, 1) - Date.UTC(annee, mo - 1, 1)) / 86_400_000)

/**
 * An ISO day (`2024-03-05`), month (`2024-03`) or year as French readers write it (`5 mars 2024`, `1er mars 2024`,
 * `mars 2024`); any other text (`2024-02-30` included) as is.
 */
export const jour = (s: string): string => {
  const d = jourIso(s)
  if (d !== undefined) return `${d.jour === 1 ? "1er" : d.jour} ${mois[d.mois - 1]} ${d.annee}`
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(s)
  if (m === null) return s
  if (m[2] === undefined) return m[1]!
  const nom = mois[Number(m[2]) - 1]
  return nom === undefined ? s : `${nom} ${m[1]}`
}

/** A cell as people read it: French numbers, `oui`/`non`, lists joined with ` | `, an ISO day as a date; null empty. */
export const texte = (c: Colonne, v: Projection.Cell): string => {
  if (v === null) return ""
  if (typeof v === "number") return nombre(v, c.format, c.type)
  if (typeof v === "boolean") return v ? "oui" : "non"
  if (typeof v === "string") return c.format === "jour" ? jour(v) : v
  return v.join(SEPARATEUR_LISTE)
}

/** Whether a column holds numbers (right-aligned in tables). */
export const numerique = (c: Colonne): boolean => c.type === "integer" || c.type === "number"
