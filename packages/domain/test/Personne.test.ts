import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { Catalogue, Commandes as C, IdGenerator, Personne } from "@sdsf/domain"
import type { Institution, Temps } from "@sdsf/domain"
import { Given, HautsDeSeine } from "@sdsf/domain/testing"

// Seeds 000, 001 and 002 name contacts with e-mail addresses: they are personal data (RGPD, domain.md).
const lise = {
  sujet: IdGenerator.deriveId("sujet", "contact-caf92-2025") as Personne.SujetRef,
  nom: "ACHARD",
  prenom: "Lise",
  email: "lise.achard@caf92.caf.fr",
  fonction: "Sous-directrice en charge du service aux partenaires"
}

describe("Personal data lives apart from the events and can be erased without rewriting history", () => {
  it.effect("the store keeps a person until erased; reading after erasure answers none", () =>
    Effect.gen(function*() {
      const personnes = yield* Personne.Personnes
      yield* personnes.enregistrer(lise)
      assert.deepStrictEqual(yield* personnes.lire(lise.sujet), Option.some(lise))
      yield* personnes.effacer(lise.sujet)
      assert.isTrue(Option.isNone(yield* personnes.lire(lise.sujet)))
    }).pipe(Effect.provide(Personne.Personnes.layerMemory)))

  it("naming a contact stores only the subject reference in the event", () => {
    const history = Given.histoire(HautsDeSeine.commandes().slice(0, 12)).events
    const { events } = Given.given(history).when(
      new C.DesignerContact({
        schemaId: HautsDeSeine.schemaId,
        survenuLe: "2025-12-12T12:00:00.000Z" as Temps.Instant,
        sujet: lise.sujet,
        institutionId: HautsDeSeine.institutions["caf"] as Institution.InstitutionId,
        role: "referent-technique"
      })
    ).thenOk()
    const stored = JSON.stringify(events.map(Catalogue.encoder))
    assert.include(stored, lise.sujet)
    assert.notInclude(stored, "ACHARD")
    assert.notInclude(stored, "@")
  })
})
