import { assert, describe, it } from "@effect/vitest"
import { Migrations } from "@sdsf/adapters-postgres"
import { createHash } from "node:crypto"

// A migration that has run on someone's database is history: editing its text would leave stores that ran the old
// text and stores that ran the new one. Fixes go in a new migration (issue 8: migration 3 fixes migration 2).
const ran: ReadonlyArray<readonly [string, string]> = [
  ["1_events_streams_checkpoints", "b37d9e5e4d479d674be0a6e2c6c9eded05cc6f9c9619f04088cce14dbad8f8f4"],
  ["2_stream_version_from_events", "197d2243e1a75fa19ecf8559a66cb9d51d388396640117acb8543e8845fc05d4"],
  ["3_transaction_id_inside_ordering_lock", "5feccdedb0d30c2be8a24d4c6852a8b5c46c3c400798c14494d75deec96eb12a"],
  ["4_append_security_definer", "88fd4f3acd2229ace6ae934640ce8a264c3a74b5e835a88e3234022dfbb07e89"],
  // Issue 11 (plan files): the personal-data store's table. Another branch may also add a migration 5: renumber at merge.
  ["5_personnes", "7be3964607f9efd22a8e9a4559f59342b2441a63361d3d58a9c0e3de59edb4c8"]
]

describe("migrations", () => {
  it("the statements of every released migration are exactly those that ran (schema sdsf)", () => {
    const actual = Migrations.migrations("sdsf").slice(0, ran.length).map(([name, statements]) =>
      [name, createHash("sha256").update(statements.join("\n;\n")).digest("hex")] as const
    )
    assert.deepStrictEqual(actual, ran)
  })

  it("migration 3 takes the transaction id by an assignment inside the ordering lock, before the positions", () => {
    const text = Migrations.migrations("sdsf")[2]![1].join("\n")
    const lock = text.indexOf(`PERFORM pg_advisory_lock(${Migrations.allocationLockKey("sdsf")}, 1)`)
    const id = text.indexOf("taken_xid := pg_current_xact_id();")
    const positions = text.indexOf("first_position := nextval(")
    assert.isTrue(lock !== -1 && lock < id && id < positions, "lock, then id, then positions")
  })
})
