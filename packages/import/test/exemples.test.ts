/**
 * The example plan files (examples/plans) say the same schémas as the domain fixtures: importing each gives the
 * fixture's events, in memory and in PostgreSQL.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { Commandes } from "@sdsf/domain"
import { Personne } from "@sdsf/domain"
import { Given, HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { PlanImport } from "@sdsf/import"
import { encodes, exemple, memoire, postgres, tousLesEvenements } from "./support.ts"

type Evenement = { readonly type: string; readonly data: unknown }

/** JSON with keys sorted: PostgreSQL's jsonb gives keys back in its own order. */
const canonique = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) =>
    typeof x === "object" && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x)

/**
 * What may differ, and why: a fixture records each command at an instant of its own, where the file records the
 * élaboration's static parts (institutions, bodies, plan, indicators) at the file's `enregistreLe`; commands come in
 * another order (static parts first, then the timeline in file order). Seine-Saint-Denis and Paris derive some value
 * ids from composite keys (`id("valeur", cle, territoire)`) that one `ref` cannot say: the file leaves those values
 * without a ref, so they get the id of their key (indicator, territory, period, breakdown) instead.
 */
const normaliser = (evenements: ReadonlyArray<Evenement>, sansValeurId: boolean): ReadonlyArray<string> =>
  evenements.map((e) => {
    const { survenuLe: _, ...data } = e.data as Record<string, unknown>
    if (sansValeurId && e.type === "ValeurIndicateurEnregistree") {
      const { valeurId: __, ...valeur } = data["valeur"] as Record<string, unknown>
      return canonique({ type: e.type, data: { ...data, valeur } })
    }
    return canonique({ type: e.type, data })
  }).sort()

const cas: ReadonlyArray<readonly [string, string, () => ReadonlyArray<Commandes.Commande>, boolean]> = [
  ["Hauts-de-Seine", "hauts-de-seine.yaml", HautsDeSeine.commandes, false],
  ["Seine-Saint-Denis", "seine-saint-denis.yaml", SeineSaintDenis.commandes, true],
  ["Paris", "paris.yaml", Paris.commandes, true]
]

describe("example plan files import to the fixtures' events", () => {
  for (const [nom, fichier, commandes, sansValeurId] of cas) {
    const attendus = normaliser(encodes(Given.histoire(commandes()).events), sansValeurId)

    it.effect(`${nom}: in memory, the same events as the fixture (but for recording instants and order)`, () =>
      Effect.gen(function*() {
        const fait = yield* PlanImport.importer(exemple(fichier))
        const stockes = yield* tousLesEvenements
        assert.strictEqual(fait.evenements, stockes.length)
        expect(normaliser(stockes, sansValeurId)).toEqual(attendus)
        // Warnings as the fixture's (their order follows the commands').
        expect([...fait.avertissements.map((w) => w._tag)].sort()).toEqual(
          [...Given.histoire(commandes()).warnings].sort()
        )
      }).pipe(Effect.provide(memoire())))

    it.effect(`${nom}: in PostgreSQL, the same events as in memory`, () =>
      Effect.gen(function*() {
        yield* PlanImport.importer(exemple(fichier))
        expect(normaliser(yield* tousLesEvenements, sansValeurId)).toEqual(attendus)
      }).pipe(Effect.provide(postgres(`import_exemple_${fichier.slice(0, 5).replace("-", "_")}`))))
  }

  it.effect("Paris: the signataires' names go to the personal-data store, not into events", () =>
    Effect.gen(function*() {
      yield* PlanImport.importer(exemple("paris.yaml"))
      const personnes = yield* Personne.Personnes
      for (const p of Paris.personnes) expect(Option.getOrUndefined(yield* personnes.lire(p.sujet))).toEqual(p)
      const log = JSON.stringify(yield* tousLesEvenements)
      for (const p of Paris.personnes) assert.notInclude(log, p.nom)
    }).pipe(Effect.provide(memoire())))
})
