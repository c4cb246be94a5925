import { MemoryEventStore, MemoryProjectionStore } from "@sdsf/adapters-memory"
import { ProjectionStoreContract } from "@sdsf/domain/testing/contract"
import { Layer } from "effect"

ProjectionStoreContract.suite(
  "memory",
  MemoryProjectionStore.layer.pipe(Layer.provideMerge(MemoryEventStore.layerMemory))
)
