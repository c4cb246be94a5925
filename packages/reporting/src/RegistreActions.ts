/**
 * The action register (*registre des actions*): every node of a schéma's plan (axes, objectives, fiches, actions,
 * pistes) with its path, pilotes, acteurs, calendrier, themes, bodies, status and latest état d'avancement, the history
 * of every progress report, and progress counted by axe and by theme.
 */
import { Projection, Temps } from "@sdsf/domain"
import type { Plan } from "@sdsf/domain"
import type { Extrait } from "./Extrait.ts"
import {
  type Contexte,
  assembler,
  cellulesDate,
  col,
  colonne,
  colonnesDate,
  colonnesSchema,
  compareTexte,
  extrait,
  ligneSchema,
  lignesDe,
  liste,
  put,
  tableSchemas,
  texte,
  texteOuNull
} from "./internal/commun.ts"

const NOEUDS = "noeuds"
const AVANCEMENTS = "avancements"

/** The états d'avancement, in the order reports list them (`Plan.EtatAvancement`). */
export const etats: ReadonlyArray<Plan.EtatAvancement> = [
  "a-formaliser",
  "formalisee",
  "demarree",
  "en-cours",
  "realisee",
  "reportee",
  "suspendue",
  "abandonnee"
]

const tables: ReadonlyArray<Projection.Table> = [
  tableSchemas(),
  {
    name: "institutions",
    grain: "one row per institution recorded in a schéma (`InstitutionEnregistree`)",
    key: ["schema_id", "institution_id"],
    columns: [
      ...colonnesSchema,
      col("institution_id", "text", "The institution's id"),
      col("nom", "text", "Its name as printed"),
      col("nature", "text", "prefecture, conseil-departemental, caf...")
    ]
  },
  {
    name: "instances",
    grain: "one row per body of a schéma (`InstanceCreee`)",
    key: ["schema_id", "instance_id"],
    columns: [
      ...colonnesSchema,
      col("instance_id", "text", "The body's id"),
      col("nom", "text", "Its name as printed"),
      col("nature", "text", "cdsf, copil, comite-thematique...")
    ]
  },
  {
    name: NOEUDS,
    grain: "one row per node of a schéma's plan, withdrawn ones included",
    key: ["schema_id", "noeud_id"],
    columns: [
      ...colonnesSchema,
      col("noeud_id", "text", "The node's id"),
      col("nature", "text", "axe, objectif-strategique, objectif, fiche, action, piste..."),
      col("code", "text", "Code or number as printed (`Axe 1`, `1.1`, `A`)", true),
      col("titre", "text", "Title as printed"),
      col("parent_id", "text", "The parent node's id; null at the top", true),
      col("ancetres", "text[]", "The ids of the nodes above it, from the top (a node never moves)"),
      col("niveau", "integer", "Depth: 0 at the top"),
      col("axe_id", "text", "The nearest axe at or above it; null when none", true),
      col("rang", "integer", "Order among siblings, from 0"),
      col("descriptif", "text", "Descriptif as printed", true),
      col("pilotes", "text[]", "Pilot institutions' ids"),
      col(
        "pilotes_directions",
        "text[]",
        "Each pilot's directorate as printed, \"\" when none (same order as pilotes)"
      ),
      col("acteurs", "text[]", "Main actors, as written"),
      col("calendrier", "text", "Calendrier prévisionnel as printed (`2023 et suivantes`)", true),
      col("calendrier_debut", "integer", "Its first year", true),
      col("calendrier_fin", "integer", "Its last year; null when open-ended or not given", true),
      col("themes", "text[]", "Themes set on the node itself (its children inherit them)"),
      col("themes_action", "text[]", "Themes of the action's details (action ↔ theme)"),
      col("indicateurs", "text[]", "Indicators as the plan words them"),
      col("instances", "text[]", "Bodies carrying it (ids)"),
      col("reprise_de", "text", "`schemaId/noeudId` of the predecessor's action it carries over", true),
      col("ajoute_le", "text", "Day the addition was decided (ISO: the event's survenuLe day, a revision's own day)"),
      col("modifie_le", "text", "Day its last redrafting was decided (ISO, as ajoute_le)", true),
      col("retire", "boolean", "Withdrawn itself (nodes under it are withdrawn with it: see the register view)"),
      col("retire_le", "text", "Day its withdrawal was decided (ISO, as ajoute_le)", true),
      col("motif_retrait", "text", "Why it was withdrawn", true),
      col("avancements", "integer", "Number of progress reports on it"),
      col("dernier_etat", "text", "The latest état d'avancement reported (in log order)", true),
      ...colonnesDate("dernier_avancement", "Date of the latest progress report", { nullable: true })
    ]
  },
  {
    name: AVANCEMENTS,
    grain: "one row per progress report (`AvancementActionSignale`)",
    key: ["schema_id", "position"],
    columns: [
      ...colonnesSchema,
      col("position", "integer", "The report's position in the event log"),
      col("noeud_id", "text", "The node reported on"),
      col("etat", "text", "a-formaliser, formalisee, demarree, en-cours, realisee, reportee, suspendue, abandonnee"),
      ...colonnesDate("le", "Date of the report"),
      col("commentaire", "text", "Comment as printed", true),
      col("event_id", "text", "The event's id")
    ]
  }
]

