/**
 * Where ids come from: uuid v7 for events (time-ordered), uuid v5 for ids derived from natural keys.
 *
 * The shell (command handler, importers) reads ids from this service so that decisions stay pure; tests swap in a
 * deterministic generator (`@sdsf/adapters-memory` provides one).
 */
import { Context, Effect, Layer } from "effect"
import { v5 as uuidv5, v7 as uuidv7 } from "uuid"

/** The sdsf namespace for uuid v5 ids derived from natural keys (fixed forever: changing it changes every id). */
export const SDSF_NAMESPACE = "6f1c3a52-2b8e-4d0a-9c57-1f0e8b9d4a11"

/** A deterministic uuid v5 of a natural key, e.g. `deriveId("schema", "92", "2022-2026")`. */
export const deriveId = (...parts: ReadonlyArray<string>): string => uuidv5(parts.join("\u001f"), SDSF_NAMESPACE)

/** A fresh uuid v7 (time-ordered). */
export const newEventId = (): string => uuidv7()

/** The id generator service. */
export class IdGenerator extends Context.Service<IdGenerator, {
  /** A new event id (uuid v7 by default). */
  readonly eventId: Effect.Effect<string>
}>()("@sdsf/domain/IdGenerator") {
  /** uuid v7 from the system's clock and random source. */
  static readonly layer = Layer.succeed(IdGenerator, IdGenerator.of({ eventId: Effect.sync(() => uuidv7()) }))
}
