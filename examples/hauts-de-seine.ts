/**
 * The Hauts-de-Seine schéma 2022-2026 (seeds 000 and 001), written through the command handler as one atomic batch
 * into an event store, then read back from the global log and summarised.
 *
 * Run: pnpm start   (or: node --conditions=@sdsf/source examples/hauts-de-seine.ts)
 */
import { Effect, Layer, Stream } from "effect"
import {
  Catalogue,
  CommandHandler,
  EventStore,
  Gouvernance,
  IdGenerator,
  Indicateur,
  SchemaDepartemental,
  Temps,
  Territoire
} from "@sdsf/domain"
import type { Theme } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { MemoryEventStore } from "@sdsf/adapters-memory"

/** Writes the schéma, then summarises what the store holds. */
export const programme = Effect.gen(function*() {
  const handler = CommandHandler.make({ decider: SchemaDepartemental.decider, codec: Catalogue.codec })
  const stream = EventStore.streamName("schema", HautsDeSeine.schemaId)
  // One atomic batch: every command decided on the state the previous ones left, all written or none.
  const importe = yield* handler.handleAll(stream, HautsDeSeine.commandes(), {
    metadata: { correlationId: HautsDeSeine.schemaId }
  })
  const avertissements = importe.warnings.map((w) => w._tag)
  const store = yield* EventStore.EventStore
  const log = yield* Stream.runCollect(store.readAll(0))
  // The decider's state holds only what its rules need: what people read comes from the events (or @sdsf/reporting).
  const { state } = yield* handler.load(stream)
  const evenements = yield* Effect.forEach(log, (recorded) => Effect.fromResult(Catalogue.codec.decode(recorded)))
  // The plan as added: this history neither changes nor withdraws a node.
  const noeuds = evenements.flatMap((e) => (e._tag === "NoeudPlanAjoute" ? [e.noeud] : []))
  const actions = noeuds.filter((n) => n.nature === "action")
  const theme = (t: Theme.ThemePrincipal) => actions.filter((a) => a.details?.themes.includes(t)).length
  const valeurs = evenements.flatMap((e) => (e._tag === "ValeurIndicateurEnregistree" ? [e.valeur] : []))
  const avip = (annee: number) => {
    const v = Indicateur.connuLe(valeurs, {
      indicateur: Indicateur.CodeIndicateur.make("places-avip-avis-soutenues"),
      territoire: { niveau: "departement", code: Territoire.CodeDepartement.make("92") },
      periode: { annee: Temps.Annee.make(annee) }
    }, Temps.Jour.make("2025-12-31"))
    return v === undefined ? undefined : Indicateur.nombreDe(v.mesure)
  }
  return {
    evenements: log.length,
    phase: SchemaDepartemental.phaseDe(state),
    axes: noeuds.filter((n) => n.nature === "axe").length,
    objectifs: noeuds.filter((n) => n.nature === "objectif").length,
    actions: actions.length,
    actionsParTheme: {
      "petite-enfance": theme("petite-enfance"),
      "enfance-jeunesse": theme("enfance-jeunesse"),
      parentalite: theme("parentalite"),
      "animation-vie-sociale": theme("animation-vie-sociale")
    },
    instances: evenements.flatMap((e) =>
      e._tag === "InstanceCreee" ? [`${e.instance.nom} (${Gouvernance.formatConvocation(e.instance.cadence)})`] : []
    ),
    placesAvip: { 2024: avip(2024), 2025: avip(2025) },
    avertissements: avertissements.length
  }
})

/** The layers the example runs on: the memory store and uuid v7 ids. */
export const layer = Layer.merge(MemoryEventStore.layerMemory, IdGenerator.IdGenerator.layer)

if (import.meta.main) {
  const resume = await Effect.runPromise(Effect.provide(programme, layer))
  console.log(JSON.stringify(resume, null, 2))
}
