/**
 * The command handler's default retry on PostgreSQL: several writers on a few shared streams.
 */
import { assert, describe, it } from "@effect/vitest"
import { CommandHandler, EventStore, IdGenerator } from "@sdsf/domain"
import type { Decider } from "@sdsf/domain"
import { Effect, Layer, Result, Stream } from "effect"
import { freshStore } from "./support.ts"

type Command = { readonly _tag: "Compter" }
type Event = { readonly _tag: "Compte" }
const compteur: Decider.Decider<Command, Event, number, never, never> = {
  initialState: 0,
  decide: () => Result.succeed({ events: [{ _tag: "Compte" }], warnings: [] }),
  evolve: (total) => total + 1
}
const codec: CommandHandler.Codec<Event> = {
  encode: () => ({ type: "Compte", typeVersion: 1, data: {} }),
  decode: () => Result.succeed({ _tag: "Compte" })
}

const WRITERS = 8
const STREAMS = 4
const COMMANDS = 250

describe("CommandHandler default retry on PostgreSQL", () => {
  const store = freshStore("sdsf_handler_contention", {}, 24).pipe(Layer.provideMerge(IdGenerator.IdGenerator.layer))
  it.layer(store, { excludeTestServices: true })((it) => {
    it.effect(`${WRITERS} writers, ${STREAMS} streams, ${WRITERS * COMMANDS} commands: none runs out of retries`, () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const handler = CommandHandler.make({ decider: compteur, codec })
        const run = globalThis.crypto.randomUUID().slice(0, 8)
        const names = Array.from({ length: STREAMS }, (_, i) => EventStore.streamName("compteur", `${run}-${i}`))
        let exhausted = 0
        yield* Effect.forEach(
          Array.from({ length: WRITERS }, (_, w) => w),
          (writer) =>
            Effect.forEach(
              Array.from({ length: COMMANDS }, (_, i) => names[(writer + i) % STREAMS]!),
              (name) =>
                handler.handle(name, { _tag: "Compter" }).pipe(
                  Effect.catchTag("WrongExpectedVersion", () => Effect.sync(() => void exhausted++))
                ),
              { discard: true }
            ),
          { concurrency: "unbounded", discard: true }
        )
        const stored = yield* Effect.forEach(names, (name) => Stream.runCount(store.readStream(name)))
        assert.strictEqual(exhausted, 0, `${exhausted} commands ran out of retries`)
        assert.strictEqual(stored.reduce((a, b) => a + b, 0), WRITERS * COMMANDS)
      }))
  })
})
