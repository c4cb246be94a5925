/**
 * The structure of a plan: a tree of nodes with a nature and free codes and titles.
 *
 * It holds the three seed structures without loss (domain.md "Plan structures"): Hauts-de-Seine axes → objectifs →
 * actions tagged with themes → pistes (seed 001); Seine-Saint-Denis axes → fiches `n.m` with priorités, one pilote,
 * acteurs, indicateurs, actions clés (seed 002); Paris axes → optional objectif stratégique (A-D) → numbered
 * objectifs → actions with descriptif, pilotes and calendrier (seed 004); and plans of axes holding only orientations.
 */
import { Schema } from "effect"
import { InstanceId } from "./Gouvernance.ts"
import { CodeIndicateur } from "./Indicateur.ts"
import { Pilote } from "./Institution.ts"
import { Calendrier } from "./Periode.ts"
import { Theme } from "./Theme.ts"
import { readableMake } from "./internal/issues.ts"

/** A node's id (uuid). */
export const NoeudId = Schema.String.check(Schema.isUUID()).pipe(Schema.brand("NoeudId"))
export type NoeudId = typeof NoeudId.Type

/**
 * The nature of a node. `objectif-general`: a general objective, at the top framing every axe (Paris SPSF: "les axes
 * stratégiques sont traversés par quatre enjeux majeurs", seed 004 line 229) or under an axe framing its objectives
 * ("décliné en deux objectifs généraux", line 459); `groupe`: a grouping node with a heading of its own (a theme
 * heading over actions, a block of fiches).
 */
export const NatureNoeud = Schema.Literals([
  "objectif-general",
  "groupe",
  "axe",
  "objectif-strategique",
  "objectif",
  "orientation",
  "fiche",
  "action",
  "piste"
])
export type NatureNoeud = typeof NatureNoeud.Type

/**
 * Which natures a node may sit under (`racine` for the top level). Permissive on purpose: real plans nest
 * differently (an action straight under an axe; an orientation at the top).
 */
export const parentsPermis: Readonly<Record<NatureNoeud, ReadonlyArray<NatureNoeud | "racine">>> = {
  "objectif-general": ["racine", "axe"],
  groupe: ["racine", "axe", "objectif-strategique", "objectif", "orientation", "groupe"],
  axe: ["racine", "groupe"],
  "objectif-strategique": ["axe", "groupe"],
  objectif: ["racine", "axe", "objectif-strategique", "objectif-general", "groupe"],
  orientation: ["racine", "axe", "groupe"],
  fiche: ["racine", "axe", "objectif", "objectif-strategique", "groupe"],
  action: ["axe", "objectif-strategique", "objectif-general", "objectif", "orientation", "fiche", "groupe"],
  piste: ["objectif", "orientation", "fiche", "action", "groupe"]
}

/** Natures that carry a pilot (and so are warned about when they have none). */
export const naturesPilotees: ReadonlyArray<NatureNoeud> = ["fiche", "action"]

/** What an action or a fiche says beyond its title; every list may be empty. */
export const DetailsAction = Schema.Struct({
  descriptif: Schema.optionalKey(Schema.String),
  /** One or more pilots; empty where the plan leaves it blank (a warning, not an error). */
  pilotes: Schema.Array(Pilote),
  /** Main actors, as written ("Communes, Conseil départemental (PMI notamment), Gestionnaires"). */
  acteurs: Schema.Array(Schema.String),
  calendrier: Schema.optionalKey(Calendrier),
  /** Indicators as the plan words them ("Taux d'occupation"). */
  indicateurs: Schema.Array(Schema.String),
  /** Indicators linked to their definitions, when they have one. */
  codesIndicateurs: Schema.Array(CodeIndicateur),
  /** Seine-Saint-Denis "PRIORITÉS IDENTIFIÉES". */
  priorites: Schema.Array(Schema.String),
  /** Seine-Saint-Denis "QUELQUES ACTIONS CLÉS ISSUES DU RÉFÉRENTIEL". */
  actionsCles: Schema.Array(Schema.String),
  /** action ↔ theme (an action may sit under two themes: Hauts-de-Seine). */
  themes: Schema.Array(Theme),
  /** action ↔ body (the comités that carry it). */
  instances: Schema.Array(InstanceId)
})
export type DetailsAction = typeof DetailsAction.Type

/** Details with every list empty. */
export const detailsVides: DetailsAction = {
  pilotes: [],
  acteurs: [],
  indicateurs: [],
  codesIndicateurs: [],
  priorites: [],
  actionsCles: [],
  themes: [],
  instances: []
}

/** An action carried over from a predecessor schéma. */
export const Reprise = Schema.Struct({ schemaId: Schema.String.check(Schema.isUUID()), noeudId: NoeudId })
export type Reprise = typeof Reprise.Type

/** A node of the plan. */
export const Noeud = Schema.Struct({
  noeudId: NoeudId,
  nature: NatureNoeud,
  /** Free code as printed: `1`, `1.1`, `A`, `OBJECTIF 3`; absent when the plan numbers nothing. */
  code: Schema.optionalKey(Schema.String),
  titre: Schema.NonEmptyString,
  parentId: Schema.optionalKey(NoeudId),
  /** Order among siblings, from 0. */
  rang: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  details: Schema.optionalKey(DetailsAction),
  repriseDe: Schema.optionalKey(Reprise),
  /** Themes set on this node, inherited by every node under it (`themesDe`); not repeated on the children. */
  themes: Schema.optionalKey(Schema.Array(Theme))
})
export type Noeud = typeof Noeud.Type

/**
 * A node's themes: its own (`themes`, and an action's `details.themes`) and those set on every node above it,
 * without duplicates, nearest first.
 */
export const themesDe = (noeuds: ReadonlyMap<NoeudId, Noeud>, id: NoeudId): ReadonlyArray<Theme> => {
  const out: Array<Theme> = []
  const vus = new Set<NoeudId>()
  let n = noeuds.get(id)
  while (n !== undefined && !vus.has(n.noeudId)) {
    vus.add(n.noeudId)
    for (const t of [...(n.themes ?? []), ...(n.details?.themes ?? [])]) if (!out.includes(t)) out.push(t)
    n = n.parentId === undefined ? undefined : noeuds.get(n.parentId)
  }
  return out
}

/** The changeable parts of a node (a revision or a redrafting says only what changes). */
export const ModificationNoeud = Schema.Struct({
  code: Schema.optionalKey(Schema.String),
  titre: Schema.optionalKey(Schema.NonEmptyString),
  rang: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  details: Schema.optionalKey(DetailsAction),
  themes: Schema.optionalKey(Schema.Array(Theme))
})
export type ModificationNoeud = typeof ModificationNoeud.Type

/** How far an action has got (*état d'avancement*). */
export const EtatAvancement = Schema.Literals([
  "a-formaliser",
  "formalisee",
  "demarree",
  "en-cours",
  "realisee",
  "reportee",
  "suspendue",
  "abandonnee"
])
export type EtatAvancement = typeof EtatAvancement.Type

readableMake({ NoeudId, Noeud })
