import * as Either from "fp-ts/lib/Either.js"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Commandes, SchemaDepartemental } from "@sdsf/domain"
import * as Fp from "@sdsf/domain/fp-ts"
import { HautsDeSeine } from "@sdsf/domain/testing"

describe("@sdsf/domain/fp-ts: Either for hosts written with fp-ts", () => {
  const [lancer] = HautsDeSeine.commandes()
  const json = Schema.encodeSync(Commandes.Commande)(lancer as Commandes.Commande)

  it("validates a JSON command and decides it: Right with the events", () => {
    const r = Fp.validate(JSON.parse(JSON.stringify(json)), SchemaDepartemental.initialState)
    expect(Either.isRight(r)).toBe(true)
    if (Either.isRight(r)) expect(r.right.events.map((e) => e._tag)).toEqual(["ElaborationLancee"])
  })

  it("rejects malformed input as Left CommandeInvalide naming the field", () => {
    const r = Fp.validate({ ...json, departement: "20" }, SchemaDepartemental.initialState)
    expect(Either.isLeft(r) && r.left._tag).toBe("CommandeInvalide")
    if (Either.isLeft(r)) expect(r.left.message).toContain("departement")
  })

  it("returns domain errors as Left", () => {
    const etat = SchemaDepartemental.evolve(
      SchemaDepartemental.initialState,
      Either.getOrElseW(() => {
        throw new Error()
      })(Fp.decide(lancer as Commandes.Commande, SchemaDepartemental.initialState)).events[0] as never
    )
    const r = Fp.decide(lancer as Commandes.Commande, etat)
    expect(Either.isLeft(r) && r.left._tag).toBe("CommandeHorsPhase")
  })
})
