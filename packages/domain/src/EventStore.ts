/**
 * The event-store port: what every storage adapter (memory, PostgreSQL) implements.
 *
 * Events travel as encoded JSON (`type`, `typeVersion`, `data`, `metadata`), so the store never needs the domain's
 * schemas. Streams are created by their first append and never deleted; a stream's version is the number of events
 * it holds (0 for a stream that does not exist), and its first event has stream version 1. Global positions start
 * at 1 and strictly increase in commit order; they may have gaps (a PostgreSQL sequence), never repeats.
 */
import { Clock, Context, Effect, Predicate, Schema, Stream, SubscriptionRef } from "effect"
import type { Duration, Option } from "effect"
import * as StorableJson from "./internal/storableJson.ts"

/** A stream name: `<category>-<id>`, e.g. `schema-0193…`. The category is the stream's type. */
export const StreamName = Schema.String.check(
  Schema.isPattern(/^[a-z][a-zA-Z0-9_]*-[A-Za-z0-9_.:-]+$/, {
    message: "a stream name is <category>-<id>: a lowercase category, a dash, then letters, digits, _ . : -"
  }),
  Schema.isMaxLength(200)
).pipe(Schema.brand("StreamName"))
export type StreamName = typeof StreamName.Type

/** Builds a stream name from a category and an id. */
export const streamName = (category: string, id: string): StreamName => StreamName.make(`${category}-${id}`)

/** The category (stream type) of a stream name: what stands before the first dash. */
export const categoryOf = (name: StreamName): string => name.slice(0, name.indexOf("-"))

/** What the writer expects of the stream before its batch is appended. */
export type ExpectedVersion =
  | { readonly _tag: "Any" }
  | { readonly _tag: "NoStream" }
  | { readonly _tag: "StreamExists" }
  | { readonly _tag: "Exact"; readonly version: number }

/** Expected-version constructors. `Exact(0)` is the same as `NoStream`. */
export const ExpectedVersion = {
  any: { _tag: "Any" } as ExpectedVersion,
  noStream: { _tag: "NoStream" } as ExpectedVersion,
  streamExists: { _tag: "StreamExists" } as ExpectedVersion,
  exact: (version: number): ExpectedVersion => ({ _tag: "Exact", version }),
  /** Whether a stream at `actual` (0 when it does not exist) satisfies `expected`. */
  matches: (expected: ExpectedVersion, actual: number): boolean => {
    switch (expected._tag) {
      case "Any":
        return true
      case "NoStream":
        return actual === 0
      case "StreamExists":
        return actual > 0
      case "Exact":
        return actual === expected.version
    }
  },
  /** A readable form, for errors and logs: `any`, `no-stream`, `stream-exists` or the number. */
  format: (expected: ExpectedVersion): string => {
    switch (expected._tag) {
      case "Any":
        return "any"
      case "NoStream":
        return "no-stream"
      case "StreamExists":
        return "stream-exists"
      case "Exact":
        return String(expected.version)
    }
  }
} as const

/** Correlation and causation of an event, plus any JSON keys the host adds. */
export interface EventMetadata {
  readonly correlationId?: string
  readonly causationId?: string
  readonly [key: string]: unknown
}

/**
 * An event ready to be appended: already encoded to JSON by its schema.
 *
 * Stores hold a JSON round trip of `data` and `metadata`: keys whose value is `undefined` vanish, `-0` reads back as
 * `0`; anything JSON (or PostgreSQL `jsonb`) cannot give back unchanged is an `InvalidAppend`: `NaN`, infinities,
 * functions, symbols, bigints, `undefined` in an array, objects that are not plain (`Date`, `Map`, class instances),
 * cycles, strings holding `\u0000` or a lone surrogate.
 */
export interface EventToAppend {
  /** A lowercase uuid (v7 for events the library creates); a stored id makes the append idempotent. */
  readonly eventId: string
  /** The stored type name (the event's `_tag`), not empty; never changes. */
  readonly type: string
  /** The version of the event's schema the data was encoded with: an integer from 1. */
  readonly typeVersion: number
  /** JSON data (plain objects, arrays, strings, finite numbers, booleans, null). */
  readonly data: unknown
  /** A plain JSON object; read back as `{}` when absent. */
  readonly metadata?: EventMetadata
}

/** An event as the store holds it. */
export interface RecordedEvent {
  readonly eventId: string
  readonly type: string
  readonly typeVersion: number
  readonly data: unknown
  readonly metadata: EventMetadata
  readonly streamName: StreamName
  /** 1 for the stream's first event. */
  readonly streamVersion: number
  /** Position in the global log: strictly increasing in commit order, never reused. */
  readonly position: number
  /** When the store committed the event (ISO 8601, UTC), from the store's `Clock`. */
  readonly recordedAt: string
}

