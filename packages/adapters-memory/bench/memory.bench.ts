/**
 * Memory event store throughput: append in batches of 100, readAll, decode + fold through a decider (the tests'
 * counter), and decode + fold of real schéma events (the Hauts-de-Seine history, copied into many streams).
 *
 * Run: pnpm --filter @sdsf/adapters-memory bench  (Node 24: `node --conditions=@sdsf/source --expose-gc`)
 * Set EVENTS to change the event count (default 1,000,000; the real-events row uses a fifth of it).
 */
import { Effect, Result, Schema, Stream } from "effect"
import { Catalogue, CommandHandler, EventStore, IdGenerator, SchemaDepartemental } from "@sdsf/domain"
import type { Decider } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { MemoryEventStore, TestKit } from "@sdsf/adapters-memory"

const EVENTS = Number(process.env["EVENTS"] ?? 1_000_000)
const BATCH = 100
const STREAMS = 1_000
const TARGETS = { append: 1_000_000, readAll: 2_000_000 } as const

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9

// The counter decider of the tests (adapters-memory/test/CommandHandler.test.ts): decode with a Schema, fold with evolve.
type Event = { readonly _tag: "Incremente"; readonly par: number } | { readonly _tag: "RemisAZero" }
interface State {
  readonly total: number
  readonly evenements: number
}
const compteur: Decider.Decider<never, Event, State, never> = {
  initialState: { total: 0, evenements: 0 },
  decide: () => Result.succeed({ events: [], warnings: [] }),
  evolve: (state, event) =>
    event._tag === "Incremente"
      ? { total: state.total + event.par, evenements: state.evenements + 1 }
      : { total: 0, evenements: state.evenements + 1 }
}
const Stored = Schema.Union([
  Schema.Struct({ _tag: Schema.Literal("Incremente"), par: Schema.Number }),
  Schema.Struct({ _tag: Schema.Literal("RemisAZero") })
])
const decodeStored = Schema.decodeUnknownResult(Stored)
const codec: CommandHandler.Codec<Event, unknown> = {
  encode: ({ _tag, ...data }) => ({ type: _tag, typeVersion: 1, data }),
  decode: (recorded) => decodeStored({ ...(recorded.data as object), _tag: recorded.type })
}

let nextId = 0
const makeBatch = (): Array<EventStore.EventToAppend> => {
  const batch = new Array<EventStore.EventToAppend>(BATCH)
  for (let i = 0; i < BATCH; i++) {
    const n = ++nextId
    batch[i] = {
      eventId: TestKit.uuidAt(1_767_225_600_000, n),
      type: "Incremente",
      typeVersion: 1,
      data: { par: n % 7, label: "bench" },
      metadata: { correlationId: "bench" }
    }
  }
  return batch
}

interface Row {
  readonly phase: string
  readonly events: number
  readonly seconds: number
  readonly target?: number
}
const rows: Array<Row> = []
let storeHeapMb = 0
const rss: Array<number> = []

const appendAll = (store: MemoryEventStore.MemoryEventStore, count: number, streams: number) =>
  Effect.gen(function*() {
    const batches = Array.from({ length: count / BATCH }, makeBatch)
    const names = Array.from({ length: streams }, (_, i) => EventStore.streamName("bench", String(i)))
    const start = process.hrtime.bigint()
    for (let b = 0; b < batches.length; b++) {
      yield* store.append(names[b % streams]!, EventStore.ExpectedVersion.any, batches[b]!)
    }
    return seconds(start)
  })

const readAll = (store: MemoryEventStore.MemoryEventStore) =>
  Effect.gen(function*() {
    let count = 0
    const start = process.hrtime.bigint()
    yield* Stream.runForEachArray(store.readAll(), (chunk) =>
      Effect.sync(() => {
        count += chunk.length
      }))
    return { count, seconds: seconds(start) }
  })

