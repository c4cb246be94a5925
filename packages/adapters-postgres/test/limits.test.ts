/**
 * Limits: the PostgreSQL store and the memory store accept and refuse the same appends and arguments, through the
 * port's shared check, and the PostgreSQL store reads back everything it accepts, up to the ceiling of `maxEventBytes`.
 */
import { assert, describe, it } from "@effect/vitest"
import { MemoryEventStore } from "@sdsf/adapters-memory"
import { PostgresEventStore } from "@sdsf/adapters-postgres"
import { EventStore, IdGenerator } from "@sdsf/domain"
import { Effect, Option, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import fc from "fast-check"
import { dropSchema, pgLayer } from "./support.ts"

type Store = EventStore.EventStore["Service"]

const pgStore = (schema: string, options: PostgresEventStore.Options = {}) =>
  Effect.andThen(dropSchema(schema), PostgresEventStore.make({ schema, pollInterval: "200 millis", ...options }))

/** What an operation gave, without what differs between stores by design (positions, timestamps, messages). */
type Outcome =
  | { readonly _tag: "Success"; readonly value: unknown }
  | { readonly _tag: string; readonly fields: Record<string, unknown> }

const errorFields = (error: unknown): Outcome => {
  if (error instanceof EventStore.InvalidAppend) {
    const { field, index, reason, streamName, value } = error
    return { _tag: error._tag, fields: { streamName, index, field, reason, value } }
  }
  if (error instanceof EventStore.InvalidArgument) {
    const { field, operation, reason, value } = error
    return { _tag: error._tag, fields: { operation, field, reason, value } }
  }
  if (error instanceof EventStore.WrongExpectedVersion) {
    const { actual, expected, streamName } = error
    return { _tag: error._tag, fields: { streamName, expected, actual } }
  }
  if (error instanceof EventStore.EventIdConflict) {
    return { _tag: error._tag, fields: { streamName: error.streamName, eventIds: [...error.eventIds].sort() } }
  }
  // an EventStoreError or a defect: never expected, and never equal between the stores
  return { _tag: "Unexpected", fields: { error: String(error) } }
}

const outcome = <A>(effect: Effect.Effect<A, unknown>, value: (a: A) => unknown): Effect.Effect<Outcome> =>
  effect.pipe(
    Effect.map((a): Outcome => ({ _tag: "Success", value: value(a) })),
    Effect.catch((error) => Effect.succeed(errorFields(error))),
    Effect.catchDefect((defect) => Effect.succeed({ _tag: "Defect", fields: { defect: String(defect) } }))
  )

const stored = (events: ReadonlyArray<EventStore.RecordedEvent>) =>
  events.map(({ data, eventId, metadata, streamName, streamVersion, type, typeVersion }) => ({
    eventId,
    type,
    typeVersion,
    data,
    metadata,
    streamName,
    streamVersion
  }))

// ---- operations, as data: resolved against the run's streams and ids, then played on both stores ----

const MAX = 2048

/** A stream: one of the run's three, or a name `StreamName` refuses. */
type StreamRef = number | { readonly bad: unknown }
/** An event id: a fresh one, one of the run's two (for re-appends and conflicts), or not a lowercase uuid. */
type IdRef = "fresh" | number | { readonly bad: unknown }

interface EventSpec {
  readonly id: IdRef
  readonly type: unknown
  readonly typeVersion: unknown
  readonly data: unknown
  readonly metadata?: unknown
}

type Op =
  | { readonly _tag: "append"; readonly stream: StreamRef; readonly expected: unknown; readonly events: unknown }
  /** The events of the run's last append again, to a stream, with a fresh event after them or not. */
  | { readonly _tag: "reappend"; readonly stream: StreamRef; readonly expected: unknown; readonly extra: boolean }
  | { readonly _tag: "readStream"; readonly stream: StreamRef; readonly options: unknown }
  | { readonly _tag: "readAll"; readonly after: unknown }
  | { readonly _tag: "subscribe"; readonly after: unknown }
  | { readonly _tag: "streamMetadata"; readonly stream: StreamRef }

const badCount = fc.constantFrom<unknown>(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "2", null, -0.5)
const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: badCount })

const badStreamName = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      "",
      "contract",
      "prop-",
      "Prop-x",
      "prop-a b",
      "prop-é",
      "prop-\u0000",
      `prop-${"x".repeat(196)}`,
      `prop-${"x".repeat(9995)}`,
      42,
      undefined
    )
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }).map((s) => `-${s}`) }
)
const streamRef: fc.Arbitrary<StreamRef> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 1, arbitrary: badStreamName.map((bad) => ({ bad })) }
)

const idRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 20, arbitrary: fc.constant("fresh" as const) },
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("", "not-a-uuid", 7, null).map((bad) => ({ bad })) }
)

