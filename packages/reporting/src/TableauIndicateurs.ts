/**
 * The indicator table: views over the rows of the indicator projection (`ProjectionIndicateurs`), pure functions that
 * give the same result on rows from memory or from PostgreSQL.
 *
 * - `lignes`: every figure as known on a day (bi-temporal: later recordings and restatements are ignored when looking
 *   back), per schéma, figures as printed (breakdowns, ranges, approximations), contradictions of one source flagged.
 * - `derives`: derived indicators computed from their formula, with the input values used, or the inputs missing.
 * - `reconciliation`: commune (and arrondissement) values added up to their EPCI, EPT and département, beside the
 *   figure published there, for indicators whose definition declares them additive (domain.md "Indicators": reports
 *   show both and flag differences); `reconcilier` takes the communes' attachments from the `Geographie` port.
 * - `extraitLignes`, `extraitDerives`, `extraitReconciliation`: each view as an `Extrait` for renderers.
 */
import { Geographie, Indicateur, Temps, Territoire } from "@sdsf/domain"
import type { Projection } from "@sdsf/domain"
import { Effect, Result, Schema } from "effect"
import type * as Extrait from "./Extrait.ts"
import { colonne } from "./internal/commun.ts"
import * as P from "./ProjectionIndicateurs.ts"

/** Which rows a view looks at: as known at the end of `jour` (UTC), of one schéma, of one département. */
export interface Options {
  /** Values recorded after this day are left out (every value when absent). */
  readonly jour?: Temps.Jour | undefined
  readonly schemaId?: string | undefined
  /** The schéma's département (INSEE code). */
  readonly departement?: string | undefined
}

/** One line of the table: a figure known for an indicator, territory, period and breakdown of a schéma, per source. */
export interface Ligne {
  readonly schemaId: string
  /** The schéma's département; undefined when its launch is not in the log. */
  readonly departement: string | undefined
  readonly valeurId: string
  readonly indicateur: string
  readonly territoire: string
  /** `2024`, `2025-01-01/2025-06-30`, or `non documentée (note)` when the document prints no period. */
  readonly periode: string
  /** False when the period is not documented: such a figure is shown, never summed (`reconciliation`). */
  readonly periodeDocumentee: boolean
  /** The breakdown (`gestion=associative;tranche-age=0-5 ans`), "" for the whole. */
  readonly ventilation: string
  /** The figure as printed: exact, approximate, a range or bound, yes/no, a category. */
  readonly mesure: Indicateur.Mesure
  /** The number of an exact or approximate figure; undefined for ranges, yes/no and categories (see `mesure`). */
  readonly valeur: number | undefined
  readonly unite: Indicateur.Unite
  /** From the indicator's definition in the schéma; undefined when the schéma does not define it (never summed). */
  readonly additivite: Indicateur.Additivite | undefined
  /** The source as recorded, or `non documenté (note)` when the document cites none. */
  readonly source: string
  readonly methode: string
  readonly enregistreLe: string
  /** How many values the schéma recorded for this key up to the day of the table (restated ones included). */
  readonly versions: number
  /** The same source gave another figure for this key and neither restates the other: both lines are shown. */
  readonly contradiction: boolean
  /** The reason of the restatement this figure is, "" when it restates nothing. */
  readonly motifRetraitement: string
  /** The global position of the event that recorded it (provenance; orders figures recorded the same instant). */
  readonly position: number
}

const SEP = "\u0000"

const dansLePerimetre = (row: Projection.Row, options: Options): boolean =>
  (options.schemaId === undefined || row.schema_id === options.schemaId) &&
  (options.departement === undefined || row.departement === options.departement)

const additivites = (d: P.Donnees): ReadonlyMap<string, Indicateur.Additivite> =>
  new Map(d.definitions.map((r) => [
    `${P.texte(r, "schema_id")}${SEP}${P.texte(r, "indicateur")}`,
    P.texte(r, "additivite") as Indicateur.Additivite
  ]))

/** Recorded later: by transaction time, then by position in the log. */
const plusRecente = (a: Projection.Row, b: Projection.Row): boolean => {
  const x = P.texte(a, "enregistre_le")
  const y = P.texte(b, "enregistre_le")
  return x > y || (x === y && (P.nombre(a, "position") ?? 0) > (P.nombre(b, "position") ?? 0))
}