type Ligne = Projection.Row

const refNoeud = (schemaId: string, noeudId: string): Projection.RowRef => ({ table: NOEUDS, key: [schemaId, noeudId] })

const dedoublonne = (xs: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(xs)]

/** Writes a node's details into its row (one shape for every row: a hot path on a national replay). */
const ecrireDetails = (row: Record<string, Projection.Cell>, d: Plan.DetailsAction | undefined): void => {
  const pilotes = d?.pilotes ?? []
  row["descriptif"] = d?.descriptif ?? null
  row["pilotes"] = pilotes.map((p) => p.institutionId)
  row["pilotes_directions"] = pilotes.map((p) => p.direction ?? "")
  row["acteurs"] = d?.acteurs ?? []
  row["calendrier"] = d?.calendrier?.libelle ?? null
  row["calendrier_debut"] = d?.calendrier?.debut ?? null
  row["calendrier_fin"] = d?.calendrier?.fin ?? null
  row["themes_action"] = dedoublonne(d?.themes ?? [])
  row["indicateurs"] = d?.indicateurs ?? []
  row["instances"] = d?.instances ?? []
}

/** A node's row as added; `avant` is its earlier row (progress reports are kept when a node is added again). */
const ligneNoeud = (
  schemaId: string,
  departement: string,
  n: Plan.Noeud,
  parent: Ligne | undefined,
  avant: Ligne | undefined,
  jour: string
): Ligne => {
  const ancetres = n.parentId === undefined
    ? []
    : [...(parent === undefined ? [] : liste(parent, "ancetres")), n.parentId]
  const axe = n.nature === "axe"
    ? n.noeudId
    : parent === undefined
    ? null
    : texte(parent, "nature") === "axe"
    ? texte(parent, "noeud_id")
    : texteOuNull(parent, "axe_id")
  const row: Record<string, Projection.Cell> = {
    schema_id: schemaId,
    departement,
    noeud_id: n.noeudId,
    nature: n.nature,
    code: n.code ?? null,
    titre: n.titre,
    parent_id: n.parentId ?? null,
    ancetres,
    niveau: ancetres.length,
    axe_id: axe,
    rang: n.rang,
    descriptif: null,
    pilotes: [],
    pilotes_directions: [],
    acteurs: [],
    calendrier: null,
    calendrier_debut: null,
    calendrier_fin: null,
    themes: dedoublonne(n.themes ?? []),
    themes_action: [],
    indicateurs: [],
    instances: [],
    reprise_de: n.repriseDe === undefined ? null : `${n.repriseDe.schemaId}/${n.repriseDe.noeudId}`,
    ajoute_le: jour,
    modifie_le: null,
    retire: false,
    retire_le: null,
    motif_retrait: null,
    avancements: avant === undefined ? 0 : (avant["avancements"] as number),
    dernier_etat: avant === undefined ? null : texteOuNull(avant, "dernier_etat"),
    dernier_avancement: avant === undefined ? null : texteOuNull(avant, "dernier_avancement"),
    dernier_avancement_precision: avant === undefined ? null : texteOuNull(avant, "dernier_avancement_precision"),
    dernier_avancement_tri: avant === undefined ? null : texteOuNull(avant, "dernier_avancement_tri")
  }
  ecrireDetails(row, n.details)
  return row
}

