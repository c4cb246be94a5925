/**
 * Importing a plan file: parsed (YAML or JSON, with positions), checked against the format, turned into the domain's
 * commands (uuids derived from the local references), and handed to the command handler as one batch, so every rule
 * of the domain applies and the import is all or nothing. People go to the personal-data store after the events.
 *
 * @example
 * ```ts
 * const fichier = { nom: "92.yaml", contenu: readFileSync("examples/plans/hauts-de-seine.yaml") }
 * const fait = yield* PlanImport.importer(fichier) // FichierInvalide names file, line, field, expected, received
 * ```
 */
import { DateTime, Effect, Result, Schema } from "effect"
import type { SchemaIssue } from "effect"
import {
  Catalogue,
  CommandHandler,
  Commandes as C,
  EventStore,
  Geographie,
  IdGenerator,
  Personne,
  SchemaDepartemental
} from "@sdsf/domain"
import type {
  Erreurs,
  Evenements,
  Gouvernance,
  Indicateur,
  Institution,
  Periode,
  Plan,
  Temps,
  Territoire
} from "@sdsf/domain"
import { Temps as T, Territoire as Terr } from "@sdsf/domain"
import { FichierInvalide, formatValeur } from "./FichierInvalide.ts"
import type { Probleme } from "./FichierInvalide.ts"
import * as F from "./FichierPlan.ts"
import { formatChemin, parser, valeurA } from "./Source.ts"
import type { Document, Fichier } from "./Source.ts"

type Chemin = ReadonlyArray<PropertyKey>

/** A plan file turned into commands: what `valider` checks and `importer` writes. */
export interface PlanCompile {
  readonly schemaId: Evenements.SchemaId
  readonly streamName: EventStore.StreamName
  readonly commandes: ReadonlyArray<C.Commande>
  /** For each command, the place in the file it comes from (`chronologie[4]`). */
  readonly origines: ReadonlyArray<Chemin>
  readonly personnes: ReadonlyArray<Personne.DonneesPersonnelles>
}

/** What an import or a validation did: the schéma, its events, the domain's warnings, the people stored. */
export interface Resultat {
  readonly schemaId: Evenements.SchemaId
  readonly evenements: number
  readonly avertissements: ReadonlyArray<Erreurs.Avertissement>
  readonly personnes: number
}

// ---------------------------------------------------------------------------------------------------------------
// Schema issues → problems with paths

interface ProblemeBrut {
  readonly chemin: Chemin
  readonly attendu: string
  readonly recu: string
}

const raisonFeuille = (issue: SchemaIssue.Issue): string => {
  switch (issue._tag) {
    case "MissingKey":
      return "a value (this field is required)"
    case "UnexpectedKey":
      return "no such field"
    case "InvalidValue": {
      const m = issue.annotations?.["message"]
      return typeof m === "string" ? m : "a valid value"
    }
    case "InvalidType": {
      const e = issue.ast.annotations?.["expected"] ?? issue.ast.annotations?.["identifier"]
      const m = issue.ast.annotations?.["message"]
      if (typeof m === "string") return m
      if (typeof e === "string") return e
      const ast = issue.ast
      if (ast._tag === "Literal") return `the value ${JSON.stringify(ast.literal)}`
      return ast._tag === "Objects" ? "an object" : ast._tag === "Arrays" ? "a list" : `a ${ast._tag.toLowerCase()}`
    }
    default:
      return issue._tag
  }
}

const collecter = (
  issue: SchemaIssue.Issue,
  chemin: Chemin,
  input: unknown,
  out: Array<ProblemeBrut>,
  raison?: string
): void => {
  switch (issue._tag) {
    case "Pointer":
      return collecter(issue.issue, [...chemin, ...issue.path], input, out, raison)
    case "Encoding":
      return collecter(issue.issue, chemin, input, out, raison)
    case "Filter": {
      const m = issue.filter.annotations?.["message"]
      const e = issue.filter.annotations?.["expected"]
      const inner = issue.issue
      const own = typeof m === "string"
        ? m
        : typeof e === "string"
        ? e
        : inner._tag === "InvalidValue" && typeof inner.annotations?.["message"] === "string"
        ? inner.annotations["message"]
        : undefined
      return collecter(inner, chemin, input, out, raison ?? own)
    }
    case "Composite":
      for (const i of issue.issues) collecter(i, chemin, input, out, raison)
      return
    case "AnyOf": {
      const v = valeurA(input, chemin)
      const type = typeof v === "object" && v !== null && "type" in v
        ? (v as { readonly type: unknown }).type
        : undefined
      if (issue.issues.length > 0 && !(typeof type === "string" && !F.typesEtapes.includes(type as F.Etape["type"]))) {
        // Several forms were tried: report the problems of the form that got furthest (fewest problems).
        const essais = issue.issues.map((i) => {
          const o: Array<ProblemeBrut> = []
          collecter(i, chemin, input, o, raison)
          return o
        })
        const plusProche = essais.reduce((a, b) => (b.length < a.length ? b : a))
        if (essais.length === 1 || plusProche.every((p) => p.chemin.length > chemin.length)) {
          out.push(...plusProche)
          return
        }
      }
      const attendu = raison ?? (typeof type === "string"
        ? `a step type: ${F.typesEtapes.join(", ")}${proches(type, F.typesEtapes)}`
        : "one of the allowed forms (see the format's JSON Schema)")
      const surType = typeof type === "string"
      out.push({ chemin: surType ? [...chemin, "type"] : chemin, attendu, recu: formatValeur(surType ? type : v) })
      return
    }
    default:
      out.push({ chemin, attendu: raison ?? raisonFeuille(issue), recu: formatValeur(valeurA(input, chemin)) })
  }
}

const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) (d[0] as Array<number>)[j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as Array<number>
      const prev = d[i - 1] as Array<number>
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
  }
  return (d[a.length] as Array<number>)[b.length] as number
}

