/**
 * The child process the projection-store crash test starts and SIGKILLs: runs the contract's test projection with the
 * PostgreSQL projection store to completion. Prints `batch <position>` after each batch commits, `done <applied>`.
 * Several names (comma-separated, with a category each): those projections through `runAll`.
 *
 *   DATABASE_URL=... CRASH_SCHEMA=... CRASH_NAME=a[,b...] CRASH_CATEGORY=c[,d...] CRASH_BATCH=500 \
 *     node --conditions=@sdsf/source projectionRunner.ts
 */
import { PostgresEventStore, PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { Projection } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import { Effect, Exit, Layer, Redacted } from "effect"

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === "") throw new Error(`${name} is not set`)
  return value
}

const schema = env("CRASH_SCHEMA")
const categories = env("CRASH_CATEGORY").split(",")
const projections = env("CRASH_NAME").split(",").map((name, i) =>
  TestProjection.testProjection({ name, category: categories[i] ?? categories[0]! })
)
const say = (line: string) => Effect.sync(() => process.stdout.write(`${line}\n`))

const program = Effect.gen(function*() {
  const store = yield* Projection.ProjectionStore
  const options = {
    batchSize: Number(env("CRASH_BATCH")),
    onProgress: (p: Projection.Progress) => say(`batch ${p.position}`)
  }
  if (projections.length === 1) {
    const summary = yield* store.run(projections[0]!, options)
    yield* say(`done ${summary.applied}`)
  } else {
    const summaries = yield* store.runAll(projections, options)
    yield* say(`done ${summaries.reduce((n, s) => n + s.applied, 0)}`)
  }
}).pipe(
  Effect.provide(
    PostgresProjectionStore.layer({ schema }).pipe(
      Layer.provideMerge(
        PostgresEventStore.layer({ url: Redacted.make(env("DATABASE_URL")), schema, migrate: false, maxConnections: 2 })
      )
    )
  )
)

void Effect.runPromiseExit(program).then((exit) => {
  if (Exit.isFailure(exit)) process.stderr.write(`${String(exit.cause)}\n`)
  process.exitCode = Exit.isSuccess(exit) ? 0 : 1
})
