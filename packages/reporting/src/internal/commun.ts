/**
 * What the reporting projections share: the per-projection `schemas` table (a schéma's département, filled on
 * `ElaborationLancee`), columns, dates as printed with their sort key, and row changes.
 */
import type { Projection } from "@sdsf/domain"
import { Temps } from "@sdsf/domain"
import type { Evenements } from "@sdsf/domain"
import type { Colonne, Extrait } from "../Extrait.ts"

/** A column (not nullable unless said). */
export const col = (
  name: string,
  type: Projection.ColumnType,
  description: string,
  nullable = false
): Projection.Column => ({ name, type, description, nullable })

/** The `schema_id` and `departement` columns every row starts with. */
export const colonnesSchema: ReadonlyArray<Projection.Column> = [
  col("schema_id", "text", "The schéma's id (uuid)"),
  col("departement", "text", "The schéma's département code (`92`, `2A`, `971`)")
]

/** The table each projection keeps of the schémas it saw launched: their département, read by every other row. */
export const tableSchemas = (extra: ReadonlyArray<Projection.Column> = []): Projection.Table => ({
  name: "schemas",
  grain: "one row per schéma launched (`ElaborationLancee`)",
  key: ["schema_id"],
  columns: [...colonnesSchema, ...extra]
})

/** The `schemas` row of an event's schéma. */
export const refSchema = (schemaId: string): Projection.RowRef => ({ table: "schemas", key: [schemaId] })

/** The département of a launched schéma, or undefined when its launch was not seen (its events are then ignored). */
export const departementDe = (read: Projection.ReadRow, schemaId: string): string | undefined => {
  const r = read("schemas", [schemaId])
  return r === undefined ? undefined : (r["departement"] as string)
}

/** Writes a row whole. */
export const put = (table: string, row: Projection.Row): Projection.Change => ({ _tag: "Put", table, row })

/** Deletes a row. */
export const del = (table: string, key: ReadonlyArray<Projection.Cell>): Projection.Change => ({
  _tag: "Delete",
  table,
  key
})

