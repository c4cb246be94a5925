/** How a runner cuts the log into batches: the same rule as the memory projection store, so results match. */
import { EventStore, Projection } from "@sdsf/domain"
import { Effect, Result } from "effect"

/** The handled events of a batch decoded, up to the first one that does not decode. */
export interface Prepared {
  readonly decoded: ReadonlyArray<Projection.Decoded>
  /** Events of the batch before the poison one, handled or not: what the batch's checkpoint covers. */
  readonly positions: ReadonlyArray<number>
  readonly poison: Projection.PoisonEvent | undefined
}

/** Decodes a batch's handled events; an event that does not decode cuts the batch before it. */
export const prepareBatch = (
  projection: Projection.Projection,
  batch: ReadonlyArray<EventStore.RecordedEvent>,
  checkpoint: number
): Prepared => {
  const decoded: Array<Projection.Decoded> = []
  const positions: Array<number> = []
  for (const recorded of batch) {
    if (Projection.handles(projection, recorded.type)) {
      const d = Projection.decode(projection, recorded, positions.length === 0 ? checkpoint : positions.at(-1)!)
      if (Result.isFailure(d)) return { decoded, positions, poison: d.failure }
      decoded.push(d.success)
    }
    positions.push(recorded.position)
  }
  return { decoded, positions, poison: undefined }
}

/** A run's batch size (default 500), or `InvalidRunOption`. */
export const batchSizeOf = (
  projection: Projection.Projection,
  options: Projection.RunOptions | undefined
): Effect.Effect<number, Projection.InvalidRunOption> => {
  const batchSize = options?.batchSize ?? 500
  return Number.isSafeInteger(batchSize) && batchSize >= 1
    ? Effect.succeed(batchSize)
    : Effect.fail(
      new Projection.InvalidRunOption({
        projection: projection.name,
        field: "batchSize",
        reason: "a positive integer",
        value: String(batchSize)
      })
    )
}

/** Events per read of the log: whole batches, about 5,000 events (the memory store reads alike). */
export const readAheadFor = (batchSize: number): number => batchSize * Math.max(1, Math.ceil(5000 / batchSize))
