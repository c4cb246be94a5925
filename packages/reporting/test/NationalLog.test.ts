import { assert, describe, it } from "@effect/vitest"
import { Catalogue, Territoire } from "@sdsf/domain"
import { Result, Schema } from "effect"
import * as NationalLog from "../bench/NationalLog.ts"

// Three made-up communes per département: the generator's rules, without loading the official geography.
const territoires: NationalLog.Communes = new Map(
  NationalLog.departements.map((d) => [
    d,
    NationalLog.territoiresDe(d, [1, 2, 3].map((i) => (d.length === 3 ? `${d}${i}0` : `${d}00${i}`)))
  ])
)

describe("the bench's national log", () => {
  it("has the 101 départements, each code a valid CodeDepartement", () => {
    assert.strictEqual(NationalLog.departements.length, 101)
    assert.strictEqual(new Set(NationalLog.departements).size, 101)
    for (const d of NationalLog.departements) assert.isTrue(Schema.is(Territoire.CodeDepartement)(d), d)
    assert.includeMembers([...NationalLog.departements], ["01", "2A", "2B", "95", "971", "976"])
    assert.isFalse((NationalLog.departements as ReadonlyArray<string>).includes("20"))
  })

  it("shares out exactly the events asked for, values by the number of territories", () => {
    const options = NationalLog.national(3, 80_000, territoires)
    const total = options.reduce((n, o) => n + NationalLog.structurelles(o) + o.valeurs, 0)
    assert.strictEqual(total, 80_000)
    assert.isTrue(options.every((o) => o.valeurs > 0))
  }, 60_000)

  it("writes the same schémas for the same seed, every event decided, decodable, with unique ids", () => {
    const options = NationalLog.national(3, 80_000, territoires)
    const pick = options.filter((o) => ["01", "2A", "976"].includes(o.departement))
    const first = pick.map((o) => [...NationalLog.schema(o)])
    const second = pick.map((o) => [...NationalLog.schema(o)])
    assert.deepStrictEqual(second, first)
    const ids = new Set<string>()
    for (const [i, events] of first.entries()) {
      const o = pick[i]!
      assert.strictEqual(events.length, NationalLog.structurelles(o) + o.valeurs)
      const types = new Set(events.map((e) => e.type))
      for (const t of ["ElaborationLancee", "SchemaAdopte", "SchemaSigne", "ReunionTenue", "AvancementActionSignale"]) {
        assert.isTrue(types.has(t), `${o.departement}: ${t}`)
      }
      let restatements = 0
      for (const e of events) {
        ids.add(e.eventId)
        const decoded = Catalogue.decoder(e)
        assert.isTrue(Result.isSuccess(decoded), `${o.departement} ${e.type}`)
        if (Result.isSuccess(decoded) && decoded.success._tag === "ValeurIndicateurEnregistree") {
          const v = decoded.success.valeur
          if (v.retraitement !== undefined) restatements++
          if (v.territoire.niveau !== "departement") {
            assert.strictEqual(Territoire.departementDe(v.territoire), o.departement)
          }
        }
      }
      assert.isAbove(restatements, 0, o.departement)
    }
    assert.strictEqual(ids.size, first.reduce((n, e) => n + e.length, 0))
    const other = NationalLog.national(4, 80_000, territoires).find((o) => o.departement === "01")!
    assert.notDeepEqual([...NationalLog.schema(other)].slice(0, 50), first[0]!.slice(0, 50))
  }, 60_000)
})
