/**
 * An in-memory event store with the same semantics as the PostgreSQL one: atomic batches, expected versions,
 * idempotent re-appends, JSON round trips of what was appended, positions in commit order, live subscriptions.
 *
 * Events are held as JSON text and parsed on every read, so each read gives fresh objects, as a database does.
 */
import { Cause, Clock, DateTime, Effect, Layer, Option, Stream, SubscriptionRef } from "effect"
import type { NonEmptyArray } from "effect/Array"
import { EventStore } from "@sdsf/domain"
import * as IdIndex from "./internal/idIndex.ts"

type StreamName = EventStore.StreamName
type RecordedEvent = EventStore.RecordedEvent
type EventToAppend = EventStore.EventToAppend
type ExpectedVersion = EventStore.ExpectedVersion
type AppendResult = EventStore.AppendResult

/**
 * The log, column by column (one array per field, index = position - 1): a million events are a few arrays of
 * strings and small integers rather than a million objects for the garbage collector to copy.
 */
interface Log {
  readonly eventId: Array<string>
  readonly type: Array<string>
  readonly typeVersion: Array<number>
  /** JSON text. */
  readonly data: Array<string>
  /** JSON text, or `undefined` for `{}`. */
  readonly metadata: Array<string | undefined>
  readonly streamName: Array<StreamName>
  readonly streamVersion: Array<number>
  readonly recordedAt: Array<string>
}

interface StreamState {
  /** Log indexes of the stream's events, in stream order. */
  readonly indexes: Array<number>
  readonly createdAt: string
}

/** The memory store: the `EventStore` service plus a look at everything it holds. */
export type MemoryEventStore = EventStore.EventStore["Service"] & {
  /** Every stored event in position order, or only those of one stream. */
  readonly events: (streamName?: StreamName) => Effect.Effect<ReadonlyArray<RecordedEvent>>
}

const CHUNK = 1024

const toRecorded = (log: Log, index: number): RecordedEvent => {
  const metadata = log.metadata[index]
  return {
    eventId: log.eventId[index]!,
    type: log.type[index]!,
    typeVersion: log.typeVersion[index]!,
    // Not JSON.parse: on Node 24 it can misread an escaped object key (see `EventStore.parseJson`).
    data: EventStore.parseJson(log.data[index]!),
    metadata: metadata === undefined ? {} : EventStore.parseJson(metadata) as EventStore.EventMetadata,
    streamName: log.streamName[index]!,
    streamVersion: log.streamVersion[index]!,
    position: index + 1,
    recordedAt: log.recordedAt[index]!
  }
}

/** Events at log indexes `start` (inclusive) to `end` (exclusive). */
const materialize = (log: Log, start: number, end: number): NonEmptyArray<RecordedEvent> => {
  const out = new Array<RecordedEvent>(end - start)
  for (let i = start; i < end; i++) out[i - start] = toRecorded(log, i)
  return out as NonEmptyArray<RecordedEvent>
}

/** Events at `indexes[from]` to `indexes[to - 1]`, or downwards from `indexes[from - 1]` to `indexes[to]`. */
const materializeIndexes = (
  log: Log,
  indexes: ReadonlyArray<number>,
  from: number,
  to: number
): NonEmptyArray<RecordedEvent> => {
  const out = new Array<RecordedEvent>(Math.abs(to - from))
  if (from < to) { for (let i = from; i < to; i++) out[i - from] = toRecorded(log, indexes[i]!) }
  else for (let i = from; i > to; i--) out[from - i] = toRecorded(log, indexes[i - 1]!)
  return out as NonEmptyArray<RecordedEvent>
}

/** Options of the memory store. */
export interface Options {
  /**
   * The most bytes an event's data and metadata may take (`EventStore.storedJsonBytes`), as in the PostgreSQL store:
   * default `EventStore.defaultMaxEventBytes` (1 MiB), at most `EventStore.maxEventBytesCeiling`.
   */
  readonly maxEventBytes?: number | undefined
}

/** Builds a memory store with the default limits. Each call gives an empty, independent store. */
export const make: Effect.Effect<MemoryEventStore> = Effect.sync(() => build(EventStore.defaultLimits))

/** Builds a memory store with options; fails with `InvalidArgument` (operation `make`) on a refused option. */
export const makeWith = (options: Options): Effect.Effect<MemoryEventStore, EventStore.InvalidArgument> =>
  Effect.suspend(() => {
    const limits = EventStore.makeLimits(options)
    return limits instanceof EventStore.InvalidArgument ? Effect.fail(limits) : Effect.sync(() => build(limits))
  })

