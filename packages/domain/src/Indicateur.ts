/**
 * Indicators: their definitions (code, label, unit, additivity, breakdown dimensions, levels, formula for derived
 * ones) and their values, which are bi-temporal: the period a value describes, and when it was recorded.
 *
 * A value is kept as printed: exact, approximate ("environ 19 %"), a range or a bound ("2 000 à 4 000 places",
 * "plus de 40 %"), yes/no, or a category. A later value restates an earlier one only when it says so (`retraitement`,
 * with its reason): two values of one key recorded without a restatement are both kept, and differing ones flagged.
 */
import { Schema } from "effect"
import { NiveauTerritorial, Territoire, cleTerritoire } from "./Territoire.ts"
import { Annee, Instant, Jour, type NonDocumente, OuNonDocumente } from "./Temps.ts"
import { readableMake } from "./internal/issues.ts"

/** An indicator code: a lowercase slug (`places-avip-soutenues`, `txcouv`). */
export const CodeIndicateur = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+([_-][a-z0-9]+)*$/, {
    message: "an indicator code is a lowercase slug, e.g. places-avip"
  })
).pipe(Schema.brand("CodeIndicateur"))
export type CodeIndicateur = typeof CodeIndicateur.Type

/**
 * Units of indicator values. `pour-100` is "per 100 children" (coverage rates, which may exceed 100); `etp` full-time
 * equivalents; `euros-par-mois` and `euros-par-an` amounts per period (seed 004 l.335: a low-income threshold of
 * "1 096 € par mois et par unité de consommation"; l.260: a median income of "26 808 €/UC" a year); `oui-non` a yes/no
 * answer (e.g. per commune) and `modalite` a category, whose values are `oui-non` and `modalite` measures.
 * `variation-pourcent` is a change in percent, which may be negative and is never summed (seed 004 l.246: "-0,5%" in
 * 5 years in Paris, "+0,4%" in Île-de-France; l.331: "- 4%"), where `pourcent` is a share within 0-100.
 */
export const Unite = Schema.Literals([
  "nombre",
  "places",
  "pourcent",
  "variation-pourcent",
  "pour-100",
  "euros",
  "heures",
  "ratio",
  "jours",
  "etp",
  "euros-par-mois",
  "euros-par-an",
  "oui-non",
  "modalite"
])
export type Unite = typeof Unite.Type

/** Units whose values are not numbers: yes/no answers and categories. */
export const unitesNonNumeriques: ReadonlyArray<Unite> = ["oui-non", "modalite"]

/**
 * How values of parts make up the value of the whole (communes → département, breakdown → total): `somme` (counts,
 * places, budgets), `moyenne` (the whole is the unweighted mean of its parts), `aucune` (rates, medians, ratios:
 * nothing can be computed from the parts; a median income in euros is never summed).
 */
export const Additivite = Schema.Literals(["somme", "moyenne", "aucune"])
export type Additivite = typeof Additivite.Type

/** What an indicator measures; `taux-de-couverture` values are exempt from the 0-100 bound of percentages. */
export const Categorie = Schema.Literals(["effectif", "taux", "taux-de-couverture", "ratio", "montant", "autre"])
export type Categorie = typeof Categorie.Type

/** A formula of a derived indicator, over other indicators' values for the same territory and period. */
export type Formule =
  | { readonly op: "ref"; readonly code: CodeIndicateur }
  | { readonly op: "const"; readonly valeur: number }
  | { readonly op: "add" | "sub" | "mul" | "div"; readonly args: ReadonlyArray<Formule> }

/** Encoded form of a formula (the same JSON). */
export type FormuleEncoded =
  | { readonly op: "ref"; readonly code: string }
  | { readonly op: "const"; readonly valeur: number }
  | { readonly op: "add" | "sub" | "mul" | "div"; readonly args: ReadonlyArray<FormuleEncoded> }