const type = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom("Counted", "Événement créé 😀", "T".repeat(200)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 0, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 195, maxLength: 205 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("", "T".repeat(201), "A\u0000", "A\u0085", "A\ud800", 3, undefined) }
)

const typeVersion = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 1, max: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(2147483647, 2147483648, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1")
  }
)

// Pieces of text and their UTF-8 bytes inside a JSON string: ASCII, two-, three- and four-byte characters, escapes,
// and an exponent that is no number here.
const pieces: ReadonlyArray<readonly [string, number]> = [
  ["x", 1],
  ["é", 2],
  ["€", 3],
  ["😀", 4],
  ["\n", 2],
  ["\"", 2],
  ["1e+300", 6]
]

/** A string whose JSON text takes about `MAX` bytes (a little under or over), cycling through some pieces. */
const sizedText = fc.tuple(
  fc.integer({ min: MAX - 80, max: MAX + 8 }),
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 10 })
).map(([target, pattern]) => {
  const parts: Array<string> = []
  let bytes = 2
  for (let i = 0; bytes < target; i++) {
    const [text, size] = pattern[i % pattern.length]!
    parts.push(text)
    bytes += size
  }
  return parts.join("")
})

const data = fc.oneof(
  { weight: 20, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2, stringUnit: "binary" }) },
  { weight: 3, arbitrary: sizedText },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(1e300, -5e-324, 1.5e-7, 1e21), { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Number.NaN, undefined, [1, undefined], { s: "\u0000" }, new Map()) }
)

const metadata = fc.option(
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
    },
    { weight: 1, arbitrary: sizedText.map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], "m", { n: Number.NaN }, { ["k\u0000"]: 1 }) }
  ),
  { nil: undefined, freq: 3 }
)

const eventSpec: fc.Arbitrary<EventSpec> = fc.record({ id: idRef, type, typeVersion, data, metadata }, {
  requiredKeys: ["id", "type", "typeVersion", "data"]
})

const expected = fc.oneof(
  { weight: 8, arbitrary: fc.constant<unknown>(EventStore.ExpectedVersion.any) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(EventStore.ExpectedVersion.noStream, EventStore.ExpectedVersion.streamExists)
  },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }).map(EventStore.ExpectedVersion.exact) },
  {
    weight: 1,
    arbitrary: fc.oneof(badCount.map((n) => ({ _tag: "Exact", version: n })), fc.constant<unknown>({ _tag: "Maybe" }))
  }
)

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("append" as const),
      stream: streamRef,
      expected,
      events: fc.oneof(
        { weight: 12, arbitrary: fc.array(eventSpec, { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "events", [null]) }
      )
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({ _tag: fc.constant("reappend" as const), stream: streamRef, expected, extra: fc.boolean() })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("readStream" as const),
      stream: streamRef,
      options: fc.oneof(
        {
          weight: 8,
          arbitrary: fc.record({
            from: count,
            maxCount: count,
            direction: fc.constantFrom<unknown>("forward", "backward", "sideways")
          }, { requiredKeys: [] })
        },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, "backward") }
      )
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ _tag: fc.constant("readAll" as const), after: fc.oneof(fc.constant("head"), badCount) })
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("subscribe" as const), after: badCount }) },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("streamMetadata" as const),
      stream: fc.oneof(
        { weight: 2, arbitrary: streamRef },
        { weight: 1, arbitrary: badStreamName.map((bad) => ({ bad })) }
      )
    })
  }
)

interface Run {
  readonly streams: ReadonlyArray<EventStore.StreamName>
  readonly ids: ReadonlyArray<string>
  /** The events of the last append resolved. */
  last: ReadonlyArray<EventStore.EventToAppend>
}

const resolveStream = (run: Run, ref: StreamRef) =>
  (typeof ref === "number" ? run.streams[ref]! : ref.bad) as EventStore.StreamName

const resolveEvents = (run: Run, events: unknown): ReadonlyArray<EventStore.EventToAppend> =>
  (Array.isArray(events)
    ? events.map((spec: EventSpec | null) =>
      spec === null ? null : {
        eventId: spec.id === "fresh"
          ? IdGenerator.newEventId()
          : typeof spec.id === "number"
          ? run.ids[spec.id]!
          : spec.id.bad,
        type: spec.type,
        typeVersion: spec.typeVersion,
        data: spec.data,
        ...(spec.metadata === undefined ? {} : { metadata: spec.metadata })
      }
    )
    : events) as ReadonlyArray<EventStore.EventToAppend>

