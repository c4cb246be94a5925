/**
 * Time values of the domain: calendar days, instants, years.
 *
 * Days and instants travel as ISO 8601 strings, so events stay plain JSON and sort as text.
 */
import { Schema } from "effect"
import { readableMake } from "./internal/issues.ts"

const isCalendarDay = (s: string): boolean => {
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(5, 7))
  const d = Number(s.slice(8, 10))
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
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
  Schema.makeFilter((s: string) => isCalendarDay(s.slice(0, 10)) || `${s} is not a calendar day`)
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

readableMake({ Jour, Instant, Annee })
