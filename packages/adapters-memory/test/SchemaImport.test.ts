/**
 * A schéma imported through the command handler (issue 9, cases 10 and 11): as one atomic batch (all or nothing),
 * command by command, and from unchecked JSON, which fails with a typed error rather than a defect.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Stream } from "effect"
import { Catalogue, CommandHandler, Commandes, EventStore, SchemaDepartemental } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { TestKit } from "@sdsf/adapters-memory"

const stream = EventStore.streamName("schema", HautsDeSeine.schemaId)
const handler = () => CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec })
const stored = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  return (yield* Stream.runCollect(store.readStream(stream))).map((e) => [e.type, e.data])
})

describe("importing a schéma", () => {
  it.effect("handleAll writes the Hauts-de-Seine schéma: the events, warnings and state of one command at a time", () =>
    Effect.gen(function*() {
      const commandes = HautsDeSeine.commandes()
      const batch = yield* handler().handleAll(stream, commandes)
      const batchEvents = yield* stored
      const one = handler()
      const oneByOne = yield* Effect.gen(function*() {
        const warnings = []
        for (const c of commandes) warnings.push(...(yield* one.handle(stream, c)).warnings)
        return { warnings, events: yield* stored, state: (yield* one.load(stream)).state }
      }).pipe(Effect.provide(TestKit.layer()))
      assert.strictEqual(batch.streamVersion, commandes.length)
      assert.strictEqual(batch.decisions.length, commandes.length)
      expect(batchEvents).toEqual(oneByOne.events)
      expect(batch.warnings).toEqual(oneByOne.warnings)
      expect(batch.state).toEqual(oneByOne.state)
      // and a handler that folds the stored stream from scratch finds the same state
      const fresh = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec, cacheSize: 0 })
      const reloaded = yield* fresh.load(stream)
      expect(reloaded.state).toEqual(batch.state)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("an import is all or nothing: the refused command is named by index and tag, with the domain's error", () =>
    Effect.gen(function*() {
      const commandes = HautsDeSeine.commandes()
      const i = commandes.findIndex((c) => c._tag === "TenirReunion")
      // the same meeting twice: the second one is refused (DejaExistant), after hundreds of good commands
      const error = yield* Effect.flip(handler().handleAll(stream, [...commandes, commandes[i] as Commandes.Commande]))
      assert.instanceOf(error, CommandHandler.CommandRefused)
      const refused = error as CommandHandler.CommandRefused
      assert.deepStrictEqual([refused.index, refused.command], [commandes.length, "TenirReunion"])
      assert.strictEqual((refused.error as { readonly _tag: string })._tag, "DejaExistant")
      assert.match(refused.message, new RegExp(`^command #${commandes.length} TenirReunion refused: DejaExistant`))
      assert.deepStrictEqual(yield* stored, [])
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("handle given unchecked JSON fails with InvalidCommand naming the tag received and its closest tags", () =>
    Effect.gen(function*() {
      const h = handler()
      yield* h.handleAll(stream, HautsDeSeine.commandes().slice(0, 5))
      const json = `{"_tag":"EnregistrerValeurIndicateurs","schemaId":"${HautsDeSeine.schemaId}"}`
      const input: Commandes.Commande = JSON.parse(json)
      const exit = yield* Effect.exit(h.handle(stream, input))
      // before: a TypeError from the decider, a defect
      assert.isTrue(Exit.isFailure(exit) && Exit.hasFails(exit), "a typed failure, not a defect")
      const error = yield* Effect.flip(h.handle(stream, input))
      assert.instanceOf(error, CommandHandler.InvalidCommand)
      assert.strictEqual(
        error.message,
        "command EnregistrerValeurIndicateurs: _tag: unknown command; closest: EnregistrerValeurIndicateur, " +
          "received \"EnregistrerValeurIndicateurs\""
      )
      assert.strictEqual((yield* stored).length, 5)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("handleAll given JSON: every command is checked, a bad one named by index, field, reason and value", () =>
    Effect.gen(function*() {
      const json: ReadonlyArray<Commandes.Commande> = JSON.parse(JSON.stringify(HautsDeSeine.commandes()))
      const bad = json.map((c, i) => (i === 7 ? { ...c, survenuLe: "hier" } : c)) as ReadonlyArray<Commandes.Commande>
      const error = yield* Effect.flip(handler().handleAll(stream, bad))
      assert.instanceOf(error, CommandHandler.InvalidCommand)
      assert.strictEqual(
        error.message,
        `command #7 ${json[7]?._tag}: survenuLe: an instant is written YYYY-MM-DDTHH:mm:ss.sssZ (UTC), received "hier"`
      )
      assert.deepStrictEqual(yield* stored, [])
      // the same JSON, untouched, imports whole
      const done = yield* handler().handleAll(stream, json)
      assert.strictEqual(done.streamVersion, json.length)
    }).pipe(Effect.provide(TestKit.layer())))
})
