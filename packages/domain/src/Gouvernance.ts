/**
 * Governance: the bodies (*instances*) of a schéma, their members' roles and their meeting cadence.
 *
 * Cadences are configuration per schéma, not national law (domain.md "Governance"): the CDSF meets at least once a
 * year, the Hauts-de-Seine COPIL and comités thématiques 3 times (seed 001), the Paris COTECH twice (seed 004), the
 * Seine-Saint-Denis groupes de travail 2 to 3 times (seed 002).
 */
import { Schema } from "effect"
import { InstitutionId } from "./Institution.ts"
import { SujetRef } from "./Personne.ts"
import { NonDocumente } from "./Temps.ts"
import { Theme } from "./Theme.ts"
import { readableMake } from "./internal/issues.ts"

/** A body's id (uuid). */
export const InstanceId = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("InstanceId"))
export type InstanceId = typeof InstanceId.Type

/**
 * The kinds of body. `cdsf` is the comité départemental des services aux familles (décret n°2021-1644); Paris's
 * CPSF/COFIL of the SPSF 2021-2026 plays that role (seed 004, which calls it both "CPSF" and "COFIL").
 */
export const NatureInstance = Schema.Literals([
  "cdsf",
  "copil",
  "cotech",
  "comite-thematique",
  "groupe-de-travail",
  "comite-labellisation",
  "cellule-veille",
  "comite-financement",
  "equipe-projet",
  "autre"
])
export type NatureInstance = typeof NatureInstance.Type

/** Roles in a body (seed 001 comités thématiques: animateur, 2-4 référents techniques, membres permanents, contributeurs occasionnels; seed 004: secrétaire général, coordinateurs, référents opérationnels). */
export const Role = Schema.Literals([
  "president",
  /** One of several chairs of a body co-chaired as printed ("co-présidé par la Caf et le Département"). */
  "co-president",
  "vice-president",
  "secretariat",
  "secretaire-general",
  "animateur",
  "co-animateur",
  "referent-technique",
  "membre-permanent",
  "contributeur-occasionnel",
  "coordinateur",
  "referent-operationnel",
  "membre"
])
export type Role = typeof Role.Type

/** How often a body is expected to meet: at least `minParAn` a year, at most `maxParAn` when said, in indicative months. */
export const Cadence = Schema.Struct({
  minParAn: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  maxParAn: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  moisIndicatifs: Schema.optionalKey(Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }))))
}).check(
  Schema.makeFilter((c: { readonly minParAn: number; readonly maxParAn?: number }) =>
    c.maxParAn === undefined || c.maxParAn >= c.minParAn ||
    { path: ["maxParAn"], issue: `at most ${c.maxParAn} meetings a year is fewer than the minimum ${c.minParAn}` }
  )
)
export type Cadence = typeof Cadence.Type

/** A body convened when needed rather than on a cadence ("réuni en tant que de besoin"). */
export const SurBesoin = Schema.TaggedStruct("SurBesoin", {})
export type SurBesoin = typeof SurBesoin.Type

/**
 * How a body meets, as the document says: a regular `Cadence` (`{ minParAn: 0 }` means no meeting expected),
 * `SurBesoin`, or `NonDocumente` (the document gives no cadence: unknown, not zero).
 */
export const Convocation = Schema.Union([Cadence, SurBesoin, NonDocumente])
export type Convocation = typeof Convocation.Type

/** Whether a body is only proposed by the document or installed; absent when the document does not say. */
export const StatutInstance = Schema.Literals(["proposee", "installee"])
export type StatutInstance = typeof StatutInstance.Type

/** A body of the schéma's governance. */
export const Instance = Schema.Struct({
  instanceId: InstanceId,
  nature: NatureInstance,
  nom: Schema.NonEmptyString,
  /** v2 of `InstanceCreee`: a `Convocation` (a `Cadence`, `SurBesoin` or `NonDocumente`). */
  cadence: Convocation,
  statut: Schema.optionalKey(StatutInstance),
  /** For a body set up for a set time, that time as printed ("un calendrier sur 1 an": seed 002 line 99). */
  duree: Schema.optionalKey(Schema.NonEmptyString),
  /** For a comité thématique or a groupe de travail: its themes. */
  themes: Schema.Array(Theme),
  /** What the body is for, as the plan writes it. */
  missions: Schema.Array(Schema.String)
})
export type Instance = typeof Instance.Type

/** A member of a body: an institution in a role, and the person when known (a reference, never the name). */
export const Membre = Schema.Struct({
  institutionId: InstitutionId,
  role: Role,
  sujet: Schema.optionalKey(SujetRef)
})
export type Membre = typeof Membre.Type

/** A convocation as text: `3/an`, `1+/an`, `2-3/an`, `0/an` (none expected), `sur besoin`, `non documentée`. */
export const formatConvocation = (c: Convocation): string => {
  if (!("_tag" in c)) {
    const max = c.maxParAn === undefined
      ? (c.minParAn === 0 ? "" : "+")
      : c.maxParAn === c.minParAn
      ? ""
      : `-${c.maxParAn}`
    return `${c.minParAn}${max}/an`
  }
  if (c._tag === "SurBesoin") return "sur besoin"
  return c.note === undefined ? "non documentée" : `non documentée (${c.note})`
}
readableMake({ InstanceId, Cadence, Instance })
