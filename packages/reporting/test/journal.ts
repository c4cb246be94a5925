// Shared by the projection tests: fixtures written into a MemoryEventStore and read back as the global log, and a
// predecessor + successor pair of one département (Hauts-de-Seine 2022-2026, then 2027-2032) sharing ids on purpose.
import { Effect, Layer, Result, Stream } from "effect"
import { Catalogue, Commandes as C, EventStore, IdGenerator, Projection } from "@sdsf/domain"
import type { Evenements, Gouvernance, Institution, Periode, Plan, Temps, Territoire } from "@sdsf/domain"
import { Given, HautsDeSeine } from "@sdsf/domain/testing"
import { MemoryEventStore } from "@sdsf/adapters-memory"

/**
 * Writes each history (one schéma's events) to its stream of a MemoryEventStore, interleaving the streams `par` events
 * at a time, and returns the global log as `readAll` gives it.
 */
export const journal = (
  histoires: ReadonlyArray<ReadonlyArray<Evenements.Evenement>>,
  par = 1_000_000
): Promise<ReadonlyArray<EventStore.RecordedEvent>> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      const restes = histoires.map((h) => [...h])
      let n = 0
      while (restes.some((r) => r.length > 0)) {
        for (const reste of restes) {
          const lot = reste.splice(0, par)
          if (lot.length === 0) continue
          const stream = EventStore.streamName("schema", (lot[0] as Evenements.Evenement).schemaId)
          yield* store.append(
            stream,
            EventStore.ExpectedVersion.any,
            lot.map((e) => ({ ...Catalogue.encoder(e), eventId: IdGenerator.deriveId("evt", String(n++)) }))
          )
        }
      }
      return yield* Stream.runCollect(store.readAll(0))
    }).pipe(Effect.provide(Layer.merge(MemoryEventStore.layerMemory, IdGenerator.IdGenerator.layer)))
  )

