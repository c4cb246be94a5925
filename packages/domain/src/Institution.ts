/**
 * Institutions: the partners of a schéma, its signataires, the pilots of its actions.
 *
 * Natures follow the signataires domain.md lists: Préfecture, Conseil départemental, Caf, MSA, CPAM, UDAF,
 * Académie/DSDEN, Cour d'appel, France Travail (ex-Pôle emploi), association des maires, the city (Paris).
 */
import { Schema } from "effect"
import { readableMake } from "./internal/issues.ts"

/** An institution's id: a uuid (v5 of the département and the name when derived with `IdGenerator.deriveId`). */
export const InstitutionId = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("InstitutionId"))
export type InstitutionId = typeof InstitutionId.Type

/** What kind of institution it is. */
export const NatureInstitution = Schema.Literals([
  "prefecture",
  "conseil-departemental",
  "caf",
  "msa",
  "cpam",
  "udaf",
  "education-nationale",
  "justice",
  "france-travail",
  "association-des-maires",
  "commune",
  "epci",
  "service-etat",
  "federation-associative",
  "association",
  "gestionnaire",
  "universite",
  "consultant",
  "autre"
])
export type NatureInstitution = typeof NatureInstitution.Type

/** An institution, as a schéma knows it. */
export const Institution = Schema.Struct({
  institutionId: InstitutionId,
  nom: Schema.NonEmptyString,
  nature: NatureInstitution
})
export type Institution = typeof Institution.Type

/** A pilot of an action or fiche: an institution and, often, one of its directorates (`Caf de Paris - Politique Parentalité`). */
export const Pilote = Schema.Struct({
  institutionId: InstitutionId,
  direction: Schema.optionalKey(Schema.NonEmptyString)
})
export type Pilote = typeof Pilote.Type

readableMake({ InstitutionId, Institution })