/** Schema of a formula. */
export const Formule: Schema.Codec<Formule, FormuleEncoded> = Schema.Union([
  Schema.Struct({ op: Schema.Literal("ref"), code: CodeIndicateur }),
  Schema.Struct({ op: Schema.Literal("const"), valeur: Schema.Finite }),
  Schema.Struct({
    op: Schema.Literals(["add", "sub", "mul", "div"]),
    args: Schema.Array(Schema.suspend((): Schema.Codec<Formule, FormuleEncoded> => Formule)).check(
      Schema.isMinLength(2)
    )
  })
])

/** The indicators a formula reads. */
export const operandes = (f: Formule): ReadonlyArray<CodeIndicateur> =>
  f.op === "ref" ? [f.code] : f.op === "const" ? [] : f.args.flatMap(operandes)

/** Evaluates a formula; undefined when an operand is missing or a division is by zero. */
export const evaluer = (f: Formule, valeurs: (code: CodeIndicateur) => number | undefined): number | undefined => {
  switch (f.op) {
    case "ref":
      return valeurs(f.code)
    case "const":
      return f.valeur
    default: {
      const xs = f.args.map((a) => evaluer(a, valeurs))
      if (xs.some((x) => x === undefined)) return undefined
      const [first, ...rest] = xs as ReadonlyArray<number>
      return rest.reduce<number | undefined>((acc, x) => {
        if (acc === undefined) return undefined
        switch (f.op) {
          case "add":
            return acc + x
          case "sub":
            return acc - x
          case "mul":
            return acc * x
          case "div":
            return x === 0 ? undefined : acc / x
        }
      }, first)
    }
  }
}

/** A breakdown dimension's code: a lowercase slug (`type-structure`, `gestion`, `tranche-age`). */
export const CodeDimension = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { message: "a dimension code is a lowercase slug, e.g. tranche-age" })
).pipe(Schema.brand("CodeDimension"))
export type CodeDimension = typeof CodeDimension.Type

const sansDoublon = <A>(cle: (a: A) => string, quoi: string) =>
  Schema.makeFilter((xs: ReadonlyArray<A>) => {
    const vus = new Set<string>()
    for (const [i, x] of xs.entries()) {
      const k = cle(x)
      if (vus.has(k)) return { path: [i], issue: `${quoi} ${k} is listed twice` }
      vus.add(k)
    }
    return true
  })

/**
 * A dimension an indicator's values are broken down by (type of structure, public/privé, age group), with the
 * categories it allows when they are fixed (`modalites`); a broken-down value names one category per dimension.
 */
export const Dimension = Schema.Struct({
  code: CodeDimension,
  libelle: Schema.NonEmptyString,
  modalites: Schema.optionalKey(
    Schema.Array(Schema.NonEmptyString).check(Schema.isMinLength(1), sansDoublon((m: string) => m, "category"))
  )
})
export type Dimension = typeof Dimension.Type

/** An indicator's definition. */
export const DefinitionIndicateur = Schema.Struct({
  code: CodeIndicateur,
  libelle: Schema.NonEmptyString,
  unite: Unite,
  categorie: Categorie,
  /** How parts add up to the whole: declared, never guessed from the unit. */
  additivite: Additivite,
  /** The dimensions values may be broken down by (none: values are never broken down). */
  dimensions: Schema.optionalKey(Schema.Array(Dimension).check(sansDoublon((d: Dimension) => d.code, "dimension"))),
  /** The territory levels values are given at. */
  niveaux: Schema.Array(NiveauTerritorial).check(Schema.isMinLength(1)),
  /** For derived indicators: how they are computed. */
  formule: Schema.optionalKey(Formule),
  description: Schema.optionalKey(Schema.String)
})
export type DefinitionIndicateur = typeof DefinitionIndicateur.Type

