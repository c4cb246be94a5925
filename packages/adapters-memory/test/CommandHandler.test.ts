/**
 * CommandHandler tests, run against the memory store (the domain package cannot depend on an adapter).
 */
import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Layer, Option, Result, Schedule, Schema, Stream } from "effect"
import * as fc from "fast-check"
import { CommandHandler, Decider, EventStore, IdGenerator } from "@sdsf/domain"
import { MemoryEventStore, TestKit } from "@sdsf/adapters-memory"

// A small decider: a counter with a ceiling, a reset, and a stamp that carries time and id from the shell.
type Command =
  | { readonly _tag: "Incrementer"; readonly par: number }
  | { readonly _tag: "RemettreAZero" }
  | { readonly _tag: "Marquer"; readonly le: string; readonly id: string }
type Event =
  | { readonly _tag: "Incremente"; readonly par: number }
  | { readonly _tag: "RemisAZero" }
  | { readonly _tag: "Marque"; readonly le: string; readonly id: string }
interface State {
  readonly total: number
  readonly evenements: number
  readonly marques: ReadonlyArray<string>
}
class PasPositif extends Schema.TaggedError<PasPositif>()("PasPositif", { par: Schema.Number }) {}
class PlafondDepasse extends Schema.TaggedError<PlafondDepasse>()("PlafondDepasse", {
  total: Schema.Number,
  par: Schema.Number
}) {}
type Warning = { readonly _tag: "GrandPas"; readonly par: number }

const PLAFOND = 1000

const compteur: Decider.Decider<Command, Event, State, PasPositif | PlafondDepasse, Warning> = {
  initialState: { total: 0, evenements: 0, marques: [] },
  decide: (command, state) => {
    switch (command._tag) {
      case "Incrementer": {
        if (command.par <= 0) return Result.fail(new PasPositif({ par: command.par }))
        if (state.total + command.par > PLAFOND) {
          return Result.fail(new PlafondDepasse({ total: state.total, par: command.par }))
        }
        const warnings: Array<Warning> = command.par > 10 ? [{ _tag: "GrandPas", par: command.par }] : []
        return Result.succeed({ events: [{ _tag: "Incremente", par: command.par }], warnings })
      }
      case "RemettreAZero":
        return Result.succeed({ events: state.total === 0 ? [] : [{ _tag: "RemisAZero" }], warnings: [] })
      case "Marquer":
        return Result.succeed({ events: [{ _tag: "Marque", le: command.le, id: command.id }], warnings: [] })
    }
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "Incremente":
        return { ...state, total: state.total + event.par, evenements: state.evenements + 1 }
      case "RemisAZero":
        return { ...state, total: 0, evenements: state.evenements + 1 }
      case "Marque":
        return { ...state, evenements: state.evenements + 1, marques: [...state.marques, event.id] }
    }
  }
}

const Stored = Schema.Union([
  Schema.Struct({ _tag: Schema.Literal("Incremente"), par: Schema.Number }),
  Schema.Struct({ _tag: Schema.Literal("RemisAZero") }),
  Schema.Struct({ _tag: Schema.Literal("Marque"), le: Schema.String, id: Schema.String })
])
const decodeStored = Schema.decodeUnknownResult(Stored)

/** The codec, counting how many recorded events it decoded. */
const makeCodec = () => {
  const counter = { decoded: 0 }
  const codec: CommandHandler.Codec<Event, unknown> = {
    encode: ({ _tag, ...data }) => ({ type: _tag, typeVersion: 1, data }),
    decode: (recorded) => {
      counter.decoded++
      if (recorded.typeVersion !== 1) return Result.fail(`unknown version ${recorded.typeVersion}`)
      return decodeStored({ ...(recorded.data as object), _tag: recorded.type })
    }
  }
  return { codec, counter }
}

const stream = (id = "1") => EventStore.streamName("compteur", id)

