/**
 * Personal data (RGPD) kept apart from the events.
 *
 * Events name people only by a subject reference (`SujetRef`); names, e-mails and functions live in a separate
 * store (`Personnes`) that can erase a person without touching the event log. Seeds 000, 001 and 002 name contacts
 * with e-mail addresses: those go here, never into an event.
 */
import { Context, Effect, Layer, Option, Ref, Schema } from "effect"

/** A reference to a person: a uuid, meaningless without the personal-data store. */
export const SujetRef = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("SujetRef"))
export type SujetRef = typeof SujetRef.Type

/** What is known of a person. */
export const DonneesPersonnelles = Schema.Struct({
  sujet: SujetRef,
  nom: Schema.NonEmptyString,
  prenom: Schema.optionalKey(Schema.String),
  email: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: "not an e-mail address" }))
  ),
  telephone: Schema.optionalKey(Schema.String),
  fonction: Schema.optionalKey(Schema.String)
})
export type DonneesPersonnelles = typeof DonneesPersonnelles.Type

/** The personal-data store: events keep a `SujetRef`; this keeps the person, until erased. */
export class Personnes extends Context.Service<Personnes, {
  readonly enregistrer: (personne: DonneesPersonnelles) => Effect.Effect<void>
  readonly lire: (sujet: SujetRef) => Effect.Effect<Option.Option<DonneesPersonnelles>>
  /** Erases a person (right to erasure): later reads answer none; the events are untouched. */
  readonly effacer: (sujet: SujetRef) => Effect.Effect<void>
}>()("@sdsf/domain/Personnes") {
  /** A store in memory. */
  static readonly layerMemory = Layer.effect(
    Personnes,
    Effect.map(Ref.make(new Map<SujetRef, DonneesPersonnelles>()), (ref) =>
      Personnes.of({
        enregistrer: (p) => Ref.update(ref, (m) => new Map(m).set(p.sujet, p)),
        lire: (s) => Effect.map(Ref.get(ref), (m) => Option.fromNullishOr(m.get(s))),
        effacer: (s) =>
          Ref.update(ref, (m) => {
            const next = new Map(m)
            next.delete(s)
            return next
          })
      }))
  )
}
