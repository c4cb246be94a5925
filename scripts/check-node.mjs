// Stops with a clear message on a Node.js too old for sdsf: run first by pnpm install, pnpm start and pnpm test.
// Plain old JavaScript on purpose: it must parse and run on the old Node it is there to refuse.
var minimum = [22, 19]

/** The message for a Node.js version ("20.20.2"), or undefined when it is recent enough. */
export function tooOld(version) {
  var parts = version.split(".").map(Number)
  if (parts[0] > minimum[0] || (parts[0] === minimum[0] && parts[1] >= minimum[1])) return undefined
  return [
    "sdsf needs Node.js >= " + minimum.join(".") + " (24 LTS recommended): this is Node.js " + version + ".",
    "It runs its TypeScript with Node's own type stripping, which older versions do not have.",
    "",
    "Get Node.js 24: https://nodejs.org/en/download, or with a version manager: nvm install 24 / fnm install 24.",
    "Then pnpm: corepack enable pnpm (corepack ships with Node.js 24),",
    "or run it without installing: npx pnpm@12 install",
    "On a machine where you cannot install Node.js, bash .ci/run fetches Node.js 24 and pnpm into",
    "~/.cache/sdsf-toolchain and runs the tests; put ~/.cache/sdsf-toolchain/node_modules/.bin first on your PATH",
    "to use them."
  ].join("\n")
}

var message = tooOld(process.versions.node)
if (message !== undefined) {
  console.error(message)
  process.exit(1)
}
