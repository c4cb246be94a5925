/**
 * The domain's `Geographie` service over the official French geography of `@etalab/decoupage-administratif`
 * (INSEE's code officiel géographique, the DGCL's EPCI list, INSEE's EPT list; data as of 1 January of the
 * package's millésime: 6.0.0 is 2026).
 *
 * The files (12 MB of JSON) are read and indexed once, at the first lookup, not when the layer is built.
 */
import { Geographie, Territoire } from "@sdsf/domain"
import { Effect, Layer, Schema } from "effect"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import {
  candidatGroupe,
  candidatLieu,
  Donnees,
  fiche,
  type Groupe,
  type Index,
  indexer,
  type Lieu,
  type Nom,
  nomCandidat,
  prochesGroupes,
  prochesLieux
} from "./internal/indexGeographie.ts"
import { cle, cleCourte, sansArticle } from "./Noms.ts"

export { CommuneDonnee, Donnees, GroupementDonnee } from "./internal/indexGeographie.ts"

const estDepartement = Schema.is(Territoire.CodeDepartement)

const VILLES_A_ARRONDISSEMENTS: Partial<Record<string, string>> = { "75": "paris", "69": "lyon", "13": "marseille" }

type Erreur = Geographie.TerritoireIntrouvable | Geographie.TerritoireAmbigu | Geographie.HorsDepartement

const seulement = (departement: Territoire.CodeDepartement | undefined) =>
  departement === undefined ? {} : { departement }

const dansDepartement = (
  reference: string,
  departement: Territoire.CodeDepartement | undefined,
  trouve: Geographie.Candidat
): Effect.Effect<void, Geographie.HorsDepartement> =>
  departement === undefined || trouve.departements.includes(departement)
    ? Effect.void
    : Effect.fail(new Geographie.HorsDepartement({ reference, departement, trouve }))

const parCode = (
  index: Index,
  reference: string,
  code: string,
  departement: Territoire.CodeDepartement | undefined
): Effect.Effect<Geographie.CommuneResolue, Erreur> => {
  const actuel = index.lieux.get(code)
  const ancien = actuel === undefined ? index.anciens.get(code) : undefined
  const lieu = actuel ?? ancien?.lieu ?? (/^[0-9]{9}$/.test(code) ? index.sirens.get(code) : undefined)
  if (lieu === undefined) {
    return Effect.fail(
      new Geographie.TerritoireIntrouvable({
        reference,
        recherche: "commune",
        ...seulement(departement),
        candidats: []
      })
    )
  }
  const resolue: Geographie.CommuneResolue = actuel !== undefined
    ? { fiche: fiche(index, lieu), correspondance: "code" }
    : ancien !== undefined
    ? {
      fiche: fiche(index, lieu),
      correspondance: "ancien-code",
      note: `${code}${ancien.nom === undefined ? "" : ` (${ancien.nom})`} is an old code of ${lieu.territoire.code} ` +
        `(${lieu.nom})`
    }
    : {
      fiche: fiche(index, lieu),
      correspondance: "siren",
      note: `SIREN ${code} is ${lieu.nom} (${lieu.territoire.code})`
    }
  return Effect.as(dansDepartement(reference, departement, candidatLieu(lieu, 0)), resolue)
}

const dedoublonner = (noms: ReadonlyArray<Nom>): Array<Nom> => {
  const parLieu = new Map<string, Nom>()
  for (const n of noms) {
    const deja = parLieu.get(n.lieu.territoire.code)
    if (deja === undefined || (deja.via !== "nom" && n.via === "nom")) parLieu.set(n.lieu.territoire.code, n)
  }
  return [...parLieu.values()].sort((a, b) =>
    a.lieu.departement < b.lieu.departement ? -1 : a.lieu.departement > b.lieu.departement ?
      1 :
      a.lieu.territoire.code < b.lieu.territoire.code
      ? -1
      : 1
  )
}

const parNom = (
  index: Index,
  reference: string,
  nom: string,
  departement: Territoire.CodeDepartement | undefined
): Effect.Effect<Geographie.CommuneResolue, Erreur> => {
  const k = cle(nom)
  const ici = (noms: ReadonlyArray<Nom> | undefined): Array<Nom> =>
    dedoublonner((noms ?? []).filter((n) => departement === undefined || n.lieu.departement === departement))
  const ville = departement === undefined ? undefined : VILLES_A_ARRONDISSEMENTS[departement]
  let trouves = ici(index.noms.get(k))
  if (trouves.length === 0 && ville !== undefined && /^[0-9]{1,2}$/.test(k)) {
    trouves = ici(index.noms.get(`${ville} ${k}`))
  }
  let sansArticleOfficiel = false
  if (trouves.length === 0) {
    const ks = sansArticle(k) ?? k
    trouves = ici([...(index.noms.get(ks) ?? []), ...(index.nomsSansArticle.get(ks) ?? [])])
    sansArticleOfficiel = true
  }
  const [seul, ...autres] = trouves
  if (seul !== undefined && autres.length === 0) {
    const correspondance = seul.via !== "nom" ? seul.via : sansArticleOfficiel ? "nom-sans-article" : "nom"
    const note = seul.via !== "nom"
      ? `${seul.nom} is a commune ${seul.via === "commune-deleguee" ? "déléguée" : "associée"} of ` +
        `${seul.lieu.territoire.code} (${seul.lieu.nom})`
      : sansArticleOfficiel
      ? `the official name is ${seul.lieu.nom}`
      : undefined
    return Effect.succeed({ fiche: fiche(index, seul.lieu), correspondance, ...(note === undefined ? {} : { note }) })
  }
  if (seul !== undefined) {
    return Effect.fail(
      new Geographie.TerritoireAmbigu({
        reference,
        recherche: "commune",
        ...seulement(departement),
        candidats: trouves.map((n) => candidatLieu(n.lieu, 0, nomCandidat(n)))
      })
    )
  }
  const proches = departement === undefined ? [] : prochesLieux(k, index.nomsParDepartement.get(departement) ?? [])
  return Effect.fail(
    new Geographie.TerritoireIntrouvable({
      reference,
      recherche: "commune",
      ...seulement(departement),
      candidats: proches.length > 0 || k === "" ? proches : prochesLieux(k, index.tousNoms)
    })
  )
}

