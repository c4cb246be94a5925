import { describe, expect, it } from "@effect/vitest"
import { Catalogue, CommandHandler, Evenements } from "@sdsf/domain"
import { Arbitraries as A } from "@sdsf/domain/testing"
import { Equal, Result } from "effect"
import * as fc from "fast-check"

const parEvenement: ReadonlyArray<readonly [string, fc.Arbitrary<Evenements.Evenement>]> = Object.entries(A.evenements)

const relire = (e: Evenements.Evenement) => {
  const stocke = JSON.parse(JSON.stringify(Catalogue.encoder(e))) as {
    type: string
    typeVersion: number
    data: unknown
  }
  return Catalogue.decoder(stocke)
}

const illisible = (
  stored: { readonly type: string; readonly typeVersion: number; readonly data: unknown },
  registre?: Catalogue.Upcasters
) => {
  const r = registre === undefined ? Catalogue.decoder(stored) : Catalogue.decoder(stored, registre)
  if (Result.isSuccess(r)) throw new Error(`expected EventDecodeError, decoded ${JSON.stringify(r.success)}`)
  expect(r.failure).toBeInstanceOf(CommandHandler.EventDecodeError)
  expect(r.failure._tag).toBe("EventDecodeError")
  expect(r.failure.type).toBe(stored.type)
  expect(r.failure.typeVersion).toBe(stored.typeVersion)
  return r.failure
}

const exemple = new Evenements.LettreInformationPubliee({
  schemaId: "0d4f5a2e-8a3b-5c1d-9e2f-3a4b5c6d7e8f" as Evenements.SchemaId,
  survenuLe: "2025-12-12T09:30:00.000Z" as Evenements.LettreInformationPubliee["survenuLe"],
  numero: 4,
  titre: "Journal de projet n°4",
  le: "2025-12-12" as Evenements.LettreInformationPubliee["le"]
})

describe("Catalogue codec", () => {
  it("every event round-trips encoder → JSON text → decoder to an equal event", () => {
    fc.assert(
      fc.property(A.evenement, (e) => {
        const r = relire(e)
        if (Result.isFailure(r)) throw new Error(`${e._tag} did not decode: ${r.failure.reason}`)
        expect(Equal.equals(r.success, e)).toBe(true)
        expect(r.success).toStrictEqual(e)
        expect(Catalogue.encoder(r.success)).toStrictEqual(Catalogue.encoder(e))
      }),
      { numRuns: 300 }
    )
  })

  it.each(parEvenement)(
    "%s round-trips and is stored as plain JSON with its type and current version",
    (tag, arbitraire) => {
      fc.assert(
        fc.property(arbitraire, (e) => {
          const enc = Catalogue.encoder(e)
          expect(enc.type).toBe(tag)
          expect(enc.typeVersion).toBe(Catalogue.entree(tag)?.version)
          expect(JSON.parse(JSON.stringify(enc))).toStrictEqual(enc)
          expect(Object.getPrototypeOf(enc.data)).toBe(Object.prototype)
          expect(enc.data).not.toHaveProperty("_tag")
          const r = relire(e)
          if (Result.isFailure(r)) throw new Error(`${tag} did not decode: ${r.failure.reason}`)
          expect(r.success._tag).toBe(tag)
          expect(r.success).toStrictEqual(e)
        }),
        { numRuns: 25 }
      )
    }
  )

  it("the catalog has one entry per event, in the union's tags", () => {
    expect(Catalogue.catalogue.map((e) => e.type).sort()).toEqual(Object.keys(Evenements.Evenement.cases).sort())
    expect(new Set(Catalogue.catalogue.map((e) => e.type)).size).toBe(39)
  })
})

