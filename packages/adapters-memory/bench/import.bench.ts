/**
 * Importing one schéma into the memory store through the command handler: the Hauts-de-Seine fixture, then
 * generated commands of the kinds a real import is made of (indicator values per commune and year, with
 * restatements; meetings of the fixture's bodies; progress reports on its actions).
 *
 * Two paths: `handleAll` (every command decided on one loaded state, one atomic append) and `handle` one command at
 * a time (the handler keeps the folded state, so each load reads only the events after it). The rows compare N and
 * 10 N commands: linear time gives a time ratio of 10.
 *
 * Run: pnpm --filter @sdsf/adapters-memory bench  (Node 24: `node --conditions=@sdsf/source --expose-gc`)
 * Set COMMANDS to change N (default 10,000), REPEAT the runs per row (default 3; each row shows the best).
 * Then the decider alone (decide + evolve of 10 N commands, no codec nor store), and last the heap a folded state of
 * 10 N commands holds (what the handler's cache keeps per stream).
 */
import { cpus, loadavg } from "node:os"
import { Effect, Result } from "effect"
import { Catalogue, CommandHandler, Commandes, EventStore, IdGenerator, SchemaDepartemental, Temps } from "@sdsf/domain"
import type { Gouvernance, Indicateur, Plan, Territoire } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { MemoryEventStore, TestKit } from "@sdsf/adapters-memory"

const N = Number(process.env["COMMANDS"] ?? 10_000)
const TARGET = 20_000 // commands per second, for N commands through handleAll
const REPEAT = Math.max(1, Number(process.env["REPEAT"] ?? 3))

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9
const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

// The 36 communes of the Hauts-de-Seine (INSEE codes).
const COMMUNES: ReadonlyArray<string> = [
  "92002",
  "92004",
  "92007",
  "92009",
  "92012",
  "92014",
  "92019",
  "92020",
  "92022",
  "92023",
  "92024",
  "92025",
  "92026",
  "92032",
  "92033",
  "92035",
  "92036",
  "92040",
  "92044",
  "92046",
  "92047",
  "92048",
  "92049",
  "92050",
  "92051",
  "92060",
  "92062",
  "92063",
  "92064",
  "92071",
  "92072",
  "92073",
  "92075",
  "92076",
  "92077",
  "92078"
]
// 200 indicators x 36 communes x 12 years: 86,400 keys, so that values rarely share a key (a second figure of one
// key and source is a contradiction, flagged).
const INDICATEURS = Array.from({ length: 200 }, (_, i) => `indicateur-bench-${i}` as Indicateur.CodeIndicateur)

/** The fixture's commands, then generated ones up to `count` commands in all. */
const commandes = (count: number): ReadonlyArray<Commandes.Commande> => {
  const out: Array<Commandes.Commande> = [...HautsDeSeine.commandes()]
  const schemaId = HautsDeSeine.schemaId
  const at = (n: number) => `2026-01-01T00:00:${String(n % 60).padStart(2, "0")}.000Z` as Temps.Instant
  const common = (n: number) => ({ schemaId, survenuLe: at(n) })
  for (const code of INDICATEURS) {
    out.push(
      new Commandes.DefinirIndicateur({
        ...common(0),
        definition: {
          code,
          libelle: `Indicateur ${code}`,
          unite: "places",
          categorie: "effectif",
          additivite: "somme",
          niveaux: ["commune"]
        }
      })
    )
  }
  const instances = Object.values(HautsDeSeine.instances) as ReadonlyArray<Gouvernance.InstanceId>
  const actions: ReadonlyArray<Plan.NoeudId> = Object.entries(HautsDeSeine.noeuds)
    .filter(([k]) => /^a\d+$/.test(k))
    .map(([, v]) => v)
  for (let n = 1; out.length < count; n++) {
    const kind = n % 10
    if (kind === 0) {
      out.push(
        new Commandes.TenirReunion({
          ...common(n),
          reunionId: TestKit.uuidAt(1, n),
          instanceId: instances[n % instances.length] as Gouvernance.InstanceId,
          le: Temps.leJour(`20${22 + (n % 4)}-0${1 + (n % 9)}-1${n % 10}` as Temps.Jour),
          ordreDuJour: ["Point d'avancement du plan d'action"],
          decisions: []
        })
      )
    } else if (kind === 5) {
      out.push(
        new Commandes.SignalerAvancementAction({
          ...common(n),
          noeudId: actions[n % actions.length] as Plan.NoeudId,
          le: Temps.leJour(`2025-0${1 + (n % 9)}-1${n % 10}` as Temps.Jour),
          etat: "en-cours"
        })
      )
    } else {
      out.push(
        new Commandes.EnregistrerValeurIndicateur({
          ...common(n),
          valeur: {
            valeurId: TestKit.uuidAt(2, n) as Indicateur.ValeurId,
            indicateur: INDICATEURS[n % INDICATEURS.length] as Indicateur.CodeIndicateur,
            territoire: {
              niveau: "commune",
              code: COMMUNES[Math.floor(n / INDICATEURS.length) % COMMUNES.length] as Territoire.CodeCommune
            },
            periode: { annee: (2015 + (Math.floor(n / (INDICATEURS.length * COMMUNES.length)) % 12)) as Temps.Annee },
            mesure: { nature: "exacte", valeur: n % 977 },
            unite: "places",
            source: "Caf 92 (bench)",
            enregistreLe: at(n)
          }
        })
      )
    }
  }
  return out
}

