import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { Bilan, CadenceGouvernance, Chronologie, RegistreActions, TableauNational } from "@sdsf/reporting"

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
const section = (titre: string): string => {
  const debut = readme.indexOf(`### \`${titre}\``)
  expect(debut).toBeGreaterThan(-1)
  const fin = readme.slice(debut + 4).search(/\n##/)
  return fin === -1 ? readme.slice(debut) : readme.slice(debut, debut + 4 + fin)
}

describe("the package README documents each projection's tables as they are", () => {
  it.each(
    [
      ["RegistreActions", RegistreActions.projection],
      ["CadenceGouvernance", CadenceGouvernance.projection],
      ["Chronologie", Chronologie.projection],
      ["Bilan", Bilan.projection],
      ["TableauNational", TableauNational.projection]
    ] as const
  )("%s: name, version, tables with grain and key, every column, handled events", (titre, p) => {
    const s = section(titre)
    expect(s).toContain(`\`${p.name}\`, version ${p.version}`)
    for (const t of p.tables) {
      const ligne = (s.slice(s.indexOf(`- \`${t.name}\` — `)).split(/\n- |\n\n/)[0] ?? "").replaceAll("\n  ", " ")
      expect(ligne).toContain(t.grain.split(" ").slice(0, 4).join(" "))
      expect(ligne).toContain(`Key (${t.key.map((k) => `\`${k}\``).join(", ")})`)
      for (const c of t.columns.filter((c) => !t.key.includes(c.name))) {
        expect(ligne).toContain(`\`${c.name}\` ${c.type}${c.nullable === true ? "?" : ""}`)
      }
    }
    for (const h of p.handles) expect(s.replaceAll("\n", " ")).toContain(`\`${h}\``)
  })
})