/** An operation with its arguments, the same for both stores. */
type Resolved =
  | {
    readonly _tag: "append"
    readonly stream: EventStore.StreamName
    readonly expected: EventStore.ExpectedVersion
    readonly events: ReadonlyArray<EventStore.EventToAppend>
  }
  | {
    readonly _tag: "readStream"
    readonly stream: EventStore.StreamName
    readonly options: EventStore.ReadStreamOptions
  }
  | { readonly _tag: "readAll"; readonly after: unknown }
  | { readonly _tag: "subscribe"; readonly after: unknown }
  | { readonly _tag: "streamMetadata"; readonly stream: EventStore.StreamName }

const resolve = (run: Run, op: Op): Resolved => {
  switch (op._tag) {
    case "append": {
      const events = resolveEvents(run, op.events)
      if (Array.isArray(events)) run.last = events
      return {
        _tag: "append",
        stream: resolveStream(run, op.stream),
        expected: op.expected as EventStore.ExpectedVersion,
        events
      }
    }
    case "reappend": {
      const fresh = { eventId: IdGenerator.newEventId(), type: "Counted", typeVersion: 1, data: {} }
      return {
        _tag: "append",
        stream: resolveStream(run, op.stream),
        expected: op.expected as EventStore.ExpectedVersion,
        events: op.extra ? [...run.last, fresh] : run.last
      }
    }
    case "readStream":
      return {
        _tag: "readStream",
        stream: resolveStream(run, op.stream),
        options: op.options as EventStore.ReadStreamOptions
      }
    case "streamMetadata":
      return { _tag: "streamMetadata", stream: resolveStream(run, op.stream) }
    default:
      return op
  }
}

/** Plays `op` on `store`; `head` is the store's head when the run started, so that `readAll` reads the run's events. */
const play = (store: Store, run: Run, head: number, op: Resolved): Effect.Effect<Outcome> => {
  const mine = new Set<string>(run.streams)
  switch (op._tag) {
    case "append":
      return outcome(
        store.append(op.stream, op.expected, op.events),
        (result) => ({ streamVersion: result.streamVersion, events: result.positions.length })
      )
    case "readStream":
      return outcome(Stream.runCollect(store.readStream(op.stream, op.options)), stored)
    case "readAll":
      return outcome(
        Stream.runCollect(store.readAll((op.after === "head" ? head : op.after) as number)),
        (events) => stored(events.filter((e) => mine.has(e.streamName)))
      )
    case "subscribe":
      // only refused values of `after` here: a valid one never ends
      return outcome(Stream.runCollect(store.subscribe(op.after as number)), stored)
    case "streamMetadata":
      return outcome(
        store.streamMetadata(op.stream),
        Option.map(({ streamName, streamType, version }) => ({ streamName, streamType, version }))
      )
  }
}

