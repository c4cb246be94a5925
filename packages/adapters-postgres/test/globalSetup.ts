/**
 * Vitest global setup: uses the server at DATABASE_URL, or starts an embedded PostgreSQL for the run and stops it
 * at the end. Tests read the URL with `inject("databaseUrl")`.
 */
import type { TestProject } from "vitest/node"
import { startEmbeddedPostgres } from "./embeddedPostgres.ts"

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env["DATABASE_URL"]
  if (given !== undefined && given !== "") {
    project.provide("databaseUrl", given)
    return async () => {}
  }
  const server = await startEmbeddedPostgres()
  project.provide("databaseUrl", server.url)
  return server.stop
}