const modifier = (r: Ligne, m: Plan.ModificationNoeud, jour: string): Ligne => {
  const row: Record<string, Projection.Cell> = { ...r }
  if (m.code !== undefined) row["code"] = m.code
  if (m.titre !== undefined) row["titre"] = m.titre
  if (m.rang !== undefined) row["rang"] = m.rang
  if (m.details !== undefined) ecrireDetails(row, m.details)
  if (m.themes !== undefined) row["themes"] = dedoublonne(m.themes)
  row["modifie_le"] = jour
  return row
}

const retirer = (r: Ligne, motif: string, jour: string): Ligne => ({
  ...r,
  retire: true,
  retire_le: jour,
  motif_retrait: motif
})

/** Changes to nodes seen within one event: later steps of the event read what earlier ones wrote. */
const lot = (ctx: Contexte, schemaId: string) => {
  const ecrits = new Map<string, Ligne>()
  const lire = (id: string): Ligne | undefined => ecrits.get(id) ?? ctx.read(NOEUDS, [schemaId, id])
  const ecrire = (r: Ligne) => ecrits.set(texte(r, "noeud_id"), r)
  return { lire, ecrire, changes: () => [...ecrits.values()].map((r) => put(NOEUDS, r)) }
}

const refsAjout = (schemaId: string, n: Plan.Noeud): ReadonlyArray<Projection.RowRef> => [
  refNoeud(schemaId, n.noeudId),
  ...(n.parentId === undefined ? [] : [refNoeud(schemaId, n.parentId)])
]

