/**
 * The personal-data store (`Personne.Personnes`) in PostgreSQL: one row per person in `<schema>.personnes`
 * (migration 5), beside the event log and never in it. Events name people by subject reference only; `effacer`
 * deletes the row, so a name is gone from every later read while the events stay byte for byte what they were.
 *
 * The table comes with the store's migrations (`Migrations.migrate`, or a `PostgresEventStore` layer with the default
 * `migrate: true`). A deleted row stays on disk until PostgreSQL vacuums the table (autovacuum, or `VACUUM` after an
 * erasure request when the bytes themselves must go).
 */
import { Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { EventStore, Personne } from "@sdsf/domain"
import { defaultSchema, validateSchema } from "./Migrations.ts"
import type { InvalidIdentifier } from "./Migrations.ts"

/** Options of the store. */
export interface Options {
  /** The store's schema (the one its event store migrated); default `sdsf`. */
  readonly schema?: string | undefined
}

const ident = (name: string): string => `"${name.replace(/"/g, "\"\"")}"`
const decode = Schema.decodeUnknownEffect(Personne.DonneesPersonnelles)
const encode = Schema.encodeEffect(Personne.DonneesPersonnelles)

/**
 * The store over the `SqlClient` in context. A database failure is a defect (the port promises no error): a host
 * that must recover from one catches it with `Effect.catchDefect` around the call.
 */
export const make = (
  options: Options = {}
): Effect.Effect<Personne.Personnes["Service"], InvalidIdentifier, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const schema = yield* validateSchema(options.schema ?? defaultSchema)
    const sql = yield* SqlClient.SqlClient
    const table = `${ident(schema)}.personnes`
    return Personne.Personnes.of({
      enregistrer: Effect.fn("PostgresPersonnes.enregistrer")(function*(personne) {
        const json = JSON.stringify(yield* encode(personne))
        yield* sql.unsafe(
          `INSERT INTO ${table} (sujet, donnees) VALUES ($1, $2::jsonb)
           ON CONFLICT (sujet) DO UPDATE SET donnees = EXCLUDED.donnees, enregistree_le = now()`,
          [personne.sujet, json]
        ).withoutTransform
      }, Effect.orDie),
      lire: Effect.fn("PostgresPersonnes.lire")(function*(sujet) {
        // As text, read by `EventStore.parseJson` (the driver's `JSON.parse` can misread an escaped key on Node 24).
        const rows = yield* sql.unsafe<{ readonly donnees: string }>(
          `SELECT donnees::text AS donnees FROM ${table} WHERE sujet = $1`,
          [sujet]
        ).withoutTransform
        const row = rows[0]
        if (row === undefined) return Option.none()
        const donnees = EventStore.parseJson(row.donnees)
        return Option.some(yield* decode(donnees))
      }, Effect.orDie),
      effacer: Effect.fn("PostgresPersonnes.effacer")(function*(sujet) {
        yield* sql.unsafe(`DELETE FROM ${table} WHERE sujet = $1`, [sujet]).withoutTransform
      }, Effect.orDie)
    })
  })

/** The store over the `SqlClient` in context, in `options.schema`. */
export const layerFromSqlClient = (
  options: Options = {}
): Layer.Layer<Personne.Personnes, InvalidIdentifier, SqlClient.SqlClient> =>
  Layer.effect(Personne.Personnes, make(options))
