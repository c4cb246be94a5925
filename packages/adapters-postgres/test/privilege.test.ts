import { assert, describe, it } from "@effect/vitest"
import {
  Checkpoints,
  Migrations,
  PostgresEventStore,
  PostgresPersonnes,
  PostgresProjectionStore
} from "@sdsf/adapters-postgres"
import { EventStore, Projection } from "@sdsf/domain"
import type { Personne } from "@sdsf/domain"
import { TestProjection } from "@sdsf/domain/testing"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Fiber, Layer, Option, Redacted, Result, Stream } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError } from "effect/sql/SqlError"
import { databaseUrl, pgLayer } from "./support.ts"

// Roles are cluster-wide: these names are this file's alone, dropped before and after it.
const schema = "sdsf_privilege"
const readSchema = "sdsf_privilege_read"
const absent = "sdsf_privilege_absent"
const migrator = "sdsf_test_migrator"
const app = "sdsf_test_app"
const writer = "sdsf_test_writer"
const password = (role: string) => `${role}-password`
const s = `"${schema}"`
const uuid = () => globalThis.crypto.randomUUID()
const event = (n: number): EventStore.EventToAppend => ({
  eventId: uuid(),
  type: "Counted",
  typeVersion: 1,
  data: { n }
})
const appendEvents =
  `${s}.append_events(text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz, boolean)`
const needs =
  `this version of the store needs ${Migrations.latestMigration}: run Migrations.migrate as the migrator role`

/** A pool logged in as `role`, with its password, on the test database. */
const poolAs = (role: string, maxConnections = 6) => {
  const url = new URL(databaseUrl())
  url.username = role
  url.password = password(role)
  return PgClient.layer({ url: Redacted.make(url.toString()), maxConnections })
}

const storeAs = (role: string, options: PostgresEventStore.Options = {}) =>
  PostgresEventStore.layerFromSqlClient({ schema, pollInterval: "200 millis", ...options }).pipe(
    Layer.provideMerge(poolAs(role))
  )

const dropAll = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  for (const name of [schema, readSchema, absent]) yield* sql.unsafe(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)
  for (const role of [app, writer, migrator]) {
    const exists = yield* sql.unsafe(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])
    if (exists.length > 0) {
      yield* sql.unsafe(`DROP OWNED BY "${role}" CASCADE`)
      yield* sql.unsafe(`DROP ROLE "${role}"`)
    }
  }
})

// What a DBA runs (README, "Deployment: least privilege"): two login roles, the store's schema owned by the migrator,
// a schema of the application's own for its projection tables.
const setup = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* dropAll
  yield* sql.unsafe(`CREATE ROLE "${migrator}" LOGIN PASSWORD '${password(migrator)}'`)
  yield* sql.unsafe(`CREATE ROLE "${app}" LOGIN PASSWORD '${password(app)}'`)
  yield* sql.unsafe(`CREATE SCHEMA "${schema}" AUTHORIZATION "${migrator}"`)
  yield* sql.unsafe(`CREATE SCHEMA "${readSchema}" AUTHORIZATION "${app}"`)
})

const superuser = Layer.effectDiscard(Effect.acquireRelease(setup, () => Effect.ignore(dropAll))).pipe(
  Layer.provideMerge(pgLayer(4))
)

/** Everything a forbidden act could change in the store's schema, read as the superuser. */
const snapshot = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql.unsafe(`SELECT
    (SELECT count(*) || ':' || md5(coalesce(string_agg(e::text, ',' ORDER BY position), ''))
      FROM ${s}.events e) AS events,
    (SELECT md5(coalesce(string_agg(st::text, ',' ORDER BY name), '')) FROM ${s}.streams st) AS streams,
    (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY projection), '')) FROM ${s}.checkpoints c) AS checkpoints,
    (SELECT md5(coalesce(string_agg(m::text, ',' ORDER BY migration_id), '')) FROM ${s}.migrations m) AS migrations,
    (SELECT last_value || ':' || is_called FROM ${s}.events_position_seq) AS sequence,
    (SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger
      WHERE tgrelid = '${s}.events'::regclass AND NOT tgisinternal) AS triggers,
    (SELECT string_agg(relname || ':' || relkind::text || ':' || relowner::regrole || ':'
      || coalesce(relacl::text, ''), ',' ORDER BY relname)
      FROM pg_class WHERE relnamespace = '${s}'::regnamespace) AS relations,
    (SELECT string_agg(oid::regprocedure || ':' || prosecdef || ':' || coalesce(proconfig::text, '') || ':'
      || coalesce(proacl::text, '') || ':' || md5(prosrc), ',' ORDER BY oid::regprocedure::text)
      FROM pg_proc WHERE pronamespace = '${s}'::regnamespace) AS functions,
    (SELECT nspowner::regrole || ':' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = '${schema}')
      AS schema`)
  return rows[0]
})

