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
import { DateTime, Duration, Effect, Option, Predicate, Random, Result, Schedule, Schema, Stream } from "effect"
import type { Decider, Decision } from "./Decider.ts"
import { EventStore, ExpectedVersion, WrongExpectedVersion } from "./EventStore.ts"
import type { AppendError, EventMetadata, EventToAppend, ReadError, RecordedEvent, StreamName } from "./EventStore.ts"
import { IdGenerator } from "./IdGenerator.ts"
import { formatProblem } from "./internal/issues.ts"

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

/**
 * A stored event that cannot be read: unknown type, a version newer than the reader, no upcaster on the way, or data
 * its schema rejects. The one decode error of the library: `Catalogue.decoder` answers with it (without the stream),
 * and the command handler fails with it, naming the stream and version; nothing was decided, nothing written.
 */
export class EventDecodeError extends Schema.TaggedError<EventDecodeError>()("EventDecodeError", {
  type: Schema.String,
  typeVersion: Schema.Number,
  reason: Schema.String,
  streamName: Schema.optionalKey(Schema.String),
  streamVersion: Schema.optionalKey(Schema.Number),
  /** What a codec other than the catalog's failed with. */
  cause: Schema.optionalKey(Schema.Defect())
}) {
  override get message(): string {
    const where = this.streamName === undefined ? "" : `stream ${this.streamName}, version ${this.streamVersion}: `
    return `${where}cannot read event ${this.type} v${this.typeVersion}: ${this.reason}`
  }
}

const decodeErrorAt = (recorded: RecordedEvent, failure: unknown): EventDecodeError => {
  const at = { streamName: recorded.streamName, streamVersion: recorded.streamVersion }
  if (failure instanceof EventDecodeError) {
    const { _tag, ...fields } = failure
    return new EventDecodeError({ ...fields, ...at })
  }
  const reason = failure instanceof Error ? failure.message : String(failure)
  return new EventDecodeError({ type: recorded.type, typeVersion: recorded.typeVersion, reason, ...at, cause: failure })
}

/**
 * An input that is not a command (unchecked JSON...): nothing was decided, nothing written. `command` is the tag
 * received (empty when there is none); `index` is the command's place in a batch.
 */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  index: Schema.optionalKey(Schema.Number),
  command: Schema.String,
  path: Schema.String,
  reason: Schema.String,
  value: Schema.String
}) {
  override get message(): string {
    const which = `${this.index === undefined ? "command" : `command #${this.index}`}` +
      `${this.command === "" ? "" : ` ${this.command}`}`
    return `${which}: ${formatProblem(this)}`
  }
}

/**
 * A command of a batch the decider refused: nothing of the batch was written. `index` is its place in the batch
 * (from 0), `command` its tag, `error` the decider's error.
 */
export class CommandRefused extends Schema.TaggedError<CommandRefused>()("CommandRefused", {
  index: Schema.Number,
  command: Schema.String,
  error: Schema.Defect()
}) {
  override get message(): string {
    const reason = Predicate.hasProperty(this.error, "message") && typeof this.error.message === "string"
      ? this.error.message
      : String(this.error)
    const tag = Predicate.hasProperty(this.error, "_tag") ? `${String(this.error._tag)}: ` : ""
    return `command #${this.index} ${this.command} refused: ${tag}${reason}; nothing of the batch was written`
  }
}

const tagOf = (command: unknown): string =>
  Predicate.hasProperty(command, "_tag") && typeof command._tag === "string" ? command._tag : ""

/** `CommandRefused` with the decider's error type. */
export type Refused<Error> = CommandRefused & { readonly error: Error }

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
   * When to retry after `WrongExpectedVersion` (each retry reloads the stream and decides again). Default
   * `defaultRetry`: up to 30 retries, each after a random delay below an exponential bound (5 ms, 10 ms, 20 ms...
   * capped at 500 ms), so that writers who collided do not collide again in step. Its delays are `Clock` sleeps: under
   * `TestClock` (`it.effect`, `TestKit`) a conflicting command waits for the test to advance time, so pass
   * `Schedule.recurs(n)` there.
   */
  readonly retry?: Schedule.Schedule<unknown, WrongExpectedVersion>
  readonly snapshots?: Snapshots<State, SnapshotError>
  /**
   * How many streams' last folded state and version the handler keeps in memory (default 1,000; 0 keeps none). A
   * kept stream is loaded by reading only the events after its version; the append at that exact version proves the
   * state current, and a conflict reads forward from it. Events are never rewritten, so a kept state never goes
   * stale; it is kept per `EventStore` instance (a test that empties a store it keeps using makes a new handler).
   */
  readonly cacheSize?: number
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

/** The outcome of a batch: everything `Handled` says, for all its commands, and each command's decision. */
export interface HandledAll<Event, State, Warning> extends Handled<Event, State, Warning> {
  /** One decision per command, in batch order: the events and warnings of each. */
  readonly decisions: ReadonlyArray<Decision<Event, Warning>>
}

