/**
 * A schéma's *journal de projet* (seed 000 is one, for Hauts-de-Seine): its timeline, action register and progress,
 * governance, indicators and bilan, composed from the projections' tables as one `Rapport` (rendered by `Html`) and
 * the extracts behind it (rendered by `Csv`, `Xlsx`, `Markdown`), for every schéma of the store.
 */
import type { Projection } from "@sdsf/domain"
import * as Bilan from "./Bilan.ts"
import * as CadenceGouvernance from "./CadenceGouvernance.ts"
import * as Chronologie from "./Chronologie.ts"
import type { Extrait } from "./Extrait.ts"
import * as ProjectionIndicateurs from "./ProjectionIndicateurs.ts"
import * as Projections from "./Projections.ts"
import * as Rapport from "./Rapport.ts"
import * as RegistreActions from "./RegistreActions.ts"
import * as TableauIndicateurs from "./TableauIndicateurs.ts"
import * as TableauNational from "./TableauNational.ts"

/** A schéma's journal: who it is, the report, and every extract it shows or that goes with it. */
export interface Journal {
  readonly schemaId: string
  readonly departement: string
  readonly intitule: string
  readonly periode: string
  readonly rapport: Rapport.Rapport
  /** The tables of the schéma (shown in the report or not), each named once: the CSV files and XLSX sheets. */
  readonly extraits: ReadonlyArray<Extrait>
}

const texte = ProjectionIndicateurs.texte

const entier = (r: Projection.Row, c: string): number => {
  const v = r[c]
  return typeof v === "number" ? v : 0
}

const dateIso = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/

/**
 * The steps of the timeline as the report draws them: a step whose date is documented is placed at its sort key (the
 * start of an interval; the date as printed goes with it); the others are left to the timeline table, never dated.
 */
export const etapes = (chronologie: Extrait): ReadonlyArray<Rapport.Etape> =>
  chronologie.lignes.flatMap((r) => {
    const jour = dateIso.exec(texte(r, "date_tri"))?.[0]
    if (jour === undefined) return []
    const precision = texte(r, "date_precision")
    const detail = [texte(r, "detail"), precision === "jour" ? "" : `date : ${texte(r, "date")}`]
      .filter((s) => s !== "").join(" · ")
    return [{
      jour,
      libelle: texte(r, "libelle"),
      detail: detail === "" ? undefined : detail,
      categorie: texte(r, "phase")
    }]
  })

const filtre = (e: Extrait, schemaId: string): Extrait => ({
  ...e,
  lignes: e.lignes.filter((l) => l["schema_id"] === undefined || l["schema_id"] === schemaId)
})

const sections = (entrees: ReadonlyArray<Rapport.Section | undefined>): ReadonlyArray<Rapport.Section> =>
  entrees.filter((s): s is Rapport.Section => s !== undefined)

/** The columns a schéma's own report need not repeat on every row: the schéma and its département are its title. */
const communes = new Set(["schema_id", "departement"])

/** An extract without the schéma's id and département columns (the CSV and XLSX keep them). */
export const pourLeRapport = (e: Extrait): Extrait => {
  const colonnes = e.colonnes.filter((c) => !communes.has(c.nom))
  return {
    ...e,
    colonnes,
    lignes: e.lignes.map((l) => Object.fromEntries(colonnes.map((c) => [c.nom, l[c.nom] ?? null])))
  }
}

const siNonVide = (e: Extrait, options: { readonly introduction?: string } = {}): Rapport.Tableau | undefined =>
  e.lignes.length === 0 ? undefined : Rapport.tableau(pourLeRapport(e), options)