const program = Effect.gen(function*() {
  // warm-up, not measured
  const warm = yield* MemoryEventStore.make
  yield* appendAll(warm, 50_000, 100)
  yield* readAll(warm)
  gc()

  const heapBefore = process.memoryUsage().heapUsed
  const store = yield* MemoryEventStore.make
  const appendSeconds = yield* appendAll(store, EVENTS, STREAMS)
  gc()
  storeHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
  rows.push({
    phase: `append (batches of ${BATCH}, ${STREAMS} streams)`,
    events: EVENTS,
    seconds: appendSeconds,
    target: TARGETS.append
  })
  rss.push(peakRssMb())

  gc()
  const read = yield* readAll(store)
  rows.push({
    phase: "readAll (parse JSON per event)",
    events: read.count,
    seconds: read.seconds,
    target: TARGETS.readAll
  })
  rss.push(peakRssMb())

  // decode + fold: one stream of EVENTS events, loaded through CommandHandler (readStream, codec.decode, evolve)
  const single = yield* MemoryEventStore.make
  yield* appendAll(single, EVENTS, 1)
  gc()
  const handler = CommandHandler.make({ decider: compteur, codec })
  const start = process.hrtime.bigint()
  const loaded = yield* handler.load(EventStore.streamName("bench", "0")).pipe(
    Effect.provideService(EventStore.EventStore, single)
  )
  rows.push({ phase: "decode + fold (CommandHandler.load, 1 stream)", events: loaded.version, seconds: seconds(start) })
  rss.push(peakRssMb())
  if (loaded.state.evenements !== EVENTS) return yield* Effect.die(`folded ${loaded.state.evenements} events`)

  // real schéma events: write the Hauts-de-Seine schéma through the handler once, copy its history into streams
  const model = yield* MemoryEventStore.make
  const schema = EventStore.streamName("schema", HautsDeSeine.schemaId)
  const schemaHandler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec })
  let ids = 0
  for (const commande of HautsDeSeine.commandes()) {
    yield* schemaHandler.handle(schema, commande).pipe(
      Effect.provideService(EventStore.EventStore, model),
      Effect.provideService(IdGenerator.IdGenerator, { eventId: Effect.sync(() => TestKit.uuidAt(0, ++ids)) })
    )
  }
  const history = yield* model.events(schema)
  const copies = Math.max(1, Math.round(EVENTS / 5 / history.length))
  const schemas = yield* MemoryEventStore.make
  for (let c = 0; c < copies; c++) {
    const copy = history.map((e): EventStore.EventToAppend => ({
      eventId: TestKit.uuidAt(1, ++ids),
      type: e.type,
      typeVersion: e.typeVersion,
      data: e.data,
      metadata: e.metadata
    }))
    yield* schemas.append(EventStore.streamName("schema", `copie${c}`), EventStore.ExpectedVersion.noStream, copy)
  }
  gc()
  const states = new Map<string, SchemaDepartemental.Etat>()
  let folded = 0
  const realStart = process.hrtime.bigint()
  yield* Stream.runForEachArray(schemas.readAll(), (chunk) =>
    Effect.suspend(() => {
      for (const recorded of chunk) {
        const decoded = Catalogue.codec.decode(recorded)
        if (Result.isFailure(decoded)) return Effect.die(decoded.failure)
        const state = states.get(recorded.streamName) ?? SchemaDepartemental.initialState
        states.set(recorded.streamName, SchemaDepartemental.evolve(state, decoded.success))
        folded++
      }
      return Effect.void
    }))
  rows.push({
    phase: `decode + fold, real schéma events (${copies} streams)`,
    events: folded,
    seconds: seconds(realStart)
  })
  rss.push(peakRssMb())
})

Effect.runSync(program)

const format = (n: number) => Math.round(n).toLocaleString("en-US")
console.log(`\nMemory event store, ${format(EVENTS)} events, Node ${process.version}\n`)
console.log(
  [
    "phase".padEnd(48),
    "events".padStart(10),
    "seconds".padStart(8),
    "events/s".padStart(12),
    "target".padStart(11),
    "ratio".padStart(6),
    "peak RSS".padStart(10)
  ]
    .join("  ")
)
rows.forEach((row, i) => {
  const rate = row.events / row.seconds
  console.log(
    [
      row.phase.padEnd(48),
      format(row.events).padStart(10),
      row.seconds.toFixed(3).padStart(8),
      format(rate).padStart(12),
      (row.target === undefined ? "-" : format(row.target)).padStart(11),
      (row.target === undefined ? "-" : `${(rate / row.target).toFixed(2)}x`).padStart(6),
      `${format(rss[i]!)} MB`.padStart(10)
    ].join("  ")
  )
})
console.log(
  `\nheap held by the store after append: ${format(storeHeapMb)} MB (${
    format(storeHeapMb * 1024 * 1024 / EVENTS)
  } bytes/event);` +
    " peak RSS includes the events the benchmark builds to append"
)
