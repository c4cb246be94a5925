/**
 * The port to the official geography: communes, municipal arrondissements, EPCI and EPT found from the names and
 * codes documents print (issue 9, case 9: capitals without accents, misspellings, "Noisieu" for Noiseau).
 *
 * The pure domain ships no geography; `@sdsf/geographie` implements this service over the official data
 * (`@etalab/decoupage-administratif`). A name resolves only when it matches exactly once after normalisation
 * (accents, case, hyphens, apostrophes, "Saint"/"St"); anything else is a typed error listing candidates, never a
 * guess.
 */
import { Context, Schema } from "effect"
import type { Effect } from "effect"
import { Arrondissement, CodeCommune, CodeDepartement, Commune, Epci } from "./Territoire.ts"

/** What a reference names: a commune, a municipal arrondissement, an EPCI (à fiscalité propre), an EPT. */
export const Nature = Schema.Literals(["commune", "arrondissement", "epci", "ept"])
export type Nature = typeof Nature.Type

/** How a reference matched: current code, name, old code (before a merger), commune déléguée or associée, SIREN. */
export const Correspondance = Schema.Literals([
  "code",
  "nom",
  "nom-sans-article",
  "ancien-code",
  "commune-deleguee",
  "commune-associee",
  "siren"
])
export type Correspondance = typeof Correspondance.Type

/** A territory a reference may have meant: enough to choose one and write its code instead of the name. */
export const Candidat = Schema.Struct({
  code: Schema.String,
  nom: Schema.String,
  nature: Nature,
  /** The département of a commune; the départements an EPCI's members lie in. */
  departements: Schema.Array(CodeDepartement),
  /** Edit distance between the normalised names: 0 the same name (homonyms), 1 also for a name the reference begins. */
  distance: Schema.Number
})
export type Candidat = typeof Candidat.Type

/** An EPCI or EPT a commune belongs to. */
export const Groupement = Schema.Struct({
  territoire: Epci,
  nom: Schema.String,
  /** `CC`, `CA`, `CU`, `METRO`, `MET69` (Métropole de Lyon) or `EPT`. */
  type: Schema.String
})
export type Groupement = typeof Groupement.Type

/** A commune or municipal arrondissement as the official geography knows it, with what it rolls up to. */
export const FicheCommune = Schema.Struct({
  territoire: Schema.Union([Commune, Arrondissement]),
  nom: Schema.String,
  departement: CodeDepartement,
  /** Municipal population (INSEE), when published (e.g. for the Cnaf's threshold of 10,000 inhabitants). */
  population: Schema.optionalKey(Schema.Number),
  /** The commune a municipal arrondissement belongs to (Paris 75056, Lyon 69123, Marseille 13055). */
  commune: Schema.optionalKey(CodeCommune),
  /** The EPCI à fiscalité propre (for the Grand Paris: the Métropole du Grand Paris); absent for a few islands. */
  epci: Schema.optionalKey(Groupement),
  /** The établissement public territorial, for the communes of the Métropole du Grand Paris other than Paris. */
  ept: Schema.optionalKey(Groupement)
})
export type FicheCommune = typeof FicheCommune.Type

/** An EPCI or EPT with its member communes. */
export const FicheGroupement = Schema.Struct({
  ...Groupement.fields,
  nature: Schema.Literals(["epci", "ept"]),
  departements: Schema.Array(CodeDepartement),
  membres: Schema.Array(Schema.Struct({ territoire: Commune, nom: Schema.String })),
  population: Schema.optionalKey(Schema.Number)
})
export type FicheGroupement = typeof FicheGroupement.Type

/** A commune reference resolved, with how it matched and, when the reference was not the current code, why. */
export const CommuneResolue = Schema.Struct({
  fiche: FicheCommune,
  correspondance: Correspondance,
  /** E.g. "93059 (Pierrefitte-sur-Seine) is now part of 93066 (Saint-Denis)": worth keeping beside the import. */
  note: Schema.optionalKey(Schema.String)
})
export type CommuneResolue = typeof CommuneResolue.Type

/** An EPCI or EPT reference resolved. */
export const GroupementResolu = Schema.Struct({
  fiche: FicheGroupement,
  correspondance: Correspondance,
  note: Schema.optionalKey(Schema.String)
})
export type GroupementResolu = typeof GroupementResolu.Type

const liste = (candidats: ReadonlyArray<Candidat>): string =>
  candidats.map((c) => `${c.nom} (${c.code}, ${c.departements.join("/")})`).join(", ")

const dans = (departement: string | undefined): string =>
  departement === undefined ? "" : ` in département ${departement}`

