import { EventStoreContract } from "@sdsf/domain/testing"
import { MemoryEventStore } from "@sdsf/adapters-memory"

EventStoreContract.suite("memory", MemoryEventStore.layerMemory)
