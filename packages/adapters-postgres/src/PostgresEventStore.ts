/**
 * The PostgreSQL event store: the domain's `EventStore` port built from a generic `effect/sql` `SqlClient`.
 */
import { EventStore } from "@sdsf/domain"
import * as PgClient from "@effect/sql-pg/PgClient"
import type { Array as Arr } from "effect"
import {
  Clock,
  DateTime,
  Duration,
  Effect,
  Exit,
  Layer,
  Option,
  Predicate,
  Queue,
  Schedule,
  Scope,
  Stream,
  SubscriptionRef
} from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError } from "effect/sql/SqlError"
import type { SqlError } from "effect/sql/SqlError"
import * as Errors from "./internal/errors.ts"
import { StoreTimeout, timedOut, timeoutOf, withTimeout } from "./internal/timeout.ts"
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
  /** The schema holding the store's tables; default `sdsf`. 1 to 41 lowercase letters, digits and `_`, not `pg_...`. */
  readonly schema?: string | undefined
  /**
   * Run the pending migrations when the store starts; default true. `false`: only check that the schema is at the
   * latest migration (`MigrationRequired` otherwise), for an application role that owns nothing.
   */
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
  /**
   * The most bytes an event's data and metadata may take, as PostgreSQL gives them back (`EventStore.storedJsonBytes`);
   * a larger event is an `InvalidAppend`. Default `EventStore.defaultMaxEventBytes` (1 MiB); at most
   * `EventStore.maxEventBytesCeiling` (16 MiB less 64 KiB), since the driver reads no row over 16 MiB.
   */
  readonly maxEventBytes?: number | undefined
  /**
   * The longest the store waits for the server in one operation: an append, a page of `readStream`, a query of
   * `readAll` or `subscribe`, `headPosition`, `streamMetadata` (waiting for a pooled connection included). Then it
   * fails with `EventStoreError` caused by a `StoreTimeout`. Default 30 seconds; `Duration.infinity` turns it off.
   * Measured by the client, so it fires even when the server is frozen or the network silent; an append that timed out
   * may have committed (see `StoreTimeout`).
   */
  readonly statementTimeout?: Duration.Input | undefined
  /**
   * When `subscribe` tries again after a transient error (`isTransient`): default `defaultReconnect`. The subscription
   * fails with the last error when this schedule ends, and at once on an error that is not transient.
   */
  readonly reconnect?: Schedule.Schedule<unknown, EventStore.EventStoreError> | undefined
}

export { StoreTimeout }

// SQLSTATEs after which the same statement may succeed on a new connection: the server shutting down or starting up
// (57P01-57P03), too many connections (53300), a cancelled statement (57014); class 08 is connection exceptions.
const transientStates = new Set(["57P01", "57P02", "57P03", "53300", "57014"])

const isTransientCause = (cause: unknown, depth: number): boolean => {
  if (cause instanceof StoreTimeout) return true
  if (isSqlError(cause)) {
    const reason = cause.reason
    if (reason._tag === "ConnectionError" || reason._tag === "StatementTimeoutError") return true
    const code = Predicate.hasProperty(reason.cause, "code") ? reason.cause.code : undefined
    return typeof code === "string" && (code.startsWith("08") || transientStates.has(code))
  }
  return depth < 4 && Predicate.hasProperty(cause, "cause") && isTransientCause(cause.cause, depth + 1)
}

/**
 * Whether an error of the store is transient: a lost or refused connection, a server shutting down or starting up,
 * too many connections, a cancelled statement, a `StoreTimeout`. `subscribe` reconnects after those and fails on any
 * other (permission denied, a missing table, a row it cannot decode...), which no retry would cure.
 */
export const isTransient = (error: EventStore.EventStoreError): boolean => isTransientCause(error.cause, 0)

/**
 * How `subscribe` waits before each reconnection attempt by default: 100 ms, doubling up to 10 s, each delay jittered
 * by ±20%, with no limit on attempts.
 */