const stream = EventStore.streamName("schema", HautsDeSeine.schemaId)

/** The best of `REPEAT` runs (default 3), wall and CPU time apart: the least disturbed by other processes. */
const best = (all: ReadonlyArray<Commandes.Commande>, path: "handleAll" | "handle", cacheSize?: number) =>
  Effect.gen(function*() {
    let seconds = Number.POSITIVE_INFINITY
    let cpu = Number.POSITIVE_INFINITY
    for (let i = 0; i < REPEAT; i++) {
      const t = yield* run(all, path, cacheSize)
      seconds = Math.min(seconds, t.seconds)
      cpu = Math.min(cpu, t.cpu)
    }
    return { seconds, cpu }
  })

const run = (all: ReadonlyArray<Commandes.Commande>, path: "handleAll" | "handle", cacheSize?: number) =>
  Effect.gen(function*() {
    const store = yield* MemoryEventStore.make
    let ids = 0
    const handler = CommandHandler.make({
      decider: SchemaDepartemental.decider,
      codec: Catalogue.codec,
      ...(cacheSize === undefined ? {} : { cacheSize })
    })
    gc()
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    const version = yield* Effect.gen(function*() {
      if (path === "handleAll") return (yield* handler.handleAll(stream, all)).streamVersion
      let last = 0
      for (const commande of all) last = (yield* handler.handle(stream, commande)).streamVersion
      return last
    }).pipe(
      Effect.provideService(EventStore.EventStore, store),
      Effect.provideService(IdGenerator.IdGenerator, { eventId: Effect.sync(() => TestKit.uuidAt(0, ++ids)) })
    )
    const timing = { seconds: seconds(start), cpu: cpuSeconds(cpu) }
    if (version !== all.length) return yield* Effect.die(`wrote ${version} events for ${all.length} commands`)
    return timing
  })

/** Decides every command on the state the previous ones left and folds its events: the decider's own cost. */
const decideAndEvolve = (all: ReadonlyArray<Commandes.Commande>) => {
  gc()
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  let state = SchemaDepartemental.initialState
  for (const commande of all) {
    const decision = SchemaDepartemental.decide(commande, state)
    if (Result.isFailure(decision)) throw new Error(`${commande._tag} refused: ${decision.failure._tag}`)
    for (const event of decision.success.events) state = SchemaDepartemental.evolve(state, event)
  }
  return { seconds: seconds(start), cpu: cpuSeconds(cpu) }
}

interface Row {
  readonly path: string
  readonly commands: number
  readonly seconds: number
  /** CPU time of the process (user + system, GC threads included): steadier than wall time on a shared machine. */
  readonly cpu: number
  readonly ratio?: string
  readonly target?: number
}