/** Folds the log into the projection's tables; throws on a poison event or a defect (the test then fails). */
export const plier = (
  projection: Projection.Projection,
  log: Iterable<EventStore.RecordedEvent>
): Projection.Tables => {
  const r = Projection.fold(projection, log)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/** The events of a fixture's commands. */
export const evenements = (commandes: ReadonlyArray<C.Commande>): ReadonlyArray<Evenements.Evenement> =>
  Given.histoire(commandes).events

const at = (jour: string) => `${jour}T12:00:00.000Z` as Temps.Instant
const j = (s: string) => s as Temps.Jour
const an = (n: number) => n as Temps.Annee
const hds = (jour: string) => ({ schemaId: HautsDeSeine.schemaId, survenuLe: at(jour) })

/** The successor of Hauts-de-Seine 2022-2026: "Elaboration du schéma 2027-2032" (seed 000 line 303); its id and events are test data. */
export const successeurId = IdGenerator.deriveId("schema", "92", "2027-2032") as Evenements.SchemaId
const periodeSuccesseur = { debut: an(2027), fin: an(2032) } as Periode.Periode

/**
 * Hauts-de-Seine from its fixture (seeds 000 and 001) to its successor's adoption: the bilan's steps (planned in
 * seed 000 lines 215-224), a report with findings on action a3 and on the whole, the renewal. The steps' contents
 * after 12 December 2025 are test data, not seed facts.
 */
export const hautsDeSeineJusquAuSuccesseur = (): ReadonlyArray<C.Commande> => [
  ...HautsDeSeine.commandes(),
  new C.RecueillirIndicateursQuantitatifs({ ...hds("2026-02-27"), le: j("2026-02-27"), indicateurs: [] }),
  new C.MenerEnqueteGestionnaires({
    ...hds("2026-03-31"),
    du: j("2026-02-02"),
    au: j("2026-03-31"),
    publics: [],
    repondants: 41
  }),
  new C.TenirSeminaireEvaluation({ ...hds("2026-05-04"), le: j("2026-05-04"), participants: 80 }),
  new C.RemettreRapportEvaluation({
    ...hds("2026-06-30"),
    le: { _tag: "Intervalle", du: j("2026-05-01"), au: j("2026-06-30"), libelle: "Mai-juin 2026" },
    constats: [
      {
        noeudId: HautsDeSeine.noeuds["a3"] as Plan.NoeudId,
        constat: "Pactes de coopération signés avec dix centres sociaux"
      },
      { constat: "Gouvernance thématique appropriée par les partenaires" }
    ],
    preconisations: ["Maintenir les comités thématiques", "Doter le schéma d'indicateurs de suivi annuels"]
  }),
  new C.LancerRenouvellement({ ...hds("2026-07-01"), le: j("2026-07-01"), successeurId, periodeSuccesseur }),
  new C.AdopterSuccesseur({
    ...hds("2026-12-10"),
    instanceId: HautsDeSeine.instances.cdsf,
    le: { _tag: "Jour", jour: j("2026-12-10") },
    successeurId,
    periodeSuccesseur,
    actionsReprises: [HautsDeSeine.noeuds["a3"] as Plan.NoeudId]
  })
]

const succ = (jour: string) => ({ schemaId: successeurId, survenuLe: at(jour) })

/**
 * The successor 2027-2032, reusing on purpose the predecessor's ids for its CDSF, its meeting and its first axe: a
 * projection keyed without the schéma would mix them.
 */
export const successeur = (): ReadonlyArray<C.Commande> => [
  new C.LancerElaboration({
    ...succ("2026-09-01"),
    departement: "92" as Territoire.CodeDepartement,
    periode: periodeSuccesseur,
    intitule: "Schéma des services aux familles des Hauts-de-Seine 2027-2032",
    regime: "decret-2021-1644",
    predecesseurs: [{
      schemaId: HautsDeSeine.schemaId,
      departement: "92" as Territoire.CodeDepartement,
      periode: { debut: an(2022), fin: an(2026) } as Periode.Periode,
      nature: "sdsf"
    }],
    le: { _tag: "Jour", jour: j("2026-09-01") }
  }),
  new C.EnregistrerInstitution({
    ...succ("2026-09-01"),
    institution: {
      institutionId: HautsDeSeine.institutions["caf"] as Institution.InstitutionId,
      nom: "Caf des Hauts-de-Seine",
      nature: "caf"
    }
  }),
  new C.CreerInstance({
    ...succ("2026-09-01"),
    instance: {
      instanceId: HautsDeSeine.instances.cdsf,
      nature: "cdsf",
      nom: "CDSF des Hauts-de-Seine (2027-2032)",
      cadence: { minParAn: 2 } as Gouvernance.Cadence,
      themes: [],
      missions: []
    }
  }),
  new C.AjouterNoeudPlan({
    ...succ("2026-09-01"),
    noeud: {
      noeudId: HautsDeSeine.noeuds["axe1"] as Plan.NoeudId,
      nature: "axe",
      code: "Axe A",
      titre: "Axe unique du successeur",
      rang: 0
    }
  }),
  new C.AjouterNoeudPlan({
    ...succ("2026-09-01"),
    noeud: {
      noeudId: IdGenerator.deriveId("92-2027-2032", "noeud", "a1") as Plan.NoeudId,
      nature: "action",
      titre: "Poursuivre les pactes de coopération",
      parentId: HautsDeSeine.noeuds["axe1"] as Plan.NoeudId,
      rang: 0,
      repriseDe: { schemaId: HautsDeSeine.schemaId, noeudId: HautsDeSeine.noeuds["a3"] as Plan.NoeudId }
    }
  }),
  new C.TenirReunion({
    ...succ("2026-12-10"),
    reunionId: HautsDeSeine.reunions.cdsf2025,
    instanceId: HautsDeSeine.instances.cdsf,
    le: { _tag: "Jour", jour: j("2026-12-10") },
    ordreDuJour: ["Projet de schéma 2027-2032"],
    decisions: []
  }),
  new C.AdopterSchema({
    ...succ("2026-12-10"),
    instanceId: HautsDeSeine.instances.cdsf,
    objet: "schema",
    le: { _tag: "Jour", jour: j("2026-12-10") },
    vote: { mode: "unanimite" }
  }),
  new C.SignerSchema({
    ...succ("2027-01-15"),
    institutionId: HautsDeSeine.institutions["caf"] as Institution.InstitutionId,
    signataires: [{ fonction: "Directrice" }],
    le: { _tag: "Mois", annee: an(2027), mois: 1 }
  })
]
