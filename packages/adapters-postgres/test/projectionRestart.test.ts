/**
 * The PostgreSQL projection store against a server that dies under it: SIGKILLed (postmaster and every backend, no
 * shutdown checkpoint) while `runAll` feeds two projections, then started again (WAL recovery). The run fails with a
 * typed, transient error, not a hang; after recovery each projection's tables are exactly the fold of the events up to its own
 * checkpoint (a batch's rows and its checkpoint are one transaction: both survive or neither); a new run ends at the
 * log's end with the tables of an uninterrupted fold. On an embedded server of the test's own.
 */
import { assert, describe, it } from "@effect/vitest"
import { PostgresEventStore, PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { EventStore, Projection } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import { Deferred, Effect, Fiber, Layer, Option, Redacted, Result, Schedule, Stream } from "effect"
import { startEmbeddedPostgres } from "./embeddedPostgres.ts"

const STREAMS = 40
const PER_STREAM = 150
const ROUNDS = 10
const BATCH = 100
const category = "restart"

/** 6,000 events in `category` (letters, extensions, bilans that delete a row), and one in `rare` per round. */
const seed = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  const perRound = PER_STREAM / ROUNDS
  for (let round = 0; round < ROUNDS; round++) {
    yield* Effect.forEach(Array.from({ length: STREAMS }, (_, s) => s), (s) =>
      store.append(
        EventStore.streamName(category, `s${s}`),
        EventStore.ExpectedVersion.exact(round * perRound),
        Array.from({ length: perRound }, (_, i) => {
          const n = round * perRound + i + 1
          return n % 97 === 0
            ? TestProjection.events.bilan()
            : n % 5 === 0
            ? TestProjection.events.prorogee(2000 + (n % 100))
            : TestProjection.events.lettre(`s${s} n°${n}`, n)
        })
      ), { concurrency: 4, discard: true })
    yield* store.append(EventStore.streamName("rare", `r${round}`), EventStore.ExpectedVersion.noStream, [
      TestProjection.events.lettre(`rare ${round}`, round)
    ])
  }
})

/** The in-memory fold of the events up to `position`. */
const foldTo = (projection: Projection.Projection, position: number) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const events = yield* Stream.runCollect(store.readAll(0).pipe(Stream.takeWhile((e) => e.position <= position)))
    const folded = Projection.fold(projection, events)
    assert.isTrue(Result.isSuccess(folded))
    const tables = Result.getOrThrow(folded)
    return Object.fromEntries(projection.tables.map((t) => [t.name, Projection.rowsOf(projection, tables, t.name)]))
  })

describe("the PostgreSQL projection store across a server crash", () => {
  it.live(
    "SIGKILLed server during runAll: a typed failure; after recovery each projection is the fold up to its " +
      "checkpoint; a new run ends as an uninterrupted one",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const server = yield* Effect.acquireRelease(
          Effect.promise(() => startEmbeddedPostgres("sdsf_projrestart", { restartable: true })),
          (server) => Effect.promise(() => server.stop())
        )
        const layer = PostgresProjectionStore.layer({ schema: "sdsf" }).pipe(
          Layer.provideMerge(PostgresEventStore.layer({
            url: Redacted.make(server.url),
            schema: "sdsf",
            maxConnections: 4,
            statementTimeout: "5 seconds"
          }))
        )
        yield* Effect.gen(function*() {
          yield* seed
          const store = yield* EventStore.EventStore
          const projections = yield* Projection.ProjectionStore
          const head = yield* store.headPosition
          const fed = [
            TestProjection.testProjection({ name: "fed", category }),
            TestProjection.testProjection({ name: "fed_rare", category: "rare" })
          ]
          const third = yield* Deferred.make<void>()
          const running = yield* Effect.forkChild(Effect.flip(projections.runAll(fed, {
            batchSize: BATCH,
            onProgress: (p) => p.position > head / 3 ? Deferred.succeed(third, undefined) : Effect.void
          })))
          yield* Deferred.await(third)
          yield* Effect.promise(() => server.crash())
          // Bounded only to turn a hang into a failure.
          const ended = yield* Fiber.join(running).pipe(Effect.timeoutOption("30 seconds"))
          assert.isTrue(Option.isSome(ended), "runAll still hanging 30 s after the server died")
          const error = Option.getOrThrow(ended)
          yield* Effect.log(`runAll failed: ${error.message}`)
          assert.strictEqual(error._tag, "EventStoreError")
          if (error._tag === "EventStoreError") {
            assert.isTrue(PostgresEventStore.isTransient(error), "a transient error")
          }
          yield* Effect.promise(() => server.startUp())

          // The pool's connections died with the server: the first queries may fail until it has new ones.
          yield* store.headPosition.pipe(Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 25 }))
          let behind = 0
          for (const p of fed) {
            const { position } = yield* projections.position(p)
            assert.deepStrictEqual(
              yield* TestProjection.storedRows(p),
              yield* foldTo(p, position),
              `after the crash: ${p.name} is the fold up to its checkpoint ${position}`
            )
            yield* Effect.log(`${p.name}: checkpoint ${position} of ${head} after the crash`)
            if (position < head) behind++
          }
          assert.isAbove(behind, 0, "the crash stopped the run before the log's end")

          const summaries = yield* projections.runAll(fed, { batchSize: BATCH })
          assert.deepStrictEqual(summaries.map((s) => s.position), [head, head])
          for (const p of fed) {
            assert.deepStrictEqual(yield* TestProjection.storedRows(p), yield* foldTo(p, head), p.name)
          }
        }).pipe(Effect.provide(layer))
      })),
    120_000
  )
})