/** The action register as a projection: its tables are `schemas`, `institutions`, `instances`, `noeuds`, `avancements`. */
export const projection: Projection.Projection = Projection.make(assembler({
  name: "registre_actions",
  version: 1,
  description:
    "The plan's nodes with path, pilotes, calendrier, themes, bodies, status and progress; every progress report",
  tables,
  regles: {
    ElaborationLancee: { evolve: (e) => [ligneSchema(e)] },
    InstitutionEnregistree: {
      evolve: (e, { departement }) => [put("institutions", {
        schema_id: e.schemaId,
        departement,
        institution_id: e.institution.institutionId,
        nom: e.institution.nom,
        nature: e.institution.nature
      })]
    },
    InstanceCreee: {
      evolve: (e, { departement }) => [put("instances", {
        schema_id: e.schemaId,
        departement,
        instance_id: e.instance.instanceId,
        nom: e.instance.nom,
        nature: e.instance.nature
      })]
    },
    NoeudPlanAjoute: {
      reads: (e) => refsAjout(e.schemaId, e.noeud),
      evolve: (e, { read, departement }) => {
        const n = e.noeud
        const parent = n.parentId === undefined ? undefined : read(NOEUDS, [e.schemaId, n.parentId])
        const avant = read(NOEUDS, [e.schemaId, n.noeudId])
        return [put(NOEUDS, ligneNoeud(e.schemaId, departement, n, parent, avant, Temps.jourDe(e.survenuLe)))]
      }
    },
    NoeudPlanModifie: {
      reads: (e) => [refNoeud(e.schemaId, e.noeudId)],
      evolve: (e, { read }) => {
        const r = read(NOEUDS, [e.schemaId, e.noeudId])
        return r === undefined ? [] : [put(NOEUDS, modifier(r, e.modification, Temps.jourDe(e.survenuLe)))]
      }
    },
    NoeudPlanRetire: {
      reads: (e) => [refNoeud(e.schemaId, e.noeudId)],
      evolve: (e, { read }) => {
        const r = read(NOEUDS, [e.schemaId, e.noeudId])
        return r === undefined ? [] : [put(NOEUDS, retirer(r, e.motif, Temps.jourDe(e.survenuLe)))]
      }
    },
    PlanActionRevise: {
      reads: (e) => [
        ...e.ajouts.flatMap((n) => refsAjout(e.schemaId, n)),
        ...e.modifications.map((m) => refNoeud(e.schemaId, m.noeudId)),
        ...e.retraits.map((r) => refNoeud(e.schemaId, r.noeudId))
      ],
      evolve: (e, ctx) => {
        const l = lot(ctx, e.schemaId)
        for (const n of e.ajouts) {
          const parent = n.parentId === undefined ? undefined : l.lire(n.parentId)
          l.ecrire(ligneNoeud(e.schemaId, ctx.departement, n, parent, l.lire(n.noeudId), e.le))
        }
        for (const m of e.modifications) {
          const r = l.lire(m.noeudId)
          if (r !== undefined) l.ecrire(modifier(r, m.modification, e.le))
        }
        for (const x of e.retraits) {
          const r = l.lire(x.noeudId)
          if (r !== undefined) l.ecrire(retirer(r, x.motif, e.le))
        }
        return l.changes()
      }
    },
    AvancementActionSignale: {
      reads: (e) => [refNoeud(e.schemaId, e.noeudId)],
      evolve: (e, { read, departement, meta }) => {
        const r = read(NOEUDS, [e.schemaId, e.noeudId])
        const rapport = put(AVANCEMENTS, {
          schema_id: e.schemaId,
          departement,
          position: meta.position,
          noeud_id: e.noeudId,
          etat: e.etat,
          ...cellulesDate("le", e.le),
          commentaire: e.commentaire ?? null,
          event_id: meta.eventId
        })
        if (r === undefined) return [rapport]
        const dernier = cellulesDate("dernier_avancement", e.le)
        return [
          rapport,
          put(NOEUDS, { ...r, avancements: (r["avancements"] as number) + 1, dernier_etat: e.etat, ...dernier })
        ]
      }
    }
  }
}))

// ---------------------------------------------------------------------------------------------------------------
// Views

/** Rows of a table for one schéma (every schéma when none is given). */
const du = (tables: Projection.Tables, table: string, schemaId?: string): ReadonlyArray<Ligne> =>
  lignesDe(tables, table).filter((r) => schemaId === undefined || r["schema_id"] === schemaId)

/** A node as the register shows it: its effective status and what it inherits, resolved from the nodes above it. */
interface Vu {
  readonly ligne: Ligne
  readonly chemin: ReadonlyArray<Ligne>
  /** Withdrawn itself, or with a node above it (its id). */
  readonly retireAvec: string | null
  readonly themes: ReadonlyArray<string>
}

const voir = (tables: Projection.Tables, schemaId?: string): ReadonlyArray<Vu> => {
  const noeuds = du(tables, NOEUDS, schemaId)
  const parCle = new Map(noeuds.map((r) => [`${texte(r, "schema_id")}/${texte(r, "noeud_id")}`, r]))
  return noeuds.map((r) => {
    const s = texte(r, "schema_id")
    // Walk up from the node: the nearest node's themes first (`Plan.themesDe`), and any withdrawn node above.
    const au_dessus = liste(r, "ancetres").map((id) => parCle.get(`${s}/${id}`)).filter((x): x is Ligne =>
      x !== undefined
    )
    const chemin = [...au_dessus, r]
    const retire = [...chemin].reverse().find((x) => x["retire"] === true)
    const themes = dedoublonne(
      [...chemin].reverse().flatMap((x) => [...liste(x, "themes"), ...liste(x, "themes_action")])
    )
    return {
      ligne: r,
      chemin,
      retireAvec: retire === undefined ? null : texte(retire, "noeud_id"),
      themes
    }
  })
}

