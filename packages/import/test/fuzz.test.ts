/**
 * Fuzzed broken inputs (fast-check): plan files with a wrong type, an unknown reference, a misspelt commune, a rule
 * broken, cut short, or bytes that are not UTF-8; CSV rows with bad cells. Each gets a `FichierInvalide` naming the
 * file, a line or a field, and what was expected; the store (events and people) is unchanged after every one.
 */
import { assert, describe, it } from "vitest"
import { Effect, ManagedRuntime, Option } from "effect"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parse, stringify } from "yaml"
import { IdGenerator, Personne } from "@sdsf/domain"
import type { Evenements } from "@sdsf/domain"
import type { FichierInvalide } from "@sdsf/import"
import { ImportValeurs, PlanImport, Source } from "@sdsf/import"
import { memoire, tousLesEvenements } from "./support.ts"

const mini = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "mini.yaml"), "utf8")
const plan = parse(mini) as Record<string, unknown>
const referente = IdGenerator.deriveId("93-2024-2026", "sujet", "referente-caf") as Personne.SujetRef
const RUNS = 1_000

type Chemin = ReadonlyArray<string | number>

const feuilles = (v: unknown, chemin: Chemin = []): Array<Chemin> =>
  Array.isArray(v)
    ? v.flatMap((x, i) => feuilles(x, [...chemin, i]))
    : typeof v === "object" && v !== null
    ? Object.entries(v).flatMap(([k, x]) => feuilles(x, [...chemin, k]))
    : [chemin]

const avec = (racine: unknown, chemin: Chemin, valeur: unknown): unknown => {
  if (chemin.length === 0) return valeur
  const [k, ...reste] = chemin
  if (Array.isArray(racine)) return racine.map((x, i) => (i === k ? avec(x, reste, valeur) : x))
  const o = racine as Record<string, unknown>
  return { ...o, [k as string]: avec(o[k as string], reste, valeur) }
}

/** Where references are used in mini.yaml, and the kind of thing they name. */
const usages: ReadonlyArray<Chemin> = [
  ["instances", 0, "contacts", 0, "personne"],
  ["instances", 0, "contacts", 0, "institution"],
  ["plan", 0, "enfants", 0, "pilotes", 0],
  ["chronologie", 0, "instance"],
  ["chronologie", 1, "institution"],
  ["chronologie", 1, "signataires", 0, "personne"],
  ["chronologie", 3, "instance"]
]
const declares = new Set(["caf", "prefecture", "referente-caf", "cdsf", "axe1", "f1.1"])

interface Cas {
  readonly genre: string
  readonly contenu: string | Uint8Array
  /** A field the error must name (a prefix of one of its problems' paths), when the mutation has one. */
  readonly champ?: string
}

const etiquette = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/)

const casPlan: fc.Arbitrary<Cas> = fc.oneof(
  // A wrong type: a scalar replaced by an object no form of the format accepts.
  fc.tuple(fc.constantFrom(...feuilles(plan)), etiquette, fc.jsonValue()).map(([chemin, k, v]) => ({
    genre: "wrong type",
    contenu: stringify(avec(plan, chemin, { [`zz${k}`]: v })),
    champ: Source.formatChemin(chemin.slice(0, -1))
  })),
  // An unknown reference.
  fc.tuple(fc.constantFrom(...usages), etiquette).filter(([, r]) => !declares.has(r)).map(([chemin, r]) => ({
    genre: "unknown reference",
    contenu: stringify(avec(plan, chemin, r)),
    champ: Source.formatChemin(chemin)
  })),
  // A misspelt commune: two letters slipped into the name.
  fc.tuple(fc.integer({ min: 0, max: "Saint-Denis".length }), fc.constantFrom("qz", "xw", "kq")).map(([i, x]) => ({
    genre: "misspelt commune",
    contenu: mini.replace("commune:Saint-Denis", `commune:${"Saint-Denis".slice(0, i)}${x}${"Saint-Denis".slice(i)}`),
    champ: "chronologie[4].valeurs[0].territoire"
  })),
  // A rule broken: a signature before the adoption of 14 March 2024, or implementation before any adoption.
  fc.oneof(
    fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2024-03-13T00:00:00Z"), noInvalidDate: true }).map((
      d
    ) => ({
      genre: "signature before adoption",
      contenu: mini.replace("    le: 2024-04\n", `    le: ${d.toISOString().slice(0, 10)}\n`),
      champ: "chronologie[1]"
    })),
    fc.constant({
      genre: "no adoption",
      contenu: stringify({ ...plan, chronologie: (plan["chronologie"] as Array<unknown>).slice(1) })
    })
  ),
  // Cut short before the header is complete (YAML), or anywhere (JSON, whose end is then missing).
  fc.integer({ min: 0, max: mini.indexOf("lance: 2024") + 8 }).map((n) => ({
    genre: "truncated yaml",
    contenu: mini.slice(0, n)
  })),
  fc.integer({ min: 0, max: JSON.stringify(plan).length - 1 }).map((n) => ({
    genre: "truncated json",
    contenu: JSON.stringify(plan).slice(0, n)
  })),
  // Bytes that are not UTF-8: the whole file in Latin-1, or one stray byte between two characters.
  fc.constant({ genre: "latin-1", contenu: Buffer.from(mini, "latin1") as Uint8Array }),
  fc.tuple(fc.integer({ min: 0, max: mini.length }), fc.constantFrom(0x80, 0xa9, 0xbf, 0xc0, 0xc3, 0xe9, 0xf5, 0xff))
    .map(([i, b]) => {
      const avant = Buffer.from(mini.slice(0, i), "utf8")
      return { genre: "stray byte", contenu: new Uint8Array([...avant, b, ...Buffer.from(mini.slice(i), "utf8")]) }
    })
)

