/**
 * An in-memory event store with the same semantics as the PostgreSQL one: atomic batches, expected versions,
 * idempotent re-appends, JSON round trips of what was appended, positions in commit order, live subscriptions.
 *
 * Events are held as JSON text and parsed on every read, so each read gives fresh objects, as a database does.
 */
import { Cause, Clock, DateTime, Effect, Layer, Option, Stream } from "effect"
import type { NonEmptyArray } from "effect/Array"
import { EventStore } from "@sdsf/domain"
import * as Json from "./internal/json.ts"

type StreamName = EventStore.StreamName
type RecordedEvent = EventStore.RecordedEvent
type EventToAppend = EventStore.EventToAppend
type ExpectedVersion = EventStore.ExpectedVersion
type AppendResult = EventStore.AppendResult

interface Stored {
  readonly eventId: string
  readonly type: string
  readonly typeVersion: number
  /** JSON text. */
  readonly data: string
  /** JSON text, or `undefined` for `{}`. */
  readonly metadata: string | undefined
  readonly streamName: StreamName
  readonly streamVersion: number
  readonly position: number
  readonly recordedAt: string
}

interface StreamState {
  readonly events: Array<Stored>
  readonly createdAt: string
}

/** The memory store: the `EventStore` service plus a look at everything it holds. */
export type MemoryEventStore = EventStore.EventStore["Service"] & {
  /** Every stored event in position order, or only those of one stream. */
  readonly events: (streamName?: StreamName) => Effect.Effect<ReadonlyArray<RecordedEvent>>
}

const CHUNK = 1024

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const toRecorded = (stored: Stored): RecordedEvent => ({
  eventId: stored.eventId,
  type: stored.type,
  typeVersion: stored.typeVersion,
  data: JSON.parse(stored.data),
  metadata: stored.metadata === undefined ? {} : JSON.parse(stored.metadata),
  streamName: stored.streamName,
  streamVersion: stored.streamVersion,
  position: stored.position,
  recordedAt: stored.recordedAt
})

const materialize = (source: ReadonlyArray<Stored>, start: number, end: number): NonEmptyArray<RecordedEvent> => {
  const out = new Array<RecordedEvent>(end - start)
  for (let i = start; i < end; i++) out[i - start] = toRecorded(source[i]!)
  return out as NonEmptyArray<RecordedEvent>
}

const materializeBackward = (
  source: ReadonlyArray<Stored>,
  start: number,
  end: number
): NonEmptyArray<RecordedEvent> => {
  const out = new Array<RecordedEvent>(start - end)
  for (let i = start; i > end; i--) out[start - i] = toRecorded(source[i - 1]!)
  return out as NonEmptyArray<RecordedEvent>
}

const invalid = (streamName: StreamName, index: number, reason: string) =>
  new EventStore.InvalidAppend({ streamName, index, reason })

/** The JSON text of an event's data and metadata, or why the event cannot be stored. */
const encodeEvent = (
  streamName: StreamName,
  event: EventToAppend,
  index: number
): { readonly data: string; readonly metadata: string | undefined } | EventStore.InvalidAppend => {
  if (typeof event.eventId !== "string" || !UUID.test(event.eventId)) {
    return invalid(streamName, index, `eventId ${String(event.eventId)} is not a lowercase uuid`)
  }
  if (typeof event.type !== "string" || event.type.length === 0) {
    return invalid(streamName, index, "type must be a non-empty string")
  }
  if (!Number.isSafeInteger(event.typeVersion) || event.typeVersion < 1) {
    return invalid(streamName, index, `typeVersion ${String(event.typeVersion)} is not a positive integer`)
  }
  const dataProblem = Json.problem(event.data, "data")
  if (dataProblem !== undefined) return invalid(streamName, index, `${dataProblem.at}: ${dataProblem.reason}`)
  const metadata = event.metadata
  let metadataText: string | undefined
  if (metadata !== undefined) {
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
      return invalid(streamName, index, "metadata must be a JSON object")
    }
    const metadataProblem = Json.problem(metadata, "metadata")
    if (metadataProblem !== undefined) {
      return invalid(streamName, index, `${metadataProblem.at}: ${metadataProblem.reason}`)
    }
    metadataText = JSON.stringify(metadata)
    if (metadataText === "{}") metadataText = undefined
  }
  return { data: JSON.stringify(event.data), metadata: metadataText }
}

