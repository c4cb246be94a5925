import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { assert, describe, it } from "@effect/vitest"
import { Provenance } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"
import { hostile, INSTANT, source } from "./fixtures.ts"

const petit: Extrait.Extrait = {
  nom: "petit",
  titre: "Petit",
  grain: "une ligne",
  colonnes: [
    { nom: "a", libelle: "A", type: "text", description: "a" },
    { nom: "b", libelle: "B", type: "number", description: "b" },
    { nom: "c", libelle: "C", type: "text[]", description: "c" }
  ],
  lignes: [{ a: "x\n\"y\"", b: 1.5, c: ["p", "q"] }, { a: null, b: -2, c: [] }]
}

describe("Provenance", () => {
  it("the canonical form is one JCS array per line (columns, then rows); its SHA-256 matches one computed elsewhere", () => {
    assert.strictEqual(
      Provenance.formeCanonique(petit),
      "[\"a\",\"b\",\"c\"]\n[\"x\\n\\\"y\\\"\",1.5,[\"p\",\"q\"]]\n[null,-2,[]]\n"
    )
    // printf '["a","b","c"]\n["x\\n\\"y\\"",1.5,["p","q"]]\n[null,-2,[]]\n' | sha256sum
    assert.strictEqual(Provenance.sha256(petit), "5e7fe5068ce307a5640a95d1d51455367885d536f740ac875206f0ca758e2e3c")
  })

  it("the checksum changes with a cell, the row order or a column name, and not with labels or titles", () => {
    const base = Provenance.sha256(hostile)
    const lignes = [...hostile.lignes]
    assert.notStrictEqual(
      Provenance.sha256({ ...hostile, lignes: [{ ...lignes[0]!, n: 1234.50001 }, ...lignes.slice(1)] }),
      base
    )
    assert.notStrictEqual(Provenance.sha256({ ...hostile, lignes: [lignes[1]!, lignes[0]!, ...lignes.slice(2)] }), base)
    assert.notStrictEqual(
      Provenance.sha256({
        ...hostile,
        colonnes: hostile.colonnes.map((c, i) => (i === 0 ? { ...c, nom: "autre" } : c))
      }),
      Provenance.sha256({ ...hostile, lignes: [] })
    )
    assert.strictEqual(
      Provenance.sha256({ ...hostile, titre: "x", colonnes: hostile.colonnes.map((c) => ({ ...c, libelle: "y" })) }),
      base
    )
  })

  it.effect("the manifest takes its time from Clock, its position and store from the caller", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(INSTANT)
      const m = yield* Provenance.manifeste(source, [hostile])
      assert.strictEqual(m.rejoueLe, "2026-12-03T06:00:00.000Z")
      assert.strictEqual(m.position, 4242)
      assert.strictEqual(m.tables[0]!.sha256, Provenance.sha256(hostile))
      assert.strictEqual(m.tables[0]!.lignes, 7)
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* Provenance.manifeste(source, [hostile])).rejoueLe, "2026-12-03T07:00:00.000Z")
    }))
})