describe("least privilege: the application role can only call the store's functions and read", () => {
  it.layer(superuser, { excludeTestServices: true })((it) => {
    it.effect("identifier options are refused with the option, the reason and the value, before anything runs", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const crafted = `sdsf" , pg_catalog.pg_authid --`
        const role = `x" TO PUBLIC; --`
        const dotted = `${absent}".x`
        const cases = [
          [Effect.flip(Effect.scoped(PostgresEventStore.make({ schema: crafted }))), "schema", crafted],
          [
            Effect.flip(Effect.scoped(PostgresEventStore.make({ schema: "pg_catalog", migrate: false }))),
            "schema",
            "pg_catalog"
          ],
          [Effect.flip(Migrations.migrate("Sdsf")), "schema", "Sdsf"],
          [Effect.flip(Migrations.migrate(absent, { applicationRole: "public" })), "applicationRole", "public"],
          [Effect.flip(Migrations.migrate(absent, { applicationRole: role })), "applicationRole", role],
          [Effect.flip(Migrations.runMigrations(sql, dotted, Migrations.migrations(absent))), "schema", dotted],
          [Effect.flip(Migrations.grantApplication(schema, "pg_read_all_data")), "applicationRole", "pg_read_all_data"],
          [Effect.flip(Migrations.grantApplication("information_schema", app)), "schema", "information_schema"],
          [Effect.flip(Migrations.requireLatest("")), "schema", ""]
        ] as const
        for (const [effect, option, value] of cases) {
          const error = yield* effect
          assert.strictEqual(error._tag, "InvalidIdentifier", `${option} ${value}`)
          if (error._tag !== "InvalidIdentifier") continue
          assert.strictEqual(error.option, option)
          assert.strictEqual(error.value, value)
          assert.include(error.message, `option ${option}: `)
        }
        const exists = yield* sql.unsafe(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [absent])
        assert.strictEqual(exists.length, 0, "nothing was created")
      }))

    it.effect("migrate: false creates nothing and names the migration the schema lacks", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        // As the superuser, who could create anything: the store with migrate: false does not.
        const missing = yield* Effect.flip(Effect.scoped(PostgresEventStore.make({ schema: absent, migrate: false })))
        assert.strictEqual(missing._tag, "MigrationRequired")
        assert.strictEqual(
          missing.message,
          `schema ${absent} does not exist, ${needs}`
        )
        assert.strictEqual((yield* sql.unsafe(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [absent])).length, 0)

        // A schema at migration 2, written by the migrator.
        yield* Effect.gen(function*() {
          const own = yield* SqlClient.SqlClient
          yield* Migrations.runMigrations(own, schema, Migrations.migrations(schema).slice(0, 2))
        }).pipe(Effect.provide(poolAs(migrator, 2)))
        const before = yield* snapshot
        const behind = yield* Effect.flip(Effect.scoped(PostgresEventStore.make({ schema, migrate: false })))
        assert.strictEqual(
          behind.message,
          `schema ${schema} is at migration 2, ${needs}`
        )
        assert.deepStrictEqual(yield* snapshot, before, "nothing changed")
      }))

    it.effect("the migrator migrates and grants; the application appends, reads, subscribes and projects", () =>
      Effect.gen(function*() {
        const applied = yield* Effect.gen(function*() {
          const first = yield* Migrations.migrate(schema, { applicationRole: app })
          // Idempotent, and safe from several deploying processes at once (their grants take turns).
          const again = yield* Effect.all([
            Migrations.migrate(schema, { applicationRole: app }),
            Migrations.migrate(schema, { applicationRole: app }),
            Migrations.grantApplication(schema, app),
            Migrations.grantApplication(schema, app)
          ], { concurrency: "unbounded" })
          return [first, again] as const
        }).pipe(Effect.provide(poolAs(migrator, 4)))
        assert.deepStrictEqual(applied[0].map(([id]) => id), [3, 4, 5])
        assert.deepStrictEqual(applied[1].slice(0, 2), [[], []])
        // A later migration that rebuilt append_events with CREATE OR REPLACE would reset these: it must repeat them.
        const sql = yield* SqlClient.SqlClient
        const functions = yield* sql.unsafe<
          { readonly name: string; readonly definer: boolean; readonly config: string }
        >(
          `SELECT proname AS name, prosecdef AS definer, coalesce(array_to_string(proconfig, ';'), '') AS config
           FROM pg_proc WHERE pronamespace = '${s}'::regnamespace AND proname = 'append_events'`
        )
        assert.deepStrictEqual(functions, [{
          name: "append_events",
          definer: true,
          config: "enable_seqscan=off;search_path=pg_catalog, pg_temp"
        }])
        const publicExecute = yield* sql.unsafe(
          `SELECT p.oid FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
           WHERE p.pronamespace = '${s}'::regnamespace AND a.grantee = 0 AND a.privilege_type = 'EXECUTE'`
        )
        assert.strictEqual(publicExecute.length, 0, "no function of the store is executable by PUBLIC")

        const seen = yield* Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const sql = yield* SqlClient.SqlClient
          const from = yield* store.headPosition
          const live = yield* Effect.forkChild(store.subscribe(from).pipe(Stream.take(26), Stream.runCollect))
          const name = EventStore.streamName("granted", uuid())
          const first = yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(1), event(2)])
          const second = yield* store.append(name, EventStore.ExpectedVersion.exact(2), [event(3)])
          // A large batch retried: the unique index meets its ids and the store asks stored_ids.
          const batch = Array.from({ length: 20 }, (_, i) => event(10 + i))
          const big = yield* store.append(name, EventStore.ExpectedVersion.any, batch)
          assert.deepStrictEqual(yield* store.append(name, EventStore.ExpectedVersion.any, batch), big)
          const wrong = yield* Effect.flip(store.append(name, EventStore.ExpectedVersion.exact(1), [event(0)]))
          assert.strictEqual(wrong._tag, "WrongExpectedVersion")
          // Inside a transaction of the caller's.
          const other = EventStore.streamName("granted", uuid())
          yield* sql.withTransaction(Effect.gen(function*() {
            yield* store.append(other, EventStore.ExpectedVersion.noStream, [event(4)])
            yield* store.append(other, EventStore.ExpectedVersion.exact(1), [event(5)])
            yield* store.append(other, EventStore.ExpectedVersion.any, batch.slice(0, 1)).pipe(Effect.flip)
          }))
          assert.strictEqual(first.positions.length + second.positions.length + big.positions.length, 23)
          const stream = yield* Stream.runCollect(store.readStream(name))
          assert.deepStrictEqual(stream.map((e) => e.streamVersion), Array.from({ length: 23 }, (_, i) => i + 1))
          const backward = yield* Stream.runCollect(store.readStream(name, { direction: "backward", maxCount: 2 }))
          assert.deepStrictEqual(backward.map((e) => e.streamVersion), [23, 22])
          const all = yield* Stream.runCollect(store.readAll(from))
          assert.strictEqual(all.length, 25)
          assert.strictEqual(Option.getOrThrow(yield* store.streamMetadata(name)).version, 23)
          assert.strictEqual(Option.getOrThrow(yield* store.streamMetadata(other)).version, 2)

          // A projection in the application's own schema, its checkpoint in the store's.
          yield* sql.unsafe(`CREATE TABLE "${readSchema}".totals (stream text PRIMARY KEY, events bigint NOT NULL)`)
          const count = yield* Checkpoints.runProjection({
            schema,
            projection: "totals",
            batchSize: 10,
            apply: (events, client) =>
              Effect.forEach(events, (e) =>
                client.unsafe(
                  `INSERT INTO "${readSchema}".totals VALUES ($1, 1)
                   ON CONFLICT (stream) DO UPDATE SET events = totals.events + 1`,
                  [e.streamName]
                ), { discard: true })
          })
          assert.strictEqual(count, 25)
          assert.strictEqual(yield* Checkpoints.read("totals", { schema }), all[all.length - 1]!.position)
          const totals = yield* sql.unsafe<{ readonly events: unknown }>(
            `SELECT events FROM "${readSchema}".totals ORDER BY events DESC`
          )
          assert.deepStrictEqual(totals.map((r) => Number(r.events)), [23, 2])
          // The personal-data store (migration 5): the application records, reads and erases people.
          const personnes = yield* PostgresPersonnes.make({ schema })
          const sujet = uuid() as Personne.SujetRef
          yield* personnes.enregistrer({ sujet, nom: "GRANTED" })
          assert.strictEqual(Option.getOrThrow(yield* personnes.lire(sujet)).nom, "GRANTED")
          yield* personnes.effacer(sujet)
          assert.isTrue(Option.isNone(yield* personnes.lire(sujet)))
          // One more event, so that the live part of the subscription delivers too.
          yield* store.append(other, EventStore.ExpectedVersion.exact(2), [event(6)])
          return [yield* Fiber.join(live), all] as const
        }).pipe(Effect.provide(storeAs(app, { migrate: false })))
        assert.deepStrictEqual(seen[0].slice(0, 25).map((e) => e.eventId), seen[1].map((e) => e.eventId))
        assert.strictEqual(seen[0].length, 26)

        // The owner's store still works for the owner, migrations and all (nothing left to run).
        yield* Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const name = EventStore.streamName("owner", uuid())
          yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(1)])
          assert.strictEqual(Option.getOrThrow(yield* store.streamMetadata(name)).version, 1)
        }).pipe(Effect.provide(storeAs(migrator)))
      }))

    it.effect("every act outside the store's functions is refused to the application role and changes nothing", () =>
      Effect.gen(function*() {
        const stream = yield* Effect.gen(function*() {
          const store = yield* EventStore.EventStore
          const name = EventStore.streamName("attacked", uuid())
          yield* store.append(name, EventStore.ExpectedVersion.noStream, [event(1), event(2)])
          return name
        }).pipe(Effect.provide(storeAs(app, { migrate: false })))
        const before = yield* snapshot
        const columns = "position, stream_name, stream_version, event_id, type, type_version, data, recorded_at"
        const acts = [
          // A forged position that would otherwise be accepted (it continues the stream): readers would stall on it.
          `INSERT INTO ${s}.events (${columns})
           VALUES (1000000, '${stream}', 3, '${uuid()}', 'Forged', 1, '{}', now())`,
          `INSERT INTO ${s}.streams (name, type, created_at) VALUES ('forged-${uuid()}', 'forged', now())`,
          `UPDATE ${s}.events SET data = '{"n": 99}' WHERE stream_name = '${stream}'`,
          `UPDATE ${s}.streams SET type = 'other' WHERE name = '${stream}'`,
          `DELETE FROM ${s}.events WHERE stream_name = '${stream}'`,
          `DELETE FROM ${s}.streams WHERE name = '${stream}'`,
          `TRUNCATE ${s}.events`,
          `TRUNCATE ${s}.streams`,
          `TRUNCATE ${s}.checkpoints`,
          `DELETE FROM ${s}.checkpoints`,
          `INSERT INTO ${s}.migrations (migration_id, name) VALUES (99, 'forged')`,
          `DELETE FROM ${s}.migrations`,
          `ALTER TABLE ${s}.events DISABLE TRIGGER events_append_only`,
          `ALTER TABLE ${s}.events DISABLE TRIGGER ALL`,
          `ALTER TABLE ${s}.events OWNER TO "${app}"`,
          `CREATE TRIGGER forged AFTER INSERT ON ${s}.events FOR EACH ROW EXECUTE FUNCTION ${s}.reject_event_change()`,
          `DROP TRIGGER events_contiguous ON ${s}.events`,
          `SELECT setval('${s}.events_position_seq', 1000000)`,
          `SELECT nextval('${s}.events_position_seq')`,
          `DROP TABLE ${s}.events CASCADE`,
          `DROP TABLE ${s}.checkpoints`,
          `DROP SEQUENCE ${s}.events_position_seq CASCADE`,
          `DROP FUNCTION ${appendEvents}`,
          `ALTER FUNCTION ${appendEvents} SECURITY INVOKER`,
          `DROP SCHEMA ${s} CASCADE`,
          `CREATE TABLE ${s}.forged (n int)`,
          `CREATE FUNCTION ${s}.forged() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
          `SELECT ${s}.reject_event_change()`,
          `SELECT ${s}.check_stream_contiguity()`,
          `SET session_replication_role = replica`,
          `LOCK TABLE ${s}.events IN ACCESS EXCLUSIVE MODE`
        ]
        const outcomes = yield* Effect.gen(function*() {
          const sql = yield* SqlClient.SqlClient
          return yield* Effect.forEach(acts, (act) =>
            // LOCK TABLE only runs inside a transaction.
            Effect.map(
              Effect.result(act.startsWith("LOCK") ? sql.withTransaction(sql.unsafe(act)) : sql.unsafe(act)),
              (result) =>
                [
                  act,
                  Result.isSuccess(result)
                    ? "accepted"
                    : isSqlError(result.failure)
                    ? result.failure.reason._tag
                    : String(result.failure)
                ] as const
            ))
        }).pipe(Effect.provide(poolAs(app, 1)))
        assert.deepStrictEqual(outcomes, acts.map((act) => [act, "AuthorizationError"] as const))
        assert.deepStrictEqual(yield* snapshot, before, "nothing changed")
      }))

    it.effect("grantApplication refuses a role that could undo the guarantees, and grants nothing then", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        // A role that may write events directly, of which the application role is made a member.
        yield* sql.unsafe(`CREATE ROLE "${writer}" NOLOGIN`)
        yield* sql.unsafe(`GRANT USAGE ON SCHEMA ${s} TO "${writer}"`)
        yield* sql.unsafe(`GRANT INSERT ON ${s}.events TO "${writer}"`)
        yield* sql.unsafe(`GRANT "${writer}" TO "${app}"`)
        const superuserName = (yield* sql.unsafe<{ readonly name: string }>(`SELECT current_user AS name`))[0]!.name
        const before = yield* snapshot
        const errors = yield* Effect.gen(function*() {
          return [
            yield* Effect.flip(Migrations.grantApplication(schema, app)),
            yield* Effect.flip(Migrations.grantApplication(schema, migrator)),
            yield* Effect.flip(Migrations.grantApplication(schema, superuserName)),
            yield* Effect.flip(Migrations.grantApplication(schema, "sdsf_test_nobody"))
          ] as const
        }).pipe(Effect.provide(poolAs(migrator, 2)))
        assert.deepStrictEqual(
          errors.map((e) =>
            e._tag === "ExcessPrivilege"
              ? [e.role, ...e.privileges]
              : e._tag === "InvalidIdentifier"
              ? [e.reason]
              : [e._tag]
          ),
          [
            [app, "INSERT on events"],
            [migrator, `owner, or member of the owner ${migrator}`],
            [superuserName, "superuser"],
            ["no such role"]
          ]
        )
        assert.deepStrictEqual(yield* snapshot, before, "nothing granted nor revoked")
        yield* sql.unsafe(`REVOKE "${writer}" FROM "${app}"`)
        yield* Migrations.grantApplication(schema, app).pipe(Effect.provide(poolAs(migrator, 2)))
      }))

    it.effect("the application runs persisted projections in a schema of its own, and cannot in the store's", () =>
      Effect.gen(function*() {
        const projection = TestProjection.testProjection({ name: "granted", category: "granted" })
        const before = yield* snapshot
        const refused = yield* Effect.flip(
          Effect.provide(
            Effect.asVoid(Projection.ProjectionStore),
            PostgresProjectionStore.layer({ schema }).pipe(
              Layer.provide(storeAs(app, { migrate: false }))
            )
          )
        )
        assert.instanceOf(refused, EventStore.EventStoreError)
        assert.match(refused.message, /permission denied for schema sdsf_privilege/)
        const rows = yield* Effect.gen(function*() {
          const projections = yield* Projection.ProjectionStore
          const store = yield* EventStore.EventStore
          yield* store.append(EventStore.streamName("granted", uuid()), EventStore.ExpectedVersion.noStream, [
            TestProjection.events.lettre("Un"),
            TestProjection.events.prorogee(2030)
          ])
          const first = yield* projections.run(projection)
          const rebuilt = yield* projections.rebuild(projection)
          assert.strictEqual(rebuilt.position, first.position)
          return yield* projections.rows(projection, "streams")
        }).pipe(Effect.provide(
          PostgresProjectionStore.layer({ schema, tablesSchema: readSchema }).pipe(
            Layer.provideMerge(storeAs(app, { migrate: false }))
          )
        ))
        assert.deepStrictEqual(rows.map((r) => r["events"]), [2])
        const after = yield* snapshot
        const shape = (x: object | undefined) =>
          ["relations", "functions", "triggers", "schema"].map((k) => (x as Record<string, unknown> | undefined)?.[k])
        assert.deepStrictEqual(shape(after), shape(before), "nothing created nor granted in the store's schema")
      }))
  })
})
