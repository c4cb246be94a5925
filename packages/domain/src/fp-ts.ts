/**
 * An `fp-ts` facade for host tools written with fp-ts: decide, validate and decode returning `Either`.
 *
 * `fp-ts` is an optional peer dependency, loaded only through this subpath (`@sdsf/domain/fp-ts`).
 */
import { Result, Schema } from "effect"
import * as Either from "fp-ts/lib/Either.js"
import * as Catalogue from "./Catalogue.ts"
import type * as CommandHandler from "./CommandHandler.ts"
import { Commande } from "./Commandes.ts"
import type { Decision } from "./Decider.ts"
import type { Avertissement, ErreurDomaine } from "./Erreurs.ts"
import type { Evenement } from "./Evenements.ts"
import * as SchemaDepartemental from "./SchemaDepartemental.ts"

/** Input that is not a valid command: the schema's message names the field and what was wrong. */
export interface CommandeInvalide {
  readonly _tag: "CommandeInvalide"
  readonly message: string
}

const decodeCommandeResult = Schema.decodeUnknownResult(Commande)

const toEither = <A, E>(r: Result.Result<A, E>): Either.Either<E, A> =>
  Result.isSuccess(r) ? Either.right(r.success) : Either.left(r.failure)

/** Decides a command against a state: `Right` with the events and warnings, `Left` with the domain error. */
export const decide = (
  commande: Commande,
  etat: SchemaDepartemental.Etat
): Either.Either<ErreurDomaine, Decision<Evenement, Avertissement>> =>
  toEither(SchemaDepartemental.decide(commande, etat))

/** Decodes unknown input (e.g. a JSON request) into a command. */
export const decodeCommande = (input: unknown): Either.Either<CommandeInvalide, Commande> => {
  const r = decodeCommandeResult(input)
  return Result.isSuccess(r)
    ? Either.right(r.success)
    : Either.left({ _tag: "CommandeInvalide", message: r.failure.message })
}

/** Decodes then decides: the whole validation of an untrusted command against a state. */
export const validate = (
  input: unknown,
  etat: SchemaDepartemental.Etat
): Either.Either<CommandeInvalide | ErreurDomaine, Decision<Evenement, Avertissement>> => {
  const c = decodeCommande(input)
  return Either.isLeft(c) ? c : decide(c.right, etat)
}

/** Reads a stored event (type, version, JSON data), upcasting older versions. */
export const decodeEvenement = (stored: {
  readonly type: string
  readonly typeVersion: number
  readonly data: unknown
}): Either.Either<CommandHandler.EventDecodeError, Evenement> => toEither(Catalogue.decoder(stored))

/** Folds events into a state (pure, total). */
export const evolve = SchemaDepartemental.evolve
