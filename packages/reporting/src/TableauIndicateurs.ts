/**
 * The indicator table: every indicator value of a schéma as known on a given day (bi-temporal: later restatements
 * are ignored when looking back), figures as printed (breakdowns, ranges, approximations), contradictions of one
 * source flagged, the check that commune values of additive indicators add up to their département's total
 * (domain.md "Indicators": reports show both and flag differences), and its CSV form.
 */
import { Catalogue, Indicateur, Temps, Territoire } from "@sdsf/domain"
import type { EventStore, Evenements } from "@sdsf/domain"
import { Result } from "effect"

/** One line of the table: a figure known for an indicator, territory, period and breakdown, from one source. */
export interface Ligne {
  readonly indicateur: string
  readonly territoire: string
  /** `2024`, `2025-01-01/2025-06-30`, or `non documentée (note)` when the document prints no period. */
  readonly periode: string
  /** False when the period is not documented: such a figure is shown, never summed (`controlesSommes`). */
  readonly periodeDocumentee: boolean
  /** The breakdown (`gestion=associative;tranche-age=0-5 ans`), "" for the whole. */
  readonly ventilation: string
  /** The figure as printed: exact, approximate, a range or bound, yes/no, a category. */
  readonly mesure: Indicateur.Mesure
  /** The number of an exact or approximate figure; undefined for ranges, yes/no and categories (see `mesure`). */
  readonly valeur: number | undefined
  readonly unite: Indicateur.Unite
  /** From the indicator's definition; undefined when the schéma does not define the indicator (never summed). */
  readonly additivite: Indicateur.Additivite | undefined
  /** The source as recorded, or `non documentée (note)` when the document cites none. */
  readonly source: string
  readonly methode: string
  readonly enregistreLe: string
  /** How many values were recorded for this key up to the day of the table (restated ones included). */
  readonly versions: number
  /** The same source gave another figure for this key and neither restates the other: both lines are shown. */
  readonly contradiction: boolean
  /** The reason of the restatement this figure is, "" when it restates nothing. */
  readonly motifRetraitement: string
}

/** The table's state: the bi-temporal history of every value, and the indicators' definitions. */
export interface Tableau {
  readonly valeurs: ReadonlyArray<Indicateur.ValeurIndicateur>
  readonly definitions: ReadonlyMap<string, Indicateur.DefinitionIndicateur>
}

/** An empty table. */
export const vide: Tableau = { valeurs: [], definitions: new Map() }

/** Folds one schéma event into the table (indicator definitions and values matter). */
export const appliquer = (t: Tableau, e: Evenements.Evenement): Tableau =>
  e._tag === "ValeurIndicateurEnregistree"
    ? { ...t, valeurs: [...t.valeurs, e.valeur] }
    : e._tag === "IndicateurDefini"
    ? { ...t, definitions: new Map(t.definitions).set(e.definition.code, e.definition) }
    : t

/** Folds a recorded event from the store (decoded with the domain's catalog); other streams' events are ignored. */
export const appliquerEnregistre = (t: Tableau, r: EventStore.RecordedEvent): Tableau => {
  if (r.type !== "ValeurIndicateurEnregistree" && r.type !== "IndicateurDefini") return t
  const e = Catalogue.decoder(r)
  if (Result.isFailure(e)) throw new Error(`${r.streamName}@${r.streamVersion}: ${e.failure.message}`)
  return appliquer(t, e.success)
}

