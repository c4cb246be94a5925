import { EventStoreContract } from "@sdsf/domain/testing/contract"
import { freshStore } from "./support.ts"

EventStoreContract.suite("postgres", freshStore("sdsf_contract"), { timeout: "60 seconds" })