/** The real memory store, whose appends first yield to other fibers, so that racing handlers interleave. */
const yieldingStore = Layer.effect(
  EventStore.EventStore,
  Effect.gen(function*() {
    const store = yield* MemoryEventStore.make
    return EventStore.EventStore.of({
      ...store,
      append: (name, expected, events) => Effect.andThen(Effect.yieldNow, store.append(name, expected, events))
    })
  })
).pipe(Layer.provideMerge(TestKit.layerIdGenerator()))

/** The real memory store, with another writer that always appends to the stream just before us. */
const alwaysBeatenStore = Layer.effect(
  EventStore.EventStore,
  Effect.gen(function*() {
    const store = yield* MemoryEventStore.make
    return EventStore.EventStore.of({
      ...store,
      append: (name, expected, events) =>
        Effect.andThen(
          store.append(name, EventStore.ExpectedVersion.any, [
            { eventId: IdGenerator.newEventId(), type: "Incremente", typeVersion: 1, data: { par: 1 } }
          ]),
          store.append(name, expected, events)
        )
    })
  })
).pipe(Layer.provideMerge(TestKit.layerIdGenerator()))

describe("CommandHandler", () => {
  it.effect("appends the decided events at the version read, with ids from IdGenerator and the metadata given", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const { codec } = makeCodec()
      const handler = CommandHandler.make({ decider: compteur, codec })
      const first = yield* handler.handle(stream(), { _tag: "Incrementer", par: 3 })
      const second = yield* handler.handle(stream(), { _tag: "Incrementer", par: 4 }, {
        metadata: { correlationId: "corr-1", causationId: "cmd-2", user: "agent" }
      })
      assert.deepStrictEqual(first.events, [{ _tag: "Incremente", par: 3 }])
      assert.strictEqual(first.streamVersion, 1)
      assert.strictEqual(second.streamVersion, 2)
      assert.deepStrictEqual(second.positions, [2])
      assert.deepStrictEqual(second.state, { total: 7, evenements: 2, marques: [] })

      const recorded = yield* kit.appended(stream())
      assert.deepStrictEqual(recorded.map((e) => [e.eventId, e.type, e.typeVersion, e.data]), [
        [TestKit.uuidAt(Date.UTC(2026, 0, 1), 1), "Incremente", 1, { par: 3 }],
        [TestKit.uuidAt(Date.UTC(2026, 0, 1), 2), "Incremente", 1, { par: 4 }]
      ])
      assert.deepStrictEqual(recorded[0]!.metadata, {})
      assert.deepStrictEqual(recorded[1]!.metadata, { correlationId: "corr-1", causationId: "cmd-2", user: "agent" })
      assert.deepStrictEqual(yield* handler.load(stream()), { version: 2, state: second.state })
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("returns the decider's warnings with its events", () =>
    Effect.gen(function*() {
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      const result = yield* handler.handle(stream(), { _tag: "Incrementer", par: 12 })
      assert.deepStrictEqual(result.warnings, [{ _tag: "GrandPas", par: 12 }])
      assert.strictEqual(result.state.total, 12)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("a domain error passes through unchanged and nothing is written", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      yield* handler.handle(stream(), { _tag: "Incrementer", par: 999 })
      const error = yield* Effect.flip(handler.handle(stream(), { _tag: "Incrementer", par: 2 }))
      assert.instanceOf(error, PlafondDepasse)
      assert.deepStrictEqual([(error as PlafondDepasse).total, (error as PlafondDepasse).par], [999, 2])
      const negative = yield* Effect.flip(handler.handle(stream("2"), { _tag: "Incrementer", par: -1 }))
      assert.instanceOf(negative, PasPositif)
      assert.strictEqual((yield* kit.appended()).length, 1)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("a command that causes no event appends nothing and keeps the version", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      const result = yield* handler.handle(stream(), { _tag: "RemettreAZero" })
      assert.deepStrictEqual(result, {
        events: [],
        warnings: [],
        streamVersion: 0,
        positions: [],
        state: compteur.initialState
      })
      assert.deepStrictEqual(yield* kit.events(), [])
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("an event the codec cannot decode is an EventDecodeError naming the stream, version and type", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      yield* kit.seed(stream(), [{ type: "Incremente", data: { par: 1 } }, { type: "Mystere", data: {} }])
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      const error = yield* Effect.flip(handler.handle(stream(), { _tag: "Incrementer", par: 1 }))
      assert.instanceOf(error, CommandHandler.EventDecodeError)
      const decodeError = error as CommandHandler.EventDecodeError
      assert.strictEqual(decodeError.streamName, stream())
      assert.strictEqual(decodeError.streamVersion, 2)
      assert.strictEqual(decodeError.type, "Mystere")
      assert.strictEqual(decodeError.typeVersion, 1)
      assert.deepStrictEqual(yield* kit.appended(), [])
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("handleWith builds the command from the Clock's time and a fresh id", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      const start = Date.UTC(2026, 4, 1, 8)
      const result = yield* handler.handleWith(stream(), ({ id, now }) => ({
        _tag: "Marquer",
        le: DateTime.formatIso(now),
        id
      }))
      assert.deepStrictEqual(result.events, [{
        _tag: "Marque",
        le: "2026-05-01T08:00:00.000Z",
        id: TestKit.uuidAt(start, 1)
      }])
      const [recorded] = yield* kit.appended()
      assert.strictEqual(recorded!.eventId, TestKit.uuidAt(start, 2))
      assert.strictEqual(recorded!.recordedAt, "2026-05-01T08:00:00.000Z")
    }).pipe(Effect.provide(TestKit.layer({ startTime: "2026-05-01T08:00:00.000Z" }))))

  it.effect("racing handlers on one stream all succeed after retries, with contiguous versions", () =>
    Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      let retries = 0
      const handler = CommandHandler.make({
        decider: compteur,
        codec: makeCodec().codec,
        retry: Schedule.recurs(20).pipe(Schedule.tap(() => Effect.sync(() => void retries++)))
      })
      const results = yield* Effect.forEach(
        [1, 2, 3, 4, 5],
        (par) => handler.handle(stream(), { _tag: "Incrementer", par }),
        { concurrency: "unbounded" }
      )
      assert.isTrue(retries > 0, "the handlers did race")
      assert.deepStrictEqual(results.map((r) => r.streamVersion).sort(), [1, 2, 3, 4, 5])
      const recorded = yield* Stream.runCollect(store.readStream(stream()))
      assert.deepStrictEqual(recorded.map((e) => e.streamVersion), [1, 2, 3, 4, 5])
      const last = results.find((r) => r.streamVersion === 5)!
      assert.deepStrictEqual(last.state, { total: 15, evenements: 5, marques: [] })
    }).pipe(Effect.provide(yieldingStore)))

  it.effect("gives up with WrongExpectedVersion once the retry schedule is spent", () =>
    Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec, retry: Schedule.recurs(2) })
      const error = yield* Effect.flip(handler.handle(stream(), { _tag: "Incrementer", par: 5 }))
      assert.instanceOf(error, EventStore.WrongExpectedVersion)
      const recorded = yield* Stream.runCollect(store.readStream(stream()))
      // three attempts, each beaten by the other writer; none of ours landed
      assert.deepStrictEqual(recorded.map((e) => e.data), [{ par: 1 }, { par: 1 }, { par: 1 }])
    }).pipe(Effect.provide(alwaysBeatenStore)))

  it.effect("handleAll decides each command on the state the previous ones left and appends them in one batch", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const store = yield* EventStore.EventStore
      let appends = 0
      const counting = EventStore.EventStore.of({
        ...store,
        append: (name, expected, events) =>
          Effect.andThen(Effect.sync(() => void appends++), store.append(name, expected, events))
      })
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      yield* handler.handle(stream(), { _tag: "Incrementer", par: 1 }).pipe(
        Effect.provideService(EventStore.EventStore, counting)
      )
      const result = yield* handler.handleAll(stream(), [
        { _tag: "Incrementer", par: 2 },
        { _tag: "RemettreAZero" },
        { _tag: "RemettreAZero" },
        { _tag: "Incrementer", par: 20 }
      ], { metadata: { correlationId: "import-1" } }).pipe(Effect.provideService(EventStore.EventStore, counting))
      assert.strictEqual(appends, 2, "one append for the single command, one for the whole batch")
      // the second reset sees the first one's state (total 0) and causes nothing
      assert.deepStrictEqual(result.decisions.map((d) => d.events.length), [1, 1, 0, 1])
      assert.deepStrictEqual(result.events, [
        { _tag: "Incremente", par: 2 },
        { _tag: "RemisAZero" },
        { _tag: "Incremente", par: 20 }
      ])
      assert.deepStrictEqual(result.warnings, [{ _tag: "GrandPas", par: 20 }])
      assert.deepStrictEqual([result.streamVersion, result.positions], [4, [2, 3, 4]])
      assert.deepStrictEqual(result.state, { total: 20, evenements: 4, marques: [] })
      const recorded = yield* kit.appended(stream())
      assert.deepStrictEqual(recorded.map((e) => e.metadata), [{}, ...Array(3).fill({ correlationId: "import-1" })])
      assert.deepStrictEqual(yield* handler.load(stream()), { version: 4, state: result.state })
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("handleAll is all or nothing: a refused command names its index and tag, and nothing is written", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      yield* handler.handle(stream(), { _tag: "Incrementer", par: 500 })
      const error = yield* Effect.flip(handler.handleAll(stream(), [
        { _tag: "Incrementer", par: 400 },
        { _tag: "RemettreAZero" },
        { _tag: "Incrementer", par: 900 },
        { _tag: "Incrementer", par: 200 }
      ]))
      assert.instanceOf(error, CommandHandler.CommandRefused)
      const refused = error as CommandHandler.Refused<PasPositif | PlafondDepasse>
      assert.deepStrictEqual([refused.index, refused.command], [3, "Incrementer"])
      assert.instanceOf(refused.error, PlafondDepasse)
      const plafond = refused.error as PlafondDepasse
      assert.deepStrictEqual([plafond.total, plafond.par], [900, 200])
      assert.match(refused.message, /^command #3 Incrementer refused: PlafondDepasse/)
      assert.deepStrictEqual((yield* kit.appended()).map((e) => e.data), [{ par: 500 }])
      assert.deepStrictEqual(yield* handler.load(stream()), {
        version: 1,
        state: { total: 500, evenements: 1, marques: [] }
      })
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("handleAll: an input the decider's check rejects names its index, tag, field, reason and value", () =>
    Effect.gen(function*() {
      const kit = yield* TestKit.TestKit
      const check = (input: unknown) =>
        typeof input === "object" && input !== null && "_tag" in input && input._tag === "Incrementer" &&
          "par" in input && typeof input.par !== "number"
          ? Result.fail(
            new CommandHandler.InvalidCommand({
              command: "Incrementer",
              path: "par",
              reason: "expected a number",
              value: JSON.stringify(input.par)
            })
          )
          : Result.succeed(input as Command)
      const handler = CommandHandler.make({ decider: { ...compteur, check }, codec: makeCodec().codec })
      const parsed: ReadonlyArray<Command> = JSON.parse(
        "[{\"_tag\":\"Incrementer\",\"par\":1},{\"_tag\":\"Incrementer\",\"par\":\"2\"}]"
      )
      const error = yield* Effect.flip(handler.handleAll(stream(), parsed))
      assert.instanceOf(error, CommandHandler.InvalidCommand)
      assert.strictEqual(error.message, "command #1 Incrementer: par: expected a number, received \"2\"")
      assert.deepStrictEqual(yield* kit.appended(), [])
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("handleAll retries the whole batch from a fresh load when another writer got there first", () =>
    Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec, retry: Schedule.recurs(50) })
      const batches = [[1, 2], [3, 4], [5, 6], [7, 8]]
      const results = yield* Effect.forEach(
        batches,
        (pars) => handler.handleAll(stream(), pars.map((par): Command => ({ _tag: "Incrementer", par }))),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(results.map((r) => r.streamVersion).sort(), [2, 4, 6, 8])
      const recorded = yield* Stream.runCollect(store.readStream(stream()))
      assert.deepStrictEqual(recorded.map((e) => e.streamVersion), [1, 2, 3, 4, 5, 6, 7, 8])
      // each batch landed whole: its two events are adjacent
      const pars = recorded.map((e) => (e.data as { par: number }).par)
      for (let i = 0; i < 8; i += 2) assert.strictEqual(pars[i + 1], pars[i]! + 1)
      assert.deepStrictEqual(results.find((r) => r.streamVersion === 8)!.state.total, 36)
    }).pipe(Effect.provide(yieldingStore)))

  it.effect("a stream already folded is loaded by reading only the events appended since", () =>
    Effect.gen(function*() {
      const { codec, counter } = makeCodec()
      const handler = CommandHandler.make({ decider: compteur, codec })
      for (const par of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) yield* handler.handle(stream(), { _tag: "Incrementer", par })
      // without the kept state, the n-th command decoded its n - 1 predecessors: 45 decodes
      assert.strictEqual(counter.decoded, 0)
      const other = CommandHandler.make({ decider: compteur, codec: makeCodec().codec })
      yield* other.handleAll(stream(), [{ _tag: "Incrementer", par: 1 }, { _tag: "Incrementer", par: 1 }])
      const result = yield* handler.handle(stream(), { _tag: "Incrementer", par: 1 })
      assert.strictEqual(counter.decoded, 2, "only the two events another handler appended")
      assert.deepStrictEqual([result.streamVersion, result.state.total], [13, 58])
      const full = makeCodec()
      assert.deepStrictEqual(
        yield* CommandHandler.make({ decider: compteur, codec: full.codec, cacheSize: 0 }).load(stream()),
        yield* handler.load(stream())
      )
      assert.strictEqual(full.counter.decoded, 13)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("kept states belong to their store: the same handler on a fresh store starts from the initial state", () =>
    Effect.gen(function*() {
      // no retry: a state kept from the first store would only be caught by a conflict
      const handler = CommandHandler.make({ decider: compteur, codec: makeCodec().codec, retry: Schedule.recurs(0) })
      const first = yield* handler.handle(stream(), { _tag: "Incrementer", par: 7 }).pipe(
        Effect.provide(TestKit.layer())
      )
      const fresh = yield* handler.load(stream()).pipe(Effect.provide(TestKit.layer()))
      const second = yield* handler.handle(stream(), { _tag: "Incrementer", par: 2 }).pipe(
        Effect.provide(TestKit.layer())
      )
      assert.deepStrictEqual([first.streamVersion, first.state.total], [1, 7])
      assert.deepStrictEqual(fresh, { version: 0, state: compteur.initialState })
      assert.deepStrictEqual([second.streamVersion, second.state.total], [1, 2])
    }))

  it.effect("cacheSize bounds the streams kept: the least recently used is folded again", () =>
    Effect.gen(function*() {
      const { codec, counter } = makeCodec()
      const handler = CommandHandler.make({ decider: compteur, codec, cacheSize: 2 })
      for (const id of ["a", "b", "c"]) yield* handler.handle(stream(id), { _tag: "Incrementer", par: 1 })
      yield* handler.load(stream("c"))
      yield* handler.load(stream("b"))
      assert.strictEqual(counter.decoded, 0)
      yield* handler.load(stream("a"))
      assert.strictEqual(counter.decoded, 1)
    }).pipe(Effect.provide(TestKit.layer())))

  const snapshotStore = () => {
    const saved = new Map<string, CommandHandler.Snapshot<State>>()
    const snapshots: CommandHandler.Snapshots<State> = {
      load: (name) => Effect.sync(() => Option.fromNullishOr(saved.get(name))),
      save: (name, version, state) => Effect.sync(() => void saved.set(name, { version, state })),
      every: 5
    }
    return { saved, snapshots }
  }

  it.effect("snapshots: saved every N events, loads read only the events after them, same state as a full fold", () =>
    Effect.gen(function*() {
      const { saved, snapshots } = snapshotStore()
      const withSnapshots = makeCodec()
      // cacheSize 0: no state kept in memory, so loads go through the snapshots
      const handler = CommandHandler.make({ decider: compteur, codec: withSnapshots.codec, snapshots, cacheSize: 0 })
      for (const par of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
        yield* handler.handle(stream(), par % 4 === 0 ? { _tag: "RemettreAZero" } : { _tag: "Incrementer", par })
      }
      assert.strictEqual(saved.get(stream())?.version, 10)

      withSnapshots.counter.decoded = 0
      const fast = yield* handler.load(stream())
      assert.strictEqual(withSnapshots.counter.decoded, 2)

      const full = makeCodec()
      const slow = yield* CommandHandler.make({ decider: compteur, codec: full.codec }).load(stream())
      assert.strictEqual(full.counter.decoded, 12)
      assert.deepStrictEqual(fast, slow)
      assert.deepStrictEqual(fast.version, 12)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("a failing snapshot store costs speed, not commands: load folds everything, save failures are ignored", () =>
    Effect.gen(function*() {
      class SnapshotsDown extends Schema.TaggedError<SnapshotsDown>()("SnapshotsDown", {}) {}
      const broken: CommandHandler.Snapshots<State, SnapshotsDown> = {
        load: () => Effect.fail(new SnapshotsDown()),
        save: () => Effect.fail(new SnapshotsDown()),
        every: 1
      }
      const { codec, counter } = makeCodec()
      const handler = CommandHandler.make({ decider: compteur, codec, snapshots: broken, cacheSize: 0 })
      yield* handler.handle(stream(), { _tag: "Incrementer", par: 2 })
      const result = yield* handler.handle(stream(), { _tag: "Incrementer", par: 3 })
      assert.deepStrictEqual([result.streamVersion, result.state.total], [2, 5])
      counter.decoded = 0
      assert.deepStrictEqual(yield* handler.load(stream()), { version: 2, state: result.state })
      assert.strictEqual(counter.decoded, 2)
    }).pipe(Effect.provide(TestKit.layer())))

  it.effect("property: with snapshots, any command sequence gives the state of a full fold", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant(0)), { maxLength: 40 }),
          fc.integer({ min: 1, max: 7 }),
          (steps, every) =>
            Effect.runPromise(
              Effect.gen(function*() {
                const { snapshots } = snapshotStore()
                const handler = CommandHandler.make({
                  decider: compteur,
                  codec: makeCodec().codec,
                  snapshots: { ...snapshots, every },
                  cacheSize: 0
                })
                for (const par of steps) {
                  yield* Effect.result(
                    handler.handle(stream(), par === 0 ? { _tag: "RemettreAZero" } : { _tag: "Incrementer", par })
                  )
                }
                const fast = yield* handler.load(stream())
                const slow = yield* CommandHandler.make({ decider: compteur, codec: makeCodec().codec }).load(stream())
                assert.deepStrictEqual(fast, slow)
                const events = (yield* Stream.runCollect((yield* EventStore.EventStore).readStream(stream())))
                  .map((e) => Result.getOrThrow(makeCodec().codec.decode(e)))
                assert.deepStrictEqual(slow.state, Decider.fold(compteur, events))
              }).pipe(Effect.provide(TestKit.layer()))
            )
        ),
        { numRuns: 60 }
      )
    ))
})