const article = (mot: string): string => (/^[aeiou]/.test(mot) ? "an" : "a")

/** `; closest: x, y` when some known names are within a third of the name's length. */
const proches = (nom: string, connus: Iterable<string>): string => {
  const seuil = Math.max(2, Math.floor(nom.length / 3))
  const p = [...connus].map((c) => [c, distance(nom.toLowerCase(), c.toLowerCase())] as const)
    .filter(([, d]) => d <= seuil).sort((a, b) => a[1] - b[1]).slice(0, 3).map(([c]) => c)
  return p.length === 0 ? "" : `; closest: ${p.join(", ")}`
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const aLaPosition = (doc: Document, ps: ReadonlyArray<ProblemeBrut>): FichierInvalide => {
  const problemes: Array<Probleme> = ps.map((p) => ({
    ...doc.position(p.chemin),
    chemin: formatChemin(p.chemin),
    attendu: p.attendu,
    recu: p.recu
  }))
  problemes.sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0) || (a.colonne ?? 0) - (b.colonne ?? 0))
  return new FichierInvalide({ fichier: doc.fichier, problemes })
}

const decoderFichier = Schema.decodeUnknownResult(F.FichierPlan)

/** Parses and checks a plan file against the format: the document (with positions) and the plan, or every problem. */
export const lire = (
  fichier: Fichier
): Result.Result<{ readonly document: Document; readonly plan: F.FichierPlan }, FichierInvalide> => {
  const parsed = parser(fichier)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
  const document = parsed.success
  const v = document.valeur
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    const attendu = `a plan file: an object with format: ${F.FORMAT}`
    return Result.fail(aLaPosition(document, [{ chemin: [], attendu, recu: formatValeur(v) }]))
  }
  const format = (v as { readonly format?: unknown }).format
  if (format !== F.FORMAT) {
    return Result.fail(aLaPosition(document, [{
      chemin: ["format"],
      attendu: `the format tag ${F.FORMAT}${
        typeof format === "string" && format.startsWith("sdsf-plan/") ? " (this version reads only that one)" : ""
      }`,
      recu: formatValeur(format)
    }]))
  }
  const decoded = decoderFichier(v, { errors: "all", onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const out: Array<ProblemeBrut> = []
    collecter(decoded.failure.issue, [], v, out)
    return Result.fail(
      aLaPosition(document, out.length > 0 ? out : [{ chemin: [], attendu: "a plan file", recu: "invalid" }])
    )
  }
  return Result.succeed({ document, plan: decoded.success })
}

// ---------------------------------------------------------------------------------------------------------------
// Compiling

const verifie = <S extends Schema.Top>(schema: S) => {
  const d = Schema.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>)
  return (u: unknown): S["Type"] | undefined => {
    const r = d(u)
    return Result.isSuccess(r) ? r.success : undefined
  }
}
const enJour = verifie(T.Jour)
const enInstant = verifie(T.Instant)
const enAnnee = verifie(T.Annee)
const enDatation = verifie(T.Datation)

