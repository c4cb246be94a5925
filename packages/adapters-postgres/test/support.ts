/**
 * Test helpers: a store on the run's PostgreSQL server, in a schema of its own that is dropped first.
 */
import { PostgresEventStore } from "@sdsf/adapters-postgres"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Layer, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { inject } from "vitest"

/** The URL the global setup provides. */
export const databaseUrl = (): string => inject("databaseUrl")

/** A pool on the test server. */
export const pgLayer = (maxConnections = 20) => PgClient.layer({ url: Redacted.make(databaseUrl()), maxConnections })

/** Drops `schema` (and everything in it), so each run starts empty. */
export const dropSchema = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))

/** The store in a fresh `schema`, with the `SqlClient` and `PgClient` it runs on. */
export const freshStore = (schema: string, options: PostgresEventStore.Options = {}, maxConnections = 20) =>
  PostgresEventStore.layerFromSqlClient({ schema, pollInterval: "200 millis", ...options }).pipe(
    Layer.provide(Layer.effectDiscard(dropSchema(schema))),
    Layer.provideMerge(pgLayer(maxConnections))
  )

/**
 * Rows whose transaction id is above that of a later position, in `schema`'s log. Readers stop below the oldest running
 * transaction, which is only safe when positions follow transaction ids: for appends that take their id when they
 * take their positions (every append outside a transaction that already had an id), this must be 0.
 */
export const transactionIdsOutOfStep = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.unsafe<{ readonly n: unknown }>(
      `SELECT count(*) AS n FROM (
         SELECT transaction_id,
                max(transaction_id) OVER (ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
         FROM "${schema}".events) t
       WHERE t.before > t.transaction_id`
    )).pipe(Effect.map((rows) => Number(rows[0]!.n)))
