/**
 * Tables read from CSV or XLSX files: a header row and data rows, each cell with its line and column, so that a
 * problem names the cell it comes from.
 */
import { Effect, Result } from "effect"
import { FichierInvalide } from "./FichierInvalide.ts"
import { texte } from "./Source.ts"
import type { Fichier } from "./Source.ts"

/** A data row: its line in the file (1-based; the sheet's row number for XLSX) and its cells by header. */
export interface Ligne {
  readonly ligne: number
  readonly cellules: ReadonlyArray<string>
}

/** A table: the headers (trimmed, lowercase) and the data rows. */
export interface Tableau {
  readonly fichier: string
  readonly entetes: ReadonlyArray<string>
  readonly lignes: ReadonlyArray<Ligne>
}

const echec = (fichier: string, ligne: number, colonne: number, attendu: string, recu: string) =>
  new FichierInvalide({ fichier, problemes: [{ ligne, colonne, chemin: "", attendu, recu }] })

/**
 * Parses CSV (RFC 4180: quoted fields may hold separators, quotes doubled, line breaks): the separator is the one of
 * `;`, `,` or tab that the header line holds most of. A row with another number of cells than the header, or a quote
 * left open, is an error naming its line.
 */
export const csv = (fichier: Fichier): Result.Result<Tableau, FichierInvalide> => {
  const t = texte(fichier)
  if (Result.isFailure(t)) return Result.fail(t.failure)
  const s = t.success
  const premiere = s.slice(0, s.search(/\r?\n|$/))
  const compte = (c: string) => premiere.split(c).length - 1
  const sep = [";", ",", "\t"].reduce((a, b) => (compte(b) > compte(a) ? b : a))
  const rows: Array<{ ligne: number; cellules: Array<string> }> = []
  let cellules: Array<string> = []
  let cellule = ""
  let ligne = 1
  let debut = 1
  let guillemets = false
  let ouverture = 0
  let i = 0
  const finLigne = () => {
    cellules.push(cellule)
    if (!(cellules.length === 1 && cellules[0] === "")) rows.push({ ligne: debut, cellules })
    cellules = []
    cellule = ""
  }
  while (i < s.length) {
    const c = s[i] as string
    if (guillemets) {
      if (c === "\"") {
        if (s[i + 1] === "\"") {
          cellule += "\""
          i++
        } else guillemets = false
      } else {
        if (c === "\n") ligne++
        cellule += c
      }
    } else if (c === "\"" && cellule === "") {
      guillemets = true
      ouverture = ligne
    } else if (c === sep) {
      cellules.push(cellule)
      cellule = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++
      finLigne()
      ligne++
      debut = ligne
    } else cellule += c
    i++
  }
  if (guillemets) {
    const attendu = "a closing quote (\") for the field opened here"
    return Result.fail(echec(fichier.nom, ouverture, cellules.length + 1, attendu, "the end of the file"))
  }
  if (cellule !== "" || cellules.length > 0) finLigne()
  const [tete, ...donnees] = rows
  if (tete === undefined) return Result.fail(echec(fichier.nom, 1, 1, "a header row", "an empty file"))
  const entetes = tete.cellules.map((h) => h.trim().toLowerCase())
  for (const r of donnees) {
    if (r.cellules.length !== entetes.length) {
      return Result.fail(
        echec(
          fichier.nom,
          r.ligne,
          Math.min(r.cellules.length, entetes.length) + 1,
          `${entetes.length} cells separated by '${sep === "\t" ? "\\t" : sep}', as the header has`,
          `${r.cellules.length} cells`
        )
      )
    }
  }
  const lignes = donnees.map((r) => ({ ligne: r.ligne, cellules: r.cellules.map((x) => x.trim()) }))
  return Result.succeed({ fichier: fichier.nom, entetes, lignes })
}

const texteCellule = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === "object") {
    if ("result" in v) return texteCellule((v as { readonly result: unknown }).result)
    if ("text" in v) return String((v as { readonly text: unknown }).text)
    if ("richText" in v) {
      return (v as { readonly richText: ReadonlyArray<{ readonly text: string }> }).richText.map((r) => r.text).join("")
    }
    return ""
  }
  return String(v)
}

/** Reads the first sheet of an XLSX workbook (with exceljs): row numbers are the sheet's, columns 1-based. */
export const xlsx = (fichier: Fichier): Effect.Effect<Tableau, FichierInvalide> =>
  Effect.gen(function*() {
    const bytes = typeof fichier.contenu === "string" ? new TextEncoder().encode(fichier.contenu) : fichier.contenu
    const { default: ExcelJS } = yield* Effect.promise(() => import("exceljs"))
    const workbook = new ExcelJS.Workbook()
    yield* Effect.tryPromise({
      try: () =>
        workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
      catch: (e) =>
        echec(fichier.nom, 1, 1, "an XLSX workbook", e instanceof Error ? e.message.slice(0, 80) : "unreadable bytes")
    })
    const sheet = workbook.worksheets[0]
    if (sheet === undefined) return yield* Effect.fail(echec(fichier.nom, 1, 1, "a workbook with a sheet", "no sheet"))
    const rows: Array<Ligne> = []
    let largeur = 0
    sheet.eachRow({ includeEmpty: false }, (row, numero) => {
      const valeurs = row.values as ReadonlyArray<unknown>
      const cellules = Array.from({ length: Math.max(valeurs.length - 1, 0) }, (_, k) =>
        texteCellule(valeurs[k + 1]).trim())
      if (rows.length === 0) {
        largeur = cellules.length
      }
      rows.push({ ligne: numero, cellules })
    })
    const [tete, ...donnees] = rows
    if (tete === undefined) {
      return yield* Effect.fail(echec(fichier.nom, 1, 1, "a header row", "an empty sheet"))
    }
    const entetes = tete.cellules.map((h) =>
      h.toLowerCase()
    )
    const tableau: Tableau = {
      fichier: fichier.nom,
      entetes,
      lignes: donnees.map((r) => ({
        ligne: r.ligne,
        cellules: Array.from({ length: largeur }, (_, k) => r.cellules[k] ?? "")
      }))
    }
    return tableau
  })
