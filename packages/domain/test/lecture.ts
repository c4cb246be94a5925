/**
 * Reading facts back from a history's events in tests: the decider's state keeps only what its rules need, and the
 * read models people look at are projections (`@sdsf/reporting`), which the domain does not depend on.
 */
import type { Evenements, Indicateur, Plan } from "@sdsf/domain"

type De<T extends Evenements.TypeEvenement> = Extract<Evenements.Evenement, { readonly _tag: T }>

/** The events of one type, in order. */
export const duType = <T extends Evenements.TypeEvenement>(
  evenements: ReadonlyArray<Evenements.Evenement>,
  tag: T
): ReadonlyArray<De<T>> => evenements.filter((e): e is De<T> => e._tag === tag)

/** The indicator values recorded, in order: the bi-temporal history `Indicateur.connusLe` reads. */
export const valeursDe = (
  evenements: ReadonlyArray<Evenements.Evenement>
): ReadonlyArray<Indicateur.ValeurIndicateur> => duType(evenements, "ValeurIndicateurEnregistree").map((e) => e.valeur)

/** The plan's nodes as added, for a history that changes and withdraws none (checked). */
export const noeudsDe = (evenements: ReadonlyArray<Evenements.Evenement>): ReadonlyArray<Plan.Noeud> => {
  const change = evenements.find((e) => ["NoeudPlanModifie", "NoeudPlanRetire", "PlanActionRevise"].includes(e._tag))
  if (change !== undefined) throw new Error(`${change._tag}: this history's plan is more than its nodes as added`)
  return duType(evenements, "NoeudPlanAjoute").map((e) => e.noeud)
}
