/**
 * The command handler's default retry on PostgreSQL: several writers on a few shared streams.
 */
import { assert, describe, it } from "@effect/vitest"
import { IdGenerator } from "@sdsf/domain"
import { Contention } from "@sdsf/domain/testing"
import { Effect, Layer } from "effect"
import { freshStore } from "./support.ts"

const WRITERS = 8
const STREAMS = 4
const COMMANDS = 250

describe("CommandHandler default retry on PostgreSQL", () => {
  const store = freshStore("sdsf_handler_contention", {}, 24).pipe(Layer.provideMerge(IdGenerator.IdGenerator.layer))
  it.layer(store, { excludeTestServices: true })((it) => {
    it.effect(`${WRITERS} writers, ${STREAMS} streams, ${WRITERS * COMMANDS} commands: none runs out of retries`, () =>
      Effect.gen(function*() {
        const { exhausted, stored } = yield* Contention.run({
          writers: WRITERS,
          streams: STREAMS,
          commands: COMMANDS,
          run: globalThis.crypto.randomUUID().slice(0, 8)
        })
        assert.strictEqual(exhausted, 0, `${exhausted} commands ran out of retries`)
        assert.strictEqual(stored, WRITERS * COMMANDS)
      }))
  })
})