/**
 * The lines as known at the end of `jour` (every value, when no day is given), sorted by indicator, territory, period,
 * breakdown. A value restated by a value known that day is left out; of the others, one line per source and distinct
 * figure, and `contradiction` set where one source gave several figures for one key.
 */
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
    const remplacees = new Set(versions.flatMap((v) => (v.retraitement === undefined ? [] : [v.retraitement.remplace])))
    // One line per source and figure: a figure repeated by its source shows once, as last recorded.
    const parFigure = new Map<string, Indicateur.ValeurIndicateur>()
    for (const v of versions) {
      if (remplacees.has(v.valeurId)) continue
      const k = `${Temps.texteOuNonDocumente(v.source)}\u0000${Indicateur.texteMesure(v.mesure)}`
      const deja = parFigure.get(k)
      if (deja === undefined || v.enregistreLe >= deja.enregistreLe) parFigure.set(k, v)
    }
    const courantes = [...parFigure.values()]
    for (const v of courantes) {
      out.push({
        indicateur: v.indicateur,
        territoire: Territoire.cleTerritoire(v.territoire),
        periode: Indicateur.clePeriode(v.periode),
        periodeDocumentee: !Temps.estNonDocumente(v.periode),
        ventilation: Indicateur.cleVentilation(v.ventilation),
        mesure: v.mesure,
        valeur: Indicateur.nombreDe(v.mesure),
        unite: v.unite,
        additivite: t.definitions.get(v.indicateur)?.additivite,
        source: Temps.texteOuNonDocumente(v.source),
        methode: v.methode ?? "",
        enregistreLe: v.enregistreLe,
        versions: versions.length,
        contradiction: courantes.some((x) => x !== v && typeof v.source === "string" && x.source === v.source),
        motifRetraitement: v.retraitement?.motif ?? ""
      })
    }
  }
  return out.sort((a, b) =>
    a.indicateur.localeCompare(b.indicateur) || a.territoire.localeCompare(b.territoire) ||
    a.periode.localeCompare(b.periode) || a.ventilation.localeCompare(b.ventilation) ||
    a.source.localeCompare(b.source) || a.enregistreLe.localeCompare(b.enregistreLe)
  )
}

/** A département total beside what its communes' values add up to. */
export interface ControleSomme {
  readonly indicateur: string
  readonly departement: string
  readonly periode: string
  readonly ventilation: string
  readonly additivite: "somme" | "moyenne"
  readonly totalDepartement: number
  /** The communes' sum (their unweighted mean for `moyenne`). */
  readonly sommeCommunes: number
  readonly communes: number
  /** Communes left out: several figures for one key (contradictions, several sources), or no single number (ranges). */
  readonly communesEcartees: number
  /** A figure involved is approximate ("environ"): the difference is indicative. */
  readonly approche: boolean
  readonly ecart: number
}

/** The département of a commune or municipal arrondissement key (`commune:93066`, `arrondissement:75119`). */
const partieDe = (cle: string): string | undefined => {
  const [niveau, code] = cle.split(":")
  if (code === undefined) return undefined
  if (niveau === "commune") return Territoire.departementDe({ niveau, code: code as Territoire.CodeCommune })
  if (niveau === "arrondissement") {
    return Territoire.departementDe({ niveau, code: code as Territoire.CodeArrondissement })
  }
  return undefined
}

/**
 * For each indicator its definition declares additive (`somme` or `moyenne`: never guessed from the unit; a median in
 * euros is never summed) and each period and breakdown with both a single département figure and commune figures of
 * that département (or municipal arrondissements: Paris, seed 004): the total, the communes' sum (or mean) and the
 * difference (0 when they agree). Only the communes present are counted: a table of communes over 10,000
 * inhabitants (Cnaf open data) will not reach the total, and the difference says by how much.
 */
