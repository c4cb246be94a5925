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

const programme = Effect.gen(function*() {
  gc()
  const heapAvant = heapMb()
  let t = process.hrtime.bigint()
  let c = process.cpuUsage()
  const donnees = yield* DecoupageAdministratif.lireDonneesOfficielles
  const lecture = ms(t)
  const lectureCpu = cpuMs(c)
  gc()
  const heapDonnees = heapMb()
  t = process.hrtime.bigint()
  c = process.cpuUsage()
  const g = yield* Effect.provide(
    Effect.service(Geographie.Geographie),
    DecoupageAdministratif.layerDepuis(Effect.succeed(donnees))
  )
  yield* g.commune("93066")
  const index = ms(t)
  const indexCpu = cpuMs(c)
  gc()
  const heapIndex = heapMb()
  console.log(`communes records: ${donnees.communes.length}, EPCI: ${donnees.epci.length}, EPT: ${donnees.ept.length}`)
  const heap = (mb: number): string => `heap +${mb.toFixed(0)} MB`
  console.log(
    `read + JSON.parse + Schema decode: ${lecture.toFixed(0)} ms (CPU ${lectureCpu.toFixed(0)} ms), ` +
      heap(heapDonnees - heapAvant)
  )
  console.log(
    `index build (first lookup): ${index.toFixed(0)} ms (CPU ${indexCpu.toFixed(0)} ms), ` +
      heap(heapIndex - heapDonnees)
  )
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
    c = process.cpuUsage()
    for (let i = 0; i < n; i++) yield* e
    const total = cpuMs(c)
    const parSeconde = (n / (total / 1000)).toFixed(0)
    console.log(`${nom}: ${parSeconde} lookups per CPU-second (${((total * 1000) / n).toFixed(1)} µs)`)
  }
})

Effect.runPromise(programme)
