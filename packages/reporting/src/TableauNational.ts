/**
 * The national table: one row per schéma (département, phase, period, title, adoption, signatures, next renewal,
 * successor), and one row per département for its current schéma: the latest one not superseded.
 */
import { Periode, Projection } from "@sdsf/domain"
import type { Evenements } from "@sdsf/domain"
import type { Extrait } from "./Extrait.ts"
import {
  assembler,
  cellulesDate,
  col,
  colonne,
  colonnesDate,
  colonnesSchema,
  compareTexte,
  extrait,
  lignesDe,
  liste,
  put,
  refSchema,
  texte,
  texteOuNull
} from "./internal/commun.ts"

const SCHEMAS = "schemas"
const SIGNATURES = "signatures"

const tables: ReadonlyArray<Projection.Table> = [
  {
    name: SCHEMAS,
    grain: "one row per schéma launched (`ElaborationLancee`)",
    key: ["schema_id"],
    columns: [
      ...colonnesSchema,
      col("intitule", "text", "Its title as printed"),
      col("phase", "text", "elaboration, validation, mise-en-oeuvre, bilan, renouvellement, clos"),
      col("regime", "text", "decret-2021-1644 or anterieur"),
      col("periode_debut", "integer", "First year of its period"),
      col("periode_fin", "integer", "Last year of its period, after any extension"),
      col("periode", "text", "The period as text (`2022-2026`), after any extension"),
      col("periode_initiale", "text", "The period it was launched for"),
      col("prorogations", "integer", "Extensions by avenant"),
      col("prochain_renouvellement", "integer", "The year it ends: its successor is due by then"),
      ...colonnesDate("lance_le", "When its élaboration was launched"),
      col("objet_adoption", "text", "schema or orientations; null before adoption", true),
      ...colonnesDate("adopte_le", "When it was adopted", { nullable: true }),
      ...colonnesDate("mise_en_oeuvre_le", "When its implementation started", { nullable: true }),
      col("signatures", "integer", "Institutions that signed it"),
      col("signataires", "integer", "People who signed it (several may sign for one institution)"),
      col("predecesseurs", "text[]", "Ids of the schémas it follows or merges"),
      col("successeur_id", "text", "Its successor's id, once named (renewal, or the successor's own launch)", true),
      col("successeur_periode", "text", "Its successor's period, when known", true),
      ...colonnesDate("successeur_adopte_le", "When its successor was adopted", { nullable: true })
    ]
  },
  {
    name: SIGNATURES,
    grain: "one row per schéma and signing institution",
    key: ["schema_id", "institution_id"],
    columns: [
      ...colonnesSchema,
      col("institution_id", "text", "The institution"),
      col("signataires", "integer", "People signing for it"),
      ...colonnesDate("le", "When it signed")
    ]
  }
]

const launch = (e: Evenements.ElaborationLancee): Projection.Row => ({
  schema_id: e.schemaId,
  departement: e.departement,
  intitule: e.intitule,
  phase: "elaboration",
  regime: e.regime,
  periode_debut: e.periode.debut,
  periode_fin: e.periode.fin,
  periode: Periode.formatPeriode(e.periode),
  periode_initiale: Periode.formatPeriode(e.periode),
  prorogations: 0,
  prochain_renouvellement: e.periode.fin,
  ...cellulesDate("lance_le", e.le),
  objet_adoption: null,
  ...cellulesDate("adopte_le", undefined),
  ...cellulesDate("mise_en_oeuvre_le", undefined),
  signatures: 0,
  signataires: 0,
  predecesseurs: e.predecesseurs.map((p) => p.schemaId),
  successeur_id: null,
  successeur_periode: null,
  ...cellulesDate("successeur_adopte_le", undefined)
})

/** Updates the schéma's own row (read by every rule through `assembler`). */
const maj = (
  e: { readonly schemaId: string },
  read: Projection.ReadRow,
  f: (r: Projection.Row) => Record<string, Projection.Cell>
): ReadonlyArray<Projection.Change> => {
  const r = read(SCHEMAS, [e.schemaId])
  return r === undefined ? [] : [put(SCHEMAS, { ...r, ...f(r) })]
}

