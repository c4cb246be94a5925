/**
 * Issue 9: plans as real documents write them. One `describe` per case, each test citing the seed or document
 * situation it comes from; each fails on the code before its change.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Domain from "@sdsf/domain"
import { Catalogue, Commandes as C, CommandHandler, Evenements, IdGenerator, Phase } from "@sdsf/domain"
import type { Gouvernance, Institution, Temps } from "@sdsf/domain"
import { Given } from "@sdsf/domain/testing"

const id = (...k: ReadonlyArray<string>) => IdGenerator.deriveId("test-documents", ...k)
const schemaId = id("schema") as Evenements.SchemaId
const j = (s: string) => s as Temps.Jour
const base = (jour = "2024-01-10") => ({ schemaId, survenuLe: `${jour}T10:00:00.000Z` as Temps.Instant })
const annee = (n: number) => n as Temps.Annee
const inst = (k: string) => id("institution", k) as Institution.InstitutionId
const instance = (k: string) => id("instance", k) as Gouvernance.InstanceId

const lancer = (overrides: Partial<ConstructorParameters<typeof C.LancerElaboration>[0]> = {}) =>
  new C.LancerElaboration({
    ...base("2023-06-01"),
    departement: "93" as never,
    periode: { debut: annee(2024), fin: annee(2026) },
    intitule: "SDSF de la Seine-Saint-Denis 2024-2026",
    regime: "decret-2021-1644",
    le: j("2023-06-01"),
    ...overrides
  })

const institutions: ReadonlyArray<readonly [string, Institution.NatureInstitution]> = [
  ["prefecture", "prefecture"],
  ["cd", "conseil-departemental"],
  ["caf", "caf"],
  ["ville", "commune"]
]

const creer = (k: string, nature: Gouvernance.NatureInstance) =>
  new C.CreerInstance({
    ...base(),
    instance: { instanceId: instance(k), nature, nom: k, cadence: { minParAn: 1 }, themes: [], missions: [] }
  })

const elaboration: ReadonlyArray<C.Commande> = [
  lancer(),
  ...institutions.map(([k, nature]) => new C.EnregistrerInstitution({ ...base(), institution: { institutionId: inst(k), nom: k, nature } })),
  creer("cdsf", "cdsf"),
  creer("labellisation", "comite-labellisation")
]
const adopter = (le = "2024-03-15") =>
  new C.AdopterSchema({ ...base(le), instanceId: instance("cdsf"), objet: "schema", le: j(le), vote: { mode: "unanimite" } })
const enMiseEnOeuvre = [...elaboration, adopter(), new C.DemarrerMiseEnOeuvre({ ...base("2024-04-01"), le: j("2024-04-01") })]

const given = (cmds: ReadonlyArray<C.Commande>) => Given.given(Given.histoire(cmds).events)

describe("case 12: review of the decider", () => {
  const concertation = (jour: string) =>
    new C.TenirConcertation({
      ...base(jour),
      concertationId: id("concertation", "atelier-1"),
      forme: "atelier",
      intitule: "Atelier petite enfance",
      le: j(jour),
      themes: []
    })

  it("TenirConcertation refuses an id already used, as TenirReunion does: DejaExistant", () => {
    given([...elaboration, concertation("2023-09-01")]).when(concertation("2023-09-02")).thenError("DejaExistant", (e) => {
      expect(e.quoi).toBe("concertation")
      expect(e.id).toBe(id("concertation", "atelier-1"))
    })
  })

  it("LabelliserPlaces refuses an id already used (seed 000: one labelling committee, 1 December 2025): DejaExistant", () => {
    const labelliser = (jour: string) =>
      new C.LabelliserPlaces({
        ...base(jour),
        labellisationId: id("labellisation", "avip-2025"),
        instanceId: instance("labellisation"),
        label: "AVIP",
        le: j(jour),
        places: 12
      })
    given([...enMiseEnOeuvre, labelliser("2025-12-01")]).when(labelliser("2025-12-02")).thenError("DejaExistant", (e) => {
      expect(e.quoi).toBe("labellisation")
    })
  })

  it("one decode error: the catalog's decoder and the command handler both answer EventDecodeError", () => {
    const r = Catalogue.decoder({ type: "SchemaInvente", typeVersion: 1, data: {} })
    expect(Result.isFailure(r) && r.failure).toBeInstanceOf(CommandHandler.EventDecodeError)
    expect(Result.isFailure(r) && r.failure.message).toBe("cannot read event SchemaInvente v1: unknown event type")
    expect("EvenementIllisible" in Catalogue).toBe(false)
  })

  it("Phase is a module of its own, exported from the index (not from Erreurs)", () => {
    expect(Phase.Phase.literals[0]).toBe("vierge")
    expect(Phase.rangPhase("clos")).toBe(6)
    expect("Phase" in Domain.Erreurs).toBe(false)
  })
})