/** Compiles a checked plan into commands; `maintenant` is the default recording instant. */
const compilerPlan = Effect.fnUntraced(function*(
  document: Document,
  plan: F.FichierPlan,
  maintenant: Temps.Instant
) {
  const geo = yield* Geographie.Geographie
  const problemes: Array<ProblemeBrut> = []
  const pb = (chemin: Chemin, attendu: string, recu?: unknown) =>
    problemes.push({
      chemin,
      attendu,
      recu: formatValeur(recu === undefined ? valeurA(document.valeur, chemin) : recu)
    })

  const prefixe = `${plan.departement}-${plan.periode}`
  const id = (...parts: ReadonlyArray<string>) => IdGenerator.deriveId(prefixe, ...parts)
  const schemaId = IdGenerator.deriveId("schema", plan.departement, plan.periode) as Evenements.SchemaId

  const periode = (texte: string, chemin: Chemin): Periode.Periode | undefined => {
    const [a, b] = texte.split("-").map(Number)
    const debut = enAnnee(a)
    const fin = enAnnee(b)
    if (debut === undefined || fin === undefined || debut > fin) {
      pb(chemin, "a period YYYY-YYYY of years 1900-2100, the first not after the last")
      return undefined
    }
    return { debut, fin }
  }
  const instant = (texte: string | undefined, chemin: Chemin, defaut: Temps.Instant): Temps.Instant => {
    if (texte === undefined) return defaut
    const i = enInstant(texte)
    if (i === undefined) pb(chemin, "an instant YYYY-MM-DDTHH:mm:ss.sssZ (UTC)")
    return i ?? defaut
  }
  const jour = (texte: string, chemin: Chemin): Temps.Jour => {
    const j = enJour(texte)
    if (j === undefined) pb(chemin, "a calendar day YYYY-MM-DD")
    return j ?? ("1900-01-01" as Temps.Jour)
  }
  const annee = (n: number, chemin: Chemin): Temps.Annee => {
    const a = enAnnee(n)
    if (a === undefined) pb(chemin, "a year 1900-2100")
    return a ?? (1900 as Temps.Annee)
  }
  const nonDocumente = (
    note: string
  ): Temps.NonDocumente => (note === "" ? { _tag: "NonDocumente" } : { _tag: "NonDocumente", note })
  const datation = (d: typeof F.Datation.Type, chemin: Chemin): Temps.Datation => {
    const faux: Temps.Datation = { _tag: "NonDocumente" }
    let candidat: unknown
    if (typeof d === "number") candidat = { _tag: "Annee", annee: d }
    else if (typeof d === "object") {
      candidat = "nonDocumente" in d ? nonDocumente(d.nonDocumente) : { _tag: "Intervalle", ...d }
    } else if (d.startsWith("non documenté")) candidat = { _tag: "NonDocumente" }
    else if (d.includes("/")) {
      const [du, au] = d.split("/")
      candidat = { _tag: "Intervalle", du, au }
    } else if (d.length === 4) candidat = { _tag: "Annee", annee: Number(d) }
    else if (d.length === 7) candidat = { _tag: "Mois", annee: Number(d.slice(0, 4)), mois: Number(d.slice(5, 7)) }
    else candidat = { _tag: "Jour", jour: d }
    const r = enDatation(candidat)
    if (r === undefined) {
      pb(
        chemin,
        "a real date: a calendar day, a month 01-12, a year 1900-2100, a range whose end is not before its start"
      )
      return faux
    }
    return r
  }

  // References: each kind its own table, duplicates refused.
  const tables = new Map<string, Map<string, Chemin>>()
  const declarer = (genre: string, ref: string, chemin: Chemin) => {
    let t = tables.get(genre)
    if (t === undefined) tables.set(genre, t = new Map())
    if (t.has(ref)) {
      const deja = formatChemin(t.get(ref) ?? [])
      pb(chemin, `${article(genre)} ${genre} reference not used before (already declared at ${deja})`)
    } else t.set(ref, chemin)
  }
  const resoudre = (genre: string, ref: string, chemin: Chemin): string => {
    const t = tables.get(genre)
    if (t === undefined || !t.has(ref)) {
      const connus = [...(t?.keys() ?? [])]
      const aide = connus.length === 0 ? ` (none is)` : proches(ref, connus)
      pb(chemin, `${article(genre)} ${genre} declared in this file${aide}`, ref)
    }
    return id(genre === "personne" ? "sujet" : genre, ref)
  }

  for (const [i, x] of (plan.institutions ?? []).entries()) declarer("institution", x.ref, ["institutions", i, "ref"])
  for (const [i, x] of (plan.personnes ?? []).entries()) declarer("personne", x.ref, ["personnes", i, "ref"])
  for (const [i, x] of (plan.instances ?? []).entries()) declarer("instance", x.ref, ["instances", i, "ref"])
  const visiter = (noeuds: ReadonlyArray<F.NoeudFichier>, chemin: Chemin) => {
    for (const [i, n] of noeuds.entries()) {
      declarer("noeud", n.ref, [...chemin, i, "ref"])
      visiter(n.enfants ?? [], [...chemin, i, "enfants"])
    }
  }
  visiter(plan.plan ?? [], ["plan"])
  const codesIndicateurs = new Map<string, Indicateur.DefinitionIndicateur>()
  for (const [i, d] of (plan.indicateurs ?? []).entries()) {
    if (codesIndicateurs.has(d.code)) pb(["indicateurs", i, "code"], "an indicator code not defined before")
    codesIndicateurs.set(d.code, d)
  }
  for (const [i, e] of (plan.chronologie ?? []).entries()) {
    if ("ref" in e && e.ref !== undefined) {
      const genre = e.type === "concertation"
        ? "concertation"
        : e.type === "reunion"
        ? "reunion"
        : e.type === "appel-a-projets"
        ? "appel"
        : e.type === "labellisation"
        ? "labellisation"
        : undefined
      if (genre !== undefined) declarer(genre, e.ref, ["chronologie", i, "ref"])
    }
  }

  const institution = (ref: string, chemin: Chemin) => resoudre("institution", ref, chemin) as Institution.InstitutionId
  const instance = (ref: string, chemin: Chemin) => resoudre("instance", ref, chemin) as Gouvernance.InstanceId
  const noeud = (ref: string, chemin: Chemin) => resoudre("noeud", ref, chemin) as Plan.NoeudId
  const sujet = (ref: string, chemin: Chemin) => resoudre("personne", ref, chemin) as Personne.SujetRef
  const noeuds = (refs: ReadonlyArray<string> | undefined, chemin: Chemin) =>
    (refs ?? []).map((r, i) => noeud(r, [...chemin, i]))

  const cadence = (c: typeof F.Cadence.Type, chemin: Chemin): Gouvernance.Convocation => {
    if (c === "sur besoin") return { _tag: "SurBesoin" }
    if (c === "non documenté" || c === "non documentée") return { _tag: "NonDocumente" }
    if ("nonDocumente" in c) return nonDocumente(c.nonDocumente)
    if (c.maxParAn !== undefined && c.maxParAn < c.minParAn) {
      pb([...chemin, "maxParAn"], `at least minParAn (${c.minParAn})`)
    }
    return c
  }
  const membres = (ms: ReadonlyArray<typeof F.Membre.Type>, chemin: Chemin): Array<Gouvernance.Membre> =>
    ms.map((m, i) => ({
      institutionId: institution(m.institution, [...chemin, i, "institution"]),
      role: m.role,
      ...(m.personne === undefined ? {} : { sujet: sujet(m.personne, [...chemin, i, "personne"]) })
    }))

  // Territories: resolved once each, names through the official geography.
  const territoires = new Map<string, Territoire.Territoire | string>()
  const territoire = Effect.fnUntraced(function*(texte: string | undefined, chemin: Chemin) {
    const t = texte ?? `departement:${plan.departement}`
    let r = territoires.get(t)
    if (r === undefined) {
      r = yield* resoudreTerritoire(geo, t, plan.departement)
      territoires.set(t, r)
    }
    if (typeof r === "string") {
      pb(chemin, r, t)
      return { niveau: "departement", code: plan.departement } as Territoire.Territoire
    }
    return r
  })

  const mesure = (m: typeof F.Mesure.Type): Indicateur.Mesure =>
    typeof m === "number"
      ? { nature: "exacte", valeur: m }
      : typeof m === "boolean"
      ? { nature: "oui-non", valeur: m }
      : "approchee" in m
      ? { nature: "approchee", valeur: m.approchee, qualificatif: m.qualificatif }
      : "modalite" in m
      ? { nature: "modalite", valeur: m.modalite }
      : { nature: "intervalle", ...m }

  const valeursDeclarees = new Map<string, Chemin>()
  const valeur = Effect.fnUntraced(function*(v: typeof F.Valeur.Type, chemin: Chemin, enregistreLe: Temps.Instant) {
    const def = codesIndicateurs.get(v.indicateur)
    const unite = v.unite ?? def?.unite
    if (unite === undefined) pb([...chemin, "unite"], "a unit (the indicator is not defined in this file)")
    const terr = yield* territoire(v.territoire, [...chemin, "territoire"])
    let periode: Indicateur.ValeurIndicateur["periode"]
    if (typeof v.periode === "number") periode = { annee: annee(v.periode, [...chemin, "periode"]) }
    else if (typeof v.periode === "object") periode = nonDocumente(v.periode.nonDocumente)
    else {
      const [du, au] = v.periode.split("/")
      if (au === undefined && /^\d{4}$/.test(v.periode)) {
        periode = { annee: annee(Number(v.periode), [...chemin, "periode"]) }
      } else {
        const a = jour(du ?? "", [...chemin, "periode"])
        const b = jour(au ?? "", [...chemin, "periode"])
        if (a > b) pb([...chemin, "periode"], "a range YYYY-MM-DD/YYYY-MM-DD whose end is not before its start")
        periode = { du: a, au: b }
      }
    }
    const cle = `${v.indicateur}|${Terr.cleTerritoire(terr)}|${
      typeof v.periode === "object" ? `nd:${v.periode.nonDocumente}` : String(v.periode)
    }|${Object.entries(v.ventilation ?? {}).sort().map(([k, x]) => `${k}=${x}`).join(";")}`
    const ref = v.ref ?? cle
    if (valeursDeclarees.has(ref)) {
      const quoi = v.ref === undefined ? "key" : "ref"
      const ou = formatChemin(valeursDeclarees.get(ref) ?? [])
      pb(
        v.ref === undefined ? chemin : [...chemin, "ref"],
        `a value not given twice (same ${quoi} as ${ou}; give a ref and 'remplace' to restate it)`,
        ref
      )
    }
    valeursDeclarees.set(ref, chemin)
    if (v.remplace !== undefined && !valeursDeclarees.has(v.remplace.ref)) {
      const refs = [...valeursDeclarees.keys()].filter((k) => !k.includes("|"))
      const attendu = `the ref of a value given earlier in this file${proches(v.remplace.ref, refs)}`
      pb([...chemin, "remplace", "ref"], attendu, v.remplace.ref)
    }
    const donnees = {
      valeurId: id("valeur", ref) as Indicateur.ValeurId,
      indicateur: v.indicateur,
      territoire: terr,
      periode,
      ...(v.ventilation === undefined ? {} : { ventilation: v.ventilation as Indicateur.Ventilation }),
      mesure: mesure(v.valeur),
      unite: unite ?? "nombre",
      source: typeof v.source === "string" ? v.source : nonDocumente(v.source.nonDocumente),
      ...(v.methode === undefined ? {} : { methode: v.methode }),
      enregistreLe: instant(v.enregistreLe, [...chemin, "enregistreLe"], enregistreLe),
      ...(v.remplace === undefined
        ? {}
        : { retraitement: { remplace: id("valeur", v.remplace.ref) as Indicateur.ValeurId, motif: v.remplace.motif } })
    }
    return new C.EnregistrerValeurIndicateur({ schemaId, survenuLe: enregistreLe, valeur: donnees }, {
      disableChecks: true
    })
  })

  const commandes: Array<C.Commande> = []
  const origines: Array<Chemin> = []
  const emettre = (c: C.Commande, chemin: Chemin) => {
    commandes.push(c)
    origines.push(chemin)
  }
  const quand = instant(plan.enregistreLe, ["enregistreLe"], maintenant)
  const base = { schemaId, survenuLe: quand }
  const sans = { disableChecks: true } as const

  // 1. Élaboration
  const per = periode(plan.periode, ["periode"]) ?? { debut: 1900 as Temps.Annee, fin: 1900 as Temps.Annee }
  emettre(
    new C.LancerElaboration({
      ...base,
      departement: plan.departement,
      periode: per,
      intitule: plan.intitule,
      regime: plan.regime,
      predecesseurs: (plan.predecesseurs ?? []).map((p, i) => {
        const dep = p.departement ?? plan.departement
        return {
          schemaId: IdGenerator.deriveId("schema", dep, p.periode) as Evenements.SchemaId,
          departement: dep,
          periode: periode(p.periode, ["predecesseurs", i, "periode"]) ?? per,
          nature: p.nature,
          ...(p.intitule === undefined ? {} : { intitule: p.intitule })
        }
      }),
      le: datation(plan.lance, ["lance"])
    }, sans),
    []
  )
  // 2. Institutions, indicators
  for (const [i, x] of (plan.institutions ?? []).entries()) {
    emettre(
      new C.EnregistrerInstitution({
        ...base,
        institution: {
          institutionId: id("institution", x.ref) as Institution.InstitutionId,
          nom: x.nom,
          nature: x.nature
        }
      }, sans),
      ["institutions", i]
    )
  }
  for (const [i, d] of (plan.indicateurs ?? []).entries()) {
    emettre(new C.DefinirIndicateur({ ...base, definition: d }, sans), ["indicateurs", i])
  }
  // 3. Bodies, their compositions and contacts
  for (const [i, x] of (plan.instances ?? []).entries()) {
    const ch = ["instances", i]
    emettre(
      new C.CreerInstance({
        ...base,
        instance: {
          instanceId: id("instance", x.ref) as Gouvernance.InstanceId,
          nature: x.nature,
          nom: x.nom,
          cadence: cadence(x.cadence, [...ch, "cadence"]),
          ...(x.statut === undefined ? {} : { statut: x.statut }),
          ...(x.duree === undefined ? {} : { duree: x.duree }),
          themes: x.themes ?? [],
          missions: x.missions ?? []
        }
      }, sans),
      ch
    )
  }
  for (const [i, x] of (plan.instances ?? []).entries()) {
    const instanceId = id("instance", x.ref) as Gouvernance.InstanceId
    const compositions = x.composition === undefined
      ? []
      : Array.isArray(x.composition)
      ? x.composition
      : [x.composition]
    for (const [k, c] of compositions.entries()) {
      const ch = Array.isArray(x.composition) ? ["instances", i, "composition", k] : ["instances", i, "composition"]
      emettre(
        new C.DefinirCompositionInstance({
          ...base,
          instanceId,
          membres: membres(c.membres, [...ch, "membres"]),
          ...(c.effectif === undefined ? {} : { effectif: c.effectif })
        }, sans),
        ch
      )
    }
    for (const [k, c] of (x.contacts ?? []).entries()) {
      const ch = ["instances", i, "contacts", k]
      emettre(
        new C.DesignerContact({
          ...base,
          sujet: sujet(c.personne, [...ch, "personne"]),
          institutionId: institution(c.institution, [...ch, "institution"]),
          role: c.role,
          instanceId
        }, sans),
        ch
      )
    }
  }
  // 4. The plan tree, depth first
  const ajouter = (ns: ReadonlyArray<F.NoeudFichier>, chemin: Chemin, parent: Plan.NoeudId | undefined) => {
    for (const [rang, n] of ns.entries()) {
      const ch = [...chemin, rang]
      const pilote = n.nature === "action" || n.nature === "fiche"
      const aDetails = pilote || n.descriptif !== undefined || n.pilotes !== undefined || n.acteurs !== undefined ||
        n.calendrier !== undefined || n.indicateurs !== undefined || n.codesIndicateurs !== undefined ||
        n.priorites !== undefined || n.actionsCles !== undefined || n.instances !== undefined
      const details: Plan.DetailsAction | undefined = aDetails
        ? {
          ...(n.descriptif === undefined ? {} : { descriptif: n.descriptif }),
          pilotes: (n.pilotes ?? []).map((p, k) =>
            typeof p === "string"
              ? { institutionId: institution(p, [...ch, "pilotes", k]) }
              : {
                institutionId: institution(p.institution, [...ch, "pilotes", k, "institution"]),
                ...(p.direction === undefined ? {} : { direction: p.direction })
              }
          ),
          acteurs: n.acteurs ?? [],
          ...(n.calendrier === undefined ? {} : { calendrier: calendrier(n.calendrier, [...ch, "calendrier"]) }),
          indicateurs: n.indicateurs ?? [],
          codesIndicateurs: n.codesIndicateurs ?? [],
          priorites: n.priorites ?? [],
          actionsCles: n.actionsCles ?? [],
          themes: pilote ? n.themes ?? [] : [],
          instances: (n.instances ?? []).map((r, k) => instance(r, [...ch, "instances", k]))
        }
        : undefined
      const noeudId = id("noeud", n.ref) as Plan.NoeudId
      emettre(
        new C.AjouterNoeudPlan({
          ...base,
          noeud: {
            noeudId,
            nature: n.nature,
            ...(n.code === undefined ? {} : { code: n.code }),
            titre: n.titre,
            ...(parent === undefined ? {} : { parentId: parent }),
            rang,
            ...(details === undefined ? {} : { details }),
            ...(!pilote && n.themes !== undefined ? { themes: n.themes } : {})
          }
        }, sans),
        ch
      )
      ajouter(n.enfants ?? [], [...ch, "enfants"], noeudId)
    }
  }
  const calendrier = (c: typeof F.Calendrier.Type, chemin: Chemin): Periode.Calendrier => {
    if (typeof c === "number") {
      return { debut: annee(c, chemin), fin: annee(c, chemin), ouvert: false, libelle: String(c) }
    }
    if (typeof c === "object") {
      if (c.debut !== undefined && c.fin !== undefined && c.fin < c.debut) {
        pb([...chemin, "fin"], `a year not before debut (${c.debut})`)
      }
      if (c.ouvert === true && c.fin !== undefined) {
        pb([...chemin, "fin"], "no end year on an open-ended calendrier (ouvert: true)")
      }
      return {
        ...(c.debut === undefined ? {} : { debut: annee(c.debut, [...chemin, "debut"]) }),
        ...(c.fin === undefined ? {} : { fin: annee(c.fin, [...chemin, "fin"]) }),
        ouvert: c.ouvert ?? false,
        libelle: c.libelle
      }
    }
    const annees = [...c.matchAll(/\b(\d{4})\b/g)].map((m) => Number(m[1]))
    const ouvert = /et suivantes/i.test(c)
    const [a, b] = annees
    if (a === undefined) return { ouvert: false, libelle: c }
    if (ouvert) return { debut: annee(a, chemin), ouvert: true, libelle: c }
    if (b !== undefined && b < a) pb(chemin, "a calendrier whose end year is not before its start", c)
    return { debut: annee(a, chemin), fin: annee(b ?? a, chemin), ouvert: false, libelle: c }
  }
  ajouter(plan.plan ?? [], ["plan"], undefined)

  // 5. The timeline
  for (const [i, e] of (plan.chronologie ?? []).entries()) {
    const ch: Chemin = ["chronologie", i]
    const at = (k: string): Chemin => [...ch, k]
    const b = { schemaId, survenuLe: instant(e.enregistreLe, at("enregistreLe"), quand) }
    const emet = (c: C.Commande) => emettre(c, ch)
    switch (e.type) {
      case "evaluation-precedent":
        emet(
          new C.ConduireEvaluationPrecedent({ ...b, le: datation(e.le, at("le")), constats: e.constats ?? [] }, sans)
        )
        break
      case "diagnostic":
        emet(
          new C.RealiserDiagnostic({
            ...b,
            le: datation(e.le, at("le")),
            synthese: e.synthese ?? "",
            indicateurs: e.indicateurs ?? []
          }, sans)
        )
        break
      case "concertation":
        emet(
          new C.TenirConcertation({
            ...b,
            concertationId: id("concertation", e.ref),
            forme: e.forme,
            intitule: e.intitule,
            le: datation(e.le, at("le")),
            themes: e.themes ?? [],
            ...(e.participants === undefined ? {} : { participants: e.participants })
          }, sans)
        )
        break
      case "installation-instance":
        emet(
          new C.InstallerInstance({
            ...b,
            instanceId: instance(e.instance, at("instance")),
            le: datation(e.le, at("le"))
          }, sans)
        )
        break
      case "cadence-instance":
        emet(
          new C.ModifierCadenceInstance({
            ...b,
            instanceId: instance(e.instance, at("instance")),
            cadence: cadence(e.cadence, at("cadence"))
          }, sans)
        )
        break
      case "composition-instance":
        emet(
          new C.DefinirCompositionInstance({
            ...b,
            instanceId: instance(e.instance, at("instance")),
            membres: membres(e.membres, at("membres")),
            ...(e.effectif === undefined ? {} : { effectif: e.effectif })
          }, sans)
        )
        break
      case "contact":
        emet(
          new C.DesignerContact({
            ...b,
            sujet: sujet(e.personne, at("personne")),
            institutionId: institution(e.institution, at("institution")),
            role: e.role,
            ...(e.instance === undefined ? {} : { instanceId: instance(e.instance, at("instance")) })
          }, sans)
        )
        break
      case "presentation-projet":
        emet(
          new C.PresenterProjet(
            { ...b, instanceId: instance(e.instance, at("instance")), le: jour(e.le, at("le")) },
            sans
          )
        )
        break
      case "adoption": {
        const v = e.vote
        const vote: Evenements.SchemaAdopte["vote"] = typeof v === "string"
          ? (v === "non documenté" ? { _tag: "NonDocumente" } : { mode: v })
          : "nonDocumente" in v
          ? nonDocumente(v.nonDocumente)
          : v
        emet(
          new C.AdopterSchema({
            ...b,
            instanceId: instance(e.instance, at("instance")),
            objet: e.objet,
            le: datation(e.le, at("le")),
            vote
          }, sans)
        )
        break
      }
      case "signature":
        emet(
          new C.SignerSchema({
            ...b,
            institutionId: institution(e.institution, at("institution")),
            signataires: e.signataires.map((s, k) => ({
              ...(s.personne === undefined ? {} : { sujet: sujet(s.personne, [...ch, "signataires", k, "personne"]) }),
              ...(s.fonction === undefined ? {} : { fonction: s.fonction }),
              ...(s.parDelegationDe === undefined ? {} : {
                parDelegationDe: {
                  fonction: s.parDelegationDe.fonction,
                  ...(s.parDelegationDe.personne === undefined
                    ? {}
                    : {
                      sujet: sujet(s.parDelegationDe.personne, [...ch, "signataires", k, "parDelegationDe", "personne"])
                    })
                }
              })
            })),
            ...(e.lieu === undefined ? {} : { lieu: e.lieu }),
            le: datation(e.le, at("le"))
          }, sans)
        )
        break
      case "mise-en-oeuvre":
        emet(new C.DemarrerMiseEnOeuvre({ ...b, le: datation(e.le, at("le")) }, sans))
        break
      case "priorites-annuelles":
        emet(
          new C.ArreterPrioritesAnnuelles({
            ...b,
            annee: annee(e.annee, at("annee")),
            instanceId: instance(e.instance, at("instance")),
            le: datation(e.le, at("le")),
            priorites: e.priorites.map((p, k) => ({
              libelle: p.libelle,
              ...(p.theme === undefined ? {} : { theme: p.theme }),
              noeuds: noeuds(p.noeuds, [...ch, "priorites", k, "noeuds"])
            }))
          }, sans)
        )
        break
      case "feuille-de-route":
        emet(
          new C.ArreterFeuilleDeRoute({
            ...b,
            annee: annee(e.annee, at("annee")),
            ...(e.theme === undefined ? {} : { theme: e.theme }),
            ...(e.instance === undefined ? {} : { instanceId: instance(e.instance, at("instance")) }),
            le: datation(e.le, at("le")),
            elements: e.elements ?? [],
            noeuds: noeuds(e.noeuds, at("noeuds"))
          }, sans)
        )
        break
      case "reunion": {
        const le = datation(e.le, at("le"))
        const ref = e.ref ?? `${e.instance}-${T.formatDatation(le).replace("/", "-")}`
        if (e.ref === undefined) declarer("reunion", ref, ch)
        emet(
          new C.TenirReunion({
            ...b,
            reunionId: id("reunion", ref),
            instanceId: instance(e.instance, at("instance")),
            le,
            ordreDuJour: e.ordreDuJour ?? [],
            decisions: e.decisions ?? [],
            ...(e.participants === undefined ? {} : { participants: e.participants })
          }, sans)
        )
        break
      }
      case "avancement":
        emet(
          new C.SignalerAvancementAction({
            ...b,
            noeudId: noeud(e.noeud, at("noeud")),
            le: datation(e.le, at("le")),
            etat: e.etat,
            ...(e.commentaire === undefined ? {} : { commentaire: e.commentaire })
          }, sans)
        )
        break
      case "valeurs":
        for (const [k, v] of e.valeurs.entries()) {
          const c = yield* valeur(v, [...ch, "valeurs", k], b.survenuLe)
          emettre(c, [...ch, "valeurs", k])
        }
        break
      case "appel-a-projets":
        emet(
          new C.LancerAppelAProjets({
            ...b,
            appelId: id("appel", e.ref),
            intitule: e.intitule,
            le: datation(e.le, at("le")),
            themes: e.themes ?? [],
            noeuds: noeuds(e.noeuds, at("noeuds")),
            partenaires: (e.partenaires ?? []).map((r, k) => institution(r, [...ch, "partenaires", k]))
          }, sans)
        )
        break
      case "cloture-appel-a-projets":
        emet(
          new C.CloreAppelAProjets({
            ...b,
            appelId: resoudre("appel", e.appel, at("appel")),
            le: jour(e.le, at("le")),
            recues: e.recues,
            retenues: e.retenues
          }, sans)
        )
        break
      case "labellisation":
        emet(
          new C.LabelliserPlaces({
            ...b,
            labellisationId: id("labellisation", e.ref),
            instanceId: instance(e.instance, at("instance")),
            label: e.label,
            le: jour(e.le, at("le")),
            places: e.places,
            ...(e.structures === undefined ? {} : { structures: e.structures })
          }, sans)
        )
        break
      case "bilan-annuel":
        emet(
          new C.PresenterBilanAnnuel({
            ...b,
            annee: annee(e.annee, at("annee")),
            instanceId: instance(e.instance, at("instance")),
            le: jour(e.le, at("le")),
            realisations: e.realisations ?? []
          }, sans)
        )
        break
      case "lettre-information":
        emet(
          new C.PublierLettreInformation({
            ...b,
            ...(e.numero === undefined ? {} : { numero: e.numero }),
            titre: e.titre,
            le: jour(e.le, at("le"))
          }, sans)
        )
        break
      case "prorogation":
        emet(
          new C.ProrogerPeriode({
            ...b,
            nouvelleFin: annee(e.nouvelleFin, at("nouvelleFin")),
            instanceId: instance(e.instance, at("instance")),
            le: jour(e.le, at("le")),
            motif: e.motif
          }, sans)
        )
        break
      case "bilan-evaluatif":
        emet(
          new C.LancerBilanEvaluatif({
            ...b,
            instanceId: instance(e.instance, at("instance")),
            le: jour(e.le, at("le")),
            etapesPrevues: e.etapesPrevues ?? []
          }, sans)
        )
        break
      case "recueil-indicateurs":
        emet(
          new C.RecueillirIndicateursQuantitatifs(
            { ...b, le: jour(e.le, at("le")), indicateurs: e.indicateurs ?? [] },
            sans
          )
        )
        break
      case "enquete-gestionnaires":
        emet(
          new C.MenerEnqueteGestionnaires({
            ...b,
            du: jour(e.du, at("du")),
            au: jour(e.au, at("au")),
            publics: e.publics ?? [],
            ...(e.repondants === undefined ? {} : { repondants: e.repondants })
          }, sans)
        )
        break
      case "entretiens-cibles":
        emet(
          new C.MenerEntretiensCibles({
            ...b,
            le: datation(e.le, at("le")),
            institutions: (e.institutions ?? []).map((r, k) => institution(r, [...ch, "institutions", k])),
            ...(e.nombre === undefined ? {} : { nombre: e.nombre })
          }, sans)
        )
        break
      case "seminaire-evaluation":
        emet(
          new C.TenirSeminaireEvaluation({
            ...b,
            le: jour(e.le, at("le")),
            ...(e.lieu === undefined ? {} : { lieu: e.lieu }),
            ...(e.participants === undefined ? {} : { participants: e.participants })
          }, sans)
        )
        break
      case "rapport-evaluation":
        emet(
          new C.RemettreRapportEvaluation({
            ...b,
            le: datation(e.le, at("le")),
            constats: (e.constats ?? []).map((c, k) => ({
              ...(c.noeud === undefined ? {} : { noeudId: noeud(c.noeud, [...ch, "constats", k, "noeud"]) }),
              constat: c.constat
            })),
            preconisations: e.preconisations ?? []
          }, sans)
        )
        break
      case "renouvellement": {
        const p = periode(e.periodeSuccesseur, at("periodeSuccesseur")) ?? per
        emet(
          new C.LancerRenouvellement({
            ...b,
            le: jour(e.le, at("le")),
            successeurId: IdGenerator.deriveId("schema", plan.departement, e.periodeSuccesseur) as Evenements.SchemaId,
            periodeSuccesseur: p
          }, sans)
        )
        break
      }
      case "ambitions-successeur":
        emet(
          new C.DefinirAmbitionsSuccesseur({
            ...b,
            le: jour(e.le, at("le")),
            ambitions: e.ambitions ?? [],
            objectifs: e.objectifs ?? []
          }, sans)
        )
        break
      case "adoption-successeur": {
        const p = periode(e.periodeSuccesseur, at("periodeSuccesseur")) ?? per
        emet(
          new C.AdopterSuccesseur({
            ...b,
            instanceId: instance(e.instance, at("instance")),
            le: datation(e.le, at("le")),
            successeurId: IdGenerator.deriveId("schema", plan.departement, e.periodeSuccesseur) as Evenements.SchemaId,
            periodeSuccesseur: p,
            actionsReprises: noeuds(e.actionsReprises, at("actionsReprises"))
          }, sans)
        )
        break
      }
    }
  }
  // 6. Values after the timeline
  for (const [k, v] of (plan.valeurs ?? []).entries()) {
    emettre(yield* valeur(v, ["valeurs", k], quand), ["valeurs", k])
  }

  const personnes: Array<Personne.DonneesPersonnelles> = []
  const enPersonne = verifie(Personne.DonneesPersonnelles)
  for (const [i, p] of (plan.personnes ?? []).entries()) {
    const { ref, ...champs } = p
    const donnees = { sujet: id("sujet", ref), ...champs }
    const ok = enPersonne(donnees)
    if (ok === undefined) pb(["personnes", i, "email"], "an e-mail address (name@domain.tld)")
    else personnes.push(ok)
  }

  if (problemes.length > 0) return yield* Effect.fail(aLaPosition(document, problemes))
  // Every command checked as the handler will: a problem is named in the file, not by a command index.
  for (const [i, c] of commandes.entries()) {
    const r = C.verifier(JSON.parse(JSON.stringify(c)) as unknown)
    if (Result.isSuccess(r)) commandes[i] = r.success
    else {
      const e = r.failure
      pb(origines[i] ?? [], `${e.path === "" ? "" : `${e.path}: `}${e.reason}`, e.value)
    }
  }
  if (problemes.length > 0) return yield* Effect.fail(aLaPosition(document, problemes))
  const compile: PlanCompile = {
    schemaId,
    streamName: EventStore.streamName("schema", schemaId),
    commandes,
    origines,
    personnes
  }
  return compile
})

