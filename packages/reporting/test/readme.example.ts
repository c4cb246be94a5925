// The example of README.md, type-checked and run with the tests (readme.test.ts keeps the two identical).
import { Effect } from "effect"
import { EventStore, Temps } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"
import { MemoryEventStore } from "@sdsf/adapters-memory"
import { ProjectionIndicateurs, TableauIndicateurs } from "@sdsf/reporting"

export const rapport = Effect.gen(function*() {
  const store = yield* EventStore.EventStore
  // In memory: fold the log as it streams. Persisted: `yield* projections.run(ProjectionIndicateurs.projection)`,
  // then `yield* ProjectionIndicateurs.lire` (a ProjectionStore's rows); the views below take either.
  const donnees = yield* ProjectionIndicateurs.depuisFlux(store.readAll())
  const lignes = TableauIndicateurs.lignes(donnees, { jour: Temps.Jour.make("2025-12-31"), departement: "93" })
  const derives = TableauIndicateurs.derives(donnees, { departement: "93" })
  const sommes = yield* TableauIndicateurs.reconcilier(lignes) // communes → EPCI, EPT and département
  return [
    TableauIndicateurs.extraitLignes(lignes),
    TableauIndicateurs.extraitDerives(derives),
    TableauIndicateurs.extraitReconciliation(sommes)
  ]
})

Effect.runPromise(rapport.pipe(Effect.provide([MemoryEventStore.layerMemory, DecoupageAdministratif.layer])))
  .then((extraits) => console.log(extraits.map((e) => `${e.titre}: ${e.lignes.length} lignes`)))
