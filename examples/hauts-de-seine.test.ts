import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { layer, programme } from "./hauts-de-seine.ts"

describe("example: the Hauts-de-Seine schéma through the command handler and the memory store", () => {
  it("writes every command as events and reads back the schéma seeds 000 and 001 describe", async () => {
    const r = await Effect.runPromise(Effect.provide(programme, layer))
    expect(r.phase).toBe("bilan")
    expect({ axes: r.axes, objectifs: r.objectifs, actions: r.actions }).toEqual({ axes: 2, objectifs: 7, actions: 18 })
    expect(r.actionsParTheme).toEqual({
      "petite-enfance": 6,
      "enfance-jeunesse": 4,
      parentalite: 6,
      "animation-vie-sociale": 3
    })
    expect(r.placesAvip).toEqual({ 2024: 187, 2025: 204 })
    expect(r.evenements).toBeGreaterThan(100)
  })
})
