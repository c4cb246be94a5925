import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { tooOld } from "../scripts/check-node.mjs"

const script = join(import.meta.dirname, "..", "scripts", "check-node.mjs")
// The system Node of the machines this project is built on is 20 (the README's first user met it); elsewhere skipped.
const major = "process.exit(Number(process.versions.node.split('.')[0]) < 22 ? 0 : 1)"
const oldNode = ["/usr/bin/node", "/bin/node"].find((p) => existsSync(p) && spawnSync(p, ["-e", major]).status === 0)

describe("the Node.js version check run first by pnpm install, start and test", () => {
  it("refuses versions before 22.19 and names the version, how to get Node.js 24 and pnpm", () => {
    for (const v of ["18.20.8", "20.20.2", "22.18.0", "21.99.0"]) {
      expect(tooOld(v), v).toMatch(new RegExp(`>= 22\\.19.*this is Node\\.js ${v.replace(/\./g, "\\.")}`))
      expect(tooOld(v)).toMatch(/nodejs\.org[^]*corepack enable pnpm[^]*npx pnpm@12 install/)
    }
  })

  it("accepts 22.19 and later", () => {
    for (const v of ["22.19.0", "22.20.1", "23.0.0", "24.11.0", "25.2.0"]) expect(tooOld(v), v).toBeUndefined()
  })

  it("the scripts run it before anything else", async () => {
    const { scripts } = (await import("../package.json", { with: { type: "json" } })).default
    const entries: Record<string, string> = scripts
    // `demo` when it exists (the CLI's main job): every command the README tells a new user to run.
    for (const name of ["preinstall", "start", "test", "demo"].filter((n) => n !== "demo" || n in entries)) {
      expect(entries[name], name).toMatch(/^node scripts\/check-node\.mjs( &&|$)/)
    }
  })

  it.skipIf(oldNode === undefined)("an old Node.js parses the script and stops with the message, exit code 1", () => {
    const run = spawnSync(oldNode!, [script], { encoding: "utf8" })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^sdsf needs Node\.js >= 22\.19/)
  })

  it("the current Node.js passes it silently", () => {
    const run = spawnSync(process.execPath, [script], { encoding: "utf8" })
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" })
  })
})
