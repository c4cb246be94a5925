// Writes examples/plans/*.yaml from the domain fixtures (packages/domain/src/testing), so that the example plan files
// and the fixtures say the same schémas. Local references are recovered from the fixture's own string literals (the
// keys it derives its ids from). Run: pnpm --filter @sdsf/import exemples
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { stringify } from "yaml"
import type { Commandes, Indicateur, Temps } from "@sdsf/domain"
import { Geographie, IdGenerator, Territoire } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"
import { HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { FichierPlan } from "@sdsf/import"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

type Json = Record<string, unknown>

const ecrire = (
  fichier: string,
  source: string,
  entete: string,
  commandes: ReadonlyArray<Commandes.Commande>,
  personnes: ReadonlyArray<{ readonly sujet: string } & Json>,
  noms: ReadonlyMap<string, string>,
  connues: ReadonlyArray<Readonly<Record<string, string>>>
) => {
  const [lancement] = commandes
  if (lancement?._tag !== "LancerElaboration") throw new Error("a fixture starts with LancerElaboration")
  const periode = `${lancement.periode.debut}-${lancement.periode.fin}`
  const prefixe = `${lancement.departement}-${periode}`
  // Every string literal of the fixture, and the numbers it builds keys from, as candidate references.
  const texte = readFileSync(join(root, "packages/domain/src/testing", source), "utf8")
  const litteraux = new Set<string>()
  for (const m of texte.matchAll(/"([^"\\\n]{1,60})"/g)) litteraux.add(m[1] as string)
  for (const m of texte.matchAll(/\b(\d{1,4})\b/g)) litteraux.add(m[1] as string)
  for (const m of texte.matchAll(/\b(\d{1,4})\b/g)) litteraux.add(`l${m[1]}`)
  const cles = [...litteraux]
  for (const k of [...litteraux]) for (let i = 1; i <= 12; i++) cles.push(`${k}.p${i}`, `${k}.a${i}`, `gt-axe-${k}`)
  const refs = new Map<string, string>()
  for (
    const genre of [
      "institution",
      "instance",
      "noeud",
      "reunion",
      "concertation",
      "appel",
      "labellisation",
      "valeur",
      "sujet"
    ]
  ) {
    for (const k of cles) refs.set(IdGenerator.deriveId(prefixe, genre, k), k)
  }
  for (const table of connues) {
    for (const [k, id] of Object.entries(table)) if (!refs.has(id)) refs.set(id, k)
  }
  const ref = (id: string): string => {
    const r = refs.get(id)
    if (r === undefined) throw new Error(`${fichier}: no reference for ${id}`)
    return r
  }
  const date = (d: Temps.Datation): unknown => {
    switch (d._tag) {
      case "Jour":
        return d.jour
      case "Mois":
        return `${d.annee}-${String(d.mois).padStart(2, "0")}`
      case "Annee":
        return d.annee
      case "Intervalle":
        return d.libelle === undefined ? `${d.du}/${d.au}` : { du: d.du, au: d.au, libelle: d.libelle }
      case "NonDocumente":
        return d.note === undefined ? "non documenté" : { nonDocumente: d.note }
    }
  }
  const nd = (v: unknown) =>
    typeof v === "object" && v !== null && "_tag" in v
      ? ("note" in v ? { nonDocumente: v.note } : "non documenté")
      : v
  const enregistreLe = commandes.map((c) => c.survenuLe).sort().at(-1) as string
  const sansVide = (o: Json): Json =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)))
  const cadence = (c: unknown) =>
    typeof c === "object" && c !== null && "_tag" in c
      ? (c._tag === "SurBesoin" ? "sur besoin" : nd(c))
      : c
  const territoire = (t: Territoire.Territoire): string =>
    t.niveau === "france"
      ? (t.perimetre === undefined ? "france" : "france:metropolitaine")
      : t.niveau === "commune" || t.niveau === "arrondissement"
      ? `${t.niveau}:${noms.get(t.code) ?? t.code}`
      : `${t.niveau}:${t.code}`
  const mesure = (m: Indicateur.Mesure): unknown => {
    switch (m.nature) {
      case "exacte":
        return m.valeur
      case "approchee":
        return { approchee: m.valeur, qualificatif: m.qualificatif }
      case "intervalle": {
        const { nature: _, ...r } = m
        return r
      }
      case "oui-non":
        return m.valeur
      case "modalite":
        return { modalite: m.valeur }
    }
  }

  const plan: Json = {
    format: FichierPlan.FORMAT,
    departement: lancement.departement,
    periode,
    intitule: lancement.intitule,
    regime: lancement.regime,
    enregistreLe,
    lance: date(lancement.le),
    predecesseurs: lancement.predecesseurs.map((p) =>
      sansVide({
        periode: `${p.periode.debut}-${p.periode.fin}`,
        nature: p.nature,
        departement: p.departement === lancement.departement ? undefined : p.departement,
        intitule: p.intitule
      })
    )
  }
  const institutions: Array<Json> = []
  const indicateurs: Array<Json> = []
  const instances = new Map<string, Json>()
  const noeuds = new Map<string, Json>()
  const racines: Array<Json> = []
  const chronologie: Array<Json> = []
  const valeurs: Array<Json> = []
  const valeursRefs = new Map<string, string>()
  const valeur = (v: Indicateur.ValeurIndicateur, survenuLe: string): Json => {
    const r = refs.get(v.valeurId)
    if (r !== undefined) valeursRefs.set(v.valeurId, r)
    return sansVide({
      ref: r,
      indicateur: v.indicateur,
      territoire: territoire(v.territoire),
      periode: "_tag" in v.periode
        ? nd(v.periode)
        : "annee" in v.periode
        ? v.periode.annee
        : `${v.periode.du}/${v.periode.au}`,
      ventilation: v.ventilation,
      valeur: mesure(v.mesure),
      unite: indicateurs.find((d) => d["code"] === v.indicateur)?.["unite"] === v.unite ? undefined : v.unite,
      source: nd(v.source),
      methode: v.methode,
      enregistreLe: v.enregistreLe === survenuLe ? undefined : v.enregistreLe,
      remplace: v.retraitement === undefined
        ? undefined
        : { ref: valeursRefs.get(v.retraitement.remplace), motif: v.retraitement.motif }
    })
  }
  const etape = (type: string, c: Json, champs: Json) =>
    chronologie.push(
      sansVide({ type, ...champs, enregistreLe: c["survenuLe"] === enregistreLe ? undefined : c["survenuLe"] })
    )
  for (const c of commandes.slice(1)) {
    switch (c._tag) {
      case "EnregistrerInstitution":
        institutions.push({
          ref: ref(c.institution.institutionId),
          nom: c.institution.nom,
          nature: c.institution.nature
        })
        break
      case "DefinirIndicateur":
        indicateurs.push(c.definition as unknown as Json)
        break
      case "CreerInstance": {
        const i = c.instance
        instances.set(
          i.instanceId,
          sansVide({
            ref: ref(i.instanceId),
            nature: i.nature,
            nom: i.nom,
            cadence: cadence(i.cadence),
            statut: i.statut,
            duree: i.duree,
            themes: i.themes,
            missions: i.missions
          })
        )
        break
      }
      case "DefinirCompositionInstance": {
        const i = instances.get(c.instanceId) as Json
        const composition = sansVide({
          membres: c.membres.map((m) =>
            sansVide({ institution: ref(m.institutionId), role: m.role, personne: m.sujet && ref(m.sujet) })
          ),
          effectif: c.effectif
        })
        const deja = i["composition"]
        i["composition"] = deja === undefined ? composition : [...(Array.isArray(deja) ? deja : [deja]), composition]
        break
      }
      case "AjouterNoeudPlan": {
        const n = c.noeud
        const d = n.details
        const pilotable = n.nature === "action" || n.nature === "fiche"
        const noeud = sansVide({
          ref: ref(n.noeudId),
          nature: n.nature,
          code: n.code,
          titre: n.titre,
          themes: pilotable ? d?.themes : n.themes,
          descriptif: d?.descriptif,
          pilotes: d?.pilotes.map((
            p
          ) => (p.direction === undefined
            ? ref(p.institutionId)
            : { institution: ref(p.institutionId), direction: p.direction })
          ),
          acteurs: d?.acteurs,
          calendrier: d?.calendrier === undefined
            ? undefined
            : /^\d{4}$/.test(d.calendrier.libelle) || /et suivantes/.test(d.calendrier.libelle) ||
                (d.calendrier.fin === d.calendrier.debut && /\d{4}/.test(d.calendrier.libelle))
            ? d.calendrier.libelle
            : d.calendrier,
          indicateurs: d?.indicateurs,
          codesIndicateurs: d?.codesIndicateurs,
          priorites: d?.priorites,
          actionsCles: d?.actionsCles,
          instances: d?.instances.map(ref)
        })
        noeuds.set(n.noeudId, noeud)
        if (n.parentId === undefined) racines.push(noeud)
        else {
          const parent = noeuds.get(n.parentId) as Json
          parent["enfants"] = [...((parent["enfants"] as Array<Json> | undefined) ?? []), noeud]
        }
        break
      }
      case "EnregistrerValeurIndicateur": {
        const derniere = chronologie.at(-1)
        const v = valeur(c.valeur, derniere?.["enregistreLe"] as string | undefined ?? enregistreLe)
        if (derniere?.["type"] === "valeurs" && (derniere["enregistreLe"] ?? enregistreLe) === c.survenuLe) {
          ;(derniere["valeurs"] as Array<Json>).push(v)
        } else if (chronologie.length === 0) valeurs.push(v)
        else etape("valeurs", c as unknown as Json, { valeurs: [v] })
        break
      }
      case "TenirConcertation":
        etape("concertation", c as unknown as Json, {
          ref: ref(c.concertationId),
          forme: c.forme,
          intitule: c.intitule,
          le: date(c.le),
          themes: c.themes,
          participants: c.participants
        })
        break
      case "TenirReunion":
        etape("reunion", c as unknown as Json, {
          ref: ref(c.reunionId),
          instance: ref(c.instanceId),
          le: date(c.le),
          ordreDuJour: c.ordreDuJour,
          decisions: c.decisions,
          participants: c.participants
        })
        break
      case "AdopterSchema":
        etape("adoption", c as unknown as Json, {
          instance: ref(c.instanceId),
          objet: c.objet,
          le: date(c.le),
          vote: "_tag" in c.vote ? nd(c.vote) : Object.keys(c.vote).length === 1 ? c.vote.mode : c.vote
        })
        break
      case "SignerSchema":
        etape("signature", c as unknown as Json, {
          institution: ref(c.institutionId),
          signataires: c.signataires.map((s) =>
            sansVide({ personne: s.sujet && ref(s.sujet), fonction: s.fonction, parDelegationDe: s.parDelegationDe })
          ),
          lieu: c.lieu,
          le: date(c.le)
        })
        break
      case "DemarrerMiseEnOeuvre":
        etape("mise-en-oeuvre", c as unknown as Json, { le: date(c.le) })
        break
      case "ArreterFeuilleDeRoute":
        etape("feuille-de-route", c as unknown as Json, {
          annee: c.annee,
          theme: c.theme,
          instance: c.instanceId && ref(c.instanceId),
          le: date(c.le),
          elements: c.elements,
          noeuds: c.noeuds.map(ref)
        })
        break
      case "ArreterPrioritesAnnuelles":
        etape("priorites-annuelles", c as unknown as Json, {
          annee: c.annee,
          instance: ref(c.instanceId),
          le: date(c.le),
          priorites: c.priorites.map((p) => sansVide({ libelle: p.libelle, theme: p.theme, noeuds: p.noeuds.map(ref) }))
        })
        break
      case "LancerAppelAProjets":
        etape("appel-a-projets", c as unknown as Json, {
          ref: ref(c.appelId),
          intitule: c.intitule,
          le: date(c.le),
          themes: c.themes,
          noeuds: c.noeuds.map(ref),
          partenaires: c.partenaires.map(ref)
        })
        break
      case "CloreAppelAProjets":
        etape("cloture-appel-a-projets", c as unknown as Json, {
          appel: ref(c.appelId),
          le: c.le,
          recues: c.recues,
          retenues: c.retenues
        })
        break
      case "SignalerAvancementAction":
        etape("avancement", c as unknown as Json, {
          noeud: ref(c.noeudId),
          le: date(c.le),
          etat: c.etat,
          commentaire: c.commentaire
        })
        break
      case "PresenterBilanAnnuel":
        etape("bilan-annuel", c as unknown as Json, {
          annee: c.annee,
          instance: ref(c.instanceId),
          le: c.le,
          realisations: c.realisations
        })
        break
      case "LancerBilanEvaluatif":
        etape("bilan-evaluatif", c as unknown as Json, {
          instance: ref(c.instanceId),
          le: c.le,
          etapesPrevues: c.etapesPrevues
        })
        break
      case "ConduireEvaluationPrecedent":
        etape("evaluation-precedent", c as unknown as Json, { le: date(c.le), constats: c.constats })
        break
      case "RealiserDiagnostic":
        etape("diagnostic", c as unknown as Json, { le: date(c.le), synthese: c.synthese, indicateurs: c.indicateurs })
        break
      default:
        throw new Error(`${fichier}: the generator does not write ${c._tag} yet`)
    }
  }
  const personnesFichier = personnes.map(({ sujet, ...p }) => ({ ref: ref(sujet), ...p }))
  const sortie = sansVide({
    ...plan,
    institutions,
    personnes: personnesFichier,
    indicateurs,
    instances: [...instances.values()],
    plan: racines,
    chronologie,
    valeurs
  })
  const yaml = stringify(sortie, { lineWidth: 118, minContentWidth: 40 })
  writeFileSync(join(root, "examples/plans", fichier), `${entete}\n${yaml}`)
  console.log(`examples/plans/${fichier}: ${commandes.length} commands`)
}

