/**
 * Writers contending for a few shared streams through the command handler: the scenario behind the tests of its
 * default retry, the same on every store (`run` against whatever `EventStore` is provided).
 */
import { Effect, Result, Stream } from "effect"
import * as CommandHandler from "../CommandHandler.ts"
import type { Decider } from "../Decider.ts"
import * as EventStore from "../EventStore.ts"

/** The command and event of a counter: each command appends one event. */
export type Compter = { readonly _tag: "Compter" }
export type Compte = { readonly _tag: "Compte" }

/** A decider that counts its commands. */
export const compteur: Decider<Compter, Compte, number, never, never> = {
  initialState: 0,
  decide: () => Result.succeed({ events: [{ _tag: "Compte" }], warnings: [] }),
  evolve: (total) => total + 1
}

/** How the counter's events are stored. */
export const codec: CommandHandler.Codec<Compte> = {
  encode: () => ({ type: "Compte", typeVersion: 1, data: {} }),
  decode: () => Result.succeed({ _tag: "Compte" })
}

/** What a run of `run` found: commands that ran out of retries, and the events stored in all streams. */
export interface Outcome {
  readonly exhausted: number
  readonly stored: number
}

/**
 * `writers` fibers each handle `commands` commands, writer `w`'s `i`-th on stream `(w + i) % streams` (streams named
 * `compteur-<run>-<n>`), all at once; counts the commands that failed with `WrongExpectedVersion` after the retries.
 */
export const run = (options: {
  readonly writers: number
  readonly streams: number
  readonly commands: number
  readonly run: string
  readonly snapshots?: CommandHandler.Snapshots<number>
}) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const handler = CommandHandler.make({
      decider: compteur,
      codec,
      ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots })
    })
    const names = Array.from(
      { length: options.streams },
      (_, i) => EventStore.streamName("compteur", `${options.run}-${i}`)
    )
    let exhausted = 0
    yield* Effect.forEach(
      Array.from({ length: options.writers }, (_, w) => w),
      (writer) =>
        Effect.forEach(
          Array.from({ length: options.commands }, (_, i) => names[(writer + i) % options.streams]!),
          (name) =>
            handler.handle(name, { _tag: "Compter" }).pipe(
              Effect.catchTag("WrongExpectedVersion", () => Effect.sync(() => void exhausted++))
            ),
          { discard: true }
        ),
      { concurrency: "unbounded", discard: true }
    )
    const counts = yield* Effect.forEach(names, (name) => Stream.runCount(store.readStream(name)))
    const outcome: Outcome = { exhausted, stored: counts.reduce((a, b) => a + b, 0) }
    return outcome
  })
