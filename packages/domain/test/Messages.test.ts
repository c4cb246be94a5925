/**
 * Errors at the edges (issue 9, case 11): `make`, constructors, the command check and the event decoder name the
 * field, the reason and the value received, in one or two lines (they used to throw "Schema validation failed"
 * with the reason in `cause`, or list 38 schemas without the tag received).
 */
import { describe, expect, it } from "@effect/vitest"
import { Catalogue, CommandHandler, Commandes, EventStore, Indicateur, Periode, Temps, Territoire } from "@sdsf/domain"
import { HautsDeSeine } from "@sdsf/domain/testing"
import { Result } from "effect"

const thrown = (f: () => unknown): Error => {
  try {
    f()
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`threw a non-error: ${String(error)}`)
  }
  throw new Error("did not throw")
}

/** At most two lines and 240 characters: readable when uncaught. */
const short = (message: string) => {
  expect(message.split("\n").length).toBeLessThanOrEqual(2)
  expect(message.length).toBeLessThanOrEqual(240)
}

const reunion = (): Commandes.TenirReunion => {
  const r = HautsDeSeine.commandes().find((c) => c._tag === "TenirReunion")
  if (r === undefined) throw new Error("the fixture holds meetings")
  return r as Commandes.TenirReunion
}

describe("make of branded values", () => {
  it.each([
    [() => Temps.jour("2024-02-30"), "invalid Jour: 2024-02-30 is not a calendar day, received \"2024-02-30\""],
    [() => Temps.Annee.make(1800), "invalid Annee: expected a value between 1900 and 2100, received 1800"],
    [() => Territoire.commune("9205"), "invalid CodeCommune: a commune code is 5 characters"],
    [() => Indicateur.CodeIndicateur.make("Places AVIP"), "invalid CodeIndicateur: an indicator code is a lowercase"],
    [() => EventStore.streamName("Schema", "1"), "invalid StreamName: a stream name is <category>-<id>"],
    [
      () => Periode.Periode.make({ debut: Temps.Annee.make(2026), fin: Temps.Annee.make(2022) }),
      "invalid Periode: fin: the period ends (2022) before it starts (2026), received 2022"
    ]
  ])("%# names the schema, the reason and the value", (make, expected) => {
    const error = thrown(make)
    expect(error.message.startsWith(expected)).toBe(true)
    expect(error.message).not.toContain("Schema validation failed")
    expect((error as { readonly _tag?: string })._tag).toBe("InvalidValue")
    short(error.message)
  })

  it("the value received is in the message of a pattern check", () => {
    expect(thrown(() => Territoire.commune("9205")).message).toMatch(/received "9205"$/)
  })
})

describe("command constructors", () => {
  it("name the command, the field, the reason and the value", () => {
    const error = thrown(() => new Commandes.TenirReunion({ ...reunion(), schemaId: "pas-un-uuid" as never }))
    expect(error.message).toBe("invalid TenirReunion: schemaId: expected a UUID, received \"pas-un-uuid\"")
    short(error.message)
  })

  it("static make too", () => {
    const error = thrown(() => Commandes.TenirReunion.make({ ...reunion(), schemaId: "pas-un-uuid" as never }))
    expect(error.message).toBe("invalid TenirReunion: schemaId: expected a UUID, received \"pas-un-uuid\"")
    expect(Commandes.TenirReunion.make({ ...reunion() })).toBeInstanceOf(Commandes.TenirReunion)
  })

  it("a nested field is named by its path", () => {
    const error = thrown(() => new Commandes.TenirReunion({ ...reunion(), le: "2025-13-01" as never }))
    expect(error.message).toMatch(/^invalid TenirReunion: le: .*received "2025-13-01"$/)
  })

  it("a missing field is named", () => {
    const { ordreDuJour: _, ...sans } = reunion()
    const error = thrown(() => new Commandes.TenirReunion(sans as never))
    expect(error.message).toBe("invalid TenirReunion: ordreDuJour: missing")
  })
})

describe("Commandes.verifier: unchecked input (parsed JSON) as a command", () => {
  it("an unknown tag is named, with the closest known tags, in a short message", () => {
    const r = Commandes.verifier(JSON.parse("{\"_tag\":\"TenirReunio\",\"schemaId\":\"x\"}"))
    if (Result.isSuccess(r)) throw new Error("accepted an unknown command")
    expect(r.failure).toBeInstanceOf(CommandHandler.InvalidCommand)
    expect(r.failure.command).toBe("TenirReunio")
    expect(r.failure.message).toBe(
      "command TenirReunio: _tag: unknown command; closest: TenirReunion, received \"TenirReunio\""
    )
    short(r.failure.message)
  })

  it.each([
    [null, "command: _tag: a command is an object, received null"],
    [[1], "command: _tag: a command names itself in _tag, received [1]"],
    [{ schemaId: "x" }, "command: _tag: a command names itself in _tag, received {\"schemaId\":\"x\"}"]
  ])("%j is not a command", (input, message) => {
    const r = Commandes.verifier(input)
    if (Result.isSuccess(r)) throw new Error("accepted")
    expect(r.failure.message).toBe(message)
  })

  it("a bad field of a known command is named with its reason and value", () => {
    const json = JSON.parse(JSON.stringify({ ...reunion(), instanceId: 42 }))
    const r = Commandes.verifier(json)
    if (Result.isSuccess(r)) throw new Error("accepted")
    expect([r.failure.command, r.failure.path, r.failure.value]).toEqual(["TenirReunion", "instanceId", "42"])
    expect(r.failure.message).toBe("command TenirReunion: instanceId: Expected string, received 42")
  })

  it("every command of the fixture, as JSON, is checked back to an equal command", () => {
    for (const c of HautsDeSeine.commandes()) {
      const r = Commandes.verifier(JSON.parse(JSON.stringify(c)))
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      expect(r.success).toBeInstanceOf(Commandes.Commande.cases[c._tag])
      expect(r.success).toEqual(c)
    }
  })

  it("a command already constructed is returned as it is", () => {
    const c = reunion()
    expect(Result.getOrThrow(Commandes.verifier(c))).toBe(c)
  })
})

describe("event decode errors", () => {
  it("name the type, version, field, reason and value; through the handler, the stream and its version too", () => {
    const stored = {
      type: "ReunionTenue",
      typeVersion: 1,
      data: { ...JSON.parse(JSON.stringify(reunion())), _tag: undefined, le: "12/12/2025" }
    }
    const r = Catalogue.decoder(stored)
    if (Result.isSuccess(r)) throw new Error("decoded")
    expect(r.failure.reason).toMatch(/^le(\.jour)?: .*received "12\/12\/2025"$/)
    const { _tag, ...fields } = r.failure
    const error = new CommandHandler.EventDecodeError({
      ...fields,
      streamName: `schema-${HautsDeSeine.schemaId}`,
      streamVersion: 7
    })
    expect(error.message).toMatch(
      new RegExp(
        `^stream schema-${HautsDeSeine.schemaId}, version 7: cannot read event ReunionTenue v1: le.*"12/12/2025"$`
      )
    )
    short(error.message)
  })
})
