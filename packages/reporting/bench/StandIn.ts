/**
 * A stand-in projection for the bench while the reporting projections are not on main: one row per indicator value,
 * the current value per key (read back from its table, as real projections read theirs), one row per meeting. It
 * exercises the port (`reads`, `evolve`, `applyBatch`) with the shapes the real ones have; its figures measure the
 * machinery, not the reporting projections.
 */
import { Indicateur, Projection, Territoire } from "@sdsf/domain"

const text = (name: string, description: string, nullable = false): Projection.Column => ({
  name,
  type: "text",
  nullable,
  description
})

/** The stand-in: `valeurs`, `courantes` and `reunions`. */
export const standIn = Projection.make({
  name: "bench_stand_in",
  version: 1,
  description: "Stand-in for the bench: values, current value per key, meetings.",
  handles: ["ValeurIndicateurEnregistree", "ReunionTenue"],
  tables: [
    {
      name: "valeurs",
      grain: "one row per indicator value recorded",
      key: ["schema_id", "valeur_id"],
      columns: [
        text("schema_id", "schéma"),
        text("valeur_id", "value"),
        text("indicateur", "indicator"),
        text("territoire", "territory key"),
        text("periode", "period key"),
        text("ventilation", "breakdown key"),
        { name: "valeur", type: "number", nullable: true, description: "the figure, when it is one number" },
        text("unite", "unit"),
        text("source", "source", true),
        text("enregistre_le", "recorded at"),
        text("remplace", "the value it restates", true),
        { name: "position", type: "integer", description: "global position" }
      ]
    },
    {
      name: "courantes",
      grain: "one row per value key of a schéma",
      key: ["schema_id", "cle"],
      columns: [
        text("schema_id", "schéma"),
        text("cle", "value key"),
        text("valeur_id", "current value"),
        { name: "valeur", type: "number", nullable: true, description: "its figure" },
        { name: "versions", type: "integer", description: "values recorded for the key" }
      ]
    },
    {
      name: "reunions",
      grain: "one row per meeting",
      key: ["schema_id", "reunion_id"],
      columns: [
        text("schema_id", "schéma"),
        text("reunion_id", "meeting"),
        text("instance_id", "body"),
        text("le", "date as printed"),
        { name: "decisions", type: "text[]", description: "decisions" },
        { name: "participants", type: "integer", nullable: true, description: "participants" }
      ]
    }
  ],
  reads: (event) =>
    event._tag === "ValeurIndicateurEnregistree"
      ? [{ table: "courantes", key: [event.schemaId, Indicateur.cleValeur(event.valeur)] }]
      : [],
  evolve: (event, meta, read) => {
    switch (event._tag) {
      case "ValeurIndicateurEnregistree": {
        const v = event.valeur
        const cle = Indicateur.cleValeur(v)
        const avant = read("courantes", [event.schemaId, cle])
        const valeur = Indicateur.nombreDe(v.mesure) ?? null
        return [
          {
            _tag: "Put",
            table: "valeurs",
            row: {
              schema_id: event.schemaId,
              valeur_id: v.valeurId,
              indicateur: v.indicateur,
              territoire: Territoire.cleTerritoire(v.territoire),
              periode: Indicateur.clePeriode(v.periode),
              ventilation: Indicateur.cleVentilation(v.ventilation),
              valeur,
              unite: v.unite,
              source: typeof v.source === "string" ? v.source : null,
              enregistre_le: v.enregistreLe,
              remplace: v.retraitement?.remplace ?? null,
              position: meta.position
            }
          },
          {
            _tag: "Put",
            table: "courantes",
            row: {
              schema_id: event.schemaId,
              cle,
              valeur_id: v.valeurId,
              valeur,
              versions: (typeof avant?.["versions"] === "number" ? avant["versions"] : 0) + 1
            }
          }
        ]
      }
      case "ReunionTenue":
        return [{
          _tag: "Put",
          table: "reunions",
          row: {
            schema_id: event.schemaId,
            reunion_id: event.reunionId,
            instance_id: event.instanceId,
            le: JSON.stringify(event.le),
            decisions: event.decisions,
            participants: event.participants ?? null
          }
        }]
      default:
        return []
    }
  }
})
