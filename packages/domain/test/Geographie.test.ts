import { describe, expect, it } from "vitest"
import { Geographie, Territoire } from "@sdsf/domain"

// Fiches as the Geographie service gives them (codes and names of the 2026 geography; populations made up).
const mgp: Geographie.Groupement = {
  territoire: { niveau: "epci", code: Territoire.CodeEpci.make("200054781") },
  nom: "Métropole du Grand Paris",
  type: "METRO"
}
const plaineCommune: Geographie.Groupement = {
  territoire: { niveau: "epci", code: Territoire.CodeEpci.make("200057867") },
  nom: "Plaine Commune",
  type: "EPT"
}
const d = Territoire.CodeDepartement.make
const fiches: ReadonlyArray<Geographie.FicheCommune> = [
  {
    territoire: { niveau: "commune", code: Territoire.CodeCommune.make("93066") },
    nom: "Saint-Denis",
    departement: d("93"),
    epci: mgp,
    ept: plaineCommune
  },
  {
    territoire: { niveau: "commune", code: Territoire.CodeCommune.make("93031") },
    nom: "Épinay-sur-Seine",
    departement: d("93"),
    epci: mgp,
    ept: plaineCommune
  },
  {
    territoire: { niveau: "arrondissement", code: Territoire.CodeArrondissement.make("75119") },
    nom: "Paris 19e Arrondissement",
    departement: d("75"),
    commune: Territoire.CodeCommune.make("75056"),
    epci: mgp
  },
  {
    territoire: { niveau: "commune", code: Territoire.CodeCommune.make("29155") },
    nom: "Ouessant",
    departement: d("29")
  }
]
const valeurs = [["93066", 34], ["93031", 12], ["75119", 20], ["29155", 1], ["99999", 5]] as const

describe("commune values roll up to their EPCI, EPT and département (domain.md: real data a user imports)", () => {
  it("sums per EPT; Paris (no EPT), an island (no EPCI) and an unknown code are listed apart, not summed", () => {
    const parEpt = Geographie.cumuler(valeurs, fiches, "ept")
    expect([...parEpt.totaux]).toEqual([["200057867", 46]])
    expect(parEpt.horsRattachement).toEqual(["75119", "29155", "99999"])
  })

  it("sums per EPCI (an arrondissement through its city) and per département", () => {
    expect([...Geographie.cumuler(valeurs, fiches, "epci").totaux]).toEqual([["200054781", 66]])
    const parDepartement = Geographie.cumuler(valeurs, fiches, "departement")
    expect([...parDepartement.totaux]).toEqual([["93", 46], ["75", 20], ["29", 1]])
    expect(parDepartement.horsRattachement).toEqual(["99999"])
  })
})