const noms = await Effect.runPromise(
  Effect.gen(function*() {
    const g = yield* Geographie.Geographie
    const out = new Map<string, string>()
    for (const dep of ["92", "93", "75"]) {
      for (const f of yield* g.communes(Territoire.CodeDepartement.make(dep))) {
        const r = yield* Effect.result(g.commune(f.nom, { departement: f.departement }))
        if (r._tag === "Success" && r.success.fiche.territoire.code === f.territoire.code) {
          out.set(f.territoire.code, f.nom)
        }
      }
    }
    return out
  }).pipe(Effect.provide(DecoupageAdministratif.layer))
)

const entete = (titre: string, seeds: string) =>
  `# ${titre}\n# Transcribed from ${seeds} (see /work/shared/seeds); the same schéma as the domain fixture\n` +
  `# packages/domain/src/testing. Format: packages/import/README.md; JSON Schema: packages/import/schema/plan.schema.json.\n`

ecrire(
  "hauts-de-seine.yaml",
  "HautsDeSeine.ts",
  entete("Hauts-de-Seine, SDSF 2022-2026", "seeds 000 and 001"),
  HautsDeSeine.commandes(),
  [],
  noms,
  [HautsDeSeine.noeuds, HautsDeSeine.institutions, HautsDeSeine.instances, HautsDeSeine.reunions]
)
ecrire(
  "seine-saint-denis.yaml",
  "SeineSaintDenis.ts",
  entete("Seine-Saint-Denis, SDSF 2024-2026", "seed 002"),
  SeineSaintDenis.commandes(),
  [],
  noms,
  [SeineSaintDenis.noeuds, SeineSaintDenis.institutions, SeineSaintDenis.instances, SeineSaintDenis.reunions]
)
ecrire(
  "paris.yaml",
  "Paris.ts",
  entete("Paris, SPSF 2021-2026", "seed 004"),
  Paris.commandes(),
  Paris.personnes as ReadonlyArray<{ readonly sujet: string } & Json>,
  noms,
  [Paris.noeuds, Paris.institutions, Paris.instances]
)
