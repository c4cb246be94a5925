/**
 * The event-store contract: one `@effect/vitest` suite every `EventStore` adapter runs unchanged.
 *
 * Each test writes to fresh streams (uuid ids) and only looks at its own streams or at positions taken when it
 * started, so the suite can run against a shared store (a PostgreSQL database other tests write to). Tests run
 * with the live clock (`excludeTestServices`), as a real adapter needs.
 *
 * @example
 * ```ts
 * import { EventStoreContract } from "@sdsf/domain/testing/contract"
 * EventStoreContract.suite("memory", MemoryEventStore.layerMemory)
 * ```
 */
import { assert, layer } from "@effect/vitest"
import { DateTime, Duration, Effect, Fiber, Option, Stream, SubscriptionRef } from "effect"
import type { Layer } from "effect"
import {
  defaultMaxEventBytes,
  EventIdConflict,
  EventStore,
  ExpectedVersion,
  InvalidAppend,
  InvalidArgument,
  makeSubscriptionStatus,
  maxTypeLength,
  maxTypeVersion,
  storedJsonBytes,
  streamName,
  WrongExpectedVersion
} from "../EventStore.ts"
import type { EventToAppend, ReadStreamOptions, RecordedEvent, StreamName, SubscriptionStatus } from "../EventStore.ts"
import { newEventId } from "../IdGenerator.ts"

/** Options of the suite: a longer timeout for adapters that start a server, the store's limits. */
export interface SuiteOptions {
  /** Timeout of building the layer and of each test. */
  readonly timeout?: Duration.Input
  /** The `maxEventBytes` the store under test was built with; default `defaultMaxEventBytes`. */
  readonly maxEventBytes?: number
}

const freshStream = (category = "contract"): StreamName => streamName(category, newEventId())

const event = (n: number, overrides?: Partial<EventToAppend>): EventToAppend => ({
  eventId: newEventId(),
  type: "Counted",
  typeVersion: 1,
  data: { n },
  ...overrides
})

const batch = (count: number, first = 1): Array<EventToAppend> =>
  Array.from({ length: count }, (_, i) => event(first + i))

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) => Stream.runCollect(stream)

const versions = (events: ReadonlyArray<RecordedEvent>) => events.map((e) => e.streamVersion)

const ids = (events: ReadonlyArray<{ readonly eventId: string }>) => events.map((e) => e.eventId)

const range = (from: number, to: number): Array<number> =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)

const assertStrictlyIncreasing = (positions: ReadonlyArray<number>) => {
  for (let i = 1; i < positions.length; i++) {
    assert.isTrue(positions[i]! > positions[i - 1]!, `position ${positions[i]} follows ${positions[i - 1]}`)
  }
}

const assertWrongVersion = (error: unknown, stream: StreamName, expected: string, actual: number) => {
  assert.instanceOf(error, WrongExpectedVersion)
  const wrong = error as WrongExpectedVersion
  assert.strictEqual(wrong.streamName, stream)
  assert.strictEqual(wrong.expected, expected)
  assert.strictEqual(wrong.actual, actual)
}

/** Fails the test unless `error` is the `InvalidAppend` of event `index` of an append to `stream`, for `field`. */
const assertInvalidAppend = (
  error: unknown,
  stream: StreamName,
  index: number,
  field: string,
  value: string | undefined,
  label: string
) => {
  assert.instanceOf(error, InvalidAppend, label)
  const invalid = error as InvalidAppend
  assert.deepStrictEqual(
    { streamName: invalid.streamName, index: invalid.index, field: invalid.field },
    { streamName: stream, index, field },
    label
  )
  if (value !== undefined) assert.strictEqual(invalid.value, value, label)
  assert.isTrue(invalid.reason.length > 0, label)
}

/** Fails the test unless `error` is an `InvalidArgument` of `operation` for `field`, having received `value`. */
const assertInvalidArgument = (
  error: unknown,
  operation: InvalidArgument["operation"],
  field: string,
  value: string,
  label: string
) => {
  assert.instanceOf(error, InvalidArgument, label)
  const invalid = error as InvalidArgument
  assert.deepStrictEqual(
    { operation: invalid.operation, field: invalid.field, value: invalid.value },
    { operation, field, value },
    label
  )
  assert.isTrue(invalid.reason.length > 0, label)
}

/** Fails the test unless `events` holds exactly `expected` ids, each once, in that order. */
const assertIds = (events: ReadonlyArray<{ readonly eventId: string }>, expected: ReadonlyArray<string>) =>
  assert.deepStrictEqual(ids(events), [...expected])

