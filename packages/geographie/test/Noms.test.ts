import { describe, expect, it } from "vitest"
import { Noms } from "@sdsf/geographie"

const { cle, cleCourte, distance, sansArticle } = Noms

describe("name keys and edit distance", () => {
  it("a key ignores accents, case, ligatures, hyphens, apostrophes; Saint(e) is St(e); ordinals are numbers", () => {
    expect(cle("ÉPINAY-SUR-SEINE")).toBe("epinay sur seine")
    expect(cle("L’Haÿ-les-Roses")).toBe("l hay les roses")
    expect(cle("Saint-Denis")).toBe(cle("ST DENIS"))
    expect(cle("Sainte-Geneviève-des-Bois")).toBe("ste genevieve des bois")
    expect(cle("Œuilly")).toBe("oeuilly")
    expect(cle("Paris 1er Arrondissement")).toBe("paris 1")
    expect(cle("Marseille 16ème arr.")).toBe("marseille 16")
    expect(cle("Île-Saint-Denis (L')")).toBe("l ile st denis")
  })

  it("a leading article can be dropped; legal forms of EPCI are dropped from the short key", () => {
    expect(sansArticle("le blanc mesnil")).toBe("blanc mesnil")
    expect(sansArticle("lens")).toBeUndefined()
    expect(cleCourte("CC de l'Est Lyonnais (CCEL)")).toBe("l est lyonnais")
    expect(cleCourte("Communauté d'agglomération Plaine Vallée")).toBe(cleCourte("CA Plaine Vallée"))
    expect(cleCourte("Métropole du Grand Paris")).toBe("grand paris")
  })

  it("Damerau-Levenshtein (optimal string alignment), cut off past its bound", () => {
    expect(distance("noisieu", "noiseau", 5)).toBe(2)
    expect(distance("noisieu", "noisiel", 5)).toBe(1)
    expect(distance("ab", "ba", 5)).toBe(1) // one transposition, not two substitutions
    expect(distance("bobigny", "bobigny", 0)).toBe(0)
    expect(distance("aubervilliers", "bobigny", 2)).toBe(3)
    expect(distance("", "abc", 5)).toBe(3)
  })
})
