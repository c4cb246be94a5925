/**
 * Reading an input file: bytes checked as UTF-8 (a Latin-1 export is named by line and column, never read as
 * mojibake), then YAML or JSON parsed with the position of every value, so that each later problem names its line.
 */
import { Result } from "effect"
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml"
import type { Node } from "yaml"
import { FichierInvalide, formatValeur } from "./FichierInvalide.ts"
import type { Probleme } from "./FichierInvalide.ts"

/** A file to import: its name (for messages) and its content, as bytes or as text already decoded. */
export interface Fichier {
  readonly nom: string
  readonly contenu: string | Uint8Array
}

/** Where the first byte that is not UTF-8 sits, or undefined when all of them are. */
const premierOctetInvalide = (b: Uint8Array): number | undefined => {
  let i = 0
  while (i < b.length) {
    const x = b[i] as number
    const n = x < 0x80 ? 0 : x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : -1
    if (n < 0) return i
    for (let k = 1; k <= n; k++) {
      const y = b[i + k]
      if (y === undefined || (y & 0xc0) !== 0x80) return i
    }
    if (n === 2) {
      const y = b[i + 1] as number
      if ((x === 0xe0 && y < 0xa0) || (x === 0xed && y > 0x9f)) return i
    }
    if (n === 3) {
      const y = b[i + 1] as number
      if ((x === 0xf0 && y < 0x90) || (x === 0xf4 && y > 0x8f)) return i
    }
    i += n + 1
  }
  return undefined
}

/** The file's text: UTF-8 (a byte-order mark is dropped), or `FichierInvalide` naming the line of the first bad byte. */
export const texte = (fichier: Fichier): Result.Result<string, FichierInvalide> => {
  if (typeof fichier.contenu === "string") return Result.succeed(fichier.contenu.replace(/^\uFEFF/, ""))
  const bytes = fichier.contenu
  const bad = premierOctetInvalide(bytes)
  if (bad === undefined) return Result.succeed(new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, ""))
  let ligne = 1
  let debut = 0
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a) {
      ligne++
      debut = i + 1
    }
  }
  const colonne = new TextDecoder("utf-8").decode(bytes.subarray(debut, bad)).length + 1
  const octet = (bytes[bad] as number).toString(16).toUpperCase().padStart(2, "0")
  return Result.fail(
    new FichierInvalide({
      fichier: fichier.nom,
      problemes: [{
        ligne,
        colonne,
        chemin: "",
        attendu: "text encoded in UTF-8 (re-save the file as UTF-8; Latin-1 and Windows-1252 are not read)",
        recu: `byte 0x${octet}`
      }]
    })
  )
}

/** A parsed YAML or JSON document: its value, and where each value of it sits. */
export interface Document {
  readonly fichier: string
  readonly valeur: unknown
  /** Line and column of the value at `chemin` (or of its nearest parent present in the file). */
  readonly position: (chemin: ReadonlyArray<PropertyKey>) => { readonly ligne: number; readonly colonne: number }
}

/** The value at a path of parsed data, or undefined. */
export const valeurA = (input: unknown, chemin: ReadonlyArray<PropertyKey>): unknown => {
  let v = input
  for (const k of chemin) {
    if (typeof v !== "object" || v === null) return undefined
    v = (v as Record<PropertyKey, unknown>)[k]
  }
  return v
}

/** `chronologie[3].le` from `["chronologie", 3, "le"]`. */
export const formatChemin = (chemin: ReadonlyArray<PropertyKey>): string =>
  chemin.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("")

/**
 * Parses YAML (1.2, core schema: `2025-12-12` stays a string) or JSON (a JSON file is YAML): the value, or
 * `FichierInvalide` with each syntax error (line, column) and duplicate key. Anchors and aliases are refused beyond
 * 100 expansions (a "billion laughs" file).
 */
export const parser = (fichier: Fichier): Result.Result<Document, FichierInvalide> => {
  const t = texte(fichier)
  if (Result.isFailure(t)) return Result.fail(t.failure)
  const lineCounter = new LineCounter()
  const doc = parseDocument(t.success, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset)
    return { ligne: p.line, colonne: p.col }
  }
  if (doc.errors.length > 0) {
    const problemes: Array<Probleme> = doc.errors.map((e) => ({
      ...pos(e.pos[0]),
      chemin: "",
      attendu: `valid YAML or JSON: ${e.message.split("\n")[0] ?? e.code}`,
      recu: formatValeur(t.success.slice(e.pos[0], Math.max(e.pos[0] + 1, Math.min(e.pos[1], e.pos[0] + 30))))
    }))
    return Result.fail(new FichierInvalide({ fichier: fichier.nom, problemes }))
  }
  const js = Result.try({ try: (): unknown => doc.toJS({ maxAliasCount: 100 }), catch: (e) => e })
  if (Result.isFailure(js)) {
    return Result.fail(
      new FichierInvalide({
        fichier: fichier.nom,
        problemes: [{
          ligne: 1,
          colonne: 1,
          chemin: "",
          attendu: `a YAML document: ${String(js.failure)}`,
          recu: "the file"
        }]
      })
    )
  }
  const valeur = js.success
  const position = (chemin: ReadonlyArray<PropertyKey>) => {
    let node: unknown = doc.contents
    let best = node
    for (const k of chemin) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(k))
        if (pair === undefined) break
        node = pair.value ?? pair.key
      } else if (isSeq(node) && typeof k === "number") {
        const item = node.items[k]
        if (item === undefined) break
        node = item
      } else break
      best = node
    }
    const range = (best as Node | null)?.range
    return range === undefined || range === null ? { ligne: 1, colonne: 1 } : pos(range[0])
  }
  return Result.succeed({ fichier: fichier.nom, valeur, position })
}
