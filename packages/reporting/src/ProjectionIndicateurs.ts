/**
 * The indicator projection: every schéma's launch, indicator definitions and indicator values as rows, each scoped by
 * schéma and département, so that the tables of a whole store (every schéma of every département, predecessors and
 * successors) never mix one schéma's figures with another's.
 *
 * The tables are the bi-temporal history (every value ever recorded, restated ones included); what was known on a
 * day, derived indicators and reconciliations are views over these rows (`TableauIndicateurs`), computed the same
 * way whether the rows come from memory (`Projection.fold`) or from PostgreSQL (`ProjectionStore.rows`).
 */
import { Indicateur, Projection, Temps, Territoire } from "@sdsf/domain"
import type { Evenements, EventStore } from "@sdsf/domain"
import { Effect, Result, Stream } from "effect"
import * as Extrait from "./Extrait.ts"

const col = (
  name: string,
  type: Projection.ColumnType,
  description: string,
  nullable = false
): Projection.Column => ({ name, type, description, nullable })

/** `schemas`: one row per schéma launched (its département, for the other tables' rows). */
export const tableSchemas: Projection.Table = {
  name: "schemas",
  grain: "one row per schéma launched (ElaborationLancee)",
  key: ["schema_id"],
  columns: [
    col("schema_id", "text", "the schéma's id"),
    col("departement", "text", "INSEE code of the schéma's département"),
    col("periode_debut", "integer", "first year of the schéma's period"),
    col("periode_fin", "integer", "last year of the schéma's period"),
    col("intitule", "text", "the schéma's title as printed"),
    col("predecesseurs", "text[]", "ids of the schémas it succeeds (an earlier SDSF, or schémas it merges)"),
    col("position", "integer", "global position of the ElaborationLancee event")
  ]
}

/** `definitions`: one row per indicator a schéma defines. */
export const tableDefinitions: Projection.Table = {
  name: "definitions",
  grain: "one row per indicator defined in a schéma (IndicateurDefini)",
  key: ["schema_id", "indicateur"],
  columns: [
    col("schema_id", "text", "the schéma that defines the indicator"),
    col("indicateur", "text", "the indicator's code"),
    col("departement", "text", "the schéma's département (null when its launch is not in the log)", true),
    col("libelle", "text", "the indicator's label"),
    col("unite", "text", "unit of its values (Indicateur.Unite)"),
    col("categorie", "text", "what it measures (effectif, taux, taux-de-couverture, ratio, montant, autre)"),
    col("additivite", "text", "how parts make up the whole: somme, moyenne or aucune (declared, never guessed)"),
    col("formule", "text", "for a derived indicator: its formula as JSON (Indicateur.Formule), else null", true),
    col("dimensions", "text", "its breakdown dimensions as JSON (code, libelle, modalites); [] when none"),
    col("niveaux", "text[]", "territory levels its values are given at"),
    col("description", "text", "the definition's description", true),
    col("position", "integer", "global position of the IndicateurDefini event")
  ]
}

