/** The index over the official geography: built once, then every lookup is a map read or a scan of one département. */
import { Geographie, Territoire } from "@sdsf/domain"
import { Schema } from "effect"
import { borne, cle, cleCourte, distance, sansArticle } from "../Noms.ts"

/** A commune record of `communes.json` (the fields used here). */
export const CommuneDonnee = Schema.Struct({
  code: Schema.String,
  nom: Schema.String,
  type: Schema.String,
  departement: Schema.String,
  chefLieu: Schema.optionalKey(Schema.String),
  commune: Schema.optionalKey(Schema.String),
  anciensCodes: Schema.optionalKey(Schema.Array(Schema.String)),
  siren: Schema.optionalKey(Schema.String),
  population: Schema.optionalKey(Schema.Number)
})
export type CommuneDonnee = typeof CommuneDonnee.Type

/** An EPCI or EPT record of `epci.json` / `ept.json` (the fields used here). */
export const GroupementDonnee = Schema.Struct({
  code: Schema.String,
  nom: Schema.String,
  type: Schema.String,
  populationMunicipale: Schema.optionalKey(Schema.Number),
  membres: Schema.Array(Schema.Struct({ code: Schema.String, nom: Schema.String }))
})
export type GroupementDonnee = typeof GroupementDonnee.Type

/** The three files of `@etalab/decoupage-administratif` the index reads. */
export const Donnees = Schema.Struct({
  communes: Schema.Array(CommuneDonnee),
  epci: Schema.Array(GroupementDonnee),
  ept: Schema.Array(GroupementDonnee)
})
export type Donnees = typeof Donnees.Type

type TerritoireLieu = Geographie.FicheCommune["territoire"]

/** A current commune or a municipal arrondissement. */
interface Lieu {
  readonly territoire: TerritoireLieu
  readonly nom: string
  readonly departement: Territoire.CodeDepartement
  readonly population: number | undefined
  readonly commune: Territoire.CodeCommune | undefined
}

/** A name that leads to a lieu: its own, or that of a commune déléguée or associée now part of it. */
interface Nom {
  readonly cle: string
  readonly cleSansArticle: string | undefined
  readonly nom: string
  readonly via: "nom" | "commune-deleguee" | "commune-associee"
  readonly lieu: Lieu
}

interface Groupe {
  readonly fiche: Geographie.FicheGroupement
  readonly cle: string
  readonly cleCourte: string
}

/** The built index. */
export interface Index {
  readonly lieux: ReadonlyMap<string, Lieu>
  readonly anciens: ReadonlyMap<string, { readonly lieu: Lieu; readonly nom: string | undefined }>
  readonly sirens: ReadonlyMap<string, Lieu>
  readonly noms: ReadonlyMap<string, ReadonlyArray<Nom>>
  readonly nomsSansArticle: ReadonlyMap<string, ReadonlyArray<Nom>>
  readonly nomsParDepartement: ReadonlyMap<string, ReadonlyArray<Nom>>
  readonly tousNoms: ReadonlyArray<Nom>
  readonly communesParDepartement: ReadonlyMap<string, ReadonlyArray<Lieu>>
  readonly groupes: ReadonlyMap<string, Groupe>
  readonly epciDe: ReadonlyMap<string, Geographie.Groupement>
  readonly eptDe: ReadonlyMap<string, Geographie.Groupement>
  readonly groupesParCle: ReadonlyMap<string, ReadonlyArray<Groupe>>
  readonly groupesParCleCourte: ReadonlyMap<string, ReadonlyArray<Groupe>>
}

const isCommune = Schema.is(Territoire.CodeCommune)
const isArrondissement = Schema.is(Territoire.CodeArrondissement)
const isDepartement = Schema.is(Territoire.CodeDepartement)
const isEpci = Schema.is(Territoire.CodeEpci)

const ajouter = <K, V>(m: Map<K, Array<V>>, k: K, v: V): void => {
  const l = m.get(k)
  if (l === undefined) m.set(k, [v])
  else l.push(v)
}

/**
 * Builds the index. Records outside the domain's codes (collectivités d'outre-mer 977, 978, 98x) are left out, as
 * are the members of an EPCI that are not current communes.
 */
