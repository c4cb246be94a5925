#!/usr/bin/env node
/**
 * The `sdsf` executable: stops on a Node.js older than 22.19, runs the command, exits with its code (see `Cli`).
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import * as Cli from "./Cli.ts"

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `sdsf needs Node.js 22.19 or later (24 LTS recommended); this is ${process.versions.node}.\n` +
      "Install it from https://nodejs.org, or run `npx node@24 ...`.\n"
  )
  process.exit(1)
}

Cli.run(process.argv.slice(2)).pipe(
  // The store is closed by now (each command scopes it): print the reason and exit with the command's code.
  Effect.catchTag("Echec", (e) =>
    Effect.sync(() => {
      process.stderr.write(`${e.message}\n`)
      process.exit(e.code)
    })),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)
