/**
 * Indicator values from a table (CSV or XLSX): one row per indicator, territory, period and breakdown, or the Cnaf's
 * open-data coverage files (`txcouv_pe_*`, `nbpla_pe_*`: one row per territory and year, one column per indicator).
 * The values of a file go to one schéma as one batch: all or nothing, every rule of the domain applied.
 *
 * Generic columns: `indicateur`, `territoire` (`commune:Nanterre`, `departement:92`...: see `FichierPlan`),
 * `periode` (`2024`, `2024-01-01/2024-06-30`), `valeur` (a number, `,` or `.` for decimals, spaces between
 * thousands; `oui`/`non`), `unite` (default: the indicator's definition), `source`, and optionally `methode` and one
 * `ventilation:<dimension>` column per breakdown dimension.
 */
import { DateTime, Effect, Option, Result, Stream } from "effect"
import {
  Catalogue,
  CommandHandler,
  Commandes as C,
  EventStore,
  Geographie,
  IdGenerator,
  Indicateur,
  SchemaDepartemental,
  Territoire as Terr
} from "@sdsf/domain"
import type { Erreurs, Evenements, Temps, Territoire } from "@sdsf/domain"
import { FichierInvalide, formatValeur } from "./FichierInvalide.ts"
import type { Probleme } from "./FichierInvalide.ts"
import { resoudreTerritoire } from "./PlanImport.ts"
import type { Fichier } from "./Source.ts"
import * as Tableau from "./Tableau.ts"

/** How the table is laid out: `sdsf` (one value per row) or `cnaf` (the Cnaf's open-data coverage files). */
export type Preset = "sdsf" | "cnaf"

/** Options of an import of values. */
export interface Options {
  /** The schéma the values go to (it must exist: the values follow its rules). */
  readonly schemaId: Evenements.SchemaId
  /** Default: `cnaf` when the headers are the Cnaf's (`annee` and `txcouv_...` or `pl_...` columns), else `sdsf`. */
  readonly preset?: Preset | undefined
  /** The source recorded with each value; default `Cnaf, data.caf.fr (<file name>)` for the Cnaf preset. */
  readonly source?: string | undefined
  /**
   * Cnaf preset: keep only the rows of the schéma's département (its row, its communes, the EPCI with a member in it,
   * and the national row); default true. `false` keeps every row.
   */
  readonly departementSeulement?: boolean | undefined
}

/** What an import of values did: the values recorded, the rows left out and why, the domain's warnings. */
export interface Resultat {
  readonly valeurs: number
  readonly indicateursDefinis: number
  /** Rows or cells not imported, with the reason (a placeholder `XXX` territory, another département, an empty cell). */
  readonly ignorees: ReadonlyArray<{ readonly ligne: number; readonly raison: string }>
  readonly avertissements: ReadonlyArray<Erreurs.Avertissement>
}

const estCnaf = (entetes: ReadonlyArray<string>) =>
  entetes.includes("annee") && entetes.some((h) => /^(txcouv|pl)_[a-z_]+$/.test(h))

/** The Cnaf's mode stems and their labels (domain.md "Real data"). */
const modes: Readonly<Record<string, string>> = {
  psu_col: "crèche financée par la PSU",
  hors_psu_col: "micro-crèche PAJE (hors PSU)",
  prescol: "préscolarisation avant 3 ans",
  am_ind: "assistant(e) maternel(le)",
  gad_ind: "garde à domicile",
  eaje: "accueil collectif (EAJE)",
  ind: "accueil individuel"
}

/**
 * The indicator code of a Cnaf column, and its definition: `txcouv_<scale>` is `txcouv` (taux de couverture global),
 * `txcouv_<mode>_<scale>` is `txcouv-<mode>`, `pl_<mode>_<scale>` is `pl-<mode>` (`pl_am_ind` → `pl-am`,
 * `pl_gad_ind` → `pl-gad`, as the domain's reference definitions). Rates are places per 100 children under 3, never
 * recomputed from the modes (they add up only within rounding), and may exceed 100.
 */