/**
 * A territory from its text (`commune:Nanterre`), or the reason it is refused. Names and codes of communes,
 * arrondissements and EPCI go through the official geography (in the plan's département, or the one in parentheses:
 * `commune:Saint-Denis (974)`); a misspelt name is refused with the closest names, never guessed.
 */
export const resoudreTerritoire = (
  geo: Geographie.Geographie["Service"],
  texte: string,
  departement: Territoire.CodeDepartement
): Effect.Effect<Territoire.Territoire | string> => {
  const [niveau, ...reste] = texte.split(":")
  const ref = reste.join(":").trim()
  const decode = (t: unknown): Territoire.Territoire | string => {
    const r = Schema.decodeUnknownResult(Terr.Territoire)(t)
    return Result.isSuccess(r) ? r.success : `a valid ${niveau} code`
  }
  const suffixe = /\s*\((\d[\dAB]|97\d)\)\s*$/.exec(ref)
  const dep = suffixe?.[1] as Territoire.CodeDepartement | undefined
  const recherche = { departement: dep ?? departement }
  const nom = suffixe === null ? ref : ref.slice(0, suffixe.index)
  switch (niveau) {
    case "france":
      return Effect.succeed(
        ref === ""
          ? { niveau: "france" }
          : ref === "metropolitaine"
          ? { niveau: "france", perimetre: "metropolitaine" }
          : "france or france:metropolitaine"
      )
    case "departement":
    case "region":
    case "qpv":
      return Effect.succeed(decode({ niveau, code: ref }))
    case "commune":
    case "arrondissement":
      return geo.commune(nom, recherche).pipe(
        Effect.map((r) =>
          r.fiche.territoire.niveau === niveau
            ? r.fiche.territoire
            : `${niveau === "commune" ? "a commune" : "an arrondissement"}; "${ref}" is the ` +
              `${r.fiche.territoire.niveau} ${r.fiche.nom} (${r.fiche.territoire.code})`
        ),
        Effect.catch((e) => Effect.succeed(`a ${niveau} of the official geography: ${e.message}`))
      )
    case "epci":
      return geo.groupement(nom, recherche).pipe(
        Effect.map((r) => r.fiche.territoire as Territoire.Territoire),
        Effect.catch((e) => Effect.succeed(`an EPCI or EPT of the official geography: ${e.message}`))
      )
    default:
      return Effect.succeed("a territory level: france, region, departement, epci, commune, arrondissement, qpv")
  }
}

