/**
 * The projection-store contract: one `@effect/vitest` suite every `ProjectionStore` adapter runs unchanged, on the
 * small projection of `@sdsf/domain/testing`'s `TestProjection`, which adapters' own tests reuse.
 *
 * Each test uses a projection of its own name that only counts streams of its own category, so the suite can run
 * against a shared store (the log holds every earlier test's events). Tests run with the live clock.
 *
 * @example
 * ```ts
 * import { ProjectionStoreContract } from "@sdsf/domain/testing/contract"
 * const layer = MemoryProjectionStore.layer.pipe(Layer.provideMerge(MemoryEventStore.layerMemory))
 * ProjectionStoreContract.suite("memory", layer)
 * ```
 */
import { assert, layer } from "@effect/vitest"
import { Duration, Effect, Fiber } from "effect"
import type { Layer } from "effect"
import * as Catalogue from "../Catalogue.ts"
import { EventStore, ExpectedVersion, streamName } from "../EventStore.ts"
import type { EventToAppend, StreamName } from "../EventStore.ts"
import { newEventId } from "../IdGenerator.ts"
import * as Projection from "../Projection.ts"
import { events, expectedRows, fresh, storedRows, testProjection, undeclaredReadMotif } from "./TestProjection.ts"

/** Options of the suite. */
export interface SuiteOptions {
  /** Timeout of building the layer and of each test. */
  readonly timeout?: Duration.Input
}

