import { Effect, Layer, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Commandes as C, EventStore, IdGenerator } from "@sdsf/domain"
import type { Indicateur, Temps } from "@sdsf/domain"
import { Given, HautsDeSeine } from "@sdsf/domain/testing"
import { MemoryEventStore } from "@sdsf/adapters-memory"
import { TableauIndicateurs as T } from "@sdsf/reporting"

const ecrire = (commandes: ReadonlyArray<C.Commande>) => Given.histoire(commandes).events

// Seed 002's portrait social: Saint-Denis (93066) beside Seine-Saint-Denis; other communes made up to test the sum.
const valeur = (k: string, territoire: Indicateur.ValeurIndicateur["territoire"], v: number, jour: string, unite: Indicateur.Unite = "nombre") =>
  new C.EnregistrerValeurIndicateur({
    schemaId: HautsDeSeine.schemaId,
    survenuLe: `${jour}T12:00:00.000Z` as Temps.Instant,
    valeur: {
      valeurId: IdGenerator.deriveId("reporting-test", k) as Indicateur.ValeurId,
      indicateur: (unite === "pourcent" ? "part-enfants-pauvres" : "nombre-eaje") as Indicateur.CodeIndicateur,
      territoire,
      periode: { annee: 2023 as Temps.Annee },
      valeur: v,
      unite,
      source: "CD93",
      enregistreLe: `${jour}T12:00:00.000Z` as Temps.Instant
    }
  })
const dep = { niveau: "departement", code: "93" } as Indicateur.ValeurIndicateur["territoire"]
const com = (code: string) => ({ niveau: "commune", code }) as Indicateur.ValeurIndicateur["territoire"]

describe("indicator table (bi-temporal, commune sums, CSV)", () => {
  const [lancer] = HautsDeSeine.commandes()
  const evenements = ecrire([
    lancer as C.Commande,
    valeur("d1", dep, 446, "2024-03-01"),
    valeur("c1", com("93066"), 34, "2024-03-01"),
    valeur("c2", com("93008"), 400, "2024-03-01"),
    valeur("c1-bis", com("93066"), 36, "2024-09-01"),
    valeur("pc", com("93066"), 44.9, "2024-03-01", "pourcent")
  ])
  const tableau = evenements.reduce(T.appliquer, T.vide)

  it("shows the latest value known on a day, and how many versions there were", () => {
    const avant = T.lignes(tableau, "2024-06-30" as Temps.Jour).find((l) => l.territoire === "commune:93066" && l.indicateur === "nombre-eaje")
    const apres = T.lignes(tableau).find((l) => l.territoire === "commune:93066" && l.indicateur === "nombre-eaje")
    expect(avant).toMatchObject({ valeur: 34, versions: 1 })
    expect(apres).toMatchObject({ valeur: 36, versions: 2 })
    expect(T.lignes(tableau, "2024-02-01" as Temps.Jour)).toEqual([])
  })

  it("flags communes that do not add up to their département's total, and skips rates", () => {
    expect(T.controlesSommes(T.lignes(tableau, "2024-06-30" as Temps.Jour))).toEqual([
      { indicateur: "nombre-eaje", departement: "93", periode: "2023", totalDepartement: 446, sommeCommunes: 434, communes: 2, ecart: 12 }
    ])
    expect(T.controlesSommes(T.lignes(tableau))[0]?.ecart).toBe(10)
  })

  it("writes CSV a spreadsheet opens: header, CRLF, quoted cells, French decimal comma on request", () => {
    const csv = T.versCsv(T.lignes(tableau), { separateur: ";", virgule: true })
    const rows = csv.split("\r\n")
    expect(rows[0]).toBe("indicateur;territoire;periode;valeur;unite;source;methode;enregistre_le;versions")
    expect(rows).toContain("part-enfants-pauvres;commune:93066;2023;44,9;pourcent;CD93;;2024-03-01T12:00:00.000Z;1")
    expect(T.versCsv([{ ...T.lignes(tableau)[0] as T.Ligne, source: "Caf, \"open data\"" }])).toContain("\"Caf, \"\"open data\"\"\"")
  })

  it("gives the same table fed from the store's global log as from the events in memory (replay = live)", async () => {
    const depuisLeStore = await Effect.runPromise(Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      yield* store.append(EventStore.streamName("schema", HautsDeSeine.schemaId), EventStore.ExpectedVersion.noStream,
        evenements.map((e, i) => ({ ...Catalogue.encoder(e), eventId: IdGenerator.deriveId("evt", String(i)) })))
      return yield* Stream.runFold(store.readAll(0), () => T.vide, T.appliquerEnregistre)
    }).pipe(Effect.provide(Layer.merge(MemoryEventStore.layerMemory, IdGenerator.IdGenerator.layer))))
    expect(T.lignes(depuisLeStore)).toEqual(T.lignes(tableau))
  })
})
