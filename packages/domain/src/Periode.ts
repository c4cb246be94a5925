/**
 * The period a schéma covers, in whole years, and the *calendrier prévisionnel* of an action.
 */
import { Schema } from "effect"
import { Annee } from "./Temps.ts"
import { readableMake } from "./internal/issues.ts"

/** A schéma's period: first and last year, both included (`2022-2026` is five years). Start ≤ end. */
export const Periode = Schema.Struct({ debut: Annee, fin: Annee }).check(
  Schema.makeFilter((p: { readonly debut: number; readonly fin: number }) =>
    p.debut <= p.fin || { path: ["fin"], issue: `the period ends (${p.fin}) before it starts (${p.debut})` }
  )
)
export type Periode = typeof Periode.Type

/** The number of years of a period, both ends included. */
export const duree = (p: Periode): number => p.fin - p.debut + 1

/** `2022-2026`. */
export const formatPeriode = (p: Periode): string => `${p.debut}-${p.fin}`

/** Whether two periods share at least one year. */
export const chevauche = (a: Periode, b: Periode): boolean => a.debut <= b.fin && b.debut <= a.fin

/** Whether a year lies within a period. */
export const contient = (p: Periode, annee: number): boolean => annee >= p.debut && annee <= p.fin

/**
 * A calendrier prévisionnel, as the plans write it: a start year, an optional end year or open end ("2023 et
 * suivantes", Paris SPSF 2021-2026), and the label as written. Every field but the label may be absent.
 */
export const Calendrier = Schema.Struct({
  debut: Schema.optionalKey(Annee),
  fin: Schema.optionalKey(Annee),
  /** "et suivantes": runs until the end of the schéma. */
  ouvert: Schema.Boolean,
  libelle: Schema.String
}).check(
  Schema.makeFilter((c: { readonly debut?: number; readonly fin?: number; readonly ouvert: boolean }) => {
    if (c.debut !== undefined && c.fin !== undefined && c.fin < c.debut) {
      return { path: ["fin"], issue: `the calendrier ends (${c.fin}) before it starts (${c.debut})` }
    }
    if (c.ouvert && c.fin !== undefined) return { path: ["fin"], issue: "an open-ended calendrier has no end year" }
    return true
  })
)
export type Calendrier = typeof Calendrier.Type

/** Whether a calendrier lies within a period (an open end runs to the period's end). */
export const calendrierDansPeriode = (c: Calendrier, p: Periode): boolean =>
  (c.debut === undefined || contient(p, c.debut)) && (c.fin === undefined || contient(p, c.fin))

readableMake({ Periode, Calendrier })