describe("limits: memory and PostgreSQL stores", () => {
  it.layer(pgLayer(), { excludeTestServices: true })((it) => {
    it.effect(
      "property: both stores give the same outcome, error fields and stored events for random operations",
      () =>
        Effect.gen(function*() {
          const memory = yield* MemoryEventStore.makeWith({ maxEventBytes: MAX })
          const postgres = yield* pgStore("sdsf_limits", { maxEventBytes: MAX })
          const seen = new Map<string, number>()
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) =>
                Effect.runPromise(Effect.gen(function*() {
                  const run: Run = {
                    streams: Array.from({ length: 3 }, () => EventStore.streamName("prop", IdGenerator.newEventId())),
                    ids: Array.from({ length: 2 }, () => IdGenerator.newEventId()),
                    last: []
                  }
                  const heads = [yield* memory.headPosition, yield* postgres.headPosition] as const
                  for (const [i, o] of ops.entries()) {
                    const resolved = resolve(run, o)
                    const inMemory = yield* play(memory, run, heads[0], resolved)
                    const inPostgres = yield* play(postgres, run, heads[1], resolved)
                    assert.deepStrictEqual(inPostgres, inMemory, `operation #${i} (${o._tag})`)
                    const key = `${resolved._tag}:${inMemory._tag}`
                    seen.set(key, (seen.get(key) ?? 0) + 1)
                  }
                  for (const stream of run.streams) {
                    const inMemory = yield* Stream.runCollect(memory.readStream(stream))
                    const inPostgres = yield* Stream.runCollect(postgres.readStream(stream))
                    assert.deepStrictEqual(stored(inPostgres), stored(inMemory), `stream ${stream}`)
                  }
                }))),
              { numRuns: 200 }
            )
          )
          // the generator reaches every outcome worth comparing
          for (
            const key of [
              "append:Success",
              "append:InvalidAppend",
              "append:InvalidArgument",
              "append:WrongExpectedVersion",
              "append:EventIdConflict",
              "readStream:Success",
              "readStream:InvalidArgument",
              "readAll:Success",
              "readAll:InvalidArgument",
              "subscribe:InvalidArgument",
              "streamMetadata:Success",
              "streamMetadata:InvalidArgument"
            ]
          ) {
            assert.isTrue((seen.get(key) ?? 0) > 0, `${key} never happened: ${JSON.stringify([...seen])}`)
          }
        }),
      300_000
    )

    it.effect(
      "property: storedJsonBytes is the UTF-8 length of the JSON text PostgreSQL gives back",
      () =>
        Effect.gen(function*() {
          const sql = (yield* SqlClient.SqlClient).withoutTransforms()
          const value = fc.oneof(
            fc.jsonValue({ maxDepth: 3 }),
            fc.jsonValue({ maxDepth: 2, stringUnit: "grapheme" }),
            fc.array(
              fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e300, -5e-324, 1e21))
            )
          )
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 20 }), (values) =>
                Effect.runPromise(Effect.gen(function*() {
                  const texts = values.map((v) => JSON.stringify(v))
                  const rows = yield* sql.unsafe<{ readonly bytes: number }>(
                    `SELECT octet_length(t::jsonb::text)::int AS bytes
                   FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`,
                    [texts]
                  )
                  const bytes = rows.map((row) =>
                    row.bytes
                  )
                  assert.deepStrictEqual(texts.map(EventStore.storedJsonBytes), bytes, texts.join("\n"))
                }))),
              { numRuns: 100 }
            )
          )
        }),
      120_000
    )

    it.effect(
      "with maxEventBytes at its ceiling, the PostgreSQL store reads back an event of that size",
      () =>
        Effect.gen(function*() {
          const ceiling = EventStore.maxEventBytesCeiling
          const store = yield* pgStore("sdsf_limits_ceiling", { maxEventBytes: ceiling })
          const head = yield* store.headPosition
          // the row's other columns at their largest: a 200-character stream name, a type of 200 three-byte characters
          const stream = EventStore.streamName("limits", `${IdGenerator.newEventId()}-${"x".repeat(200 - 44)}`)
          const type = "€".repeat(EventStore.maxTypeLength)
          const metadata = { correlationId: IdGenerator.newEventId(), note: "😀".repeat(1000) }
          const metadataBytes = EventStore.storedJsonBytes(JSON.stringify(metadata))
          // data "€€…€xx…x" with its quotes fills what metadata leaves
          const euros = Math.floor((ceiling - metadataBytes - 2) / 6)
          const data = "€".repeat(euros) + "x".repeat(ceiling - metadataBytes - 2 - 3 * euros)
          const typeVersion = EventStore.maxTypeVersion
          const event = { eventId: IdGenerator.newEventId(), type, typeVersion, data, metadata }
          assert.strictEqual(EventStore.storedJsonBytes(JSON.stringify(data)) + metadataBytes, ceiling)
          yield* store.append(stream, EventStore.ExpectedVersion.noStream, [event])

          const check = (read: ReadonlyArray<EventStore.RecordedEvent>) => {
            assert.strictEqual(read.length, 1)
            assert.strictEqual(read[0]!.data, data)
            assert.deepStrictEqual(read[0]!.metadata, metadata)
            assert.strictEqual(read[0]!.type, type)
          }
          check(yield* Stream.runCollect(store.readStream(stream)))
          check(yield* Stream.runCollect(store.readStream(stream, { direction: "backward" })))
          check((yield* Stream.runCollect(store.readAll(head))).filter((e) => e.streamName === stream))
          const live = store.subscribe(head).pipe(Stream.filter((e) => e.streamName === stream), Stream.take(1))
          check(yield* Stream.runCollect(live))

          const over = yield* Effect.flip(
            store.append(stream, EventStore.ExpectedVersion.any, [
              { ...event, eventId: IdGenerator.newEventId(), data: data + "x" }
            ])
          )
          assert.instanceOf(over, EventStore.InvalidAppend)
          assert.strictEqual((over as EventStore.InvalidAppend).value, `${ceiling + 1} bytes`)
        }),
      120_000
    )

    it.effect("both stores refuse a maxEventBytes outside 1 to the ceiling with the same InvalidArgument", () =>
      Effect.gen(function*() {
        for (const maxEventBytes of [0, -1, 1.5, Number.NaN, EventStore.maxEventBytesCeiling + 1, 16 * 1024 * 1024]) {
          const inMemory = yield* Effect.flip(MemoryEventStore.makeWith({ maxEventBytes }))
          const inPostgres = yield* Effect.flip(pgStore("sdsf_limits_options", { maxEventBytes }))
          assert.instanceOf(inMemory, EventStore.InvalidArgument)
          assert.deepStrictEqual(errorFields(inPostgres), errorFields(inMemory))
          const { field, operation } = inMemory as EventStore.InvalidArgument
          assert.deepStrictEqual({ operation, field }, { operation: "make", field: "maxEventBytes" })
        }
      }))
  })
})