/** Everything handling a command can fail with. `WrongExpectedVersion` only once the retries are spent. */
export type HandleError<Error> = Error | InvalidCommand | EventDecodeError | AppendError | ReadError

/** Everything handling a batch can fail with: a refused command is named by its index and tag. */
export type HandleAllError<Error> = Refused<Error> | InvalidCommand | EventDecodeError | AppendError | ReadError

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
  /**
   * Decides `commands` in order, each on the state the previous ones left, and appends all their events as one
   * atomic batch at the version read: all or nothing (an import). A refused or malformed command fails the whole
   * batch, naming its index and tag; a conflict retries the whole batch from a fresh load.
   */
  readonly handleAll: (
    streamName: StreamName,
    commands: Iterable<Command>,
    options?: HandleOptions
  ) => Effect.Effect<HandledAll<Event, State, Warning>, HandleAllError<Error>, EventStore | IdGenerator>
  /** The stream's current state and version, without deciding anything. */
  readonly load: (
    streamName: StreamName
  ) => Effect.Effect<Snapshot<State>, EventDecodeError | ReadError, EventStore>
}

/**
 * The handler's default retry on `WrongExpectedVersion`: exponential backoff with full jitter. Retry `n` (from 0) waits
 * a random time below `min(500 ms, 5 ms * 2^n)`; at most 30 retries (about 6 s of waiting on average when all of them
 * are spent). With 8 writers on 4 shared streams no command ran out, where 9 immediate retries ran out 43 times in
 * 8,000 commands on the memory store (round trips of up to 1 ms) and 9 times in 2,000 on PostgreSQL (the
 * `CommandHandlerContention` and `handlerContention` tests of the adapters).
 */
export const defaultRetry: Schedule.Schedule<Duration.Duration, WrongExpectedVersion> = Schedule.exponential(
  "5 millis"
).pipe(
  Schedule.modifyDelay(({ duration }) =>
    Effect.map(Random.next, (random) => Duration.millis(random * Math.min(Duration.toMillis(duration), 500)))
  ),
  Schedule.upTo({ times: 30 }),
  Schedule.setInputType<WrongExpectedVersion>()
)