/** The journal of one schéma, from the projections' tables (`Projections.lire`); `jour` limits indicators to what was known that day. */
export const journal = (
  lecture: Projections.Lecture,
  schema: Projection.Row,
  options: { readonly jour?: TableauIndicateurs.Options["jour"] } = {}
): Journal => {
  const schemaId = texte(schema, "schema_id")
  const departement = texte(schema, "departement")
  const registreT = Projections.de(lecture, RegistreActions.projection)
  const cadenceT = Projections.de(lecture, CadenceGouvernance.projection)
  const bilanT = Projections.de(lecture, Bilan.projection)
  const donnees = ProjectionIndicateurs.depuisTables(Projections.de(lecture, ProjectionIndicateurs.projection))
  const portee = { schemaId, jour: options.jour }

  const chronologie = Chronologie.chronologie(Projections.de(lecture, Chronologie.projection), schemaId)
  const registre = RegistreActions.registre(registreT, schemaId)
  const avancements = RegistreActions.historiqueAvancements(registreT, schemaId)
  const parAxe = RegistreActions.avancementParAxe(registreT, schemaId)
  const parTheme = RegistreActions.avancementParTheme(registreT, schemaId)
  const cadence = CadenceGouvernance.parInstanceEtAnnee(cadenceT, schemaId)
  const reunions = CadenceGouvernance.reunions(cadenceT, schemaId)
  const lignes = TableauIndicateurs.lignes(donnees, portee)
  const indicateurs = TableauIndicateurs.extraitLignes(lignes)
  const derives = TableauIndicateurs.extraitDerives(TableauIndicateurs.derives(donnees, portee))
  const evaluation = Bilan.evaluationParAction(bilanT, schemaId)
  const preconisations = Bilan.preconisations(bilanT, schemaId)
  const etapesBilan = Bilan.etapesBilan(bilanT, schemaId)
  const bilansAnnuels = Bilan.bilansAnnuels(bilanT, schemaId)
  const appels = Bilan.appelsAProjets(bilanT, schemaId)
  const labellisations = Bilan.labellisations(bilanT, schemaId)

  const actions = parAxe.lignes.reduce((n, r) => n + entier(r, "actions"), 0)
  const tenues = cadence.lignes.reduce((n, r) => n + entier(r, "tenues"), 0)
  const contradictions = lignes.filter((l) => l.contradiction).length
  const rapport = Rapport.make({
    titre: texte(schema, "intitule"),
    sousTitre: `Département ${departement} · ${texte(schema, "periode")} · journal de projet`,
    resume: {
      paragraphes: [
        `Phase : ${texte(schema, "phase")}. Adopté le : ${texte(schema, "adopte_le") || "non documenté"}. ` +
        `Renouvellement : ${entier(schema, "prochain_renouvellement")}.`,
        ...(contradictions === 0 ? [] : [
          `${contradictions} valeur(s) d'indicateur se contredisent dans une même source : elles sont toutes montrées.`
        ])
      ],
      chiffres: [
        { libelle: "Actions en vigueur", valeur: actions, format: "entier" },
        { libelle: "Signatures", valeur: entier(schema, "signatures"), format: "entier" },
        { libelle: "Réunions tenues", valeur: tenues, format: "entier" },
        { libelle: "Valeurs d'indicateurs", valeur: lignes.length, format: "entier" }
      ]
    },
    sections: sections([
      Rapport.chronologie("Les étapes du schéma", etapes(chronologie), {
        introduction: "Chaque date est celle du document ; une étape sans date documentée figure dans le tableau."
      }),
      siNonVide(chronologie),
      parAxe.lignes.length === 0 ? undefined : Rapport.barresDe(parAxe, {
        titre: "Actions par axe",
        categorie: "axe",
        valeurs: ["actions", "non_renseigne", "retirees"]
      }),
      siNonVide(parAxe),
      siNonVide(parTheme),
      siNonVide(registre),
      siNonVide(cadence),
      siNonVide(indicateurs),
      siNonVide(derives),
      siNonVide(bilansAnnuels),
      siNonVide(appels),
      siNonVide(labellisations),
      siNonVide(etapesBilan),
      siNonVide(evaluation),
      siNonVide(preconisations)
    ])
  })
  return {
    schemaId,
    departement,
    intitule: texte(schema, "intitule"),
    periode: texte(schema, "periode"),
    rapport,
    extraits: [
      chronologie,
      registre,
      avancements,
      parAxe,
      parTheme,
      cadence,
      reunions,
      indicateurs,
      derives,
      bilansAnnuels,
      appels,
      labellisations,
      etapesBilan,
      evaluation,
      preconisations
    ].map((e) => filtre(e, schemaId))
  }
}

/** The journal of every schéma of the store, by département then period. */
export const journaux = (
  lecture: Projections.Lecture,
  options: { readonly jour?: TableauIndicateurs.Options["jour"] } = {}
): ReadonlyArray<Journal> =>
  TableauNational.tableau(Projections.de(lecture, TableauNational.projection)).lignes.map((s) =>
    journal(lecture, s, options)
  )

/** The national table: one row per département (its current schéma) and one per schéma. */
export const national = (lecture: Projections.Lecture): ReadonlyArray<Extrait> => {
  const t = Projections.de(lecture, TableauNational.projection)
  return [TableauNational.parDepartement(t), TableauNational.tableau(t)]
}
