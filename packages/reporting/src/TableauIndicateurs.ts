/**
 * The indicator table: every indicator value of a schéma as known on a given day (bi-temporal: later restatements
 * are ignored when looking back), with the check that commune values add up to their département's total
 * (domain.md "Indicators": reports show both and flag differences), and its CSV form.
 */
import { Catalogue, Indicateur, Territoire } from "@sdsf/domain"
import type { EventStore, Evenements, Temps } from "@sdsf/domain"
import { Result } from "effect"

/** One line of the table: the value known for an indicator, territory and period. */
export interface Ligne {
  readonly indicateur: string
  readonly territoire: string
  readonly periode: string
  readonly valeur: number
  readonly unite: Indicateur.Unite
  /** The source as recorded, or `non documentée (note)` when the document cites none. */
  readonly source: string
  readonly methode: string
  readonly enregistreLe: string
  /** How many values were recorded for this key up to the day of the table (1 = never restated). */
  readonly versions: number
}

/** The table's state: the bi-temporal history of every value, by key. */
export interface Tableau {
  readonly valeurs: ReadonlyArray<Indicateur.ValeurIndicateur>
}

/** An empty table. */
export const vide: Tableau = { valeurs: [] }

/** Folds one schéma event into the table (only indicator values matter). */
export const appliquer = (t: Tableau, e: Evenements.Evenement): Tableau =>
  e._tag === "ValeurIndicateurEnregistree" ? { valeurs: [...t.valeurs, e.valeur] } : t

/** Folds a recorded event from the store (decoded with the domain's catalog); other streams' events are ignored. */
export const appliquerEnregistre = (t: Tableau, r: EventStore.RecordedEvent): Tableau => {
  if (r.type !== "ValeurIndicateurEnregistree") return t
  const e = Catalogue.decoder(r)
  if (Result.isFailure(e)) throw new Error(`${r.streamName}@${r.streamVersion}: ${e.failure.message}`)
  return appliquer(t, e.success)
}

/** The lines as known at the end of `jour` (every value, when no day is given), sorted by indicator, territory, period. */
export const lignes = (t: Tableau, jour?: Temps.Jour): ReadonlyArray<Ligne> => {
  const parCle = new Map<string, Array<Indicateur.ValeurIndicateur>>()
  for (const v of t.valeurs) {
    if (jour !== undefined && v.enregistreLe.slice(0, 10) > jour) continue
    const k = Indicateur.cleValeur(v)
    const l = parCle.get(k)
    if (l === undefined) parCle.set(k, [v])
    else l.push(v)
  }
  const out: Array<Ligne> = []
  for (const versions of parCle.values()) {
    const v = versions.reduce((a, b) => (b.enregistreLe >= a.enregistreLe ? b : a))
    out.push({
      indicateur: v.indicateur,
      territoire: Territoire.cleTerritoire(v.territoire),
      periode: Indicateur.clePeriode(v.periode),
      valeur: v.valeur,
      unite: v.unite,
      source: typeof v.source === "string" ? v.source : `non documentée${v.source.note === undefined ? "" : ` (${v.source.note})`}`,
      methode: v.methode ?? "",
      enregistreLe: v.enregistreLe,
      versions: versions.length
    })
  }
  return out.sort((a, b) =>
    a.indicateur.localeCompare(b.indicateur) || a.territoire.localeCompare(b.territoire) || a.periode.localeCompare(b.periode)
  )
}

/** Units whose values add up across territories (counts, places, money, hours); rates and ratios do not. */
export const unitesAdditives: ReadonlyArray<Indicateur.Unite> = ["nombre", "places", "euros", "heures", "jours"]

/** A département total beside the sum of its communes' values. */
export interface ControleSomme {
  readonly indicateur: string
  readonly departement: string
  readonly periode: string
  readonly totalDepartement: number
  readonly sommeCommunes: number
  readonly communes: number
  readonly ecart: number
}

/**
 * For each additive indicator and period with both a département value and commune values of that département: the
 * total, the communes' sum and the difference (0 when they agree). Only the communes present are summed: a table of
 * communes over 10,000 inhabitants (Cnaf open data) will not reach the total, and the difference says by how much.
 */
export const controlesSommes = (ls: ReadonlyArray<Ligne>): ReadonlyArray<ControleSomme> => {
  const totaux = ls.filter((l) => l.territoire.startsWith("departement:") && unitesAdditives.includes(l.unite))
  return totaux.map((t) => {
    const dep = t.territoire.slice("departement:".length)
    const communes = ls.filter((l) =>
      l.indicateur === t.indicateur && l.periode === t.periode && l.territoire.startsWith("commune:") &&
      Territoire.departementDe({ niveau: "commune", code: l.territoire.slice("commune:".length) as Territoire.CodeCommune }) === dep
    )
    const somme = communes.reduce((s, l) => s + l.valeur, 0)
    return {
      indicateur: t.indicateur,
      departement: dep,
      periode: t.periode,
      totalDepartement: t.valeur,
      sommeCommunes: somme,
      communes: communes.length,
      ecart: Math.round((t.valeur - somme) * 1e6) / 1e6
    }
  }).filter((c) => c.communes > 0)
}

const cellule = (v: string | number, separateur: string): string => {
  const s = String(v)
  return s.includes(separateur) || s.includes("\"") || s.includes("\n") || s.includes("\r") ? `"${s.replaceAll("\"", "\"\"")}"` : s
}

/**
 * The lines as CSV (RFC 4180: CRLF line ends, quotes doubled). French spreadsheets expect `;` and a decimal comma:
 * pass `{ separateur: ";", virgule: true }`.
 */
export const versCsv = (ls: ReadonlyArray<Ligne>, options: { readonly separateur?: string; readonly virgule?: boolean } = {}): string => {
  const sep = options.separateur ?? ","
  const nombre = (n: number) => (options.virgule ? String(n).replace(".", ",") : String(n))
  const entete = ["indicateur", "territoire", "periode", "valeur", "unite", "source", "methode", "enregistre_le", "versions"]
  const corps = ls.map((l) =>
    [l.indicateur, l.territoire, l.periode, nombre(l.valeur), l.unite, l.source, l.methode, l.enregistreLe, l.versions]
      .map((c) => cellule(c, sep)).join(sep)
  )
  return [entete.join(sep), ...corps].join("\r\n") + "\r\n"
}
