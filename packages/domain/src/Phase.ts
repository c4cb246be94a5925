/**
 * The phases of a schéma's life (domain.md "Lifecycle"): élaboration → validation → mise en œuvre → bilan →
 * renouvellement, with `vierge` before anything happened and `clos` once a successor is adopted.
 */
import { Schema } from "effect"

/** The phases of a schéma's life, in order; `vierge` before anything happened, `clos` once replaced. */
export const Phase = Schema.Literals([
  "vierge",
  "elaboration",
  "validation",
  "mise-en-oeuvre",
  "bilan",
  "renouvellement",
  "clos"
])
export type Phase = typeof Phase.Type

/** The rank of a phase; a schéma's phase never goes backwards. */
export const rangPhase = (p: Phase): number => Phase.literals.indexOf(p)
