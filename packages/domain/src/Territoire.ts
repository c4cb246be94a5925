/**
 * Territories: France (whole or metropolitan), régions, départements, communes, municipal arrondissements, QPV, EPCI.
 *
 * Codes are INSEE codes (départements, communes, arrondissements), SIREN numbers (EPCI and EPT) and the codes of
 * the quartiers prioritaires de la politique de la ville (QPV). Whether a commune code exists is not known here
 * (the pure domain ships no geography): importers check that against `@etalab/decoupage-administratif`.
 */
import { Schema } from "effect"
import { readableMake } from "./internal/issues.ts"

/**
 * A département code (INSEE): `01`-`95` without `20`, Corsica `2A`/`2B`, overseas `971`-`976`.
 * 975 (Saint-Pierre-et-Miquelon) is a collectivité d'outre-mer; it is accepted as the range asks.
 */
export const CodeDepartement = Schema.String.check(
  Schema.isPattern(/^(0[1-9]|1[0-9]|2[AB1-9]|[3-8][0-9]|9[0-5]|97[1-6])$/, {
    message: "a département code is 01-95 (no 20), 2A, 2B or 971-976"
  })
).pipe(Schema.brand("CodeDepartement"))
export type CodeDepartement = typeof CodeDepartement.Type

/**
 * A région code (INSEE, since 2016): overseas 01-04 and 06, then 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94
 * (seed 004 l.246 compares Paris with "la région Île-de-France", code 11).
 */
export const CodeRegion = Schema.String.check(
  Schema.isPattern(/^(0[1-46]|11|2[478]|32|44|5[23]|7[56]|84|9[34])$/, {
    message: "a région code is 01-04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93 or 94"
  })
).pipe(Schema.brand("CodeRegion"))
export type CodeRegion = typeof CodeRegion.Type

/** A commune code (INSEE, 5 characters): the département code then the commune's number (`92050` Nanterre). */
export const CodeCommune = Schema.String.check(
  Schema.isPattern(/^((0[1-9]|1[0-9]|2[AB1-9]|[3-8][0-9]|9[0-5])[0-9]{3}|97[1-6][0-9]{2})$/, {
    message: "a commune code is 5 characters: a département code then the commune's number"
  })
).pipe(Schema.brand("CodeCommune"))
export type CodeCommune = typeof CodeCommune.Type

/** A municipal arrondissement (INSEE): Paris 75101-75120, Lyon 69381-69389, Marseille 13201-13216. */
export const CodeArrondissement = Schema.String.check(
  Schema.isPattern(/^(751(0[1-9]|1[0-9]|20)|6938[1-9]|132(0[1-9]|1[0-6]))$/, {
    message: "an arrondissement code is 75101-75120, 69381-69389 or 13201-13216"
  })
).pipe(Schema.brand("CodeArrondissement"))
export type CodeArrondissement = typeof CodeArrondissement.Type

/** An EPCI or EPT, by its SIREN number (9 digits). */
export const CodeEpci = Schema.String.check(
  Schema.isPattern(/^[0-9]{9}$/, { message: "an EPCI code is its 9-digit SIREN number" })
).pipe(Schema.brand("CodeEpci"))
export type CodeEpci = typeof CodeEpci.Type

/** A QPV code: `QP` (2015 list, e.g. `QP093001`) or `QN` (2024 list) then 5 to 7 letters or digits. */
export const CodeQpv = Schema.String.check(
  Schema.isPattern(/^Q[PN][0-9A-Z]{5,7}$/, { message: "a QPV code is QP or QN then 5 to 7 letters or digits" })
).pipe(Schema.brand("CodeQpv"))
export type CodeQpv = typeof CodeQpv.Type

/** The level of a territory, from the largest to the smallest. */
export const NiveauTerritorial = Schema.Literals([
  "france",
  "region",
  "departement",
  "epci",
  "commune",
  "arrondissement",
  "qpv"
])
export type NiveauTerritorial = typeof NiveauTerritorial.Type

/**
 * France (national figures, e.g. the coverage rate of 60.9 in 2023); `perimetre: "metropolitaine"` for France
 * métropolitaine, which documents compare with as often (seed 002 l.182, seed 004 l.246).
 */
export const France = Schema.Struct({
  niveau: Schema.Literal("france"),
  perimetre: Schema.optionalKey(Schema.Literal("metropolitaine"))
})
/** A région. */
export const Region = Schema.Struct({ niveau: Schema.Literal("region"), code: CodeRegion })
/** A département. */
export const Departement = Schema.Struct({ niveau: Schema.Literal("departement"), code: CodeDepartement })
/** An EPCI or EPT. */
export const Epci = Schema.Struct({ niveau: Schema.Literal("epci"), code: CodeEpci })
/** A commune. */
export const Commune = Schema.Struct({ niveau: Schema.Literal("commune"), code: CodeCommune })
/** A municipal arrondissement. */
export const Arrondissement = Schema.Struct({ niveau: Schema.Literal("arrondissement"), code: CodeArrondissement })
/** A quartier prioritaire de la politique de la ville. */
export const Qpv = Schema.Struct({ niveau: Schema.Literal("qpv"), code: CodeQpv })

/** A territory an indicator value or an action is about. */
export const Territoire = Schema.Union([France, Region, Departement, Epci, Commune, Arrondissement, Qpv])
export type Territoire = typeof Territoire.Type

/** A readable key of a territory (`departement:92`, `commune:92050`, `region:11`, `france:metropolitaine`). */
export const cleTerritoire = (t: Territoire): string =>
  t.niveau === "france" ? (t.perimetre === undefined ? "france" : `france:${t.perimetre}`) : `${t.niveau}:${t.code}`

/** The département a territory lies in, when its code tells (communes, arrondissements, départements). */
export const departementDe = (t: Territoire): CodeDepartement | undefined => {
  switch (t.niveau) {
    case "departement":
      return t.code
    case "commune":
    case "arrondissement":
      return (t.code.startsWith("97") ? t.code.slice(0, 3) : t.code.slice(0, 2)) as CodeDepartement
    case "france":
    case "region":
    case "epci":
    case "qpv":
      return undefined
  }
}

/** Builders checking their input (throw on invalid codes: for literals in code and tests). */
export const departement = (code: string): Territoire => ({ niveau: "departement", code: CodeDepartement.make(code) })
export const commune = (code: string): Territoire => ({ niveau: "commune", code: CodeCommune.make(code) })
export const region = (code: string): Territoire => ({ niveau: "region", code: CodeRegion.make(code) })

readableMake({ CodeDepartement, CodeCommune, CodeArrondissement, CodeEpci, CodeQpv, Territoire })
