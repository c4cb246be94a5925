/**
 * The projection runner the crash test starts and SIGKILLs: runs the `tallies` projection to completion.
 * Prints `batch <first> <last>` when a batch's transaction is about to write, `done <applied>` at the end.
 *
 *   DATABASE_URL=... CRASH_SCHEMA=... CRASH_PREFIX=... CRASH_BATCH=500 node --conditions=@sdsf/source runner.ts
 */
import { Checkpoints, PostgresEventStore } from "@sdsf/adapters-postgres"
import { Effect, Exit, Redacted } from "effect"
import * as Tallies from "./tallies.ts"

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === "") throw new Error(`${name} is not set`)
  return value
}

const schema = env("CRASH_SCHEMA")
const prefix = env("CRASH_PREFIX")
const batchSize = Number(env("CRASH_BATCH"))

const say = (line: string) => Effect.sync(() => process.stdout.write(`${line}\n`))

const program = Checkpoints.runProjection(
  Tallies.projection(
    schema,
    prefix,
    batchSize,
    (events) => say(`batch ${events[0]!.position} ${events[events.length - 1]!.position}`)
  )
).pipe(
  Effect.flatMap((applied) => say(`done ${applied}`)),
  Effect.provide(
    PostgresEventStore.layer({ url: Redacted.make(env("DATABASE_URL")), schema, migrate: false, maxConnections: 2 })
  )
)

void Effect.runPromiseExit(program).then((exit) => {
  if (Exit.isFailure(exit)) process.stderr.write(`${String(exit.cause)}\n`)
  process.exitCode = Exit.isSuccess(exit) ? 0 : 1
})
