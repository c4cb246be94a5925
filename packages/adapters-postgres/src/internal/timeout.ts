/**
 * The client-side timeout of the PostgreSQL adapters: the error it gives and how an operation is bounded by it.
 */
import { EventStore } from "@sdsf/domain"
import { Duration, Effect, Exit, Fiber, Schema } from "effect"

/**
 * The server did not answer an operation within `statementTimeout`; the store gave up on it and cancelled it.
 *
 * An append that timed out may still have committed (its statement may have run, and only the answer was lost or
 * late), unless it ran inside a transaction of the caller's, which cannot commit now. Appending the same batch again,
 * with the same event ids, is safe: if the first append committed, the retry writes nothing and returns its result.
 */
export class StoreTimeout extends Schema.TaggedError<StoreTimeout>()("StoreTimeout", {
  operation: Schema.String,
  millis: Schema.Number
}) {
  override get message(): string {
    const within = Duration.format(Duration.millis(this.millis))
    const waited = `${this.operation}: no answer from PostgreSQL within ${within}`
    if (this.operation !== "append") return waited
    return `${waited}; the append may have committed: retry it with the same event ids (an append of stored ids ` +
      "writes nothing and returns their positions)"
  }
}

/** The timeout of an adapter's operations: `statementTimeout`, default 30 seconds. */
export const timeoutOf = (input: Duration.Input | undefined): Duration.Duration =>
  Duration.fromInputUnsafe(input ?? "30 seconds")

/**
 * Runs `self` in a fiber of its own and fails with a `StoreTimeout` when it takes longer than `timeout`, without
 * waiting for it to stop: an interrupted statement waits for the server to confirm its cancel (up to 5 s, after which
 * the driver drops the connection), and a frozen server never does. The fiber is interrupted in the background.
 */
export const withTimeout = <A, E, R>(
  self: Effect.Effect<A, E, R>,
  operation: string,
  timeout: Duration.Duration
): Effect.Effect<A, E | EventStore.EventStoreError, R> =>
  !Duration.isFinite(timeout) ?
    self :
    Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.forkDetach(self, { startImmediately: true }), (fiber) =>
        restore(Effect.raceFirst(
          Fiber.join(fiber),
          Effect.andThen(Effect.sleep(timeout), () => timedOut(operation, timeout))
        ))
          .pipe(Effect.onExit((exit) =>
            Exit.isFailure(exit)
              ? Effect.sync(() => fiber.interruptUnsafe())
              : Effect.void
          )))
    )

// Built only when the timeout fires: an error captures a stack trace, which costs more than the rest of an append.
export const timedOut = (operation: string, timeout: Duration.Duration) =>
  Effect.fail(
    new EventStore.EventStoreError({
      operation,
      cause: new StoreTimeout({ operation, millis: Duration.toMillis(timeout) })
    })
  )