/** `valeurs`: one row per indicator value recorded (restated values included: the bi-temporal history). */
export const tableValeurs: Projection.Table = {
  name: "valeurs",
  grain: "one row per indicator value recorded in a schéma (ValeurIndicateurEnregistree), restated ones included",
  key: ["schema_id", "valeur_id"],
  columns: [
    col("schema_id", "text", "the schéma the value was recorded in"),
    col("valeur_id", "text", "the value's id (unique within its schéma)"),
    col("departement", "text", "the schéma's département (null when its launch is not in the log)", true),
    col("indicateur", "text", "the indicator's code"),
    col("territoire", "text", "the territory's key: departement:92, commune:93066, france:metropolitaine"),
    col("territoire_niveau", "text", "france, region, departement, epci, commune, arrondissement or qpv"),
    col("territoire_code", "text", "INSEE code, SIREN or QPV code (France: its perimeter, else null)", true),
    col("periode", "text", "the period's key: 2024, 2025-01-01/2025-06-30, or non documentée (note)"),
    col("periode_documentee", "boolean", "false when the document prints the figure without its period"),
    col("periode_du", "text", "first day of the period (a year: 1 January), null when not documented", true),
    col("periode_au", "text", "last day of the period (a year: 31 December), null when not documented", true),
    col("ventilation", "text", "the breakdown's key (gestion=associative;tranche-age=0-5 ans), '' for the whole"),
    col("nature", "text", "how the figure is printed: exacte, approchee, intervalle, oui-non, modalite"),
    col("valeur", "number", "the number of an exact or approximate figure, else null", true),
    col("min", "number", "lower bound of a range, else null", true),
    col("max", "number", "upper bound of a range, else null", true),
    col("qualificatif", "text", "the qualifier as printed (environ, plus de), else null", true),
    col("oui_non", "boolean", "a yes/no answer, else null", true),
    col("modalite", "text", "a category, else null", true),
    col("mesure", "text", "the figure as printed: 34, ~19 (environ), 2000..4000, >=40 (plus de), oui, municipale"),
    col("unite", "text", "the value's unit"),
    col("source", "text", "who produced the figure, or non documenté (note)"),
    col("source_documentee", "boolean", "false when the document cites no source"),
    col("methode", "text", "how the figure was obtained, as recorded", true),
    col("enregistre_le", "text", "when the value was recorded (transaction time, ISO instant)"),
    col("remplace", "text", "the valeur_id this value restates (same schéma and key), else null", true),
    col("motif_retraitement", "text", "the reason of the restatement (absent from version 1 events)", true),
    col("position", "integer", "global position of the ValeurIndicateurEnregistree event")
  ]
}

const departementDuSchema = (read: Projection.ReadRow, schemaId: string): string | null => {
  const d = read(tableSchemas.name, [schemaId])?.departement
  return typeof d === "string" ? d : null
}

const ligneValeur = (
  e: Evenements.ValeurIndicateurEnregistree,
  meta: Projection.Meta,
  departement: string | null
): Projection.Row => {
  const v = e.valeur
  const t = v.territoire
  const m = v.mesure
  const p = v.periode
  const nonDocumentee = Temps.estNonDocumente(p)
  // One object literal, every column in the table's order (no intermediate objects: one row per value event).
  return {
    schema_id: e.schemaId,
    valeur_id: v.valeurId,
    departement,
    indicateur: v.indicateur,
    territoire: Territoire.cleTerritoire(t),
    territoire_niveau: t.niveau,
    territoire_code: t.niveau === "france" ? t.perimetre ?? null : t.code,
    periode: Indicateur.clePeriode(p),
    periode_documentee: !nonDocumentee,
    periode_du: nonDocumentee ? null : "annee" in p ? `${p.annee}-01-01` : p.du,
    periode_au: nonDocumentee ? null : "annee" in p ? `${p.annee}-12-31` : p.au,
    ventilation: Indicateur.cleVentilation(v.ventilation),
    nature: m.nature,
    valeur: m.nature === "exacte" || m.nature === "approchee" ? m.valeur : null,
    min: m.nature === "intervalle" ? m.min ?? null : null,
    max: m.nature === "intervalle" ? m.max ?? null : null,
    qualificatif: m.nature === "approchee" ? m.qualificatif : m.nature === "intervalle" ? m.qualificatif ?? null : null,
    oui_non: m.nature === "oui-non" ? m.valeur : null,
    modalite: m.nature === "modalite" ? m.valeur : null,
    mesure: Indicateur.texteMesure(m),
    unite: v.unite,
    source: Temps.texteOuNonDocumente(v.source),
    source_documentee: typeof v.source === "string",
    methode: v.methode ?? null,
    enregistre_le: v.enregistreLe,
    remplace: v.retraitement?.remplace ?? null,
    motif_retraitement: v.retraitement?.motif ?? null,
    position: meta.position
  }
}

