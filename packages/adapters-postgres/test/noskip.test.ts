import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Clock, Effect, Fiber, Stream } from "effect"
import { freshStore, transactionIdsOutOfStep } from "./support.ts"

// Issue 8: with migration 2, 8 writers appending single events for 8 s left 221 rows whose transaction id was out of
// step with their position, and a live subscriber never delivered 24 of 12,823 events (a readAll poller 7).
const schema = "sdsf_noskip"
const WRITERS = 8
const MILLIS = 4_000
const uuid = () => globalThis.crypto.randomUUID()
const event = (w: number, i: number): EventStore.EventToAppend => ({
  eventId: uuid(),
  type: "Counted",
  typeVersion: 1,
  data: { w, i }
})

describe("no reader ever skips an event", () => {
  it.layer(freshStore(schema, { pollInterval: "50 millis" }, WRITERS + 6), { excludeTestServices: true })((it) => {
    it.effect(
      `${WRITERS} writers for ${MILLIS / 1000} s under a live subscriber and a readAll poller`,
      () =>
        Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const start = yield* store.headPosition
          const live: Array<EventStore.RecordedEvent> = []
          const polled: Array<EventStore.RecordedEvent> = []
          const subscriber = yield* store.subscribe(start).pipe(
            Stream.runForEach((e) => Effect.sync(() => live.push(e))),
            Effect.forkChild
          )
          // A projection-like reader: readAll from its last position, again and again.
          let polledUpTo = start
          const poller = yield* Effect.forever(
            Stream.suspend(() => store.readAll(polledUpTo)).pipe(
              Stream.runForEach((e) =>
                Effect.sync(() => {
                  polled.push(e)
                  polledUpTo = e.position
                })
              ),
              Effect.andThen(Effect.sleep("5 millis"))
            )
          ).pipe(Effect.forkChild)

          const run = uuid().slice(0, 8)
          const shared = EventStore.streamName("shared", run)
          const committed: Array<string> = []
          const deadline = (yield* Clock.currentTimeMillis) + MILLIS
          const writer = (w: number) =>
            Effect.gen(function*() {
              const own = EventStore.streamName("own", `${run}-${w}`)
              let version = 0
              for (let i = 0; (yield* Clock.currentTimeMillis) < deadline; i++) {
                // Mostly single events at their exact version, some batches, some on a stream every writer shares.
                const batch = i % 10 === 9 ? [event(w, i), event(w, i), event(w, i)] : [event(w, i)]
                if (i % 7 === 3) {
                  yield* store.append(shared, EventStore.ExpectedVersion.any, batch)
                } else {
                  version = (yield* store.append(own, EventStore.ExpectedVersion.exact(version), batch)).streamVersion
                }
                for (const e of batch) committed.push(e.eventId)
              }
            })
          yield* Effect.forEach(Array.from({ length: WRITERS }, (_, w) => w), writer, { concurrency: "unbounded" })
          const head = yield* store.headPosition

          // Wait until both readers have delivered the last position: whatever they have not delivered by then they
          // skipped for good (they only move forward).
          const reached = (events: ReadonlyArray<EventStore.RecordedEvent>) =>
            (events[events.length - 1]?.position ?? start) >= head
          const waited = yield* Effect.gen(function*() {
            while (!reached(live) || !reached(polled)) yield* Effect.sleep("20 millis")
          }).pipe(Effect.timeoutOption("60 seconds"))
          yield* Fiber.interrupt(subscriber)
          yield* Fiber.interrupt(poller)
          assert.isTrue(waited._tag === "Some", "both readers reached the head")

          const expected = [...committed].sort()
          for (const [reader, events] of [["subscribe", live], ["readAll poller", polled]] as const) {
            const ids = events.map((e) => e.eventId)
            const missed = expected.length - new Set(ids).size
            assert.strictEqual(missed, 0, `${reader} never delivered ${missed} of ${expected.length} committed events`)
            assert.strictEqual(new Set(ids).size, ids.length, `${reader} delivered no event twice`)
            assert.deepStrictEqual([...ids].sort(), expected, `${reader} delivered exactly the committed events`)
            for (let i = 1; i < events.length; i++) {
              assert.isTrue(events[i]!.position > events[i - 1]!.position, `${reader} in position order`)
            }
          }
          assert.isAbove(committed.length, WRITERS * 20, "the writers did run for a while")
          assert.strictEqual(yield* transactionIdsOutOfStep(schema), 0, "transaction ids follow positions")
        }),
      { timeout: 180_000 }
    )
  })
})
