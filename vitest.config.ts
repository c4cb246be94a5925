import { defineConfig } from "vitest/config"

// Workspace packages resolve to their TypeScript sources through the "@sdsf/source" export condition.
const resolve = { conditions: ["@sdsf/source"] }

export default defineConfig({
  resolve,
  ssr: { resolve },
  test: {
    projects: [
      // Property tests take seconds alone, and share the CPU with PostgreSQL tests (and the runners they spawn) in a run.
      { extends: true, test: { name: "domain", include: ["packages/domain/test/**/*.test.ts"], testTimeout: 60_000 } },
      { extends: true, test: { name: "adapters-memory", include: ["packages/adapters-memory/test/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "adapters-postgres",
          include: ["packages/adapters-postgres/test/**/*.test.ts"],
          globalSetup: ["packages/adapters-postgres/test/globalSetup.ts"],
          // pg_snapshot_xmin is cluster-wide: one file's open transaction would hold back another file's readers.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      },
      { extends: true, test: { name: "reporting", include: ["packages/reporting/test/**/*.test.ts"] } },
      // The first lookup reads and indexes 12 MB of JSON: seconds when the CPU is shared with the other projects.
      {
        extends: true,
        test: { name: "geographie", include: ["packages/geographie/test/**/*.test.ts"], testTimeout: 60_000 }
      },
      { extends: true, test: { name: "examples", include: ["examples/**/*.test.ts"] } },
      // Packs every package and installs the tarballs with npm in a fresh project: a minute or so, mostly npm.
      {
        extends: true,
        test: { name: "workspace", include: ["test/**/*.test.ts"], testTimeout: 600_000, hookTimeout: 600_000 }
      },
      // Imports into PostgreSQL share the embedded server the adapters-postgres project starts.
      {
        extends: true,
        test: {
          name: "import",
          include: ["packages/import/test/**/*.test.ts"],
          globalSetup: ["packages/adapters-postgres/test/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      },
      // The command runs against the same embedded server (and, for the default store, one of its own).
      {
        extends: true,
        test: {
          name: "cli",
          include: ["packages/cli/test/**/*.test.ts"],
          globalSetup: ["packages/adapters-postgres/test/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000
        }
      }
    ]
  }
})