const libelle = (r: Ligne): string => texteOuNull(r, "code") ?? texte(r, "titre")

/** Tree order: by schéma, then the ranks down the path. */
const ordreArbre = (a: Vu, b: Vu): number => {
  const s = compareTexte(texte(a.ligne, "schema_id"), texte(b.ligne, "schema_id"))
  if (s !== 0) return s
  for (let i = 0; i < Math.min(a.chemin.length, b.chemin.length); i++) {
    const x = a.chemin[i] as Ligne
    const y = b.chemin[i] as Ligne
    const d = (x["rang"] as number) - (y["rang"] as number) || compareTexte(texte(x, "noeud_id"), texte(y, "noeud_id"))
    if (d !== 0) return d
  }
  return a.chemin.length - b.chemin.length
}

const noms = (tables: Projection.Tables, table: string, cle: string) => {
  const m = new Map(lignesDe(tables, table).map((r) => [`${texte(r, "schema_id")}/${texte(r, cle)}`, texte(r, "nom")]))
  return (schemaId: string, id: string): string => m.get(`${schemaId}/${id}`) ?? id
}

const statut = (v: Vu): string =>
  v.retireAvec === null ? "actif" : v.retireAvec === v.ligne["noeud_id"] ? "retire" : "retire-avec-parent"

/**
 * The register: one row per node in tree order, with its path (codes, or titles where the plan numbers nothing),
 * pilotes and bodies by name, inherited themes, and its effective status: a node under a withdrawn one is withdrawn
 * with it (`retire-avec-parent`).
 */
export const registre = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const institution = noms(tables, "institutions", "institution_id")
  const instance = noms(tables, "instances", "instance_id")
  const lignes = [...voir(tables, schemaId)].sort(ordreArbre).map((v): Ligne => {
    const r = v.ligne
    const s = texte(r, "schema_id")
    const directions = liste(r, "pilotes_directions")
    return {
      schema_id: s,
      departement: texte(r, "departement"),
      noeud_id: texte(r, "noeud_id"),
      nature: texte(r, "nature"),
      code: texteOuNull(r, "code"),
      titre: texte(r, "titre"),
      chemin: v.chemin.map(libelle).join(" › "),
      niveau: r["niveau"] as number,
      pilotes: liste(r, "pilotes").map((p, i) => {
        const d = directions[i] ?? ""
        return d === "" ? institution(s, p) : `${institution(s, p)} - ${d}`
      }),
      acteurs: liste(r, "acteurs"),
      calendrier: texteOuNull(r, "calendrier"),
      themes: v.themes,
      instances: liste(r, "instances").map((i) => instance(s, i)),
      statut: statut(v),
      retire_le: v.retireAvec === null
        ? null
        : texteOuNull(v.chemin.find((x) => x["noeud_id"] === v.retireAvec) ?? r, "retire_le"),
      dernier_etat: texteOuNull(r, "dernier_etat"),
      dernier_avancement: texteOuNull(r, "dernier_avancement"),
      avancements: r["avancements"] as number
    }
  })
  return extrait("registre_actions", "Registre des actions", "one row per node of the plan, in tree order", [
    colonne("schema_id", "Schéma", "text", "The schéma's id"),
    colonne("departement", "Département", "text", "Département code"),
    colonne("noeud_id", "Nœud", "text", "The node's id"),
    colonne("nature", "Nature", "text", "axe, objectif, fiche, action, piste..."),
    colonne("code", "Code", "text", "Code or number as printed"),
    colonne("titre", "Intitulé", "text", "Title as printed"),
    colonne("chemin", "Chemin", "text", "Codes (or titles) from the top down to the node"),
    colonne("niveau", "Niveau", "integer", "Depth, 0 at the top", "entier"),
    colonne("pilotes", "Pilotes", "text[]", "Pilot institutions (and directorate)"),
    colonne("acteurs", "Acteurs", "text[]", "Main actors as written"),
    colonne("calendrier", "Calendrier", "text", "Calendrier prévisionnel as printed"),
    colonne("themes", "Thèmes", "text[]", "Its themes and those of the nodes above it"),
    colonne("instances", "Instances", "text[]", "Bodies carrying it"),
    colonne("statut", "Statut", "text", "actif, retire, or retire-avec-parent (a node above it was withdrawn)"),
    colonne("retire_le", "Retiré le", "text", "Day of the withdrawal", "jour"),
    colonne("dernier_etat", "État d'avancement", "text", "Latest état d'avancement reported"),
    colonne("dernier_avancement", "Dernier point", "text", "Date of the latest report, as printed"),
    colonne("avancements", "Points d'avancement", "integer", "Number of progress reports", "entier")
  ], lignes)
}