export const defaultReconnect: Schedule.Schedule<unknown, EventStore.EventStoreError> = Schedule.min([
  Schedule.exponential("100 millis"),
  Schedule.spaced("10 seconds")
]).pipe(Schedule.jittered)

// Put first in every session of a subscription, and dropped before the subscriber sees it: `Stream.retry` starts its
// schedule afresh at the first element after a failure, so a session that connects resets the attempts even when it
// has no event to deliver yet.
const connected: unique symbol = Symbol("connected")

const isRecorded = (item: RecordedEvent | typeof connected): item is RecordedEvent => item !== connected

const catchingUp: EventStore.SubscriptionState = { _tag: "CatchingUp" }
const live: EventStore.SubscriptionState = { _tag: "Live" }

type Row = ReadonlyArray<unknown>

type Page = readonly [ReadonlyArray<RecordedEvent>, Option.Option<number>]

// float8 is exact for positions and versions below 2^53 and decodes to a number without a BigInt on the way.
// Data and metadata come as text and are parsed by `EventStore.parseJson`, not by the driver's `JSON.parse`: on Node 24
// that can misread an escaped object key after another parse (nodejs/node#63785).
const columns =
  "e.position::float8 AS position, e.stream_name, e.stream_version::float8 AS stream_version, e.event_id, e.type, e.type_version, e.data::text AS data, e.metadata::text AS metadata, e.recorded_at"

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
  data: EventStore.parseJson(row[6] as string),
  metadata: EventStore.parseJson(row[7] as string) as EventMetadata,
  recordedAt: toIso(row[8])
})

interface EventRow {
  readonly position: unknown
  readonly stream_name: string
  readonly stream_version: unknown
  readonly event_id: string
  readonly type: string
  readonly type_version: number
  readonly data: string
  readonly metadata: string
  readonly recorded_at: unknown
}

