// The example of README.md, type-checked with the tests (readme.test.ts keeps the two identical).
import { Effect } from "effect"
import { Geographie, Territoire } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"

const programme = Effect.gen(function*() {
  const g = yield* Geographie.Geographie
  const dans93 = { departement: Territoire.CodeDepartement.make("93") }
  const sd = yield* g.commune("SAINT DENIS", dans93) // fiche.territoire: { niveau: "commune", code: "93066" }
  const ept = sd.fiche.ept?.nom // "Plaine Commune" (200057867); sd.fiche.epci: the Métropole du Grand Paris
  const pc = yield* g.groupement("Plaine Commune") // fiche.membres: its 8 communes
  const communes = yield* g.communes(dans93.departement) // 39 fiches, each with its EPCI and EPT
  const parEpt = Geographie.cumuler(communes.map((c) => [c.territoire.code, c.population ?? 0]), communes, "ept")
  const noisieu = yield* Effect.flip(g.commune("Noisieu", { departement: Territoire.CodeDepartement.make("94") }))
  // TerritoireIntrouvable: no commune or arrondissement "Noisieu" in département 94; closest: Noiseau (94053, 94)
  return [sd.fiche.territoire.code, ept, pc.fiche.membres.length, parEpt.totaux, noisieu.message]
})

Effect.runPromise(Effect.provide(programme, DecoupageAdministratif.layer)).then(console.log)