const build = (limits: EventStore.Limits): MemoryEventStore => {
  const log: Log = {
    eventId: [],
    type: [],
    typeVersion: [],
    data: [],
    metadata: [],
    streamName: [],
    streamVersion: [],
    recordedAt: []
  }
  const byId = IdIndex.make()
  const streams = new Map<string, StreamState>()
  const listeners = new Set<() => void>()
  let lastMetadataText: string | undefined

  const wake = () => {
    if (listeners.size === 0) return
    const woken = Array.from(listeners)
    listeners.clear()
    for (const listener of woken) listener()
  }

  const appendNow = (
    streamName: StreamName,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>,
    recordedAt: string
  ): AppendResult | EventStore.AppendError => {
    const batch = EventStore.encodeBatch(streamName, expected, events, limits)
    if ("_tag" in batch) return batch
    const count = batch.ids.length
    const hashes = new Int32Array(2 * count)
    for (let i = 0; i < count; i++) IdIndex.hashUuidInto(batch.ids[i]!, hashes, i)

    let storedHere = 0
    let conflicts: Array<string> | undefined
    for (let i = 0; i < count; i++) {
      const eventId = batch.ids[i]!
      const index = byId.find(eventId, hashes[2 * i]!, hashes[2 * i + 1]!, log.eventId)
      if (index === -1) continue
      if (log.streamName[index] === streamName) storedHere++
      ;(conflicts ??= []).push(eventId)
    }
    if (conflicts !== undefined) {
      if (storedHere === count) {
        let streamVersion = 0
        const positions = batch.ids.map((eventId, i) => {
          const index = byId.find(eventId, hashes[2 * i]!, hashes[2 * i + 1]!, log.eventId)
          if (log.streamVersion[index]! > streamVersion) streamVersion = log.streamVersion[index]!
          return index + 1
        })
        return { streamVersion, positions }
      }
      return new EventStore.EventIdConflict({ streamName, eventIds: conflicts })
    }

    const state = streams.get(streamName)
    const actual = state === undefined ? 0 : state.indexes.length
    if (!EventStore.ExpectedVersion.matches(expected, actual)) {
      return new EventStore.WrongExpectedVersion({
        streamName,
        expected: EventStore.ExpectedVersion.format(expected),
        actual
      })
    }
    if (count === 0) return { streamVersion: actual, positions: [] }

    const target = state ?? { indexes: [], createdAt: recordedAt }
    if (state === undefined) streams.set(streamName, target)
    const positions = new Array<number>(count)
    for (let i = 0; i < count; i++) {
      const index = log.eventId.length
      let metadataText: string | undefined = batch.metadata[i]!
      if (metadataText === "{}") metadataText = undefined
      // share equal metadata texts between consecutive events: less to keep alive
      else if (metadataText === lastMetadataText) metadataText = lastMetadataText
      lastMetadataText = metadataText
      log.eventId.push(batch.ids[i]!)
      log.type.push(batch.types[i]!)
      log.typeVersion.push(batch.typeVersions[i]!)
      log.data.push(batch.data[i]!)
      log.metadata.push(metadataText)
      log.streamName.push(streamName)
      log.streamVersion.push(target.indexes.length + 1)
      log.recordedAt.push(recordedAt)
      target.indexes.push(index)
      byId.insert(hashes[2 * i]!, hashes[2 * i + 1]!, index)
      positions[i] = index + 1
    }
    wake()
    return { streamVersion: target.indexes.length, positions }
  }

  const append = (
    streamName: StreamName,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>
  ): Effect.Effect<AppendResult, EventStore.AppendError> =>
    Clock.clockWith((clock) => {
      const recordedAt = DateTime.formatIso(DateTime.makeUnsafe(clock.currentTimeMillisUnsafe()))
      const result = appendNow(streamName, expected, events, recordedAt)
      return "_tag" in result ? Effect.fail(result) : Effect.succeed(result)
    })

  const readStream = (
    streamName: StreamName,
    options?: EventStore.ReadStreamOptions
  ): Stream.Stream<RecordedEvent, EventStore.ReadError> => {
    const invalid = EventStore.checkReadStream(streamName, options)
    if (invalid !== undefined) return Stream.fail(invalid)
    return Stream.fromPull(Effect.sync(() => {
      const indexes = streams.get(streamName)?.indexes ?? []
      const length = indexes.length
      const maxCount = options?.maxCount ?? Number.POSITIVE_INFINITY
      if (options?.direction === "backward") {
        // cursor: the stream version to read next, going down; stop at `end` (exclusive)
        let cursor = Math.min(options.from ?? length, length)
        const end = Math.max(0, cursor - maxCount)
        return Effect.suspend(() => {
          if (cursor <= end) return Cause.done()
          const next = Math.max(end, cursor - CHUNK)
          const chunk = materializeIndexes(log, indexes, cursor, next)
          cursor = next
          return Effect.succeed(chunk)
        })
      }
      let cursor = Math.max(1, options?.from ?? 1) - 1
      const end = Math.min(length, cursor + maxCount)
      return Effect.suspend(() => {
        if (cursor >= end) return Cause.done()
        const next = Math.min(end, cursor + CHUNK)
        const chunk = materializeIndexes(log, indexes, cursor, next)
        cursor = next
        return Effect.succeed(chunk)
      })
    }))
  }

  const readAll = (
    after = 0,
    options?: EventStore.ReadAllOptions
  ): Stream.Stream<RecordedEvent, EventStore.ReadError> => {
    const invalid = EventStore.checkReadAll(after, options)
    if (invalid !== undefined) return Stream.fail(invalid)
    return Stream.fromPull(Effect.sync(() => {
      let cursor = after
      // Positions are 1, 2, 3... here: the first maxCount events after `after` end at after + maxCount.
      const end = Math.min(log.eventId.length, options?.maxCount === undefined ? Infinity : after + options.maxCount)
      return Effect.suspend(() => {
        if (cursor >= end) return Cause.done()
        const next = Math.min(end, cursor + CHUNK)
        const chunk = materialize(log, cursor, next)
        cursor = next
        return Effect.succeed(chunk)
      })
    }))
  }

  const live: EventStore.SubscriptionState = { _tag: "Live" }
  const catchingUp: EventStore.SubscriptionState = { _tag: "CatchingUp" }
  const subscribe = (
    after = 0,
    options: EventStore.SubscribeOptions = {}
  ): Stream.Stream<RecordedEvent, EventStore.ReadError> => {
    const invalid = EventStore.checkPosition("subscribe", after)
    if (invalid !== undefined) return Stream.fail(invalid)
    return Stream.fromPull(Effect.suspend(() => {
      let cursor = after
      const status = options.status
      // Memory never disconnects: catching up until a chunk reaches the head, then live.
      const report = (head: number, delivered: boolean): Effect.Effect<void> =>
        status === undefined ?
          Effect.void :
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            SubscriptionRef.update(status, (previous): EventStore.SubscriptionStatus => ({
              state: cursor >= head ? live : catchingUp,
              position: cursor,
              head,
              lag: Math.max(0, head - cursor),
              lastDeliveredAt: delivered ? now : previous.lastDeliveredAt
            })))
      const nextAppend = Effect.callback<void>((resume) => {
        if (cursor < log.eventId.length) return resume(Effect.void)
        const listener = () => resume(Effect.void)
        listeners.add(listener)
        return Effect.sync(() => {
          listeners.delete(listener)
        })
      })
      const pull: Effect.Effect<NonEmptyArray<RecordedEvent>> = Effect.suspend(() => {
        const head = log.eventId.length
        if (cursor >= head) return Effect.flatMap(nextAppend, () => pull)
        const next = Math.min(head, cursor + CHUNK)
        const chunk = materialize(log, cursor, next)
        cursor = next
        return status === undefined ? Effect.succeed(chunk) : Effect.as(report(head, true), chunk)
      })
      return Effect.as(report(log.eventId.length, false), pull)
    }))
  }

  const streamMetadata = (
    streamName: StreamName
  ): Effect.Effect<Option.Option<EventStore.StreamMetadata>, EventStore.ReadError> => {
    const invalid = EventStore.checkStreamName("streamMetadata", streamName)
    if (invalid !== undefined) return Effect.fail(invalid)
    return Effect.sync(() => {
      const state = streams.get(streamName)
      if (state === undefined) return Option.none()
      return Option.some({
        streamName,
        streamType: EventStore.categoryOf(streamName),
        createdAt: state.createdAt,
        version: state.indexes.length
      })
    })
  }

  const events = (streamName?: StreamName): Effect.Effect<ReadonlyArray<RecordedEvent>> =>
    Effect.sync(() => {
      if (streamName === undefined) return log.eventId.length === 0 ? [] : materialize(log, 0, log.eventId.length)
      const indexes = streams.get(streamName)?.indexes ?? []
      return indexes.length === 0 ? [] : materializeIndexes(log, indexes, 0, indexes.length)
    })

  return {
    append,
    readStream,
    readAll,
    subscribe,
    streamMetadata,
    headPosition: Effect.sync(() => log.eventId.length),
    events
  }
}

/** A fresh, empty memory store as the `EventStore` service. */
export const layerMemory: Layer.Layer<EventStore.EventStore> = Layer.effect(EventStore.EventStore, make)

/** A fresh, empty memory store with options (e.g. `maxEventBytes`) as the `EventStore` service. */
export const layerWith = (options: Options): Layer.Layer<EventStore.EventStore, EventStore.InvalidArgument> =>
  Layer.effect(EventStore.EventStore, makeWith(options))
