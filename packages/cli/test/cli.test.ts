/**
 * The `sdsf` command as users run it: the demo into memory and into PostgreSQL gives byte-identical files, with figures
 * from the seeds; the executable's exit codes for good and broken input.
 */
import { describe, expect, it } from "@effect/vitest"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { TestClock } from "effect/testing"
import { execFile } from "node:child_process"
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, relative, resolve } from "node:path"
import { inject } from "vitest"
import { Cli, Squelette } from "@sdsf/cli"

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

const bin = resolve(import.meta.dirname, "..", "src", "bin.ts")

/** Runs the executable; resolves with its exit code and outputs. */
const sdsf = (args: ReadonlyArray<string>, cwd: string) =>
  new Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }>((ok) => {
    execFile(
      process.execPath,
      ["--conditions=@sdsf/source", bin, ...args],
      { cwd, maxBuffer: 64 << 20 },
      (e, stdout, stderr) => ok({ code: e === null ? 0 : typeof e.code === "number" ? e.code : 1, stdout, stderr })
    )
  })

/** A fresh database on the test server, so the demo's streams meet nobody else's. */
const nouvelleBase = (nom: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql.unsafe(`DROP DATABASE IF EXISTS ${nom}`)
    yield* sql.unsafe(`CREATE DATABASE ${nom}`)
    const url = new URL(inject("databaseUrl"))
    url.pathname = `/${nom}`
    return url.toString()
  }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(inject("databaseUrl")) })))

const fichiers = async (dossier: string): Promise<Map<string, Buffer>> => {
  const out = new Map<string, Buffer>()
  const parcourir = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) await parcourir(p)
      else out.set(relative(dossier, p), await readFile(p))
    }
  }
  await parcourir(dossier)
  return out
}

// The same instant for both runs: the manifest's replay time comes from `Clock`.
const aLHeure = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(Date.parse("2026-01-15T09:00:00.000Z"))
    return yield* effect
  }).pipe(Effect.provide(TestClock.layer()))

describe("sdsf demo", () => {
  it.live("into memory and into PostgreSQL: byte-identical reports, figures from the seeds", () =>
    Effect.gen(function*() {
      const racine = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "sdsf-demo-")))
      const url = yield* nouvelleBase("sdsf_cli_demo")
      const magasin = { magasin: "demo" }
      const resume = yield* aLHeure(Cli.demo(join(racine, "memoire"), { _tag: "Memoire" }, magasin))
      yield* aLHeure(Cli.demo(join(racine, "pg"), { _tag: "Serveur", url: Redacted.make(url) }, magasin))
      const memoire = yield* Effect.promise(() => fichiers(join(racine, "memoire")))
      const pg = yield* Effect.promise(() => fichiers(join(racine, "pg")))

      // Each example: an HTML report, an XLSX workbook, CSV tables and their manifest.
      for (const d of ["92-2022-2026", "93-2024-2026", "75-2021-2026"]) {
        for (
          const f of [
            "rapport.html",
            "tableaux.xlsx",
            "csv/indicateurs.csv",
            "csv/manifeste.json",
            "csv/registre_actions.csv"
          ]
        ) {
          expect(memoire.has(`${d}/${f}`), `${d}/${f}`).toBe(true)
        }
      }
      expect([...pg.keys()].sort()).toEqual([...memoire.keys()].sort())
      for (const [nom, octets] of memoire) expect(pg.get(nom)?.equals(octets), nom).toBe(true)

      // The summary names each warning.
      expect(resume).toContain("warning NonDocumente")
      expect(resume).toContain("hauts-de-seine.yaml:")

      const csv = (f: string) => memoire.get(f)!.toString("utf8")
      // Seed 000 line 121: "204 places en 2025 contre 187 en 2024" (AVIP/AVIS places, Hauts-de-Seine).
      const avip = csv("92-2022-2026/csv/indicateurs.csv").split("\r\n").filter((l) => l.includes("places-avip-avis"))
      expect(avip.some((l) => l.includes(";2024;") && l.includes(";187;"))).toBe(true)
      expect(avip.some((l) => l.includes(";2025;") && l.includes(";204;"))).toBe(true)
      // Seed 004: the Paris SPSF 2021-2026 plan has 100 actions.
      const registre = csv("75-2021-2026/csv/avancement_par_axe.csv").split("\r\n").slice(1).filter((l) => l !== "")
      const actions = registre.reduce((n, l) => n + Number(l.split(";")[5]), 0)
      expect(actions).toBe(100)
      // The national table: one row per département of the examples.
      const national = csv("national/tableau_national.csv").split("\r\n").slice(1).filter((l) => l !== "")
      expect(national.map((l) => l.split(";")[0])).toEqual(["75", "92", "93"])
      const html = memoire.get("92-2022-2026/rapport.html")!.toString("utf8")
      expect(html).toContain("21 avril 2022")
      expect(html).not.toMatch(/<script(?![^>]*application\/json)/)
    }))
})

describe("sdsf executable", () => {
  it.live("init writes a skeleton that validate accepts (exit 0); a broken file exits 2 naming its line", () =>
    Effect.gen(function*() {
      const dossier = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "sdsf-init-")))
      const init = yield* Effect.promise(() => sdsf(["init", "plan.yaml"], dossier))
      expect(init.code, init.stderr).toBe(0)
      expect(yield* Effect.promise(() => readFile(join(dossier, "plan.yaml"), "utf8"))).toBe(Squelette.yaml)
      const again = yield* Effect.promise(() => sdsf(["init", "plan.yaml"], dossier))
      expect(again.code).toBe(2)
      expect(again.stderr).toContain("--force")
      const ok = yield* Effect.promise(() => sdsf(["validate", "plan.yaml"], dossier))
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.stdout).toContain("plan.yaml: valid")
      const casse = Squelette.yaml.replace("periode: 2024-2026", "periode: 2024-20x6")
      yield* Effect.promise(() => writeFile(join(dossier, "casse.yaml"), casse))
      const ko = yield* Effect.promise(() => sdsf(["validate", "casse.yaml"], dossier))
      expect(ko.code).toBe(2)
      const ligne = casse.split("\n").findIndex((l) => l.startsWith("periode:")) + 1
      expect(ko.stderr).toContain(`casse.yaml:${ligne}`)
      expect(ko.stderr).toContain("periode")
      const inconnu = yield* Effect.promise(() => sdsf(["--memory", "import", "notes.txt"], dossier))
      expect(inconnu.code).toBe(2)
      expect(inconnu.stderr).toContain("notes.txt: unknown kind of file")
    }))

  it.live("a store that cannot be reached exits 3", () =>
    Effect.gen(function*() {
      const r = yield* Effect.promise(() =>
        sdsf(["--database-url", "postgresql://nobody:x@127.0.0.1:1/none", "migrate"], tmpdir())
      )
      expect(r.code, r.stderr).toBe(3)
    }))
})