/**
 * What an append returns. An idempotent re-append returns each event's stored position and, as `streamVersion`,
 * the highest stream version among them (for the same batch: exactly the first result).
 */
export interface AppendResult {
  /** The stream's version after the append. */
  readonly streamVersion: number
  /** The global position of each appended event, in batch order. */
  readonly positions: ReadonlyArray<number>
}

/** Stream metadata: its type (category), when its first event was recorded, its version. */
export interface StreamMetadata {
  readonly streamName: StreamName
  readonly streamType: string
  readonly createdAt: string
  readonly version: number
}

/** Options of `readStream`. */
export interface ReadStreamOptions {
  /**
   * Stream version to start from, inclusive; default 1 forwards, the last event backwards. Past the end, forwards
   * reads nothing and backwards starts at the last event.
   */
  readonly from?: number
  readonly direction?: "forward" | "backward"
  /** Stop after this many events (0 reads nothing). */
  readonly maxCount?: number
}

/** The stream was not at the version the writer expected: nothing was written. */
export class WrongExpectedVersion extends Schema.TaggedError<WrongExpectedVersion>()("WrongExpectedVersion", {
  streamName: Schema.String,
  expected: Schema.String,
  actual: Schema.Number
}) {
  override get message(): string {
    return `stream ${this.streamName}: expected version ${this.expected}, actual ${this.actual}`
  }
}

/**
 * Some (not all) event ids of the batch are already stored, or stored in another stream: nothing was written.
 * A batch whose ids are all stored, in the same stream, is an idempotent re-append and returns the first result.
 */
export class EventIdConflict extends Schema.TaggedError<EventIdConflict>()("EventIdConflict", {
  streamName: Schema.String,
  eventIds: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `stream ${this.streamName}: event ids already stored elsewhere or in part: ${this.eventIds.join(", ")}`
  }
}

/** The batch itself is malformed (a duplicate id inside it, data that is not JSON...): nothing was written. */
export class InvalidAppend extends Schema.TaggedError<InvalidAppend>()("InvalidAppend", {
  streamName: Schema.String,
  index: Schema.Number,
  reason: Schema.String
}) {
  override get message(): string {
    return `stream ${this.streamName}, event #${this.index}: ${this.reason}`
  }
}

/** A readable description of any cause: errors by their tag and message; never throws (a `SqlError` has no `toString` primitive). */
const describeCause = (cause: unknown): string => {
  if (Predicate.hasProperty(cause, "message") && typeof cause.message === "string") {
    const tag = Predicate.hasProperty(cause, "_tag") && typeof cause._tag === "string" ? `${cause._tag}: ` : ""
    return `${tag}${cause.message}`
  }
  if (typeof cause === "string") return cause
  try {
    return JSON.stringify(cause) ?? typeof cause
  } catch {
    return Object.prototype.toString.call(cause)
  }
}

/** The storage failed (connection, I/O...). */
export class EventStoreError extends Schema.TaggedError<EventStoreError>()("EventStoreError", {
  operation: Schema.String,
  cause: Schema.Defect()
}) {
  override get message(): string {
    return `event store ${this.operation} failed: ${describeCause(this.cause)}`
  }
}

export type AppendError = WrongExpectedVersion | EventIdConflict | InvalidAppend | EventStoreError

/** Where in a value a problem is (`data.items[2]`), and what it is. */
export interface JsonProblem {
  readonly at: string
  readonly reason: string
}

/**
 * The JSON text of `value`, or why a store must refuse it (see `EventToAppend`). Adapters share it so that they
 * accept and refuse the same values; `at` names the value in problems (`"data"`, `"metadata"`).
 */
export const storableJson = (value: unknown, at: string): string | JsonProblem => StorableJson.stringify(value, at)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Checks event `index` of a batch as every store must, and gives the JSON text of its data and metadata (`"{}"` when
 * it has none), or the `InvalidAppend` to fail with. Duplicate ids inside the batch are the adapter's to check.
 */
