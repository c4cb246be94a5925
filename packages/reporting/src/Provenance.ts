/**
 * Provenance: the manifest every export carries (CSV `manifeste.json`, XLSX sheet `manifeste`, HTML footer, Markdown
 * final section), so that a figure in a report can be traced to its events: the store, the last global position the
 * tables include, when they were read, the projections and their versions, and a SHA-256 checksum per table.
 *
 * The checksum of a table is the SHA-256 (lowercase hex) of its canonical form, UTF-8 encoded:
 * - the first line is the JSON array of its column names, in the extract's order;
 * - then one line per row, in the extract's order (a projection's rows come sorted by key): the JSON array of its
 *   cells in column order, `null` for null, `true`/`false`, strings and numbers as JSON, lists as JSON arrays;
 * - every line ends with `\n` (LF), the last one too; no other whitespace.
 * Each line is the RFC 8785 (JSON Canonicalization Scheme) form of its array, which is what JavaScript's
 * `JSON.stringify` prints for these values: numbers as ECMAScript prints them (`12.5`, `1e+21`, `-0` as `0`), strings
 * with only `"`, `\` and control characters escaped (`\n`, `\u001f`), other characters as they are. A data team can
 * recompute it from the stored table with any JCS library (Python: `jcs.canonicalize(row)`), e.g.
 * `sha256(b"".join(jcs.canonicalize(r) + b"\n" for r in [columns] + rows))`.
 */
import { createHash } from "node:crypto"
import { Clock, DateTime, Effect } from "effect"
import type { Extrait } from "./Extrait.ts"

/** Where the tables come from, as the caller knows it. */
export interface Source {
  /** The store's name, as the caller names it (`production`, a database, a file). */
  readonly magasin: string
  /** The last global position the tables include. */
  readonly position: number
  /** The projections the tables come from (a `Projection.Projection` fits). */
  readonly projections: ReadonlyArray<{ readonly name: string; readonly version: number }>
}

/** A table of a manifest: its name, title, grain, row count, columns and checksum. */
export interface TableManifeste {
  readonly nom: string
  readonly titre: string
  readonly grain: string
  readonly lignes: number
  readonly colonnes: ReadonlyArray<string>
  /** SHA-256 of the canonical form (see the module's documentation), lowercase hex. */
  readonly sha256: string
}

/** The manifest of an export. */
export interface Manifeste {
  /** `sdsf-manifeste/1`: the version of this shape. */
  readonly format: "sdsf-manifeste/1"
  readonly magasin: string
  readonly position: number
  /** When the tables were read (ISO 8601 UTC, from `Clock`): they hold every event up to `position` at that time. */
  readonly rejoueLe: string
  readonly projections: ReadonlyArray<{ readonly nom: string; readonly version: number }>
  readonly tables: ReadonlyArray<TableManifeste>
  /** How `sha256` is computed, in one sentence, for whoever reads the manifest without this documentation. */
  readonly empreinte: string
}

const EMPREINTE = "SHA-256 of UTF-8 lines, each the RFC 8785 (JCS) JSON array of the column names, " +
  "then of each row's " +
  "cells in column order, in the table's order, each line ending with LF"

/** The canonical form of a table: the text its checksum is computed over (see the module's documentation). */
export const formeCanonique = (extrait: Extrait): string => {
  const noms = extrait.colonnes.map((c) => c.nom)
  let s = `${JSON.stringify(noms)}\n`
  for (const ligne of extrait.lignes) s += `${JSON.stringify(noms.map((n) => ligne[n] ?? null))}\n`
  return s
}

/** The SHA-256 (lowercase hex) of a table's canonical form. */
export const sha256 = (extrait: Extrait): string => {
  const noms = extrait.colonnes.map((c) => c.nom)
  const h = createHash("sha256").update(`${JSON.stringify(noms)}\n`, "utf8")
  for (const ligne of extrait.lignes) h.update(`${JSON.stringify(noms.map((n) => ligne[n] ?? null))}\n`, "utf8")
  return h.digest("hex")
}

/** A table's entry in a manifest. */
export const table = (extrait: Extrait): TableManifeste => ({
  nom: extrait.nom,
  titre: extrait.titre,
  grain: extrait.grain,
  lignes: extrait.lignes.length,
  colonnes: extrait.colonnes.map((c) => c.nom),
  sha256: sha256(extrait)
})

/** The manifest of extracts read from `source`, stamped with the time `Clock` gives (a `TestClock` in tests). */
export const manifeste = Effect.fn("Provenance.manifeste")(function*(source: Source, extraits: ReadonlyArray<Extrait>) {
  const millis = yield* Clock.currentTimeMillis
  const m: Manifeste = {
    format: "sdsf-manifeste/1",
    magasin: source.magasin,
    position: source.position,
    rejoueLe: DateTime.formatIso(DateTime.makeUnsafe(millis)),
    projections: source.projections.map((p) => ({ nom: p.name, version: p.version })),
    tables: extraits.map(table),
    empreinte: EMPREINTE
  }
  return m
})

/** The manifest as JSON text: 2-space indentation, keys in the order above, a final newline. */
export const json = (m: Manifeste): string => `${JSON.stringify(m, null, 2)}\n`
