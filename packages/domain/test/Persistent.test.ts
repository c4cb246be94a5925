/**
 * The persistent collections the schéma's state is kept in (issue 9, case 10: a copied Map per event made a fold of
 * n events quadratic). They must behave as arrays, Maps and Sets do, and an old version must never change when a
 * newer one is built from it, or from it again (a retried decision branches from the same state).
 */
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Decider } from "@sdsf/domain"

const { PersistentMap, PersistentSet, Sequence } = Decider
type Sequence<T> = Decider.Sequence<T>
type PersistentMap<K, V> = Decider.PersistentMap<K, V>

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("set" as const), k: fc.integer({ min: 0, max: 40 }), v: fc.integer() }),
    fc.record({ op: fc.constant("delete" as const), k: fc.integer({ min: 0, max: 40 }) })
  ),
  { maxLength: 300 }
)

describe("persistent collections", () => {
  it("Sequence: every version holds exactly what was appended to reach it, whatever was built from it later", () => {
    const items = (maxLength: number) => fc.array(fc.integer(), { maxLength })
    fc.assert(
      fc.property(items(400), fc.nat(400), items(100), (xs, cut, ys) => {
        const versions: Array<Sequence<number>> = [Sequence.empty()]
        for (const x of xs) versions.push((versions.at(-1) as Sequence<number>).append(x))
        const at = Math.min(cut, xs.length)
        let branch = versions[at] as Sequence<number>
        for (const y of ys) branch = branch.append(y)
        versions.forEach((v, i) => {
          expect(v.toArray()).toEqual(xs.slice(0, i))
          expect(v.length).toBe(i)
        })
        expect(branch.toArray()).toEqual([...xs.slice(0, at), ...ys])
        const all = versions.at(-1) as Sequence<number>
        xs.forEach((x, i) => expect(all.at(i)).toBe(x))
        expect(all.at(-1)).toBe(xs.at(-1))
        expect(all.at(xs.length)).toBeUndefined()
      })
    )
  })

  it("PersistentMap behaves as a Map (values, insertion order, size) and old versions keep their entries", () => {
    fc.assert(
      fc.property(ops, (steps) => {
        const model = new Map<number, number>()
        let map = PersistentMap.empty<number, number>()
        const history: Array<readonly [PersistentMap<number, number>, ReadonlyArray<readonly [number, number]>]> = []
        for (const step of steps) {
          if (step.op === "set") {
            model.set(step.k, step.v)
            map = map.set(step.k, step.v)
          } else {
            model.delete(step.k)
            map = map.delete(step.k)
          }
          history.push([map, [...model]])
        }
        for (const [version, entries] of history) {
          expect([...version]).toEqual(entries)
          expect(version.size).toBe(entries.length)
          for (const [k, v] of entries) expect([version.has(k), version.get(k)]).toEqual([true, v])
        }
        expect([...map.keys()]).toEqual([...model.keys()])
        expect([...map.values()]).toEqual([...model.values()])
      })
    )
  })

  it("PersistentSet behaves as a Set", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (xs) => {
        let set = PersistentSet.from(new Set<number>())
        const before = set
        for (const x of xs) set = set.add(x)
        expect([...set]).toEqual([...new Set(xs)])
        expect(set.size).toBe(new Set(xs).size)
        expect(before.size).toBe(0)
      })
    )
  })

  it("deep equality compares contents, not how a version was built", () => {
    const a = Sequence.from([1, 2, 3])
    const b = Sequence.from([1, 2]).append(3)
    expect(a).toEqual(b)
    expect(a).not.toEqual(Sequence.from([1, 2, 4]))
    expect(PersistentMap.from(new Map([["x", 1]]))).toEqual(PersistentMap.empty<string, number>().set("x", 1))
    expect(PersistentMap.from(new Map([["x", 1]]))).not.toEqual(PersistentMap.empty<string, number>().set("x", 2))
  })
})
