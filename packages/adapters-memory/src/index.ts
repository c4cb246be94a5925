export * as MemoryEventStore from "./MemoryEventStore.ts"
