/**
 * The themes of a schéma: the four of the SDSF (décret n°2021-1644; domain.md "What an SDSF is") and transversal ones
 * a plan adds (inclusion of disabled children, access to rights...: Hauts-de-Seine SDSF 2022-2026, seed 001).
 */
import { Schema } from "effect"
import { readableMake } from "./internal/issues.ts"

/** The four themes of every SDSF. */
export const ThemePrincipal = Schema.Literals([
  "petite-enfance",
  "parentalite",
  "enfance-jeunesse",
  "animation-vie-sociale"
])
export type ThemePrincipal = typeof ThemePrincipal.Type

/** A transversal theme: `transversal:` then a lowercase slug (`transversal:handicap`, `transversal:acces-aux-droits`). */
export const ThemeTransversal = Schema.String.check(
  Schema.isPattern(/^transversal:[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: "a transversal theme is transversal:<slug>, e.g. transversal:handicap"
  })
).pipe(Schema.brand("ThemeTransversal"))
export type ThemeTransversal = typeof ThemeTransversal.Type

/** A theme an action, a body or a priority belongs to. */
export const Theme = Schema.Union([ThemePrincipal, ThemeTransversal])
export type Theme = typeof Theme.Type

/** Labels of the four main themes, as the plans write them. */
export const libellesThemes: Readonly<Record<ThemePrincipal, string>> = {
  "petite-enfance": "Petite enfance",
  parentalite: "Parentalité",
  "enfance-jeunesse": "Enfance-jeunesse",
  "animation-vie-sociale": "Animation de la vie sociale"
}

readableMake({ ThemeTransversal })
