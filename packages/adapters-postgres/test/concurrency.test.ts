import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Effect, Option, Stream } from "effect"
import { freshStore, transactionIdsOutOfStep } from "./support.ts"

const uuid = () => globalThis.crypto.randomUUID()
const WRITERS = 8
const APPENDS = 500
const SHARED = 4

describe("concurrent writers", () => {
  it.layer(freshStore("sdsf_concurrency", {}, 24), { excludeTestServices: true })((it) => {
    it.effect(
      `${WRITERS} writers x ${APPENDS} appends leave contiguous streams and a complete global log`,
      () =>
        Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const run = uuid().slice(0, 8)
          const shared = Array.from({ length: SHARED }, (_, i) => EventStore.streamName("shared", `${run}-${i}`))
          const written: Array<string> = []
          let conflicts = 0

          const appendShared = (
            name: EventStore.StreamName,
            eventId: string
          ): Effect.Effect<void, EventStore.AppendError> =>
            Effect.gen(function*() {
              const meta = yield* store.streamMetadata(name)
              const version = Option.match(meta, { onNone: () => 0, onSome: (m) => m.version })
              yield* store.append(name, EventStore.ExpectedVersion.exact(version), [
                { eventId, type: "Counted", typeVersion: 1, data: { eventId } }
              ])
            }).pipe(
              Effect.catchTag("WrongExpectedVersion", () => {
                conflicts++
                return appendShared(name, eventId)
              })
            )

          const writer = (w: number) =>
            Effect.gen(function*() {
              const own = EventStore.streamName("own", `${run}-${w}`)
              for (let i = 0; i < APPENDS; i++) {
                const eventId = uuid()
                if (i % 2 === 0) {
                  yield* store.append(own, EventStore.ExpectedVersion.exact(i / 2), [
                    { eventId, type: "Counted", typeVersion: 1, data: { w, i } }
                  ])
                } else {
                  yield* appendShared(shared[(w + i) % SHARED]!, eventId)
                }
                written.push(eventId)
              }
            })

          yield* Effect.forEach(Array.from({ length: WRITERS }, (_, w) => w), writer, { concurrency: "unbounded" })
          assert.isTrue(conflicts > 0, "the shared streams did see conflicts")

          const streams = [
            ...shared,
            ...Array.from({ length: WRITERS }, (_, w) => EventStore.streamName("own", `${run}-${w}`))
          ]
          let total = 0
          for (const name of streams) {
            const events = yield* Stream.runCollect(store.readStream(name))
            assert.deepStrictEqual(events.map((e) => e.streamVersion), events.map((_, i) => i + 1))
            total += events.length
          }
          assert.strictEqual(total, WRITERS * APPENDS)

          const all = yield* Stream.runCollect(store.readAll(0))
          const ids = all.map((e) => e.eventId)
          assert.strictEqual(new Set(ids).size, ids.length, "no event twice in the global log")
          assert.deepStrictEqual([...ids].sort(), [...written].sort(), "every written event, and only those")
          for (let i = 1; i < all.length; i++) assert.isTrue(all[i]!.position > all[i - 1]!.position)
          assert.strictEqual(yield* transactionIdsOutOfStep("sdsf_concurrency"), 0, "transaction ids follow positions")
        }),
      { timeout: 180_000 }
    )
  })
})