/** Reads, checks and compiles a plan file into commands, writing nothing. */
export const compiler = Effect.fn("PlanImport.compiler")(function*(fichier: Fichier) {
  const lu = lire(fichier)
  if (Result.isFailure(lu)) return yield* Effect.fail(lu.failure)
  const maintenant = DateTime.formatIso(yield* DateTime.now) as Temps.Instant
  return yield* compilerPlan(lu.success.document, lu.success.plan, maintenant)
})

const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec, cacheSize: 0 })

const refus = (fichier: Fichier, compile: PlanCompile, index: number, error: unknown): FichierInvalide => {
  const chemin = compile.origines[index] ?? []
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "refused"
  const message = error instanceof Error ? error.message : String(error)
  const doc = parser(fichier)
  const position = Result.isSuccess(doc) ? doc.success.position(chemin) : {}
  return new FichierInvalide({
    fichier: fichier.nom,
    problemes: [{
      ...position,
      chemin: formatChemin(chemin),
      attendu: `a step the domain accepts (${tag}: ${message})`,
      recu: formatValeur(compile.commandes[index]?._tag)
    }]
  })
}

/**
 * Checks a plan file as `importer` would, against what the store already holds, and writes nothing: the warnings
 * the import would give, or `FichierInvalide` (a rule of the domain broken is named by the step's line).
 */