/** Every problem names a line or a field, and says what was expected. */
const nomme = (e: FichierInvalide.FichierInvalide, fichier: string) => {
  assert.strictEqual(e.fichier, fichier)
  assert.isAbove(e.problemes.length, 0)
  for (const p of e.problemes) {
    assert.isTrue(p.ligne !== undefined || p.chemin !== "", `${e.message}: no line nor field`)
    assert.isAbove(p.attendu.length, 0)
    assert.isAbove(p.recu.length, 0)
  }
}

describe("fuzzed broken inputs", () => {
  it(
    `${RUNS} broken plan files: each an error naming line or field and what was expected; the store unchanged`,
    async () => {
      const runtime = ManagedRuntime.make(memoire())
      const genres = new Map<string, number>()
      await fc.assert(
        fc.asyncProperty(casPlan, (cas) =>
          runtime.runPromise(Effect.gen(function*() {
            genres.set(cas.genre, (genres.get(cas.genre) ?? 0) + 1)
            const r = yield* Effect.result(PlanImport.importer({ nom: "plan.yaml", contenu: cas.contenu }))
            assert.isTrue(r._tag === "Failure", `${cas.genre}: imported`)
            const e = (r as { readonly failure: FichierInvalide.FichierInvalide }).failure
            assert.strictEqual(e._tag, "FichierInvalide", `${cas.genre}: ${String(e)}`)
            nomme(e, "plan.yaml")
            if (cas.champ !== undefined) {
              const champ = cas.champ
              assert.isTrue(
                e.problemes.some((p) => p.chemin.startsWith(champ)),
                `${cas.genre}: ${champ} not named in\n${e.message}`
              )
            }
            assert.strictEqual((yield* tousLesEvenements).length, 0)
            assert.isTrue(Option.isNone(yield* (yield* Personne.Personnes).lire(referente)))
          }))),
        { numRuns: RUNS }
      )
      await runtime.dispose()
      assert.isAtLeast(genres.size, 8, [...genres.keys()].join(", "))
    },
    300_000
  )

  it(`${RUNS} CSV files with a broken row: the line and column of the bad cell; the store unchanged`, async () => {
    const runtime = ManagedRuntime.make(memoire())
    const schemaId = IdGenerator.deriveId("schema", "93", "2024-2026") as Evenements.SchemaId
    const avant = await runtime.runPromise(Effect.andThen(
      PlanImport.importer({ nom: "mini.yaml", contenu: mini }),
      Effect.map(tousLesEvenements, (es) => es.length)
    ))
    const bonnes = ["places-eaje;commune:Montreuil;2024;1234;Caf 93", "places-eaje;departement:93;2023;20000;Caf 93"]
    const mauvaise: fc.Arbitrary<readonly [string, number | undefined]> = fc.oneof(
      fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^[\d\s,.-]*$/.test(s) && !/[;"\n\r]/.test(s))
        .map((v) => [`places-eaje;commune:Montreuil;2022;${v};Caf 93`, 4] as const),
      etiquette.map((n) => [`${n}-inconnu;commune:Montreuil;2022;12;Caf 93`, undefined] as const),
      fc.integer({ min: 0, max: 9 }).map((i) =>
        [`places-eaje;commune:${"Montreuil".slice(0, i)}zq${"Montreuil".slice(i)};2022;12;Caf 93`, 2] as const
      ),
      fc.constantFrom("2022-13-01/2022-12-31", "22", "2022/2023", "2101", "2023-12-31/2023-01-01").map((p) =>
        [`places-eaje;commune:Montreuil;${p};12;Caf 93`, 3] as const
      ),
      fc.integer({ min: 1, max: 3 }).map((n) =>
        [`places-eaje;commune:Montreuil;2022;12;Caf 93${";x".repeat(n)}`, undefined] as const
      ),
      fc.constant([`places-eaje;commune:Épinay-sur-Seine;2022;12;Caf 93`, undefined] as const)
    )
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        mauvaise,
        fc.boolean(),
        (place, [ligne, colonne], latin1) =>
          runtime.runPromise(Effect.gen(function*() {
            const rows = [...bonnes]
            rows.splice(place, 0, ligne)
            const texte = ["indicateur;territoire;periode;valeur;source", ...rows].join("\n")
            // A row whose only fault is its encoding (Épinay-sur-Seine is a commune of 93) is always sent in Latin-1.
            const encode = (latin1 || ligne.includes("Épinay")) && /[^\x00-\x7f]/.test(texte)
            const contenu = encode ? Buffer.from(texte, "latin1") : texte
            const r = yield* Effect.result(ImportValeurs.importer({ nom: "valeurs.csv", contenu }, { schemaId }))
            assert.isTrue(r._tag === "Failure", `imported: ${ligne}`)
            const e = (r as { readonly failure: FichierInvalide.FichierInvalide }).failure
            assert.strictEqual(e._tag, "FichierInvalide", String(e))
            nomme(e, "valeurs.csv")
            // The bad row is line place + 2 (after the header).
            assert.isTrue(
              e.problemes.some((p) => p.ligne === place + 2),
              `${ligne}: line ${place + 2} not named in\n${e.message}`
            )
            if (colonne !== undefined && !encode) {
              assert.isTrue(
                e.problemes.some((p) => p.colonne === colonne),
                `${ligne}: column ${colonne} not named in\n${e.message}`
              )
            }
            assert.strictEqual((yield* tousLesEvenements).length, avant)
          }))
      ),
      { numRuns: RUNS }
    )
    await runtime.dispose()
  }, 300_000)
})
