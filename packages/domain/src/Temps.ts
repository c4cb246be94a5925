/**
 * Time values of the domain: calendar days, instants, years.
 *
 * Days and instants travel as ISO 8601 strings, so events stay plain JSON and sort as text.
 */
import { Schema } from "effect"
import { readableMake } from "./internal/issues.ts"

// Days per month of a common year; February of a leap year has 29.
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

const digitsAt = (s: string, from: number, count: number): number => {
  let n = 0
  for (let i = from; i < from + count; i++) n = n * 10 + s.charCodeAt(i) - 48
  return n
}

const daysInMonth = (y: number, m: number): number | undefined => {
  if (!(m >= 1 && m <= 12)) return undefined
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return m === 2 && leap ? 29 : monthDays[m - 1]
}

// Whether `s` starts with an existing day, on text already matched against `\d{4}-\d{2}-\d{2}` (every event's instants
// are checked: no string is sliced, no array built).
const isCalendarDay = (s: string): boolean => {
  const y = digitsAt(s, 0, 4)
  const m = digitsAt(s, 5, 2)
  const d = digitsAt(s, 8, 2)
  const days = daysInMonth(y, m)
  return days !== undefined && d >= 1 && d <= days
}

/** A calendar day, `YYYY-MM-DD` (e.g. the CDSF of `2025-12-12`). */
export const Jour = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/, { message: "a day is written YYYY-MM-DD" }),
  Schema.makeFilter((s: string) => isCalendarDay(s) || `${s} is not a calendar day`)
).pipe(Schema.brand("Jour"))
export type Jour = typeof Jour.Type

/** An instant, ISO 8601 in UTC with milliseconds (`2025-12-12T09:30:00.000Z`), as `Date.toISOString` writes it. */
export const Instant = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, {
    message: "an instant is written YYYY-MM-DDTHH:mm:ss.sssZ (UTC)"
  }),
  Schema.makeFilter((s: string) => isCalendarDay(s) || `${s} is not a calendar day`)
).pipe(Schema.brand("Instant"))
export type Instant = typeof Instant.Type

/** A year (1900-2100). */
export const Annee = Schema.Int.check(Schema.isBetween({ minimum: 1900, maximum: 2100 })).pipe(Schema.brand("Annee"))
export type Annee = typeof Annee.Type

/** The year of a day or an instant. */
export const anneeDe = (d: Jour | Instant): Annee => Number(d.slice(0, 4)) as Annee

/** The calendar day of an instant. */
export const jourDe = (i: Instant): Jour => i.slice(0, 10) as Jour

/** Builds a `Jour`, checking it (throws on an invalid day: for literals in code and tests). */
export const jour = (s: string): Jour => Jour.make(s)

/** Builds an `Instant`, checking it (throws on an invalid one: for literals in code and tests). */
export const instant = (s: string): Instant => Instant.make(s)

/**
 * What a document does not say, said explicitly: an adoption's date or vote, a figure's source, a body's cadence.
 * `note` keeps what the document does say ("signatures printed, no CDSF adoption documented"). Rules accept it with
 * a warning (`NonDocumente`), never by inventing the fact.
 */
export const NonDocumente = Schema.TaggedStruct("NonDocumente", { note: Schema.optionalKey(Schema.String) })
export type NonDocumente = typeof NonDocumente.Type

/** The fact a document gives, or `NonDocumente`. */
export const OuNonDocumente = <S extends Schema.Top>(schema: S) => Schema.Union([schema, NonDocumente])

/** A text as recorded, or `non documenté (note)` where the document gives none. */
export const texteOuNonDocumente = (valeur: string | NonDocumente): string =>
  typeof valeur === "string" ? valeur : `non documenté${valeur.note === undefined ? "" : ` (${valeur.note})`}`

/** Whether a value is `NonDocumente`. */
export const estNonDocumente = (u: unknown): u is NonDocumente =>
  typeof u === "object" && u !== null && (u as { readonly _tag?: unknown })._tag === "NonDocumente"

/**
 * Every `NonDocumente` inside a value (a command, an event, a state's record), with its path (`vote`,
 * `valeur.source`): what a report shows as not documented.
 */