const fromRow = (row: EventRow): RecordedEvent => ({
  position: toNumber(row.position),
  streamName: row.stream_name as StreamName,
  streamVersion: toNumber(row.stream_version),
  eventId: row.event_id,
  type: row.type,
  typeVersion: row.type_version,
  data: EventStore.parseJson(row.data),
  metadata: EventStore.parseJson(row.metadata) as EventMetadata,
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
 *
 * With `migrate: false` it creates nothing and fails with `MigrationRequired` unless the schema is at the latest
 * migration: the start of an application role that may not create anything (see the README's least privilege).
 */
export const make = Effect.fnUntraced(function*(options: Options = {}) {
  const limits = EventStore.makeLimits(options)
  if (limits instanceof EventStore.InvalidArgument) return yield* limits
  const schema = yield* Migrations.validateSchema(options.schema ?? Migrations.defaultSchema)
  const sql = (yield* SqlClient.SqlClient).withoutTransforms()
  const pg = yield* Effect.serviceOption(PgClient.PgClient)
  if (options.migrate !== false) {
    yield* Migrations.migrate(schema).pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      Effect.catchTags({
        MigrationError: (error) => Effect.fail(storeError("migrate")(error)),
        SqlError: (error) => Effect.fail(storeError("migrate")(error)),
        // Only with an applicationRole, which the store does not pass.
        ExcessPrivilege: (error) => Effect.fail(storeError("migrate")(error))
      })
    )
  } else {
    yield* Migrations.requireLatest(schema).pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      Effect.catchTag("SqlError", (error) => Effect.fail(storeError("make")(error)))
    )
  }
  const pageSize = options.pageSize ?? 5000
  const pollInterval = Duration.fromInputUnsafe(options.pollInterval ?? "1 second")
  const notifyInterval = Duration.fromInputUnsafe(options.notifyInterval ?? "10 millis")
  const timeout = timeoutOf(options.statementTimeout)
  const reconnect = options.reconnect ?? defaultReconnect
  const timed = (operation: string) => <A, E, R>(self: Effect.Effect<A, E, R>) => withTimeout(self, operation, timeout)
  const scope = yield* Effect.scope
  const s = `"${schema}"` // validated above: lowercase letters, digits and _
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
  // The oldest running transaction, taken once per statement: in a scalar subquery (an InitPlan), not per row, where
  // pg_current_snapshot() builds a snapshot for each one (6 ms more backend CPU per 5,000 events, 40% of the read).
  const visibleBelow = `(SELECT pg_snapshot_xmin(pg_current_snapshot()))`
  const readAllSql = `SELECT ${columns} FROM ${s}.events e
    WHERE e.position > $1 AND e.position <= $2 AND e.transaction_id < ${visibleBelow}
    ORDER BY e.position LIMIT $3`
  const liveSql = `SELECT ${columns} FROM ${s}.events e
    WHERE e.position > $1 AND e.transaction_id < ${visibleBelow}
    ORDER BY e.position LIMIT $2`
  const headSql = `SELECT coalesce(max(position), 0) AS head FROM ${s}.events
    WHERE transaction_id < ${visibleBelow}`
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

  const onSqlError =
    (streamName: StreamName, expected: ExpectedVersion, batch: EventStore.EncodedBatch) =>
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
      timed("notify"),
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
      // The port's checks (arguments, ids, type, typeVersion, JSON, size), shared with every store.
      const batch = EventStore.encodeBatch(streamName, expected, events, limits)
      if ("_tag" in batch) return Effect.fail(batch)
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
                ? Effect.tap(fromAppendRow(streamName, expected, batch.ids.length, rows[0]!), () =>
                  notifyAfterCommit)
                : fromAppendRow(streamName, expected, batch.ids.length, rows[0]!)
          })
        )).pipe(timed("append"))
    })

  const readStream = (
    streamName: StreamName,
    options: ReadStreamOptions = {}
  ): Stream.Stream<RecordedEvent, EventStore.ReadError> => {
    const invalid = EventStore.checkReadStream(streamName, options)
    if (invalid !== undefined) return Stream.fail(invalid)
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
          timed("readStream")(sql.unsafe(backward ? backwardSql : forwardSql, [streamName, next, size]).values),
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
  ).pipe(Effect.mapError(storeError("headPosition")), timed("headPosition"))

  // A range's query is given `statementTimeout` for each chunk it streams. Once it timed out, the stream fails when the
  // driver has given up on the statement (when the server confirms the cancel, or drops the connection after 5 s).
  const readRange = (operation: string) => ([from, to, limit]: readonly [number, number, number]) =>
    sql.unsafe<EventRow>(readAllSql, [from, to, limit]).stream.pipe(
      Stream.mapError(storeError(operation)),
      Stream.timeoutOrElse({ duration: timeout, orElse: () => Stream.fromEffect(timedOut(operation, timeout)) })
    )

  // Position ranges of `pageSize`, each one query streamed by the driver (socket back-pressure), up to the head taken
  // first. Ranges rather than LIMIT keep every query small whatever the planner's statistics say. Only positions
  // below the oldest running transaction are delivered, so an event committed out of order is never skipped. With
  // `maxCount`, each range's query is limited to the events still wanted, and no range is read once they are all
  // delivered: a reader taking a page stops the store where the page ends, instead of abandoning a range's query it
  // had started past it (the driver then cancels it: 10 ms and a cancel request per page, on a log with gaps in its
  // positions, where a page's events span two ranges).
  const readRanges = (after: number, head: number, operation: string, maxCount = Number.POSITIVE_INFINITY) =>
    Stream.suspend(() => {
      let wanted = maxCount
      return Stream.unfold(after, (from) => {
        const to = Math.min(from + pageSize, head)
        return Effect.succeed(
          from >= head || wanted <= 0 ? undefined : [[from, to, Math.min(wanted, pageSize)] as const, to] as const
        )
      }).pipe(
        Stream.flatMap(readRange(operation)),
        Stream.mapArray((rows) => {
          wanted -= rows.length
          return fromRows(rows) as unknown as Arr.NonEmptyReadonlyArray<RecordedEvent>
        })
      )
    })

  const readAll = (
    after = 0,
    options?: EventStore.ReadAllOptions
  ): Stream.Stream<RecordedEvent, EventStore.ReadError> => {
    const invalid = EventStore.checkReadAll(after, options)
    if (invalid !== undefined) return Stream.fail(invalid)
    if (options?.maxCount === 0) return Stream.empty
    return Stream.unwrap(Effect.map(headPosition, (head) => readRanges(after, head, "readAll", options?.maxCount)))
  }

  // A LISTEN whose connection is released in the background when the session failed: a connection to a frozen server
  // or behind a silent network would hold the reconnection until the UNLISTEN got an answer.
  const listen = (client: PgClient.PgClient) =>
    Effect.acquireRelease(
      Scope.make(),
      (scope, exit) =>
        Exit.isFailure(exit) ? Effect.asVoid(Effect.forkDetach(Scope.close(scope, exit))) : Scope.close(scope, exit)
    ).pipe(
      Effect.flatMap((scope) => timed("subscribe")(Scope.provide(client.listen(channel), scope))),
      Effect.mapError((error) => error instanceof EventStore.EventStoreError ? error : storeError("subscribe")(error))
    )

  // Each session LISTENs, catches up from the last delivered position to the head it reads, then pages live. A
  // transient error ends the session and `Stream.retry` starts another after `reconnect`'s delay, from the last
  // delivered position: no event twice, none skipped (readers only deliver below the oldest running transaction).
  const subscribe = (
    after = 0,
    subscribeOptions: EventStore.SubscribeOptions = {}
  ): Stream.Stream<RecordedEvent, EventStore.ReadError> => {
    const invalid = EventStore.checkPosition("subscribe", after)
    if (invalid !== undefined) return Stream.fail(invalid)
    return Stream.suspend(() => {
      const status = subscribeOptions.status
      let last = after
      let head = after
      let started = false
      const report = (state: EventStore.SubscriptionState, delivered: boolean): Effect.Effect<void> => {
        if (status === undefined) return Effect.void
        const first = !started
        started = true
        return Effect.flatMap(
          Clock.currentTimeMillis,
          (now) =>
            SubscriptionRef.update(status, (previous): EventStore.SubscriptionStatus => ({
              state,
              position: last,
              head: Math.max(head, last),
              lag: Math.max(0, head - last),
              lastDeliveredAt: delivered || first ? now : previous.lastDeliveredAt
            }))
        )
      }
      const deliver = (state: EventStore.SubscriptionState) => (events: Arr.NonEmptyReadonlyArray<RecordedEvent>) => {
        last = events[events.length - 1]!.position
        return status === undefined ? Effect.succeed(events) : Effect.as(report(state, true), events)
      }
      // When a live page is full the subscription is behind: the head tells by how much (only read for a status).
      const readHead = (pageEnd: number, full: boolean): Effect.Effect<void, EventStore.EventStoreError> => {
        if (!full || status === undefined) {
          head = Math.max(head, pageEnd)
          return Effect.void
        }
        return Effect.map(
          timed("subscribe")(Effect.mapError(sql.unsafe<{ readonly head: unknown }>(headSql), storeError("subscribe"))),
          (rows) => {
            head = Math.max(head, pageEnd, toNumber(rows[0]!.head))
          }
        )
      }

      const session = Stream.unwrap(
        Effect.gen(function*() {
          // Listen first: a commit after this point wakes the live loop, one before it is found by the catch-up. A
          // LISTEN refused for another reason than a transient one leaves the subscription polling.
          const wakeups = Option.isSome(pg)
            ? yield* listen(pg.value).pipe(
              Effect.map(Option.some),
              Effect.catchIf((error) => !isTransient(error), () => Effect.succeed(Option.none()))
            )
            : Option.none()
          const catchUpTo = yield* headPosition
          head = Math.max(head, catchUpTo)
          yield* report(catchingUp, false)
          const sleep = Effect.sleep(pollInterval)
          // A LISTEN connection that fails ends the session: the next one listens again.
          const wait: Effect.Effect<void, EventStore.EventStoreError> = Option.match(wakeups, {
            onNone: () => sleep,
            onSome: (queue) =>
              Effect.raceFirst(
                Queue.take(queue).pipe(
                  Effect.flatMap(() => Queue.clear(queue)),
                  Effect.asVoid,
                  Effect.mapError(storeError("subscribe"))
                ),
                sleep
              )
          })
          const livePages = (from: number) =>
            Stream.paginate(from, (from): Effect.Effect<Page, EventStore.EventStoreError> =>
              Effect.flatMap(
                timed("subscribe")(
                  Effect.mapError(sql.unsafe(liveSql, [from, pageSize]).values, storeError("subscribe"))
                ),
                (rows): Effect.Effect<Page, EventStore.EventStoreError> => {
                  if (rows.length === 0) return Effect.as(wait, [[], Option.some(from)] as const)
                  const events = toRecordedAll(rows)
                  const end = events[events.length - 1]!.position
                  return Effect.as(readHead(end, rows.length === pageSize), [events, Option.some(end)] as const)
                }
              ))
          return Stream.succeed<RecordedEvent | typeof connected>(connected).pipe(
            Stream.concat(readRanges(last, catchUpTo, "subscribe").pipe(Stream.mapArrayEffect(deliver(catchingUp)))),
            Stream.concat(
              Stream.unwrap(Effect.as(report(live, false), Stream.suspend(() => livePages(last))))
                .pipe(Stream.mapArrayEffect(deliver(live)))
            )
          )
        })
      )

      const retry = reconnect.pipe(
        Schedule.while(({ input }) => isTransient(input)),
        Schedule.tap(({ attempt, duration, input }) =>
          report({ _tag: "Reconnecting", attempt, error: input, retryIn: duration }, false)
        )
      )
      return session.pipe(
        Stream.retry(retry),
        Stream.tapError((error) => report({ _tag: "Failed", error }, false)),
        Stream.filter(isRecorded)
      )
    })
  }

  const streamMetadata = (
    streamName: StreamName
  ): Effect.Effect<Option.Option<StreamMetadata>, EventStore.ReadError> => {
    const invalid = EventStore.checkStreamName("streamMetadata", streamName)
    if (invalid !== undefined) return Effect.fail(invalid)
    return Effect.map(
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
    ).pipe(Effect.mapError(storeError("streamMetadata")), timed("streamMetadata"))
  }

  return EventStore.EventStore.of({ append, readStream, readAll, subscribe, streamMetadata, headPosition })
})

/** Why the store could not start: a refused option, a schema behind this version, or a database error. */
export type StartError =
  | EventStore.EventStoreError
  | EventStore.InvalidArgument
  | Migrations.InvalidIdentifier
  | Migrations.MigrationRequired

/** The store as a layer over the `SqlClient` (and, if present, `PgClient`) the host provides. */
export const layerFromSqlClient = (
  options: Options = {}
): Layer.Layer<EventStore.EventStore, StartError, SqlClient.SqlClient> =>
  Layer.effect(EventStore.EventStore, make(options))

/** The store with its own `@effect/sql-pg` pool, e.g. `layer({ url: Redacted.make(process.env.DATABASE_URL!) })`. */
export const layer = (
  config: PgClient.PgPoolConfig & Options
): Layer.Layer<EventStore.EventStore | SqlClient.SqlClient | PgClient.PgClient, StartError | SqlError> =>
  layerFromSqlClient(config).pipe(Layer.provideMerge(PgClient.layer(config)))