export const indexer = (d: Donnees): Index => {
  const lieux = new Map<string, Lieu>()
  const sirens = new Map<string, Lieu>()
  const communesParDepartement = new Map<string, Array<Lieu>>()
  for (const c of d.communes) {
    if (!isDepartement(c.departement)) continue
    const base = { nom: c.nom, departement: c.departement, population: c.population }
    if (c.type === "commune-actuelle" && isCommune(c.code)) {
      const lieu: Lieu = { ...base, territoire: { niveau: "commune", code: c.code }, commune: undefined }
      lieux.set(c.code, lieu)
      ajouter(communesParDepartement, c.departement, lieu)
      if (c.siren !== undefined) sirens.set(c.siren, lieu)
    } else if (
      c.type === "arrondissement-municipal" && isArrondissement(c.code) && c.commune !== undefined &&
      isCommune(c.commune)
    ) {
      lieux.set(c.code, { ...base, territoire: { niveau: "arrondissement", code: c.code }, commune: c.commune })
    }
  }
  const anciens = new Map<string, { lieu: Lieu; nom: string | undefined }>()
  const tousNoms: Array<Nom> = []
  const nommer = (nom: string, via: Nom["via"], lieu: Lieu): void => {
    const k = cle(nom)
    tousNoms.push({ cle: k, cleSansArticle: sansArticle(k), nom, via, lieu })
  }
  for (const c of d.communes) {
    const lieu = lieux.get(c.code)
    if (lieu !== undefined && (c.type === "commune-actuelle" || c.type === "arrondissement-municipal")) {
      nommer(c.nom, "nom", lieu)
      for (const a of c.anciensCodes ?? []) {
        if (!lieux.has(a) && !anciens.has(a)) anciens.set(a, { lieu, nom: undefined })
      }
    }
  }
  for (const c of d.communes) {
    if (c.type !== "commune-deleguee" && c.type !== "commune-associee") continue
    const lieu = c.chefLieu === undefined ? undefined : lieux.get(c.chefLieu)
    if (lieu === undefined) continue
    nommer(c.nom, c.type, lieu)
    if (!lieux.has(c.code)) anciens.set(c.code, { lieu, nom: c.nom })
  }
  const noms = new Map<string, Array<Nom>>()
  const nomsSansArticle = new Map<string, Array<Nom>>()
  const nomsParDepartement = new Map<string, Array<Nom>>()
  for (const n of tousNoms) {
    ajouter(noms, n.cle, n)
    if (n.cleSansArticle !== undefined) ajouter(nomsSansArticle, n.cleSansArticle, n)
    ajouter(nomsParDepartement, n.lieu.departement, n)
  }

  const groupes = new Map<string, Groupe>()
  const epciDe = new Map<string, Geographie.Groupement>()
  const eptDe = new Map<string, Geographie.Groupement>()
  const groupesParCle = new Map<string, Array<Groupe>>()
  const groupesParCleCourte = new Map<string, Array<Groupe>>()
  const grouper = (g: GroupementDonnee, nature: "epci" | "ept", de: Map<string, Geographie.Groupement>): void => {
    if (!isEpci(g.code)) return
    const groupement: Geographie.Groupement = { territoire: { niveau: "epci", code: g.code }, nom: g.nom, type: g.type }
    const membres: Array<Geographie.FicheGroupement["membres"][number]> = []
    const departements = new Set<Territoire.CodeDepartement>()
    for (const m of g.membres) {
      const lieu = lieux.get(m.code)
      if (lieu === undefined || lieu.territoire.niveau !== "commune") continue
      membres.push({ territoire: lieu.territoire, nom: lieu.nom })
      departements.add(lieu.departement)
      de.set(m.code, groupement)
    }
    const fiche: Geographie.FicheGroupement = {
      ...groupement,
      nature,
      departements: [...departements].sort(),
      membres,
      ...(g.populationMunicipale === undefined ? {} : { population: g.populationMunicipale })
    }
    const groupe: Groupe = { fiche, cle: cle(g.nom), cleCourte: cleCourte(g.nom) }
    groupes.set(g.code, groupe)
    ajouter(groupesParCle, groupe.cle, groupe)
    ajouter(groupesParCleCourte, groupe.cleCourte, groupe)
  }
  for (const g of d.epci) grouper(g, "epci", epciDe)
  for (const g of d.ept) grouper(g, "ept", eptDe)

  return {
    lieux,
    anciens,
    sirens,
    noms,
    nomsSansArticle,
    nomsParDepartement,
    tousNoms,
    communesParDepartement,
    groupes,
    epciDe,
    eptDe,
    groupesParCle,
    groupesParCleCourte
  }
}