const moisFr = [
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

const jourFr = (j: string): string => {
  const d = Number(j.slice(8, 10))
  return `${d === 1 ? "1er" : d} ${moisFr[Number(j.slice(5, 7)) - 1]} ${j.slice(0, 4)}`
}

/** How precise a date is, as the document gives it. */
export type Precision = "jour" | "mois" | "annee" | "intervalle" | "non-documentee"

/** A `Datation` as a report prints it, with its precision, sort key and bounds. */
export interface DateImprimee {
  /** `12 décembre 2025`, `septembre 2025`, `2025`, `D'ici à la fin juin (du 23 juin 2022 au 30 juin 2022)`, `non documentée (note)`. */
  readonly texte: string
  readonly precision: Precision
  /**
   * `2025-12-12`, `2025-09`, `2025`, `2022-06-23/2022-06-30`; null when not documented. Sorted as text, a month comes
   * before every day of it and a year before every month: no day is made up.
   */
  readonly tri: string | null
  /** The first and last day the date allows; null when not documented. */
  readonly min: string | null
  readonly max: string | null
}

/** A `Datation` as printed. */
export const imprimer = (d: Temps.Datation): DateImprimee => {
  const b = Temps.bornes(d)
  const bornes = { min: b?.min ?? null, max: b?.max ?? null }
  switch (d._tag) {
    case "Jour":
      return { texte: jourFr(d.jour), precision: "jour", tri: d.jour, ...bornes }
    case "Mois":
      return { texte: `${moisFr[d.mois - 1]} ${d.annee}`, precision: "mois", tri: Temps.formatDatation(d), ...bornes }
    case "Annee":
      return { texte: String(d.annee), precision: "annee", tri: String(d.annee), ...bornes }
    case "Intervalle": {
      const entre = `du ${jourFr(d.du)} au ${jourFr(d.au)}`
      return {
        texte: d.libelle === undefined ? entre : `${d.libelle} (${entre})`,
        precision: "intervalle",
        tri: Temps.formatDatation(d),
        ...bornes
      }
    }
    case "NonDocumente":
      return {
        texte: d.note === undefined ? "non documentée" : `non documentée (${d.note})`,
        precision: "non-documentee",
        tri: null,
        ...bornes
      }
  }
}

/** A calendar day as printed. */
export const imprimerJour = (j: Temps.Jour): DateImprimee => imprimer(Temps.leJour(j))

/** The date columns `<prefix>`, `<prefix>_precision`, `<prefix>_tri` (and `_min`, `_max` with `bornes`). */
export const colonnesDate = (
  prefix: string,
  quoi: string,
  options: { readonly nullable?: boolean; readonly bornes?: boolean } = {}
): ReadonlyArray<Projection.Column> => [
  col(prefix, "text", `${quoi}, as printed (a day, a month, a year, a range, or non documentée)`, options.nullable),
  col(`${prefix}_precision`, "text", "jour, mois, annee, intervalle or non-documentee", options.nullable),
  col(
    `${prefix}_tri`,
    "text",
    "Sort key: 2025-12-12, 2025-09, 2025, du/au; never a made-up day; null when not documented",
    true
  ),
  ...(options.bornes === true
    ? [
      col(`${prefix}_min`, "text", "First day the date allows (ISO); null when not documented", true),
      col(`${prefix}_max`, "text", "Last day the date allows (ISO); null when not documented", true)
    ]
    : [])
]

/** The cells of `colonnesDate`. */
export const cellulesDate = (
  prefix: string,
  d: Temps.Datation | undefined,
  options: { readonly bornes?: boolean } = {}
): Record<string, Projection.Cell> => {
  const p = d === undefined ? undefined : imprimer(d)
  return {
    [prefix]: p?.texte ?? null,
    [`${prefix}_precision`]: p?.precision ?? null,
    [`${prefix}_tri`]: p?.tri ?? null,
    ...(options.bornes === true ? { [`${prefix}_min`]: p?.min ?? null, [`${prefix}_max`]: p?.max ?? null } : {})
  }
}

/** The `schemas` row written on `ElaborationLancee` (with extra cells). */
export const ligneSchema = (
  e: Evenements.ElaborationLancee,
  extra: Record<string, Projection.Cell> = {}
): Projection.Change => put("schemas", { schema_id: e.schemaId, departement: e.departement, ...extra })

/** An extract column. */
export const colonne = (
  nom: string,
  libelle: string,
  type: Projection.ColumnType,
  description: string,
  format?: Colonne["format"]
): Colonne => (format === undefined ? { nom, libelle, type, description } : { nom, libelle, type, description, format })

/** An extract. */
export const extrait = (
  nom: string,
  titre: string,
  grain: string,
  colonnes: ReadonlyArray<Colonne>,
  lignes: ReadonlyArray<Projection.Row>
): Extrait => ({ nom, titre, grain, colonnes, lignes })

/** A table's rows (unsorted), or none. */
export const lignesDe = (tables: Projection.Tables, table: string): ReadonlyArray<Projection.Row> => [
  ...(tables.get(table)?.values() ?? [])
]

/** Text of a cell known to be text. */
export const texte = (r: Projection.Row, c: string): string => r[c] as string

/** Text of a nullable text cell. */
export const texteOuNull = (r: Projection.Row, c: string): string | null => r[c] as string | null

/** A list cell. */
export const liste = (r: Projection.Row, c: string): ReadonlyArray<string> =>
  (r[c] as ReadonlyArray<string> | null) ?? []

/** Compares text by UTF-16 code units (the order `Projection.compareKeys` uses), nulls first. */
export const compareTexte = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1

type Ev<K extends Evenements.TypeEvenement> = Extract<Evenements.Evenement, { readonly _tag: K }>

/** What `evolve` is given beside the event: where it sits, the rows it named, its schéma's département. */
export interface Contexte {
  readonly meta: Projection.Meta
  readonly read: Projection.ReadRow
  readonly departement: string
}

/** How a projection treats one event type: the rows it reads (besides its schéma's) and what it does. */
export interface Regle<K extends Evenements.TypeEvenement> {
  readonly reads?: (e: Ev<K>) => ReadonlyArray<Projection.RowRef>
  readonly evolve: (e: Ev<K>, ctx: Contexte) => ReadonlyArray<Projection.Change>
}

/** One rule per handled event type. */
export type Regles<K extends Evenements.TypeEvenement> = { readonly [T in K]: Regle<T> }

/**
 * Builds a projection from its rules: each event reads its schéma's `schemas` row besides what its rule names, and is
 * ignored when that schéma's launch was not seen (`ElaborationLancee` writes the row).
 */
export const assembler = <K extends Evenements.TypeEvenement>(definition: {
  readonly name: string
  readonly version: number
  readonly description: string
  readonly tables: ReadonlyArray<Projection.Table>
  readonly regles: Regles<K>
}): Projection.Projection => {
  const regles = definition.regles as unknown as Readonly<Record<string, Regle<Evenements.TypeEvenement> | undefined>>
  return {
    name: definition.name,
    version: definition.version,
    description: definition.description,
    tables: definition.tables,
    handles: Object.keys(definition.regles) as ReadonlyArray<string> as ReadonlyArray<Evenements.TypeEvenement>,
    reads: (e) => [refSchema(e.schemaId), ...(regles[e._tag]?.reads?.(e as never) ?? [])],
    evolve: (e, meta, read) => {
      const regle = regles[e._tag]
      if (regle === undefined) return []
      const departement = e._tag === "ElaborationLancee" ? e.departement : departementDe(read, e.schemaId)
      return departement === undefined ? [] : regle.evolve(e as never, { meta, read, departement })
    }
  }
}