export const indicateurCnaf = (colonne: string): Indicateur.DefinitionIndicateur | undefined => {
  const m = /^(txcouv|pl)(?:_([a-z_]+?))?_(nat|dep|epci|com)$/.exec(colonne)
  if (m === null) return undefined
  const [, genre, mode] = m
  if (mode !== undefined && modes[mode] === undefined) return undefined
  const court = genre === "pl" && mode === "am_ind" ? "am" : genre === "pl" && mode === "gad_ind" ? "gad" : mode
  const stem = court === undefined ? "" : `-${court.replaceAll("_", "-")}`
  const code = `${genre}${stem}`
  const reference = Indicateur.definitionsReference.find((d) => d.code === code)
  if (reference !== undefined) return reference
  const niveaux: Array<Territoire.NiveauTerritorial> = ["france", "departement", "epci", "commune"]
  return genre === "txcouv"
    ? {
      code: code as Indicateur.CodeIndicateur,
      libelle: `Taux de couverture${
        mode === undefined ? " global" : ` : ${modes[mode]}`
      } (places pour 100 enfants de moins de 3 ans)`,
      unite: "pour-100",
      categorie: "taux-de-couverture",
      additivite: "aucune",
      niveaux
    }
    : {
      code: code as Indicateur.CodeIndicateur,
      libelle: `Places${mode === undefined ? "" : ` : ${modes[mode as string]}`}`,
      unite: "places",
      categorie: "effectif",
      additivite: "somme",
      niveaux
    }
}

const nombre = (s: string): number | undefined => {
  const t = s.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".")
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined
}

const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec, cacheSize: 0 })