/** The fiche of a commune or arrondissement, with the EPCI and EPT it (an arrondissement: its commune) belongs to. */
export const fiche = (index: Index, lieu: Lieu): Geographie.FicheCommune => {
  const rattache = lieu.commune ?? lieu.territoire.code
  const epci = index.epciDe.get(rattache)
  const ept = index.eptDe.get(rattache)
  return {
    territoire: lieu.territoire,
    nom: lieu.nom,
    departement: lieu.departement,
    ...(lieu.population === undefined ? {} : { population: lieu.population }),
    ...(lieu.commune === undefined ? {} : { commune: lieu.commune }),
    ...(epci === undefined ? {} : { epci }),
    ...(ept === undefined ? {} : { ept })
  }
}

export const candidatLieu = (lieu: Lieu, d: number, nom: string = lieu.nom): Geographie.Candidat => ({
  code: lieu.territoire.code,
  nom,
  nature: lieu.territoire.niveau,
  departements: [lieu.departement],
  distance: d
})

export const candidatGroupe = (g: Groupe, d: number): Geographie.Candidat => ({
  code: g.fiche.territoire.code,
  nom: g.fiche.nom,
  nature: g.fiche.nature,
  departements: g.fiche.departements,
  distance: d
})

const nomCandidat = (n: Nom): string =>
  n.via === "nom"
    ? n.nom
    : `${n.nom} (commune ${n.via === "commune-deleguee" ? "déléguée" : "associée"} of ${n.lieu.nom})`

/** How many candidates an unresolved name lists. */
export const MAX_CANDIDATS = 5

/** Prefix matches ("st ouen" for "st ouen sur seine") count as distance 1 if the reference has this many characters. */
const PREFIXE_MIN = 5

const proche = (k: string, cible: string, b: number): number =>
  k.length >= PREFIXE_MIN && cible.startsWith(`${k} `) ? Math.min(1, distance(k, cible, b)) : distance(k, cible, b)

const classer = <T>(
  trouves: Map<string, { readonly d: number; readonly population: number; readonly t: T }>
): Array<T> =>
  [...trouves.entries()]
    .sort(([ca, a], [cb, b]) => a.d - b.d || b.population - a.population || (ca < cb ? -1 : 1))
    .slice(0, MAX_CANDIDATS)
    .map(([, v]) => v.t)

/** The closest names to a key among those given, best first: by distance, then population, then code. */
export const prochesLieux = (k: string, parmi: ReadonlyArray<Nom>): Array<Geographie.Candidat> => {
  const b = borne(k)
  const trouves = new Map<string, { d: number; population: number; t: Geographie.Candidat }>()
  for (const n of parmi) {
    const d = Math.min(proche(k, n.cle, b), n.cleSansArticle === undefined ? b + 1 : proche(k, n.cleSansArticle, b))
    if (d > b) continue
    const code = n.lieu.territoire.code
    const deja = trouves.get(code)
    if (deja !== undefined && (deja.d < d || (deja.d === d && n.via !== "nom"))) continue
    trouves.set(code, { d, population: n.lieu.population ?? 0, t: candidatLieu(n.lieu, d, nomCandidat(n)) })
  }
  return classer(trouves)
}

/** The closest EPCI or EPT names to a short key. */
export const prochesGroupes = (k: string, parmi: Iterable<Groupe>): Array<Geographie.Candidat> => {
  const b = borne(k)
  const trouves = new Map<string, { d: number; population: number; t: Geographie.Candidat }>()
  for (const g of parmi) {
    const d = proche(k, g.cleCourte, b)
    if (d > b) continue
    trouves.set(g.fiche.territoire.code, { d, population: g.fiche.population ?? 0, t: candidatGroupe(g, d) })
  }
  return classer(trouves)
}

export type { Groupe, Lieu, Nom }
export { nomCandidat }
