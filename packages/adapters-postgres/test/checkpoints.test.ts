import { assert, describe, it } from "@effect/vitest"
import { Checkpoints } from "@sdsf/adapters-postgres"
import { EventStore } from "@sdsf/domain"
import { Data, Effect, Exit, Fiber, Layer, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const schema = "sdsf_checkpoints"
const options = { schema }
const uuid = () => globalThis.crypto.randomUUID()

class Boom extends Data.TaggedError("Boom")<{}> {}

const projectionTable = Layer.effectDiscard(
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql.unsafe(`CREATE TABLE "${schema}".totals (projection text, stream text, total bigint NOT NULL,
    events bigint NOT NULL, PRIMARY KEY (projection, stream))`)
  )
)

const apply = (projection: string) => (events: ReadonlyArray<EventStore.RecordedEvent>, sql: SqlClient.SqlClient) =>
  Effect.forEach(events, (event) =>
    sql.unsafe(
      `INSERT INTO "${schema}".totals VALUES ($1, $2, $3, 1) ON CONFLICT (projection, stream)
       DO UPDATE SET total = totals.total + excluded.total, events = totals.events + 1`,
      [projection, event.streamName, (event.data as { readonly n: number }).n]
    ), { discard: true })

const totals = (projection: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql.unsafe<{ readonly stream: string; readonly total: unknown; readonly events: unknown }>(
        `SELECT stream, total, events FROM "${schema}".totals WHERE projection = $1 ORDER BY stream`,
        [projection]
      )
  ).pipe(Effect.map((rows) => rows.map((r) => [r.stream, Number(r.total), Number(r.events)] as const)))

const seed = (streams: number, perStream: number) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    for (let s = 0; s < streams; s++) {
      const name = EventStore.streamName("counter", `${s}-${uuid()}`)
      yield* store.append(
        name,
        EventStore.ExpectedVersion.any,
        Array.from({ length: perStream }, (_, i) => ({
          eventId: uuid(),
          type: "Counted",
          typeVersion: 1,
          data: { n: i + 1 }
        }))
      )
    }
  })

