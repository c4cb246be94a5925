/**
 * Test helpers: a store on the run's PostgreSQL server, in a schema of its own that is dropped first.
 */
import { PostgresEventStore } from "@sdsf/adapters-postgres"
import { EventStore } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Layer, Redacted, Schedule } from "effect"
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

/**
 * A log for the contract's test projection: `streams` streams of `category`, `perStream` events each, appended in
 * `rounds` interleaved rounds (letters, every 5th an extension, every 97th a bilan that deletes its stream's row);
 * with `rare`, one letter in a stream of category `rare` after each round.
 */
export const seedTestLog = (
  options: {
    readonly category: string
    readonly streams: number
    readonly perStream: number
    readonly rounds: number
    readonly rare?: boolean
  }
) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const { category, streams, perStream, rounds } = options
    const perRound = perStream / rounds
    for (let round = 0; round < rounds; round++) {
      yield* Effect.forEach(Array.from({ length: streams }, (_, s) => s), (s) =>
        store.append(
          EventStore.streamName(category, `s${s}`),
          EventStore.ExpectedVersion.exact(round * perRound),
          Array.from({ length: perRound }, (_, i) => {
            const n = round * perRound + i + 1
            return n % 97 === 0
              ? TestProjection.events.bilan()
              : n % 5 === 0
              ? TestProjection.events.prorogee(2000 + (n % 100))
              : TestProjection.events.lettre(`s${s} n°${n} « ${n / 3} »`, n)
          })
        ), { concurrency: 4, discard: true })
      if (options.rare === true) {
        yield* store.append(EventStore.streamName("rare", `r${round}`), EventStore.ExpectedVersion.noStream, [
          TestProjection.events.lettre(`rare ${round}`, round)
        ])
      }
    }
  })

/**
 * Waits until no other session runs a statement naming `schema`: a killed client's last statement (or one a frozen
 * server held) still runs and commits on the server after the client is gone, so a check that reads a checkpoint and
 * then the rows, in two statements, could see the checkpoint before that commit and the rows after it.
 */
export const othersSettled = (schema: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const running = sql.unsafe<{ readonly n: unknown }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active'
         AND position($1 in query) > 0`,
      [`"${schema}"`]
    ).pipe(Effect.map((rows) => Number(rows[0]!.n)))
    yield* running.pipe(
      Effect.repeat({ schedule: Schedule.spaced("50 millis"), until: (n) => n === 0, times: 200 })
    )
  })
