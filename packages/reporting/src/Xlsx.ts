/**
 * Extracts as an Excel workbook (exceljs): a sheet per extract with typed cells and number formats, and a `manifeste`
 * sheet.
 */
import { Effect, Schema } from "effect"
import ExcelJS from "exceljs"
import type { Projection } from "@sdsf/domain"
import type { Colonne, Extrait } from "./Extrait.ts"
import * as Provenance from "./Provenance.ts"
import * as Rendu from "./Rendu.ts"

/** exceljs failed to write the workbook (a defect of the library, not of the extracts, which are checked first). */
export class XlsxError extends Schema.TaggedError<XlsxError>()("XlsxError", { raison: Schema.String }) {}

/** Excel's limit on a cell's text. */
export const MAX_CARACTERES = 32_767

/** The number format of a column (Excel codes; Excel shows them with the reader's own separators). */
export const formatNombre = (c: Colonne): string =>
  c.format === "entier"
    ? "#,##0"
    : c.format === "decimal"
    ? "#,##0.0#####"
    : c.format === "pourcent"
    ? "#,##0.0#####\" %\""
    : c.format === "euros"
    ? "#,##0.00\" €\""
    : "General"

/** The number format of `jour` cells holding a full ISO day. */
export const FORMAT_JOUR = "dd/mm/yyyy"

// XML 1.0 refuses C0 controls (but tab, LF, CR), U+FFFE, U+FFFF and lone surrogates, and reads CR LF as LF; OOXML
// writes such a character as `_xHHHH_` (ECMA-376 ST_Xstring, as Excel does for CR), and a literal `_xHHHH_` with its
// underscore escaped. Excel and exceljs read the original text back.
const horsXml = new RegExp(
  [
    "[\\u0000-\\u0008\\u000b-\\u001f\\ufffe\\uffff]",
    "[\\ud800-\\udbff](?![\\udc00-\\udfff])",
    "(?<![\\ud800-\\udbff])[\\udc00-\\udfff]",
    "_(?=x[0-9a-fA-F]{4}_)"
  ].join("|"),
  "g"
)

/** Text as a spreadsheet cell holds it: OOXML `_xHHHH_` escapes for what XML cannot carry; readers give it back. */
export const texteCellule = (s: string): string =>
  s.replace(horsXml, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)

/**
 * Sheet names for extracts: their `nom` cut to Excel's 31 characters, made unique (Excel compares them without case)
 * with a `~2`, `~3` suffix; `manifeste` and Excel's reserved `history` are taken.
 */
export const nomsFeuilles = (extraits: ReadonlyArray<Extrait>): ReadonlyArray<string> => {
  const pris = new Set(["manifeste", "history"])
  return extraits.map((e) => {
    let nom = e.nom.slice(0, 31)
    for (let k = 2; pris.has(nom.toLowerCase()); k++) nom = `${e.nom.slice(0, 31 - `~${k}`.length)}~${k}`
    pris.add(nom.toLowerCase())
    return nom
  })
}

type Valeur = string | number | boolean | Date | null

const valeur = (c: Colonne, v: Projection.Cell): Valeur => {
  if (v === null || typeof v === "number" || typeof v === "boolean") return v
  if (typeof v !== "string") return texteCellule(v.join(Rendu.SEPARATEUR_LISTE))
  const d = c.format === "jour" ? Rendu.jourIso(v) : undefined
  return d === undefined ? texteCellule(v) : new Date(Date.UTC(d.annee, d.mois - 1, d.jour))
}

const tropLong = (extraits: ReadonlyArray<Extrait>): Rendu.ExtraitInvalide | undefined => {
  for (const e of extraits) {
    for (let i = 0; i < e.lignes.length; i++) {
      for (const c of e.colonnes) {
        const v = e.lignes[i]![c.nom] ?? null
        const s = typeof v === "string" ? v : Array.isArray(v) ? v.join(Rendu.SEPARATEUR_LISTE) : ""
        if (texteCellule(s).length > MAX_CARACTERES) {
          return new Rendu.ExtraitInvalide({
            extrait: e.nom,
            champ: `lignes[${i}].${c.nom}`,
            raison: `at most ${MAX_CARACTERES} characters in a spreadsheet cell`,
            valeur: `${s.slice(0, 40)}… (${s.length} characters)`
          })
        }
      }
    }
  }
  return undefined
}

const largeur = (textes: ReadonlyArray<string>): number => Math.min(60, Math.max(8, ...textes.map((t) => t.length + 2)))

const feuille = (wb: ExcelJS.Workbook, nom: string, e: Extrait): void => {
  const ws = wb.addWorksheet(nom, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] })
  ws.columns = e.colonnes.map((c) => ({
    header: texteCellule(c.libelle),
    key: c.nom,
    width: largeur([c.libelle, ...e.lignes.slice(0, 1000).map((l) => Rendu.texte(c, l[c.nom] ?? null))]),
    ...(Rendu.numerique(c) ? { style: { numFmt: formatNombre(c) } } : {})
  }))
  ws.getRow(1).font = { bold: true }
  for (const l of e.lignes) {
    const row = ws.addRow(e.colonnes.map((c) => valeur(c, l[c.nom] ?? null)))
    e.colonnes.forEach((c, i) => {
      if (c.format === "jour" && row.getCell(i + 1).value instanceof Date) row.getCell(i + 1).numFmt = FORMAT_JOUR
    })
  }
  if (e.colonnes.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + e.lignes.length, column: e.colonnes.length } }
  }
}

