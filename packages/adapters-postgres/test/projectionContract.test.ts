import { PostgresProjectionStore } from "@sdsf/adapters-postgres"
import { ProjectionStoreContract } from "@sdsf/domain/testing/contract"
import { Layer } from "effect"
import { freshStore } from "./support.ts"

ProjectionStoreContract.suite(
  "postgres",
  PostgresProjectionStore.layer({ schema: "sdsf_projections" }).pipe(
    Layer.provideMerge(freshStore("sdsf_projections"))
  ),
  { timeout: "60 seconds" }
)
