/**
 * CSV files of extracts (RFC 4180), for French spreadsheets by default, with their `manifeste.json`.
 */
import { Effect } from "effect"
import type { Projection } from "@sdsf/domain"
import type { Extrait } from "./Extrait.ts"
import * as Provenance from "./Provenance.ts"
import * as Rendu from "./Rendu.ts"

/** How the CSV is written. */
export interface Options {
  /** Default `;` (French Excel); `,` for the international form. */
  readonly separateur?: ";" | "," | undefined
  /** Default `,` (French Excel); `.` for the international form. */
  readonly decimale?: "," | "." | undefined
  /**
   * Default true: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that
   * a spreadsheet shows it as text instead of running it as a formula (CSV injection, OWASP). Number cells are never
   * touched (`-3` stays a number), nor text that is only a signed number (`-3,5`). Turn it off for tools that read the
   * text verbatim (a database `COPY`): the prefix is then part of the value.
   */
  readonly neutraliserFormules?: boolean | undefined
}

const formule = /^[=+\-@\t\r]/
const nombreSigne = /^[+-]?\d+(?:[.,]\d+)?$/

const champ = (s: string, separateur: string): string =>
  s.includes(separateur) || s.includes("\"") || s.includes("\n") || s.includes("\r")
    ? `"${s.replaceAll("\"", "\"\"")}"`
    : s

const reglages = (options: Options) => ({
  separateur: options.separateur ?? ";",
  decimale: options.decimale ?? ",",
  neutraliserFormules: options.neutraliserFormules ?? true
})

const cellule = (v: Projection.Cell, o: ReturnType<typeof reglages>): string => {
  if (v === null) return ""
  if (typeof v === "boolean") return v ? "oui" : "non"
  if (typeof v === "number") {
    const s = Object.is(v, -0) ? "0" : String(v)
    return champ(o.decimale === "." ? s : s.replace(".", o.decimale), o.separateur)
  }
  const s = typeof v === "string" ? v : v.join(Rendu.SEPARATEUR_LISTE)
  const neutre = o.neutraliserFormules && formule.test(s) && !nombreSigne.test(s) ? `'${s}` : s
  return champ(neutre, o.separateur)
}

const ecrire = (extrait: Extrait, options: Options): string => {
  const o = reglages(options)
  const lignes = [extrait.colonnes.map((c) => champ(c.nom, o.separateur)).join(o.separateur)]
  for (const l of extrait.lignes) {
    lignes.push(extrait.colonnes.map((c) => cellule(l[c.nom] ?? null, o)).join(o.separateur))
  }
  return `\ufeff${lignes.map((l) => `${l}\r\n`).join("")}`
}

/**
 * An extract as CSV text: a UTF-8 byte order mark, a header of column names (`Colonne.nom`), one record per row, every
 * record ending with CRLF; fields holding the separator, a quote or a line break are quoted, quotes doubled. Numbers
 * as JavaScript prints them (shortest exact form, exponent beyond 1e21) with the chosen decimal mark and no grouping;
 * booleans `oui`/`non`; lists (`text[]`) joined with ` | ` (an element holding ` | ` cannot be told apart: use XLSX
 * or the stored table when that matters); null empty.
 */
export const texte = (extrait: Extrait, options: Options = {}): Effect.Effect<string, Rendu.ExtraitInvalide> =>
  Rendu.verifier([extrait]).pipe(Effect.map(() => ecrire(extrait, options)))

/**
 * The files of an export, by name: `<nom>.csv` per extract (UTF-8 with BOM) and `manifeste.json` (the manifest, plus
 * a `csv` entry saying how the files are written), ready for a CLI to write into a folder.
 */
export const fichiers = Effect.fn("Csv.fichiers")(function*(
  extraits: ReadonlyArray<Extrait>,
  source: Provenance.Source,
  options: Options = {}
) {
  yield* Rendu.verifier(extraits)
  const m = yield* Provenance.manifeste(source, extraits)
  const o = reglages(options)
  const utf8 = new TextEncoder()
  const out = new Map<string, Uint8Array>()
  for (const e of extraits) out.set(`${e.nom}.csv`, utf8.encode(ecrire(e, options)))
  const csv = {
    fichiers: extraits.map((e) => `${e.nom}.csv`),
    encodage: "UTF-8 with BOM, CRLF, RFC 4180",
    separateur: o.separateur,
    decimale: o.decimale,
    listes: Rendu.SEPARATEUR_LISTE,
    booleens: "oui/non",
    neutraliserFormules: o.neutraliserFormules
  }
  out.set("manifeste.json", utf8.encode(`${JSON.stringify({ ...m, csv }, null, 2)}\n`))
  const fichiers: ReadonlyMap<string, Uint8Array> = out
  return fichiers
})