const manifeste = (
  wb: ExcelJS.Workbook,
  m: Provenance.Manifeste,
  extraits: ReadonlyArray<Extrait>,
  feuilles: ReadonlyArray<string>
): void => {
  const ws = wb.addWorksheet("manifeste")
  const gras = (r: ExcelJS.Row) => (r.font = { bold: true })
  ws.columns = [{ width: 22 }, { width: 34 }, { width: 40 }, { width: 40 }, { width: 10 }, { width: 68 }]
  ws.addRow(["Magasin", texteCellule(m.magasin)])
  ws.addRow(["Position globale", m.position])
  ws.addRow(["Relu le", m.rejoueLe])
  ws.addRow(["Format", m.format])
  ws.addRow(["Empreintes", m.empreinte])
  ws.addRow([])
  gras(ws.addRow(["Projection", "Version"]))
  for (const p of m.projections) ws.addRow([texteCellule(p.nom), p.version])
  ws.addRow([])
  gras(ws.addRow(["Feuille", "Table", "Titre", "Grain", "Lignes", "SHA-256"]))
  m.tables.forEach((t, i) =>
    ws.addRow([feuilles[i]!, t.nom, texteCellule(t.titre), texteCellule(t.grain), t.lignes, t.sha256])
  )
  ws.addRow([])
  gras(ws.addRow(["Feuille", "Colonne", "Libellé", "Description", "Type", "Format"]))
  extraits.forEach((e, i) => {
    for (const c of e.colonnes) {
      ws.addRow([feuilles[i]!, c.nom, texteCellule(c.libelle), texteCellule(c.description), c.type, c.format ?? ""])
    }
  })
  for (let i = 1; i <= 5; i++) ws.getCell(i, 1).font = { bold: true }
}

/**
 * A workbook (.xlsx bytes): per extract a sheet (see `nomsFeuilles`) whose first row holds the columns' labels, bold,
 * frozen and with an autofilter; numbers as numbers with `formatNombre`, booleans as booleans, a `jour` cell holding a
 * full ISO day as a date (`dd/mm/yyyy`; a month or a year stays text), lists joined with ` | `, null empty; text is
 * never a formula (no CSV-style prefix needed). Then a `manifeste` sheet: the store, position, time, projections, per
 * table its sheet, row count and checksum, and per column its name, label, description, type and format. The bytes depend only on the extracts, the source and `Clock` (the zip
 * entries carry the manifest's time, not the wall clock). Refuses text longer than Excel's 32,767 characters.
 */
export const classeur = Effect.fn("Xlsx.classeur")(function*(
  extraits: ReadonlyArray<Extrait>,
  source: Provenance.Source
) {
  yield* Rendu.verifier(extraits)
  const long = tropLong(extraits)
  if (long !== undefined) return yield* long
  const m = yield* Provenance.manifeste(source, extraits)
  const instant = new Date(Date.parse(m.rejoueLe))
  const wb = new ExcelJS.Workbook()
  wb.creator = "sdsf"
  wb.created = instant
  wb.modified = instant
  const feuilles = nomsFeuilles(extraits)
  extraits.forEach((e, i) => feuille(wb, feuilles[i]!, e))
  manifeste(wb, m, extraits, feuilles)
  const buffer = yield* Effect.tryPromise({
    try: () => wb.xlsx.writeBuffer(),
    catch: (e) => new XlsxError({ raison: e instanceof Error ? e.message : String(e) })
  })
  return datesZip(new Uint8Array(buffer), instant)
})

/**
 * Sets every entry's modification time in a zip (local headers and central directory) to `instant` (UTC, in the DOS
 * format: 2-second resolution), so that the same workbook gives the same bytes whenever it is written.
 */
const datesZip = (zip: Uint8Array, instant: Date): Uint8Array => {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const heure = (instant.getUTCHours() << 11) | (instant.getUTCMinutes() << 5) | (instant.getUTCSeconds() >> 1)
  const jour = ((Math.max(1980, instant.getUTCFullYear()) - 1980) << 9) | ((instant.getUTCMonth() + 1) << 5) |
    instant.getUTCDate()
  let fin = zip.byteLength - 22
  while (fin >= 0 && v.getUint32(fin, true) !== 0x06054b50) fin--
  if (fin < 0) return zip
  const entrees = v.getUint16(fin + 10, true)
  let p = v.getUint32(fin + 16, true)
  for (let i = 0; i < entrees && v.getUint32(p, true) === 0x02014b50; i++) {
    v.setUint16(p + 12, heure, true)
    v.setUint16(p + 14, jour, true)
    const local = v.getUint32(p + 42, true)
    if (v.getUint32(local, true) === 0x04034b50) {
      v.setUint16(local + 10, heure, true)
      v.setUint16(local + 12, jour, true)
    }
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true)
  }
  return zip
}
