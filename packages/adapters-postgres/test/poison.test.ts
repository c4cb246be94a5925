/**
 * Poison events: a stored event a projection can no longer decode stops that projection only, at that event, and
 * an upcaster lets it resume there. Real domain events (the library's catalog), real PostgreSQL.
 */
import { assert, describe, it } from "@effect/vitest"
import { Checkpoints } from "@sdsf/adapters-postgres"
import { Catalogue, CommandHandler, EventStore, Evenements } from "@sdsf/domain"
import { Arbitraries as A } from "@sdsf/domain/testing"
import { Effect, Layer, Result, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as fc from "fast-check"
import { freshStore } from "./support.ts"

const schema = "sdsf_poison"
const options = { schema }
const uuid = () => globalThis.crypto.randomUUID()

// The release under test moved LettreInformationPubliee to version 2: v1 stored `title` and `date`, v2 (the current
// schema) calls them `titre` and `le`. A store written by both releases holds v1 and v2 events of that type.
const catalogueV2 = Catalogue.catalogue.map((e) => e.type === "LettreInformationPubliee" ? { ...e, version: 2 } : e)
const v1Versv2 = (data: Record<string, unknown>) => {
  const { title, date, ...rest } = data
  return { ...rest, titre: title, le: date }
}
/** The release's decoder as first shipped: the upcaster was forgotten. */
const withoutUpcaster = Catalogue.makeDecoder(catalogueV2, {})
/** The fixed release. */
const withUpcaster = Catalogue.makeDecoder(catalogueV2, { LettreInformationPubliee: { 1: v1Versv2 } })

const encodeV2 = (event: Evenements.Evenement): EventStore.EventToAppend => {
  const encoded = Catalogue.encoder(event)
  return {
    eventId: uuid(),
    type: encoded.type,
    typeVersion: encoded.type === "LettreInformationPubliee" ? 2 : encoded.typeVersion,
    data: encoded.data
  }
}

const encodeV1 = (event: Evenements.LettreInformationPubliee): EventStore.EventToAppend => {
  const { titre, le, ...rest } = Catalogue.encoder(event).data as Record<string, unknown>
  return { eventId: uuid(), type: event._tag, typeVersion: 1, data: { ...rest, title: titre, date: le } }
}

const tables = Layer.effectDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.andThen(
    sql.unsafe(`CREATE TABLE "${schema}".rows (projection text, position bigint, stream text NOT NULL,
      tag text NOT NULL, data jsonb NOT NULL, PRIMARY KEY (projection, position))`),
    sql.unsafe(`CREATE TABLE "${schema}".counts (projection text, stream text, n bigint NOT NULL,
      PRIMARY KEY (projection, stream))`)
  )))

/** One row per event: what the projection decoded, encoded back at the current version. */
const rowPerEvent =
  (projection: string) =>
  (events: ReadonlyArray<Checkpoints.Decoded<Evenements.Evenement>>, sql: SqlClient.SqlClient) =>
    Effect.forEach(events, (e) =>
      sql.unsafe(
        `INSERT INTO "${schema}".rows VALUES ($1, $2, $3, $4, $5::jsonb)`,
        [projection, e.position, e.streamName, e.event._tag, JSON.stringify(Catalogue.encoder(e.event).data)]
      ), { discard: true })

/** Events per stream, from the raw recorded events (no decoding). */
const countPerStream =
  (projection: string) => (events: ReadonlyArray<EventStore.RecordedEvent>, sql: SqlClient.SqlClient) =>
    Effect.forEach(events, (e) =>
      sql.unsafe(
        `INSERT INTO "${schema}".counts VALUES ($1, $2, 1) ON CONFLICT (projection, stream)
       DO UPDATE SET n = counts.n + 1`,
        [projection, e.streamName]
      ), { discard: true })

const rows = (projection: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql.unsafe<{ readonly position: unknown; readonly stream: string; readonly tag: string; readonly data: unknown }>(
        `SELECT position, stream, tag, data FROM "${schema}".rows WHERE projection = $1 ORDER BY position`,
        [projection]
      )
  ).pipe(Effect.map((rs) => rs.map((r) => [Number(r.position), r.stream, r.tag, r.data] as const)))

const counts = (projection: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.unsafe<{ readonly stream: string; readonly n: unknown }>(
      `SELECT stream, n FROM "${schema}".counts WHERE projection = $1 ORDER BY stream`,
      [projection]
    )).pipe(Effect.map((rs) => rs.map((r) => [r.stream, Number(r.n)] as const)))

const STREAMS = 4
const PER_STREAM = 10
const BATCH = 5

/**
 * 4 streams of 10 real events (v2 for LettreInformationPubliee); the 4th event of the second stream is a
 * LettreInformationPubliee stored by the previous release (v1). Returns the log and the index of that event in it.
 */
