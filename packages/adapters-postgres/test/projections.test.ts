/**
 * The PostgreSQL projection store beyond the contract: tables equal the in-memory fold for random logs (fast-check),
 * what BI tools see (typed tables per generation behind stable views, a registry), and readers of the views during a
 * rebuild, which must see the old table or the new one, never an empty or partial one.
 */
import { assert, describe, it } from "@effect/vitest"
import { PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { EventStore, Projection } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import { Deferred, Effect, Fiber, Layer, Schedule } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as fc from "fast-check"
import { freshStore, seedTestLog } from "./support.ts"

const schema = "sdsf_projtest"
const tablesSchema = "sdsf_projtest_bi"

const layer = PostgresProjectionStore.layer({ schema, tablesSchema }).pipe(
  Layer.provide(Layer.effectDiscard(
    Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`DROP SCHEMA IF EXISTS "${tablesSchema}" CASCADE`))
  )),
  Layer.provideMerge(freshStore(schema))
)

type Log = ReadonlyArray<{ readonly stream: number; readonly events: ReadonlyArray<EventStore.EventToAppend> }>

const appendAll = (category: string, log: Log) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    for (const { stream, events } of log) {
      yield* store.append(EventStore.streamName(category, `s${stream}`), EventStore.ExpectedVersion.any, events)
    }
  })

const count = (relation: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql.unsafe<{ readonly n: unknown }>(`SELECT count(*) AS n FROM ${relation}`)
  ).pipe(
    Effect.map((rows) => Number(rows[0]!.n))
  )

const relations = (like: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.unsafe<{ readonly name: string; readonly kind: string }>(
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname LIKE $2 AND c.relkind IN ('r', 'v') ORDER BY c.relname COLLATE "C"`,
      [tablesSchema, like]
    ))

// The services a test uses, and a fresh projection name and stream category.
const fresh = Effect.map(
  Effect.all({ sql: SqlClient.SqlClient, store: EventStore.EventStore, projections: Projection.ProjectionStore }),
  (services) => ({ ...services, ...TestProjection.fresh() })
)

// The test projection under a fresh name, live over one letter ("un") of its stream s0; `first`: that run's summary.
const oneLetterLive = Effect.gen(function*() {
  const services = yield* fresh
  const projection = TestProjection.testProjection({ name: services.name, category: services.category })
  const stream = EventStore.streamName(services.category, "s0")
  yield* services.store.append(stream, EventStore.ExpectedVersion.noStream, [TestProjection.events.lettre("un", 1)])
  const first = yield* services.projections.run(projection)
  return { ...services, projection, stream, first }
})

// The same at versions 1 (live) and 2.
const twoVersionsLive = Effect.map(oneLetterLive, (live) => ({
  ...live,
  v1: live.projection,
  v2: TestProjection.testProjection({ name: live.name, category: live.category, version: 2 })
}))

/**
 * Another session holds a checkpoint row (as a runner's batch does while its statement runs) until `release`, then does
 * `then` in the same transaction; `waiting` returns once a statement of the runner waits on that lock.
 */
const holdCheckpoint = <E, R>(checkpoint: string, then: Effect.Effect<unknown, E, R>) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const locked = yield* Deferred.make<void>()
    const release = yield* Deferred.make<void>()
    const holder = yield* Effect.forkChild(sql.withTransaction(Effect.gen(function*() {
      yield* sql.unsafe(`SELECT position FROM "${schema}".checkpoints WHERE projection = $1 FOR UPDATE`, [checkpoint])
      yield* Deferred.succeed(locked, undefined)
      yield* Deferred.await(release)
      yield* then
    })))
    yield* Deferred.await(locked)
    const waiting = sql.unsafe<{ readonly n: unknown }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND position($1 in query) > 0`,
      [`"${schema}".checkpoints`]
    ).pipe(
      Effect.map((rows) => Number(rows[0]!.n)),
      Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (n) => n > 0, times: 500 })
    )
    return { waiting, release: Effect.andThen(Deferred.succeed(release, undefined), Fiber.join(holder)) }
  })

