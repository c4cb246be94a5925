/**
 * The command handler: the shell around a decider. It loads a stream, folds its events into the state, asks the
 * decider, and appends the new events at the exact version it read, retrying from a fresh load when another writer
 * got there first.
 *
 * @example
 * ```ts
 * const handler = CommandHandler.make({ decider: compteur, codec: compteurCodec })
 * const done = yield* handler.handle(EventStore.streamName("compteur", id), { _tag: "Incrementer", par: 2 })
 * ```
 */
import { DateTime, Effect, Option, Result, Schedule, Schema, Stream } from "effect"
import { fold } from "./Decider.ts"
import type { Decider } from "./Decider.ts"
import { EventStore, ExpectedVersion, WrongExpectedVersion } from "./EventStore.ts"
import type { AppendError, EventMetadata, EventToAppend, ReadError, RecordedEvent, StreamName } from "./EventStore.ts"
import { IdGenerator } from "./IdGenerator.ts"

/** An event encoded for the store: its stored type name, schema version and JSON data. */
export interface EncodedEvent {
  readonly type: string
  readonly typeVersion: number
  readonly data: unknown
}

/**
 * How a decider's events are stored: `encode` to JSON, `decode` what was recorded (upcasting older type versions).
 */
export interface Codec<Event, DecodeError = unknown> {
  readonly encode: (event: Event) => EncodedEvent
  readonly decode: (recorded: RecordedEvent) => Result.Result<Event, DecodeError>
}

/** A recorded event the codec could not decode: nothing was decided, nothing written. */
export class EventDecodeError extends Schema.TaggedError<EventDecodeError>()("EventDecodeError", {
  streamName: Schema.String,
  streamVersion: Schema.Number,
  type: Schema.String,
  typeVersion: Schema.Number,
  cause: Schema.Defect()
}) {
  override get message(): string {
    return `stream ${this.streamName}, version ${this.streamVersion}: cannot decode ${this.type} v${this.typeVersion}`
  }
}

/** A state saved at a stream version: folding the events after `version` into `state` gives the current state. */
export interface Snapshot<State> {
  readonly version: number
  readonly state: State
}

/**
 * Where states are kept so that long streams are not folded from their first event.
 *
 * Snapshots are a cache: when `load` fails the handler folds the whole stream, when `save` fails the command still
 * succeeds (its events are stored); both are logged as warnings. A snapshot is only valid for the decider that wrote
 * it: change `evolve` or the state's shape, and drop them.
 */
export interface Snapshots<State, E = never> {
  readonly load: (streamName: StreamName) => Effect.Effect<Option.Option<Snapshot<State>>, E>
  readonly save: (streamName: StreamName, version: number, state: State) => Effect.Effect<void, E>
  /** Save after an append that crosses a multiple of `every` stream versions (default 100). */
  readonly every?: number
}

/** What the handler needs: the decider, its codec, and optionally a retry schedule and snapshots. */
export interface Options<Command, Event, State, Error, Warning, DecodeError, SnapshotError> {
  readonly decider: Decider<Command, Event, State, Error, Warning>
  readonly codec: Codec<Event, DecodeError>
  /**
   * When to retry after `WrongExpectedVersion` (each retry reloads the stream and decides again). Default: up to 9
   * retries without delay; give a backoff (e.g. `Schedule.exponential`) for a contended database.
   */
  readonly retry?: Schedule.Schedule<unknown, WrongExpectedVersion>
  readonly snapshots?: Snapshots<State, SnapshotError>
}

/** Per-command options: metadata (correlation, causation...) copied onto every appended event. */
export interface HandleOptions {
  readonly metadata?: EventMetadata
}

/** What a command built by `handleWith` receives: the time and a fresh id, read once before the first attempt. */
export interface CommandContext {
  readonly now: DateTime.Utc
  readonly id: string
}

/** The outcome of a handled command. */
export interface Handled<Event, State, Warning> {
  /** The events the command caused (none when it changed nothing). */
  readonly events: ReadonlyArray<Event>
  readonly warnings: ReadonlyArray<Warning>
  /** The stream's version after the append (or as read, when nothing was appended). */
  readonly streamVersion: number
  /** The global position of each appended event. */
  readonly positions: ReadonlyArray<number>
  /** The state after the new events. */
  readonly state: State
}

/** Everything handling a command can fail with. `WrongExpectedVersion` only once the retries are spent. */
export type HandleError<Error> = Error | EventDecodeError | AppendError | ReadError

/** A command handler for one decider. */
export interface CommandHandler<Command, Event, State, Error, Warning> {
  /** Loads the stream, decides `command`, appends its events at the version read, retrying on conflicts. */
  readonly handle: (
    streamName: StreamName,
    command: Command,
    options?: HandleOptions
  ) => Effect.Effect<Handled<Event, State, Warning>, HandleError<Error>, EventStore | IdGenerator>
  /** Like `handle`, with a command built from the current time (`Clock`) and a fresh id (`IdGenerator`). */
  readonly handleWith: (
    streamName: StreamName,
    build: (context: CommandContext) => Command,
    options?: HandleOptions
  ) => Effect.Effect<Handled<Event, State, Warning>, HandleError<Error>, EventStore | IdGenerator>
  /** The stream's current state and version, without deciding anything. */
  readonly load: (
    streamName: StreamName
  ) => Effect.Effect<Snapshot<State>, EventDecodeError | ReadError, EventStore>
}