const seed = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  const sample = fc.sample(A.evenement, { seed: 8, numRuns: STREAMS * PER_STREAM })
  const [old] = fc.sample(A.evenements.LettreInformationPubliee, { seed: 8, numRuns: 1 })
  const names: Array<EventStore.StreamName> = []
  for (let s = 0; s < STREAMS; s++) {
    const name = EventStore.streamName("schema", `${s}-${uuid()}`)
    names.push(name)
    const batch = sample.slice(s * PER_STREAM, (s + 1) * PER_STREAM).map(encodeV2)
    if (s === 1) batch[3] = encodeV1(old!)
    yield* store.append(name, EventStore.ExpectedVersion.noStream, batch)
  }
  const log = yield* Stream.runCollect(store.readAll(0))
  return { log, poisoned: PER_STREAM + 3, names }
})

describe("poison events", () => {
  it.layer(tables.pipe(Layer.provideMerge(freshStore(schema))), { excludeTestServices: true })((it) => {
    it.effect(
      "an event that no longer decodes stops its projection alone, after the events before it; " +
        "an upcaster resumes it there",
      () =>
        Effect.gen(function*() {
          const { log, poisoned } = yield* seed
          assert.strictEqual(log.length, STREAMS * PER_STREAM)
          assert.notStrictEqual(poisoned % BATCH, 0, "the poisoned event lies inside a batch, not at its start")
          const bad = log[poisoned]!
          const lettres = `lettres-${uuid()}`
          const reference = `reference-${uuid()}`
          const compteurs = `compteurs-${uuid()}`

          const results = yield* Effect.all({
            lettres: Checkpoints.runProjection({
              ...options,
              projection: lettres,
              batchSize: BATCH,
              decode: withoutUpcaster,
              apply: rowPerEvent(lettres)
            }),
            reference: Checkpoints.runProjection({
              ...options,
              projection: reference,
              batchSize: BATCH,
              decode: withUpcaster,
              apply: rowPerEvent(reference)
            }),
            compteurs: Checkpoints.runProjection({
              ...options,
              projection: compteurs,
              batchSize: BATCH,
              apply: countPerStream(compteurs)
            })
          }, { mode: "result", concurrency: "unbounded" })

          // The poisoned projection reports the event, where it stands and why.
          assert.isTrue(Result.isFailure(results.lettres))
          const stop = Result.isFailure(results.lettres) ? results.lettres.failure : undefined
          assert.strictEqual(stop?._tag, "PoisonEvent")
          if (stop?._tag !== "PoisonEvent") return
          assert.deepStrictEqual(
            [
              stop.projection,
              stop.position,
              stop.streamName,
              stop.streamVersion,
              stop.eventId,
              stop.type,
              stop.typeVersion
            ],
            [lettres, bad.position, bad.streamName, 4, bad.eventId, "LettreInformationPubliee", 1]
          )
          assert.strictEqual(stop.reason, "cannot read event LettreInformationPubliee v1: no upcaster from version 1")
          assert.strictEqual(stop.checkpoint, log[poisoned - 1]!.position)
          assert.instanceOf(stop.cause, CommandHandler.EventDecodeError)

          // Every event before it is applied and checkpointed, including those of its own batch; none after it.
          assert.strictEqual(yield* Checkpoints.read(lettres, options), log[poisoned - 1]!.position)
          const full = yield* rows(reference)
          assert.deepStrictEqual(yield* rows(lettres), full.slice(0, poisoned))

          // The other projections caught up fully.
          assert.deepStrictEqual([results.reference, results.compteurs], [
            Result.succeed(log.length),
            Result.succeed(log.length)
          ])
          assert.strictEqual(full.length, log.length)
          assert.property(full[poisoned]![3], "titre", "the v1 event was upcast before it was applied")
          assert.deepStrictEqual(
            (yield* counts(compteurs)).map(([, n]) => n),
            Array.from({ length: STREAMS }, () => PER_STREAM)
          )
          assert.strictEqual(yield* Checkpoints.read(reference, options), log[log.length - 1]!.position)

          // Run again with the same decoder: the same stop, nothing applied.
          const again = yield* Effect.flip(Checkpoints.runProjection({
            ...options,
            projection: lettres,
            batchSize: BATCH,
            decode: withoutUpcaster,
            apply: rowPerEvent(lettres)
          }))
          assert.strictEqual(again._tag === "PoisonEvent" && again.position, bad.position)
          assert.strictEqual(yield* Checkpoints.read(lettres, options), log[poisoned - 1]!.position)

          // With the upcaster it resumes at the poisoned event: nothing applied twice (the rows' primary key would
          // refuse it), nothing skipped, the same rows as the projection that had the upcaster from the start.
          const resumed = yield* Checkpoints.runProjection({
            ...options,
            projection: lettres,
            batchSize: BATCH,
            decode: withUpcaster,
            apply: rowPerEvent(lettres)
          })
          assert.strictEqual(resumed, log.length - poisoned)
          assert.deepStrictEqual(yield* rows(lettres), full)
          assert.strictEqual(yield* Checkpoints.read(lettres, options), log[log.length - 1]!.position)
        })
    )

    it.effect("a poisoned event at the start of a batch stops the projection with nothing written for that batch", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const before = (yield* Stream.runCollect(store.readAll(0))).length
        const [good] = fc.sample(A.evenement, { seed: 3, numRuns: 1 })
        const name = EventStore.streamName("schema", uuid())
        yield* store.append(name, EventStore.ExpectedVersion.noStream, [
          { eventId: uuid(), type: "EvenementInconnu", typeVersion: 1, data: {} },
          encodeV2(good!)
        ])
        const log = yield* Stream.runCollect(store.readAll(0))
        const projection = `inconnu-${uuid()}`
        // Start right before the unknown event.
        const upTo = log.slice(0, before).map((e) => e.position)
        yield* Checkpoints.withCheckpoint(projection, upTo, () => Effect.void, options)
        const stop = yield* Effect.flip(Checkpoints.runProjection({
          ...options,
          projection,
          decode: withUpcaster,
          apply: rowPerEvent(projection)
        }))
        assert.strictEqual(stop._tag, "PoisonEvent")
        if (stop._tag !== "PoisonEvent") return
        assert.deepStrictEqual([stop.position, stop.type, stop.reason, stop.checkpoint], [
          log[before]!.position,
          "EvenementInconnu",
          "cannot read event EvenementInconnu v1: unknown event type",
          log[before - 1]!.position
        ])
        assert.deepStrictEqual(yield* rows(projection), [])
      }))

    it.effect("a decoder that throws makes the event a PoisonEvent, not a crash of the runner", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const first = (yield* Stream.runCollect(store.readAll(0).pipe(Stream.take(1))))[0]!
        const stop = yield* Effect.flip(Checkpoints.runProjection({
          ...options,
          projection: `throws-${uuid()}`,
          decode: (): Result.Result<number, never> => {
            throw new Error("decoder bug")
          },
          apply: () => Effect.void
        }))
        assert.deepStrictEqual(stop._tag === "PoisonEvent" && [stop.position, stop.reason], [
          first.position,
          "decoder bug"
        ])
      }))
  })
})