/** Every progress report, by node and log order, with the node's code and title. */
export const historiqueAvancements = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const noeuds = new Map(lignesDe(tables, NOEUDS).map((r) => [`${texte(r, "schema_id")}/${texte(r, "noeud_id")}`, r]))
  const lignes = [...du(tables, AVANCEMENTS, schemaId)]
    .sort((a, b) =>
      compareTexte(texte(a, "schema_id"), texte(b, "schema_id")) ||
      (a["position"] as number) - (b["position"] as number)
    )
    .map((r): Ligne => {
      const n = noeuds.get(`${texte(r, "schema_id")}/${texte(r, "noeud_id")}`)
      return {
        schema_id: texte(r, "schema_id"),
        departement: texte(r, "departement"),
        noeud_id: texte(r, "noeud_id"),
        code: n === undefined ? null : texteOuNull(n, "code"),
        titre: n === undefined ? null : texte(n, "titre"),
        etat: texte(r, "etat"),
        le: texte(r, "le"),
        le_tri: texteOuNull(r, "le_tri"),
        commentaire: texteOuNull(r, "commentaire")
      }
    })
  return extrait("avancements", "Historique des états d'avancement", "one row per progress report, in log order", [
    colonne("schema_id", "Schéma", "text", "The schéma's id"),
    colonne("departement", "Département", "text", "Département code"),
    colonne("noeud_id", "Nœud", "text", "The node reported on"),
    colonne("code", "Code", "text", "Its code as printed"),
    colonne("titre", "Intitulé", "text", "Its title"),
    colonne("etat", "État", "text", "The état d'avancement reported"),
    colonne("le", "Date", "text", "Date of the report, as printed"),
    colonne("le_tri", "Tri", "text", "Sort key of the date (never a made-up day)"),
    colonne("commentaire", "Commentaire", "text", "Comment as printed")
  ], lignes)
}

const colonnesComptes = [
  colonne("actions", "Actions", "integer", "Actions in force (nature action, not withdrawn)", "entier"),
  ...etats.map((e) => colonne(e.replaceAll("-", "_"), e, "integer", `Actions whose latest état is ${e}`, "entier")),
  colonne("non_renseigne", "Non renseigné", "integer", "Actions with no progress report", "entier"),
  colonne("retirees", "Retirées", "integer", "Actions withdrawn (themselves or with a node above)", "entier")
]

const compter = (vus: ReadonlyArray<Vu>): Record<string, number> => {
  const enVigueur = vus.filter((v) => v.retireAvec === null)
  return {
    actions: enVigueur.length,
    ...Object.fromEntries(
      etats.map((e) => [e.replaceAll("-", "_"), enVigueur.filter((v) => v.ligne["dernier_etat"] === e).length])
    ),
    non_renseigne: enVigueur.filter((v) => v.ligne["dernier_etat"] === null).length,
    retirees: vus.length - enVigueur.length
  }
}

const actions = (tables: Projection.Tables, schemaId?: string) =>
  voir(tables, schemaId).filter((v) => v.ligne["nature"] === "action")

const grouper = <K>(vus: ReadonlyArray<Vu>, cles: (v: Vu) => ReadonlyArray<K>): Map<K, Array<Vu>> => {
  const m = new Map<K, Array<Vu>>()
  for (const v of vus) {
    for (const k of cles(v)) {
      const l = m.get(k)
      if (l === undefined) m.set(k, [v])
      else l.push(v)
    }
  }
  return m
}

