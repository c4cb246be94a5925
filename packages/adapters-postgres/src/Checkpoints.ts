/**
 * Projection checkpoints stored in the same transaction as the projection's writes, so a crash can neither apply
 * an event twice nor skip one.
 */
import { EventStore } from "@sdsf/domain"
import { Effect, Schema, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import * as Errors from "./internal/errors.ts"
import * as Migrations from "./Migrations.ts"

/** The checkpoint refused to move: the events were already applied (`backwards`) or some would be skipped (`skip`). */
export class CheckpointConflict extends Schema.TaggedError<CheckpointConflict>()("CheckpointConflict", {
  projection: Schema.String,
  stored: Schema.Number,
  attempted: Schema.Number,
  reason: Schema.Literals(["backwards", "skip"])
}) {
  override get message(): string {
    return `projection ${this.projection}: checkpoint at ${this.stored} cannot move to ${this.attempted} (${this.reason})`
  }
}

/** Where the checkpoints live: the event store's schema (default `sdsf`). */
export interface CheckpointOptions {
  readonly schema?: string | undefined
}

const storeError = (operation: string) => (cause: SqlError) =>
  new EventStore.EventStoreError({ operation, cause: Errors.describe(cause) })

const schemaOf = (options: CheckpointOptions | undefined): string => `"${options?.schema ?? Migrations.defaultSchema}"`

/** The position a projection has applied up to, 0 when it has never run. */
export const read = (
  projection: string,
  options?: CheckpointOptions
): Effect.Effect<number, EventStore.EventStoreError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (client) =>
    client.withoutTransforms().unsafe<{ readonly position: unknown }>(
      `SELECT position FROM ${schemaOf(options)}.checkpoints WHERE projection = $1`,
      [projection]
    )).pipe(
      Effect.map((rows) => rows.length === 0 ? 0 : Number(rows[0]!.position)),
      Effect.mapError(storeError("checkpoint.read"))
    )

/**
 * Runs `writes` and moves the projection's checkpoint to the last of `positions` in one transaction (a savepoint
 * when already inside one).
 *
 * `positions` are the events the writes apply, ascending: the first must come after the stored checkpoint
 * (otherwise `backwards`: already applied) and no stored event may lie between the checkpoint and the last one
 * without being listed (otherwise `skip`). The checkpoint row is locked, so two runners of one projection take turns.
 * When `writes` fails, neither the writes nor the checkpoint are kept.
 */
export const withCheckpoint = <A, E, R>(
  projection: string,
  positions: number | ReadonlyArray<number>,
  writes: (sql: SqlClient.SqlClient) => Effect.Effect<A, E, R>,
  options?: CheckpointOptions
): Effect.Effect<A, E | CheckpointConflict | EventStore.EventStoreError, R | SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const db = sql.withoutTransforms()
    const s = schemaOf(options)
    const list = typeof positions === "number" ? [positions] : positions
    const first = list[0]
    const last = list[list.length - 1]
    if (first === undefined || last === undefined) return yield* writes(sql)
    const body = Effect.gen(function*() {
      yield* db.unsafe(
        `INSERT INTO ${s}.checkpoints (projection, position) VALUES ($1, 0) ON CONFLICT (projection) DO NOTHING`,
        [projection]
      )
      const locked = yield* db.unsafe<{ readonly position: unknown }>(
        `SELECT position FROM ${s}.checkpoints WHERE projection = $1 FOR UPDATE`,
        [projection]
      )
      const stored = Number(locked[0]!.position)
      if (first <= stored) {
        return yield* new CheckpointConflict({ projection, stored, attempted: last, reason: "backwards" })
      }
      const between = yield* db.unsafe<{ readonly n: unknown }>(
        `SELECT count(*) AS n FROM ${s}.events WHERE position > $1 AND position <= $2`,
        [stored, last]
      )
      if (Number(between[0]!.n) !== list.length) {
        return yield* new CheckpointConflict({ projection, stored, attempted: last, reason: "skip" })
      }
      const result = yield* writes(sql)
      const moved = yield* db.unsafe(
        `UPDATE ${s}.checkpoints SET position = $2, updated_at = now() WHERE projection = $1 AND position = $3
         RETURNING position`,
        [projection, last, stored]
      )
      if (moved.length !== 1) {
        return yield* new CheckpointConflict({ projection, stored, attempted: last, reason: "backwards" })
      }
      return result
    })
    return yield* sql.withTransaction(body).pipe(
      Effect.mapError((error) => isSqlError(error) ? storeError("checkpoint")(error) : error)
    )
  })

/** What `runProjection` needs: the projection's name and how to apply a batch of events with the given client. */
export interface ProjectionOptions<E, R> extends CheckpointOptions {
  readonly projection: string
  /** Events applied per transaction; default 500. */
  readonly batchSize?: number | undefined
  readonly apply: (
    events: ReadonlyArray<EventStore.RecordedEvent>,
    sql: SqlClient.SqlClient
  ) => Effect.Effect<void, E, R>
}

/**
 * Applies every event after the projection's checkpoint, batch by batch, each batch and its checkpoint in one
 * transaction, until caught up; returns the number of events applied. Safe to rerun after a crash.
 */
export const runProjection = <E, R>(
  options: ProjectionOptions<E, R>
): Effect.Effect<
  number,
  E | CheckpointConflict | EventStore.EventStoreError,
  R | SqlClient.SqlClient | EventStore.EventStore
> =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const batchSize = options.batchSize ?? 500
    let applied = 0
    while (true) {
      const checkpoint = yield* read(options.projection, options)
      const batch = yield* store.readAll(checkpoint).pipe(Stream.take(batchSize), Stream.runCollect)
      if (batch.length === 0) return applied
      const done = yield* withCheckpoint(
        options.projection,
        batch.map((event) => event.position),
        (sql) => options.apply(batch, sql),
        options
      ).pipe(
        Effect.as(batch.length),
        // Another runner of the same projection applied this batch first: read the checkpoint again.
        Effect.catchIf(
          (error): error is CheckpointConflict => error instanceof CheckpointConflict && error.reason === "backwards",
          () => Effect.succeed(0)
        )
      )
      applied += done
    }
  })
