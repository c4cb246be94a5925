import { assert, describe, it } from "@effect/vitest"
import { EventStore } from "@sdsf/domain"
import { Effect, Exit, Option, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { freshStore } from "./support.ts"

const schema = "sdsf_integrity"
const uuid = () => globalThis.crypto.randomUUID()

describe("the database guards the log", () => {
  it.layer(freshStore(schema), { excludeTestServices: true })((it) => {
    const seed = Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      const name = EventStore.streamName("guarded", uuid())
      const result = yield* store.append(name, EventStore.ExpectedVersion.noStream, [
        { eventId: uuid(), type: "Counted", typeVersion: 1, data: { n: 1 } },
        { eventId: uuid(), type: "Counted", typeVersion: 1, data: { n: 2 } }
      ])
      return { name, result }
    })

    it.effect("UPDATE, DELETE and TRUNCATE of events fail and change nothing", () =>
      Effect.gen(function*() {
        const store = yield* EventStore.EventStore
        const sql = yield* SqlClient.SqlClient
        const { name } = yield* seed
        const before = yield* Stream.runCollect(store.readStream(name))
        for (
          const statement of [
            `UPDATE "${schema}".events SET data = '{"n": 99}' WHERE stream_name = $1`,
            `DELETE FROM "${schema}".events WHERE stream_name = $1`,
            `TRUNCATE "${schema}".events CASCADE`
          ]
        ) {
          const exit = yield* Effect.exit(sql.unsafe(statement, statement.includes("$1") ? [name] : []))
          assert.isTrue(Exit.isFailure(exit), statement)
        }
        const after = yield* Stream.runCollect(store.readStream(name))
        assert.deepStrictEqual(after, before)
      }))

    it.effect("an insert that bypasses the append function cannot leave a hole or a duplicate in a stream", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const { name } = yield* seed
        const insert = (version: number, position: number) =>
          Effect.exit(sql.unsafe(
            `INSERT INTO "${schema}".events (position, stream_name, stream_version, event_id, type, type_version, data, recorded_at)
             VALUES ($1, $2, $3, $4::uuid, 'Counted', 1, '{}', now())`,
            [position, name, version, uuid()]
          ))
        // A hole (version 4 after 2), a duplicate version, a version 0: refused.
        for (const version of [4, 2, 0]) {
          assert.isTrue(Exit.isFailure(yield* insert(version, 1_000_000 + version)), `version ${version}`)
        }
        // Version 1 of a stream that has no streams row: refused (an event cannot exist without its stream).
        const orphan = yield* Effect.exit(sql.unsafe(
          `INSERT INTO "${schema}".events (position, stream_name, stream_version, event_id, type, type_version, data, recorded_at)
           VALUES ($1, $2, 1, $3::uuid, 'Counted', 1, '{}', now())`,
          [1_000_100, `guarded-${uuid()}`, uuid()]
        ))
        assert.isTrue(Exit.isFailure(orphan), "version 1 without a streams row")
        // The next version continues the stream: accepted, and the store reads it as the stream's version 3.
        assert.isTrue(Exit.isSuccess(yield* insert(3, 1_000_003)), "version 3")
        const store = yield* EventStore.EventStore
        const metadata = yield* store.streamMetadata(name)
        assert.strictEqual(metadata.pipe(Option.map((m) => m.version), Option.getOrElse(() => 0)), 3)
      }))

    it.effect("a hand-written insert spanning several streams is checked stream by stream", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const first = (yield* seed).name
        const second = (yield* seed).name
        // One row per stream in one statement.
        const write = (versions: readonly [number, number], position: number) =>
          Effect.exit(sql.withTransaction(Effect.gen(function*() {
            yield* sql.unsafe(
              `INSERT INTO "${schema}".events (position, stream_name, stream_version, event_id, type, type_version, data, recorded_at)
               VALUES ($1, $2, $3, $4::uuid, 'Counted', 1, '{}', now()), ($5, $6, $7, $8::uuid, 'Counted', 1, '{}', now())`,
              [position, first, versions[0], uuid(), position + 1, second, versions[1], uuid()]
            )
          })))
        assert.isTrue(Exit.isFailure(yield* write([3, 4], 2_000_000)), "a hole in the second stream")
        assert.isTrue(Exit.isSuccess(yield* write([3, 3], 2_000_010)), "both streams continued")
      }))
  })
})
