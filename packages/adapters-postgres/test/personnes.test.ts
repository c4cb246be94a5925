/**
 * The personal-data store in PostgreSQL: a person erased is gone from every read and from the table, and the event log
 * that names them by subject reference stays byte for byte what it was (domain.md, "Personal data": RGPD).
 */
import { assert, describe, it } from "@effect/vitest"
import { PostgresPersonnes } from "@sdsf/adapters-postgres"
import {
  Catalogue,
  CommandHandler,
  Commandes as C,
  EventStore,
  IdGenerator,
  Personne,
  SchemaDepartemental
} from "@sdsf/domain"
import type { Institution, Temps } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { TestKit } from "@sdsf/adapters-memory"
import { Effect, Layer, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const schema = "sdsf_personnes"
const lise: Personne.DonneesPersonnelles = {
  sujet: IdGenerator.deriveId("sujet", "contact-caf92-2025") as Personne.SujetRef,
  nom: "ACHARD",
  prenom: "Lise",
  email: "lise.achard@caf92.caf.fr",
  fonction: "Sous-directrice en charge du service aux partenaires"
}
const autre: Personne.DonneesPersonnelles = {
  sujet: IdGenerator.deriveId("sujet", "autre") as Personne.SujetRef,
  nom: "MARTIN"
}

const layer = Layer.mergeAll(PostgresPersonnes.layerFromSqlClient({ schema }), TestKit.layerIdGenerator()).pipe(
  Layer.provideMerge(freshStore(schema))
)

/** The log as PostgreSQL holds it: every column of every row, as text. */
const log = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) => sql.unsafe<{ readonly row: string }>(`SELECT e::text AS row FROM "${schema}".events e ORDER BY position`)
).pipe(
  Effect.map((rows) => rows.map((r) => r.row))
)

describe("PostgresPersonnes", () => {
  it.layer(layer, { timeout: 120_000 })((it) => {
    it.effect("erasing a person deletes their row; the events naming them are byte-identical; others stay", () =>
      Effect.gen(function*() {
        const personnes = yield* Personne.Personnes
        const sql = yield* SqlClient.SqlClient
        const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec })
        const stream = EventStore.streamName("schema", HautsDeSeine.schemaId)
        yield* handler.handleAll(stream, [
          ...HautsDeSeine.commandes().slice(0, 12),
          new C.DesignerContact({
            schemaId: HautsDeSeine.schemaId,
            survenuLe: "2025-12-12T12:00:00.000Z" as Temps.Instant,
            sujet: lise.sujet,
            institutionId: HautsDeSeine.institutions["caf"] as Institution.InstitutionId,
            role: "referent-technique"
          })
        ])
        yield* personnes.enregistrer(lise)
        yield* personnes.enregistrer(autre)
        // Recording again replaces (an import run twice keeps one row per person).
        yield* personnes.enregistrer({ ...lise, telephone: "01 00 00 00 00" })
        assert.deepStrictEqual(Option.getOrThrow(yield* personnes.lire(lise.sujet)), {
          ...lise,
          telephone: "01 00 00 00 00"
        })
        const before = yield* log
        assert.isTrue(before.some((row) => row.includes(lise.sujet)), "the log names her by reference")
        assert.isFalse(before.some((row) => row.includes("ACHARD")), "never by name")

        yield* personnes.effacer(lise.sujet)

        assert.isTrue(Option.isNone(yield* personnes.lire(lise.sujet)))
        assert.deepStrictEqual(yield* log, before)
        const rows = yield* sql.unsafe<{ readonly n: unknown }>(
          `SELECT count(*) AS n FROM "${schema}".personnes WHERE donnees::text LIKE '%ACHARD%' OR sujet = $1`,
          [lise.sujet]
        )
        assert.strictEqual(Number(rows[0]!.n), 0)
        assert.strictEqual(Option.getOrThrow(yield* personnes.lire(autre.sujet)).nom, "MARTIN")
        // Erasing again, or someone never recorded, is not an error.
        yield* personnes.effacer(lise.sujet)
      }))
  })
})