/**
 * Progress by axe: per schéma and axe (the nearest axe above the action; `axe_id` null for actions under none), the
 * actions in force counted by their latest état d'avancement, those never reported, and those withdrawn.
 */
export const avancementParAxe = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const noeuds = new Map(lignesDe(tables, NOEUDS).map((r) => [`${texte(r, "schema_id")}/${texte(r, "noeud_id")}`, r]))
  const groupes = grouper(actions(tables, schemaId), (v) => [
    JSON.stringify([texte(v.ligne, "schema_id"), texte(v.ligne, "departement"), texteOuNull(v.ligne, "axe_id")])
  ])
  const lignes = [...groupes].map(([k, vus]): Ligne => {
    const [s, d, axe] = JSON.parse(k) as [string, string, string | null]
    const a = axe === null ? undefined : noeuds.get(`${s}/${axe}`)
    return {
      schema_id: s,
      departement: d,
      axe_id: axe,
      axe: a === undefined ? null : [texteOuNull(a, "code"), texte(a, "titre")].filter((x) => x !== null).join(" — "),
      rang: a === undefined ? null : (a["rang"] as number),
      ...compter(vus)
    }
  }).sort((x, y) =>
    compareTexte(texte(x, "schema_id"), texte(y, "schema_id")) ||
    ((x["rang"] as number | null) ?? Number.MAX_SAFE_INTEGER) -
      ((y["rang"] as number | null) ?? Number.MAX_SAFE_INTEGER) ||
    compareTexte(texteOuNull(x, "axe_id"), texteOuNull(y, "axe_id"))
  )
  return extrait("avancement_par_axe", "Avancement par axe", "one row per schéma and axe", [
    colonne("schema_id", "Schéma", "text", "The schéma's id"),
    colonne("departement", "Département", "text", "Département code"),
    colonne("axe_id", "Axe (id)", "text", "The axe's id; null for actions under no axe"),
    colonne("axe", "Axe", "text", "Its code and title"),
    colonne("rang", "Rang", "integer", "The axe's rank in the plan", "entier"),
    ...colonnesComptes
  ], lignes)
}

/**
 * Progress by theme: per schéma and theme (an action's themes and those of the nodes above it; an action under two
 * themes counts in both), the actions in force counted by latest état, never reported, and withdrawn.
 */
export const avancementParTheme = (tables: Projection.Tables, schemaId?: string): Extrait => {
  const groupes = grouper(
    actions(tables, schemaId),
    (v) =>
      (v.themes.length === 0 ? [""] : v.themes).map((t) =>
        JSON.stringify([texte(v.ligne, "schema_id"), texte(v.ligne, "departement"), t])
      )
  )
  const lignes = [...groupes].map(([k, vus]): Ligne => {
    const [s, d, theme] = JSON.parse(k) as [string, string, string]
    return { schema_id: s, departement: d, theme: theme === "" ? null : theme, ...compter(vus) }
  }).sort((x, y) =>
    compareTexte(texte(x, "schema_id"), texte(y, "schema_id")) ||
    compareTexte(texteOuNull(x, "theme"), texteOuNull(y, "theme"))
  )
  return extrait("avancement_par_theme", "Avancement par thème", "one row per schéma and theme", [
    colonne("schema_id", "Schéma", "text", "The schéma's id"),
    colonne("departement", "Département", "text", "Département code"),
    colonne("theme", "Thème", "text", "The theme; null for actions with none"),
    ...colonnesComptes
  ], lignes)
}

/** Every view of the projection (the register, the progress history, progress by axe and by theme), for one schéma or all: a report's tables, a workbook's sheets. */
export const extraits = (tables: Projection.Tables, schemaId?: string): ReadonlyArray<Extrait> => [
  registre(tables, schemaId),
  historiqueAvancements(tables, schemaId),
  avancementParAxe(tables, schemaId),
  avancementParTheme(tables, schemaId)
]