/** Text order by UTF-16 code units, as `Projection.compareKeys`: the same on every machine, whatever its locale. */
const compareTexte = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The lines as known at the end of `options.jour` (every value, when no day is given), sorted by schéma, indicator,
 * territory, period, breakdown. Values are grouped per schéma: a successor's figure never counts as a version of its
 * predecessor's. A value restated by a value known that day is left out; of the others, one line per source and
 * distinct figure (a figure repeated by its source shows once, as last recorded), and `contradiction` set where one
 * source gave several figures for one key.
 */
export const lignes = (d: P.Donnees, options: Options = {}): ReadonlyArray<Ligne> => {
  const { jour } = options
  const parCle = new Map<string, Array<Projection.Row>>()
  for (const v of d.valeurs) {
    if (!dansLePerimetre(v, options)) continue
    if (jour !== undefined && P.texte(v, "enregistre_le").slice(0, 10) > jour) continue
    const k = [v.schema_id, v.indicateur, v.territoire, v.periode, v.ventilation].join(SEP)
    const l = parCle.get(k)
    if (l === undefined) parCle.set(k, [v])
    else l.push(v)
  }
  const additivite = additivites(d)
  const out: Array<Ligne> = []
  for (const versions of parCle.values()) {
    const remplacees = new Set(versions.flatMap((v) => (typeof v.remplace === "string" ? [v.remplace] : [])))
    const parFigure = new Map<string, Projection.Row>()
    for (const v of versions) {
      if (remplacees.has(P.texte(v, "valeur_id"))) continue
      const k = `${P.texte(v, "source")}${SEP}${P.texte(v, "mesure")}`
      const deja = parFigure.get(k)
      if (deja === undefined || plusRecente(v, deja)) parFigure.set(k, v)
    }
    const courantes = [...parFigure.values()]
    for (const v of courantes) {
      const schemaId = P.texte(v, "schema_id")
      const mesure = P.mesureDe(v)
      out.push({
        schemaId,
        departement: P.texteOuRien(v, "departement"),
        valeurId: P.texte(v, "valeur_id"),
        indicateur: P.texte(v, "indicateur"),
        territoire: P.texte(v, "territoire"),
        periode: P.texte(v, "periode"),
        periodeDocumentee: v.periode_documentee === true,
        ventilation: P.texte(v, "ventilation"),
        mesure,
        valeur: Indicateur.nombreDe(mesure),
        unite: P.texte(v, "unite") as Indicateur.Unite,
        additivite: additivite.get(`${schemaId}${SEP}${P.texte(v, "indicateur")}`),
        source: P.texte(v, "source"),
        methode: P.texteOuRien(v, "methode") ?? "",
        enregistreLe: P.texte(v, "enregistre_le"),
        versions: versions.length,
        contradiction: v.source_documentee === true &&
          courantes.some((x) => x !== v && x.source_documentee === true && x.source === v.source),
        motifRetraitement: P.texteOuRien(v, "motif_retraitement") ?? "",
        position: P.nombre(v, "position") ?? 0
      })
    }
  }
  return out.sort((a, b) =>
    compareTexte(a.schemaId, b.schemaId) || compareTexte(a.indicateur, b.indicateur) ||
    compareTexte(a.territoire, b.territoire) || compareTexte(a.periode, b.periode) ||
    compareTexte(a.ventilation, b.ventilation) || compareTexte(a.source, b.source) ||
    compareTexte(a.enregistreLe, b.enregistreLe) || a.position - b.position
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Derived indicators

/** How an input of a derived value was found: used, absent, several figures (contradiction), no single number. */
export type EtatEntree = "utilisee" | "absente" | "plusieurs-chiffres" | "sans-nombre-unique"

/** An input of a derived value: the indicator its formula reads, and the value used (or why none was). */
export interface Entree {
  readonly indicateur: string
  readonly etat: EtatEntree
  /** The number used (`utilisee` only). */
  readonly valeur: number | undefined
  /** The values found for this input (one when used; several for `plusieurs-chiffres`). */
  readonly valeurIds: ReadonlyArray<string>
  /** The figures found, as printed. */
  readonly mesures: ReadonlyArray<string>
}

/** A derived indicator computed for a territory, period and breakdown of a schéma, with the inputs it used. */
export interface ValeurDerivee {
  readonly schemaId: string
  readonly departement: string | undefined
  readonly indicateur: string
  readonly libelle: string
  readonly unite: string
  /** The formula as text: `((pl-eaje + pl-am) / enfants-moins-3-ans) × 100`. */
  readonly formule: string
  readonly territoire: string
  readonly periode: string
  readonly ventilation: string
  /** The computed value; undefined when an input is missing or unusable, or on a division by zero. */
  readonly valeur: number | undefined
  /** One per indicator the formula reads, in the formula's order. */
  readonly entrees: ReadonlyArray<Entree>
  /** The inputs that are not `utilisee`: why there is no value. */
  readonly manquantes: ReadonlyArray<string>
  /** Why there is no value ("" when there is one). */
  readonly motif: string
  /** An input is approximate ("environ"): the value is too. */
  readonly approche: boolean
  /** The single figure recorded for the derived indicator itself at this key, if any (to compare). */
  readonly publiee: number | undefined
}

const decoderFormule = Schema.decodeUnknownResult(Schema.fromJsonString(Indicateur.Formule))

/** A formula as text: references by code, `+ - × /`, parentheses around compound operands. */
export const texteFormule = (f: Indicateur.Formule): string => {
  const symbole = { add: " + ", sub: " - ", mul: " × ", div: " / " } as const
  const operande = (g: Indicateur.Formule): string =>
    g.op === "ref" || g.op === "const" ? texteFormule(g) : `(${texteFormule(g)})`
  return f.op === "ref" ? f.code : f.op === "const" ? String(f.valeur) : f.args.map(operande).join(symbole[f.op])
}

const libelleEtat: Record<EtatEntree, string> = {
  "utilisee": "utilisée",
  "absente": "absente",
  "plusieurs-chiffres": "plusieurs chiffres",
  "sans-nombre-unique": "pas de nombre unique"
}

/**
 * Every derived indicator (a definition with a `formule`) computed from the lines known on the day
 * (`lignes(d, options)`), for each territory, period and breakdown of its schéma where one of its inputs has a value.
 * An input counts when exactly one figure with a single number is known for it (same schéma, territory, period and
 * breakdown); otherwise the derived value has no number and names each input that is absent, has several figures or
 * no single number (a range, a yes/no). Nothing is filled in.
 */
export const derives = (d: P.Donnees, options: Options = {}): ReadonlyArray<ValeurDerivee> => {
  const ls = lignes(d, options)
  const parIndicateur = new Map<string, Array<Ligne>>()
  for (const l of ls) {
    const k = `${l.schemaId}${SEP}${l.indicateur}`
    const x = parIndicateur.get(k)
    if (x === undefined) parIndicateur.set(k, [l])
    else x.push(l)
  }
  const out: Array<ValeurDerivee> = []
  for (const def of d.definitions) {
    if (def.formule === null || !dansLePerimetre(def, options)) continue
    const decodee = decoderFormule(def.formule)
    if (Result.isFailure(decodee)) continue
    const formule = decodee.success
    const schemaId = P.texte(def, "schema_id")
    const code = P.texte(def, "indicateur")
    const operandes = [...new Set(Indicateur.operandes(formule))]
    const groupes = new Map<string, Map<string, Array<Ligne>>>()
    const groupe = (l: Ligne) => {
      const k = [l.territoire, l.periode, l.ventilation].join(SEP)
      let g = groupes.get(k)
      if (g === undefined) groupes.set(k, g = new Map())
      return g
    }
    for (const op of operandes) {
      for (const l of parIndicateur.get(`${schemaId}${SEP}${op}`) ?? []) {
        const g = groupe(l)
        const x = g.get(op)
        if (x === undefined) g.set(op, [l])
        else x.push(l)
      }
    }
    const publiees = new Map<string, Array<Ligne>>()
    for (const l of parIndicateur.get(`${schemaId}${SEP}${code}`) ?? []) {
      const k = [l.territoire, l.periode, l.ventilation].join(SEP)
      const x = publiees.get(k)
      if (x === undefined) publiees.set(k, [l])
      else x.push(l)
    }
    for (const [k, g] of groupes) {
      const [territoire = "", periode = "", ventilation = ""] = k.split(SEP)
      const entrees = operandes.map((op): Entree => {
        const trouvees = g.get(op) ?? []
        const seule = trouvees.length === 1 ? trouvees[0] : undefined
        const etat: EtatEntree = trouvees.length === 0
          ? "absente"
          : trouvees.length > 1
          ? "plusieurs-chiffres"
          : seule?.valeur === undefined
          ? "sans-nombre-unique"
          : "utilisee"
        return {
          indicateur: op,
          etat,
          valeur: etat === "utilisee" ? seule?.valeur : undefined,
          valeurIds: trouvees.map((l) => l.valeurId),
          mesures: trouvees.map((l) => Indicateur.texteMesure(l.mesure))
        }
      })
      const manquantes = entrees.filter((e) => e.etat !== "utilisee")
      const valeurs = new Map(entrees.map((e) => [e.indicateur, e.valeur]))
      const valeur = manquantes.length === 0 ? Indicateur.evaluer(formule, (c) => valeurs.get(c)) : undefined
      const pub = publiees.get(k)
      const utilisees = entrees.flatMap((e) => (e.etat === "utilisee" ? g.get(e.indicateur) ?? [] : []))
      out.push({
        schemaId,
        departement: P.texteOuRien(def, "departement"),
        indicateur: code,
        libelle: P.texte(def, "libelle"),
        unite: P.texte(def, "unite"),
        formule: texteFormule(formule),
        territoire,
        periode,
        ventilation,
        valeur,
        entrees,
        manquantes: manquantes.map((e) => e.indicateur),
        motif: manquantes.length > 0
          ? `entrées manquantes : ${manquantes.map((e) => `${e.indicateur} (${libelleEtat[e.etat]})`).join(", ")}`
          : valeur === undefined
          ? "division par zéro"
          : "",
        approche: utilisees.some((l) => l.mesure.nature === "approchee"),
        publiee: pub !== undefined && pub.length === 1 ? pub[0]?.valeur : undefined
      })
    }
  }
  return out.sort((a, b) =>
    compareTexte(a.schemaId, b.schemaId) || compareTexte(a.indicateur, b.indicateur) ||
    compareTexte(a.territoire, b.territoire) || compareTexte(a.periode, b.periode) ||
    compareTexte(a.ventilation, b.ventilation)
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Reconciliation: communes → EPCI / EPT → département

/** Commune values added up to one EPCI, EPT or département, beside the figure published for it. */
export interface Reconciliation {
  readonly schemaId: string
  readonly departement: string | undefined
  readonly indicateur: string
  readonly periode: string
  readonly ventilation: string
  readonly additivite: "somme" | "moyenne"
  readonly echelon: Geographie.Echelon
  /** `departement:93`, `epci:200057867` (EPCI and EPT by SIREN); undefined for the parts that roll up to none. */
  readonly territoire: string | undefined
  /** The EPCI's or EPT's name, from the geography. */
  readonly nom: string | undefined
  /** The parts' sum (their unweighted mean for `moyenne`); undefined when no part has a single number. */
  readonly agregat: number | undefined
  /** The parts added up (`commune:93066`, `arrondissement:75119`). */
  readonly parties: ReadonlyArray<string>
  /**
   * Parts left out: several figures for one key (contradictions, several sources), no single number (a range), or a
   * city given as a whole beside its arrondissements (Paris, Lyon, Marseille: the arrondissements are kept).
   */
  readonly partiesEcartees: ReadonlyArray<string>
  /** The single figure published for this territory, if any. */
  readonly publiee: number | undefined
  /** `publiee - agregat` (0 when they agree); undefined when either is missing. */
  readonly ecart: number | undefined
  /** A figure involved is approximate ("environ"): the difference is indicative. */
  readonly approche: boolean
}

/** Options of `reconciliation`. */
export interface OptionsReconciliation {
  /**
   * The communes' and arrondissements' attachments (from the `Geographie` port: `fichesOfficielles`). Without them,
   * parts roll up to the département their code names, and only that level is checked.
   */
  readonly fiches?: Iterable<Geographie.FicheCommune> | undefined
  /** The levels to check: default all three with `fiches`, the département alone without. */
  readonly echelons?: ReadonlyArray<Geographie.Echelon> | undefined
}

const niveauEtCode = (territoire: string): readonly [string, string] => {
  const i = territoire.indexOf(":")
  return i < 0 ? [territoire, ""] : [territoire.slice(0, i), territoire.slice(i + 1)]
}

const estPartie = (territoire: string): boolean => {
  const [niveau] = niveauEtCode(territoire)
  return niveau === "commune" || niveau === "arrondissement"
}

/** Fiches from the codes alone: each commune or arrondissement in the département its code names, nothing else. */
const fichesDesCodes = (ls: ReadonlyArray<Ligne>): ReadonlyArray<Geographie.FicheCommune> => {
  const out = new Map<string, Geographie.FicheCommune>()
  for (const l of ls) {
    const [niveau, code] = niveauEtCode(l.territoire)
    if (out.has(code)) continue
    const territoire: Geographie.FicheCommune["territoire"] | undefined = niveau === "commune"
      ? { niveau: "commune", code: code as Territoire.CodeCommune }
      : niveau === "arrondissement"
      ? { niveau: "arrondissement", code: code as Territoire.CodeArrondissement }
      : undefined
    const departement = territoire === undefined ? undefined : Territoire.departementDe(territoire)
    if (territoire !== undefined && departement !== undefined) {
      out.set(code, { territoire, nom: code, departement })
    }
  }
  return [...out.values()]
}

const ordreEchelon: Record<Geographie.Echelon, number> = { epci: 0, ept: 1, departement: 2 }
const arrondi = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * For each indicator its schéma's definition declares additive (`somme`, or `moyenne`: the unweighted mean of the
 * parts; never guessed from the unit: a median income in euros is never summed), each documented period and
 * breakdown: the commune and arrondissement values added up to each EPCI, EPT and département they belong to, the
 * figure published for that territory when there is one, and the difference. A total is reported also where nothing
 * is published (`publiee` undefined). Only the parts present are counted: a table of communes over 10,000
 * inhabitants (Cnaf open data) will not reach the total, and the difference says by how much.
 */
export const reconciliation = (
  ls: ReadonlyArray<Ligne>,
  options: OptionsReconciliation = {}
): ReadonlyArray<Reconciliation> => {
  const fiches = new Map<string, Geographie.FicheCommune>()
  for (const f of options.fiches ?? fichesDesCodes(ls)) fiches.set(f.territoire.code, f)
  const echelons = options.echelons ?? (options.fiches === undefined ? ["departement"] : ["epci", "ept", "departement"])
  const groupes = new Map<string, Array<Ligne & { readonly additivite: "somme" | "moyenne" }>>()
  for (const l of ls) {
    if ((l.additivite !== "somme" && l.additivite !== "moyenne") || !l.periodeDocumentee) continue
    const k = [l.schemaId, l.indicateur, l.periode, l.ventilation].join(SEP)
    const x = groupes.get(k)
    const la = l as Ligne & { readonly additivite: "somme" | "moyenne" }
    if (x === undefined) groupes.set(k, [la])
    else x.push(la)
  }
  const out: Array<Reconciliation> = []
  for (const groupe of groupes.values()) {
    const premiere = groupe[0]
    if (premiere === undefined) continue
    const parTerritoire = new Map<string, Array<Ligne>>()
    for (const l of groupe) {
      const x = parTerritoire.get(l.territoire)
      if (x === undefined) parTerritoire.set(l.territoire, [l])
      else x.push(l)
    }
    const unique = (t: string): Ligne | undefined => {
      const x = parTerritoire.get(t)
      return x !== undefined && x.length === 1 && x[0]?.valeur !== undefined ? x[0] : undefined
    }
    const parties = [...parTerritoire.keys()].filter(estPartie)
    // A city given whole beside its arrondissements would be counted twice: its arrondissements are kept.
    const villesDetaillees = new Set(parties.flatMap((t) => {
      const f = fiches.get(niveauEtCode(t)[1])
      return f?.commune === undefined ? [] : [`commune:${f.commune}`]
    }))
    const retenues = new Map<string, Ligne>()
    const ecartees: Array<string> = []
    for (const t of parties) {
      const l = unique(t)
      if (l === undefined || villesDetaillees.has(t)) ecartees.push(t)
      else retenues.set(t, l)
    }
    for (const echelon of echelons) {
      const cible = (t: string): string | undefined => {
        const f = fiches.get(niveauEtCode(t)[1])
        const code = f === undefined
          ? undefined
          : echelon === "departement"
          ? f.departement
          : (echelon === "epci" ? f.epci : f.ept)?.territoire.code
        return code === undefined ? undefined : echelon === "departement" ? `departement:${code}` : `epci:${code}`
      }
      const nomDe = (t: string): string | undefined => {
        const f = fiches.get(niveauEtCode(t)[1])
        return echelon === "departement" ? undefined : (echelon === "epci" ? f?.epci : f?.ept)?.nom
      }
      const valeurs = [...retenues].map(([t, l]) => [niveauEtCode(t)[1], l.valeur ?? 0] as const)
      const fichesRetenues = valeurs.flatMap(([code]) => {
        const f = fiches.get(code)
        return f === undefined ? [] : [f]
      })
      const sommes = Geographie.cumuler(valeurs, fichesRetenues, echelon)
      const comptes = Geographie.cumuler(valeurs.map(([code]) => [code, 1] as const), fichesRetenues, echelon)
      const cibles = new Map<string | undefined, { parties: Array<string>; ecartees: Array<string>; nom?: string }>()
      const entree = (t: string) => {
        const c = cible(t)
        let e = cibles.get(c)
        if (e === undefined) {
          const nom = nomDe(t)
          cibles.set(c, e = { parties: [], ecartees: [], ...(nom === undefined ? {} : { nom }) })
        }
        return e
      }
      for (const t of retenues.keys()) entree(t).parties.push(t)
      for (const t of ecartees) entree(t).ecartees.push(t)
      for (const [territoire, e] of cibles) {
        const code = territoire === undefined ? undefined : niveauEtCode(territoire)[1]
        const total = code === undefined
          ? e.parties.reduce((s, t) => s + (retenues.get(t)?.valeur ?? 0), 0)
          : sommes.totaux.get(code)
        const n = code === undefined ? e.parties.length : comptes.totaux.get(code) ?? 0
        const agregat = total === undefined || n === 0
          ? undefined
          : premiere.additivite === "moyenne"
          ? total / n
          : total
        const publiee = territoire === undefined ? undefined : unique(territoire)
        const ecart = publiee?.valeur === undefined || agregat === undefined
          ? undefined
          : arrondi(publiee.valeur - agregat)
        out.push({
          schemaId: premiere.schemaId,
          departement: premiere.departement,
          indicateur: premiere.indicateur,
          periode: premiere.periode,
          ventilation: premiere.ventilation,
          additivite: premiere.additivite,
          echelon,
          territoire,
          nom: e.nom,
          agregat,
          parties: e.parties,
          partiesEcartees: e.ecartees,
          publiee: publiee?.valeur,
          ecart,
          approche: [...(publiee === undefined ? [] : [publiee]), ...e.parties.map((t) => retenues.get(t))]
            .some((l) => l?.mesure.nature === "approchee")
        })
      }
    }
  }
  return out.sort((a, b) =>
    compareTexte(a.schemaId, b.schemaId) || compareTexte(a.indicateur, b.indicateur) ||
    compareTexte(a.periode, b.periode) || compareTexte(a.ventilation, b.ventilation) ||
    ordreEchelon[a.echelon] - ordreEchelon[b.echelon] || compareTexte(a.territoire ?? "", b.territoire ?? "")
  )
}

/**
 * The official fiches of the communes and arrondissements the lines name, from the `Geographie` port: the communes of
 * each département named (one call each) and each arrondissement. A code the geography does not know as current (an
 * old code, a typo) gets no fiche: its value then rolls up to nothing and shows as such.
 */
export const fichesOfficielles = Effect.fn("TableauIndicateurs.fichesOfficielles")(function*(
  ls: ReadonlyArray<Ligne>
) {
  const g = yield* Geographie.Geographie
  const departements = new Set<string>()
  const arrondissements = new Set<string>()
  for (const l of ls) {
    const [niveau, code] = niveauEtCode(l.territoire)
    if (niveau === "commune") {
      const d = Territoire.departementDe({ niveau, code: code as Territoire.CodeCommune })
      if (d !== undefined) departements.add(d)
    } else if (niveau === "arrondissement") arrondissements.add(code)
  }
  const out: Array<Geographie.FicheCommune> = []
  for (const d of [...departements].sort()) out.push(...(yield* g.communes(d as Territoire.CodeDepartement)))
  for (const code of [...arrondissements].sort()) {
    const r = yield* Effect.result(g.commune(code))
    if (Result.isSuccess(r) && r.success.fiche.territoire.code === code) out.push(r.success.fiche)
  }
  return out as ReadonlyArray<Geographie.FicheCommune>
})

/** `reconciliation` over every level (EPCI, EPT, département) with the communes' attachments from the `Geographie`. */
export const reconcilier = Effect.fn("TableauIndicateurs.reconcilier")(function*(
  ls: ReadonlyArray<Ligne>,
  echelons?: ReadonlyArray<Geographie.Echelon>
) {
  const fiches = yield* fichesOfficielles(ls)
  return reconciliation(ls, { fiches, echelons })
})

// ---------------------------------------------------------------------------------------------------------------
// Extracts for renderers

// Columns are declared as every view of this package declares them.
const c = colonne

const colonnesLignes: ReadonlyArray<Extrait.Colonne> = [
  c("schema_id", "Schéma", "text", "the schéma's id"),
  c("departement", "Département", "text", "the schéma's département (empty when its launch is not in the log)"),
  c("indicateur", "Indicateur", "text", "the indicator's code"),
  c("territoire", "Territoire", "text", "departement:92, commune:93066, arrondissement:75119, france:metropolitaine"),
  c("periode", "Période", "text", "2024, 2025-01-01/2025-06-30, or non documentée (note)"),
  c("periode_documentee", "Période documentée", "boolean", "false when the document prints no period"),
  c("ventilation", "Ventilation", "text", "the breakdown, empty for the whole"),
  c("nature", "Nature du chiffre", "text", "exacte, approchee, intervalle, oui-non, modalite"),
  c("valeur", "Valeur", "number", "the number of an exact or approximate figure", "decimal"),
  c("min", "Min", "number", "lower bound of a range", "decimal"),
  c("max", "Max", "number", "upper bound of a range", "decimal"),
  c("qualificatif", "Qualificatif", "text", "environ, plus de... as printed"),
  c("mesure", "Chiffre tel qu'imprimé", "text", "34, ~19 (environ), 2000..4000, >=40 (plus de), oui, municipale"),
  c("unite", "Unité", "text", "the value's unit"),
  c("additivite", "Additivité", "text", "somme, moyenne, aucune; empty when the schéma does not define it"),
  c("source", "Source", "text", "the source as recorded, or non documenté (note)"),
  c("methode", "Méthode", "text", "how the figure was obtained"),
  c("enregistre_le", "Enregistré le", "text", "when the value was recorded (ISO instant)"),
  c("versions", "Versions", "integer", "values recorded for this key up to the day, restated ones included", "entier"),
  c("contradiction", "Contradiction", "boolean", "the same source gave another figure for this key"),
  c("motif_retraitement", "Motif du retraitement", "text", "why this figure restates an earlier one"),
  c("valeur_id", "Id de la valeur", "text", "the value's id within its schéma"),
  c("position", "Position", "integer", "global position of the event that recorded the value", "entier")
]

/** The lines as an extract (one row per line, columns labelled in French). */
export const extraitLignes = (ls: ReadonlyArray<Ligne>, titre = "Indicateurs"): Extrait.Extrait => ({
  nom: "indicateurs",
  titre,
  grain: "one row per figure known for an indicator, territory, period and breakdown of a schéma, per source",
  colonnes: colonnesLignes,
  lignes: ls.map((l) => ({
    schema_id: l.schemaId,
    departement: l.departement ?? null,
    indicateur: l.indicateur,
    territoire: l.territoire,
    periode: l.periode,
    periode_documentee: l.periodeDocumentee,
    ventilation: l.ventilation,
    nature: l.mesure.nature,
    valeur: l.valeur ?? null,
    min: l.mesure.nature === "intervalle" ? l.mesure.min ?? null : null,
    max: l.mesure.nature === "intervalle" ? l.mesure.max ?? null : null,
    qualificatif: l.mesure.nature === "approchee" || l.mesure.nature === "intervalle"
      ? l.mesure.qualificatif ?? null
      : null,
    mesure: Indicateur.texteMesure(l.mesure),
    unite: l.unite,
    additivite: l.additivite ?? null,
    source: l.source,
    methode: l.methode,
    enregistre_le: l.enregistreLe,
    versions: l.versions,
    contradiction: l.contradiction,
    motif_retraitement: l.motifRetraitement,
    valeur_id: l.valeurId,
    position: l.position
  }))
})

const colonnesDerives: ReadonlyArray<Extrait.Colonne> = [
  c("schema_id", "Schéma", "text", "the schéma's id"),
  c("departement", "Département", "text", "the schéma's département"),
  c("indicateur", "Indicateur dérivé", "text", "the derived indicator's code"),
  c("libelle", "Libellé", "text", "the derived indicator's label"),
  c("territoire", "Territoire", "text", "the territory's key"),
  c("periode", "Période", "text", "the period's key"),
  c("ventilation", "Ventilation", "text", "the breakdown, empty for the whole"),
  c("valeur", "Valeur calculée", "number", "computed from the formula; empty when an input is missing", "decimal"),
  c("unite", "Unité", "text", "the derived indicator's unit"),
  c("formule", "Formule", "text", "the formula, inputs by code"),
  c("entrees", "Entrées", "text", "each input: code = figure used, or why none was"),
  c("valeurs_utilisees", "Valeurs utilisées", "text[]", "ids of the values used"),
  c("manquantes", "Entrées manquantes", "text[]", "inputs absent, with several figures, or without a single number"),
  c("motif", "Motif", "text", "why there is no value (empty when there is one)"),
  c("approche", "Approché", "boolean", "an input is approximate"),
  c("publiee", "Valeur publiée", "number", "the figure recorded for the derived indicator itself, if one", "decimal")
]

const texteEntree = (e: Entree): string =>
  e.etat === "utilisee"
    ? `${e.indicateur} = ${e.mesures.join("")}`
    : e.etat === "absente"
    ? `${e.indicateur} : absente`
    : `${e.indicateur} : ${libelleEtat[e.etat]} (${e.mesures.join(" ; ")})`

/** Derived values as an extract: one row per derived value, naming the inputs used and those missing. */
export const extraitDerives = (ds: ReadonlyArray<ValeurDerivee>, titre = "Indicateurs dérivés"): Extrait.Extrait => ({
  nom: "indicateurs_derives",
  titre,
  grain: "one row per derived indicator, territory, period and breakdown of a schéma where an input is known",
  colonnes: colonnesDerives,
  lignes: ds.map((v) => ({
    schema_id: v.schemaId,
    departement: v.departement ?? null,
    indicateur: v.indicateur,
    libelle: v.libelle,
    territoire: v.territoire,
    periode: v.periode,
    ventilation: v.ventilation,
    valeur: v.valeur ?? null,
    unite: v.unite,
    formule: v.formule,
    entrees: v.entrees.map(texteEntree).join(" ; "),
    valeurs_utilisees: v.entrees.flatMap((e) => (e.etat === "utilisee" ? e.valeurIds : [])),
    manquantes: [...v.manquantes],
    motif: v.motif,
    approche: v.approche,
    publiee: v.publiee ?? null
  }))
})

const colonnesReconciliation: ReadonlyArray<Extrait.Colonne> = [
  c("schema_id", "Schéma", "text", "the schéma's id"),
  c("departement", "Département du schéma", "text", "the schéma's département"),
  c("indicateur", "Indicateur", "text", "the indicator's code"),
  c("periode", "Période", "text", "the period's key"),
  c("ventilation", "Ventilation", "text", "the breakdown, empty for the whole"),
  c("additivite", "Additivité", "text", "somme, or moyenne (unweighted mean of the parts)"),
  c("echelon", "Échelon", "text", "epci, ept or departement"),
  c("territoire", "Territoire", "text", "departement:93 or epci:<SIREN>; empty for parts that roll up to none"),
  c("nom", "Nom", "text", "the EPCI's or EPT's name"),
  c("agregat", "Somme des communes", "number", "the parts' sum (mean for moyenne)", "decimal"),
  c("publiee", "Valeur publiée", "number", "the figure published for the territory, if one", "decimal"),
  c("ecart", "Écart", "number", "published minus the parts' sum", "decimal"),
  c("parties", "Communes comptées", "integer", "number of parts added up", "entier"),
  c("parties_liste", "Communes", "text[]", "the parts added up"),
  c("parties_ecartees", "Communes écartées", "text[]", "parts with several figures or no single number"),
  c("approche", "Approché", "boolean", "a figure involved is approximate")
]

/** The reconciliation as an extract. */
export const extraitReconciliation = (
  rs: ReadonlyArray<Reconciliation>,
  titre = "Sommes des communes"
): Extrait.Extrait => ({
  nom: "reconciliation",
  titre,
  grain: "one row per additive indicator, period, breakdown, level and territory the parts roll up to, per schéma",
  colonnes: colonnesReconciliation,
  lignes: rs.map((r) => ({
    schema_id: r.schemaId,
    departement: r.departement ?? null,
    indicateur: r.indicateur,
    periode: r.periode,
    ventilation: r.ventilation,
    additivite: r.additivite,
    echelon: r.echelon,
    territoire: r.territoire ?? null,
    nom: r.nom ?? null,
    agregat: r.agregat ?? null,
    publiee: r.publiee ?? null,
    ecart: r.ecart ?? null,
    parties: r.parties.length,
    parties_liste: [...r.parties],
    parties_ecartees: [...r.partiesEcartees],
    approche: r.approche
  }))
})

// ---------------------------------------------------------------------------------------------------------------
// CSV (kept until the renderers take `extraitLignes`)

const cellule = (v: string | number, separateur: string): string => {
  const s = String(v)
  return s.includes(separateur) || s.includes("\"") || s.includes("\n") || s.includes("\r")
    ? `"${s.replaceAll("\"", "\"\"")}"`
    : s
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