/** Builds a memory store. Each call gives an empty, independent store. */
export const make: Effect.Effect<MemoryEventStore> = Effect.sync(() => {
  const log: Array<Stored> = []
  const byId = new Map<string, Stored>()
  const streams = new Map<string, StreamState>()
  const listeners = new Set<() => void>()

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
    const texts = new Array<{ readonly data: string; readonly metadata: string | undefined }>(events.length)
    const ids = events.length > 1 ? new Set<string>() : undefined
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!
      const encoded = encodeEvent(streamName, event, i)
      if (encoded instanceof EventStore.InvalidAppend) return encoded
      if (ids !== undefined) {
        if (ids.has(event.eventId)) return invalid(streamName, i, `eventId ${event.eventId} appears twice in the batch`)
        ids.add(event.eventId)
      }
      texts[i] = encoded
    }

    let storedHere = 0
    let conflicts: Array<string> | undefined
    for (const event of events) {
      const stored = byId.get(event.eventId)
      if (stored === undefined) continue
      if (stored.streamName === streamName) storedHere++
      ;(conflicts ??= []).push(event.eventId)
    }
    if (conflicts !== undefined) {
      if (storedHere === events.length) {
        let streamVersion = 0
        const positions = events.map((event) => {
          const stored = byId.get(event.eventId)!
          if (stored.streamVersion > streamVersion) streamVersion = stored.streamVersion
          return stored.position
        })
        return { streamVersion, positions }
      }
      return new EventStore.EventIdConflict({ streamName, eventIds: conflicts })
    }

    const state = streams.get(streamName)
    const actual = state === undefined ? 0 : state.events.length
    if (!EventStore.ExpectedVersion.matches(expected, actual)) {
      return new EventStore.WrongExpectedVersion({
        streamName,
        expected: EventStore.ExpectedVersion.format(expected),
        actual
      })
    }
    if (events.length === 0) return { streamVersion: actual, positions: [] }

    const target = state ?? { events: [], createdAt: recordedAt }
    if (state === undefined) streams.set(streamName, target)
    const positions = new Array<number>(events.length)
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!
      const text = texts[i]!
      const stored: Stored = {
        eventId: event.eventId,
        type: event.type,
        typeVersion: event.typeVersion,
        data: text.data,
        metadata: text.metadata,
        streamName,
        streamVersion: target.events.length + 1,
        position: log.length + 1,
        recordedAt
      }
      log.push(stored)
      target.events.push(stored)
      byId.set(stored.eventId, stored)
      positions[i] = stored.position
    }
    wake()
    return { streamVersion: target.events.length, positions }
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
  ): Stream.Stream<RecordedEvent, EventStore.EventStoreError> =>
    Stream.fromPull(Effect.sync(() => {
      const source = streams.get(streamName)?.events ?? []
      const length = source.length
      const maxCount = Math.max(0, Math.floor(options?.maxCount ?? Number.POSITIVE_INFINITY))
      if (options?.direction === "backward") {
        // cursor: the stream version to read next, going down; stop at `end` (exclusive)
        let cursor = Math.min(Math.floor(options.from ?? length), length)
        const end = Math.max(0, cursor - maxCount)
        return Effect.suspend(() => {
          if (cursor <= end) return Cause.done()
          const next = Math.max(end, cursor - CHUNK)
          const chunk = materializeBackward(source, cursor, next)
          cursor = next
          return Effect.succeed(chunk)
        })
      }
      let cursor = Math.max(1, Math.ceil(options?.from ?? 1)) - 1
      const end = Math.min(length, cursor + maxCount)
      return Effect.suspend(() => {
        if (cursor >= end) return Cause.done()
        const next = Math.min(end, cursor + CHUNK)
        const chunk = materialize(source, cursor, next)
        cursor = next
        return Effect.succeed(chunk)
      })
    }))

  const readAll = (after = 0): Stream.Stream<RecordedEvent, EventStore.EventStoreError> =>
    Stream.fromPull(Effect.sync(() => {
      let cursor = Math.max(0, Math.floor(after))
      const end = log.length
      return Effect.suspend(() => {
        if (cursor >= end) return Cause.done()
        const next = Math.min(end, cursor + CHUNK)
        const chunk = materialize(log, cursor, next)
        cursor = next
        return Effect.succeed(chunk)
      })
    }))

  const subscribe = (after = 0): Stream.Stream<RecordedEvent, EventStore.EventStoreError> =>
    Stream.fromPull(Effect.sync(() => {
      let cursor = Math.max(0, Math.floor(after))
      const nextAppend = Effect.callback<void>((resume) => {
        if (cursor < log.length) return resume(Effect.void)
        const listener = () => resume(Effect.void)
        listeners.add(listener)
        return Effect.sync(() => {
          listeners.delete(listener)
        })
      })
      const pull: Effect.Effect<NonEmptyArray<RecordedEvent>> = Effect.suspend(() => {
        if (cursor >= log.length) return Effect.flatMap(nextAppend, () => pull)
        const next = Math.min(log.length, cursor + CHUNK)
        const chunk = materialize(log, cursor, next)
        cursor = next
        return Effect.succeed(chunk)
      })
      return pull
    }))

  const streamMetadata = (
    streamName: StreamName
  ): Effect.Effect<Option.Option<EventStore.StreamMetadata>, EventStore.EventStoreError> =>
    Effect.sync(() => {
      const state = streams.get(streamName)
      if (state === undefined) return Option.none()
      return Option.some({
        streamName,
        streamType: EventStore.categoryOf(streamName),
        createdAt: state.createdAt,
        version: state.events.length
      })
    })

  const events = (streamName?: StreamName): Effect.Effect<ReadonlyArray<RecordedEvent>> =>
    Effect.sync(() => {
      const source = streamName === undefined ? log : streams.get(streamName)?.events ?? []
      return source.length === 0 ? [] : materialize(source, 0, source.length)
    })

  return {
    append,
    readStream,
    readAll,
    subscribe,
    streamMetadata,
    headPosition: Effect.sync(() => log.length),
    events
  }
})

/** A fresh, empty memory store as the `EventStore` service. */
export const layerMemory: Layer.Layer<EventStore.EventStore> = Layer.effect(EventStore.EventStore, make)
