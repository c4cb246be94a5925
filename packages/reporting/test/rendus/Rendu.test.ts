import { assert, describe, it } from "@effect/vitest"
import { Rendu } from "@sdsf/reporting"

const nnbsp = "\u202f"
const nbsp = "\u00a0"

describe("Rendu", () => {
  it("numbers in French by format: grouping with U+202F, decimal comma, % and € after a no-break space", () => {
    assert.strictEqual(Rendu.nombre(1234567.891, "entier"), `1${nnbsp}234${nnbsp}568`)
    assert.strictEqual(Rendu.nombre(1234.5, "decimal"), `1${nnbsp}234,5`)
    assert.strictEqual(Rendu.nombre(0.1 + 0.2, "decimal"), "0,3")
    assert.strictEqual(Rendu.nombre(12.5, "pourcent"), `12,5${nbsp}%`)
    assert.strictEqual(Rendu.nombre(21345, "euros"), `21${nnbsp}345${nbsp}€`)
    assert.strictEqual(Rendu.nombre(1234.5, "euros"), `1${nnbsp}234,50${nbsp}€`)
    assert.strictEqual(Rendu.nombre(-1234.5, "decimal"), `-1${nnbsp}234,5`)
    assert.strictEqual(Rendu.nombre(-0, "decimal"), "0")
    assert.strictEqual(Rendu.nombre(-0.0000001, "decimal"), "0")
    assert.strictEqual(Rendu.nombre(2024, undefined, "integer"), "2024")
    assert.strictEqual(Rendu.nombre(12345.25, undefined, "number"), "12345,25")
    assert.strictEqual(Rendu.nombre(1.5e21, "entier"), "1,5 × 10²¹")
    assert.strictEqual(Rendu.nombre(-1e300, "decimal"), "-1 × 10³⁰⁰")
    assert.strictEqual(
      Rendu.nombre(Number.MAX_SAFE_INTEGER, "entier"),
      `9${nnbsp}007${nnbsp}199${nnbsp}254${nnbsp}740${nnbsp}991`
    )
  })

  it("days in French when they exist, other text as is", () => {
    assert.strictEqual(Rendu.jour("2024-03-05"), "5 mars 2024")
    assert.strictEqual(Rendu.jour("2024-08-01"), "1er août 2024")
    assert.strictEqual(Rendu.jour("2024-02-29"), "29 février 2024")
    assert.strictEqual(Rendu.jour("2023-02-29"), "2023-02-29")
    assert.strictEqual(Rendu.jour("2024-13"), "2024-13")
    assert.strictEqual(Rendu.jour("2024-12"), "décembre 2024")
    assert.strictEqual(Rendu.jour("2024"), "2024")
    assert.strictEqual(Rendu.jour("<b>"), "<b>")
  })
})
