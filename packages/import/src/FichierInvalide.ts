/**
 * The one error of every import: the file, and each problem with its line, column, field, what was expected and what
 * was received. Nothing was written when it is raised.
 */
import { Schema } from "effect"

/** One problem of an input file. */
export const Probleme = Schema.Struct({
  /** 1-based line in the file, when the problem has a place in it. */
  ligne: Schema.optionalKey(Schema.Number),
  /** 1-based column (a CSV column number, or a character column in YAML/JSON). */
  colonne: Schema.optionalKey(Schema.Number),
  /** The field: `chronologie[3].le`, `valeurs[0].territoire`, or a CSV header (`txcouv_dep`). */
  chemin: Schema.String,
  /** What was expected, in words. */
  attendu: Schema.String,
  /** The value received, as short JSON (`missing` when absent). */
  recu: Schema.String
})
export type Probleme = typeof Probleme.Type

/** A problem on one line: `plan.yaml:12:5 chronologie[3].le: expected a day YYYY-MM-DD, received "2025-13-01"`. */
export const formatProbleme = (fichier: string, p: Probleme): string => {
  const ou = p.ligne === undefined ? fichier : `${fichier}:${p.ligne}${p.colonne === undefined ? "" : `:${p.colonne}`}`
  const champ = p.chemin === "" ? "" : ` ${p.chemin}:`
  return `${ou}${champ} ${p.attendu}${p.recu === "missing" ? " (missing)" : `, received ${p.recu}`}`
}

/** A file that cannot be imported: every problem found, in file order; nothing was written. */
export class FichierInvalide extends Schema.TaggedError<FichierInvalide>()("FichierInvalide", {
  fichier: Schema.String,
  problemes: Schema.Array(Probleme)
}) {
  override get message(): string {
    const montres = this.problemes.slice(0, 5).map((p) => formatProbleme(this.fichier, p))
    const reste = this.problemes.length > 5 ? [`(and ${this.problemes.length - 5} more)`] : []
    return [...montres, ...reste].join("\n")
  }
}

/** A value as short JSON: at most `max` characters. */
export const formatValeur = (value: unknown, max = 80): string => {
  if (value === undefined) return "missing"
  const text = typeof value === "bigint"
    ? `${value}n`
    : value instanceof Date
    ? JSON.stringify(value.toISOString())
    : JSON.stringify(value) ?? String(value)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