const resoudreCommune = (
  index: Index,
  reference: string,
  departement: Territoire.CodeDepartement | undefined
): Effect.Effect<Geographie.CommuneResolue, Erreur> => {
  const ref = reference.trim()
  if (/^([0-9][0-9AB][0-9]{3}|[0-9]{9})$/i.test(ref)) return parCode(index, reference, ref.toUpperCase(), departement)
  // "Saint-Denis (93)": the département printed after the name.
  const imprime = /^(.*\S)\s*\(\s*([0-9][0-9AB]|97[0-9])\s*\)$/i.exec(ref)
  const codeImprime = imprime?.[2]?.toUpperCase()
  if (imprime === null || imprime[1] === undefined || codeImprime === undefined || !estDepartement(codeImprime)) {
    return parNom(index, reference, ref, departement)
  }
  return Effect.tap(
    parNom(index, reference, imprime[1], codeImprime),
    (r) =>
      dansDepartement(reference, departement, {
        code: r.fiche.territoire.code,
        nom: r.fiche.nom,
        nature: r.fiche.territoire.niveau,
        departements: [r.fiche.departement],
        distance: 0
      })
  )
}

const resoudreGroupement = (
  index: Index,
  reference: string,
  departement: Territoire.CodeDepartement | undefined
): Effect.Effect<Geographie.GroupementResolu, Erreur> => {
  const ref = reference.trim()
  if (/^[0-9]{9}$/.test(ref)) {
    const g = index.groupes.get(ref)
    return g === undefined
      ? Effect.fail(
        new Geographie.TerritoireIntrouvable({
          reference,
          recherche: "groupement",
          ...seulement(departement),
          candidats: []
        })
      )
      : Effect.as(dansDepartement(reference, departement, candidatGroupe(g, 0)), {
        fiche: g.fiche,
        correspondance: "code" as const
      })
  }
  const ici = (groupes: ReadonlyArray<Groupe> | undefined): ReadonlyArray<Groupe> =>
    (groupes ?? []).filter((g) => departement === undefined || g.fiche.departements.includes(departement))
  const kc = cleCourte(ref)
  const exacts = ici(index.groupesParCle.get(cle(ref)))
  const trouves = exacts.length > 0 ? exacts : ici(index.groupesParCleCourte.get(kc))
  const [seul, ...autres] = trouves
  if (seul !== undefined && autres.length === 0) {
    return Effect.succeed({
      fiche: seul.fiche,
      correspondance: "nom",
      ...(exacts.length > 0 ? {} : { note: `the official name is ${seul.fiche.nom}` })
    })
  }
  if (seul !== undefined) {
    return Effect.fail(
      new Geographie.TerritoireAmbigu({
        reference,
        recherche: "groupement",
        ...seulement(departement),
        candidats: trouves.map((g) => candidatGroupe(g, 0))
      })
    )
  }
  const proches = prochesGroupes(kc, ici([...index.groupes.values()]))
  return Effect.fail(
    new Geographie.TerritoireIntrouvable({
      reference,
      recherche: "groupement",
      ...seulement(departement),
      candidats: proches.length > 0 || departement === undefined ? proches : prochesGroupes(kc, index.groupes.values())
    })
  )
}

/** The service over an index built (once, on first use) by the effect given. */
const service = (index: Effect.Effect<Index>): Geographie.Geographie["Service"] =>
  Geographie.Geographie.of({
    commune: Effect.fn("Geographie.commune")(function*(reference: string, recherche?: Geographie.Recherche) {
      return yield* resoudreCommune(yield* index, reference, recherche?.departement)
    }),
    groupement: Effect.fn("Geographie.groupement")(function*(reference: string, recherche?: Geographie.Recherche) {
      return yield* resoudreGroupement(yield* index, reference, recherche?.departement)
    }),
    communes: (departement) =>
      Effect.map(index, (i) => (i.communesParDepartement.get(departement) ?? []).map((l: Lieu) => fiche(i, l)))
  })

/** Reads the three files of the installed `@etalab/decoupage-administratif` (a broken install is a defect). */
export const lireDonneesOfficielles: Effect.Effect<Donnees> = Effect.suspend(() => {
  const require = createRequire(import.meta.url)
  const lire = (fichier: string): unknown =>
    JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${fichier}.json`), "utf8"))
  return Effect.orDie(
    Schema.decodeUnknownEffect(Donnees)({ communes: lire("communes"), epci: lire("epci"), ept: lire("ept") })
  )
}).pipe(Effect.withSpan("Geographie.lireDonneesOfficielles"))

/** The service over data in the shape of `@etalab/decoupage-administratif` (another millésime, or a small test set). */
export const layerDepuis = (donnees: Effect.Effect<Donnees>): Layer.Layer<Geographie.Geographie> =>
  Layer.effect(
    Geographie.Geographie,
    Effect.map(Effect.cached(Effect.map(donnees, indexer)), service)
  )

/** The service over the installed `@etalab/decoupage-administratif`, read and indexed at the first lookup. */
export const layer: Layer.Layer<Geographie.Geographie> = layerDepuis(lireDonneesOfficielles)