/** The commands a table gives for a schéma, and the rows left out; `FichierInvalide` names each bad cell. */
const compiler = Effect.fnUntraced(function*(tableau: Tableau.Tableau, options: Options) {
  const geo = yield* Geographie.Geographie
  const stream = EventStore.streamName("schema", options.schemaId)
  const { state } = yield* handler.load(stream)
  const problemes: Array<Probleme> = []
  const ignorees: Array<{ ligne: number; raison: string }> = []
  if (state._tag !== "Schema") {
    return yield* Effect.fail(
      new FichierInvalide({
        fichier: tableau.fichier,
        problemes: [{
          chemin: "",
          attendu: `values for an existing schéma (${options.schemaId} has no events: import its plan first)`,
          recu: formatValeur(options.schemaId)
        }]
      })
    )
  }
  // The decider keeps only what its rules read: the département is in the schéma's first event (ElaborationLancee).
  const store = yield* EventStore.EventStore
  const premier = yield* store.readStream(stream, { maxCount: 1 }).pipe(Stream.runHead)
  const lance = Option.isSome(premier) ? Catalogue.decoder(premier.value) : undefined
  const departement = (lance !== undefined && Result.isSuccess(lance) && lance.success._tag === "ElaborationLancee"
    ? lance.success.departement
    : "") as Territoire.CodeDepartement
  const survenuLe = DateTime.formatIso(yield* DateTime.now) as Temps.Instant
  const base = { schemaId: options.schemaId, survenuLe }
  const preset = options.preset ?? (estCnaf(tableau.entetes) ? "cnaf" : "sdsf")
  const colonne = (h: string) => tableau.entetes.indexOf(h)
  const pb = (ligne: number, col: number, attendu: string, recu: string) =>
    problemes.push({ ligne, colonne: col + 1, chemin: tableau.entetes[col] ?? "", attendu, recu: formatValeur(recu) })
  const territoires = new Map<string, Territoire.Territoire | string>()
  const territoire = Effect.fnUntraced(function*(t: string) {
    let r = territoires.get(t)
    if (r === undefined) territoires.set(t, r = yield* resoudreTerritoire(geo, t, departement))
    return r
  })
  const commandes: Array<C.Commande> = []
  const origines: Array<{ readonly ligne: number; readonly colonne: number; readonly chemin: string }> = []
  const definis = new Map(state.definitions)
  let indicateursDefinis = 0
  const vus = new Map<string, number>()
  const valeur = (
    ligne: number,
    col: number,
    donnees: Omit<Indicateur.ValeurIndicateur, "valeurId" | "enregistreLe">
  ) => {
    const cle = Indicateur.cleValeur(donnees)
    const avant = vus.get(cle)
    if (avant !== undefined) {
      pb(
        ligne,
        col,
        `one value per indicator, territory, period and breakdown (line ${avant} gives this one already)`,
        cle
      )
      return
    }
    vus.set(cle, ligne)
    const valeurId = IdGenerator.deriveId(options.schemaId, "valeur", cle) as Indicateur.ValeurId
    const complete = { ...donnees, valeurId, enregistreLe: survenuLe }
    commandes.push(new C.EnregistrerValeurIndicateur({ ...base, valeur: complete }, { disableChecks: true }))
    origines.push({ ligne, colonne: col + 1, chemin: tableau.entetes[col] ?? "" })
  }

  if (preset === "cnaf") {
    const cle = (["numcom", "numepci", "numdep"] as const).find((k) => colonne(k) >= 0)
    const annee = colonne("annee")
    if (annee < 0) pb(1, 0, "a column annee (the Cnaf preset)", tableau.entetes.join(","))
    const donnees = tableau.entetes.flatMap((h, k) => {
      const d = indicateurCnaf(h)
      return d === undefined ? [] : [[k, d] as const]
    })
    const source = options.source ?? `Cnaf, data.caf.fr (${tableau.fichier.replace(/^.*[\\/]/, "")})`
    for (const [k, d] of donnees) {
      if (!definis.has(d.code)) {
        definis.set(d.code, d)
        commandes.push(new C.DefinirIndicateur({ ...base, definition: d }, { disableChecks: true }))
        origines.push({ ligne: 1, colonne: k + 1, chemin: tableau.entetes[k] ?? "" })
        indicateursDefinis++
      }
    }
    for (const l of tableau.lignes) {
      const an = l.cellules[annee] ?? ""
      // An integer in six datasets, a date in the national one (domain.md "Traps").
      const m = /^(\d{4})(?:$|[-/])|^\d{2}\/\d{2}\/(\d{4})$/.exec(an)
      const y = m === null ? undefined : Number(m[1] ?? m[2])
      if (y === undefined || y < 1900 || y > 2100) {
        pb(l.ligne, annee, "a year (2023) or a date (2023-01-01)", an)
        continue
      }
      let terr: Territoire.Territoire
      if (cle === undefined) terr = { niveau: "france" }
      else {
        const k = colonne(cle)
        const code = l.cellules[k] ?? ""
        if (/^X+$/i.test(code)) {
          ignorees.push({
            ligne: l.ligne,
            raison: `placeholder ${cle} ${code} (no territory; the row's values are not imported)`
          })
          continue
        }
        const niveau = cle === "numcom" ? "commune" : cle === "numepci" ? "epci" : "departement"
        if (niveau === "departement") {
          const r = yield* territoire(`departement:${code}`)
          if (typeof r === "string") {
            pb(l.ligne, k, r, code)
            continue
          }
          terr = r
        } else {
          // Search the commune in its own département (the file covers France): the filter below keeps the schéma's.
          const dep = /^97\d/.test(code) ? code.slice(0, 3) : code.slice(0, 2)
          const r = yield* territoire(niveau === "commune" ? `commune:${code} (${dep})` : `${niveau}:${code}`)
          if (typeof r === "string") {
            pb(l.ligne, k, r, code)
            continue
          }
          terr = r.niveau === "commune" && r.code !== code && /^\d[\dAB]\d{3}$/.test(code)
            ? { niveau: "commune", code: code as Territoire.CodeCommune } // an old code: the value is the old commune's
            : r
        }
        if (options.departementSeulement !== false) {
          const dep = Terr.departementDe(terr)
          const dedans = dep !== undefined
            ? dep === departement
            : terr.niveau === "epci"
            ? (yield* Effect.result(geo.groupement(terr.code))).pipe((x) =>
              Result.isSuccess(x) && x.success.fiche.departements.includes(departement)
            )
            : true
          if (!dedans) {
            ignorees.push({
              ligne: l.ligne,
              raison: `${Terr.cleTerritoire(terr)} is outside département ${departement}`
            })
            continue
          }
        }
      }
      for (const [k, d] of donnees) {
        const cellule = l.cellules[k] ?? ""
        if (cellule === "") {
          ignorees.push({ ligne: l.ligne, raison: `${tableau.entetes[k]} is empty` })
          continue
        }
        const n = nombre(cellule)
        if (n === undefined || n < 0) {
          pb(l.ligne, k, "a number of at least 0 (a rate may exceed 100)", cellule)
          continue
        }
        valeur(l.ligne, k, {
          indicateur: d.code,
          territoire: terr,
          periode: { annee: y as Temps.Annee },
          mesure: { nature: "exacte", valeur: n },
          unite: d.unite,
          source
        })
      }
    }
  } else {
    const requis = ["indicateur", "territoire", "periode", "valeur"]
    const manquants = requis.filter((h) => colonne(h) < 0)
    if (colonne("source") < 0 && options.source === undefined) manquants.push("source")
    if (manquants.length > 0) {
      return yield* Effect.fail(
        new FichierInvalide({
          fichier: tableau.fichier,
          problemes: [{
            ligne: 1,
            colonne: 1,
            chemin: "",
            attendu: `the columns ${[...requis, "source"].join(", ")} (missing: ${manquants.join(", ")})`,
            recu: formatValeur(tableau.entetes.join(","))
          }]
        })
      )
    }
    const dims = tableau.entetes.flatMap((
      h,
      k
    ) => (h.startsWith("ventilation:") ? [[k, h.slice("ventilation:".length)] as const] : []))
    const cellule = (l: Tableau.Ligne, h: string) => l.cellules[colonne(h)] ?? ""
    for (const l of tableau.lignes) {
      const n0 = problemes.length
      const code = cellule(l, "indicateur")
      if (!/^[a-z0-9]+([_-][a-z0-9]+)*$/.test(code)) {
        pb(l.ligne, colonne("indicateur"), "an indicator code: a lowercase slug (places-eaje)", code)
      }
      const def = definis.get(code as Indicateur.CodeIndicateur)
      const donnee = colonne("unite") >= 0 && cellule(l, "unite") !== "" ? cellule(l, "unite") : def?.unite
      const unite = donnee as Indicateur.Unite | undefined
      if (unite === undefined) {
        const attendu = "a unit (the indicator is not defined in the schéma: add a unite column)"
        pb(l.ligne, Math.max(colonne("unite"), colonne("indicateur")), attendu, code)
      } else if (!Indicateur.Unite.literals.includes(unite)) {
        pb(l.ligne, colonne("unite"), `a unit: ${Indicateur.Unite.literals.join(", ")}`, unite)
      }
      const r = yield* territoire(cellule(l, "territoire"))
      if (typeof r === "string") pb(l.ligne, colonne("territoire"), r, cellule(l, "territoire"))
      const p = cellule(l, "periode")
      const pm = /^(\d{4})$|^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(p)
      const horsAnnees = pm?.[1] !== undefined && (Number(pm[1]) < 1900 || Number(pm[1]) > 2100)
      const aRebours = pm?.[2] !== undefined && pm[2] > (pm[3] as string)
      if (pm === null || horsAnnees || aRebours) {
        pb(l.ligne, colonne("periode"), "a year (2024) or a range of days YYYY-MM-DD/YYYY-MM-DD", p)
      }
      const v = cellule(l, "valeur")
      const n = nombre(v)
      const ouiNon = unite === "oui-non"
      if (ouiNon ? !/^(oui|non)$/i.test(v) : unite === "modalite" ? v === "" : n === undefined) {
        pb(
          l.ligne,
          colonne("valeur"),
          ouiNon ? "oui or non" : unite === "modalite" ? "a category" : "a number (1234, 12,5 or 12.5)",
          v
        )
      }
      const source = colonne("source") >= 0 && cellule(l, "source") !== "" ? cellule(l, "source") : options.source
      if (source === undefined) pb(l.ligne, colonne("source"), "a source (Caf 93, Insee...)", "")
      if (
        problemes.length > n0 || typeof r === "string" || unite === undefined || source === undefined || pm === null
      ) continue
      const ventilation = Object.fromEntries(
        dims.flatMap(([k, d]) => ((l.cellules[k] ?? "") === "" ? [] : [[d, l.cellules[k] as string]]))
      )
      const methode = colonne("methode") >= 0 ? cellule(l, "methode") : ""
      valeur(l.ligne, colonne("valeur"), {
        indicateur: code as Indicateur.CodeIndicateur,
        territoire: r,
        periode: pm[1] !== undefined
          ? { annee: Number(pm[1]) as Temps.Annee }
          : { du: pm[2] as Temps.Jour, au: pm[3] as Temps.Jour },
        ...(Object.keys(ventilation).length === 0 ? {} : { ventilation: ventilation as Indicateur.Ventilation }),
        mesure: ouiNon
          ? { nature: "oui-non", valeur: v.toLowerCase() === "oui" }
          : unite === "modalite"
          ? { nature: "modalite", valeur: v }
          : { nature: "exacte", valeur: n as number },
        unite,
        source,
        ...(methode === "" ? {} : { methode })
      })
    }
  }
  // Every value checked as the handler will (a real calendar day, a known dimension...), named by its cell.
  for (const [i, c] of commandes.entries()) {
    const r = C.verifier(JSON.parse(JSON.stringify(c)) as unknown)
    const o = origines[i]
    if (Result.isSuccess(r)) commandes[i] = r.success
    else {problemes.push({
        ...o,
        chemin: o?.chemin ?? "",
        attendu: `${r.failure.path}: ${r.failure.reason}`,
        recu: r.failure.value
      })}
  }
  if (problemes.length > 0) {
    problemes.sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0) || (a.colonne ?? 0) - (b.colonne ?? 0))
    return yield* Effect.fail(new FichierInvalide({ fichier: tableau.fichier, problemes }))
  }
  return { stream, state, commandes, origines, ignorees, indicateursDefinis }
})