/** The period a value describes: a year, or a date range (both days included). */
export const PeriodeObservee = Schema.Union([
  Schema.Struct({ annee: Annee }),
  Schema.Struct({ du: Jour, au: Jour }).check(
    Schema.makeFilter((p: { readonly du: string; readonly au: string }) =>
      p.du <= p.au || { path: ["au"], issue: `the range ends (${p.au}) before it starts (${p.du})` }
    )
  )
])
export type PeriodeObservee = typeof PeriodeObservee.Type

/**
 * `2024`, `2025-01-01/2025-06-30`, or `non documentée (note)` for a period the document does not print: two such
 * values share a key only when their notes are equal.
 */
export const clePeriode = (p: PeriodeObservee | NonDocumente): string =>
  "_tag" in p
    ? `non documentée${p.note === undefined ? "" : ` (${p.note})`}`
    : "annee" in p
    ? String(p.annee)
    : `${p.du}/${p.au}`

/** A value's id (uuid). */
export const ValeurId = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("ValeurId"))
export type ValeurId = typeof ValeurId.Type

/**
 * A figure as printed: `exacte`; `approchee` with its qualifier ("environ", "près de", "avoisinant": seed 004 l.374,
 * l.731, l.357); `intervalle` with one or both bounds and its qualifier ("2 000 à 4 000", "plus de" 40 %: seed 004
 * l.298, "moins de" 18 %: l.315); `oui-non`; `modalite` (a category). Bounds are as printed: whether "plus de" is
 * strict is the qualifier's to say.
 */
export const Mesure = Schema.Union([
  Schema.Struct({ nature: Schema.Literal("exacte"), valeur: Schema.Finite }),
  Schema.Struct({ nature: Schema.Literal("approchee"), valeur: Schema.Finite, qualificatif: Schema.NonEmptyString }),
  Schema.Struct({
    nature: Schema.Literal("intervalle"),
    min: Schema.optionalKey(Schema.Finite),
    max: Schema.optionalKey(Schema.Finite),
    qualificatif: Schema.optionalKey(Schema.NonEmptyString)
  }).check(
    Schema.makeFilter((m: { readonly min?: number; readonly max?: number }) =>
      m.min === undefined && m.max === undefined
        ? { path: ["min"], issue: "a range needs a lower bound (min), an upper bound (max) or both" }
        : m.min === undefined || m.max === undefined || m.min <= m.max ||
          { path: ["max"], issue: `the range ends (${m.max}) below its start (${m.min})` }
    )
  ),
  Schema.Struct({ nature: Schema.Literal("oui-non"), valeur: Schema.Boolean }),
  Schema.Struct({ nature: Schema.Literal("modalite"), valeur: Schema.NonEmptyString })
])
export type Mesure = typeof Mesure.Type

/** An exact figure (`{ nature: "exacte", valeur }`). */
export const exacte = (valeur: number): Mesure => ({ nature: "exacte", valeur })

/** The numbers a measure states (its value, or its bounds); none for yes/no and categories. */
export const nombresDe = (m: Mesure): ReadonlyArray<number> => {
  switch (m.nature) {
    case "exacte":
    case "approchee":
      return [m.valeur]
    case "intervalle":
      return [...(m.min === undefined ? [] : [m.min]), ...(m.max === undefined ? [] : [m.max])]
    case "oui-non":
    case "modalite":
      return []
  }
}

/** The single number of an exact or approximate measure; undefined for ranges, yes/no and categories. */
export const nombreDe = (m: Mesure): number | undefined =>
  m.nature === "exacte" || m.nature === "approchee" ? m.valeur : undefined

/** Whether two measures say the same thing (same nature, numbers, qualifier). */
export const memeMesure = (a: Mesure, b: Mesure): boolean => texteMesure(a) === texteMesure(b)