export const controlesSommes = (ls: ReadonlyArray<Ligne>): ReadonlyArray<ControleSomme> => {
  const additive = (l: Ligne): l is Ligne & { readonly additivite: "somme" | "moyenne" } =>
    (l.additivite === "somme" || l.additivite === "moyenne") && l.periodeDocumentee
  const parTerritoire = new Map<string, Array<Ligne>>()
  for (const l of ls) {
    if (!additive(l)) continue
    const k = `${l.indicateur}|${l.periode}|${l.ventilation}|${l.territoire}`
    const x = parTerritoire.get(k)
    if (x === undefined) parTerritoire.set(k, [l])
    else x.push(l)
  }
  const unique = (k: string): Ligne | undefined => {
    const x = parTerritoire.get(k)
    return x !== undefined && x.length === 1 && x[0]?.valeur !== undefined ? x[0] : undefined
  }
  const out: Array<ControleSomme> = []
  for (const [k, totaux] of parTerritoire) {
    const t = totaux[0]
    if (t === undefined || !additive(t) || !t.territoire.startsWith("departement:")) continue
    const total = unique(k)
    if (total?.valeur === undefined) continue
    const dep = t.territoire.slice("departement:".length)
    const cles = [...parTerritoire.keys()].filter((c) => {
      const l = parTerritoire.get(c)?.[0]
      return l !== undefined && l.indicateur === t.indicateur && l.periode === t.periode &&
        l.ventilation === t.ventilation && partieDe(l.territoire) === dep
    })
    const retenues = cles.flatMap((c) => {
      const l = unique(c)
      return l === undefined ? [] : [l]
    })
    if (retenues.length === 0) continue
    const somme = retenues.reduce((s, l) => s + (l.valeur ?? 0), 0)
    const agregat = t.additivite === "moyenne" ? somme / retenues.length : somme
    out.push({
      indicateur: t.indicateur,
      departement: dep,
      periode: t.periode,
      ventilation: t.ventilation,
      additivite: t.additivite,
      totalDepartement: total.valeur,
      sommeCommunes: agregat,
      communes: retenues.length,
      communesEcartees: cles.length - retenues.length,
      approche: [total, ...retenues].some((l) => l.mesure.nature === "approchee"),
      ecart: Math.round((total.valeur - agregat) * 1e6) / 1e6
    })
  }
  return out
}

const cellule = (v: string | number, separateur: string): string => {
  const s = String(v)
  return s.includes(separateur) || s.includes("\"") || s.includes("\n") || s.includes("\r") ? `"${s.replaceAll("\"", "\"\"")}"` : s
}

/**
 * The lines as CSV (RFC 4180: CRLF line ends, quotes doubled). French spreadsheets expect `;` and a decimal comma:
 * pass `{ separateur: ";", virgule: true }`. A figure spans `nature`, `valeur`, `min`, `max` and `qualificatif`
 * (yes/no as `oui`/`non`, a category as its label in `valeur`).
 */
export const versCsv = (
  ls: ReadonlyArray<Ligne>,
  options: { readonly separateur?: string; readonly virgule?: boolean } = {}
): string => {
  const sep = options.separateur ?? ","
  const nombre = (n: number | undefined) =>
    n === undefined ? "" : options.virgule ? String(n).replace(".", ",") : String(n)
  const entete = [
    "indicateur",
    "territoire",
    "periode",
    "ventilation",
    "nature",
    "valeur",
    "min",
    "max",
    "qualificatif",
    "unite",
    "source",
    "methode",
    "enregistre_le",
    "versions",
    "contradiction",
    "motif_retraitement"
  ]
  const figure = (m: Indicateur.Mesure): ReadonlyArray<string> => {
    switch (m.nature) {
      case "exacte":
        return [nombre(m.valeur), "", "", ""]
      case "approchee":
        return [nombre(m.valeur), "", "", m.qualificatif]
      case "intervalle":
        return ["", nombre(m.min), nombre(m.max), m.qualificatif ?? ""]
      case "oui-non":
        return [m.valeur ? "oui" : "non", "", "", ""]
      case "modalite":
        return [m.valeur, "", "", ""]
    }
  }
  const corps = ls.map((l) =>
    [
      l.indicateur,
      l.territoire,
      l.periode,
      l.ventilation,
      l.mesure.nature,
      ...figure(l.mesure),
      l.unite,
      l.source,
      l.methode,
      l.enregistreLe,
      l.versions,
      l.contradiction ? "oui" : "",
      l.motifRetraitement
    ].map((c) => cellule(c, sep)).join(sep)
  )
  return [entete.join(sep), ...corps].join("\r\n") + "\r\n"
}
