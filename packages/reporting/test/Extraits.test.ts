// Every view's extract holds what its columns declare: each row has exactly the declared columns, with cells of the
// declared type (null allowed), so renderers can trust an Extrait.
import { beforeAll, describe, expect, it } from "vitest"
import { Projection } from "@sdsf/domain"
import { Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { Bilan, CadenceGouvernance, Chronologie, RegistreActions, TableauNational } from "@sdsf/reporting"
import type { Extrait } from "@sdsf/reporting"
import { evenements, hautsDeSeineJusquAuSuccesseur, journal, plier, successeur } from "./journal.ts"

const vues: ReadonlyArray<readonly [Projection.Projection, (t: Projection.Tables) => ReadonlyArray<Extrait.Extrait>]> =
  [
    [RegistreActions.projection, (t) => RegistreActions.extraits(t)],
    [CadenceGouvernance.projection, (t) => CadenceGouvernance.extraits(t)],
    [Chronologie.projection, (t) => Chronologie.extraits(t)],
    [Bilan.projection, (t) => Bilan.extraits(t)],
    [TableauNational.projection, (t) => TableauNational.extraits(t)]
  ]

describe("extracts of every view hold the declared columns and types", () => {
  let log: Awaited<ReturnType<typeof journal>>
  beforeAll(async () => {
    log = await journal([
      evenements(hautsDeSeineJusquAuSuccesseur()),
      evenements(successeur()),
      evenements(SeineSaintDenis.commandes()),
      evenements(Paris.commandes())
    ], 20)
  })

  it.each(vues.map(([p, v]) => [p.name, p, v] as const))("%s", (_, p, v) => {
    const extraits = v(plier(p, log))
    expect(extraits.reduce((n, x) => n + x.lignes.length, 0)).toBeGreaterThan(0)
    for (const x of extraits) {
      expect(x.nom).toMatch(/^[a-z][a-z0-9_]*$/)
      const table: Projection.Table = {
        name: x.nom,
        grain: x.grain,
        key: [x.colonnes[0]?.nom ?? ""],
        columns: x.colonnes.map((c) => ({ name: c.nom, type: c.type, nullable: true, description: c.description }))
      }
      for (const l of x.lignes) expect(Projection.rowReason(table, l)).toBeUndefined()
    }
  })
})
