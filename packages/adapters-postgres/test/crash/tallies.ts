/**
 * The projection the crash test kills: two tables per prefix, written by `apply` with one statement each per batch.
 * `<prefix>_events` holds a row per event, `<prefix>_streams` counts and sums per stream (increments: an event
 * applied twice or skipped changes it). Shared by the runner child process and the test's clean rebuild.
 */
import type { Checkpoints } from "@sdsf/adapters-postgres"
import type { EventStore } from "@sdsf/domain"
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

/** Creates the projection's tables (empty). */
export const createTables = (schema: string, prefix: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.andThen(
      sql.unsafe(`CREATE TABLE "${schema}".${prefix}_events (position bigint PRIMARY KEY, stream text NOT NULL,
        stream_version int NOT NULL, type text NOT NULL, n int NOT NULL, label text NOT NULL)`),
      sql.unsafe(`CREATE TABLE "${schema}".${prefix}_streams (stream text PRIMARY KEY, events bigint NOT NULL,
        total bigint NOT NULL, last_position bigint NOT NULL, last_version int NOT NULL)`)
    ))

interface Payload {
  readonly n: number
  readonly label: string
}

/** Applies a batch: one INSERT of its rows, one upsert of its streams' counts. */
export const apply =
  (schema: string, prefix: string) => (events: ReadonlyArray<EventStore.RecordedEvent>, sql: SqlClient.SqlClient) => {
    const data = events.map((e) => e.data as Payload)
    const positions = events.map((e) => e.position)
    const streams = events.map((e) => e.streamName)
    const versions = events.map((e) => e.streamVersion)
    const ns = data.map((d) => d.n)
    return Effect.andThen(
      sql.unsafe(
        `INSERT INTO "${schema}".${prefix}_events (position, stream, stream_version, type, n, label)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[])`,
        [positions, streams, versions, events.map((e) => e.type), ns, data.map((d) => d.label)]
      ),
      sql.unsafe(
        `INSERT INTO "${schema}".${prefix}_streams AS s (stream, events, total, last_position, last_version)
       SELECT stream, count(*), sum(n), max(position), max(stream_version)
       FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[]) AS u(stream, position, stream_version, n)
       GROUP BY stream
       ON CONFLICT (stream) DO UPDATE SET events = s.events + excluded.events, total = s.total + excluded.total,
         last_position = excluded.last_position, last_version = excluded.last_version`,
        [streams, positions, versions, ns]
      )
    ).pipe(Effect.asVoid)
  }

/** The projection's options, for `Checkpoints.runProjection`. */
export const projection = (
  schema: string,
  prefix: string,
  batchSize: number,
  onBatch: (events: ReadonlyArray<EventStore.RecordedEvent>) => Effect.Effect<void> = () => Effect.void
): Checkpoints.ProjectionOptions<never, never> => ({
  schema,
  projection: prefix,
  batchSize,
  apply: (events, sql) => Effect.andThen(onBatch(events), apply(schema, prefix)(events, sql)).pipe(Effect.orDie)
})