describe("Catalogue decoder errors are EventDecodeError with the reason", () => {
  const donnees = Catalogue.encoder(exemple).data as Record<string, unknown>
  const data = donnees

  it("decodes the well-formed example", () => {
    const r = Catalogue.decoder({ type: "LettreInformationPubliee", typeVersion: 1, data })
    expect(Result.isSuccess(r) && r.success).toStrictEqual(exemple)
  })

  it("an unknown type", () => {
    expect(illisible({ type: "SchemaInvente", typeVersion: 1, data }).reason).toBe("unknown event type")
    // The stored type is the `_tag`, case included.
    expect(illisible({ type: "lettreInformationPubliee", typeVersion: 1, data }).reason).toBe("unknown event type")
  })

  it("a version newer than the library's, or not a version at all", () => {
    for (const typeVersion of [2, 3, 0, -1, 1.5, Number.NaN]) {
      expect(illisible({ type: "LettreInformationPubliee", typeVersion, data }).reason).toBe(
        "versions 1 to 1 are readable"
      )
    }
  })

  it("a version newer than the library's fails even when the registry knows how to upcast from it", () => {
    const registre: Catalogue.Upcasters = { LettreInformationPubliee: { 1: (d) => d, 2: (d) => d } }
    expect(illisible({ type: "LettreInformationPubliee", typeVersion: 2, data }, registre).reason).toBe(
      "versions 1 to 1 are readable"
    )
  })

  it("data that is not a JSON object", () => {
    for (const d of [null, [], "texte", 42, true, [data]]) {
      expect(illisible({ type: "LettreInformationPubliee", typeVersion: 1, data: d }).reason).toBe(
        "data is not a JSON object"
      )
    }
  })

  it("data its schema rejects names the offending field", () => {
    const sansTitre: Record<string, unknown> = { ...donnees }
    delete sansTitre["titre"]
    expect(illisible({ type: "LettreInformationPubliee", typeVersion: 1, data: sansTitre }).reason).toContain("titre")
    expect(illisible({ type: "LettreInformationPubliee", typeVersion: 1, data: { ...data, titre: "" } }).reason)
      .toContain("titre")
    expect(illisible({ type: "LettreInformationPubliee", typeVersion: 1, data: { ...data, le: "2025-02-30" } }).reason)
      .toContain("le")
    expect(
      illisible({ type: "LettreInformationPubliee", typeVersion: 1, data: { ...data, schemaId: "pas-un-uuid" } }).reason
    ).toContain("schemaId")
    // Data of another event does not pass for this one.
    expect(illisible({ type: "ProjetPresente", typeVersion: 1, data }).reason).toContain("instanceId")
  })

  it("an event's data under its own type but a stored `_tag` of another type still decodes as the stored type", () => {
    const r = Catalogue.decoder({
      type: "LettreInformationPubliee",
      typeVersion: 1,
      data: { ...data, _tag: "ProjetPresente" }
    })
    expect(Result.isSuccess(r) && r.success._tag).toBe("LettreInformationPubliee")
  })

  it("current-version data is not upcast, whatever the registry holds", () => {
    const registre: Catalogue.Upcasters = {
      LettreInformationPubliee: {
        1: () => {
          throw new Error("no upcaster runs on current-version data")
        }
      }
    }
    const r = Catalogue.decoder({ type: "LettreInformationPubliee", typeVersion: 1, data }, registre)
    expect(Result.isSuccess(r) && r.success).toStrictEqual(exemple)
  })
})

describe("Catalogue upcasting (makeDecoder over a test catalog where LettreInformationPubliee is at version 3)", () => {
  // v1 stored { title, date }, v2 renamed title to titre, v3 (the current schema) renamed date to le.
  const catalogueV3 = Catalogue.catalogue.map((e) => (e.type === "LettreInformationPubliee" ? { ...e, version: 3 } : e))
  const v1Versv2 = (d: Record<string, unknown>) => {
    const { title, ...reste } = d
    return { ...reste, titre: title }
  }
  const v2Versv3 = (d: Record<string, unknown>) => {
    const { date, ...reste } = d
    return { ...reste, le: date }
  }
  const registre: Catalogue.Upcasters = { LettreInformationPubliee: { 1: v1Versv2, 2: v2Versv3 } }
  const lire = Catalogue.makeDecoder(catalogueV3, registre)
  const { titre, le, ...communs } = Catalogue.encoder(exemple).data as Record<string, unknown>
  const v1 = { ...communs, title: titre, date: le }
  const v2 = { ...communs, titre, date: le }
  const v3 = { ...communs, titre, le }

  it("reads every older version through the chain of upcasters, and the current one as is", () => {
    for (const [typeVersion, data] of [[1, v1], [2, v2], [3, v3]] as const) {
      const r = lire({ type: "LettreInformationPubliee", typeVersion, data })
      expect(Result.isSuccess(r) && r.success, `v${typeVersion}`).toStrictEqual(exemple)
    }
  })

  it("applies the upcasters in order, from the stored version up", () => {
    const vus: Array<number> = []
    const trace: Catalogue.Upcasters = {
      LettreInformationPubliee: {
        1: (d) => (vus.push(1), v1Versv2(d)),
        2: (d) => (vus.push(2), v2Versv3(d))
      }
    }
    Catalogue.makeDecoder(catalogueV3, trace)({ type: "LettreInformationPubliee", typeVersion: 1, data: v1 })
    expect(vus).toEqual([1, 2])
    vus.length = 0
    Catalogue.makeDecoder(catalogueV3, trace)({ type: "LettreInformationPubliee", typeVersion: 2, data: v2 })
    expect(vus).toEqual([2])
  })

  it("a missing link of the chain is EventDecodeError naming the version without an upcaster", () => {
    const troue = Catalogue.makeDecoder(catalogueV3, { LettreInformationPubliee: { 1: v1Versv2 } })
    const r = troue({ type: "LettreInformationPubliee", typeVersion: 1, data: v1 })
    expect(Result.isFailure(r) && r.failure).toMatchObject({
      _tag: "EventDecodeError",
      typeVersion: 1,
      reason: "no upcaster from version 2"
    })
    const vide = Catalogue.makeDecoder(catalogueV3, {})({ type: "LettreInformationPubliee", typeVersion: 2, data: v2 })
    expect(Result.isFailure(vide) && vide.failure.reason).toBe("no upcaster from version 2")
  })

  it("a version beyond the test catalog's is refused; other types are unaffected", () => {
    const r = lire({ type: "LettreInformationPubliee", typeVersion: 4, data: v3 })
    expect(Result.isFailure(r) && r.failure.reason).toBe("versions 1 to 3 are readable")
    const projet = new Evenements.ProjetPresente({
      schemaId: exemple.schemaId,
      survenuLe: exemple.survenuLe,
      instanceId: "6f1c2d3e-4a5b-4c6d-8e7f-8a9b0c1d2e3f" as Evenements.ProjetPresente["instanceId"],
      le: exemple.le
    })
    const autre = lire(
      JSON.parse(JSON.stringify(Catalogue.encoder(projet))) as { type: string; typeVersion: number; data: unknown }
    )
    expect(Result.isSuccess(autre) && autre.success).toStrictEqual(projet)
  })

  it("upcast data that its schema rejects is EventDecodeError with the schema's reason", () => {
    const faux = Catalogue.makeDecoder(catalogueV3, { LettreInformationPubliee: { 1: (d) => d, 2: (d) => d } })
    const r = faux({ type: "LettreInformationPubliee", typeVersion: 1, data: v1 })
    expect(Result.isFailure(r) && r.failure.reason).toContain("titre")
  })

  it("the library's decoder is makeDecoder over the library's catalog and upcasters", () => {
    fc.assert(
      fc.property(A.evenement, (e) => {
        const stocke = JSON.parse(JSON.stringify(Catalogue.encoder(e))) as {
          type: string
          typeVersion: number
          data: unknown
        }
        expect(Catalogue.makeDecoder(Catalogue.catalogue, Catalogue.upcasters)(stocke)).toStrictEqual(
          Catalogue.decoder(stocke)
        )
      }),
      { numRuns: 50 }
    )
  })
})