const defaultRetry: Schedule.Schedule<unknown, WrongExpectedVersion> = Schedule.recurs(9)

/** Builds a command handler for a decider and its codec. */
export const make = <Command, Event, State, Error, Warning, DecodeError, SnapshotError = never>(
  options: Options<Command, Event, State, Error, Warning, DecodeError, SnapshotError>
): CommandHandler<Command, Event, State, Error, Warning> => {
  const { codec, decider, snapshots } = options
  const every = Math.max(1, Math.floor(snapshots?.every ?? 100))

  const load = Effect.fnUntraced(function*(streamName: StreamName) {
    const store = yield* EventStore
    let state = decider.initialState
    let version = 0
    if (snapshots !== undefined) {
      const snapshot = yield* snapshots.load(streamName).pipe(
        Effect.catch((cause) =>
          Effect.as(
            Effect.logWarning("snapshot load failed: folding the whole stream", { streamName, cause }),
            Option.none<Snapshot<State>>()
          )
        )
      )
      if (Option.isSome(snapshot)) {
        state = snapshot.value.state
        version = snapshot.value.version
      }
    }
    yield* Stream.runForEachArray(
      store.readStream(streamName, { from: version + 1 }),
      (chunk) =>
        Effect.suspend(() => {
          for (const recorded of chunk) {
            const decoded = codec.decode(recorded)
            if (Result.isFailure(decoded)) {
              return Effect.fail(
                new EventDecodeError({
                  streamName: recorded.streamName,
                  streamVersion: recorded.streamVersion,
                  type: recorded.type,
                  typeVersion: recorded.typeVersion,
                  cause: decoded.failure
                })
              )
            }
            state = decider.evolve(state, decoded.success)
            version = recorded.streamVersion
          }
          return Effect.void
        })
    )
    const loaded: Snapshot<State> = { version, state }
    return loaded
  })

  const attempt = Effect.fnUntraced(function*(streamName: StreamName, command: Command, handleOptions?: HandleOptions) {
    const loaded = yield* load(streamName)
    const decision = decider.decide(command, loaded.state)
    if (Result.isFailure(decision)) return yield* Effect.fail(decision.failure)
    const { events, warnings } = decision.success
    if (events.length === 0) {
      const unchanged: Handled<Event, State, Warning> = {
        events,
        warnings,
        streamVersion: loaded.version,
        positions: [],
        state: loaded.state
      }
      return unchanged
    }
    const ids = yield* IdGenerator
    const metadata = handleOptions?.metadata
    const toAppend = yield* Effect.forEach(events, (event) =>
      Effect.map(ids.eventId, (eventId): EventToAppend => {
        const encoded = codec.encode(event)
        return {
          eventId,
          type: encoded.type,
          typeVersion: encoded.typeVersion,
          data: encoded.data,
          ...(metadata === undefined ? {} : { metadata })
        }
      }))
    const store = yield* EventStore
    const appended = yield* store.append(streamName, ExpectedVersion.exact(loaded.version), toAppend)
    const state = fold(decider, events, loaded.state)
    if (snapshots !== undefined && Math.floor(appended.streamVersion / every) > Math.floor(loaded.version / every)) {
      yield* snapshots.save(streamName, appended.streamVersion, state).pipe(
        Effect.catch((cause) => Effect.logWarning("snapshot save failed", { streamName, cause }))
      )
    }
    const handled: Handled<Event, State, Warning> = {
      events,
      warnings,
      streamVersion: appended.streamVersion,
      positions: appended.positions,
      state
    }
    return handled
  })

  const retry = options.retry ?? defaultRetry

  const handle = (streamName: StreamName, command: Command, handleOptions?: HandleOptions) =>
    attempt(streamName, command, handleOptions).pipe(
      Effect.map(Result.succeed),
      Effect.catch((error) =>
        error instanceof WrongExpectedVersion ? Effect.fail(error) : Effect.succeed(Result.fail(error))
      ),
      Effect.retry(retry),
      Effect.flatMap((result) => Effect.fromResult(result)),
      Effect.withSpan("CommandHandler.handle", { attributes: { streamName } })
    )

  const handleWith = (
    streamName: StreamName,
    build: (context: CommandContext) => Command,
    handleOptions?: HandleOptions
  ) =>
    Effect.gen(function*() {
      const now = yield* DateTime.now
      const id = yield* (yield* IdGenerator).eventId
      return yield* handle(streamName, build({ now, id }), handleOptions)
    })

  return { handle, handleWith, load }
}
