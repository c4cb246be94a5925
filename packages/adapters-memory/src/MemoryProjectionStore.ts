/**
 * Projections' tables held in memory, fed from the `EventStore` in context: the same batches, the same fold
 * (`Projection.readsOf`, `applyBatch`, `writeTouched`) and the same results as the PostgreSQL store.
 */
import { Clock, Effect, Layer, Result, Semaphore, Stream } from "effect"
import { EventStore, Projection } from "@sdsf/domain"
const { batchSizeOf, prepareBatch, readAheadFor } = Projection

interface Stored {
  readonly version: number
  readonly tables: Projection.Tables
  checkpoint: number
}

/** The memory projection store over the `EventStore` in context. */
export const make: Effect.Effect<Projection.ProjectionStore["Service"], never, EventStore.EventStore> = Effect.gen(
  function*() {
    const store = yield* EventStore.EventStore
    const stored = new Map<string, Stored>()
    const locks = new Map<string, Semaphore.Semaphore>()
    const lock = (name: string) => {
      let s = locks.get(name)
      if (s === undefined) locks.set(name, s = Semaphore.makeUnsafe(1))
      return s.withPermits(1)
    }

    const catchUp = Effect.fnUntraced(function*(
      projection: Projection.Projection,
      target: Stored,
      options: Projection.RunOptions | undefined
    ) {
      const batchSize = yield* batchSizeOf(projection, options)
      const readAhead = readAheadFor(batchSize)
      const head = yield* store.headPosition
      const started = yield* Clock.currentTimeMillis
      let applied = 0
      let read = 0
      while (true) {
        const events = yield* store.readAll(target.checkpoint, { maxCount: readAhead }).pipe(Stream.runCollect)
        if (events.length === 0) return applied
        for (let from = 0; from < events.length; from += batchSize) {
          const batch = events.slice(from, from + batchSize)
          const { decoded, positions, poison } = prepareBatch(projection, batch, target.checkpoint)
          if (decoded.length > 0) {
            const tables = target.tables
            const touched = Projection.applyBatch(
              projection,
              decoded,
              (t, _, text) => tables.get(t)?.get(text)
            )
            if (Result.isFailure(touched)) return yield* touched.failure
            Projection.writeTouched(tables, touched.success)
            applied += decoded.length
          }
          if (positions.length > 0) {
            target.checkpoint = positions.at(-1)!
            read += positions.length
            if (options?.onProgress !== undefined) {
              const now = yield* Clock.currentTimeMillis
              yield* options.onProgress({
                projection: projection.name,
                position: target.checkpoint,
                head,
                read,
                eventsPerSecond: now > started ? (read * 1000) / (now - started) : 0,
                remaining: Math.max(0, head - target.checkpoint)
              })
            }
          }
          if (poison !== undefined) return yield* poison
        }
        // Up to the head at the start at least, as the PostgreSQL store: a steady stream of appends cannot keep a run
        // going.
        if (target.checkpoint >= head) return applied
      }
    })

    const rebuildLocked = (projection: Projection.Projection, options: Projection.RunOptions | undefined) =>
      Effect.gen(function*() {
        yield* batchSizeOf(projection, options)
        const fresh: Stored = { version: projection.version, tables: Projection.emptyTables(projection), checkpoint: 0 }
        const applied = yield* catchUp(projection, fresh, options)
        stored.set(projection.name, fresh)
        return {
          projection: projection.name,
          version: projection.version,
          applied,
          position: fresh.checkpoint,
          rebuilt: true
        } satisfies Projection.RunSummary
      })

    const run = (projection: Projection.Projection, options?: Projection.RunOptions) =>
      lock(projection.name)(Effect.gen(function*() {
        yield* batchSizeOf(projection, options)
        let current = stored.get(projection.name)
        const check = Projection.versionCheck(projection, current?.version)
        if (check instanceof Projection.NewerVersionStored) return yield* check
        if (check === "rebuild") return yield* rebuildLocked(projection, options)
        if (current === undefined) {
          current = { version: projection.version, tables: Projection.emptyTables(projection), checkpoint: 0 }
          stored.set(projection.name, current)
        }
        const applied = yield* catchUp(projection, current, options)
        return {
          projection: projection.name,
          version: projection.version,
          applied,
          position: current.checkpoint,
          rebuilt: false
        } satisfies Projection.RunSummary
      }))

    const rebuild = (projection: Projection.Projection, options?: Projection.RunOptions) =>
      lock(projection.name)(rebuildLocked(projection, options))

    const rows = (projection: Projection.Projection, table: string) =>
      Effect.suspend(() => {
        if (Projection.table(projection, table) === undefined) {
          return Effect.fail(new Projection.UnknownTable({ projection: projection.name, table }))
        }
        const current = stored.get(projection.name)
        if (current === undefined || current.version !== projection.version) return Effect.succeed([])
        return Effect.succeed(Projection.rowsOf(projection, current.tables, table))
      })

    const position = (projection: Projection.Projection) =>
      Effect.sync(() => {
        const current = stored.get(projection.name)
        return { position: current?.checkpoint ?? 0, version: current?.version }
      })

    // In memory every run folds from tables it holds: running them in turn costs one read of the log each, and gives
    // what one shared read would.
    const runAll = (projections: ReadonlyArray<Projection.Projection>, options?: Projection.RunOptions) =>
      Effect.flatMap(
        Projection.distinctProjections(projections),
        (ps) => Effect.forEach(ps, (p) => run(p, options))
      )

    return Projection.ProjectionStore.of({ run, runAll, rebuild, rows, position })
  }
)

/** The memory projection store as a layer over the `EventStore` in context. */
export const layer: Layer.Layer<Projection.ProjectionStore, never, EventStore.EventStore> = Layer.effect(
  Projection.ProjectionStore,
  make
)