/**
 * The indicator projection (`indicateurs`, version 1): tables `schemas`, `definitions` and `valeurs`. One row written
 * per event, read back by key only: a value reads its schéma's row (for the département), nothing else.
 */
export const projection: Projection.Projection = Projection.make({
  name: "indicateurs",
  version: 1,
  description: "Indicator definitions and values of every schéma, scoped by schéma and département (bi-temporal)",
  handles: ["ElaborationLancee", "IndicateurDefini", "ValeurIndicateurEnregistree"],
  tables: [tableSchemas, tableDefinitions, tableValeurs],
  reads: (event) =>
    event._tag === "IndicateurDefini" || event._tag === "ValeurIndicateurEnregistree"
      ? [{ table: tableSchemas.name, key: [event.schemaId] }]
      : [],
  evolve: (event, meta, read) => {
    switch (event._tag) {
      case "ElaborationLancee":
        return [{
          _tag: "Put",
          table: tableSchemas.name,
          row: {
            schema_id: event.schemaId,
            departement: event.departement,
            periode_debut: event.periode.debut,
            periode_fin: event.periode.fin,
            intitule: event.intitule,
            predecesseurs: event.predecesseurs.map((p) => p.schemaId),
            position: meta.position
          }
        }]
      case "IndicateurDefini": {
        const d = event.definition
        return [{
          _tag: "Put",
          table: tableDefinitions.name,
          row: {
            schema_id: event.schemaId,
            indicateur: d.code,
            departement: departementDuSchema(read, event.schemaId),
            libelle: d.libelle,
            unite: d.unite,
            categorie: d.categorie,
            additivite: d.additivite,
            formule: d.formule === undefined ? null : JSON.stringify(d.formule),
            dimensions: JSON.stringify(d.dimensions ?? []),
            niveaux: [...d.niveaux],
            description: d.description ?? null,
            position: meta.position
          }
        }]
      }
      case "ValeurIndicateurEnregistree":
        return [{
          _tag: "Put",
          table: tableValeurs.name,
          row: ligneValeur(event, meta, departementDuSchema(read, event.schemaId))
        }]
      default:
        return []
    }
  }
})

// ---------------------------------------------------------------------------------------------------------------
// The rows, wherever they come from

/** The projection's rows, as the views take them: from memory (`depuisTables`) or from a `ProjectionStore` (`lire`). */
export interface Donnees {
  readonly schemas: ReadonlyArray<Projection.Row>
  readonly definitions: ReadonlyArray<Projection.Row>
  readonly valeurs: ReadonlyArray<Projection.Row>
}

/** The rows of the projection's tables held in memory (`Projection.fold`), sorted by key. */
export const depuisTables = (tables: Projection.Tables): Donnees => ({
  schemas: Projection.rowsOf(projection, tables, tableSchemas.name),
  definitions: Projection.rowsOf(projection, tables, tableDefinitions.name),
  valeurs: Projection.rowsOf(projection, tables, tableValeurs.name)
})

/** Folds recorded events (ascending positions) in memory and returns the rows; stops at the first undecodable event. */
export const depuisJournal = (
  events: Iterable<EventStore.RecordedEvent>
): Result.Result<Donnees, Projection.PoisonEvent | Projection.ProjectionDefect> =>
  Result.map(Projection.fold(projection, events), depuisTables)

/**
 * Folds a stream of recorded events (e.g. `store.readAll(0)`) in memory, one event at a time, without collecting the
 * log: what `depuisJournal` does for a stream. Fails with the stream's error, or `PoisonEvent` (whose `checkpoint` is
 * the last position folded) at the first event it cannot decode.
 */
