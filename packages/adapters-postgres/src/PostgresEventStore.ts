/**
 * The PostgreSQL event store: the domain's `EventStore` port built from a generic `effect/sql` `SqlClient`.
 */
import { EventStore } from "@sdsf/domain"
import * as PgClient from "@effect/sql-pg/PgClient"
import type { Array as Arr } from "effect"
import { Clock, DateTime, Duration, Effect, Layer, Option, Queue, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import * as Errors from "./internal/errors.ts"
import * as Migrations from "./Migrations.ts"

type AppendResult = EventStore.AppendResult
type EventMetadata = EventStore.EventMetadata
type EventToAppend = EventStore.EventToAppend
type ExpectedVersion = EventStore.ExpectedVersion
type ReadStreamOptions = EventStore.ReadStreamOptions
type RecordedEvent = EventStore.RecordedEvent
type StreamMetadata = EventStore.StreamMetadata
type StreamName = EventStore.StreamName

/** Options of the PostgreSQL event store. */
export interface Options {
  /** The schema holding the store's tables; default `sdsf`. Lowercase letters, digits and `_`. */
  readonly schema?: string | undefined
  /** Run the pending migrations when the store starts; default true. */
  readonly migrate?: boolean | undefined
  /** Rows per page of `readStream` and a live `subscribe`, positions per query of `readAll`; default 5,000. */
  readonly pageSize?: number | undefined
  /** How often a live `subscribe` looks for new events when no notification arrives; default 1 second. */
  readonly pollInterval?: Duration.Input | undefined
  /**
   * The shortest time between two NOTIFYs this store sends after its appends commit; appends committed meanwhile share
   * the next one. Default 10 milliseconds: subscribers wake within about that much after a commit, and a store appending
   * without pause sends at most 100 NOTIFYs a second (each a small transaction with a transaction id of its own).
   */
  readonly notifyInterval?: Duration.Input | undefined
}

type Row = ReadonlyArray<unknown>

type Page = readonly [ReadonlyArray<RecordedEvent>, Option.Option<number>]

// float8 is exact for positions and versions below 2^53 and decodes to a number without a BigInt on the way.
const columns =
  "e.position::float8 AS position, e.stream_name, e.stream_version::float8 AS stream_version, e.event_id, e.type, e.type_version, e.data, e.metadata, e.recorded_at"

const toNumber = (value: unknown): number => typeof value === "number" ? value : Number(value)

// A batch shares one recordedAt, so consecutive rows mostly repeat the previous timestamp: format it once.
let lastMillis = Number.NaN
let lastIso = ""

const toIso = (value: unknown): string => {
  if (!(value instanceof Date)) return DateTime.formatIso(DateTime.makeUnsafe(value as string))
  const millis = value.getTime()
  if (millis !== lastMillis) {
    lastMillis = millis
    lastIso = value.toISOString()
  }
  return lastIso
}

const toRecorded = (row: Row): RecordedEvent => ({
  position: toNumber(row[0]),
  streamName: row[1] as StreamName,
  streamVersion: toNumber(row[2]),
  eventId: row[3] as string,
  type: row[4] as string,
  typeVersion: row[5] as number,
  data: row[6],
  metadata: row[7] as EventMetadata,
  recordedAt: toIso(row[8])
})

interface EventRow {
  readonly position: unknown
  readonly stream_name: string
  readonly stream_version: unknown
  readonly event_id: string
  readonly type: string
  readonly type_version: number
  readonly data: unknown
  readonly metadata: EventMetadata
  readonly recorded_at: unknown
}

const fromRow = (row: EventRow): RecordedEvent => ({
  position: toNumber(row.position),
  streamName: row.stream_name as StreamName,
  streamVersion: toNumber(row.stream_version),
  eventId: row.event_id,
  type: row.type,
  typeVersion: row.type_version,
  data: row.data,
  metadata: row.metadata,
  recordedAt: toIso(row.recorded_at)
})

const fromRows = (rows: ReadonlyArray<EventRow>): Array<RecordedEvent> => {
  const out = new Array<RecordedEvent>(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = fromRow(rows[i]!)
  return out
}

const toRecordedAll = (rows: ReadonlyArray<Row>): Array<RecordedEvent> => {
  const out = new Array<RecordedEvent>(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = toRecorded(rows[i]!)
  return out
}

/** -1 any, -2 stream exists, n >= 0 exact; -3 never matches (a negative or fractional exact version). */
const encodeExpected = (expected: ExpectedVersion): number => {
  switch (expected._tag) {
    case "Any":
      return -1
    case "NoStream":
      return 0
    case "StreamExists":
      return -2
    case "Exact":
      return Number.isSafeInteger(expected.version) && expected.version >= 0 ? expected.version : -3
  }
}

interface Encoded {
  readonly ids: Array<string>
  readonly types: Array<string>
  readonly typeVersions: Array<number>
  readonly data: Array<string>
  readonly metadata: Array<string>
}

const invalid = (streamName: StreamName, index: number, reason: string) =>
  new EventStore.InvalidAppend({ streamName, index, reason })

const encodeBatch = (
  streamName: StreamName,
  events: ReadonlyArray<EventToAppend>
): Encoded | EventStore.InvalidAppend => {
  const n = events.length
  const encoded: Encoded = {
    ids: new Array(n),
    types: new Array(n),
    typeVersions: new Array(n),
    data: new Array(n),
    metadata: new Array(n)
  }
  const seen = n > 1 ? new Set<string>() : undefined
  for (let i = 0; i < n; i++) {
    const event = events[i]!
    // The port's own checks (uuid, type, typeVersion, storable JSON), shared with every store.
    const text = EventStore.encodeForStorage(streamName, event, i)
    if (text instanceof EventStore.InvalidAppend) return text
    if (event.typeVersion > 2147483647) return invalid(streamName, i, `typeVersion ${event.typeVersion} is too large`)
    if (seen !== undefined) {
      if (seen.has(event.eventId)) return invalid(streamName, i, `eventId ${event.eventId} appears twice in the batch`)
      seen.add(event.eventId)
    }
    encoded.ids[i] = event.eventId
    encoded.types[i] = event.type
    encoded.typeVersions[i] = event.typeVersion
    encoded.data[i] = text.data
    encoded.metadata[i] = text.metadata
  }
  return encoded
}

interface AppendRow {
  readonly status: "ok" | "duplicate" | "wrong" | "conflict"
  readonly version: unknown
  readonly first_position?: unknown
  readonly positions: ReadonlyArray<unknown> | null
  readonly conflicting: ReadonlyArray<string> | null
}

const consecutive = (first: number, count: number): Array<number> => {
  const positions = new Array<number>(count)
  for (let i = 0; i < count; i++) positions[i] = first + i
  return positions
}

const fromAppendRow = (
  streamName: StreamName,
  expected: ExpectedVersion,
  count: number,
  row: AppendRow
): Effect.Effect<AppendResult, EventStore.AppendError> => {
  switch (row.status) {
    case "ok":
      // A batch's positions are consecutive: the function returns the first.
      return Effect.succeed({
        streamVersion: toNumber(row.version),
        positions: count === 0 ? [] : consecutive(toNumber(row.first_position), count)
      })
    case "duplicate":
      return Effect.succeed({ streamVersion: toNumber(row.version), positions: (row.positions ?? []).map(toNumber) })
    case "wrong":
      return Effect.fail(
        new EventStore.WrongExpectedVersion({
          streamName,
          expected: EventStore.ExpectedVersion.format(expected),
          actual: toNumber(row.version)
        })
      )
    case "conflict":
      return Effect.fail(new EventStore.EventIdConflict({ streamName, eventIds: row.conflicting ?? [] }))
  }
}

const storeError = (operation: string) => (cause: unknown) =>
  new EventStore.EventStoreError({ operation, cause: Errors.describe(cause) })

/**
 * Builds the event store from the `SqlClient` in context (a host application's own pool works), running the
 * migrations first unless `migrate: false`. When a `PgClient` is also in context, `subscribe` is woken by
 * LISTEN/NOTIFY; otherwise it polls.
 */
export const make = Effect.fnUntraced(function*(options: Options = {}) {
  const schema = options.schema ?? Migrations.defaultSchema
  if (!Migrations.isValidSchema(schema)) {
    return yield* new EventStore.EventStoreError({
      operation: "make",
      cause: new Error(`invalid schema name: ${schema}`)
    })
  }
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const pg = yield* Effect.serviceOption(PgClient.PgClient)
  if (options.migrate !== false) {
    yield* Migrations.migrate(schema).pipe(Effect.provideService(SqlClient.SqlClient, sql), Effect.mapError(storeError("migrate")))
  }
  const pageSize = options.pageSize ?? 5000
  const pollInterval = Duration.fromInputUnsafe(options.pollInterval ?? "1 second")
  const notifyInterval = Duration.fromInputUnsafe(options.notifyInterval ?? "10 millis")
  const scope = yield* Effect.scope
  const s = `"${schema}"`
  const channel = Migrations.channelFor(schema)

  // Data and metadata arrive as text[] (a driver binds an array of strings so) and are parsed one element at a time,
  // in a per-row context. `$7::jsonb[]` parsed the whole array at once in the call's argument context: hundreds of KB
  // of parser garbage per 100 events that the backend's malloc gave back to the kernel and faulted in again on every
  // call, in some sessions and not others (1.5-2 ms more backend CPU per 100-event append, ~170 page faults
  // against ~35: see the README's Benchmark).
  const appendSql = `SELECT status, version, first_position, positions, conflicting FROM ${s}.append_events($1, $2,
    $3::bigint, $4::uuid[], $5::text[], $6::int[],
    ARRAY(SELECT u.d::jsonb FROM unnest($7::text[]) WITH ORDINALITY AS u(d, i) ORDER BY u.i),
    ARRAY(SELECT u.m::jsonb FROM unnest($8::text[]) WITH ORDINALITY AS u(m, i) ORDER BY u.i),
    $9::timestamptz, $10::boolean)`
  // One event: scalar parameters wrapped in one-element arrays by the server, no array literals to build and parse.
  const appendOneSql =
    `SELECT status, version, first_position, positions, conflicting FROM ${s}.append_events($1, $2, $3::bigint, ARRAY[$4::uuid], ARRAY[$5::text], ARRAY[$6::int], ARRAY[$7::jsonb], ARRAY[$8::jsonb], $9::timestamptz, $10::boolean)`
  const storedIdsSql = `SELECT status, version, positions, conflicting FROM ${s}.stored_ids($1, $2::uuid[])`
  // A NOTIFY is a transaction with an id: with synchronous commit off it does not wait for (nor add) a WAL flush next to
  // the appends'. A notification lost to a crash is made up for by the subscribers' polling.
  const notifySql = `SELECT pg_notify($1, ''), set_config('synchronous_commit', 'off', true)`
  const streamVersionSql = `SELECT max(stream_version) AS version FROM ${s}.events WHERE stream_name = $1`
  const readAllSql = `SELECT ${columns} FROM ${s}.events e
    WHERE e.position > $1 AND e.position <= $2 AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.position`
  const liveSql = `SELECT ${columns} FROM ${s}.events e
    WHERE e.position > $1 AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.position LIMIT $2`
  const headSql = `SELECT coalesce(max(position), 0) AS head FROM ${s}.events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`
  const forwardSql = `SELECT ${columns} FROM ${s}.events e
    WHERE e.stream_name = $1 AND e.stream_version >= $2 ORDER BY e.stream_version LIMIT $3`
  const backwardSql = `SELECT ${columns} FROM ${s}.events e
    WHERE e.stream_name = $1 AND e.stream_version <= $2 ORDER BY e.stream_version DESC LIMIT $3`
  const metadataSql = `SELECT st.type, st.created_at,
      (SELECT max(e.stream_version) FROM ${s}.events e WHERE e.stream_name = st.name) AS version
    FROM ${s}.streams st WHERE st.name = $1`

  const actualVersion = (streamName: StreamName) =>
    Effect.map(
      sql.unsafe<{ readonly version: unknown }>(streamVersionSql, [streamName]),
      (rows) => rows.length === 0 || rows[0]!.version === null ? 0 : toNumber(rows[0]!.version)
    )

  const onSqlError = (streamName: StreamName, expected: ExpectedVersion, batch: Encoded) =>
  (error: SqlError): Effect.Effect<AppendResult, EventStore.AppendError> => {
    const reason = error.reason
    if (reason._tag === "UniqueViolation") {
      // Another writer created the stream or took these versions first (possible under REPEATABLE READ).
      if (reason.constraint === "streams_pkey" || reason.constraint === "events_stream_version_key") {
        return Effect.flatMap(
          Effect.mapError(actualVersion(streamName), storeError("append")),
          (actual) =>
            Effect.fail(
              new EventStore.WrongExpectedVersion({
                streamName,
                expected: EventStore.ExpectedVersion.format(expected),
                actual
              })
            )
        )
      }
      if (reason.constraint === "events_event_id_key") {
        // Some ids are stored (the function left this to us outside a transaction of the caller's): the failed
        // statement wrote nothing, and the rows it met are committed, so a new statement tells a retry of this very
        // append (same ids, same stream) from a conflict.
        return Effect.flatMap(
          Effect.mapError(sql.unsafe<AppendRow>(storedIdsSql, [streamName, batch.ids]), storeError("append")),
          (rows) =>
            rows[0]?.status === "duplicate" || rows[0]?.status === "conflict"
              ? fromAppendRow(streamName, expected, batch.ids.length, rows[0])
              : Effect.fail(new EventStore.EventIdConflict({ streamName, eventIds: batch.ids }))
        )
      }
    }
    return Effect.fail(storeError("append")(error))
  }

  // Subscribers LISTEN on the schema's channel. The NOTIFY is not sent by the appending transaction: PostgreSQL makes a
  // notifying transaction hold a database-wide lock from its commit until the commit is flushed, so concurrent appends
  // would commit one at a time (half the throughput of 8 writers, measured). Instead, once an append has committed,
  // one NOTIFY goes out on another connection, at most one per `notifyInterval`; appends committed meanwhile share the
  // next one. Every commit is followed by a NOTIFY sent after it (a request made while one is out is served by the
  // next); one lost to a crash is made up for by the subscribers' polling.
  let notifying = false
  let notifyAgain = false
  const notifyLoop: Effect.Effect<void> = Effect.suspend(() => {
    notifyAgain = false
    return sql.unsafe(notifySql, [channel]).pipe(
      Effect.ignore,
      Effect.andThen(Effect.sleep(notifyInterval)),
      Effect.andThen(Effect.suspend(() => {
        if (notifyAgain) return notifyLoop
        notifying = false
        return Effect.void
      }))
    )
  })
  const requestNotify: Effect.Effect<void> = Effect.suspend(() => {
    if (notifying) {
      notifyAgain = true
      return Effect.void
    }
    notifying = true
    return Effect.asVoid(Effect.forkIn(notifyLoop, scope))
  })
  // Runs once the caller's transaction commits (at once outside one); nothing if it rolls back.
  const notifyAfterCommit = sql.afterCommit(requestNotify)

  const append = (
    streamName: StreamName,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>
  ): Effect.Effect<AppendResult, EventStore.AppendError> =>
    Clock.clockWith((clock) => {
      const batch = encodeBatch(streamName, events)
      if (batch instanceof EventStore.InvalidAppend) return Effect.fail(batch)
      const recordedAt = DateTime.formatIso(DateTime.makeUnsafe(clock.currentTimeMillisUnsafe()))
      const one = batch.ids.length === 1
      return Effect.flatMap(Effect.serviceOption(sql.transactionService), (transaction) =>
        sql.unsafe<AppendRow>(one ? appendOneSql : appendSql, [
          streamName,
          EventStore.categoryOf(streamName),
          encodeExpected(expected),
          one ? batch.ids[0]! : batch.ids,
          one ? batch.types[0]! : batch.types,
          one ? batch.typeVersions[0]! : batch.typeVersions,
          one ? batch.data[0]! : batch.data,
          one ? batch.metadata[0]! : batch.metadata,
          recordedAt,
          Option.isSome(transaction)
        ]).pipe(
          Effect.matchEffect({
            onFailure: onSqlError(streamName, expected, batch),
            // Only an append that wrote events notifies: not a retry answered from the stored ids, not an empty batch.
            onSuccess: (rows) =>
              rows[0]!.status === "ok" && batch.ids.length > 0
                ? Effect.tap(fromAppendRow(streamName, expected, batch.ids.length, rows[0]!), () => notifyAfterCommit)
                : fromAppendRow(streamName, expected, batch.ids.length, rows[0]!)
          })
        ))
    })

  const readStream = (
    streamName: StreamName,
    options: ReadStreamOptions = {}
  ): Stream.Stream<RecordedEvent, EventStore.EventStoreError> => {
    const backward = options.direction === "backward"
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY
    const start = options.from ?? (backward ? Number.MAX_SAFE_INTEGER : 1)
    if (limit <= 0) return Stream.empty
    return Stream.paginate(
      { next: start, remaining: limit },
      ({ next, remaining }) => {
        if (backward && next < 1) return Effect.succeed([[], Option.none()] as const)
        const size = Math.min(pageSize, remaining)
        return Effect.map(
          sql.unsafe(backward ? backwardSql : forwardSql, [streamName, next, size]).values,
          (rows) => {
            const events = toRecordedAll(rows)
            const last = events[events.length - 1]
            const left = remaining - events.length
            return [
              events,
              last === undefined || events.length < size || left <= 0
                ? Option.none()
                : Option.some({ next: backward ? last.streamVersion - 1 : last.streamVersion + 1, remaining: left })
            ] as const
          }
        )
      }
    ).pipe(Stream.mapError(storeError("readStream")))
  }

  const headPosition: Effect.Effect<number, EventStore.EventStoreError> = Effect.map(
    sql.unsafe<{ readonly head: unknown }>(headSql),
    (rows) => toNumber(rows[0]!.head)
  ).pipe(Effect.mapError(storeError("headPosition")))

  // Position ranges of `pageSize`, each one query streamed by the driver (socket back-pressure), up to the head taken
  // first. Ranges rather than LIMIT keep every query small whatever the planner's statistics say. Only positions
  // below the oldest running transaction are delivered, so an event committed out of order is never skipped.
  const readAll = (after = 0): Stream.Stream<RecordedEvent, EventStore.EventStoreError> =>
    Stream.unwrap(
      Effect.map(headPosition, (head) =>
        Stream.unfold(after, (from) =>
          Effect.succeed(
            from >= head ? undefined : [[from, Math.min(from + pageSize, head)] as const, Math.min(from + pageSize, head)] as const
          )).pipe(
            Stream.flatMap(([from, to]) => sql.unsafe<EventRow>(readAllSql, [from, to]).stream),
            Stream.mapArray((rows) => fromRows(rows) as unknown as Arr.NonEmptyReadonlyArray<RecordedEvent>),
            Stream.mapError(storeError("readAll"))
          ))
    )

  const subscribe = (after = 0): Stream.Stream<RecordedEvent, EventStore.EventStoreError> =>
    Stream.unwrap(
      Effect.gen(function*() {
        // Listen first: a commit after this point wakes the live loop, one before it is found by the catch-up.
        const wakeups = Option.isSome(pg)
          ? yield* Effect.option(pg.value.listen(channel))
          : Option.none()
        const sleep = Effect.sleep(pollInterval)
        const wait = Option.match(wakeups, {
          onNone: () => sleep,
          onSome: (queue) =>
            Effect.raceFirst(
              Queue.take(queue).pipe(Effect.flatMap(() => Queue.clear(queue)), Effect.catch(() => sleep)),
              sleep
            )
        })
        let last = after
        const live = Stream.suspend(() =>
          Stream.paginate(last, (from): Effect.Effect<Page, EventStore.EventStoreError> =>
            Effect.flatMap(
              sql.unsafe(liveSql, [from, pageSize]).values,
              (rows): Effect.Effect<Page> => {
                if (rows.length === 0) return Effect.as(wait, [[], Option.some(from)] as const)
                const events = toRecordedAll(rows)
                return Effect.succeed([events, Option.some(events[events.length - 1]!.position)] as const)
              }
            ).pipe(Effect.mapError(storeError("subscribe"))))
        )
        return Stream.concat(
          readAll(after).pipe(Stream.tap((event) => Effect.sync(() => {
            last = event.position
          }))),
          live
        )
      })
    )

  const streamMetadata = (
    streamName: StreamName
  ): Effect.Effect<Option.Option<StreamMetadata>, EventStore.EventStoreError> =>
    Effect.map(
      sql.unsafe<{ readonly type: string; readonly created_at: unknown; readonly version: unknown }>(
        metadataSql,
        [streamName]
      ),
      (rows) =>
        Option.map(Option.fromNullishOr(rows[0]), (row) => ({
          streamName,
          streamType: row.type,
          createdAt: toIso(row.created_at),
          version: toNumber(row.version)
        }))
    ).pipe(Effect.mapError(storeError("streamMetadata")))

  return EventStore.EventStore.of({ append, readStream, readAll, subscribe, streamMetadata, headPosition })
})

/** The store as a layer over the `SqlClient` (and, if present, `PgClient`) the host provides. */
export const layerFromSqlClient = (
  options: Options = {}
): Layer.Layer<EventStore.EventStore, EventStore.EventStoreError, SqlClient.SqlClient> =>
  Layer.effect(EventStore.EventStore, make(options))

/** The store with its own `@effect/sql-pg` pool, e.g. `layer({ url: Redacted.make(process.env.DATABASE_URL!) })`. */
export const layer = (
  config: PgClient.PgPoolConfig & Options
): Layer.Layer<EventStore.EventStore | SqlClient.SqlClient | PgClient.PgClient, EventStore.EventStoreError | SqlError> =>
  layerFromSqlClient(config).pipe(Layer.provideMerge(PgClient.layer(config)))
