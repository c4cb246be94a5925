/**
 * An extract (*extrait*): a table as reports show it, whatever it comes from (a projection's stored table, or a view
 * computed from them such as the indicator table as of a day). Renderers (CSV, XLSX, Markdown, HTML) take extracts;
 * projections and views produce them.
 */
import type { Projection } from "@sdsf/domain"

/** How a column is shown: its cells' type, its label for people, and an optional number format. */
export interface Colonne {
  /** The machine name (`[a-z][a-z0-9_]*`), the CSV header. */
  readonly nom: string
  /** The label people read (a report's column header). */
  readonly libelle: string
  readonly type: Projection.ColumnType
  /** What the column holds. */
  readonly description: string
  /**
   * For numbers: `entier`, `decimal` (as printed, up to 6 decimals), `pourcent` (a value already in percent: 12.5
   * shows as `12,5 %`), `euros`. For text: `jour` (an ISO day shown as a date where it is one).
   */
  readonly format?: "entier" | "decimal" | "pourcent" | "euros" | "jour" | undefined
}

/** A table for reports: a name, a title, its grain, its columns and its rows (cells by column name). */
export interface Extrait {
  /** `[a-z][a-z0-9_]*`: a file name (CSV), a sheet name (XLSX), an anchor (HTML). */
  readonly nom: string
  readonly titre: string
  /** What one row is. */
  readonly grain: string
  readonly colonnes: ReadonlyArray<Colonne>
  readonly lignes: ReadonlyArray<Projection.Row>
}

/** The extract of a projection's stored table: its columns (labels are the column names) and rows as stored. */
export const deTable = (
  table: Projection.Table,
  lignes: ReadonlyArray<Projection.Row>,
  titre: string = table.name
): Extrait => ({
  nom: table.name,
  titre,
  grain: table.grain,
  colonnes: table.columns.map((c) => ({ nom: c.name, libelle: c.name, type: c.type, description: c.description })),
  lignes
})
