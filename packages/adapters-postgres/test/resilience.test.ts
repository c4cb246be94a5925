/**
 * The store against what production does to a database: connections killed under load, a server restarted, a server
 * that stops answering. The last two run on embedded servers of their own, started by the test.
 */
import { assert, describe, it } from "@effect/vitest"
import { Migrations, PostgresEventStore } from "@sdsf/adapters-postgres"
import { EventStore } from "@sdsf/domain"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Duration, Effect, Fiber, Layer, Option, Redacted, Schedule, Stream, SubscriptionRef } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import { startEmbeddedPostgres } from "./embeddedPostgres.ts"
import type { RunningPostgres } from "./embeddedPostgres.ts"
import { databaseUrl, freshStore } from "./support.ts"

type RecordedEvent = EventStore.RecordedEvent

const uuid = () => globalThis.crypto.randomUUID()
const event = (n: number): EventStore.EventToAppend => ({
  eventId: uuid(),
  type: "Counted",
  typeVersion: 1,
  data: { n }
})
const events = (count: number, first: number) => Array.from({ length: count }, (_, i) => event(first + i))

const isTransientFailure = (error: EventStore.AppendError) =>
  error._tag === "EventStoreError" && PostgresEventStore.isTransient(error)

/**
 * Appends `batch` until it is stored. A transient failure may hide a commit: the same event ids make the retry
 * idempotent (it returns the first append's positions if that one committed).
 */
const appendUntilStored = (name: EventStore.StreamName, batch: ReadonlyArray<EventStore.EventToAppend>) =>
  Effect.flatMap(EventStore.EventStore, (store) =>
    store.append(name, EventStore.ExpectedVersion.any, batch).pipe(
      Effect.retry({ while: isTransientFailure, schedule: Schedule.spaced("50 millis") })
    ))

/** A subscriber collecting what it delivers, with its status and how many times it went reconnecting. */
const startSubscriber = (after: number, mine: (event: RecordedEvent) => boolean) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const status = yield* EventStore.makeSubscriptionStatus(after)
    const delivered: Array<RecordedEvent> = []
    let reconnections = 0
    yield* SubscriptionRef.changes(status).pipe(
      Stream.runForEach((s) =>
        Effect.sync(() => {
          if (s.state._tag === "Reconnecting") reconnections++
        })
      ),
      Effect.forkChild
    )
    const fiber = yield* store.subscribe(after, { status }).pipe(
      Stream.runForEach((e) =>
        Effect.sync(() => {
          if (mine(e)) delivered.push(e)
        })
      ),
      Effect.forkChild
    )
    return { status, delivered, fiber, reconnections: () => reconnections }
  })

type Subscriber = Effect.Success<ReturnType<typeof startSubscriber>>

/**
 * Runs `waiting` while the subscriber runs. A subscription never ends by itself: if it does, it failed, and the test
 * fails with its error instead of waiting.
 */
const whileSubscribed = <A, E, R>(subscriber: Subscriber, waiting: Effect.Effect<A, E, R>) =>
  Effect.raceFirst(
    Fiber.join(subscriber.fiber).pipe(
      Effect.flatMap(() => Effect.fail("the subscription ended")),
      Effect.catch((error) => Effect.fail(`the subscription failed: ${String(error)}`))
    ),
    waiting
  )

/** Waits until the subscriber has delivered `count` events (at most 60 s). */
const awaitDelivered = (subscriber: Subscriber, count: number) =>
  whileSubscribed(
    subscriber,
    Effect.gen(function*() {
      while (subscriber.delivered.length < count) yield* Effect.sleep("50 millis")
    })
  ).pipe(
    Effect.timeoutOrElse({
      duration: "60 seconds",
      orElse: () => Effect.fail(`the subscription delivered ${subscriber.delivered.length} of ${count} events in 60 s`)
    })
  )

/** Every committed event of `mine` after `after`, once, in position order: what the subscriber must have delivered. */
const assertDeliveredOnceInOrder = (subscriber: Subscriber, after: number, mine: (event: RecordedEvent) => boolean) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const committed = (yield* Stream.runCollect(store.readAll(after))).filter(mine)
    yield* awaitDelivered(subscriber, committed.length)
    const delivered = subscriber.delivered.map((e) => `${e.position} ${e.eventId}`)
    assert.strictEqual(new Set(delivered).size, delivered.length, "no event delivered twice")
    assert.deepStrictEqual(delivered, committed.map((e) => `${e.position} ${e.eventId}`))
    return committed.length
  })

/** Waits until the status satisfies `predicate` (at most 60 s). */
const awaitStatus = (
  status: SubscriptionRef.SubscriptionRef<EventStore.SubscriptionStatus>,
  predicate: (status: EventStore.SubscriptionStatus) => boolean,
  what: string
) =>
  SubscriptionRef.changes(status).pipe(
    Stream.filter(predicate),
    Stream.runHead,
    Effect.timeoutOrElse({ duration: "60 seconds", orElse: () => Effect.fail(`no status ${what} within 60 s`) }),
    Effect.flatMap(Option.match({ onNone: () => Effect.fail(`no status ${what}`), onSome: Effect.succeed }))
  )

