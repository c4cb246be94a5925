/**
 * NDJSON event logs: exported from one store, imported into another, the same log; a bad line named by its number,
 * and nothing written.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { Catalogue, CommandHandler, EventStore, SchemaDepartemental } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { TestKit } from "@sdsf/adapters-memory"
import type { FichierInvalide } from "@sdsf/import"
import { Ndjson } from "@sdsf/import"
import { postgres, tousLesEvenements } from "./support.ts"

const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec })
const stream = EventStore.streamName("schema", HautsDeSeine.schemaId)

/** The Hauts-de-Seine log exported from a memory store. */
const exporte = Effect.gen(function*() {
  yield* handler.handleAll(stream, HautsDeSeine.commandes())
  return (yield* Stream.runCollect(Ndjson.exporter())).join("")
}).pipe(Effect.provide(TestKit.layer()))

const echec = (contenu: string | Uint8Array) =>
  Effect.gen(function*() {
    const e = yield* Effect.flip(Ndjson.importer({ nom: "log.ndjson", contenu }))
    assert.strictEqual(e._tag, "FichierInvalide")
    assert.deepStrictEqual(yield* tousLesEvenements, [])
    return e as FichierInvalide.FichierInvalide
  })

describe("NDJSON event logs", () => {
  it.effect("export from memory, import into PostgreSQL: the same events, ids and versions; importing again writes nothing", () =>
    Effect.gen(function*() {
      const texte = yield* exporte
      const lignes = texte.trim().split("\n")
      assert.strictEqual(lignes.length, HautsDeSeine.commandes().length)
      const r = yield* Ndjson.importer({ nom: "92.ndjson", contenu: texte })
      assert.deepStrictEqual(r, { evenements: lignes.length, flux: 1 })
      const store = yield* EventStore.EventStore
      const relus = yield* Stream.runCollect(store.readAll())
      const originaux = lignes.map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(relus.map((e) => [e.eventId, e.streamVersion, e.type, e.typeVersion, e.data])).toEqual(
        originaux.map((o) => [o["eventId"], o["streamVersion"], o["type"], o["typeVersion"], o["data"]])
      )
      yield* Ndjson.importer({ nom: "92.ndjson", contenu: texte })
      assert.strictEqual((yield* Stream.runCollect(store.readAll())).length, lignes.length)
      // and the imported stream folds to the same state as the fixture
      assert.strictEqual((yield* handler.load(stream)).version, lignes.length)
    }).pipe(Effect.provide(postgres("import_ndjson"))))

  it.effect("a bad line among good ones: its number, the field, what was expected; nothing written", () =>
    Effect.gen(function*() {
      const lignes = (yield* exporte).trim().split("\n")
      const casse = lignes.map((
        l,
        i
      ) => (i === 40 ? l.replace("\"typeVersion\":", "\"typeVersion\":\"deux\",\"x\":") : l))
      const e = yield* echec(casse.join("\n"))
      expect(e.problemes[0]).toMatchObject({ ligne: 41, chemin: "typeVersion", recu: "\"deux\"" })
      const tronque = yield* echec(`${lignes.slice(0, 10).join("\n")}\n${(lignes[10] as string).slice(0, 50)}`)
      expect(tronque.problemes[0]).toMatchObject({ ligne: 11, attendu: "one JSON object per line" })
      const inconnu = yield* echec(
        lignes.map((l, i) => (i === 3 ? l.replace("\"type\":\"", "\"type\":\"X") : l)).join("\n")
      )
      expect(inconnu.problemes[0]).toMatchObject({ ligne: 4, chemin: "type" })
      const donnees = yield* echec(
        lignes.map((l, i) => (i === 5 ? l.replace(/"schemaId":"[^"]+"/, "\"schemaId\":\"92\"") : l)).join("\n")
      )
      expect(donnees.problemes[0]).toMatchObject({ ligne: 6, chemin: "data" })
      assert.include(donnees.problemes[0]?.attendu, "schemaId")
      const trou = yield* echec(lignes.filter((_, i) => i !== 7).join("\n"))
      expect(trou.problemes[0]).toMatchObject({
        ligne: 8,
        chemin: "streamVersion",
        attendu: `the next version of ${stream}: 8`
      })
      const latin1 = yield* echec(Buffer.from(lignes.slice(0, 3).join("\n"), "latin1"))
      assert.strictEqual(latin1.problemes[0]?.recu.startsWith("byte 0x"), true)
    }).pipe(Effect.provide(Layer.mergeAll(TestKit.layer()))))

  it.effect("a log that does not continue the store's stream is refused before anything is written", () =>
    Effect.gen(function*() {
      const lignes = (yield* exporte).trim().split("\n")
      yield* Ndjson.importer({ nom: "debut.ndjson", contenu: lignes.slice(0, 5).join("\n") })
      const e = yield* Effect.flip(Ndjson.importer({ nom: "suite.ndjson", contenu: lignes.slice(6).join("\n") }))
      expect((e as FichierInvalide.FichierInvalide).problemes[0]).toMatchObject({
        ligne: 1,
        chemin: "streamVersion",
        recu: "version 5"
      })
      assert.strictEqual((yield* tousLesEvenements).length, 5)
      const r = yield* Ndjson.importer({ nom: "suite.ndjson", contenu: lignes.slice(5).join("\n") })
      assert.strictEqual(r.evenements, lignes.length - 5)
    }).pipe(Effect.provide(TestKit.layer())))
})
