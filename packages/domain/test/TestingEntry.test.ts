import { execFileSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// A child Node process imports one entry point and prints every module URL it resolved (a synchronous resolve hook),
// so what an entry point loads is seen as a consumer's process sees it, outside vitest.
const loaded = (entry: string): ReadonlyArray<string> => {
  const script = `
    import { registerHooks } from "node:module"
    const urls = []
    registerHooks({
      resolve(specifier, context, next) { const r = next(specifier, context); urls.push(r.url); return r }
    })
    try { await import(${JSON.stringify(entry)}) } catch {}
    console.log(JSON.stringify(urls))`
  const out = execFileSync(process.execPath, ["--conditions=@sdsf/source", "--input-type=module", "-e", script], {
    cwd: join(import.meta.dirname, ".."),
    encoding: "utf8"
  })
  return JSON.parse(out)
}
const isVitest = (url: string) =>
  /\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(vitest|@vitest\/[^/]+|@effect\/vitest)\//.test(url)

describe("@sdsf/domain/testing loads no test runner", () => {
  it("importing @sdsf/domain/testing (fixtures, arbitraries, given/when/then) resolves no vitest module", () => {
    const urls = loaded("@sdsf/domain/testing")
    expect(urls.some((u) => u.endsWith("/src/testing/HautsDeSeine.ts"))).toBe(true)
    expect(urls.filter(isVitest)).toEqual([])
  })

  it("the contract suites are in @sdsf/domain/testing/contract, which does load @effect/vitest", () => {
    expect(loaded("@sdsf/domain/testing/contract").filter(isVitest)).not.toEqual([])
  })
})