describe("checkpoint options", () => {
  it.layer(freshStore("sdsf_checkpoint_options"), { excludeTestServices: true })((it) => {
    const crafted = `pg_catalog".pg_authid AS c(position) WHERE $1::text IS NOT NULL --`

    it.effect("a schema that is not a plain name is refused before any query (it would read pg_authid)", () =>
      Effect.gen(function*() {
        const read = yield* Effect.flip(Checkpoints.read("p", { schema: crafted }))
        assert.deepStrictEqual(
          read._tag === "InvalidCheckpointOption" && [read.field, read.value],
          ["schema", crafted]
        )
        const write = yield* Effect.flip(Checkpoints.withCheckpoint("p", 1, () => Effect.void, { schema: crafted }))
        assert.strictEqual(write._tag === "InvalidCheckpointOption" && write.field, "schema")
        const run = yield* Effect.flip(
          Checkpoints.runProjection({ schema: "Sdsf", projection: "p", apply: () => Effect.void })
        )
        assert.deepStrictEqual(run._tag === "InvalidCheckpointOption" && [run.field, run.value], ["schema", "Sdsf"])
      }))

    it.effect("batchSize and projection are checked", () =>
      Effect.gen(function*() {
        const options = { schema: "sdsf_checkpoint_options" }
        for (const batchSize of [0, -1, 1.5, Number.NaN]) {
          const e = yield* Effect.flip(
            Checkpoints.runProjection({ ...options, projection: "p", batchSize, apply: () => Effect.void })
          )
          assert.deepStrictEqual(e._tag === "InvalidCheckpointOption" && [e.field, e.value], [
            "batchSize",
            String(batchSize)
          ])
        }
        for (const projection of ["", "a\u0000b"]) {
          const e = yield* Effect.flip(Checkpoints.read(projection, options))
          assert.strictEqual(e._tag === "InvalidCheckpointOption" && e.field, "projection")
        }
      }))

    it.effect("projection names are bound as parameters: quotes and SQL in a name are just characters", () =>
      Effect.gen(function*() {
        const options = { schema: "sdsf_checkpoint_options" }
        const store = yield* EventStore.EventStore
        yield* store.append(EventStore.streamName("counter", uuid()), EventStore.ExpectedVersion.noStream, [
          { eventId: uuid(), type: "Counted", typeVersion: 1, data: {} }
        ])
        const names = [
          `x'); DELETE FROM "sdsf_checkpoint_options".checkpoints; --`,
          `"quoted" $1 \\ ' é 🙂`,
          `p' OR '1'='1`
        ]
        const applied = yield* Effect.forEach(
          names,
          (projection) => Checkpoints.runProjection({ ...options, projection, apply: () => Effect.void })
        )
        assert.deepStrictEqual(applied, [1, 1, 1])
        const positions = yield* Effect.forEach(names, (projection) => Checkpoints.read(projection, options))
        assert.deepStrictEqual(positions.map((p) => p > 0), [true, true, true])
        assert.strictEqual(yield* Checkpoints.read("p", options), 0)
        const stored = yield* Effect.flatMap(SqlClient.SqlClient, (sql) =>
          sql.unsafe<{ readonly projection: string }>(
            `SELECT projection FROM "sdsf_checkpoint_options".checkpoints`
          ))
        assert.deepStrictEqual(stored.map((r) => r.projection).sort(), [...names].sort())
      }))
  })
})