export const valider = Effect.fn("PlanImport.valider")(function*(fichier: Fichier) {
  const compile = yield* compiler(fichier)
  const { state } = yield* handler.load(compile.streamName)
  let etat = state
  const avertissements: Array<Erreurs.Avertissement> = []
  let evenements = 0
  for (const [i, c] of compile.commandes.entries()) {
    const d = SchemaDepartemental.decide(c, etat)
    if (Result.isFailure(d)) return yield* Effect.fail(refus(fichier, compile, i, d.failure))
    for (const e of d.success.events) etat = SchemaDepartemental.evolve(etat, e)
    evenements += d.success.events.length
    avertissements.push(...d.success.warnings)
  }
  const resultat: Resultat = {
    schemaId: compile.schemaId,
    evenements,
    avertissements,
    personnes: compile.personnes.length
  }
  return resultat
})

/**
 * Imports a plan file: its commands as one atomic batch (all or nothing), then its people into the personal-data
 * store. On any problem nothing is written and the error is `FichierInvalide`; store failures pass through.
 */
export const importer = Effect.fn("PlanImport.importer")(function*(fichier: Fichier) {
  const compile = yield* compiler(fichier)
  const fait = yield* handler.handleAll(compile.streamName, compile.commandes).pipe(
    Effect.catchTag("CommandRefused", (e) => Effect.fail(refus(fichier, compile, e.index, e.error))),
    Effect.catchTag("InvalidCommand", (e) => Effect.fail(refus(fichier, compile, e.index ?? 0, e)))
  )
  const personnes = yield* Personne.Personnes
  yield* Effect.forEach(compile.personnes, (p) => personnes.enregistrer(p), { discard: true })
  const resultat: Resultat = {
    schemaId: compile.schemaId,
    evenements: fait.events.length,
    avertissements: fait.warnings,
    personnes: compile.personnes.length
  }
  return resultat
})

export type { Fichier } from "./Source.ts"