describe("Catalogue.jsonSchemas", () => {
  const documents = Catalogue.jsonSchemas()

  interface Objet {
    readonly type?: unknown
    readonly properties?: Readonly<Record<string, unknown>>
    readonly required?: ReadonlyArray<string>
  }
  const racine = (d: unknown): Objet => {
    const doc = d as {
      readonly dialect: string
      readonly schema: { readonly $ref?: string }
      readonly definitions: Readonly<Record<string, Objet>>
    }
    expect(doc.dialect).toBe("draft-2020-12")
    const ref = doc.schema.$ref
    if (ref === undefined) return doc.schema as Objet
    const cle = ref.split("/").at(-1) ?? ""
    const o = doc.definitions[cle]
    if (o === undefined) throw new Error(`unresolved ${ref}`)
    return o
  }

  it("one document per event, in the catalog's order, with its version and phase", () => {
    expect(documents).toHaveLength(39)
    expect(documents.map((d) => d.type)).toEqual(Catalogue.catalogue.map((e) => e.type))
    for (const d of documents) {
      expect(d.version).toBe(Catalogue.entree(d.type)?.version)
      expect(d.description.length).toBeGreaterThan(0)
      expect(["elaboration", "validation", "mise-en-oeuvre", "bilan", "renouvellement", "transverse"]).toContain(
        d.phase
      )
    }
  })

  it.each(documents.map((d) => [d.type, d.jsonSchema] as const))(
    "%s: an object schema requiring schemaId and survenuLe",
    (_, jsonSchema) => {
      const o = racine(jsonSchema)
      expect(o.type).toBe("object")
      expect(o.required).toEqual(expect.arrayContaining(["schemaId", "survenuLe"]))
      expect(Object.keys(o.properties ?? {})).toEqual(expect.arrayContaining(["schemaId", "survenuLe"]))
      expect(JSON.parse(JSON.stringify(jsonSchema))).toStrictEqual(jsonSchema)
    }
  )

  it("every stored event carries the fields its JSON Schema requires, and only fields it describes", () => {
    const parType = new Map(documents.map((d) => [d.type, racine(d.jsonSchema)]))
    fc.assert(
      fc.property(A.evenement, (e) => {
        const { type, data } = Catalogue.encoder(e)
        const o = parType.get(type) as Objet
        const cles = Object.keys(data as Record<string, unknown>)
        for (const r of o.required ?? []) expect(cles, `${type} requires ${r}`).toContain(r)
        for (const k of cles) expect(Object.keys(o.properties ?? {}), `${type}.${k}`).toContain(k)
      }),
      { numRuns: 200 }
    )
  })
})
