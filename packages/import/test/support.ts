/**
 * Test helpers: the example plan files, the stores they are imported into (memory, or PostgreSQL on the server the
 * global setup starts), and the events a store holds.
 */
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Layer, Redacted, Stream } from "effect"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "effect/sql/SqlClient"
import { inject } from "vitest"
import { Catalogue, EventStore, Personne } from "@sdsf/domain"
import { TestKit } from "@sdsf/adapters-memory"
import { PostgresEventStore, PostgresPersonnes } from "@sdsf/adapters-postgres"
import { DecoupageAdministratif } from "@sdsf/geographie"

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

const racine = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

/** An example plan file, as bytes. */
export const exemple = (nom: string) => ({ nom, contenu: readFileSync(join(racine, "examples/plans", nom)) })

/** Geography, memory event store, deterministic ids and clock, memory personal-data store. */
export const memoire = () =>
  Layer.mergeAll(TestKit.layer(), Personne.Personnes.layerMemory, DecoupageAdministratif.layer)

/** A pool on the test server. */
export const pgLayer = () => PgClient.layer({ url: Redacted.make(inject("databaseUrl")), maxConnections: 10 })

/** The PostgreSQL event store and personal-data store in a fresh `schema`, with geography and test ids. */
export const postgres = (schema: string) =>
  Layer.mergeAll(
    PostgresEventStore.layerFromSqlClient({ schema, pollInterval: "200 millis" }),
    PostgresPersonnes.layerFromSqlClient({ schema })
  ).pipe(
    Layer.provide(Layer.effectDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
      sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)))),
    Layer.provideMerge(pgLayer()),
    Layer.merge(TestKit.layerIdGenerator()),
    Layer.merge(DecoupageAdministratif.layer)
  )

/** Every event of the store: type, version and data, in log order. */
export const tousLesEvenements = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  return (yield* Stream.runCollect(store.readAll())).map((e) => ({
    streamName: e.streamName,
    type: e.type,
    data: e.data
  }))
})

/** Events as the catalog encodes them. */
export const encodes = (evenements: ReadonlyArray<Parameters<typeof Catalogue.encoder>[0]>) =>
  evenements.map((e) => {
    const { type, data } = Catalogue.encoder(e)
    return { type, data }
  })
