import { defineConfig } from "vitest/config"

// Workspace packages resolve to their TypeScript sources through the "@sdsf/source" export condition.
const resolve = { conditions: ["@sdsf/source"] }

export default defineConfig({
  resolve,
  ssr: { resolve },
  test: {
    projects: [
      { extends: true, test: { name: "domain", include: ["packages/domain/test/**/*.test.ts"] } },
      { extends: true, test: { name: "adapters-memory", include: ["packages/adapters-memory/test/**/*.test.ts"] } },
      { extends: true, test: { name: "reporting", include: ["packages/reporting/test/**/*.test.ts"] } },
      { extends: true, test: { name: "examples", include: ["examples/**/*.test.ts"] } }
    ]
  }
})