/** No territory has this name or code (in the département, when one is given); the closest names are listed. */
export class TerritoireIntrouvable extends Schema.TaggedError<TerritoireIntrouvable>()("TerritoireIntrouvable", {
  reference: Schema.String,
  recherche: Schema.Literals(["commune", "groupement"]),
  departement: Schema.optionalKey(CodeDepartement),
  /** The closest names, best first (empty when nothing is close). */
  candidats: Schema.Array(Candidat)
}) {
  override get message(): string {
    const quoi = this.recherche === "commune" ? "commune or arrondissement" : "EPCI or EPT"
    const proches = this.candidats.length === 0 ? "no close name" : `closest: ${liste(this.candidats)}`
    return `no ${quoi} "${this.reference}"${dans(this.departement)}; ${proches}`
  }
}

/** Several territories have this name (homonyms): give the département or the code. */
export class TerritoireAmbigu extends Schema.TaggedError<TerritoireAmbigu>()("TerritoireAmbigu", {
  reference: Schema.String,
  recherche: Schema.Literals(["commune", "groupement"]),
  departement: Schema.optionalKey(CodeDepartement),
  candidats: Schema.Array(Candidat)
}) {
  override get message(): string {
    return `"${this.reference}"${dans(this.departement)} names ${this.candidats.length} territories: ` +
      `${liste(this.candidats)}; give the département or the code`
  }
}

/** The code names a territory of another département than the one given (domain.md: a commune's département). */
export class HorsDepartement extends Schema.TaggedError<HorsDepartement>()("HorsDepartement", {
  reference: Schema.String,
  departement: CodeDepartement,
  trouve: Candidat
}) {
  override get message(): string {
    return `"${this.reference}" is ${this.trouve.nom} (${this.trouve.code}) in département ` +
      `${this.trouve.departements.join("/")}, not ${this.departement}`
  }
}

/** Where to look: a département narrows homonyms ("Saint-Denis" in 93, not 974) and misspelt names. */
export interface Recherche {
  readonly departement?: CodeDepartement | undefined
}

/** The official geography. */
export class Geographie extends Context.Service<Geographie, {
  /** A commune or municipal arrondissement from its name, current or old INSEE code, or SIREN. */
  readonly commune: (
    reference: string,
    recherche?: Recherche
  ) => Effect.Effect<CommuneResolue, TerritoireIntrouvable | TerritoireAmbigu | HorsDepartement>
  /** An EPCI or EPT from its name (with or without "CA", "Communauté de communes"...) or SIREN, with its members. */
  readonly groupement: (
    reference: string,
    recherche?: Recherche
  ) => Effect.Effect<GroupementResolu, TerritoireIntrouvable | TerritoireAmbigu | HorsDepartement>
  /** The current communes of a département (Paris, Lyon and Marseille as one commune each), by code. */
  readonly communes: (departement: CodeDepartement) => Effect.Effect<ReadonlyArray<FicheCommune>>
}>()("@sdsf/domain/Geographie") {}

/** The level commune values roll up to: their EPCI (à fiscalité propre), their EPT, or their département. */
export type Echelon = "epci" | "ept" | "departement"

/** Commune values summed per EPCI, EPT or département, and the codes that roll up to none at that level. */
export interface Cumul {
  /** Total per code of the EPCI, EPT (SIREN) or département. */
  readonly totaux: ReadonlyMap<string, number>
  /** Codes with no fiche, or no EPCI/EPT (Paris has no EPT; a few islands no EPCI): left out of the totals. */
  readonly horsRattachement: ReadonlyArray<string>
}

/**
 * Sums commune (or arrondissement) values up to their EPCI, EPT or département, from the fiches the `Geographie`
 * service gives. Sum additive units only (domain.md "Indicators": counts, places, money, hours; never rates), and
 * give a city or its arrondissements, not both.
 */
export const cumuler = (
  valeurs: Iterable<readonly [code: string, valeur: number]>,
  fiches: Iterable<FicheCommune>,
  vers: Echelon
): Cumul => {
  const parCode = new Map<string, FicheCommune>()
  for (const f of fiches) parCode.set(f.territoire.code, f)
  const totaux = new Map<string, number>()
  const horsRattachement: Array<string> = []
  for (const [code, valeur] of valeurs) {
    const f = parCode.get(code)
    const cible = f === undefined
      ? undefined
      : vers === "departement"
      ? f.departement
      : (vers === "epci" ? f.epci : f.ept)?.territoire.code
    if (cible === undefined) horsRattachement.push(code)
    else totaux.set(cible, (totaux.get(cible) ?? 0) + valeur)
  }
  return { totaux, horsRattachement }
}