const lireTableau = (fichier: Fichier): Effect.Effect<Tableau.Tableau, FichierInvalide> =>
  /\.xlsx$/i.test(fichier.nom) ? Tableau.xlsx(fichier) : Effect.fromResult(Tableau.csv(fichier))

/** A refusal of the domain, named by the cell the refused command comes from. */
const refus = (
  fichier: string,
  origine: { readonly ligne: number; readonly colonne: number; readonly chemin: string } | undefined,
  e: unknown,
  recu: string
) => {
  const tag = typeof e === "object" && e !== null && "_tag" in e ? `${String(e._tag)}: ` : ""
  const message = e instanceof Error ? e.message : String(e)
  return new FichierInvalide({
    fichier,
    problemes: [{
      ...origine,
      chemin: origine?.chemin ?? "",
      attendu: `a value the schéma accepts (${tag}${message})`,
      recu
    }]
  })
}

/** Checks a CSV or XLSX file of values against a schéma and writes nothing. */
export const valider = Effect.fn("ImportValeurs.valider")(function*(fichier: Fichier, options: Options) {
  const tableau = yield* lireTableau(fichier)
  const c = yield* compiler(tableau, options)
  // The state the commands were compiled against (one read of the stream, not two).
  let etat: SchemaDepartemental.Etat = c.state
  const avertissements: Array<Erreurs.Avertissement> = []
  for (const [i, commande] of c.commandes.entries()) {
    const d = SchemaDepartemental.decide(commande, etat)
    if (Result.isFailure(d)) return yield* Effect.fail(refus(tableau.fichier, c.origines[i], d.failure, commande._tag))
    for (const e of d.success.events) etat = SchemaDepartemental.evolve(etat, e)
    avertissements.push(...d.success.warnings)
  }
  const resultat: Resultat = {
    valeurs: c.commandes.length - c.indicateursDefinis,
    indicateursDefinis: c.indicateursDefinis,
    ignorees: c.ignorees,
    avertissements
  }
  return resultat
})

/** Imports a CSV or XLSX file of values into a schéma: one atomic batch, or `FichierInvalide` and nothing written. */
export const importer = Effect.fn("ImportValeurs.importer")(function*(fichier: Fichier, options: Options) {
  const tableau = yield* lireTableau(fichier)
  const c = yield* compiler(tableau, options)
  const fait = yield* handler.handleAll(c.stream, c.commandes).pipe(
    Effect.catchTag(
      "CommandRefused",
      (e) => Effect.fail(refus(tableau.fichier, c.origines[e.index], e.error, e.command))
    ),
    Effect.catchTag(
      "InvalidCommand",
      (e) => Effect.fail(refus(tableau.fichier, c.origines[e.index ?? 0], e, e.command))
    )
  )
  const resultat: Resultat = {
    valeurs: c.commandes.length - c.indicateursDefinis,
    indicateursDefinis: c.indicateursDefinis,
    ignorees: c.ignorees,
    avertissements: fait.warnings
  }
  return resultat
})
