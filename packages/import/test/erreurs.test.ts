/**
 * A broken plan file gets an error naming the file, the line, the field, what was expected and what was received, and
 * nothing is written (events nor people).
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { IdGenerator, Personne } from "@sdsf/domain"
import type { FichierInvalide as FI } from "@sdsf/import"
import { FichierInvalide, PlanImport } from "@sdsf/import"
import { memoire, tousLesEvenements } from "./support.ts"

const mini = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "mini.yaml"), "utf8")
const referente = IdGenerator.deriveId("93-2024-2026", "sujet", "referente-caf") as Personne.SujetRef

/** The file's error, and a check that the store is as empty as before. */
const echec = (contenu: string | Uint8Array) =>
  Effect.gen(function*() {
    const e = yield* Effect.flip(PlanImport.importer({ nom: "plan.yaml", contenu }))
    assert.strictEqual(e._tag, "FichierInvalide")
    assert.deepStrictEqual(yield* tousLesEvenements, [])
    assert.isTrue(Option.isNone(yield* (yield* Personne.Personnes).lire(referente)))
    return e as FI.FichierInvalide
  })

const ligneDe = (texte: string, morceau: string) => texte.slice(0, texte.indexOf(morceau)).split("\n").length

describe("plan file errors", () => {
  it.effect("the mini plan imports: events, the contact's name in the personal-data store only", () =>
    Effect.gen(function*() {
      const fait = yield* PlanImport.importer({ nom: "mini.yaml", contenu: mini })
      assert.isAbove(fait.evenements, 10)
      expect(Option.getOrUndefined(yield* (yield* Personne.Personnes).lire(referente))).toMatchObject({ nom: "DUPONT" })
      assert.notInclude(JSON.stringify(yield* tousLesEvenements), "DUPONT")
      assert.include(JSON.stringify(yield* tousLesEvenements), "93066")
    }).pipe(Effect.provide(memoire())))

  it.effect("validate checks the same and writes nothing", () =>
    Effect.gen(function*() {
      const r = yield* PlanImport.valider({ nom: "mini.yaml", contenu: mini })
      assert.isAbove(r.evenements, 10)
      assert.deepStrictEqual(yield* tousLesEvenements, [])
    }).pipe(Effect.provide(memoire())))

  it.effect("a misspelt commune: line, field, and the candidates; never a guess", () =>
    Effect.gen(function*() {
      const texte = mini.replace("commune:Saint-Denis", "commune:Sant-Denis")
      const e = yield* echec(texte)
      const [p] = e.problemes
      assert.strictEqual(p?.ligne, ligneDe(texte, "commune:Sant-Denis"))
      assert.strictEqual(p?.chemin, "chronologie[4].valeurs[0].territoire")
      assert.include(p?.attendu, "Saint-Denis (93066")
      assert.strictEqual(p?.recu, "\"commune:Sant-Denis\"")
      assert.match(e.message, /^plan\.yaml:\d+:\d+ chronologie\[4\]\.valeurs\[0\]\.territoire: a commune/)
    }).pipe(Effect.provide(memoire())))

  it.effect("a wrong type: the field, what was expected, the value", () =>
    Effect.gen(function*() {
      const texte = mini.replace("valeur: 1234", "valeur: beaucoup")
      const e = yield* echec(texte)
      const p = e.problemes[0]
      assert.strictEqual(p?.ligne, ligneDe(texte, "valeur: beaucoup"))
      assert.strictEqual(p?.chemin, "chronologie[4].valeurs[0].valeur")
      assert.strictEqual(p?.recu, "\"beaucoup\"")
    }).pipe(Effect.provide(memoire())))

  it.effect("an unknown reference: the refs declared, the closest first", () =>
    Effect.gen(function*() {
      const texte = mini.replace("pilotes: [caf]", "pilotes: [cafe]")
      const e = yield* echec(texte)
      expect(e.problemes[0]).toMatchObject({
        ligne: ligneDe(texte, "pilotes: [cafe]"),
        chemin: "plan[0].enfants[0].pilotes[0]",
        attendu: "an institution declared in this file; closest: caf",
        recu: "\"cafe\""
      })
    }).pipe(Effect.provide(memoire())))

  it.effect("an unknown field is refused (a typo never silently drops data)", () =>
    Effect.gen(function*() {
      const e = yield* echec(mini.replace("calendrier: 2024 et suivantes", "calendrie: 2024 et suivantes"))
      expect(e.problemes.map((p) => [p.chemin, p.attendu])).toContainEqual([
        "plan[0].enfants[0].calendrie",
        "no such field"
      ])
    }).pipe(Effect.provide(memoire())))

  it.effect("a rule of the domain broken (a signature before the adoption): the step's line and the rule", () =>
    Effect.gen(function*() {
      const texte = mini.replace("    le: 2024-04\n", "    le: 2024-02-01\n")
      const e = yield* echec(texte)
      const p = e.problemes[0]
      assert.strictEqual(p?.chemin, "chronologie[1]")
      assert.strictEqual(p?.ligne, ligneDe(texte, "  - type: signature"))
      assert.include(p?.attendu, "SignatureAvantAdoption")
    }).pipe(Effect.provide(memoire())))

  it.effect("a Latin-1 file: the line and column of the first byte that is not UTF-8", () =>
    Effect.gen(function*() {
      const e = yield* echec(Buffer.from(mini, "latin1"))
      const p = e.problemes[0]
      assert.strictEqual(p?.ligne, ligneDe(mini, "Schéma"))
      assert.strictEqual(p?.recu, "byte 0xE9")
      assert.include(p?.attendu, "UTF-8")
    }).pipe(Effect.provide(memoire())))

  it.effect("a truncated file: what is missing, or the syntax error, with its line", () =>
    Effect.gen(function*() {
      const e = yield* echec(mini.slice(0, mini.indexOf("regime:")))
      expect(e.problemes.map((p) => p.chemin)).toEqual(expect.arrayContaining(["regime", "lance"]))
      const f = yield* echec(mini.slice(0, mini.indexOf("{ minParAn: 1 }") + 5))
      assert.isDefined(f.problemes[0]?.ligne)
    }).pipe(Effect.provide(memoire())))

  it.effect("a JSON file reads the same, and names its lines too", () =>
    Effect.gen(function*() {
      const { parse } = yield* Effect.promise(() => import("yaml"))
      const json = JSON.stringify(parse(mini), null, 2)
      const r = yield* PlanImport.valider({ nom: "plan.json", contenu: json })
      assert.isAbove(r.evenements, 10)
      const texte = json.replace("\"periode\": \"2024-2026\"", "\"periode\": \"2026-2024\"")
      const e = yield* echec(texte)
      expect(e.problemes[0]).toMatchObject({ ligne: ligneDe(texte, "\"periode\": \"2026-2024\""), chemin: "periode" })
    }).pipe(Effect.provide(memoire())))

  it("messages read as file:line:column field: expected, received", () => {
    const e = new FichierInvalide.FichierInvalide({
      fichier: "p.yaml",
      problemes: [{ ligne: 3, colonne: 7, chemin: "periode", attendu: "a period YYYY-YYYY", recu: "\"2026\"" }]
    })
    assert.strictEqual(e.message, "p.yaml:3:7 periode: a period YYYY-YYYY, received \"2026\"")
  })
})
