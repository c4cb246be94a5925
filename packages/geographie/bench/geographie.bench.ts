/**
 * Geography index: time and memory to read, decode and index @etalab/decoupage-administratif, then lookups per second
 * (current code, old code, exact name in a département, exact name nationwide, misspelt name in a département and
 * nationwide, EPCI/EPT by name).
 *
 * Run: pnpm --filter @sdsf/geographie bench  (Node 24: `node --conditions=@sdsf/source --expose-gc`)
 */
import { Effect } from "effect"
import { Geographie, Territoire } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const heapMb = (): number => process.memoryUsage().heapUsed / 2 ** 20
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6
// CPU time (user + system) of this process: wall time is unreliable when other jobs share the cores.
const cpuMs = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start)
  return (d.user + d.system) / 1000
}

const d93 = { departement: Territoire.CodeDepartement.make("93") }
const d94 = { departement: Territoire.CodeDepartement.make("94") }

const lireBrut = (): unknown => {
  const require = createRequire(import.meta.url)
  return ["communes", "epci", "ept"].map((f) =>
    JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${f}.json`), "utf8"))
  )
}

const mesurer = <A, E>(e: Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const t = process.hrtime.bigint()
    const c = process.cpuUsage()
    const a = yield* e
    return { a, texte: `${ms(t).toFixed(0)} ms (CPU ${cpuMs(c).toFixed(0)} ms)` }
  })

const programme = Effect.gen(function*() {
  // The whole path a user takes: build the layer, first lookup (read, parse, decode, index); heap kept by the service.
  gc()
  const heapAvant = heapMb()
  const g = yield* Effect.provide(Effect.service(Geographie.Geographie), DecoupageAdministratif.layer)
  const premier = yield* mesurer(g.commune("93066"))
  gc()
  console.log(`first lookup (read + JSON.parse + Schema decode + index): ${premier.texte}`)
  console.log(`heap kept by the service: +${(heapMb() - heapAvant).toFixed(0)} MB`)
  // The same steps apart.
  const brut = yield* mesurer(Effect.sync(lireBrut))
  console.log(`read + JSON.parse alone: ${brut.texte}`)
  const lu = yield* mesurer(DecoupageAdministratif.lireDonneesOfficielles)
  console.log(`read + JSON.parse + Schema decode: ${lu.texte}`)
  const autre = yield* Effect.provide(
    Effect.service(Geographie.Geographie),
    DecoupageAdministratif.layerDepuis(Effect.succeed(lu.a))
  )
  const index = yield* mesurer(autre.commune("93066"))
  console.log(`index build alone: ${index.texte}`)
  const d = lu.a
  console.log(`records: ${d.communes.length} communes, ${d.epci.length} EPCI, ${d.ept.length} EPT`)
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)

  const cas: ReadonlyArray<readonly [string, number, Effect.Effect<unknown, unknown>]> = [
    ["current code 93066", 200_000, g.commune("93066")],
    ["old code 93059", 200_000, g.commune("93059")],
    ["name in 93 (SAINT DENIS)", 100_000, g.commune("SAINT DENIS", d93)],
    ["name nationwide (EPINAY SUR SEINE)", 100_000, g.commune("EPINAY SUR SEINE")],
    ["homonyms nationwide (Saint-Denis, ambiguous)", 50_000, Effect.flip(g.commune("Saint-Denis"))],
    ["misspelt in 94 (Noisieu)", 5_000, Effect.flip(g.commune("Noisieu", d94))],
    ["misspelt nationwide (Noisieu)", 50, Effect.flip(g.commune("Noisieu"))],
    ["EPT by name (Plaine Commune)", 100_000, g.groupement("Plaine Commune")],
    ["EPCI misspelt (Plaine Comune)", 500, Effect.flip(g.groupement("Plaine Comune"))]
  ]
  for (const [nom, n, e] of cas) {
    yield* e
    const c = process.cpuUsage()
    for (let i = 0; i < n; i++) yield* e
    const total = cpuMs(c)
    const parSeconde = (n / (total / 1000)).toFixed(0)
    console.log(`${nom}: ${parSeconde} lookups per CPU-second (${((total * 1000) / n).toFixed(1)} µs)`)
  }
})

Effect.runPromise(programme)
