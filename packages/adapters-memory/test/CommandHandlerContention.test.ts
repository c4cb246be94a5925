/**
 * The command handler's default retry under load: several writers on a few shared streams, live clock.
 */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Layer, Option, Random, Stream } from "effect"
import { CommandHandler, EventStore, IdGenerator } from "@sdsf/domain"
import { Contention } from "@sdsf/domain/testing"
import { MemoryEventStore } from "@sdsf/adapters-memory"

// Snapshots keep each load short (at most `every` events), so the run measures conflicts, not folding.
const snapshots = (): CommandHandler.Snapshots<number> => {
  const saved = new Map<string, CommandHandler.Snapshot<number>>()
  return {
    load: (name) => Effect.sync(() => Option.fromNullishOr(saved.get(name))),
    save: (name, version, state) => Effect.sync(() => void saved.set(name, { version, state })),
    every: 20
  }
}

/** Up to a millisecond, as a database round trip would take. */
const roundTrip = Effect.flatMap(Random.nextBetween(0, 1), (millis) => Effect.sleep(Duration.millis(millis)))

/** The memory store, whose reads and appends wait a round trip first, so that writers interleave as they would. */
const slowStore = Layer.effect(
  EventStore.EventStore,
  Effect.map(MemoryEventStore.make, (store) =>
    EventStore.EventStore.of({
      ...store,
      readStream: (name, options) => Stream.unwrap(Effect.as(roundTrip, store.readStream(name, options))),
      append: (name, expected, events) => Effect.andThen(roundTrip, store.append(name, expected, events))
    }))
).pipe(Layer.provideMerge(IdGenerator.IdGenerator.layer))

const WRITERS = 8
const STREAMS = 4
const COMMANDS = 1000

describe("CommandHandler default retry under contention", () => {
  it.live(
    `${WRITERS} writers on ${STREAMS} streams, ${WRITERS * COMMANDS} commands: none runs out of retries`,
    () =>
      Effect.gen(function*() {
        const { exhausted, stored } = yield* Contention.run({
          writers: WRITERS,
          streams: STREAMS,
          commands: COMMANDS,
          run: "partage",
          snapshots: snapshots()
        })
        assert.strictEqual(exhausted, 0, `${exhausted} commands ran out of retries`)
        assert.strictEqual(stored, WRITERS * COMMANDS)
      }).pipe(Effect.provide(slowStore)),
    120_000
  )
})