describe("PostgresProjectionStore", () => {
  it.layer(layer, { excludeTestServices: true, timeout: 120_000 })((it) => {
    it.effect(
      "property: for random logs run in two parts (the second in random batches), tables equal the fold",
      () =>
        Effect.gen(function*() {
          const context = yield* Effect.context<EventStore.EventStore | Projection.ProjectionStore>()
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(
                TestProjection.logArbitrary(),
                fc.integer({ min: 1, max: 12 }),
                fc.nat(),
                (log, batchSize, cut) =>
                  Effect.runPromiseWith(context)(Effect.gen(function*() {
                    const { name, category } = TestProjection.fresh()
                    const projection = TestProjection.testProjection({ name, category })
                    const projections = yield* Projection.ProjectionStore
                    const at = cut % (log.length + 1)
                    yield* appendAll(category, log.slice(0, at))
                    // The shared log holds every earlier run's events: read them in large batches, the rest in small.
                    yield* projections.run(projection, { batchSize: 10_000 })
                    yield* appendAll(category, log.slice(at))
                    yield* projections.run(projection, { batchSize })
                    const expected = yield* TestProjection.expectedRows(projection)
                    assert.deepStrictEqual(yield* TestProjection.storedRows(projection), expected)
                  }))
              ),
              { numRuns: 100 }
            )
          )
        }),
      300_000
    )

    it.effect(
      "a run that reads more rows than it keeps (10,500 streams, each row read again in a later batch) equals the fold",
      () =>
        Effect.gen(function*() {
          // A pass keeps at most 10,000 of the rows it read (the oldest forgotten first): the second round reads the
          // first 500 streams' rows from the database again, the others from memory, each as its own batch left it.
          const { name, category } = TestProjection.fresh()
          const projection = TestProjection.testProjection({ name, category })
          yield* seedTestLog({ category, streams: 10_500, perStream: 2, rounds: 2 })
          const projections = yield* Projection.ProjectionStore
          yield* projections.run(projection)
          assert.deepStrictEqual(
            yield* TestProjection.storedRows(projection),
            yield* TestProjection.expectedRows(projection)
          )
        }),
      300_000
    )

    it.effect("BI tools query typed views of one table per generation; a new version drops the old tables", () =>
      Effect.gen(function*() {
        const { name, category } = TestProjection.fresh()
        const v1 = TestProjection.testProjection({ name, category })
        const projections = yield* Projection.ProjectionStore
        yield* appendAll(category, [{
          stream: 1,
          events: [TestProjection.events.lettre("Un", 7), TestProjection.events.prorogee(2030)]
        }])
        yield* projections.run(v1)
        assert.deepStrictEqual(yield* relations(`%${name}%`), [
          { name: `p_${name}_lettres_1`, kind: "r" },
          { name: `p_${name}_streams_1`, kind: "r" },
          { name: `p_${name}_types_1`, kind: "r" },
          { name: `${name}_lettres`, kind: "v" },
          { name: `${name}_streams`, kind: "v" },
          { name: `${name}_types`, kind: "v" }
        ])
        const sql = yield* SqlClient.SqlClient
        const types = yield* sql.unsafe<{ readonly column_name: string; readonly data_type: string }>(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
           ORDER BY ordinal_position`,
          [tablesSchema, `${name}_streams`]
        )
        assert.deepStrictEqual(types.map((c) => [c.column_name, c.data_type]), [
          ["stream", "text"],
          ["events", "bigint"],
          ["types", "ARRAY"],
          ["titres", "ARRAY"],
          ["ratio", "double precision"],
          ["last_titre", "text"],
          ["fin", "bigint"],
          ["has_lettre", "boolean"]
        ])
        const bi = yield* sql.unsafe<Record<string, unknown>>(
          `SELECT stream, events, types, ratio, has_lettre FROM "${tablesSchema}"."${name}_streams"`
        )
        assert.deepStrictEqual(bi.map((r) => [r["types"], r["ratio"], r["has_lettre"]]), [
          [["LettreInformationPubliee", "PeriodeProrogee"], 1, true]
        ])
        const comment = yield* sql.unsafe<{ readonly c: unknown }>(
          `SELECT obj_description(to_regclass($1), 'pg_class') AS c`,
          [`"${tablesSchema}"."${name}_lettres"`]
        )
        assert.strictEqual(comment[0]!.c, `one row per letter published (projection ${name}, table lettres)`)

        const v2 = TestProjection.testProjection({ name, category, version: 2 })
        assert.isTrue((yield* projections.run(v2)).rebuilt)
        assert.deepStrictEqual((yield* relations(`%${name}%`)).map((r) => r.name), [
          `p_${name}_lettres_2`,
          `p_${name}_streams_2`,
          `p_${name}_types_2`,
          `${name}_lettres`,
          `${name}_streams`,
          `${name}_types`
        ])
        const registry = yield* sql.unsafe<Record<string, unknown>>(
          `SELECT version, generation, checkpoint, building_generation FROM "${tablesSchema}".projections
           WHERE projection = $1`,
          [name]
        )
        assert.deepStrictEqual(registry, [{
          version: 2,
          generation: 2,
          checkpoint: `${tablesSchema}.${name}@2`,
          building_generation: null
        }])
        const columns = yield* sql.unsafe<{ readonly column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
           ORDER BY ordinal_position`,
          [tablesSchema, `${name}_streams`]
        )
        assert.strictEqual(columns.at(-1)!.column_name, "since_v2", "the view has the new version's columns")
      }))

    it.effect("rebuilds and runs of one projection at once end with the fold, one live generation, none building", () =>
      Effect.gen(function*() {
        const { name, category } = TestProjection.fresh()
        const projection = TestProjection.testProjection({ name, category })
        const projections = yield* Projection.ProjectionStore
        const log = Array.from({ length: 30 }, (_, s) => ({
          stream: s,
          events: Array.from(
            { length: 20 },
            (_, i) => i % 3 === 0 ? TestProjection.events.prorogee(2030) : TestProjection.events.lettre(`t${i}`, i)
          )
        }))
        yield* appendAll(category, log.slice(0, 10))
        yield* projections.run(projection)
        const writer = Effect.gen(function*() {
          for (const entry of log.slice(10)) yield* appendAll(category, [entry])
        })
        yield* Effect.all([
          writer,
          projections.rebuild(projection, { batchSize: 50 }),
          projections.rebuild(projection, { batchSize: 70 }),
          projections.run(projection, { batchSize: 30 }),
          projections.run(projection, { batchSize: 40 })
        ], { concurrency: "unbounded" })
        yield* projections.run(projection)
        const expected = yield* TestProjection.expectedRows(projection)
        assert.deepStrictEqual(yield* TestProjection.storedRows(projection), expected)
        const sql = yield* SqlClient.SqlClient
        const registry = yield* sql.unsafe<{ readonly generation: number; readonly building: unknown }>(
          `SELECT generation, building_generation AS building FROM "${tablesSchema}".projections WHERE projection = $1`,
          [name]
        )
        assert.strictEqual(registry[0]!.building, null)
        const live = registry[0]!.generation
        assert.deepStrictEqual((yield* relations(`p_${name}_%`)).map((r) => r.name), [
          `p_${name}_lettres_${live}`,
          `p_${name}_streams_${live}`,
          `p_${name}_types_${live}`
        ])
      }))

    it("names stay within PostgreSQL's 63 characters, distinct when cut", () => {
      const long = "a".repeat(40)
      const other = `${"a".repeat(39)}b`
      for (const [p, t] of [[long, long], [other, long]] as const) {
        assert.isAtMost(PostgresProjectionStore.viewName(p, t).length, 63)
        assert.isAtMost(PostgresProjectionStore.physicalName(p, t, 123456).length, 63)
      }
      assert.notStrictEqual(PostgresProjectionStore.viewName(long, long), PostgresProjectionStore.viewName(other, long))
      assert.notStrictEqual(
        PostgresProjectionStore.physicalName(long, long, 1),
        PostgresProjectionStore.physicalName(other, long, 1)
      )
      assert.strictEqual(PostgresProjectionStore.viewName("plans", "actions"), "plans_actions")
      assert.strictEqual(PostgresProjectionStore.physicalName("plans", "actions", 3), "p_plans_actions_3")
    })

    it.effect("readers of the views during a rebuild see the old rows or the new, never an empty or half table", () =>
      Effect.gen(function*() {
        const { name, category } = TestProjection.fresh()
        const projection = TestProjection.testProjection({ name, category })
        const projections = yield* Projection.ProjectionStore
        const streams = 400
        const perStream = 40
        const log = Array.from({ length: streams }, (_, s) => ({
          stream: s,
          events: Array.from(
            { length: perStream },
            (_, i) =>
              i % 4 === 0 ? TestProjection.events.prorogee(2030 + (i % 50)) : TestProjection.events.lettre(`t${i}`, i)
          )
        }))
        yield* appendAll(category, log.slice(0, 300))
        yield* projections.run(projection)
        const view = `"${tablesSchema}"."${name}_streams"`
        const lettres = `"${tablesSchema}"."${name}_lettres"`
        const before = [yield* count(view), yield* count(lettres)] as const
        assert.deepStrictEqual(before, [300, 300 * 30])
        yield* appendAll(category, log.slice(300))
        const after = [streams, streams * 30] as const
        let rebuilding = true
        const seen = new Map<string, number>()
        const reader = Effect.gen(function*() {
          while (rebuilding) {
            const sql = yield* SqlClient.SqlClient
            const rows = yield* sql.unsafe<{ readonly s: unknown; readonly l: unknown }>(
              `SELECT (SELECT count(*) FROM ${view}) AS s, (SELECT count(*) FROM ${lettres}) AS l`
            )
            const key = `${Number(rows[0]!.s)}/${Number(rows[0]!.l)}`
            seen.set(key, (seen.get(key) ?? 0) + 1)
          }
        })
        const readers = yield* Effect.forkChild(Effect.all([reader, reader, reader], { concurrency: 3 }))
        const summary = yield* projections.rebuild(projection, { batchSize: 250 })
        yield* Effect.sleep("100 millis")
        rebuilding = false
        yield* Fiber.join(readers)
        assert.isTrue(summary.rebuilt)
        const expected = [before.join("/"), after.join("/")].sort()
        assert.deepStrictEqual([...seen.keys()].sort(), expected, JSON.stringify([...seen]))
        assert.isAbove(seen.get(before.join("/"))!, 10, "readers read the old table while the new one was built")
        const folded = yield* TestProjection.expectedRows(projection)
        assert.deepStrictEqual(yield* TestProjection.storedRows(projection), folded)
      }))

    it.effect(
      "a runner held on its first batch while another runner applies it: the batches it folded on that batch's rows " +
        "are never applied, and the rows it kept go with the run",
      () =>
        Effect.gen(function*() {
          const { sql, store, projections, name, category } = yield* fresh
          const projection = TestProjection.testProjection({ name, category })
          // Generation 1 and its checkpoint, at the head of the log.
          yield* projections.run(projection)
          const { positions } = yield* store.append(
            EventStore.streamName(category, "s0"),
            EventStore.ExpectedVersion.noStream,
            Array.from({ length: 8 }, (_, i) => TestProjection.events.lettre(`lettre ${i}`, i))
          )
          const checkpoint = PostgresProjectionStore.checkpointName(tablesSchema, name, 1)
          // The other runner: it holds the checkpoint (as a runner's batch does while it runs), then applies the first
          // batch (events 1 and 2) its own way, a count of 1,000 the fold never gives, and moves the checkpoint.
          const other = yield* holdCheckpoint(
            checkpoint,
            Effect.andThen(
              sql.unsafe(
                `INSERT INTO "${tablesSchema}"."${name}_types" (type, count) VALUES ('LettreInformationPubliee', 1000)`
              ),
              sql.unsafe(`UPDATE "${schema}".checkpoints SET position = $2 WHERE projection = $1`, [
                checkpoint,
                positions[1]!
              ])
            )
          )
          // The runner, two events a batch: its first batch's statement waits on the checkpoint; meanwhile it folds the
          // next two batches on that batch's rows (up to two batches ahead) and holds them until the first commits.
          const runner = yield* Effect.forkChild(projections.run(projection, { batchSize: 2 }))
          yield* other.waiting
          yield* Effect.sleep("300 millis")
          yield* other.release
          const summary = yield* Fiber.join(runner)
          // Its first batch was refused (the other runner came first); the two folded on it were never applied: the
          // runner read the checkpoint again and folded events 3 to 8 on the other runner's rows.
          assert.strictEqual(summary.position, positions.at(-1))
          assert.deepStrictEqual(yield* projections.rows(projection, "types"), [
            { type: "LettreInformationPubliee", count: 1006 }
          ])
          assert.deepStrictEqual(
            (yield* projections.rows(projection, "lettres")).map((r) => r["version"]),
            [3, 4, 5, 6, 7, 8]
          )
        })
    )

    it.effect(
      "a checkpoint put back while a runner's batch waits on it: the batch, which would leave the events between " +
        "unapplied, is refused (CheckpointConflict, skip) and nothing of it is written",
      () =>
        Effect.gen(function*() {
          const { sql, store, projections, name, projection, stream, first } = yield* oneLetterLive
          yield* store.append(stream, EventStore.ExpectedVersion.exact(1), [
            TestProjection.events.lettre("deux"),
            TestProjection.events.lettre("trois")
          ])
          const checkpoint = PostgresProjectionStore.checkpointName(tablesSchema, name, 1)
          // An operator (or a runner of older code) puts the checkpoint back before the event "un" while the runner's
          // batch, which starts after it, waits on the row.
          const other = yield* holdCheckpoint(
            checkpoint,
            sql.unsafe(`UPDATE "${schema}".checkpoints SET position = $2 WHERE projection = $1`, [
              checkpoint,
              first.position - 1
            ])
          )
          const runner = yield* Effect.forkChild(Effect.flip(projections.run(projection)))
          yield* other.waiting
          yield* other.release
          const error = yield* Fiber.join(runner)
          assert.strictEqual(error._tag, "EventStoreError")
          assert.include(String(error.message), "skip")
          // Nothing of the batch: the put-back checkpoint and the rows of the first run.
          const stored = yield* sql.unsafe<{ readonly position: unknown }>(
            `SELECT position FROM "${schema}".checkpoints WHERE projection = $1`,
            [checkpoint]
          )
          assert.strictEqual(Number(stored[0]!.position), first.position - 1)
          assert.deepStrictEqual((yield* projections.rows(projection, "lettres")).map((r) => r["version"]), [1])
        })
    )

    it.effect(
      "a unique violation that names no table (a trigger's on a projection table): the batch runs again with upserts " +
        "in every table it writes and the tables equal the fold; raised again under upserts, the run fails and " +
        "writes nothing",
      () =>
        Effect.gen(function*() {
          const { sql, store, projections, name, projection, stream } = yield* oneLetterLive
          const [registry] = yield* sql.unsafe<{ readonly generation: number }>(
            `SELECT generation FROM "${tablesSchema}".projections WHERE projection = $1`,
            [name]
          )
          const lettres = PostgresProjectionStore.physicalName(name, "lettres", Number(registry!.generation))
          // A trigger of the database's own (a deduplication rule, say) raises unique_violation on the first `trips`
          // INSERTs of letters, without naming the table: the error the driver gives carries no schema nor table. It
          // counts them with a sequence, which the failed transaction does not roll back.
          const trips = `${lettres}_trips`
          yield* sql.unsafe(`CREATE TABLE "${tablesSchema}"."${trips}" (n int NOT NULL)`)
          yield* sql.unsafe(`CREATE SEQUENCE "${tablesSchema}"."${trips}_seen"`)
          yield* sql.unsafe(`CREATE FUNCTION "${tablesSchema}"."${trips}_raise"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF nextval('"${tablesSchema}"."${trips}_seen"') <= (SELECT n FROM "${tablesSchema}"."${trips}") THEN
                RAISE EXCEPTION 'a duplicate, by the rule of this database' USING ERRCODE = 'unique_violation';
              END IF;
              RETURN NEW;
            END $$`)
          yield* sql.unsafe(
            `CREATE TRIGGER dedup BEFORE INSERT ON "${tablesSchema}"."${lettres}" FOR EACH ROW
             EXECUTE FUNCTION "${tablesSchema}"."${trips}_raise"()`
          )
          const tripsSet = (n: number) =>
            Effect.all([
              sql.unsafe(`ALTER SEQUENCE "${tablesSchema}"."${trips}_seen" RESTART`),
              sql.unsafe(`DELETE FROM "${tablesSchema}"."${trips}"`),
              sql.unsafe(`INSERT INTO "${tablesSchema}"."${trips}" VALUES ($1)`, [n])
            ], { discard: true })
          const seen = sql.unsafe<{ readonly n: unknown }>(
            `SELECT last_value AS n FROM "${tablesSchema}"."${trips}_seen"`
          ).pipe(Effect.map((rows) => Number(rows[0]!.n)))

          // Once: the plain INSERT fails, the batch runs again with upserts everywhere (the trigger is spent) and
          // succeeds.
          yield* tripsSet(1)
          yield* store.append(stream, EventStore.ExpectedVersion.exact(1), [
            TestProjection.events.lettre("deux", 2),
            TestProjection.events.lettre("trois", 3)
          ])
          const second = yield* projections.run(projection)
          assert.strictEqual(second.applied, 2)
          assert.isAtLeast(yield* seen, 2, "the trigger refused the first INSERT, let the next ones in")
          assert.deepStrictEqual(
            yield* TestProjection.storedRows(projection),
            yield* TestProjection.expectedRows(projection)
          )

          // Twice: the upserts meet it too, which an upsert cannot resolve: the run fails, nothing of the batch is
          // written, the checkpoint stays; once the rule lets the rows in, a run applies them.
          yield* tripsSet(2)
          yield* store.append(stream, EventStore.ExpectedVersion.exact(3), [TestProjection.events.lettre("quatre", 4)])
          const before = yield* projections.position(projection)
          const error = yield* Effect.flip(projections.run(projection))
          assert.strictEqual(error._tag, "EventStoreError")
          assert.include(error.message, "a duplicate, by the rule of this database")
          assert.strictEqual(yield* seen, 2, "the plain INSERT and the upsert, each refused")
          assert.deepStrictEqual(yield* projections.position(projection), before)
          assert.deepStrictEqual(
            (yield* projections.rows(projection, "lettres")).map((r) => r["titre"]),
            ["un", "deux", "trois"]
          )
          const third = yield* projections.run(projection)
          assert.strictEqual(third.applied, 1)
          assert.deepStrictEqual(
            yield* TestProjection.storedRows(projection),
            yield* TestProjection.expectedRows(projection)
          )
        })
    )

    it.effect(
      "text cells PostgreSQL's array_in would misread unquoted (empty, NULL, braces, commas, quotes, backslashes, " +
        "white space) are stored as folded: as keys read back, as values, in arrays",
      () =>
        Effect.gen(function*() {
          const { store, projections, name, category } = yield* fresh
          const awkward = [
            "",
            "NULL",
            "null",
            "NuLl",
            "NULLS",
            "N",
            " lead",
            "trail ",
            "in side",
            "a,b",
            "{",
            "}",
            "{a,b}",
            "\"",
            "\\",
            "\\\"",
            "tab\there",
            "line\nbreak",
            "nbsp\u00a0",
            "é€😀",
            "plain"
          ]
          const projection = Projection.make({
            name,
            version: 1,
            description: "awkward text cells",
            handles: ["LettreInformationPubliee"],
            tables: [{
              name: "cells",
              grain: "one row per awkward string",
              key: ["k"],
              columns: [
                { name: "k", type: "text", description: "the string, as key" },
                { name: "n", type: "integer", description: "events folded" },
                { name: "v", type: "text", nullable: true, description: "the string, as value" },
                { name: "every", type: "text[]", description: "every awkward string" }
              ]
            }],
            reads: (_event, meta) =>
              meta.streamName.startsWith(`${category}-`) ? awkward.map((k) => ({ table: "cells", key: [k] })) : [],
            evolve: (_event, meta, read) =>
              meta.streamName.startsWith(`${category}-`)
                ? awkward.map((k) => ({
                  _tag: "Put" as const,
                  table: "cells",
                  row: { k, n: ((read("cells", [k])?.["n"] as number | undefined) ?? 0) + 1, v: k, every: awkward }
                }))
                : []
          })
          const stream = EventStore.streamName(category, "s0")
          yield* store.append(stream, EventStore.ExpectedVersion.noStream, [
            TestProjection.events.lettre("un"),
            TestProjection.events.lettre("deux")
          ])
          yield* projections.run(projection, { batchSize: 1 })
          // A second run reads the rows back by their keys (a new pass keeps no rows of the first).
          yield* store.append(stream, EventStore.ExpectedVersion.exact(2), [TestProjection.events.lettre("trois")])
          yield* projections.run(projection, { batchSize: 1 })
          const stored = yield* TestProjection.storedRows(projection)
          assert.deepStrictEqual(stored, yield* TestProjection.expectedRows(projection))
          assert.deepStrictEqual(
            stored["cells"]!.map((r) => [r["k"], r["n"], r["v"], r["every"]]),
            [...awkward].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, 3, k, awkward])
          )
        })
    )

    it.effect(
      "while a newer version is being built, runners of the live version go on, and an older-than-both code that " +
        "would have to rebuild fails with NewerVersionStored",
      () =>
        Effect.gen(function*() {
          const { sql, store, projections, name, v1, v2, stream } = yield* twoVersionsLive
          // Version 3 being built (as a rebuild leaves the registry while it replays): live 1, building 3.
          yield* sql.unsafe(
            `UPDATE "${tablesSchema}".projections SET building_generation = last_generation + 1, building_version = 3,
               building_tables = tables, last_generation = last_generation + 1 WHERE projection = $1`,
            [name]
          )
          yield* store.append(stream, EventStore.ExpectedVersion.exact(1), [TestProjection.events.lettre("deux", 2)])
          const live = yield* projections.run(v1)
          assert.isFalse(live.rebuilt)
          assert.deepStrictEqual((yield* projections.rows(v1, "lettres")).map((r) => r["titre"]), ["un", "deux"])
          const error = yield* Effect.flip(projections.run(v2))
          assert.instanceOf(error, Projection.NewerVersionStored)
          const newer = error as Projection.NewerVersionStored
          assert.deepStrictEqual([newer.version, newer.stored], [2, 3])
          assert.deepStrictEqual((yield* projections.position(v1)).version, 1, "version 1 stays live")
        })
    )

    it.effect(
      "a rolling deploy for seconds: old code runs version 1 in a loop, new code rebuilds version 2 and runs it, a " +
        "writer appends: the views switch to version 2 once and never back, and old code never rebuilds",
      () =>
        Effect.gen(function*() {
          const { sql, store, projections, name, v1, v2, stream } = yield* twoVersionsLive
          let writing = true
          const writer = yield* Effect.forkChild(Effect.gen(function*() {
            for (let i = 1; writing; i++) {
              yield* store.append(stream, EventStore.ExpectedVersion.any, [
                TestProjection.events.lettre(`lettre ${i}`, i)
              ])
              yield* Effect.sleep("2 millis")
            }
          }))
          // Old processes: version 1 in a loop until the newer version refuses them; each refusal counted.
          const old = { runs: 0, rebuilt: 0, refused: 0 }
          const oldCode = yield* Effect.forkChild(Effect.gen(function*() {
            while (writing) {
              const result = yield* Effect.result(projections.run(v1))
              if (result._tag === "Success") {
                old.runs++
                if (result.success.rebuilt) old.rebuilt++
              } else if (result.failure instanceof Projection.NewerVersionStored) old.refused++
              else return yield* result.failure
              yield* Effect.sleep("10 millis")
            }
          }))
          // A reader of the view: the versions it saw, in order (a capital title is version 2's).
          const seen: Array<number> = []
          const view = `"${tablesSchema}"."${PostgresProjectionStore.viewName(name, "lettres")}"`
          const reader = yield* Effect.forkChild(Effect.gen(function*() {
            while (writing) {
              const rows = yield* sql.unsafe<{ readonly titre: string }>(`SELECT titre FROM ${view} LIMIT 1`)
              const version = rows[0]!.titre === rows[0]!.titre.toUpperCase() ? 2 : 1
              if (seen.at(-1) !== version) seen.push(version)
              yield* Effect.sleep("5 millis")
            }
          }))
          // New processes come up a second in: the first one rebuilds, then they run version 2.
          yield* Effect.sleep("1 second")
          assert.isTrue((yield* projections.run(v2)).rebuilt)
          for (let i = 0; i < 10; i++) {
            assert.isFalse((yield* projections.run(v2)).rebuilt)
            yield* Effect.sleep("100 millis")
          }
          writing = false
          yield* Fiber.join(writer)
          yield* Fiber.join(oldCode)
          yield* Fiber.join(reader)
          yield* projections.run(v2)
          assert.deepStrictEqual(seen, [1, 2], "the views switched once, never back")
          assert.strictEqual(old.rebuilt, 0, "old code never rebuilt")
          assert.isAbove(old.runs, 0)
          assert.isAbove(old.refused, 0, "old code was refused once version 2 was live")
          assert.deepStrictEqual((yield* projections.position(v2)).version, 2)
          assert.deepStrictEqual(yield* TestProjection.storedRows(v2), yield* TestProjection.expectedRows(v2))
        })
    )
  })
})