/** Registers the whole contract against `storeLayer`, under `name`. */
export const suite = <E>(
  name: string,
  storeLayer: Layer.Layer<EventStore, E>,
  options?: SuiteOptions
): void =>
  layer(storeLayer, {
    excludeTestServices: true,
    ...(options?.timeout === undefined ? {} : { timeout: options.timeout })
  })(
    `EventStore contract: ${name}`,
    (it) => {
      const test = it.effect
      const testOptions = options?.timeout === undefined ? {} : { timeout: Duration.toMillis(options.timeout) }
      const maxEventBytes = options?.maxEventBytes ?? defaultMaxEventBytes

      test(
        "appends to a new stream: versions from 1, increasing positions, events read back as appended",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const events = [
              event(1, { metadata: { correlationId: "c-1", causationId: "k-1" } }),
              event(2, { type: "Other", typeVersion: 3 }),
              event(3)
            ]
            const result = yield* store.append(stream, ExpectedVersion.noStream, events)
            assert.strictEqual(result.streamVersion, 3)
            assert.strictEqual(result.positions.length, 3)
            assertStrictlyIncreasing(result.positions)
            assert.isTrue(result.positions[0]! >= 1)

            const read = yield* collect(store.readStream(stream))
            assertIds(read, ids(events))
            assert.deepStrictEqual(versions(read), [1, 2, 3])
            assert.deepStrictEqual(read.map((e) => e.position), [...result.positions])
            assert.deepStrictEqual(read.map((e) => e.type), ["Counted", "Other", "Counted"])
            assert.deepStrictEqual(read.map((e) => e.typeVersion), [1, 3, 1])
            assert.deepStrictEqual(read.map((e) => e.data), [{ n: 1 }, { n: 2 }, { n: 3 }])
            assert.deepStrictEqual(read[0]!.metadata, { correlationId: "c-1", causationId: "k-1" })
            assert.deepStrictEqual(read[1]!.metadata, {})
            for (const e of read) {
              assert.strictEqual(e.streamName, stream)
              assert.match(e.recordedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
            }
          }),
        testOptions
      )

      test("expected version any: passes on a new stream and on an existing one", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          assert.strictEqual((yield* store.append(stream, ExpectedVersion.any, batch(2))).streamVersion, 2)
          assert.strictEqual((yield* store.append(stream, ExpectedVersion.any, batch(3, 3))).streamVersion, 5)
          assert.deepStrictEqual(versions(yield* collect(store.readStream(stream))), [1, 2, 3, 4, 5])
        }), testOptions)

      test(
        "expected version no-stream: passes on a new stream, fails on an existing one",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            assert.strictEqual((yield* store.append(stream, ExpectedVersion.noStream, batch(2))).streamVersion, 2)
            const error = yield* Effect.flip(store.append(stream, ExpectedVersion.noStream, batch(1)))
            assertWrongVersion(error, stream, "no-stream", 2)
          }),
        testOptions
      )

      test(
        "expected version stream-exists: fails on a new stream, passes on an existing one",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const error = yield* Effect.flip(store.append(stream, ExpectedVersion.streamExists, batch(1)))
            assertWrongVersion(error, stream, "stream-exists", 0)
            assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
            yield* store.append(stream, ExpectedVersion.any, batch(1))
            assert.strictEqual(
              (yield* store.append(stream, ExpectedVersion.streamExists, batch(2, 2))).streamVersion,
              3
            )
          }),
        testOptions
      )

      test(
        "expected version exact: passes at the stream's version, fails below and above it",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            assert.strictEqual((yield* store.append(stream, ExpectedVersion.exact(0), batch(2))).streamVersion, 2)
            assertWrongVersion(
              yield* Effect.flip(store.append(stream, ExpectedVersion.exact(0), batch(1))),
              stream,
              "0",
              2
            )
            assertWrongVersion(
              yield* Effect.flip(store.append(stream, ExpectedVersion.exact(1), batch(1))),
              stream,
              "1",
              2
            )
            assertWrongVersion(
              yield* Effect.flip(store.append(stream, ExpectedVersion.exact(3), batch(1))),
              stream,
              "3",
              2
            )
            const other = freshStream()
            assertWrongVersion(
              yield* Effect.flip(store.append(other, ExpectedVersion.exact(1), batch(1))),
              other,
              "1",
              0
            )
            assert.strictEqual((yield* store.append(stream, ExpectedVersion.exact(2), batch(2, 3))).streamVersion, 4)
          }),
        testOptions
      )

      test(
        "a batch refused for its expected version writes nothing, and its ids stay free",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            yield* store.append(stream, ExpectedVersion.any, batch(2))
            const refused = batch(3, 3)
            yield* Effect.flip(store.append(stream, ExpectedVersion.exact(1), refused))
            assert.deepStrictEqual(versions(yield* collect(store.readStream(stream))), [1, 2])
            const result = yield* store.append(stream, ExpectedVersion.exact(2), refused)
            assert.strictEqual(result.streamVersion, 5)
            assertIds(yield* collect(store.readStream(stream, { from: 3 })), ids(refused))
          }),
        testOptions
      )

      test("a batch with one malformed event writes none of its events", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          const events = [event(1), event(2), event(3, { data: { n: Number.NaN } }), event(4)]
          const error = yield* Effect.flip(store.append(stream, ExpectedVersion.any, events))
          assert.instanceOf(error, InvalidAppend)
          assert.strictEqual((error as InvalidAppend).index, 2)
          assert.strictEqual((error as InvalidAppend).streamName, stream)
          assert.deepStrictEqual(yield* collect(store.readStream(stream)), [])
          assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
          const valid = [event(1), event(2)]
          const again = yield* store.append(stream, ExpectedVersion.noStream, [events[0]!, events[1]!, ...valid])
          assert.strictEqual(again.streamVersion, 4)
        }), testOptions)

      test(
        "re-appending a stored batch returns the first result and writes nothing, even at a stale version",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const head = yield* store.headPosition
            const events = batch(3)
            const first = yield* store.append(stream, ExpectedVersion.noStream, events)
            const again = yield* store.append(stream, ExpectedVersion.noStream, events)
            assert.deepStrictEqual(again, first)
            yield* store.append(stream, ExpectedVersion.exact(3), batch(1, 4))
            const later = yield* store.append(stream, ExpectedVersion.exact(0), events)
            assert.deepStrictEqual(later, first)
            assert.deepStrictEqual(versions(yield* collect(store.readStream(stream))), [1, 2, 3, 4])
            const all = (yield* collect(store.readAll(head))).filter((e) => e.streamName === stream)
            assert.deepStrictEqual(versions(all), [1, 2, 3, 4])
            assert.strictEqual(new Set(ids(all)).size, 4)
          }),
        testOptions
      )

      test(
        "ids stored in part, or stored in another stream, are an EventIdConflict and nothing is written",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const stored = batch(2)
            yield* store.append(stream, ExpectedVersion.any, stored)

            const partial = yield* Effect.flip(store.append(stream, ExpectedVersion.any, [stored[1]!, event(3)]))
            assert.instanceOf(partial, EventIdConflict)
            assert.strictEqual((partial as EventIdConflict).streamName, stream)
            assert.deepStrictEqual((partial as EventIdConflict).eventIds, [stored[1]!.eventId])
            assert.deepStrictEqual(versions(yield* collect(store.readStream(stream))), [1, 2])

            const other = freshStream()
            const elsewhere = yield* Effect.flip(store.append(other, ExpectedVersion.any, stored))
            assert.instanceOf(elsewhere, EventIdConflict)
            assert.strictEqual((elsewhere as EventIdConflict).streamName, other)
            assert.deepStrictEqual([...(elsewhere as EventIdConflict).eventIds].sort(), ids(stored).sort())
            assert.isTrue(Option.isNone(yield* store.streamMetadata(other)))
          }),
        testOptions
      )

      test(
        "a duplicate id inside one batch is an InvalidAppend naming the second occurrence",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const first = event(1)
            const error = yield* Effect.flip(store.append(stream, ExpectedVersion.any, [first, event(2), first]))
            assert.instanceOf(error, InvalidAppend)
            assert.strictEqual((error as InvalidAppend).index, 2)
            assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
          }),
        testOptions
      )

      test("data or metadata that JSON cannot hold faithfully is an InvalidAppend", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          class Money {
            readonly cents = 1
          }
          const cyclic: Record<string, unknown> = { a: 1 }
          cyclic["self"] = cyclic
          // label, the event's fields, and the InvalidAppend's field and value
          const cases: ReadonlyArray<readonly [string, Partial<EventToAppend>, string, string]> = [
            ["NaN", { data: { n: Number.NaN } }, "data.n", "NaN"],
            ["Infinity", { data: [Number.POSITIVE_INFINITY] }, "data[0]", "Infinity"],
            ["a function", { data: { f: () => 1 } }, "data.f", "a function"],
            ["a bigint", { data: { n: BigInt(1) } }, "data.n", "1n"],
            ["a symbol", { data: { s: Symbol("s") } }, "data.s", "Symbol(s)"],
            ["undefined data", { data: undefined }, "data", "undefined"],
            ["undefined in an array", { data: [1, undefined] }, "data[1]", "undefined"],
            ["a Date object", { data: { at: DateTime.toDateUtc(DateTime.makeUnsafe(0)) } }, "data.at", "a Date object"],
            ["a Map", { data: { m: new Map([["a", 1]]) } }, "data.m", "a Map object"],
            ["a class instance", { data: { money: new Money() } }, "data.money", "a Money object"],
            ["a cycle", { data: cyclic }, `data${".self".repeat(256)}`, "an object"],
            ["a NUL character", { data: { s: "a\u0000b" } }, "data.s", "\"a\\u0000b\""],
            ["a lone surrogate", { data: { s: "\ud800" } }, "data.s", "\"\\ud800\""],
            ["non-JSON metadata", { metadata: { correlationId: "c", n: Number.NaN } }, "metadata.n", "NaN"],
            ["metadata that is an array", { metadata: [] as never }, "metadata", "an array of 0 items"],
            ["a typeVersion that is not a positive integer", { typeVersion: 1.5 }, "typeVersion", "1.5"],
            ["a typeVersion of 0", { typeVersion: 0 }, "typeVersion", "0"],
            ["an empty type", { type: "" }, "type", "\"\""],
            ["an event id that is not a uuid", { eventId: "not-a-uuid" }, "eventId", "\"not-a-uuid\""]
          ]
          for (const [label, overrides, field, value] of cases) {
            const stream = freshStream()
            const exit = yield* Effect.result(
              store.append(stream, ExpectedVersion.any, [event(1), event(2, overrides)])
            )
            assert.isTrue(exit._tag === "Failure", `${label} was accepted`)
            if (exit._tag === "Failure") assertInvalidAppend(exit.failure, stream, 1, field, value, label)
            assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)), label)
          }
        }), testOptions)

      test(
        "an event of exactly maxEventBytes (UTF-8, as stored) is read back whole; one byte more is refused",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const head = yield* store.headPosition
            // data "é…éx…x": 2 bytes per é, 1 per x, 2 for the quotes; no metadata counts as {} (2 bytes)
            const accents = Math.floor((maxEventBytes - 4) / 4)
            const text = (extra: number) => "é".repeat(accents) + "x".repeat(maxEventBytes - 4 - 2 * accents + extra)
            const atLimit = event(1, { data: text(0) })
            const appended = yield* store.append(stream, ExpectedVersion.noStream, [atLimit])
            const [read] = yield* collect(store.readStream(stream))
            assert.strictEqual(read!.data, text(0))
            const [fromAll] = (yield* collect(store.readAll(head))).filter((e) => e.streamName === stream)
            assert.strictEqual(fromAll!.data, text(0))
            const [live] = yield* collect(store.subscribe(appended.positions[0]! - 1).pipe(Stream.take(1)))
            assert.strictEqual(live!.eventId, atLimit.eventId)
            assert.strictEqual(live!.data, text(0))

            const over = yield* Effect.flip(
              store.append(stream, ExpectedVersion.any, [event(2), event(3, { data: text(1) })])
            )
            assertInvalidAppend(over, stream, 1, "data+metadata", `${maxEventBytes + 1} bytes`, "one byte over")
            // metadata counts too: the same data with a metadata of {"k": ""} (9 bytes as stored instead of 2)
            const withMetadata = event(4, { data: text(-7), metadata: { k: "" } })
            assert.strictEqual(storedJsonBytes(JSON.stringify(withMetadata.data)) + 9, maxEventBytes)
            yield* store.append(stream, ExpectedVersion.exact(1), [withMetadata])
            const metadataOver = yield* Effect.flip(
              store.append(stream, ExpectedVersion.exact(2), [event(5, { data: text(-7), metadata: { k: "1" } })])
            )
            assertInvalidAppend(metadataOver, stream, 0, "data+metadata", `${maxEventBytes + 1} bytes`, "metadata")
            assert.deepStrictEqual(versions(yield* collect(store.readStream(stream))), [1, 2])
          }),
        testOptions
      )

      test(
        "object keys written with escapes (\\\", \\\\, \\n...) read back as written, in data and metadata, by every read, " +
          "even after a parse that misleads JSON.parse on Node 24 (nodejs/node#63785)",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const escaped = { h: 1, "\"": 2, "\\": 3, "\n": 4, "\r": 5, "a\"b": { "\f": [{ h: [], "\"": 6 }] } }
            // "!" sorts before "\"" in both key orders (the memory store's as written, jsonb's shorter keys first then
            // by bytes): after the poisoning parse, the only key that followed "!" was `\`, and JSON.parse gave the
            // key `"` of the text that follows as `\`.
            const seul = { "!": 1, "\"": "seul" }
            const metadata = { "!": "m", "\"": "q", correlationId: "c" }
            const poison = () => {
              JSON.parse(String.raw`{"!":[],"\\":0}`)
            }
            const appended = yield* store.append(stream, ExpectedVersion.any, [
              event(1, { data: escaped, metadata }),
              event(2, { data: seul })
            ])
            // Each read right after the poisoning parses.
            const poisoned = <A, E, R>(read: () => Stream.Stream<A, E, R>) =>
              Stream.suspend(() => {
                poison()
                return read()
              })
            const check = (events: ReadonlyArray<RecordedEvent>, where: string) => {
              assert.deepStrictEqual(events.map((e) => e.data), [escaped, seul], where)
              assert.deepStrictEqual(events.map((e) => e.metadata), [metadata, {}], where)
            }
            check(yield* collect(poisoned(() => store.readStream(stream))), "readStream")
            check(
              (yield* collect(poisoned(() => store.readAll(appended.positions[0]! - 1)))).filter((e) =>
                e.streamName === stream
              ),
              "readAll"
            )
            check(
              yield* collect(Stream.take(poisoned(() => store.subscribe(appended.positions[0]! - 1)), 2)),
              "subscribe"
            )
          }),
        testOptions
      )

      test("the size counts numbers as PostgreSQL writes them back: 1e300 is 301 bytes", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          // [1e+300,1e+300,...] is 7 characters a number in JavaScript, 303 bytes as stored ("1000…000, ")
          const count = Math.floor(maxEventBytes / 303) + 1
          assert.isBelow(JSON.stringify(new Array(count).fill(1e300)).length, maxEventBytes)
          const error = yield* Effect.flip(
            store.append(stream, ExpectedVersion.any, [event(1, { data: new Array(count).fill(1e300) })])
          )
          assertInvalidAppend(error, stream, 0, "data+metadata", `${303 * count + 2} bytes`, "1e300")
          assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
          const small = [1e300, -5e-324, 1.5e-7, 1e21, 0.1]
          yield* store.append(stream, ExpectedVersion.any, [event(2, { data: small })])
          assert.deepStrictEqual((yield* collect(store.readStream(stream)))[0]!.data, small)
        }), testOptions)

      test(
        "type: 1 to 200 characters of valid Unicode without control characters, or an InvalidAppend",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const longest = "T".repeat(maxTypeLength)
            const cases: ReadonlyArray<readonly [string, unknown, string]> = [
              ["empty", "", "\"\""],
              ["201 characters", longest + "x", `"${"T".repeat(40)}"… (201 characters)`],
              ["a NUL", "Counted\u0000", "\"Counted\\u0000\""],
              ["a control character", "Coun\u0007ted", "\"Coun\\u0007ted\""],
              ["a newline", "Counted\n", "\"Counted\\n\""],
              ["DEL", "Counted\u007f", "\"Counted\u007f\""],
              ["a C1 control character", "Counted\u0085", "\"Counted\u0085\""],
              ["a lone surrogate", "Counted\ud800", "\"Counted\\ud800\""],
              ["a number", 42, "42"],
              ["undefined", undefined, "undefined"]
            ]
            for (const [label, type, value] of cases) {
              const stream = freshStream()
              const error = yield* Effect.flip(
                store.append(stream, ExpectedVersion.any, [event(1), event(2, { type: type as string })])
              )
              assertInvalidAppend(error, stream, 1, "type", value, label)
              assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)), label)
            }
            const stream = freshStream()
            const types = [longest, "Événement créé 😀", "a"]
            yield* store.append(stream, ExpectedVersion.any, types.map((type, i) => event(i, { type })))
            assert.deepStrictEqual((yield* collect(store.readStream(stream))).map((e) => e.type), types)
          }),
        testOptions
      )

      test(
        "typeVersion: an integer from 1 to 2147483647 (PostgreSQL integer), or an InvalidAppend",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const cases: ReadonlyArray<readonly [unknown, string]> = [
              [0, "0"],
              [-1, "-1"],
              [1.5, "1.5"],
              [Number.NaN, "NaN"],
              [Number.POSITIVE_INFINITY, "Infinity"],
              [maxTypeVersion + 1, "2147483648"],
              [2 ** 53, "9007199254740992"],
              ["1", "\"1\""],
              [undefined, "undefined"]
            ]
            for (const [typeVersion, value] of cases) {
              const stream = freshStream()
              const error = yield* Effect.flip(
                store.append(stream, ExpectedVersion.any, [event(1), event(2, { typeVersion: typeVersion as number })])
              )
              assertInvalidAppend(error, stream, 1, "typeVersion", value, value)
              assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)), value)
            }
            const stream = freshStream()
            yield* store.append(stream, ExpectedVersion.any, [event(1, { typeVersion: maxTypeVersion })])
            assert.deepStrictEqual((yield* collect(store.readStream(stream))).map((e) => e.typeVersion), [
              maxTypeVersion
            ])
          }),
        testOptions
      )

      test(
        "a stream name cast past StreamName is an InvalidArgument on every operation, nothing written",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const head = yield* store.headPosition
            const cases: ReadonlyArray<readonly [string, unknown, string]> = [
              ["empty", "", "\"\""],
              ["no dash", "contract", "\"contract\""],
              ["nothing after the dash", "contract-", "\"contract-\""],
              ["an uppercase category", "Contract-x", "\"Contract-x\""],
              ["a space", "contract-a b", "\"contract-a b\""],
              ["a NUL", "contract-a\u0000", "\"contract-a\\u0000\""],
              ["a non-ASCII letter", "contract-é", "\"contract-é\""],
              ["201 characters", `contract-${"x".repeat(192)}`, `"contract-${"x".repeat(31)}"… (201 characters)`],
              ["10,000 characters", `contract-${"x".repeat(9991)}`, `"contract-${"x".repeat(31)}"… (10000 characters)`],
              ["a number", 42, "42"]
            ]
            const refused: Array<string> = []
            for (const [label, name, value] of cases) {
              const stream = name as StreamName
              const events = batch(1)
              refused.push(events[0]!.eventId)
              assertInvalidArgument(
                yield* Effect.flip(store.append(stream, ExpectedVersion.any, events)),
                "append",
                "streamName",
                value,
                label
              )
              const empty = yield* Effect.flip(store.append(stream, ExpectedVersion.any, []))
              assertInvalidArgument(empty, "append", "streamName", value, label)
              const read = yield* Effect.flip(collect(store.readStream(stream)))
              assertInvalidArgument(read, "readStream", "streamName", value, label)
              const metadata = yield* Effect.flip(store.streamMetadata(stream))
              assertInvalidArgument(metadata, "streamMetadata", "streamName", value, label)
            }
            const written = (yield* collect(store.readAll(head))).filter((e) => refused.includes(e.eventId))
            assert.deepStrictEqual(written, [])
            const longest = streamName("contract", `${newEventId()}-${"x".repeat(200 - 46)}`)
            assert.strictEqual(longest.length, 200)
            yield* store.append(longest, ExpectedVersion.any, batch(1))
            assert.strictEqual((yield* collect(store.readStream(longest)))[0]!.streamName, longest)
          }),
        testOptions
      )

      test(
        "an expected version or events the types do not allow are an InvalidArgument, nothing written",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const expectations: ReadonlyArray<readonly [unknown, string]> = [
              [ExpectedVersion.exact(-1), "-1"],
              [ExpectedVersion.exact(1.5), "1.5"],
              [ExpectedVersion.exact(Number.NaN), "NaN"],
              [{ _tag: "Sometimes" }, "\"Sometimes\""],
              [null, "null"]
            ]
            for (const [expected, value] of expectations) {
              const error = yield* Effect.flip(store.append(stream, expected as ExpectedVersion, batch(1)))
              assertInvalidArgument(error, "append", "expected", value, value)
            }
            const notArray = yield* Effect.flip(store.append(stream, ExpectedVersion.any, "events" as never))
            assertInvalidArgument(notArray, "append", "events", "\"events\"", "events")
            const nullEvent = yield* Effect.flip(store.append(stream, ExpectedVersion.any, [event(1), null as never]))
            assertInvalidAppend(nullEvent, stream, 1, "event", "null", "null event")
            assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
          }),
        testOptions
      )

      test(
        "readAll and subscribe refuse an after that is not a non-negative safe integer, at once",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const cases: ReadonlyArray<readonly [unknown, string]> = [
              [-1, "-1"],
              [1.5, "1.5"],
              [Number.NaN, "NaN"],
              [Number.POSITIVE_INFINITY, "Infinity"],
              [Number.NEGATIVE_INFINITY, "-Infinity"],
              [2 ** 53, "9007199254740992"],
              ["3", "\"3\""],
              [null, "null"]
            ]
            for (const [after, value] of cases) {
              const position = after as number
              const all = yield* Effect.flip(collect(store.readAll(position)))
              assertInvalidArgument(all, "readAll", "after", value, value)
              const subscription = yield* Effect.flip(collect(store.subscribe(position)))
              assertInvalidArgument(subscription, "subscribe", "after", value, value)
            }
            assert.deepStrictEqual(yield* collect(store.readAll(Number.MAX_SAFE_INTEGER)), [])
            for (const [maxCount, value] of cases) {
              const all = yield* Effect.flip(collect(store.readAll(0, { maxCount: maxCount as number })))
              assertInvalidArgument(all, "readAll", "maxCount", value, value)
            }
          }),
        testOptions
      )

      test("readStream refuses options that are not what the types say", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          yield* store.append(stream, ExpectedVersion.any, batch(3))
          const cases: ReadonlyArray<readonly [unknown, string, string]> = [
            [{ from: -1 }, "from", "-1"],
            [{ from: 1.5 }, "from", "1.5"],
            [{ from: Number.NaN }, "from", "NaN"],
            [{ from: Number.POSITIVE_INFINITY, direction: "backward" }, "from", "Infinity"],
            [{ from: "2" }, "from", "\"2\""],
            [{ maxCount: -1 }, "maxCount", "-1"],
            [{ maxCount: 0.5 }, "maxCount", "0.5"],
            [{ maxCount: Number.NaN }, "maxCount", "NaN"],
            [{ maxCount: Number.POSITIVE_INFINITY }, "maxCount", "Infinity"],
            [{ direction: "sideways" }, "direction", "\"sideways\""],
            [null, "options", "null"],
            ["forward", "options", "\"forward\""]
          ]
          for (const [options, field, value] of cases) {
            const error = yield* Effect.flip(collect(store.readStream(stream, options as ReadStreamOptions)))
            assertInvalidArgument(error, "readStream", field, value, `${field} ${value}`)
          }
          const read = (options: ReadStreamOptions) => Effect.map(collect(store.readStream(stream, options)), versions)
          assert.deepStrictEqual(yield* read({ from: 0 }), [1, 2, 3])
          assert.deepStrictEqual(yield* read({ from: 0, direction: "backward" }), [])
          assert.deepStrictEqual(yield* read({ from: Number.MAX_SAFE_INTEGER, direction: "backward" }), [3, 2, 1])
        }), testOptions)

      test(
        "stored data is a JSON round trip of what was appended, and every read gives fresh objects",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const data: Record<string, unknown> = {
              text: "Schéma départemental — 92 ✓ 😀",
              nested: { list: [1, "two", null, true, { deep: [] }], empty: {} },
              numbers: [0, -0, 1.5, -2e-7, 1e21, Number.MAX_SAFE_INTEGER],
              gone: undefined,
              kept: null
            }
            const metadata = { correlationId: "corr", causationId: "cause", extra: { tags: ["a"] }, dropped: undefined }
            yield* store.append(stream, ExpectedVersion.any, [event(1, { data, metadata })])
            ;(data["nested"] as { list: Array<unknown> }).list.push("mutated after append")
            data["text"] = "changed"

            const [read] = yield* collect(store.readStream(stream))
            assert.deepStrictEqual(read!.data, {
              text: "Schéma départemental — 92 ✓ 😀",
              nested: { list: [1, "two", null, true, { deep: [] }], empty: {} },
              numbers: [0, 0, 1.5, -2e-7, 1e21, Number.MAX_SAFE_INTEGER],
              kept: null
            })
            assert.isFalse(Object.hasOwn(read!.data as object, "gone"))
            assert.isTrue(Object.is((read!.data as { numbers: Array<number> }).numbers[1], 0))
            assert.deepStrictEqual(read!.metadata, {
              correlationId: "corr",
              causationId: "cause",
              extra: { tags: ["a"] }
            })
            ;(read!.data as { nested: { list: Array<unknown> } }).nested.list.push("mutated after read")
            const [again] = yield* collect(store.readStream(stream))
            assert.deepStrictEqual((again!.data as { nested: { list: Array<unknown> } }).nested.list, [
              1,
              "two",
              null,
              true,
              { deep: [] }
            ])
            const [fromAll] = (yield* collect(store.readAll(read!.position - 1))).filter((e) => e.streamName === stream)
            assert.deepStrictEqual(fromAll!.data, again!.data)
          }),
        testOptions
      )

      test(
        "an empty batch checks the expected version, writes nothing and creates no stream",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            assert.deepStrictEqual(yield* store.append(stream, ExpectedVersion.any, []), {
              streamVersion: 0,
              positions: []
            })
            assert.deepStrictEqual(yield* store.append(stream, ExpectedVersion.noStream, []), {
              streamVersion: 0,
              positions: []
            })
            assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
            assertWrongVersion(
              yield* Effect.flip(store.append(stream, ExpectedVersion.streamExists, [])),
              stream,
              "stream-exists",
              0
            )
            yield* store.append(stream, ExpectedVersion.any, batch(2))
            assert.deepStrictEqual(yield* store.append(stream, ExpectedVersion.exact(2), []), {
              streamVersion: 2,
              positions: []
            })
            assertWrongVersion(
              yield* Effect.flip(store.append(stream, ExpectedVersion.noStream, [])),
              stream,
              "no-stream",
              2
            )
            assert.deepStrictEqual(versions(yield* collect(store.readStream(stream))), [1, 2])
          }),
        testOptions
      )

      test("readStream of a stream that does not exist is empty, in both directions", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          assert.deepStrictEqual(yield* collect(store.readStream(stream)), [])
          assert.deepStrictEqual(yield* collect(store.readStream(stream, { direction: "backward" })), [])
          assert.deepStrictEqual(yield* collect(store.readStream(stream, { from: 3, maxCount: 2 })), [])
        }), testOptions)

      test("readStream reads forward and backward, from a version, up to maxCount", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          yield* store.append(stream, ExpectedVersion.any, batch(4))
          yield* store.append(stream, ExpectedVersion.any, batch(6, 5))
          const read = (options?: Parameters<EventStore["Service"]["readStream"]>[1]) =>
            Effect.map(collect(store.readStream(stream, options)), versions)
          assert.deepStrictEqual(yield* read(), range(1, 10))
          assert.deepStrictEqual(yield* read({ direction: "forward" }), range(1, 10))
          assert.deepStrictEqual(yield* read({ from: 4 }), range(4, 10))
          assert.deepStrictEqual(yield* read({ from: 4, maxCount: 3 }), [4, 5, 6])
          assert.deepStrictEqual(yield* read({ maxCount: 2 }), [1, 2])
          assert.deepStrictEqual(yield* read({ maxCount: 0 }), [])
          assert.deepStrictEqual(yield* read({ from: 10 }), [10])
          assert.deepStrictEqual(yield* read({ from: 11 }), [])
          assert.deepStrictEqual(yield* read({ direction: "backward" }), range(1, 10).reverse())
          assert.deepStrictEqual(yield* read({ direction: "backward", from: 4 }), [4, 3, 2, 1])
          assert.deepStrictEqual(yield* read({ direction: "backward", maxCount: 3 }), [10, 9, 8])
          assert.deepStrictEqual(yield* read({ direction: "backward", from: 6, maxCount: 2 }), [6, 5])
          assert.deepStrictEqual(yield* read({ direction: "backward", from: 50, maxCount: 2 }), [10, 9])
          assert.deepStrictEqual(yield* read({ direction: "backward", from: 1 }), [1])
          const data = (yield* collect(store.readStream(stream, { from: 5, maxCount: 2 }))).map((e) => e.data)
          assert.deepStrictEqual(data, [{ n: 5 }, { n: 6 }])
        }), testOptions)

      test("readAll gives every event after a position, in commit order across streams", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const a = freshStream()
          const b = freshStream("other")
          const head = yield* store.headPosition
          const a1 = batch(2)
          const b1 = batch(3)
          const a2 = batch(1, 3)
          const r1 = yield* store.append(a, ExpectedVersion.any, a1)
          const r2 = yield* store.append(b, ExpectedVersion.any, b1)
          const r3 = yield* store.append(a, ExpectedVersion.any, a2)
          assert.isTrue(r1.positions[0]! > head)
          assertStrictlyIncreasing([...r1.positions, ...r2.positions, ...r3.positions])

          const all = yield* collect(store.readAll(head))
          assertStrictlyIncreasing(all.map((e) => e.position))
          assert.isTrue(all.every((e) => e.position > head))
          const mine = all.filter((e) => e.streamName === a || e.streamName === b)
          assertIds(mine, ids([...a1, ...b1, ...a2]))
          assert.deepStrictEqual(mine.map((e) => e.position), [...r1.positions, ...r2.positions, ...r3.positions])

          const afterSecond = r2.positions[1]!
          const tail = (yield* collect(store.readAll(afterSecond))).filter((e) =>
            e.streamName === a || e.streamName === b
          )
          assertIds(tail, [b1[2]!.eventId, a2[0]!.eventId])

          const everything = yield* collect(store.readAll())
          assert.isTrue(everything.length >= 6)
          assert.isTrue(everything[0]!.position >= 1)
          assertStrictlyIncreasing(everything.map((e) => e.position))

          const beyond = yield* store.headPosition
          assert.deepStrictEqual(
            (yield* collect(store.readAll(beyond))).filter((e) => e.streamName === a || e.streamName === b),
            []
          )
        }), testOptions)

      test("readAll with maxCount gives the first maxCount events after a position, as the whole read cut short", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const head = yield* store.headPosition
          const a = freshStream()
          const b = freshStream("other")
          // Interleaved appends, so that the events after `head` are not one stream's.
          for (let i = 0; i < 4; i++) {
            yield* store.append(a, ExpectedVersion.any, batch(3, 1 + 3 * i))
            yield* store.append(b, ExpectedVersion.any, batch(2, 1 + 2 * i))
          }
          const all = yield* collect(store.readAll(head))
          assert.isAtLeast(all.length, 20)
          for (const after of [head, all[0]!.position, all[6]!.position]) {
            const rest = all.filter((e) =>
              e.position > after
            )
            for (const maxCount of [0, 1, 2, 7, rest.length, rest.length + 5]) {
              const page = yield* collect(store.readAll(after, { maxCount }))
              assert.deepStrictEqual(
                page.map((e) => e.eventId),
                rest.slice(0, maxCount).map((e) => e.eventId),
                `after ${after}, maxCount ${maxCount}`
              )
            }
          }
          // Pages of 3, each from the last event of the one before, give the whole read.
          const paged: Array<RecordedEvent> = []
          for (let after = head;;) {
            const page = yield* collect(store.readAll(after, { maxCount: 3 }))
            paged.push(...page)
            if (page.length < 3) break
            after = page.at(-1)!.position
          }
          const last = all.at(-1)!.position
          assert.deepStrictEqual(
            paged.filter((e) => e.position <= last).map((e) => e.eventId),
            all.map((e) => e.eventId)
          )
        }), testOptions)

      test(
        "stream metadata: none for an unknown stream, then type, creation time and version",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream("schemaTest")
            assert.isTrue(Option.isNone(yield* store.streamMetadata(stream)))
            yield* store.append(stream, ExpectedVersion.any, batch(2))
            yield* store.append(stream, ExpectedVersion.any, batch(3, 3))
            const metadata = yield* store.streamMetadata(stream)
            assert.isTrue(Option.isSome(metadata))
            const [first] = yield* collect(store.readStream(stream, { maxCount: 1 }))
            assert.deepStrictEqual(Option.getOrThrow(metadata), {
              streamName: stream,
              streamType: "schemaTest",
              createdAt: first!.recordedAt,
              version: 5
            })
          }),
        testOptions
      )

      test("headPosition moves to at least the last appended position", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const before = yield* store.headPosition
          assert.isTrue(before >= 0)
          const result = yield* store.append(freshStream(), ExpectedVersion.any, batch(3))
          assert.isTrue(result.positions[0]! > before)
          const after = yield* store.headPosition
          assert.isTrue(after >= result.positions[2]!)
        }), testOptions)

      test(
        "concurrent appends at the same exact version: exactly one wins, the others get WrongExpectedVersion",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            yield* store.append(stream, ExpectedVersion.any, batch(2))
            const contenders = Array.from({ length: 8 }, (_, i) =>
              batch(3, 100 * i))
            const results = yield* Effect.forEach(
              contenders,
              (events) => Effect.result(store.append(stream, ExpectedVersion.exact(2), events)),
              { concurrency: "unbounded" }
            )
            const winners = results.flatMap((r, i) => (r._tag === "Success" ? [i] : []))
            assert.strictEqual(winners.length, 1)
            const winner = winners[0]!
            const won = results[winner]!
            assert.strictEqual(won._tag === "Success" ? won.success.streamVersion : -1, 5)
            for (const r of results) {
              if (r._tag === "Failure") assertWrongVersion(r.failure, stream, "2", 5)
            }
            const read = yield* collect(store.readStream(stream, { from: 3 }))
            assertIds(read, ids(contenders[winner]!))
          }),
        testOptions
      )

      test(
        "concurrent appends with any version all land, each batch contiguous, versions without gaps",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const batches = Array.from({ length: 8 }, (_, i) => batch(3, 10 * i))
            const results = yield* Effect.forEach(
              batches,
              (events) => store.append(stream, ExpectedVersion.any, events),
              { concurrency: "unbounded" }
            )
            const read = yield* collect(store.readStream(stream))
            assert.deepStrictEqual(versions(read), range(1, 24))
            assertStrictlyIncreasing(read.map((e) => e.position))
            const versionOf = new Map(read.map((e) => [e.eventId, e.streamVersion]))
            batches.forEach((events, i) => {
              const vs = events.map((e) => versionOf.get(e.eventId)!)
              assert.deepStrictEqual(vs, range(vs[0]!, vs[0]! + 2))
              assert.strictEqual(results[i]!.streamVersion, vs[2])
            })
          }),
        testOptions
      )

      test("reads while writing see whole batches only, from version 1 without gaps", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          const writer = yield* Effect.forkChild(
            Effect.forEach(range(1, 20), (i) => store.append(stream, ExpectedVersion.any, batch(5, 5 * i)), {
              discard: true
            })
          )
          const reads = yield* Effect.forEach(range(1, 20), () => collect(store.readStream(stream)))
          yield* Fiber.join(writer)
          for (const read of reads) {
            assert.strictEqual(read.length % 5, 0)
            assert.deepStrictEqual(versions(read), range(1, read.length))
          }
          assert.strictEqual((yield* collect(store.readStream(stream))).length, 100)
        }), testOptions)

      test("subscribe catches up, then goes live, each event once and in order", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          const head = yield* store.headPosition
          const before = batch(3)
          yield* store.append(stream, ExpectedVersion.any, before)
          const subscriber = yield* Effect.forkChild(
            collect(store.subscribe(head).pipe(Stream.filter((e) => e.streamName === stream), Stream.take(7)))
          )
          const live = [batch(2, 4), batch(2, 6)]
          yield* store.append(stream, ExpectedVersion.exact(3), live[0]!)
          yield* Effect.yieldNow
          yield* store.append(stream, ExpectedVersion.exact(5), live[1]!)
          yield* store.append(freshStream(), ExpectedVersion.any, batch(1))
          yield* store.append(stream, ExpectedVersion.exact(7), batch(1, 8))
          const received = yield* Fiber.join(subscriber)
          assert.deepStrictEqual(versions(received), range(1, 7))
          assertIds(received.slice(0, 7), [...ids(before), ...ids(live[0]!), ...ids(live[1]!)])
          assertStrictlyIncreasing(received.map((e) => e.position))
        }), testOptions)

      test("subscribe from a position starts right after it", () =>
        Effect.gen(function*() {
          const store = yield* EventStore
          const stream = freshStream()
          const result = yield* store.append(stream, ExpectedVersion.any, batch(4))
          const received = yield* collect(
            store.subscribe(result.positions[1]!).pipe(Stream.filter((e) => e.streamName === stream), Stream.take(2))
          )
          assert.deepStrictEqual(versions(received), [3, 4])
        }), testOptions)

      test(
        "subscribe delivers events appended while it is catching up, each once, in order",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const head = yield* store.headPosition
            for (const i of range(0, 9)) yield* store.append(stream, ExpectedVersion.any, batch(20, 20 * i + 1))
            let appendedWhileCatchingUp = false
            const received = yield* collect(
              store.subscribe(head).pipe(
                Stream.filter((e) => e.streamName === stream),
                Stream.tap((e) =>
                  e.streamVersion === 10 && !appendedWhileCatchingUp
                    ? Effect.andThen(
                      Effect.sync(() => {
                        appendedWhileCatchingUp = true
                      }),
                      Effect.forEach(
                        range(0, 4),
                        (i) => store.append(stream, ExpectedVersion.any, batch(10, 201 + 10 * i)),
                        {
                          discard: true
                        }
                      )
                    )
                    : Effect.void
                ),
                Stream.take(250)
              )
            )
            assert.isTrue(appendedWhileCatchingUp)
            assert.deepStrictEqual(versions(received), range(1, 250))
            assert.deepStrictEqual(
              received.map((e) => (e.data as { n: number }).n),
              range(1, 250)
            )
            assertStrictlyIncreasing(received.map((e) => e.position))
          }),
        testOptions
      )

      test(
        "subscribe keeps its status: position of the last event delivered, live once caught up, lag = head - position",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const stream = freshStream()
            const head = yield* store.headPosition
            const first = yield* store.append(stream, ExpectedVersion.any, batch(3))
            const status = yield* makeSubscriptionStatus(head)
            const reached = (position: number) =>
              SubscriptionRef.changes(status).pipe(
                Stream.filter((s) => s.state._tag === "Live" && s.position >= position),
                Stream.runHead,
                Effect.map(Option.getOrThrow),
                Effect.timeoutOrElse({
                  duration: "30 seconds",
                  orElse: () => Effect.die(new Error(`no live status at position ${position} within 30 s`))
                })
              )
            const subscriber = yield* Effect.forkChild(Stream.runDrain(store.subscribe(head, { status })))
            const caughtUp: SubscriptionStatus = yield* reached(first.positions[2]!)
            assert.strictEqual(caughtUp.lag, caughtUp.head - caughtUp.position)
            assert.isAtLeast(caughtUp.head, caughtUp.position)
            const later = yield* store.append(stream, ExpectedVersion.exact(3), batch(1, 4))
            const live = yield* reached(later.positions[0]!)
            assert.isAtLeast(live.lastDeliveredAt, caughtUp.lastDeliveredAt)
            assert.strictEqual(live.lag, live.head - live.position)
            yield* Fiber.interrupt(subscriber)
          }),
        testOptions
      )

      test(
        "several subscribers and several writers: every subscriber sees every event once, stream order kept",
        () =>
          Effect.gen(function*() {
            const store = yield* EventStore
            const streams = range(1, 4).map(() => freshStream())
            const mine = new Set<string>(streams)
            const head = yield* store.headPosition
            const subscribe = Effect.forkChild(
              collect(store.subscribe(head).pipe(Stream.filter((e) => mine.has(e.streamName)), Stream.take(4 * 30)))
            )
            const first = yield* subscribe
            const second = yield* subscribe
            yield* Effect.forEach(
              streams,
              (stream) =>
                Effect.forEach(range(0, 9), (i) => store.append(stream, ExpectedVersion.any, batch(3, 3 * i + 1)), {
                  discard: true
                }),
              { concurrency: "unbounded", discard: true }
            )
            const seen = [yield* Fiber.join(first), yield* Fiber.join(second)]
            assert.deepStrictEqual(ids(seen[0]!), ids(seen[1]!))
            for (const received of seen) {
              assert.strictEqual(new Set(ids(received)).size, 120)
              assertStrictlyIncreasing(received.map((e) => e.position))
              for (const stream of streams) {
                assert.deepStrictEqual(versions(received.filter((e) => e.streamName === stream)), range(1, 30))
              }
            }
          }),
        testOptions
      )
    }
  )