/** The national table as a projection: its tables are `schemas` (the table itself) and `signatures`. */
export const projection: Projection.Projection = Projection.make(assembler({
  name: "tableau_national",
  version: 1,
  description: "One row per schéma: département, phase, period, adoption, signatures, next renewal, successor",
  tables,
  regles: {
    ElaborationLancee: {
      reads: (e) => e.predecesseurs.map((p) => refSchema(p.schemaId)),
      evolve: (e, { read }) => [
        put(SCHEMAS, launch(e)),
        // A predecessor the store knows learns its successor from the successor's launch, when no renewal named one.
        ...e.predecesseurs.flatMap((p) => {
          const r = read(SCHEMAS, [p.schemaId])
          return r === undefined || r["successeur_id"] !== null
            ? []
            : [put(SCHEMAS, { ...r, successeur_id: e.schemaId, successeur_periode: Periode.formatPeriode(e.periode) })]
        })
      ]
    },
    SchemaAdopte: {
      evolve: (e, { read }) =>
        maj(e, read, () => ({ phase: "validation", objet_adoption: e.objet, ...cellulesDate("adopte_le", e.le) }))
    },
    SchemaSigne: {
      reads: (e) => [{ table: SIGNATURES, key: [e.schemaId, e.institutionId] }],
      evolve: (e, { read, departement }) => {
        // An institution signing again replaces its signature: counted once, with its latest signers.
        const avant = read(SIGNATURES, [e.schemaId, e.institutionId])
        const avantSignataires = avant === undefined ? 0 : (avant["signataires"] as number)
        return [
          put(SIGNATURES, {
            schema_id: e.schemaId,
            departement,
            institution_id: e.institutionId,
            signataires: e.signataires.length,
            ...cellulesDate("le", e.le)
          }),
          ...maj(e, read, (r) => ({
            signatures: (r["signatures"] as number) + (avant === undefined ? 1 : 0),
            signataires: (r["signataires"] as number) - avantSignataires + e.signataires.length
          }))
        ]
      }
    },
    MiseEnOeuvreDemarree: {
      evolve: (e, { read }) =>
        maj(e, read, () => ({ phase: "mise-en-oeuvre", ...cellulesDate("mise_en_oeuvre_le", e.le) }))
    },
    PeriodeProrogee: {
      evolve: (e, { read }) =>
        maj(e, read, (r) => ({
          periode_fin: e.nouvelleFin,
          periode: `${r["periode_debut"] as number}-${e.nouvelleFin}`,
          prochain_renouvellement: e.nouvelleFin,
          prorogations: (r["prorogations"] as number) + 1
        }))
    },
    BilanEvaluatifLance: { evolve: (e, { read }) => maj(e, read, () => ({ phase: "bilan" })) },
    RenouvellementLance: {
      evolve: (e, { read }) =>
        maj(e, read, () => ({
          phase: "renouvellement",
          successeur_id: e.successeurId,
          successeur_periode: Periode.formatPeriode(e.periodeSuccesseur)
        }))
    },
    SuccesseurAdopte: {
      evolve: (e, { read }) =>
        maj(e, read, () => ({
          phase: "clos",
          successeur_id: e.successeurId,
          successeur_periode: Periode.formatPeriode(e.periodeSuccesseur),
          ...cellulesDate("successeur_adopte_le", e.le)
        }))
    }
  }
}))

// ---------------------------------------------------------------------------------------------------------------
// Views

const colonnesTableau = [
  colonne("departement", "Département", "text", "Département code"),
  colonne("schema_id", "Schéma", "text", "The schéma's id"),
  colonne("intitule", "Intitulé", "text", "Its title as printed"),
  colonne("phase", "Phase", "text", "elaboration, validation, mise-en-oeuvre, bilan, renouvellement, clos"),
  colonne("periode", "Période", "text", "Its period, after any extension"),
  colonne("adopte_le", "Adopté le", "text", "When it was adopted, as printed"),
  colonne("signatures", "Signatures", "integer", "Institutions that signed it", "entier"),
  colonne("signataires", "Signataires", "integer", "People who signed it", "entier"),
  colonne("prochain_renouvellement", "Renouvellement", "integer", "The year its period ends", "entier"),
  colonne("successeur_periode", "Successeur", "text", "Its successor's period, once named")
]

const vue = (r: Projection.Row): Projection.Row => ({
  departement: texte(r, "departement"),
  schema_id: texte(r, "schema_id"),
  intitule: texte(r, "intitule"),
  phase: texte(r, "phase"),
  periode: texte(r, "periode"),
  adopte_le: texteOuNull(r, "adopte_le"),
  signatures: r["signatures"] as number,
  signataires: r["signataires"] as number,
  prochain_renouvellement: r["prochain_renouvellement"] as number,
  successeur_periode: texteOuNull(r, "successeur_periode")
})

const parDepartementPuisPeriode = (a: Projection.Row, b: Projection.Row): number =>
  compareTexte(texte(a, "departement"), texte(b, "departement")) ||
  (a["periode_debut"] as number) - (b["periode_debut"] as number) ||
  compareTexte(texte(a, "schema_id"), texte(b, "schema_id"))

/** Every schéma of the store, by département and period. */
export const tableau = (tables: Projection.Tables): Extrait =>
  extrait(
    "tableau_national_schemas",
    "Tableau national des schémas",
    "one row per schéma",
    colonnesTableau,
    [...lignesDe(tables, SCHEMAS)].sort(parDepartementPuisPeriode).map(vue)
  )

/**
 * One row per département: its current schéma, the latest (by period) not superseded by another schéma of the store
 * (one that names it as a predecessor, or that it names as its successor). A closed schéma whose successor is not in
 * the store stays current: it is the latest the store knows. `schemas` counts the département's schémas in the store.
 */
export const parDepartement = (tables: Projection.Tables): Extrait => {
  const lignes = lignesDe(tables, SCHEMAS)
  const ids = new Set(lignes.map((r) => texte(r, "schema_id")))
  const remplaces = new Set(lignes.flatMap((r) => liste(r, "predecesseurs")))
  const remplace = (r: Projection.Row) =>
    remplaces.has(texte(r, "schema_id")) || (r["successeur_id"] !== null && ids.has(texte(r, "successeur_id")))
  const parDep = new Map<string, Array<Projection.Row>>()
  for (const r of lignes) {
    const l = parDep.get(texte(r, "departement"))
    if (l === undefined) parDep.set(texte(r, "departement"), [r])
    else l.push(r)
  }
  const sortie = [...parDep.keys()].sort(compareTexte).map((d) => {
    const siens = [...(parDep.get(d) ?? [])].sort(parDepartementPuisPeriode)
    const enCours = siens.filter((r) => !remplace(r))
    const courant = (enCours.length > 0 ? enCours : siens).at(-1) as Projection.Row
    return { ...vue(courant), schemas: siens.length }
  })
  return extrait(
    "tableau_national",
    "Tableau national par département",
    "one row per département: its current schéma",
    [
      ...colonnesTableau,
      colonne("schemas", "Schémas connus", "integer", "The département's schémas in the store", "entier")
    ],
    sortie
  )
}

/** Every view of the national table: every schéma, and one row per département. */
export const extraits = (tables: Projection.Tables): ReadonlyArray<Extrait> => [tableau(tables), parDepartement(tables)]
