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
import * as Measure from "./internal/limits.ts"
import * as StorableJson from "./internal/storableJson.ts"
import { readableMake } from "./internal/issues.ts"

const STREAM_NAME = /^[a-z][a-zA-Z0-9_]*-[A-Za-z0-9_.:-]+$/

/** The longest stream name, in characters. */
export const maxStreamNameLength = 200

/**
 * A stream name: `<category>-<id>`, e.g. `schema-0193…`. The category is the stream's type. Every store checks it
 * again (`InvalidArgument`), so a name forced past this type with a cast is refused, not stored.
 */
export const StreamName = Schema.String.check(
  Schema.isPattern(STREAM_NAME, {
    message: "a stream name is <category>-<id>: a lowercase category, a dash, then letters, digits, _ . : -"
  }),
  Schema.isMaxLength(maxStreamNameLength)
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
 * cycles, strings holding `\u0000` or a lone surrogate. Data and metadata together may take at most the store's
 * `maxEventBytes` (see `storedJsonBytes`).
 */
export interface EventToAppend {
  /** A lowercase uuid (v7 for events the library creates); a stored id makes the append idempotent. */
  readonly eventId: string
  /**
   * The stored type name (the event's `_tag`); never changes. 1 to 200 characters (`maxTypeLength`), valid Unicode,
   * no control character (U+0000-U+001F, U+007F-U+009F).
   */
  readonly type: string
  /** The version of the event's schema the data was encoded with: an integer from 1 to 2,147,483,647. */
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

/** Options of `readStream`. Numbers are non-negative safe integers, anything else is an `InvalidArgument`. */
export interface ReadStreamOptions {
  /**
   * Stream version to start from, inclusive; default 1 forwards, the last event backwards. Past the end, forwards
   * reads nothing and backwards starts at the last event.
   */
  readonly from?: number
  readonly direction?: "forward" | "backward"
  /** Stop after this many events (0 reads nothing); leave it out to read them all. */
  readonly maxCount?: number
}

/** Options of `readAll`. */
export interface ReadAllOptions {
  /**
   * Stop after this many events (0 reads nothing); leave it out to read up to the head. A reader that takes a page at a
   * time asks for its page's size here rather than cutting the stream short: the store then reads no further (a
   * stream cut short by its reader may have started reading past the page, and has to abandon that read).
   */
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

/**
 * An event of the batch is malformed (a duplicate id inside it, data that is not JSON, too large...): nothing was
 * written.
 */
export class InvalidAppend extends Schema.TaggedError<InvalidAppend>()("InvalidAppend", {
  streamName: Schema.String,
  /** The event's index in the batch (the second occurrence, for an id that appears twice). */
  index: Schema.Number,
  /**
   * What is wrong: `event`, `eventId`, `type`, `typeVersion`, `metadata`, where in the data or metadata (`data`,
   * `data.items[2]`, `metadata.user`), or `data+metadata` for the event's size.
   */
  field: Schema.String,
  reason: Schema.String,
  /** What was received, in short (strings quoted and escaped, long ones cut; a size in bytes). */
  value: Schema.String
}) {
  override get message(): string {
    return `stream ${this.streamName}, event #${this.index}: ${this.field}: ${this.reason} (received ${this.value})`
  }
}

/**
 * An argument of a store operation, or an option of an adapter (`make`), is refused: nothing was read or written.
 * Every adapter checks arguments the same way (the port's `checkStreamName`, `checkExpected`, `checkPosition`,
 * `checkReadStream`, `makeLimits`), before any I/O.
 */
export class InvalidArgument extends Schema.TaggedError<InvalidArgument>()("InvalidArgument", {
  operation: Schema.Literals(["make", "append", "readStream", "readAll", "subscribe", "streamMetadata"]),
  /** `streamName`, `expected`, `events`, `after`, `options`, `from`, `maxCount`, `direction` or `maxEventBytes`. */
  field: Schema.String,
  reason: Schema.String,
  /** What was received, in short (strings quoted and escaped, long ones cut). */
  value: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: ${this.field}: ${this.reason} (received ${this.value})`
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

/** What `append` fails with. */
export type AppendError = WrongExpectedVersion | EventIdConflict | InvalidAppend | InvalidArgument | EventStoreError

/** What reads (`readStream`, `readAll`, `subscribe`, `streamMetadata`) fail with. */
export type ReadError = InvalidArgument | EventStoreError

/** Where in a value a problem is (`data.items[2]`), what it is, and the offending value. */
export interface JsonProblem {
  readonly at: string
  readonly reason: string
  readonly value: unknown
}

/**
 * The JSON text of `value`, or why a store must refuse it (see `EventToAppend`). Adapters share it so that they
 * accept and refuse the same values; `at` names the value in problems (`"data"`, `"metadata"`).
 */
export const storableJson = (value: unknown, at: string): string | JsonProblem => StorableJson.stringify(value, at)

/**
 * The value of a stored JSON text (an event's data or metadata), as `JSON.parse` gives it, except that an object key
 * written with an escape (`"\""`, `"\\"`, `"\n"`...) always reads back as itself: V8's `JSON.parse` (Node 24 and 26)
 * can give such a key as another one an earlier parse met (nodejs/node#63785). Adapters read stored events with it.
 */
export const parseJson = (text: string): unknown => StorableJson.parse(text)

/**
 * The default `maxEventBytes` of every adapter: 1 MiB (1,048,576 bytes).
 *
 * An event records a fact; a document, an image or an export belongs in a blob store, with its reference in the event.
 * 1 MiB is the usual ceiling of message logs (Kafka's `message.max.bytes`, EventStoreDB's largest append) and a
 * sixteenth of what the PostgreSQL driver reads back in one row (`maxEventBytesCeiling`), so a host can raise it
 * without coming near that. Readers hold a page of events at once (`pageSize` rows in the PostgreSQL adapter): size
 * pages for the largest events you allow.
 */
export const defaultMaxEventBytes = 1_048_576

/**
 * The highest `maxEventBytes` any adapter accepts: 16 MiB less 64 KiB (16,711,680 bytes). `@effect/sql-pg` refuses a
 * message over 16 MiB (its default `maxMessageSize`) and each row the PostgreSQL store reads is one message: the
 * event's data and metadata plus its other columns (under 2 KiB). A store accepting more could not read it back.
 */
export const maxEventBytesCeiling = 16 * 1024 * 1024 - 64 * 1024

/** The longest `type`, in UTF-16 code units (JavaScript's `length`). */
export const maxTypeLength = 200

/** The highest `typeVersion`: PostgreSQL's `integer`. */
export const maxTypeVersion = 2_147_483_647

/** The limits a store was built with. */
export interface Limits {
  /** The most bytes an event's data and metadata may take, measured by `storedJsonBytes`. */
  readonly maxEventBytes: number
}

/** The limits of a store built without options. */
export const defaultLimits: Limits = { maxEventBytes: defaultMaxEventBytes }

/** The option adapters share: `maxEventBytes`, from 1 to `maxEventBytesCeiling`, default `defaultMaxEventBytes`. */
export interface LimitOptions {
  readonly maxEventBytes?: number | undefined
}

/** The limits an adapter's options ask for, or the `InvalidArgument` (operation `make`) its constructor fails with. */
export const makeLimits = (options: LimitOptions): Limits | InvalidArgument => {
  const maxEventBytes = options.maxEventBytes
  if (maxEventBytes === undefined) return defaultLimits
  if (
    typeof maxEventBytes !== "number" || !Number.isSafeInteger(maxEventBytes) || maxEventBytes < 1 ||
    maxEventBytes > maxEventBytesCeiling
  ) {
    return new InvalidArgument({
      operation: "make",
      field: "maxEventBytes",
      reason: `not an integer from 1 to ${maxEventBytesCeiling} (the most the PostgreSQL driver reads back in a row)`,
      value: Measure.show(maxEventBytes)
    })
  }
  return { maxEventBytes }
}

/**
 * The bytes a JSON text (as `JSON.stringify` writes it) counts against `maxEventBytes`: its UTF-8 bytes once
 * PostgreSQL's `jsonb` gives it back, with a space after each `:` and `,` and numbers in plain decimal (`1e300` counts
 * 301 bytes), since that is what a reader receives. An event's size is that of its data plus that of its metadata
 * (`{}`, 2 bytes, when it has none). Every adapter measures the same way.
 */
export const storedJsonBytes = (text: string): number => Measure.storedJsonBytes(text)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

// Control characters: C0, DEL and C1.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

interface WellFormed {
  isWellFormed(): boolean
}

/** Why `type` is refused, or undefined. */
const typeProblem = (type: unknown): string | undefined => {
  if (typeof type !== "string") return "not a string"
  if (type.length === 0) return "empty"
  if (type.length > maxTypeLength) return `longer than ${maxTypeLength} characters`
  const control = CONTROL.exec(type)
  if (control !== null) {
    return `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
  }
  if (!(type as unknown as WellFormed).isWellFormed()) return "contains a lone UTF-16 surrogate (not valid Unicode)"
  return undefined
}

// The last type that passed: a batch (and a run of batches) mostly repeats one type.
let lastValidType: string | undefined

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0

/** A checked event: its JSON texts and their stored size. */
interface Checked {
  readonly data: string
  readonly metadata: string
}

const checkEvent = (
  streamName: string,
  event: EventToAppend,
  index: number,
  limits: Limits,
  previous: { readonly metadata: EventMetadata | undefined; readonly text: string } | undefined
): Checked | InvalidAppend => {
  const invalid = (field: string, reason: string, value: unknown) =>
    new InvalidAppend({ streamName, index, field, reason, value: Measure.show(value) })
  if (typeof event !== "object" || event === null) return invalid("event", "not an object", event)
  const { eventId, type, typeVersion } = event
  if (typeof eventId !== "string" || !UUID.test(eventId)) return invalid("eventId", "not a lowercase uuid", eventId)
  if (lastValidType === undefined || type !== lastValidType) {
    const problem = typeProblem(type)
    if (problem !== undefined) return invalid("type", problem, type)
    lastValidType = type
  }
  if (
    typeof typeVersion !== "number" || !Number.isInteger(typeVersion) || typeVersion < 1 || typeVersion > maxTypeVersion
  ) {
    return invalid("typeVersion", `not an integer from 1 to ${maxTypeVersion}`, typeVersion)
  }
  const data = StorableJson.stringify(event.data, "data")
  if (typeof data !== "string") return invalid(data.at, data.reason, data.value)
  const metadataValue = event.metadata
  let metadata = "{}"
  if (metadataValue !== undefined) {
    if (previous !== undefined && metadataValue === previous.metadata) {
      // the same object as the previous event's (a handler's batch): already checked, and it cannot have changed
      metadata = previous.text
    } else {
      if (typeof metadataValue !== "object" || metadataValue === null || Array.isArray(metadataValue)) {
        return invalid("metadata", "not a JSON object", metadataValue)
      }
      const text = StorableJson.stringify(metadataValue, "metadata")
      if (typeof text !== "string") return invalid(text.at, text.reason, text.value)
      metadata = text
    }
  }
  const max = limits.maxEventBytes
  const dataBound = Measure.cheapBound(data)
  const metadataBound = Measure.cheapBound(metadata)
  if (dataBound === -1 || metadataBound === -1 || dataBound + metadataBound > max) {
    const bytes = Measure.storedJsonBytes(data) + Measure.storedJsonBytes(metadata)
    if (bytes > max) {
      return new InvalidAppend({
        streamName,
        index,
        field: "data+metadata",
        reason: `over maxEventBytes (${max}), measured as stored JSON`,
        value: `${bytes} bytes`
      })
    }
  }
  return { data, metadata }
}

/**
 * Checks event `index` of a batch as every store must, and gives the JSON text of its data and metadata (`"{}"` when
 * it has none), or the `InvalidAppend` to fail with: its id, type, type version, JSON, and size against
 * `limits.maxEventBytes` (default `defaultLimits`). Stores check whole appends with `encodeBatch`.
 */
export const encodeForStorage = (
  streamName: StreamName,
  event: EventToAppend,
  index: number,
  limits: Limits = defaultLimits
): { readonly data: string; readonly metadata: string } | InvalidAppend =>
  checkEvent(streamName, event, index, limits, undefined)

/** A batch that passed `encodeBatch`: its columns, in batch order. */
export interface EncodedBatch {
  readonly ids: ReadonlyArray<string>
  readonly types: ReadonlyArray<string>
  readonly typeVersions: ReadonlyArray<number>
  /** JSON text of each event's data. */
  readonly data: ReadonlyArray<string>
  /** JSON text of each event's metadata, `"{}"` when it has none (the same string for the same metadata object). */
  readonly metadata: ReadonlyArray<string>
}

/** The `InvalidArgument` for a stream name `StreamName` refuses (a cast can force one past the type), or undefined. */
export const checkStreamName = (
  operation: InvalidArgument["operation"],
  streamName: unknown
): InvalidArgument | undefined => {
  const reason = typeof streamName !== "string"
    ? "not a string"
    : streamName.length > maxStreamNameLength
    ? `longer than ${maxStreamNameLength} characters`
    : !STREAM_NAME.test(streamName)
    ? "not <category>-<id> (a lowercase letter, then letters, digits or _; a dash; then letters, digits, _ . : -)"
    : undefined
  return reason === undefined
    ? undefined
    : new InvalidArgument({ operation, field: "streamName", reason, value: Measure.show(streamName) })
}

/** The `InvalidArgument` for an expected version that is not one of `ExpectedVersion`'s, or undefined. */
export const checkExpected = (expected: ExpectedVersion): InvalidArgument | undefined => {
  const invalid = (reason: string, value: unknown) =>
    new InvalidArgument({ operation: "append", field: "expected", reason, value: Measure.show(value) })
  if (typeof expected !== "object" || expected === null) return invalid("not an ExpectedVersion", expected)
  switch (expected._tag) {
    case "Any":
    case "NoStream":
    case "StreamExists":
      return undefined
    case "Exact":
      return isCount(expected.version)
        ? undefined
        : invalid("the exact version is not a non-negative safe integer", expected.version)
    default:
      return invalid(
        "not an ExpectedVersion (any, noStream, streamExists, exact(n))",
        (expected as { readonly _tag: unknown })._tag
      )
  }
}

/**
 * Checks an append as every store must, before reading or writing anything: the stream name, the expected version
 * and the events array (`InvalidArgument`), then each event (see `encodeForStorage`) and ids repeated in the batch
 * (`InvalidAppend`, at the second occurrence). Gives the batch's columns, ready to store.
 */
export const encodeBatch = (
  streamName: StreamName,
  expected: ExpectedVersion,
  events: ReadonlyArray<EventToAppend>,
  limits: Limits = defaultLimits
): EncodedBatch | InvalidAppend | InvalidArgument => {
  const badName = checkStreamName("append", streamName)
  if (badName !== undefined) return badName
  const badExpected = checkExpected(expected)
  if (badExpected !== undefined) return badExpected
  if (!Array.isArray(events)) {
    return new InvalidArgument({
      operation: "append",
      field: "events",
      reason: "not an array",
      value: Measure.show(events)
    })
  }
  const n = events.length
  const ids = new Array<string>(n)
  const types = new Array<string>(n)
  const typeVersions = new Array<number>(n)
  const data = new Array<string>(n)
  const metadata = new Array<string>(n)
  const seen = n > 1 ? new Set<string>() : undefined
  let previous: { metadata: EventMetadata | undefined; text: string } | undefined
  for (let i = 0; i < n; i++) {
    const event = events[i]!
    const checked = checkEvent(streamName, event, i, limits, previous)
    if (checked instanceof InvalidAppend) return checked
    if (seen !== undefined) {
      if (seen.has(event.eventId)) {
        return new InvalidAppend({
          streamName,
          index: i,
          field: "eventId",
          reason: "appears twice in the batch",
          value: Measure.show(event.eventId)
        })
      }
      seen.add(event.eventId)
    }
    ids[i] = event.eventId
    types[i] = event.type
    typeVersions[i] = event.typeVersion
    data[i] = checked.data
    metadata[i] = checked.metadata
    previous = { metadata: event.metadata, text: checked.metadata }
  }
  return { ids, types, typeVersions, data, metadata }
}

/** The `InvalidArgument` for an `after` of `readAll` or `subscribe` that is not a non-negative safe integer. */
export const checkPosition = (
  operation: "readAll" | "subscribe",
  after: number | undefined
): InvalidArgument | undefined =>
  after === undefined || isCount(after)
    ? undefined
    : new InvalidArgument({
      operation,
      field: "after",
      reason: "not a non-negative safe integer",
      value: Measure.show(after)
    })

/** The `InvalidArgument` for an `after` or an option of `readAll` that is refused, or undefined. */
export const checkReadAll = (
  after: number | undefined,
  options: ReadAllOptions | undefined
): InvalidArgument | undefined => {
  const badAfter = checkPosition("readAll", after)
  if (badAfter !== undefined) return badAfter
  const maxCount = options?.maxCount
  return maxCount === undefined || isCount(maxCount)
    ? undefined
    : new InvalidArgument({
      operation: "readAll",
      field: "maxCount",
      reason: "not a non-negative safe integer (leave it out to read everything)",
      value: Measure.show(maxCount)
    })
}

/** The `InvalidArgument` for a stream name or an option of `readStream` that is refused, or undefined. */
export const checkReadStream = (
  streamName: StreamName,
  options: ReadStreamOptions | undefined
): InvalidArgument | undefined => {
  const badName = checkStreamName("readStream", streamName)
  if (badName !== undefined || options === undefined) return badName
  const invalid = (field: string, reason: string, value: unknown) =>
    new InvalidArgument({ operation: "readStream", field, reason, value: Measure.show(value) })
  if (typeof options !== "object" || options === null) return invalid("options", "not an object", options)
  const { direction, from, maxCount } = options
  if (direction !== undefined && direction !== "forward" && direction !== "backward") {
    return invalid("direction", "not \"forward\" or \"backward\"", direction)
  }
  if (from !== undefined && !isCount(from)) return invalid("from", "not a non-negative safe integer", from)
  if (maxCount !== undefined && !isCount(maxCount)) {
    return invalid("maxCount", "not a non-negative safe integer (leave it out to read everything)", maxCount)
  }
  return undefined
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
   * Appends a batch atomically: all events or none. Checks, in this order: the arguments (`InvalidArgument`), the batch
   * itself (`InvalidAppend`, see `encodeBatch`), its ids (all stored in this stream: idempotent re-append, whatever
   * `expected`; some, or any in another stream: `EventIdConflict`), then `expected` (`WrongExpectedVersion`). An empty
   * batch is checked against `expected`, writes nothing, creates no stream, and returns the stream's version with no
   * positions.
   */
  readonly append: (
    streamName: StreamName,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>
  ) => Effect.Effect<AppendResult, AppendError>
  /**
   * The events of one stream, in stream order, read lazily. A stream that does not exist is empty. A refused stream
   * name or option fails the stream with `InvalidArgument` before any read.
   */
  readonly readStream: (
    streamName: StreamName,
    options?: ReadStreamOptions
  ) => Stream.Stream<RecordedEvent, ReadError>
  /**
   * Every event with a position greater than `after` (default 0: all), in position order, read lazily, up to the
   * head at the time of reading, or the first `maxCount` of them. Pass a projection's checkpoint as `after`: a
   * non-negative safe integer, anything else (or a `maxCount` that is not one) fails the stream with `InvalidArgument`
   * before any read.
   */
  readonly readAll: (after?: number, options?: ReadAllOptions) => Stream.Stream<RecordedEvent, ReadError>
  /**
   * Like `readAll`, then stays live: every later event, once each, in position order. Never ends by itself. An `after`
   * that is not a non-negative safe integer fails it at once with `InvalidArgument`. An adapter that can lose its
   * connection reconnects and resumes after the last delivered event; it fails only on errors it does not deem
   * transient (see the adapter's documentation). Pass `status` to observe its state and lag.
   */
  readonly subscribe: (after?: number, options?: SubscribeOptions) => Stream.Stream<RecordedEvent, ReadError>
  /** The stream's metadata, or none when it does not exist; `InvalidArgument` for a refused stream name. */
  readonly streamMetadata: (streamName: StreamName) => Effect.Effect<Option.Option<StreamMetadata>, ReadError>
  /** The position of the last committed event (0 when the store is empty). */
  readonly headPosition: Effect.Effect<number, EventStoreError>
}>()("@sdsf/domain/EventStore") {}

readableMake({ StreamName })
