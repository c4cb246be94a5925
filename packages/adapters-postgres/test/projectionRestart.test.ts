/**
 * The PostgreSQL projection store against a server that dies or freezes under it. Dead: SIGKILLed (postmaster and
 * every backend, no
 * shutdown checkpoint) while `runAll` feeds two projections, then started again (WAL recovery). The run fails with a
 * typed, transient error, not a hang; after recovery each projection's tables are exactly the fold of the events up to its own
 * checkpoint (a batch's rows and its checkpoint are one transaction: both survive or neither); a new run ends at the
 * log's end with the tables of an uninterrupted fold. Frozen (SIGSTOP to every process of the server: connections stay
 * open, nothing answers): the run fails with a `StoreTimeout` after its `statementTimeout`, not a hang; thawed, a new
 * run ends as an uninterrupted fold. On embedded servers of the test's own.
 */
import { assert, describe, it } from "@effect/vitest"
import { PostgresEventStore, PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { EventStore, Projection } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import { Deferred, Duration, Effect, Fiber, Layer, Option, Redacted, Schedule } from "effect"
import { startEmbeddedPostgres } from "./embeddedPostgres.ts"
import type { RunningPostgres } from "./embeddedPostgres.ts"
import { othersSettled, seedTestLog } from "./support.ts"

const STREAMS = 40
const PER_STREAM = 150
const ROUNDS = 10
const BATCH = 100
const category = "restart"

/** 6,000 events in `category` (letters, extensions, bilans that delete a row), and one in `rare` per round. */
const seed = seedTestLog({ category, streams: STREAMS, perStream: PER_STREAM, rounds: ROUNDS, rare: true })

/** An embedded server of the test's own, stopped (and deleted) at the end of the scope. */
const ownServer = (database: string) =>
  Effect.acquireRelease(
    Effect.promise(() => startEmbeddedPostgres(database, { restartable: true })),
    (server) => Effect.promise(() => server.stop())
  )

/** The stores on `server`, both with `statementTimeout`. */
const storesOn = (server: RunningPostgres, statementTimeout: Duration.Input) =>
  PostgresProjectionStore.layer({ schema: "sdsf", statementTimeout }).pipe(
    Layer.provideMerge(PostgresEventStore.layer({
      url: Redacted.make(server.url),
      schema: "sdsf",
      maxConnections: 4,
      statementTimeout
    }))
  )

/** After the server came back: each projection's tables are the fold up to its own checkpoint, and one lags. */
const foldsAtCheckpoints = (fed: ReadonlyArray<Projection.Projection>, what: string) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const projections = yield* Projection.ProjectionStore
    // The pool's connections died or timed out: the first queries may fail until it has new ones.
    const head = yield* store.headPosition.pipe(Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 25 }))
    // A statement the server held (frozen) runs and commits once it is thawed: read after it, not across it.
    yield* othersSettled("sdsf")
    let behind = 0
    for (const p of fed) {
      const { position } = yield* projections.position(p)
      yield* Effect.log(`${p.name}: checkpoint ${position} of ${head} after ${what}`)
      assert.deepStrictEqual(
        yield* TestProjection.storedRows(p),
        yield* TestProjection.expectedRows(p, position),
        `after ${what}: ${p.name} is the fold up to its checkpoint ${position}`
      )
      if (position < head) behind++
    }
    assert.isAbove(behind, 0, `${what} stopped the run before the log's end`)
  })

/**
 * Starts `run`, `stop`s the server once a third of the log is applied, and returns the error the run fails with: within
 * `bound` (only to turn a hang into a failure), an `EventStoreError`, transient.
 */
const failsWhenStopped = <R>(
  run: (onProgress: (p: Projection.Progress) => Effect.Effect<void>) => Effect.Effect<unknown, Projection.RunError, R>,
  head: number,
  stop: () => Promise<void>,
  bound: Duration.Input,
  what: string
) =>
  Effect.gen(function*() {
    const third = yield* Deferred.make<void>()
    const running = yield* Effect.forkChild(
      Effect.flip(run((p) => p.position > head / 3 ? Effect.asVoid(Deferred.succeed(third, undefined)) : Effect.void))
    )
    yield* Deferred.await(third)
    yield* Effect.promise(stop)
    const ended = yield* Fiber.join(running).pipe(Effect.timeoutOption(bound))
    assert.isTrue(
      Option.isSome(ended),
      `the run still hanging ${Duration.format(Duration.fromInputUnsafe(bound))} after ${what}`
    )
    const error = Option.getOrThrow(ended)
    yield* Effect.log(`the run failed after ${what}: ${error.message}`)
    assert.strictEqual(error._tag, "EventStoreError")
    if (error._tag === "EventStoreError") assert.isTrue(PostgresEventStore.isTransient(error), "a transient error")
    return error
  })

describe("the PostgreSQL projection store across a server crash and a frozen server", () => {
  it.live(
    "SIGKILLed server during runAll: a typed failure; after recovery each projection is the fold up to its " +
      "checkpoint; a new run ends as an uninterrupted one",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const server = yield* ownServer("sdsf_projrestart")
        yield* Effect.gen(function*() {
          yield* seed
          const store = yield* EventStore.EventStore
          const projections = yield* Projection.ProjectionStore
          const head = yield* store.headPosition
          const fed = [
            TestProjection.testProjection({ name: "fed", category }),
            TestProjection.testProjection({ name: "fed_rare", category: "rare" })
          ]
          yield* failsWhenStopped(
            (onProgress) => projections.runAll(fed, { batchSize: BATCH, onProgress }),
            head,
            () => server.crash(),
            "30 seconds",
            "the server died"
          )
          yield* Effect.promise(() => server.startUp())
          yield* foldsAtCheckpoints(fed, "the crash")

          const summaries = yield* projections.runAll(fed, { batchSize: BATCH })
          assert.deepStrictEqual(summaries.map((s) => s.position), [head, head])
          for (const p of fed) {
            assert.deepStrictEqual(
              yield* TestProjection.storedRows(p),
              yield* TestProjection.expectedRows(p, head),
              p.name
            )
          }
        }).pipe(Effect.provide(storesOn(server, "5 seconds")))
      })),
    120_000
  )

  it.live(
    "frozen server during run: a StoreTimeout after statementTimeout, not a hang; thawed, each projection is the fold " +
      "up to its checkpoint and a new run ends as an uninterrupted one",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const server = yield* ownServer("sdsf_projfrozen")
        yield* Effect.gen(function*() {
          yield* seed
          const store = yield* EventStore.EventStore
          const projections = yield* Projection.ProjectionStore
          const head = yield* store.headPosition
          const fed = [TestProjection.testProjection({ name: "frozen", category })]
          // The stores' timeout is 1 s.
          const error = yield* failsWhenStopped(
            (onProgress) => projections.run(fed[0]!, { batchSize: BATCH, onProgress }),
            head,
            () => server.freeze(),
            "20 seconds",
            "the server froze"
          ).pipe(Effect.ensuring(Effect.promise(() => server.thaw())))
          if (error._tag === "EventStoreError") assert.instanceOf(error.cause, PostgresEventStore.StoreTimeout)
          yield* foldsAtCheckpoints(fed, "the freeze")
          const summary = yield* projections.run(fed[0]!, { batchSize: BATCH })
          assert.strictEqual(summary.position, head)
          assert.deepStrictEqual(
            yield* TestProjection.storedRows(fed[0]!),
            yield* TestProjection.expectedRows(fed[0]!, head)
          )
        }).pipe(Effect.provide(storesOn(server, "1 second")))
      })),
    120_000
  )
})