/** A measure as printed: `34`, `~19 (environ)`, `2000..4000`, `>40 (plus de)`, `oui`, `municipale`. */
export const texteMesure = (m: Mesure): string => {
  switch (m.nature) {
    case "exacte":
      return String(m.valeur)
    case "approchee":
      return `~${m.valeur} (${m.qualificatif})`
    case "intervalle": {
      const bornes = m.min !== undefined && m.max !== undefined
        ? `${m.min}..${m.max}`
        : m.min !== undefined
        ? `>=${m.min}`
        : `<=${m.max}`
      return m.qualificatif === undefined ? bornes : `${bornes} (${m.qualificatif})`
    }
    case "oui-non":
      return m.valeur ? "oui" : "non"
    case "modalite":
      return m.valeur
  }
}

/** A breakdown: one category per dimension (`{ "tranche-age": "0-5 ans", gestion: "associative" }`). */
export const Ventilation = Schema.Record(CodeDimension, Schema.NonEmptyString)
export type Ventilation = typeof Ventilation.Type

/** `gestion=associative;tranche-age=0-5 ans` (dimensions sorted), or "" for a value that is not broken down. */
export const cleVentilation = (v: Ventilation | undefined): string =>
  v === undefined ? "" : Object.keys(v).sort().map((k) => `${k}=${v[k as CodeDimension]}`).join(";")

/**
 * A deliberate restatement: the value this one replaces (same key) and why. `motif` is required of new commands;
 * values stored by version 1 of `ValeurIndicateurEnregistree` restated automatically and have none.
 */
export const Retraitement = Schema.Struct({ remplace: ValeurId, motif: Schema.optionalKey(Schema.NonEmptyString) })
export type Retraitement = typeof Retraitement.Type

const natureAttendue = (u: Unite): ReadonlyArray<Mesure["nature"]> =>
  u === "oui-non" ? ["oui-non"] : u === "modalite" ? ["modalite"] : ["exacte", "approchee", "intervalle"]

/**
 * An indicator value: what it describes (indicator, territory, period, breakdown) and how it is known (measure, unit,
 * source, method, when, what it restates).
 */
export const ValeurIndicateur = Schema.Struct({
  valeurId: ValeurId,
  indicateur: CodeIndicateur,
  territoire: Territoire,
  /** `NonDocumente` (with a note) when the document prints the figure without its period (seed 004 l.53, l.731). */
  periode: OuNonDocumente(PeriodeObservee),
  /** The category of each breakdown dimension this value is for (absent: the whole). */
  ventilation: Schema.optionalKey(Ventilation),
  mesure: Mesure,
  unite: Unite,
  /** Who produced the figure: CAF, CD93, INSEE, Cnaf open data...; `NonDocumente` when the document cites none. */
  source: OuNonDocumente(Schema.NonEmptyString),
  methode: Schema.optionalKey(Schema.String),
  /** When the value was recorded (transaction time). */
  enregistreLe: Instant,
  /** Set when this value deliberately replaces an earlier one of the same key. */
  retraitement: Schema.optionalKey(Retraitement)
}).check(
  Schema.makeFilter((v: { readonly mesure: Mesure; readonly unite: Unite }) =>
    natureAttendue(v.unite).includes(v.mesure.nature) ||
    {
      path: ["mesure", "nature"],
      issue: `a value in ${v.unite} is ${natureAttendue(v.unite).join(" or ")}, not ${v.mesure.nature}`
    }
  )
)
export type ValeurIndicateur = typeof ValeurIndicateur.Type

/** The key a restatement shares with what it restates: indicator, territory, period and breakdown. */
export const cleValeur = (
  v: Pick<ValeurIndicateur, "indicateur" | "territoire" | "periode" | "ventilation">
): string => {
  const k = `${v.indicateur}|${cleTerritoire(v.territoire)}|${clePeriode(v.periode)}`
  const ventilation = cleVentilation(v.ventilation)
  return ventilation === "" ? k : `${k}|${ventilation}`
}

/**
 * What was known on `jour` (end of that day, UTC) about a key: the values recorded by then that no value recorded by
 * then restates, in recording order. More than one when a document gave several figures for one key (a
 * contradiction, kept and flagged, never resolved by recording order). `valeurs` is the full bi-temporal history.
 */