export const depuisFlux = <E, R>(
  events: Stream.Stream<EventStore.RecordedEvent, E, R>
): Effect.Effect<Donnees, E | Projection.PoisonEvent | Projection.ProjectionDefect, R> =>
  Effect.suspend(() => {
    const tables = Projection.emptyTables(projection)
    let checkpoint = 0
    const plier = (
      recorded: EventStore.RecordedEvent
    ): Effect.Effect<void, Projection.PoisonEvent | Projection.ProjectionDefect> => {
      if (!Projection.handles(projection, recorded.type)) {
        checkpoint = recorded.position
        return Effect.void
      }
      const decoded = Projection.decode(projection, recorded, checkpoint)
      if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
      const touched = Projection.applyBatch(
        projection,
        [decoded.success],
        (t, _, text) => tables.get(t)?.get(text)
      )
      if (Result.isFailure(touched)) return Effect.fail(touched.failure)
      Projection.writeTouched(tables, touched.success)
      checkpoint = recorded.position
      return Effect.void
    }
    return Stream.runForEach(events, plier).pipe(Effect.map(() => depuisTables(tables)))
  }).pipe(Effect.withSpan("ProjectionIndicateurs.depuisFlux"))

/**
 * The rows as a `ProjectionStore` holds them (run the projection first: `store.run(projection)`); fails as the
 * store's `rows` does.
 */
export const lire = Effect.gen(function*() {
  const store = yield* Projection.ProjectionStore
  const [schemas, definitions, valeurs] = yield* Effect.all([
    store.rows(projection, tableSchemas.name),
    store.rows(projection, tableDefinitions.name),
    store.rows(projection, tableValeurs.name)
  ])
  const donnees: Donnees = { schemas, definitions, valeurs }
  return donnees
}).pipe(Effect.withSpan("ProjectionIndicateurs.lire"))

/**
 * The three tables as extracts, rows as stored (the bi-temporal history, restated values included), named
 * `indicateurs_schemas`, `indicateurs_definitions`, `indicateurs_valeurs`: what a BI export takes.
 */
export const extraits = (d: Donnees): ReadonlyArray<Extrait.Extrait> => [
  { ...Extrait.deTable(tableSchemas, d.schemas, "Schémas"), nom: "indicateurs_schemas" },
  {
    ...Extrait.deTable(tableDefinitions, d.definitions, "Définitions des indicateurs"),
    nom: "indicateurs_definitions"
  },
  {
    ...Extrait.deTable(tableValeurs, d.valeurs, "Valeurs des indicateurs (historique)"),
    nom: "indicateurs_valeurs"
  }
]

/** A text cell (`""` for anything else). */
export const texte = (row: Projection.Row, colonne: string): string => {
  const c = row[colonne]
  return typeof c === "string" ? c : ""
}

/** A text cell, or undefined when null. */
export const texteOuRien = (row: Projection.Row, colonne: string): string | undefined => {
  const c = row[colonne]
  return typeof c === "string" ? c : undefined
}

/** A number cell, or undefined when null. */
export const nombre = (row: Projection.Row, colonne: string): number | undefined => {
  const c = row[colonne]
  return typeof c === "number" ? c : undefined
}

/** The figure of a `valeurs` row as printed (the `Indicateur.Mesure` it was recorded with). */
export const mesureDe = (row: Projection.Row): Indicateur.Mesure => {
  const qualificatif = texteOuRien(row, "qualificatif")
  switch (row.nature) {
    case "approchee":
      return { nature: "approchee", valeur: nombre(row, "valeur") ?? 0, qualificatif: qualificatif ?? "" }
    case "intervalle": {
      const min = nombre(row, "min")
      const max = nombre(row, "max")
      return {
        nature: "intervalle",
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        ...(qualificatif === undefined ? {} : { qualificatif })
      }
    }
    case "oui-non":
      return { nature: "oui-non", valeur: row.oui_non === true }
    case "modalite":
      return { nature: "modalite", valeur: texte(row, "modalite") }
    default:
      return { nature: "exacte", valeur: nombre(row, "valeur") ?? 0 }
  }
}
