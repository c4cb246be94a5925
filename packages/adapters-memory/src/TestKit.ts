/**
 * What a host application's test suite needs around the memory store: deterministic event ids, a test clock set to
 * a chosen time, events seeded as history, and a look at what the code under test appended.
 *
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { TestKit } from "@sdsf/adapters-memory"
 *
 * it.effect("records the adoption", () =>
 *   Effect.gen(function*() {
 *     const kit = yield* TestKit.TestKit
 *     yield* kit.seed(stream, [{ type: "ElaborationLancee", data: { ... } }])
 *     yield* handler.handle(stream, command)
 *     assert.deepStrictEqual((yield* kit.appended(stream)).map((e) => e.type), ["SchemaAdopte"])
 *   }).pipe(Effect.provide(TestKit.layer())))
 * ```
 */
import { Context, DateTime, Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { EventStore, IdGenerator } from "@sdsf/domain"
import * as MemoryEventStore from "./MemoryEventStore.ts"

/** An event to seed: `typeVersion` defaults to 1 and `eventId` to the next deterministic id. */
export interface SeedEvent {
  readonly type: string
  readonly typeVersion?: number
  readonly data: unknown
  readonly metadata?: EventStore.EventMetadata
  readonly eventId?: string
}

/** Options of the test kit. */
export interface Options {
  /** The test clock's time and the time part of the ids: ISO 8601 or epoch milliseconds. Default 2026-01-01. */
  readonly startTime?: string | number
}

/** The test kit service: seed history, inspect what was appended. */
export class TestKit extends Context.Service<TestKit, {
  /** Appends `events` to a stream as history (expected version any); `appended` leaves them out. */
  readonly seed: (
    streamName: EventStore.StreamName,
    events: ReadonlyArray<SeedEvent>
  ) => Effect.Effect<EventStore.AppendResult, EventStore.AppendError>
  /** Every stored event in position order (seeded or not), or those of one stream. */
  readonly events: (streamName?: EventStore.StreamName) => Effect.Effect<ReadonlyArray<EventStore.RecordedEvent>>
  /** The events appended other than by `seed`, in position order, for all streams or one. */
  readonly appended: (streamName?: EventStore.StreamName) => Effect.Effect<ReadonlyArray<EventStore.RecordedEvent>>
}>()("@sdsf/adapters-memory/TestKit") {}

const DEFAULT_START = "2026-01-01T00:00:00.000Z"

const startMillis = (options?: Options): number => {
  const start = options?.startTime ?? DEFAULT_START
  return DateTime.toEpochMillis(DateTime.makeUnsafe(start))
}

const hex = (value: number, width: number): string => value.toString(16).padStart(width, "0")

/**
 * The `n`th deterministic id at `millis`: shaped like a uuid v7 (time, version 7, variant), the counter in its
 * last 12 hex digits, so ids sort in creation order. `uuidAt(Date.UTC(2026, 0, 1), 1)` is
 * `019b76da-a800-7000-8000-000000000001`.
 */
export const uuidAt = (millis: number, n: number): string => {
  const time = hex(millis, 12)
  return `${time.slice(0, 8)}-${time.slice(8)}-7000-8000-${hex(n, 12)}`
}

/** An `IdGenerator` whose ids are `uuidAt(startTime, 1)`, `uuidAt(startTime, 2)`... */
export const makeIdGenerator = (options?: Options): Effect.Effect<IdGenerator.IdGenerator["Service"]> =>
  Effect.sync(() => {
    const millis = startMillis(options)
    let counter = 0
    return IdGenerator.IdGenerator.of({ eventId: Effect.sync(() => uuidAt(millis, ++counter)) })
  })

/** Deterministic ids (see `makeIdGenerator`); a fresh counter each time the layer is built. */
export const layerIdGenerator = (options?: Options): Layer.Layer<IdGenerator.IdGenerator> =>
  Layer.effect(IdGenerator.IdGenerator, makeIdGenerator(options))

/** A `TestClock` set to `startTime`: time moves only with `TestClock.adjust`/`setTime`. */
export const layerClock = (options?: Options): Layer.Layer<TestClock.TestClock> =>
  Layer.effectDiscard(TestClock.setTime(startMillis(options))).pipe(Layer.provideMerge(TestClock.layer()))

/** The test kit over an existing memory store. */
export const make = (
  store: MemoryEventStore.MemoryEventStore
): Effect.Effect<TestKit["Service"], never, IdGenerator.IdGenerator> =>
  Effect.gen(function*() {
    const ids = yield* IdGenerator.IdGenerator
    const seeded = new Set<string>()
    const seed = Effect.fnUntraced(function*(streamName: EventStore.StreamName, events: ReadonlyArray<SeedEvent>) {
      const toAppend: Array<EventStore.EventToAppend> = []
      for (const event of events) {
        toAppend.push({
          eventId: event.eventId ?? (yield* ids.eventId),
          type: event.type,
          typeVersion: event.typeVersion ?? 1,
          data: event.data,
          ...(event.metadata === undefined ? {} : { metadata: event.metadata })
        })
      }
      const result = yield* store.append(streamName, EventStore.ExpectedVersion.any, toAppend)
      for (const event of toAppend) seeded.add(event.eventId)
      return result
    })
    return TestKit.of({
      seed,
      events: store.events,
      appended: (streamName) =>
        Effect.map(store.events(streamName), (events) => events.filter((event) => !seeded.has(event.eventId)))
    })
  })

/**
 * Everything a host's tests need, fresh for each build: a memory `EventStore`, deterministic `IdGenerator`, the
 * `TestKit` and a `TestClock` at `startTime`.
 */
export const layer = (
  options?: Options
): Layer.Layer<EventStore.EventStore | IdGenerator.IdGenerator | TestKit | TestClock.TestClock> =>
  Layer.effectContext(
    Effect.gen(function*() {
      const store = yield* MemoryEventStore.make
      const ids = yield* makeIdGenerator(options)
      const kit = yield* Effect.provideService(make(store), IdGenerator.IdGenerator, ids)
      return Context.make(EventStore.EventStore, store).pipe(
        Context.add(IdGenerator.IdGenerator, ids),
        Context.add(TestKit, kit)
      )
    })
  ).pipe(Layer.provideMerge(layerClock(options)))