export const connusLe = (
  valeurs: Iterable<ValeurIndicateur>,
  cle: Pick<ValeurIndicateur, "indicateur" | "territoire" | "periode" | "ventilation">,
  jour: Jour
): ReadonlyArray<ValeurIndicateur> => {
  const k = cleValeur(cle)
  const connues = Array.from(valeurs).filter((v) => cleValeur(v) === k && v.enregistreLe.slice(0, 10) <= jour)
  const remplacees = new Set(connues.flatMap((v) => (v.retraitement === undefined ? [] : [v.retraitement.remplace])))
  return connues.filter((v) => !remplacees.has(v.valeurId))
}

/** The latest of `connusLe` (by recording time), or undefined; with contradictory figures, check `connusLe`. */
export const connuLe = (
  valeurs: Iterable<ValeurIndicateur>,
  cle: Pick<ValeurIndicateur, "indicateur" | "territoire" | "periode" | "ventilation">,
  jour: Jour
): ValeurIndicateur | undefined =>
  connusLe(valeurs, cle, jour).reduce<ValeurIndicateur | undefined>(
    (best, v) => (best === undefined || v.enregistreLe >= best.enregistreLe ? v : best),
    undefined
  )

/**
 * Reference definitions of the Cnaf coverage indicators (domain.md "Indicators"; Cnaf/ONAPE): the taux de couverture
 * global is the theoretical capacity (EAJE places + assistants maternels actually caring + home childcare +
 * preschool places for 2-year-olds) per 100 children under 3, and may exceed 100 in a commune.
 */
export const definitionsReference: ReadonlyArray<DefinitionIndicateur> = (() => {
  const c = (s: string) => s as CodeIndicateur
  const ref = (s: string): Formule => ({ op: "ref", code: c(s) })
  const niveaux = ["france", "departement", "epci", "commune"] as const
  const places = (code: string, libelle: string): DefinitionIndicateur => ({
    code: c(code),
    libelle,
    unite: "places",
    categorie: "effectif",
    additivite: "somme",
    niveaux: [...niveaux]
  })
  return [
    places("pl-eaje", "Places en EAJE (accueil collectif)"),
    places("pl-am", "Places auprès d'assistants maternels en exercice"),
    places("pl-gad", "Places en garde à domicile"),
    places("pl-prescol", "Places en préscolarisation des enfants de 2 ans"),
    {
      code: c("enfants-moins-3-ans"),
      libelle: "Enfants de moins de 3 ans",
      unite: "nombre",
      categorie: "effectif",
      additivite: "somme",
      niveaux: [...niveaux]
    },
    {
      code: c("txcouv"),
      libelle: "Taux de couverture global (places pour 100 enfants de moins de 3 ans)",
      unite: "pour-100",
      categorie: "taux-de-couverture",
      additivite: "aucune",
      niveaux: [...niveaux],
      formule: {
        op: "mul",
        args: [
          {
            op: "div",
            args: [
              { op: "add", args: [ref("pl-eaje"), ref("pl-am"), ref("pl-gad"), ref("pl-prescol")] },
              ref("enfants-moins-3-ans")
            ]
          },
          { op: "const", valeur: 100 }
        ]
      }
    },
    {
      code: c("txcouv-eaje"),
      libelle: "Taux de couverture collectif (EAJE)",
      unite: "pour-100",
      categorie: "taux-de-couverture",
      additivite: "aucune",
      niveaux: [...niveaux],
      formule: {
        op: "mul",
        args: [{ op: "div", args: [ref("pl-eaje"), ref("enfants-moins-3-ans")] }, { op: "const", valeur: 100 }]
      }
    }
  ]
})()

readableMake({ CodeIndicateur, DefinitionIndicateur, ValeurId, ValeurIndicateur })
