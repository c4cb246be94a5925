import { startEmbeddedPostgres } from "../../../adapters-postgres/test/embeddedPostgres.ts"
const s = await startEmbeddedPostgres("srv")
console.log(s.url)
process.on("SIGTERM", async () => {
  await s.stop()
  process.exit(0)
})
setInterval(() => {}, 1 << 30)
