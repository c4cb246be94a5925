// Folding a log in one pass or split into batches (as a persisted runner does, loading the rows a batch reads from
// what earlier batches wrote) gives identical tables, for every reporting projection and random logs of the domain's
// arbitraries (several schémas sharing node, body and meeting ids).
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Catalogue, IdGenerator, Projection } from "@sdsf/domain"
import type { EventStore, Evenements } from "@sdsf/domain"
import { Arbitraries } from "@sdsf/domain/testing"
import { Bilan, CadenceGouvernance, Chronologie, RegistreActions, TableauNational } from "@sdsf/reporting"
import { Result } from "effect"

const projections = [
  RegistreActions.projection,
  CadenceGouvernance.projection,
  Chronologie.projection,
  Bilan.projection,
  TableauNational.projection
]

const pool = (k: string, n: number) =>
  Array.from({ length: n }, (_, i) => IdGenerator.deriveId("proprietes", k, String(i)))
const schemas = pool("schema", 3) as ReadonlyArray<string> as ReadonlyArray<Evenements.SchemaId>
const a = Arbitraries.make({
  schemaId: fc.constantFrom(...schemas),
  schemaLie: fc.constantFrom(...schemas),
  noeudId: fc.constantFrom(...pool("noeud", 5)) as never,
  instanceId: fc.constantFrom(...pool("instance", 3)) as never,
  institutionId: fc.constantFrom(...pool("institution", 3)) as never,
  reunionId: fc.constantFrom(...pool("reunion", 3)),
  appelId: fc.constantFrom(...pool("appel", 2))
})

/** Each schéma's launch, then random events of the pooled schémas, recorded in a global log. */
const journalDe = (minLength: number): fc.Arbitrary<ReadonlyArray<EventStore.RecordedEvent>> =>
  fc
    .tuple(
      fc.tuple(...schemas.map(() => a.evenements.ElaborationLancee)),
      fc.array(a.evenement, { minLength, maxLength: 80, size: "large" })
    )
    .map(([lancements, suite]) => {
      const versions = new Map<string, number>()
      const encodes = [
        ...lancements.map((e, i) => {
          const enc = Catalogue.encoder(e)
          return { ...enc, data: { ...(enc.data as object), schemaId: schemas[i] } }
        }),
        ...suite.map(Catalogue.encoder)
      ]
      return encodes.map((enc, i): EventStore.RecordedEvent => {
        const schemaId = (enc.data as { readonly schemaId: string }).schemaId
        const version = (versions.get(schemaId) ?? 0) + 1
        versions.set(schemaId, version)
        return {
          ...enc,
          eventId: IdGenerator.deriveId("proprietes", "evt", String(i)),
          metadata: {},
          streamName: `schema-${schemaId}` as EventStore.StreamName,
          streamVersion: version,
          position: i + 1,
          recordedAt: "2026-01-01T00:00:00.000Z"
        }
      })
    })

/** Folds the log batch by batch, cut at the given positions, as a persisted runner would. */
const parLots = (
  p: Projection.Projection,
  log: ReadonlyArray<EventStore.RecordedEvent>,
  coupes: ReadonlyArray<number>
) => {
  const tables = Projection.emptyTables(p)
  const bornes = [...new Set([0, ...coupes.map((c) => c % (log.length + 1)), log.length])].sort((x, y) => x - y)
  for (let i = 0; i + 1 < bornes.length; i++) {
    const lot = log.slice(bornes[i], bornes[i + 1]).filter((r) => Projection.handles(p, r.type)).map((r) => {
      const d = Projection.decode(p, r, 0)
      if (Result.isFailure(d)) throw new Error(d.failure.message)
      return d.success
    })
    const touched = Projection.applyBatch(p, lot, (t, k) => tables.get(t)?.get(Projection.keyText(k)))
    if (Result.isFailure(touched)) throw new Error(touched.failure.message)
    Projection.writeTouched(tables, touched.success)
  }
  return tables
}

const contenu = (p: Projection.Projection, tables: Projection.Tables) =>
  Object.fromEntries(p.tables.map((t) => [t.name, Projection.rowsOf(p, tables, t.name)]))

describe("reporting projections: one pass or arbitrary batches give identical tables", () => {
  it("for random logs of several schémas sharing ids, every projection's tables are equal", () => {
    fc.assert(
      fc.property(journalDe(0), fc.array(fc.nat(), { maxLength: 12 }), (log, coupes) => {
        for (const p of projections) {
          const unePasse = Projection.fold(p, log)
          if (Result.isFailure(unePasse)) throw new Error(unePasse.failure.message)
          expect(contenu(p, parLots(p, log, coupes))).toEqual(contenu(p, unePasse.success))
        }
      }),
      { numRuns: 60 }
    )
  }, 120_000)

  it("the logs are not trivial: schémas launched, nodes, meetings and steps get rows", () => {
    const [log] = fc.sample(journalDe(60), { numRuns: 1, seed: 7 })
    const lignes = (p: Projection.Projection, t: string) => {
      const r = Projection.fold(p, log ?? [])
      return Result.isSuccess(r) ? Projection.rowsOf(p, r.success, t).length : -1
    }
    expect(lignes(TableauNational.projection, "schemas")).toBe(3)
    expect(lignes(Chronologie.projection, "etapes")).toBeGreaterThan(3)
    expect(lignes(RegistreActions.projection, "noeuds") + lignes(CadenceGouvernance.projection, "reunions"))
      .toBeGreaterThan(0)
  })
})
