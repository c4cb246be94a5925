/**
 * `pnpm check:packages`: packs every package and runs publint and Are the Types Wrong on each tarball; exits 1 when
 * one of them reports a problem.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { attw, contents, packAll, publint } from "./Packages.ts"

const destination = mkdtempSync(join(tmpdir(), "sdsf-pack-"))
let failed = false
for (const p of packAll(destination)) {
  console.log(`\n# ${p.name}: ${(p.bytes / 1024).toFixed(1)} KiB packed, ${contents(p.tarball).length} files`)
  for (const [checker, verdict] of [["publint", publint(p.tarball)], ["attw", attw(p.tarball)]] as const) {
    console.log(`## ${checker}: ${verdict.ok ? "clean" : "PROBLEMS"}\n${verdict.output.trim()}`)
    failed ||= !verdict.ok
  }
}
rmSync(destination, { recursive: true, force: true })
process.exit(failed ? 1 : 0)