/** Runs the `ProjectionStore` contract against `storeLayer` (which also provides the `EventStore` it reads). */
export const suite = <E>(
  name: string,
  storeLayer: Layer.Layer<Projection.ProjectionStore | EventStore, E>,
  options?: SuiteOptions
): void =>
  layer(storeLayer, {
    excludeTestServices: true,
    ...(options?.timeout === undefined ? {} : { timeout: options.timeout })
  })(
    `ProjectionStore contract: ${name}`,
    (it) => {
      const test = it.effect

      // An event of a catalog type whose data its schema refuses.
      const undecodable = (type: "InstitutionEnregistree" | "InstanceCreee"): EventToAppend => ({
        eventId: newEventId(),
        type,
        typeVersion: Catalogue.entree(type)!.version,
        data: { schemaId: "not a uuid" }
      })

      const append = (stream: StreamName, batch: ReadonlyArray<EventToAppend>) =>
        Effect.flatMap(EventStore, (store) => store.append(stream, ExpectedVersion.any, batch))

      // The test projection at versions 1 and 2 under one fresh name, the store, and a stream of its category.
      const twoVersions = Effect.map(Projection.ProjectionStore, (projections) => {
        const { name, category } = fresh()
        return {
          name,
          v1: testProjection({ name, category }),
          v2: testProjection({ name, category, version: 2 }),
          projections,
          a: streamName(category, "a")
        }
      })

      test("runs from empty: every table equals the in-memory fold of the log", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          assert.deepStrictEqual(yield* projections.position(projection), { position: 0, version: undefined })
          assert.deepStrictEqual(yield* projections.rows(projection, "streams"), [])
          const a = streamName(category, "a")
          const b = streamName(category, "b")
          yield* append(a, [events.lettre("Premier", 1), events.prorogee(2027), events.unhandled()])
          yield* append(b, [events.prorogee(2028), events.lettre("Second")])
          yield* append(a, [events.lettre("Troisième, \"{n°3}\" \\ NULL", 3)])
          const summary = yield* projections.run(projection)
          assert.strictEqual(summary.projection, name)
          assert.strictEqual(summary.version, 1)
          assert.isFalse(summary.rebuilt)
          const head = yield* Effect.flatMap(EventStore, (s) => s.headPosition)
          assert.strictEqual(summary.position, head)
          assert.deepStrictEqual(yield* projections.position(projection), { position: head, version: 1 })
          const rows = yield* storedRows(projection)
          assert.deepStrictEqual(rows, yield* expectedRows(projection))
          assert.deepStrictEqual(rows["streams"], [
            {
              stream: a,
              events: 3,
              types: ["LettreInformationPubliee", "PeriodeProrogee", "LettreInformationPubliee"],
              titres: ["Premier", "Troisième, \"{n°3}\" \\ NULL"],
              ratio: 3 / 4,
              last_titre: "Troisième, \"{n°3}\" \\ NULL",
              fin: 2027,
              has_lettre: true
            },
            {
              stream: b,
              events: 2,
              types: ["PeriodeProrogee", "LettreInformationPubliee"],
              titres: ["Second"],
              ratio: 1,
              last_titre: "Second",
              fin: 2028,
              has_lettre: true
            }
          ])
          assert.deepStrictEqual(rows["lettres"]!.map((r) => [r["stream"], r["version"], r["numero"], r["share"]]), [
            [a, 1, 1, 1 / 7],
            [a, 4, 3, 3 / 7],
            [b, 2, null, null]
          ])
          assert.deepStrictEqual(rows["types"], [
            { type: "LettreInformationPubliee", count: 3 },
            { type: "PeriodeProrogee", count: 2 }
          ])
        }))

      test("resumes after a run: only the events appended since are applied", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          const a = streamName(category, "a")
          yield* append(a, [events.lettre("Un", 1), events.lettre("Deux", 2)])
          yield* projections.run(projection)
          yield* append(a, [events.lettre("Trois", 3), events.unhandled(), events.prorogee(2030)])
          const second = yield* projections.run(projection)
          assert.strictEqual(second.applied, 2, "two handled events appended since the first run")
          const third = yield* projections.run(projection)
          assert.strictEqual(third.applied, 0)
          const rows = yield* storedRows(projection)
          assert.deepStrictEqual(rows, yield* expectedRows(projection))
          assert.strictEqual(rows["streams"]![0]!["events"], 4, "each event counted once")
        }))

      test("skips events of unhandled types and moves its checkpoint past them", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          const a = streamName(category, "a")
          yield* append(a, [events.lettre("Un")])
          yield* projections.run(projection)
          const appended = yield* append(a, [events.unhandled(), events.unhandled(), events.unhandled()])
          const summary = yield* projections.run(projection)
          assert.strictEqual(summary.applied, 0)
          assert.strictEqual(summary.position, appended.positions[2])
          assert.strictEqual((yield* projections.position(projection)).position, appended.positions[2])
          assert.strictEqual((yield* projections.rows(projection, "streams"))[0]!["events"], 1)
        }))

      test("stops at an event it cannot decode, every earlier event applied; a rerun stops at the same event", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category, alsoHandles: ["InstitutionEnregistree"] })
          const projections = yield* Projection.ProjectionStore
          const a = streamName(category, "a")
          const bad = undecodable("InstitutionEnregistree")
          const appended = yield* append(a, [events.lettre("Un"), events.unhandled(), bad, events.lettre("Trois")])
          const at = appended.positions[2]!
          for (let attempt = 0; attempt < 2; attempt++) {
            const error = yield* Effect.flip(projections.run(projection))
            assert.instanceOf(error, Projection.PoisonEvent)
            const poison = error as Projection.PoisonEvent
            assert.strictEqual(poison.projection, name)
            assert.strictEqual(poison.position, at)
            assert.strictEqual(poison.checkpoint, appended.positions[1])
            assert.strictEqual(poison.type, "InstitutionEnregistree")
            assert.strictEqual(poison.streamName, a)
            assert.strictEqual(poison.eventId, bad.eventId)
            assert.deepStrictEqual(yield* projections.position(projection), {
              position: appended.positions[1]!,
              version: 1
            })
            const streams = yield* projections.rows(projection, "streams")
            assert.deepStrictEqual(streams.map((r) => [r["events"], r["last_titre"]]), [[1, "Un"]])
          }
        }))

      test("a defect of evolve (reading a row it did not name) fails the batch and writes nothing of it", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          const a = streamName(category, "a")
          yield* append(a, [events.lettre("Un"), events.lettre("Deux")])
          const before = yield* projections.run(projection)
          const appended = yield* append(a, [events.lettre("Trois"), events.prorogee(2030, undeclaredReadMotif)])
          for (let attempt = 0; attempt < 2; attempt++) {
            const error = yield* Effect.flip(projections.run(projection))
            assert.instanceOf(error, Projection.ProjectionDefect)
            const defect = error as Projection.ProjectionDefect
            assert.strictEqual(defect.position, appended.positions[1])
            assert.strictEqual(defect.type, "PeriodeProrogee")
            assert.match(defect.reason, /without naming it in reads/)
            assert.deepStrictEqual(yield* projections.position(projection), { position: before.position, version: 1 })
            const streams = yield* projections.rows(projection, "streams")
            assert.deepStrictEqual(streams.map((r) => [r["events"], r["last_titre"]]), [[2, "Deux"]])
            assert.strictEqual((yield* projections.rows(projection, "lettres")).length, 2)
          }
        }))

      test("run ends under a steady stream of appends, at the log's head when it started or past it", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          const store = yield* EventStore
          const a = streamName(category, "a")
          yield* append(a, [events.lettre("un", 1)])
          let writing = true
          const writer = yield* Effect.forkChild(Effect.gen(function*() {
            for (let i = 2; writing; i += 20) {
              yield* append(a, Array.from({ length: 20 }, (_, j) => events.lettre(`lettre ${i + j}`, i + j)))
              yield* Effect.yieldNow
            }
          }))
          yield* Effect.sleep("50 millis")
          const head = yield* store.headPosition
          // Batches of two, slower than the writer: a run that went on until a pass found nothing new never ended.
          const summary = yield* projections.run(projection, { batchSize: 2 })
          writing = false
          yield* Fiber.join(writer)
          assert.isAtLeast(summary.position, head)
          assert.isFalse(summary.rebuilt)
        }))

      test("a new version is rebuilt from zero at run: the old rows are gone", () =>
        Effect.gen(function*() {
          const { v1, v2, projections, a } = yield* twoVersions
          yield* append(a, [events.lettre("minuscules", 1), events.prorogee(2029)])
          yield* projections.run(v1)
          assert.strictEqual((yield* projections.rows(v1, "lettres"))[0]!["titre"], "minuscules")
          const summary = yield* projections.run(v2)
          assert.isTrue(summary.rebuilt)
          assert.strictEqual(summary.version, 2)
          assert.isAtLeast(summary.applied, 2, "the replay applies the log from the start")
          const rows = yield* storedRows(v2)
          assert.deepStrictEqual(rows, yield* expectedRows(v2))
          assert.deepStrictEqual(rows["lettres"]!.map((r) => r["titre"]), ["MINUSCULES"])
          assert.deepStrictEqual(rows["streams"]!.map((r) => r["since_v2"]), [true])
          assert.deepStrictEqual((yield* projections.position(v2)).version, 2)
          assert.deepStrictEqual(yield* projections.rows(v1, "lettres"), [], "no rows of the old version")
          assert.isFalse((yield* projections.run(v2)).rebuilt)
        }))

      test(
        "run with an older version than the stored one fails with NewerVersionStored and changes nothing; " +
          "rebuild goes back to it (a rolling deploy's old processes do not rebuild over the new version)",
        () =>
          Effect.gen(function*() {
            const { name, v1, v2, projections, a } = yield* twoVersions
            yield* append(a, [events.lettre("minuscules", 1)])
            yield* projections.run(v1)
            yield* projections.run(v2)
            yield* append(a, [events.lettre("encore", 2)])
            const before = yield* projections.position(v2)
            const error = yield* Effect.flip(projections.run(v1))
            assert.instanceOf(error, Projection.NewerVersionStored)
            const newer = error as Projection.NewerVersionStored
            assert.deepStrictEqual([newer.projection, newer.version, newer.stored], [name, 1, 2])
            assert.include(newer.message, "version 1")
            assert.include(newer.message, "version 2")
            assert.deepStrictEqual(yield* projections.position(v2), before, "the newer version's checkpoint stays")
            const all = yield* Effect.flip(projections.runAll([v1]))
            assert.instanceOf(all, Projection.NewerVersionStored)
            // The newer code goes on; going back is a rebuild, on purpose.
            assert.isFalse((yield* projections.run(v2)).rebuilt)
            assert.deepStrictEqual((yield* storedRows(v2))["lettres"]!.map((r) => r["titre"]), ["MINUSCULES", "ENCORE"])
            const back = yield* projections.rebuild(v1)
            assert.isTrue(back.rebuilt)
            assert.strictEqual(back.version, 1)
            assert.deepStrictEqual(yield* storedRows(v1), yield* expectedRows(v1))
          })
      )

      test("rebuild replays the log into identical rows", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          yield* append(streamName(category, "a"), [events.lettre("Un", 4), events.prorogee(2031), events.bilan()])
          yield* append(streamName(category, "b"), [events.lettre("Deux", 5), events.prorogee(2032)])
          const first = yield* projections.run(projection)
          const before = yield* storedRows(projection)
          const rebuilt = yield* projections.rebuild(projection)
          assert.isTrue(rebuilt.rebuilt)
          assert.strictEqual(rebuilt.position, first.position)
          assert.deepStrictEqual(yield* storedRows(projection), before)
          assert.deepStrictEqual(before["streams"]!.map((r) => r["stream"]), [streamName(category, "b")], "a deleted")
          assert.deepStrictEqual(yield* projections.position(projection), { position: first.position, version: 1 })
        }))

      test("lists rows sorted by key: text by code units, integers by value", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          const ids = ["b", "B", "a_2", "a-10", "a.1", "Z", "a", "0"]
          for (const id of ids) yield* append(streamName(category, id), [events.prorogee(2030)])
          const c = streamName(category, "c")
          yield* append(c, Array.from({ length: 12 }, (_, i) => events.lettre(`n${i + 1}`, i + 1)))
          yield* projections.run(projection)
          const streams = (yield* projections.rows(projection, "streams")).map((r) => r["stream"])
          const sorted = [...ids, "c"].map((id) => streamName(category, id))
            .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
          assert.deepStrictEqual(streams, sorted)
          const versions = (yield* projections.rows(projection, "lettres")).map((r) => r["version"])
          assert.deepStrictEqual(versions, Array.from({ length: 12 }, (_, i) => i + 1))
        }))

      test("reports progress after each batch: increasing positions, remaining down to 0", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          yield* append(streamName(category, "a"), Array.from({ length: 9 }, (_, i) => events.lettre(`t${i}`, i)))
          const head = yield* Effect.flatMap(EventStore, (s) => s.headPosition)
          const seen: Array<Projection.Progress> = []
          yield* projections.run(projection, {
            batchSize: 4,
            onProgress: (p) => Effect.sync(() => seen.push(p))
          })
          assert.isAtLeast(seen.length, 3)
          for (let i = 1; i < seen.length; i++) {
            assert.isAbove(seen[i]!.position, seen[i - 1]!.position)
            assert.isAbove(seen[i]!.read, seen[i - 1]!.read)
            assert.isAtMost(seen[i]!.remaining, seen[i - 1]!.remaining)
          }
          for (const p of seen) {
            assert.strictEqual(p.projection, name)
            assert.strictEqual(p.head, head)
            assert.strictEqual(p.remaining, Math.max(0, head - p.position))
            assert.isAtLeast(p.eventsPerSecond, 0)
          }
          assert.strictEqual(seen[seen.length - 1]!.position, head)
          assert.strictEqual(seen[seen.length - 1]!.remaining, 0)
          assert.isAtLeast(seen[seen.length - 1]!.read, 9)
        }))

      test("rows of a table the projection does not declare is an UnknownTable error", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          const error = yield* Effect.flip(projections.rows(projection, "nope"))
          assert.instanceOf(error, Projection.UnknownTable)
          const unknown = error as Projection.UnknownTable
          assert.deepStrictEqual([unknown.projection, unknown.table], [name, "nope"])
        }))

      test("refuses a batch size that is not a positive integer, running nothing", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          for (const batchSize of [0, -1, 1.5, Number.NaN]) {
            const error = yield* Effect.flip(projections.run(projection, { batchSize }))
            assert.instanceOf(error, Projection.InvalidRunOption)
            assert.strictEqual((error as Projection.InvalidRunOption).field, "batchSize")
          }
          assert.deepStrictEqual(yield* projections.position(projection), { position: 0, version: undefined })
        }))

      test("runAll feeds several projections from the log: each ends as its own run would, summaries in order", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const trio = [0, 1, 2].map((i) => testProjection({ name: `${name}_${i}`, category }))
          const projections = yield* Projection.ProjectionStore
          const a = streamName(category, "a")
          const b = streamName(category, "b")
          yield* append(a, [events.lettre("Un", 1), events.unhandled(), events.prorogee(2029)])
          // The first one runs ahead: runAll finds them at different checkpoints.
          const before = yield* projections.run(trio[0]!)
          yield* append(b, Array.from({ length: 25 }, (_, i) => events.lettre(`b${i}`, i)))
          yield* append(a, [events.lettre("Deux", 2), events.prorogee(2031)])
          const summaries = yield* projections.runAll(trio, { batchSize: 4 })
          assert.deepStrictEqual(summaries.map((s) => s.projection), trio.map((p) => p.name))
          // Applied counts every handled event of the log (the store may hold other tests' events too): the first one
          // had applied some before.
          const [ahead, second, third] = summaries.map((s) => s.applied)
          assert.strictEqual(second, third)
          assert.strictEqual(second! - ahead!, before.applied)
          const head = yield* Effect.flatMap(EventStore, (s) => s.headPosition)
          for (const [i, p] of trio.entries()) {
            assert.strictEqual(summaries[i]!.position, head)
            assert.deepStrictEqual(yield* storedRows(p), yield* expectedRows(p))
          }
          // Together again, nothing left to apply.
          const again = yield* projections.runAll(trio)
          assert.deepStrictEqual(again.map((s) => s.applied), [0, 0, 0])
        }))

      test("runAll stops at an event one projection cannot decode, the others' tables complete up to it", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const plain = testProjection({ name: `${name}_plain`, category })
          // A type no other test of the suite stores undecodable (the store may be shared).
          const picky = testProjection({ name: `${name}_picky`, category, alsoHandles: ["InstanceCreee"] })
          const projections = yield* Projection.ProjectionStore
          const a = streamName(category, "a")
          const bad = undecodable("InstanceCreee")
          const appended = yield* append(a, [events.lettre("Un"), bad, events.lettre("Trois")])
          const error = yield* Effect.flip(projections.runAll([plain, picky], { batchSize: 2 }))
          assert.instanceOf(error, Projection.PoisonEvent)
          assert.strictEqual((error as Projection.PoisonEvent).projection, picky.name)
          assert.strictEqual((error as Projection.PoisonEvent).position, appended.positions[1])
          // The projection that does not handle the event is complete; the other stands just before it.
          const head = yield* Effect.flatMap(EventStore, (s) => s.headPosition)
          assert.deepStrictEqual(yield* projections.position(plain), { position: head, version: 1 })
          assert.deepStrictEqual(yield* storedRows(plain), yield* expectedRows(plain))
          assert.deepStrictEqual(yield* projections.position(picky), { position: appended.positions[0]!, version: 1 })
        }))

      test("runAll refuses a projection listed twice, running nothing", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          yield* append(streamName(category, "a"), [events.lettre("Un")])
          const error = yield* Effect.flip(projections.runAll([projection, projection]))
          assert.instanceOf(error, Projection.InvalidRunOption)
          assert.strictEqual((error as Projection.InvalidRunOption).field, "projections")
          assert.deepStrictEqual(yield* projections.position(projection), { position: 0, version: undefined })
        }))

      test("two runners of one projection at once take turns: each event applied once", () =>
        Effect.gen(function*() {
          const { name, category } = fresh()
          const projection = testProjection({ name, category })
          const projections = yield* Projection.ProjectionStore
          for (let s = 0; s < 6; s++) {
            yield* append(
              streamName(category, `s${s}`),
              Array.from({ length: 20 }, (_, i) => i % 3 === 0 ? events.prorogee(2030 + i) : events.lettre(`t${i}`, i))
            )
          }
          yield* Effect.all([
            projections.run(projection, { batchSize: 7 }),
            projections.run(projection, { batchSize: 7 })
          ], { concurrency: 2 })
          const rows = yield* storedRows(projection)
          assert.deepStrictEqual(rows, yield* expectedRows(projection))
          assert.deepStrictEqual(rows["streams"]!.map((r) => r["events"]), [20, 20, 20, 20, 20, 20])
        }))
    }
  )