export const nonDocumentesDans = (u: unknown): ReadonlyArray<{ readonly champ: string; readonly note?: string }> => {
  const out: Array<{ readonly champ: string; readonly note?: string }> = []
  const visiter = (v: unknown, chemin: string): void => {
    if (estNonDocumente(v)) out.push(v.note === undefined ? { champ: chemin } : { champ: chemin, note: v.note })
    else if (Array.isArray(v)) v.forEach((x, i) => visiter(x, `${chemin}[${i}]`))
    else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) if (k !== "_tag") visiter(x, chemin === "" ? k : `${chemin}.${k}`)
    }
  }
  visiter(u, "")
  return out
}

const Mois = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }))

/**
 * A date with the precision the document gives it: a day, a month ("en mai 2024"), a year ("lancé en 2025"), a range
 * ("février-mars 2026", "d'ici à la fin juin": the day lies somewhere between `du` and `au`), or not documented.
 * Nothing is made up: a rule that compares dates decides on the bounds, and warns when they cannot decide.
 */
export const Datation = Schema.Union([
  Schema.TaggedStruct("Jour", { jour: Jour }),
  Schema.TaggedStruct("Mois", { annee: Annee, mois: Mois }),
  Schema.TaggedStruct("Annee", { annee: Annee }),
  Schema.TaggedStruct("Intervalle", { du: Jour, au: Jour, libelle: Schema.optionalKey(Schema.String) }).check(
    Schema.makeFilter((i: { readonly du: string; readonly au: string }) =>
      i.du <= i.au || { path: ["au"], issue: `the range ends (${i.au}) before it starts (${i.du})` }
    )
  ),
  NonDocumente
]).pipe(Schema.toTaggedUnion("_tag"))
export type Datation = typeof Datation.Type

/** A day, as a `Datation`. */
export const leJour = (j: Jour): Datation => ({ _tag: "Jour", jour: j })

const dernierJour = (annee: number, mois: number): number => daysInMonth(annee, mois) ?? 31
const deux = (n: number) => String(n).padStart(2, "0")

/** The first and last day a datation allows; `undefined` when not documented. */
export const bornes = (d: Datation): { readonly min: Jour; readonly max: Jour } | undefined => {
  switch (d._tag) {
    case "Jour":
      return { min: d.jour, max: d.jour }
    case "Mois": {
      const m = `${d.annee}-${deux(d.mois)}`
      return { min: `${m}-01` as Jour, max: `${m}-${deux(dernierJour(d.annee, d.mois))}` as Jour }
    }
    case "Annee":
      return { min: `${d.annee}-01-01` as Jour, max: `${d.annee}-12-31` as Jour }
    case "Intervalle":
      return { min: d.du, max: d.au }
    case "NonDocumente":
      return undefined
  }
}

/**
 * Whether `a` lies strictly before `b`: `true` or `false` when the documented bounds decide it, `undefined` when the
 * precision cannot (a signature "2024" against an adoption "March 2024") or a date is not documented.
 */
export const avant = (a: Datation, b: Datation): boolean | undefined => {
  const x = bornes(a)
  const y = bornes(b)
  if (x === undefined || y === undefined) return undefined
  if (x.max < y.min) return true
  if (x.min >= y.max) return false
  return undefined
}

/** The year of a datation when its bounds fall within one year. */
export const anneeDeDatation = (d: Datation): Annee | undefined => {
  const b = bornes(d)
  return b !== undefined && b.min.slice(0, 4) === b.max.slice(0, 4) ? anneeDe(b.min) : undefined
}

/** A datation as text: `2024-03-15`, `2024-03`, `2024`, `2024-02-01/2024-03-31`, `not documented`. */
export const formatDatation = (d: Datation): string => {
  switch (d._tag) {
    case "Jour":
      return d.jour
    case "Mois":
      return `${d.annee}-${deux(d.mois)}`
    case "Annee":
      return String(d.annee)
    case "Intervalle":
      return `${d.du}/${d.au}`
    case "NonDocumente":
      return "not documented"
  }
}
readableMake({ Jour, Instant, Annee })
