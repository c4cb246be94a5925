import { describe, expect, it } from "vitest"
import { placeholder } from "@sdsf/domain"
describe("smoke", () => { it("resolves", () => { expect(placeholder).toBe(1) }) })