describe("projection checkpoints", () => {
  it.layer(projectionTable.pipe(Layer.provideMerge(freshStore(schema))), { excludeTestServices: true })((it) => {
    it.effect("a failure inside the projection's transaction keeps neither its writes nor the checkpoint", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        yield* seed(1, 3)
        const events = yield* Stream.runCollect(store.readAll(0))
        const projection = `failing-${uuid()}`
        const exit = yield* Effect.exit(Checkpoints.withCheckpoint(
          projection,
          events.map((e) => e.position),
          (sql) => Effect.andThen(apply(projection)(events, sql), Effect.fail(new Boom())),
          options
        ))
        assert.isTrue(Exit.isFailure(exit))
        assert.deepStrictEqual(yield* totals(projection), [])
        assert.strictEqual(yield* Checkpoints.read(projection, options), 0)
      }))

    it.effect("the checkpoint refuses to move backwards or to skip an event", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        yield* seed(1, 3)
        const positions = (yield* Stream.runCollect(store.readAll(0))).map((e) => e.position)
        const projection = `strict-${uuid()}`
        const skip = yield* Effect.flip(
          Checkpoints.withCheckpoint(projection, positions[1]!, () => Effect.void, options)
        )
        assert.strictEqual(skip._tag === "CheckpointConflict" && skip.reason, "skip")
        yield* Checkpoints.withCheckpoint(projection, positions.slice(0, 2), () => Effect.void, options)
        assert.strictEqual(yield* Checkpoints.read(projection, options), positions[1]!)
        const back = yield* Effect.flip(
          Checkpoints.withCheckpoint(projection, positions[1]!, () => Effect.void, options)
        )
        assert.strictEqual(back._tag === "CheckpointConflict" && back.reason, "backwards")
        assert.strictEqual(yield* Checkpoints.read(projection, options), positions[1]!)
      }))

    it.effect("two runners of one projection at once apply every event exactly once between them", () =>
      Effect.gen(function*() {
        yield* seed(6, 50)
        const store = yield* EventStore.EventStore
        const head = yield* store.headPosition
        const projection = `pair-${uuid()}`
        const run = Checkpoints.runProjection({ ...options, projection, batchSize: 7, apply: apply(projection) })
        const [a, b] = yield* Effect.all([run, run], { concurrency: 2 })
        const all = (yield* Stream.runCollect(store.readAll(0))).length
        assert.strictEqual(a + b, all)
        assert.strictEqual(yield* Checkpoints.read(projection, options), head)
        assert.strictEqual((yield* totals(projection)).reduce((sum, [, , n]) => sum + n, 0), all)
      }))

    it.effect(
      "runProjection ends under a steady stream of appends, at the log's head when it started or past it, each event " +
        "up to its checkpoint applied once",
      () =>
        Effect.gen(function*() {
          yield* seed(1, 5)
          const store = yield* EventStore.EventStore
          const stream = EventStore.streamName("counter", `steady-${uuid()}`)
          let writing = true
          const writer = yield* Effect.forkChild(Effect.gen(function*() {
            while (writing) {
              yield* store.append(
                stream,
                EventStore.ExpectedVersion.any,
                Array.from({ length: 20 }, () => ({ eventId: uuid(), type: "Counted", typeVersion: 1, data: { n: 1 } }))
              )
              yield* Effect.yieldNow
            }
          }))
          yield* Effect.sleep("50 millis")
          const head = yield* store.headPosition
          const projection = `steady-${uuid()}`
          // Batches of two, one transaction each, slower than the writer: a run that went on until a read came back
          // empty never ended.
          const applied = yield* Checkpoints.runProjection({
            ...options,
            projection,
            batchSize: 2,
            apply: apply(projection)
          })
          writing = false
          yield* Fiber.join(writer)
          const checkpoint = yield* Checkpoints.read(projection, options)
          assert.isAtLeast(checkpoint, head)
          const upToCheckpoint = (yield* Stream.runCollect(store.readAll(0))).filter((e) => e.position <= checkpoint)
          assert.strictEqual(applied, upToCheckpoint.length)
          assert.strictEqual((yield* totals(projection)).reduce((sum, [, , n]) => sum + n, 0), upToCheckpoint.length)
        }),
      30_000
    )

    it.effect("replaying after a crash gives the same projection as an uninterrupted run", () =>
      Effect.gen(function*() {
        yield* seed(5, 40)
        const crashed = `crashed-${uuid()}`
        const clean = `clean-${uuid()}`
        let batches = 0
        // The first run crashes (a defect, as a killed process) while applying its third batch.
        const exit = yield* Effect.exit(Checkpoints.runProjection({
          ...options,
          projection: crashed,
          batchSize: 25,
          apply: (events, sql) =>
            Effect.andThen(apply(crashed)(events, sql), ++batches === 3 ? Effect.die("crash") : Effect.void)
        }))
        assert.isTrue(Exit.isFailure(exit))
        const atCrash = yield* Checkpoints.read(crashed, options)
        const store = yield* EventStore.EventStore
        const positions = (yield* Stream.runCollect(store.readAll(0))).map((e) => e.position)
        assert.strictEqual(atCrash, positions[49]!, "two batches of 25 kept, the third rolled back")

        yield* Checkpoints.runProjection({ ...options, projection: crashed, batchSize: 25, apply: apply(crashed) })
        const applied = yield* Checkpoints.runProjection({ ...options, projection: clean, apply: apply(clean) })
        assert.strictEqual(applied, positions.length)
        assert.strictEqual(yield* Checkpoints.read(crashed, options), positions[positions.length - 1]!)
        assert.deepStrictEqual(yield* totals(crashed), yield* totals(clean))
        const events = (yield* totals(clean)).reduce((sum, [, , n]) => sum + n, 0)
        assert.strictEqual(events, positions.length)
      }))
  })
})
