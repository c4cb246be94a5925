// Test helper: schémas' events written to a memory store as a real log (streams interleaved), read back whole.
import { Effect, Result, Stream } from "effect"
import { Catalogue, EventStore, IdGenerator } from "@sdsf/domain"
import type { Evenements } from "@sdsf/domain"
import { MemoryEventStore } from "@sdsf/adapters-memory"
import { ProjectionIndicateurs as P } from "@sdsf/reporting"

/**
 * Writes each schéma's events to its stream `schema-<id>` of a fresh memory store, `tranche` events of each schéma in
 * turn (so the log interleaves the schémas as a national log does), and returns the whole log.
 */
export const journal = (
  histoires: ReadonlyArray<ReadonlyArray<Evenements.Evenement>>,
  tranche = 7
): Promise<ReadonlyArray<EventStore.RecordedEvent>> =>
  Effect.runPromise(Effect.gen(function*() {
    const store = yield* MemoryEventStore.make
    const longueur = Math.max(0, ...histoires.map((h) => h.length))
    for (let debut = 0; debut < longueur; debut += tranche) {
      for (const [h, events] of histoires.entries()) {
        const morceau = events.slice(debut, debut + tranche)
        const premier = morceau[0]
        if (premier === undefined) continue
        yield* store.append(
          EventStore.streamName("schema", premier.schemaId),
          EventStore.ExpectedVersion.any,
          morceau.map((e, i) => ({
            ...Catalogue.encoder(e),
            eventId: IdGenerator.deriveId("reporting-test-evt", String(h), String(debut + i))
          }))
        )
      }
    }
    return yield* Stream.runCollect(store.readAll(0))
  }))

/** The indicator projection's rows after folding the log in memory (throws on a poison event: a broken fixture). */
export const donnees = (log: ReadonlyArray<EventStore.RecordedEvent>): P.Donnees => {
  const r = P.depuisJournal(log)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/** The rows of schémas' events written to a memory store and folded. */
export const depuisHistoires = async (
  histoires: ReadonlyArray<ReadonlyArray<Evenements.Evenement>>
): Promise<P.Donnees> => donnees(await journal(histoires))
