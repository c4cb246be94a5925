export * as MemoryEventStore from "./MemoryEventStore.ts"
export * as TestKit from "./TestKit.ts"
export * as MemoryProjectionStore from "./MemoryProjectionStore.ts"
