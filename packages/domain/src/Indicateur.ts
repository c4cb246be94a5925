/**
 * Indicators: their definitions (code, label, unit, level, formula for derived ones) and their values, which are
 * bi-temporal: the period a value describes, and when it was recorded. A later value for the same indicator,
 * territory and period restates it (it never overwrites), so "what did we know on day D about year Y" has an answer.
 */
import { Schema } from "effect"
import { NiveauTerritorial, Territoire, cleTerritoire } from "./Territoire.ts"
import { Annee, Instant, Jour, OuNonDocumente } from "./Temps.ts"

/** An indicator code: a lowercase slug (`places-avip-soutenues`, `txcouv`). */
export const CodeIndicateur = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { message: "an indicator code is a lowercase slug, e.g. places-avip" })
).pipe(Schema.brand("CodeIndicateur"))
export type CodeIndicateur = typeof CodeIndicateur.Type

/** Units of indicator values. `pour-100` is "per 100 children" (coverage rates, which may exceed 100). */
export const Unite = Schema.Literals(["nombre", "places", "pourcent", "pour-100", "euros", "heures", "ratio", "jours"])
export type Unite = typeof Unite.Type

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
    args: Schema.Array(Schema.suspend((): Schema.Codec<Formule, FormuleEncoded> => Formule)).check(Schema.isMinLength(2))
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

/** An indicator's definition. */
export const DefinitionIndicateur = Schema.Struct({
  code: CodeIndicateur,
  libelle: Schema.NonEmptyString,
  unite: Unite,
  categorie: Categorie,
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

/** `2024` or `2025-01-01/2025-06-30`. */
export const clePeriode = (p: PeriodeObservee): string => ("annee" in p ? String(p.annee) : `${p.du}/${p.au}`)

/** A value's id (uuid). */
export const ValeurId = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("ValeurId"))
export type ValeurId = typeof ValeurId.Type

/** An indicator value: what it describes (indicator, territory, period) and how it is known (unit, source, method, when). */
export const ValeurIndicateur = Schema.Struct({
  valeurId: ValeurId,
  indicateur: CodeIndicateur,
  territoire: Territoire,
  periode: PeriodeObservee,
  valeur: Schema.Finite,
  unite: Unite,
  /** Who produced the figure: CAF, CD93, INSEE, Cnaf open data...; `NonDocumente` when the document cites none. */
  source: OuNonDocumente(Schema.NonEmptyString),
  methode: Schema.optionalKey(Schema.String),
  /** When the value was recorded (transaction time). */
  enregistreLe: Instant
})
export type ValeurIndicateur = typeof ValeurIndicateur.Type

/** The key a restatement shares with what it restates: indicator, territory and period. */
export const cleValeur = (v: Pick<ValeurIndicateur, "indicateur" | "territoire" | "periode">): string =>
  `${v.indicateur}|${cleTerritoire(v.territoire)}|${clePeriode(v.periode)}`

/**
 * What was known on `jour` (end of that day, UTC) about an indicator, territory and period: the latest value recorded
 * by then, or undefined. `valeurs` is the full bi-temporal history.
 */
export const connuLe = (
  valeurs: ReadonlyArray<ValeurIndicateur>,
  cle: Pick<ValeurIndicateur, "indicateur" | "territoire" | "periode">,
  jour: Jour
): ValeurIndicateur | undefined => {
  const k = cleValeur(cle)
  let best: ValeurIndicateur | undefined
  for (const v of valeurs) {
    if (cleValeur(v) !== k || v.enregistreLe.slice(0, 10) > jour) continue
    if (best === undefined || v.enregistreLe >= best.enregistreLe) best = v
  }
  return best
}

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
    niveaux: [...niveaux]
  })
  return [
    places("pl-eaje", "Places en EAJE (accueil collectif)"),
    places("pl-am", "Places auprès d'assistants maternels en exercice"),
    places("pl-gad", "Places en garde à domicile"),
    places("pl-prescol", "Places en préscolarisation des enfants de 2 ans"),
    { code: c("enfants-moins-3-ans"), libelle: "Enfants de moins de 3 ans", unite: "nombre", categorie: "effectif", niveaux: [...niveaux] },
    {
      code: c("txcouv"),
      libelle: "Taux de couverture global (places pour 100 enfants de moins de 3 ans)",
      unite: "pour-100",
      categorie: "taux-de-couverture",
      niveaux: [...niveaux],
      formule: {
        op: "mul",
        args: [
          { op: "div", args: [{ op: "add", args: [ref("pl-eaje"), ref("pl-am"), ref("pl-gad"), ref("pl-prescol")] }, ref("enfants-moins-3-ans")] },
          { op: "const", valeur: 100 }
        ]
      }
    },
    {
      code: c("txcouv-eaje"),
      libelle: "Taux de couverture collectif (EAJE)",
      unite: "pour-100",
      categorie: "taux-de-couverture",
      niveaux: [...niveaux],
      formule: { op: "mul", args: [{ op: "div", args: [ref("pl-eaje"), ref("enfants-moins-3-ans")] }, { op: "const", valeur: 100 }] }
    }
  ]
})()