/** Waits until the subscriber's status satisfies `predicate`, failing at once if the subscription fails. */
const awaitSubscriberStatus = (
  subscriber: Subscriber,
  predicate: (status: EventStore.SubscriptionStatus) => boolean,
  what: string
) => whileSubscribed(subscriber, awaitStatus(subscriber.status, predicate, what))

/** An embedded server of the test's own, stopped (and deleted) at the end of the scope. */
const ownServer = (database: string) =>
  Effect.acquireRelease(
    Effect.promise(() => startEmbeddedPostgres(database, { restartable: true })),
    (server) => Effect.promise(() => server.stop())
  )

const storeOn = (server: RunningPostgres, options: PostgresEventStore.Options) =>
  PostgresEventStore.layer({
    url: Redacted.make(server.url),
    maxConnections: 10,
    pollInterval: "200 millis",
    ...options
  })

const ours = (category: string) => (e: RecordedEvent) => EventStore.categoryOf(e.streamName) === category

describe("subscribe and connection errors", () => {
  const schema = "sdsf_resilience"
  it.layer(freshStore(schema), { excludeTestServices: true })((it) => {
    it.effect(
      "backends terminated again and again under 4 writers: every committed event delivered once, in order",
      () =>
        Effect.scoped(Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const category = `killed${uuid().slice(0, 8)}`
          const mine = ours(category)
          const start = yield* store.headPosition
          const subscriber = yield* startSubscriber(start, mine)
          // The test's own connection, left alive: it terminates every other backend of the database, the store's pool
          // and its LISTEN connection included.
          const admin = yield* PgClient.makeClient({ url: Redacted.make(databaseUrl()) }).pipe(
            Effect.provide(Reactivity.layer)
          )
          const killAll = admin.unsafe(
            `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`
          )
          let writing = true
          let kills = 0
          let appended = 0
          const writers = Effect.forEach(
            [1, 2, 3, 4],
            (w) =>
              Effect.gen(function*() {
                const name = EventStore.streamName(category, `${w}-${uuid()}`)
                for (let i = 0; writing; i++) {
                  yield* appendUntilStored(name, events(1 + (i % 3), i * 3))
                  appended += 1 + (i % 3)
                }
              }),
            { concurrency: "unbounded", discard: true }
          )
          const killer = Effect.gen(function*() {
            yield* Effect.sleep("300 millis")
            for (let round = 0; round < 8; round++) {
              yield* killAll
              kills++
              yield* Effect.sleep(Duration.millis(250 + 50 * round))
            }
            // Progress, not time: on a loaded machine the writers may need longer to append a useful number of events.
            while (appended < 120) yield* Effect.sleep("50 millis")
            writing = false
          })
          yield* Effect.all([writers, killer], { concurrency: "unbounded", discard: true })
          const delivered = yield* assertDeliveredOnceInOrder(subscriber, start, mine)
          assert.isAbove(delivered, 100, "the writers appended")
          assert.isAbove(subscriber.reconnections(), 0, "the subscriber lost its connection and reconnected")
          const caughtUp = yield* awaitSubscriberStatus(subscriber, (s) => s.state._tag === "Live", "live")
          assert.isAtLeast(caughtUp.position, subscriber.delivered[subscriber.delivered.length - 1]!.position)
          assert.strictEqual(kills, 8)
        }))
    )

    it.effect("an error that no retry cures (permission denied) ends the subscription, with status Failed", () =>
      Effect.scoped(Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const role = `sdsf_reader_${uuid().slice(0, 8)}`
        yield* sql.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'reader'`)
        yield* Effect.addFinalizer(() =>
          Effect.ignore(sql.unsafe(`DROP OWNED BY ${role}`).pipe(Effect.andThen(sql.unsafe(`DROP ROLE ${role}`))))
        )
        yield* Migrations.grantApplication(schema, role)
        const url = new URL(databaseUrl())
        url.username = role
        url.password = "reader"
        const reader = yield* Layer.build(
          PostgresEventStore.layerFromSqlClient({ schema, migrate: false, pollInterval: "100 millis" }).pipe(
            Layer.provideMerge(PgClient.layer({ url: Redacted.make(url.toString()), maxConnections: 4 }))
          )
        )
        const readerStore = Layer.succeedContext(reader)
        const start = yield* store.headPosition
        const status = yield* EventStore.makeSubscriptionStatus(start)
        const fiber = yield* EventStore.EventStore.pipe(
          Effect.flatMap((s) => Stream.runDrain(s.subscribe(start, { status }))),
          Effect.provide(readerStore),
          Effect.forkChild
        )
        yield* awaitStatus(status, (s) => s.state._tag === "Live", "live")
        yield* sql.unsafe(`REVOKE SELECT ON ${schema}.events FROM ${role}`)
        const exit = yield* Fiber.await(fiber).pipe(Effect.timeoutOrElse({
          duration: "60 seconds",
          orElse: () => Effect.fail("the subscription still runs 60 s after losing its permission")
        }))
        assert.isTrue(exit._tag === "Failure")
        const failed = (yield* SubscriptionRef.get(status)).state
        assert.strictEqual(failed._tag, "Failed")
        if (failed._tag === "Failed") {
          assert.isFalse(PostgresEventStore.isTransient(failed.error))
          assert.include(failed.error.message, "permission denied")
        }
      })))
  })
})

describe("subscribe survives a server restart", () => {
  it.live("shut down and started again: the subscriber reconnects with backoff, every event once, in order", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* ownServer("sdsf_restart")
      yield* Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const category = "restarted"
        const mine = ours(category)
        const subscriber = yield* startSubscriber(0, mine)
        const names = [1, 2, 3].map((i) => EventStore.streamName(category, `${i}-${uuid()}`))
        for (let i = 0; i < 10; i++) {
          yield* Effect.forEach(names, (name) => store.append(name, EventStore.ExpectedVersion.any, events(2, 2 * i)))
        }
        yield* awaitDelivered(subscriber, 60)

        yield* Effect.promise(() => server.shutDown())
        // While the server is down, the subscriber keeps trying, and a writer keeps retrying its append.
        const duringDowntime = yield* Effect.forkChild(appendUntilStored(names[0]!, events(3, 100)))
        const reconnecting = yield* awaitSubscriberStatus(
          subscriber,
          (s) => s.state._tag === "Reconnecting" && s.state.attempt >= 3,
          "reconnecting, attempt 3"
        )
        assert.strictEqual(reconnecting.position, subscriber.delivered[59]!.position)
        yield* Effect.promise(() => server.startUp())

        yield* Fiber.join(duringDowntime)
        for (let i = 0; i < 10; i++) {
          yield* Effect.forEach(
            names,
            (name) => store.append(name, EventStore.ExpectedVersion.any, events(2, 200 + 2 * i))
          )
        }
        const delivered = yield* assertDeliveredOnceInOrder(subscriber, 0, mine)
        assert.strictEqual(delivered, 123)
        const live = yield* awaitSubscriberStatus(
          subscriber,
          (s) => s.state._tag === "Live" && s.lag === 0,
          "live, no lag"
        )
        assert.strictEqual(live.position, subscriber.delivered[122]!.position)
      }).pipe(Effect.provide(storeOn(server, { schema: "sdsf", statementTimeout: "5 seconds" })))
    })))
})

describe("a frozen server gives a typed timeout, not a hang", () => {
  it.live("SIGSTOP: an append fails with StoreTimeout; SIGCONT: the store works, its retry is stored once", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* ownServer("sdsf_frozen")
      yield* Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const category = "frozen"
        const mine = ours(category)
        const subscriber = yield* startSubscriber(0, mine)
        const name = EventStore.streamName(category, uuid())
        yield* store.append(name, EventStore.ExpectedVersion.noStream, events(5, 1))
        yield* awaitDelivered(subscriber, 5)

        yield* Effect.promise(() => server.freeze())
        const batch = events(2, 6)
        yield* Effect.gen(function*() {
          // Bounded by the test only to turn a hang into a failure: the store's own timeout is 1 s.
          const outcome = yield* store.append(name, EventStore.ExpectedVersion.any, batch).pipe(
            Effect.flip,
            Effect.timeoutOption("20 seconds")
          )
          assert.isTrue(Option.isSome(outcome), "the append was still hanging after 20 s")
          const error = Option.getOrThrow(outcome)
          assert.strictEqual(error._tag, "EventStoreError")
          if (error._tag === "EventStoreError") {
            assert.instanceOf(error.cause, PostgresEventStore.StoreTimeout)
            assert.isTrue(PostgresEventStore.isTransient(error))
            assert.include(error.message, "may have committed")
          }
          const head = yield* store.headPosition.pipe(Effect.flip, Effect.timeoutOption("20 seconds"))
          assert.isTrue(Option.isSome(head) && head.value.cause instanceof PostgresEventStore.StoreTimeout)
          yield* awaitSubscriberStatus(subscriber, (s) => s.state._tag === "Reconnecting", "reconnecting")
        }).pipe(Effect.ensuring(Effect.promise(() => server.thaw())))

        // The timed-out append may have committed once the server resumed: the same ids make its retry safe.
        const retried = yield* appendUntilStored(name, batch)
        const more = yield* store.append(name, EventStore.ExpectedVersion.exact(7), events(3, 8))
        assert.deepStrictEqual(more.streamVersion, 10)
        const stream = yield* Stream.runCollect(store.readStream(name))
        assert.deepStrictEqual(stream.map((e) => e.streamVersion), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        assert.deepStrictEqual(stream.slice(5, 7).map((e) => e.position), retried.positions)
        assert.deepStrictEqual(stream.slice(5, 7).map((e) => e.eventId), batch.map((e) => e.eventId))
        assert.strictEqual(yield* assertDeliveredOnceInOrder(subscriber, 0, mine), 10)
      }).pipe(Effect.provide(storeOn(server, { schema: "sdsf", statementTimeout: "1 second" })))
    })))
})