/** Builds a command handler for a decider and its codec. */
export const make = <Command, Event, State, Error, Warning, DecodeError, SnapshotError = never>(
  options: Options<Command, Event, State, Error, Warning, DecodeError, SnapshotError>
): CommandHandler<Command, Event, State, Error, Warning> => {
  const { codec, decider, snapshots } = options
  const every = Math.max(1, Math.floor(snapshots?.every ?? 100))
  const cacheSize = Math.max(0, Math.floor(options.cacheSize ?? 1_000))
  // Per store instance (a handler may serve several stores, e.g. one per test), streams in least-recent-use order.
  const caches = new WeakMap<object, Map<StreamName, Snapshot<State>>>()
  const cacheOf = (store: object): Map<StreamName, Snapshot<State>> => {
    let cache = caches.get(store)
    if (cache === undefined) caches.set(store, cache = new Map())
    return cache
  }
  const remember = (store: object, streamName: StreamName, loaded: Snapshot<State>): void => {
    if (cacheSize === 0) return
    const cache = cacheOf(store)
    const kept = cache.get(streamName)
    if (kept !== undefined && kept.version > loaded.version) return
    cache.delete(streamName)
    cache.set(streamName, loaded)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as StreamName)
  }

  const load = Effect.fnUntraced(function*(streamName: StreamName) {
    const store = yield* EventStore
    let state = decider.initialState
    let version = 0
    const kept = cacheSize === 0 ? undefined : caches.get(store)?.get(streamName)
    if (kept !== undefined) {
      state = kept.state
      version = kept.version
    } else if (snapshots !== undefined) {
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
              return Effect.fail(decodeErrorAt(recorded, decoded.failure))
            }
            state = decider.evolve(state, decoded.success)
            version = recorded.streamVersion
          }
          return Effect.void
        })
    )
    const loaded: Snapshot<State> = { version, state }
    if (kept === undefined || version > kept.version) remember(store, streamName, loaded)
    return loaded
  })

  const check = decider.check
  const checked = (input: Command, index?: number): Result.Result<Command, InvalidCommand> => {
    if (check === undefined) return Result.succeed(input)
    const r = check(input)
    return Result.isSuccess(r) || index === undefined ? r : Result.fail(new InvalidCommand({ ...r.failure, index }))
  }

  /** Decides each command on the state the previous ones left: the decisions, all events, and the state after. */
  const decideAll = (
    commands: ReadonlyArray<Command>,
    from: State,
    batch: boolean
  ): Result.Result<
    {
      readonly decisions: ReadonlyArray<Decision<Event, Warning>>
      readonly events: ReadonlyArray<Event>
      readonly warnings: ReadonlyArray<Warning>
      readonly state: State
    },
    Error | Refused<Error> | InvalidCommand
  > => {
    let state = from
    const decisions: Array<Decision<Event, Warning>> = []
    const events: Array<Event> = []
    const warnings: Array<Warning> = []
    for (let index = 0; index < commands.length; index++) {
      const command = checked(commands[index] as Command, batch ? index : undefined)
      if (Result.isFailure(command)) return Result.fail(command.failure)
      const decision = decider.decide(command.success, state)
      if (Result.isFailure(decision)) {
        return Result.fail(
          batch
            ? new CommandRefused({ index, command: tagOf(command.success), error: decision.failure }) as Refused<Error>
            : decision.failure
        )
      }
      decisions.push(decision.success)
      for (const event of decision.success.events) {
        events.push(event)
        state = decider.evolve(state, event)
      }
      for (const warning of decision.success.warnings) warnings.push(warning)
    }
    return Result.succeed({ decisions, events, warnings, state })
  }

  const attempt = Effect.fnUntraced(function*(
    streamName: StreamName,
    commands: ReadonlyArray<Command>,
    batch: boolean,
    handleOptions?: HandleOptions
  ) {
    const loaded = yield* load(streamName)
    const decided = decideAll(commands, loaded.state, batch)
    if (Result.isFailure(decided)) return yield* Effect.fail(decided.failure)
    const { decisions, events, state, warnings } = decided.success
    if (events.length === 0) {
      const unchanged: HandledAll<Event, State, Warning> = {
        events,
        warnings,
        decisions,
        streamVersion: loaded.version,
        positions: [],
        state: loaded.state
      }
      return unchanged
    }
    const ids = yield* IdGenerator
    const metadata = handleOptions?.metadata
    const toAppend = new Array<EventToAppend>(events.length)
    for (let i = 0; i < events.length; i++) {
      const eventId = yield* ids.eventId
      const encoded = codec.encode(events[i] as Event)
      toAppend[i] = {
        eventId,
        type: encoded.type,
        typeVersion: encoded.typeVersion,
        data: encoded.data,
        ...(metadata === undefined ? {} : { metadata })
      }
    }
    const store = yield* EventStore
    const appended = yield* store.append(streamName, ExpectedVersion.exact(loaded.version), toAppend).pipe(
      Effect.tapError((error) =>
        Effect.sync(() => {
          // A store behind the kept version (another store under the same object?) must be folded afresh.
          if (error instanceof WrongExpectedVersion && error.actual < loaded.version) {
            caches.get(store)?.delete(streamName)
          }
        })
      )
    )
    remember(store, streamName, { version: appended.streamVersion, state })
    if (snapshots !== undefined && Math.floor(appended.streamVersion / every) > Math.floor(loaded.version / every)) {
      yield* snapshots.save(streamName, appended.streamVersion, state).pipe(
        Effect.catch((cause) => Effect.logWarning("snapshot save failed", { streamName, cause }))
      )
    }
    const handled: HandledAll<Event, State, Warning> = {
      events,
      warnings,
      decisions,
      streamVersion: appended.streamVersion,
      positions: appended.positions,
      state
    }
    return handled
  })

  const retry = options.retry ?? defaultRetry

  const run = <E>(
    streamName: StreamName,
    commands: ReadonlyArray<Command>,
    batch: boolean,
    handleOptions?: HandleOptions
  ) =>
    (attempt(streamName, commands, batch, handleOptions) as Effect.Effect<
      HandledAll<Event, State, Warning>,
      E | WrongExpectedVersion,
      EventStore | IdGenerator
    >).pipe(
      Effect.map(Result.succeed),
      Effect.catch((error) =>
        error instanceof WrongExpectedVersion ? Effect.fail(error) : Effect.succeed(Result.fail(error))
      ),
      Effect.retry(retry),
      Effect.flatMap((result) => Effect.fromResult(result))
    )

  const handle = (streamName: StreamName, command: Command, handleOptions?: HandleOptions) =>
    run<HandleError<Error>>(streamName, [command], false, handleOptions).pipe(
      Effect.map(({ decisions: _, ...handled }): Handled<Event, State, Warning> => handled),
      Effect.withSpan("CommandHandler.handle", { attributes: { streamName } })
    )

  const handleAll = (streamName: StreamName, commands: Iterable<Command>, handleOptions?: HandleOptions) =>
    Effect.suspend(() => {
      const all = Array.from(commands)
      return run<HandleAllError<Error>>(streamName, all, true, handleOptions).pipe(
        Effect.withSpan("CommandHandler.handleAll", { attributes: { streamName, commands: all.length } })
      )
    })

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

  return { handle, handleAll, handleWith, load }
}
