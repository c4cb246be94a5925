/**
 * A consumer of the published packages, run by pack.test.ts with plain Node from a fresh project outside the
 * workspace (the packages installed from their tarballs, effect and @effect/sql-pg from the registry) and type-checked
 * there with tsc. Writes the Hauts-de-Seine schéma through the command handler into PostgreSQL (DATABASE_URL, schema
 * SDSF_SCHEMA), reads it back, builds the indicator table, and prints a JSON summary.
 */
import { realpathSync } from "node:fs"
import { createRequire } from "node:module"
import { Effect, Layer, Redacted, Stream } from "effect"
import { Catalogue, CommandHandler, EventStore, IdGenerator, SchemaDepartemental, Temps } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { PostgresEventStore } from "@sdsf/adapters-postgres"
import { ProjectionIndicateurs, TableauIndicateurs } from "@sdsf/reporting"

// One copy of effect in the process: the one each package resolves must be the host's (effect keeps registries in
// module state; with two copies a Redacted made here could not be read by the store's driver).
const effectOf = (from: string) => realpathSync(createRequire(from).resolve("effect/package.json"))
const copies = new Set(
  [
    import.meta.url,
    ...["@sdsf/domain", "@sdsf/adapters-postgres", "@sdsf/reporting", "@effect/sql-pg"].map((p) =>
      import.meta.resolve(p)
    )
  ].map(effectOf)
)
if (copies.size !== 1) throw new Error(`${copies.size} copies of effect loaded: ${[...copies].join(", ")}`)

const programme = Effect.gen(function*() {
  const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec })
  const stream = EventStore.streamName("schema", HautsDeSeine.schemaId)
  const ecrit = yield* handler.handleAll(stream, HautsDeSeine.commandes(), { metadata: { correlationId: "pack-test" } })
  const store = yield* EventStore.EventStore
  const lus = yield* Stream.runCollect(store.readStream(stream))
  const { state } = yield* handler.load(stream)
  const donnees = yield* ProjectionIndicateurs.depuisFlux(store.readAll(0))
  const lignes = TableauIndicateurs.lignes(donnees, { jour: Temps.Jour.make("2025-12-31") })
  const avip = lignes.find((l) => l.indicateur === "places-avip-avis-soutenues" && l.periode === "2025")
  return {
    ecrits: ecrit.events.length,
    lus: lus.length,
    phase: state._tag === "Schema" ? state.phase : state._tag,
    lignes: lignes.length,
    avip2025: avip?.valeur,
    csv: TableauIndicateurs.versCsv(lignes, { separateur: ";", virgule: true }).split("\n")[0]
  }
})

const store = PostgresEventStore.layer({
  url: Redacted.make(process.env["DATABASE_URL"] ?? "postgres://localhost/sdsf"),
  schema: process.env["SDSF_SCHEMA"] ?? "sdsf"
})
const resume = await Effect.runPromise(Effect.provide(programme, Layer.merge(store, IdGenerator.IdGenerator.layer)))
console.log(JSON.stringify(resume))