export const encodeForStorage = (
  streamName: StreamName,
  event: EventToAppend,
  index: number
): { readonly data: string; readonly metadata: string } | InvalidAppend => {
  const invalid = (reason: string) => new InvalidAppend({ streamName, index, reason })
  if (typeof event.eventId !== "string" || !UUID.test(event.eventId)) {
    return invalid(`eventId ${String(event.eventId)} is not a lowercase uuid`)
  }
  if (typeof event.type !== "string" || event.type.length === 0) return invalid("type must be a non-empty string")
  if (!Number.isSafeInteger(event.typeVersion) || event.typeVersion < 1) {
    return invalid(`typeVersion ${String(event.typeVersion)} is not a positive integer`)
  }
  const data = storableJson(event.data, "data")
  if (typeof data !== "string") return invalid(`${data.at}: ${data.reason}`)
  const metadata = event.metadata
  if (metadata === undefined) return { data, metadata: "{}" }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    return invalid("metadata must be a JSON object")
  }
  const metadataText = storableJson(metadata, "metadata")
  if (typeof metadataText !== "string") return invalid(`${metadataText.at}: ${metadataText.reason}`)
  return { data, metadata: metadataText }
}

/**
 * What a subscription is doing. `Reconnecting` follows an error the adapter deems transient (a lost connection, a
 * restarting server, a timeout): it resumes after the last delivered event. `Failed` is final: the stream failed with
 * `error`.
 */
export type SubscriptionState =
  | { readonly _tag: "CatchingUp" }
  | { readonly _tag: "Live" }
  | {
    readonly _tag: "Reconnecting"
    /** 1 for the first attempt after the connection was lost; back to 1 once a session connects. */
    readonly attempt: number
    readonly error: EventStoreError
    /** How long the subscription waits before this attempt. */
    readonly retryIn: Duration.Duration
  }
  | { readonly _tag: "Failed"; readonly error: EventStoreError }

/** A subscription's state and how far behind the log it is, as of its last read. */
export interface SubscriptionStatus {
  readonly state: SubscriptionState
  /** The position of the last event delivered (`after` until the first). */
  readonly position: number
  /** The highest readable position the subscription has seen (it reads the head when it connects and when behind). */
  readonly head: number
  /** `head - position`: an upper bound on the events committed and not yet delivered (positions may have gaps). */
  readonly lag: number
  /** When the last event was delivered (epoch milliseconds, `Clock`); when the subscription started, until then. */
  readonly lastDeliveredAt: number
}

/** Options of `subscribe`. */
export interface SubscribeOptions {
  /**
   * Kept up to date by the subscription while it runs: its state and lag, e.g. for a health check
   * (`SubscriptionRef.get`) or to log transitions (`SubscriptionRef.changes`). Make one with `makeSubscriptionStatus`.
   */
  readonly status?: SubscriptionRef.SubscriptionRef<SubscriptionStatus> | undefined
}

/** A fresh status for `subscribe`'s `status` option: catching up from `after` (default 0), started now. */
export const makeSubscriptionStatus = (after = 0): Effect.Effect<SubscriptionRef.SubscriptionRef<SubscriptionStatus>> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    SubscriptionRef.make<SubscriptionStatus>({
      state: { _tag: "CatchingUp" },
      position: after,
      head: after,
      lag: 0,
      lastDeliveredAt: now
    }))

/** The event-store service every adapter provides. */
export class EventStore extends Context.Service<EventStore, {
  /**
   * Appends a batch atomically: all events or none. Checks, in this order: the batch itself (`InvalidAppend`), its
   * ids (all stored in this stream: idempotent re-append, whatever `expected`; some, or any in another stream:
   * `EventIdConflict`), then `expected` (`WrongExpectedVersion`). An empty batch is checked against `expected`,
   * writes nothing, creates no stream, and returns the stream's version with no positions.
   */
  readonly append: (
    streamName: StreamName,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>
  ) => Effect.Effect<AppendResult, AppendError>
  /** The events of one stream, in stream order, read lazily. A stream that does not exist is empty. */
  readonly readStream: (
    streamName: StreamName,
    options?: ReadStreamOptions
  ) => Stream.Stream<RecordedEvent, EventStoreError>
  /**
   * Every event with a position greater than `after` (default 0: all), in position order, read lazily, up to the
   * head at the time of reading. Pass a projection's checkpoint as `after`.
   */
  readonly readAll: (after?: number) => Stream.Stream<RecordedEvent, EventStoreError>
  /**
   * Like `readAll`, then stays live: every later event, once each, in position order. Never ends by itself. An adapter
   * that can lose its connection reconnects and resumes after the last delivered event; it fails only on errors it
   * does not deem transient (see the adapter's documentation). Pass `status` to observe its state and lag.
   */
  readonly subscribe: (after?: number, options?: SubscribeOptions) => Stream.Stream<RecordedEvent, EventStoreError>
  /** The stream's metadata, or none when it does not exist. */
  readonly streamMetadata: (streamName: StreamName) => Effect.Effect<Option.Option<StreamMetadata>, EventStoreError>
  /** The position of the last committed event (0 when the store is empty). */
  readonly headPosition: Effect.Effect<number, EventStoreError>
}>()("@sdsf/domain/EventStore") {}