const program = Effect.gen(function*() {
  const small = commandes(N)
  const large = commandes(10 * N)
  // kept small: without a kept state the import is quadratic (2,000 commands took 14.6 CPU seconds)
  const before = commandes(Math.min(N, 500))
  const beforeTwice = commandes(2 * Math.min(N, 500))
  yield* run(commandes(2_000), "handleAll") // warm-up, not measured
  yield* run(commandes(2_000), "handle")
  const rows: Array<Row> = []
  for (const path of ["handleAll", "handle"] as const) {
    const a = yield* best(small, path)
    const b = yield* best(large, path)
    rows.push({ path, commands: small.length, ...a, ...(path === "handleAll" ? { target: TARGET } : {}) })
    rows.push({
      path,
      commands: large.length,
      ...b,
      ratio: `${(b.seconds / a.seconds).toFixed(1)}x time (${(b.cpu / a.cpu).toFixed(1)}x CPU) for 10x commands`
    })
  }
  // The decider alone: decide then evolve each command, no codec, no store.
  let decider = { seconds: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY }
  for (let i = 0; i < REPEAT; i++) {
    const t = decideAndEvolve(large)
    decider = { seconds: Math.min(decider.seconds, t.seconds), cpu: Math.min(decider.cpu, t.cpu) }
  }
  rows.push({ path: "decide + evolve only (no store)", commands: large.length, ...decider })
  // The handler as it was: every command reloads the whole stream (no kept state).
  const c = yield* run(before, "handle", 0)
  const d = yield* run(beforeTwice, "handle", 0)
  rows.push({ path: "handle, cacheSize 0 (full reload)", commands: before.length, ...c })
  rows.push({
    path: "handle, cacheSize 0 (full reload)",
    commands: beforeTwice.length,
    ...d,
    ratio: `${(d.seconds / c.seconds).toFixed(1)}x time (${(d.cpu / c.cpu).toFixed(1)}x CPU) for 2x commands`
  })
  return rows
})

/** The state folded from events decoded from JSON text: it shares no object with the store (as from PostgreSQL). */
const foldTexts = (texts: ReadonlyArray<string>): SchemaDepartemental.Etat => {
  let state = SchemaDepartemental.initialState
  for (const text of texts) {
    state = SchemaDepartemental.evolve(state, Result.getOrThrow(Catalogue.decoder(JSON.parse(text))))
  }
  return state
}

/**
 * The heap a state holds alone: written by `handleAll`, folded from its events' JSON text, measured with the state and
 * once it is dropped, each after a pause (a collection in the same task as the fold does not free everything).
 */
const heldByState = (all: ReadonlyArray<Commandes.Commande>) =>
  Effect.gen(function*() {
    const store = yield* MemoryEventStore.make
    let ids = 0
    const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec, cacheSize: 0 })
    yield* handler.handleAll(stream, all).pipe(
      Effect.provideService(EventStore.EventStore, store),
      Effect.provideService(IdGenerator.IdGenerator, { eventId: Effect.sync(() => TestKit.uuidAt(0, ++ids)) })
    )
    const texts = (yield* store.events(stream))
      .map((e) => JSON.stringify({ type: e.type, typeVersion: e.typeVersion, data: e.data }))
    const held: { state?: SchemaDepartemental.Etat } = { state: foldTexts(texts) }
    const phase = SchemaDepartemental.phaseDe(held.state ?? SchemaDepartemental.initialState)
    const heap = Effect.sleep("50 millis").pipe(Effect.andThen(Effect.sync(() => {
      gc()
      return process.memoryUsage().heapUsed
    })))
    const withState = yield* heap
    delete held.state
    const without = yield* heap
    return { commands: all.length, mb: (withState - without) / 1024 / 1024, phase }
  })

const rows = Effect.runSync(program)
const format = (n: number) => Math.round(n).toLocaleString("en-US")
console.log(
  `\nImporting one schéma into the memory store, Node ${process.version}, ${cpus().length} CPUs, load average` +
    ` ${loadavg()[0]?.toFixed(1)} (wall time inflates when other processes share the CPUs; CPU time does not)\n`
)
console.log(
  [
    "path".padEnd(34),
    "commands".padStart(9),
    "seconds".padStart(8),
    "commands/s".padStart(11),
    "CPU s".padStart(7),
    "per CPU s".padStart(10),
    "vs target".padStart(10),
    "scaling"
  ].join("  ")
)
for (const row of rows) {
  const rate = row.commands / row.seconds
  console.log(
    [
      row.path.padEnd(34),
      format(row.commands).padStart(9),
      row.seconds.toFixed(3).padStart(8),
      format(rate).padStart(11),
      row.cpu.toFixed(3).padStart(7),
      format(row.commands / row.cpu).padStart(10),
      (row.target === undefined ? "-" : `${(rate / row.target).toFixed(2)}x`).padStart(10),
      row.ratio ?? ""
    ].join("  ")
  )
}
Effect.runPromise(heldByState(commandes(10 * N))).then((heap) =>
  console.log(
    `\nheap held by the state folded from ${format(heap.commands)} commands' events (phase ${heap.phase}):` +
      ` ${heap.mb.toFixed(1)} MB (${format(heap.mb * 1024 * 1024 / heap.commands)} bytes/event)`
  )
)
