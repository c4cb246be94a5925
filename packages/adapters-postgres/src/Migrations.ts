/**
 * Versioned migrations of the PostgreSQL event store, run with `effect/sql`'s `Migrator` in a dedicated schema.
 */
import { Effect, Schema } from "effect"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"

/** The schema the store uses unless told otherwise. */
export const defaultSchema = "sdsf"

/** The LISTEN/NOTIFY channel appends notify on, for a schema. */
export const channelFor = (schema: string): string => `${schema}_events`

const ident = (name: string): string => `"${name.replace(/"/g, "\"\"")}"`

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`

/**
 * The advisory lock `(key, 1)` under which an append of `schema` takes its transaction id and positions: a stable
 * 32-bit FNV-1a hash of the schema name. Holding it pauses every append at that point (tests do).
 */
export const allocationLockKey = (schema: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < schema.length; i++) {
    hash ^= schema.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash | 0
}

const v1 = (schema: string): ReadonlyArray<string> => {
  const s = ident(schema)
  const channel = literal(channelFor(schema))
  const lockKey = allocationLockKey(schema)
  return [
    `CREATE SEQUENCE ${s}.events_position_seq AS bigint START 1 CACHE 1`,
    `CREATE TABLE ${s}.streams (
      name text PRIMARY KEY,
      type text NOT NULL,
      created_at timestamptz NOT NULL,
      version bigint NOT NULL CHECK (version > 0)
    )`,
    `CREATE TABLE ${s}.events (
      position bigint PRIMARY KEY CHECK (position > 0),
      stream_name text NOT NULL,
      stream_version bigint NOT NULL CHECK (stream_version > 0),
      event_id uuid NOT NULL,
      type text NOT NULL,
      type_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
      recorded_at timestamptz NOT NULL,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      CONSTRAINT events_event_id_key UNIQUE (event_id),
      CONSTRAINT events_stream_version_key UNIQUE (stream_name, stream_version)
    )`,
    `ALTER SEQUENCE ${s}.events_position_seq OWNED BY ${s}.events.position`,
    `CREATE TABLE ${s}.checkpoints (
      projection text PRIMARY KEY,
      position bigint NOT NULL CHECK (position >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // History is append-only: no UPDATE, DELETE or TRUNCATE of events, for every role that cannot disable triggers
    // (the owner and a superuser can: the application role owns nothing, see migration 4 and grantApplication).
    `CREATE FUNCTION ${s}.reject_event_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'events are append-only: % on %.events is forbidden', TG_OP, TG_TABLE_SCHEMA
        USING ERRCODE = 'restrict_violation';
    END
    $fn$`,
    `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${s}.events
      FOR EACH ROW EXECUTE FUNCTION ${s}.reject_event_change()`,
    `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.reject_event_change()`,
    // Each insert statement must continue its streams without a hole and leave their streams rows at the last version
    // (so an event cannot exist without its stream): checked once per statement on the transition table, which costs
    // far less than a per-row foreign key on 1,000-event batches. With unique (stream, version) and version > 0, a
    // wrong writer can neither lose nor duplicate a version. A statement of one stream (every append) is checked
    // with one aggregate and one lookup; several streams, one lookup per stream.
    `CREATE FUNCTION ${s}.check_stream_contiguity() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      r record;
      first_name text;
      last_name text;
      lo bigint;
      hi bigint;
      n bigint;
      current bigint;
      continues boolean;
    BEGIN
      SELECT min(stream_name), max(stream_name), min(stream_version), max(stream_version), count(*)
        INTO first_name, last_name, lo, hi, n FROM new_events;
      IF first_name = last_name THEN
        SELECT st.version, (lo = 1 OR EXISTS (
                 SELECT 1 FROM ${s}.events e WHERE e.stream_name = first_name AND e.stream_version = lo - 1))
          INTO current, continues
          FROM ${s}.streams st WHERE st.name = first_name;
        IF n <> hi - lo + 1 OR current IS DISTINCT FROM hi OR continues IS NOT TRUE THEN
          RAISE EXCEPTION 'stream % would not be contiguous', first_name USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END IF;
      -- One index lookup per stream of the statement (a join would risk a cached plan that scans all events).
      FOR r IN
        SELECT stream_name, min(stream_version) AS lo, max(stream_version) AS hi, count(*) AS n
        FROM new_events GROUP BY stream_name
      LOOP
        SELECT st.version, (r.lo = 1 OR EXISTS (
                 SELECT 1 FROM ${s}.events e WHERE e.stream_name = r.stream_name AND e.stream_version = r.lo - 1))
          INTO current, continues
          FROM ${s}.streams st WHERE st.name = r.stream_name;
        IF r.n <> r.hi - r.lo + 1 OR current IS DISTINCT FROM r.hi OR continues IS NOT TRUE THEN
          RAISE EXCEPTION 'stream % would not be contiguous', r.stream_name USING ERRCODE = 'check_violation';
        END IF;
      END LOOP;
      RETURN NULL;
    END
    $fn$`,
    `CREATE TRIGGER events_contiguous AFTER INSERT ON ${s}.events
      REFERENCING NEW TABLE AS new_events
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.check_stream_contiguity()`,
    // Which of a batch's ids are already stored: none (status null), all in this stream (duplicate, with the
    // stored positions in batch order and the highest stream version among them) or otherwise (conflict).
    `CREATE FUNCTION ${s}.stored_ids(p_stream text, p_ids uuid[],
      OUT status text, OUT version bigint, OUT positions bigint[], OUT conflicting uuid[]
    ) LANGUAGE plpgsql STABLE AS $fn$
    DECLARE
      found_count integer;
      same_stream_count integer;
    BEGIN
      SELECT count(*)::integer, count(*) FILTER (WHERE e.stream_name = p_stream)::integer,
             max(e.stream_version), array_agg(e.event_id)
        INTO found_count, same_stream_count, version, conflicting
        FROM ${s}.events e WHERE e.event_id = ANY (p_ids);
      IF found_count = 0 THEN
        version := NULL;
        conflicting := NULL;
        RETURN;
      END IF;
      IF found_count = coalesce(array_length(p_ids, 1), 0) AND same_stream_count = found_count THEN
        status := 'duplicate';
        conflicting := NULL;
        SELECT array_agg(e.position ORDER BY u.ord) INTO positions
          FROM unnest(p_ids) WITH ORDINALITY AS u(id, ord) JOIN ${s}.events e ON e.event_id = u.id;
        RETURN;
      END IF;
      status := 'conflict';
      version := NULL;
    END
    $fn$`,
    // One round trip per append. p_expected: -1 any, -2 stream exists, n >= 0 exact (0 = no stream).
    // Returns status ok | duplicate | wrong | conflict, the stream version, the positions and conflicting ids.
    `CREATE FUNCTION ${s}.append_events(
      p_stream text, p_stream_type text, p_expected bigint,
      p_ids uuid[], p_types text[], p_type_versions integer[], p_data jsonb[], p_metadata jsonb[],
      p_recorded_at timestamptz,
      OUT status text, OUT version bigint, OUT positions bigint[], OUT conflicting uuid[]
    ) LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := coalesce(array_length(p_ids, 1), 0);
      actual bigint;
      first_position bigint;
      constraint_name text;
    BEGIN
      -- A per-stream lock that assigns no transaction id: the id is taken below, together with the positions.
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, ${lockKey}));
      SELECT st.version INTO actual FROM ${s}.streams st WHERE st.name = p_stream;
      actual := coalesce(actual, 0);
      -- Stored ids come first (idempotent re-append or conflict). Small batches probe them up front; large ones
      -- let the unique index find them during the insert below, and when the expected version does not match.
      IF n > 0 AND n <= 16 AND EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (p_ids)) THEN
        SELECT r.status, r.version, r.positions, r.conflicting INTO status, version, positions, conflicting
          FROM ${s}.stored_ids(p_stream, p_ids) r;
        version := coalesce(version, actual);
        RETURN;
      END IF;
      IF NOT (p_expected = -1 OR (p_expected = -2 AND actual > 0) OR p_expected = actual) THEN
        IF n > 16 THEN
          SELECT r.status, r.version, r.positions, r.conflicting INTO status, version, positions, conflicting
            FROM ${s}.stored_ids(p_stream, p_ids) r;
          IF status IS NOT NULL THEN
            version := coalesce(version, actual);
            RETURN;
          END IF;
        END IF;
        status := 'wrong';
        version := actual;
        RETURN;
      END IF;
      IF n = 0 THEN
        status := 'ok';
        version := actual;
        positions := '{}';
        RETURN;
      END IF;
      -- Transaction id and positions are taken under one short lock, so a transaction that commits with a lower id
      -- than a running one also holds lower positions: readers that stop below pg_snapshot_xmin never skip. Inside
      -- the lock nobody else draws from the sequence, so a batch takes its n positions with one nextval and setval.
      PERFORM pg_advisory_lock(${lockKey}, 1);
      BEGIN
        PERFORM pg_current_xact_id();
        first_position := nextval(${literal(`${s}.events_position_seq`)});
        IF n > 1 THEN
          PERFORM setval(${literal(`${s}.events_position_seq`)}, first_position + n - 1);
        END IF;
        PERFORM pg_advisory_unlock(${lockKey}, 1);
      EXCEPTION WHEN OTHERS OR query_canceled THEN
        PERFORM pg_advisory_unlock(${lockKey}, 1);
        RAISE;
      END;
      IF n <= 16 THEN
        IF actual = 0 THEN
          INSERT INTO ${s}.streams (name, type, created_at, version) VALUES (p_stream, p_stream_type, p_recorded_at, n);
        ELSE
          UPDATE ${s}.streams SET version = actual + n WHERE name = p_stream;
        END IF;
        INSERT INTO ${s}.events
          (position, stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
        SELECT first_position + u.ord - 1, p_stream, actual + u.ord, u.id, u.type, u.type_version, u.data, u.metadata,
               p_recorded_at
          FROM unnest(p_ids, p_types, p_type_versions, p_data, p_metadata)
               WITH ORDINALITY AS u(id, type, type_version, data, metadata, ord);
      ELSE
        BEGIN
          IF actual = 0 THEN
            INSERT INTO ${s}.streams (name, type, created_at, version) VALUES (p_stream, p_stream_type, p_recorded_at, n);
          ELSE
            UPDATE ${s}.streams SET version = actual + n WHERE name = p_stream;
          END IF;
          INSERT INTO ${s}.events
            (position, stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
          SELECT first_position + u.ord - 1, p_stream, actual + u.ord, u.id, u.type, u.type_version, u.data,
                 u.metadata, p_recorded_at
            FROM unnest(p_ids, p_types, p_type_versions, p_data, p_metadata)
                 WITH ORDINALITY AS u(id, type, type_version, data, metadata, ord);
        EXCEPTION WHEN unique_violation THEN
          GET STACKED DIAGNOSTICS constraint_name = CONSTRAINT_NAME;
          IF constraint_name IS DISTINCT FROM 'events_event_id_key' THEN
            RAISE;
          END IF;
          SELECT r.status, r.version, r.positions, r.conflicting INTO status, version, positions, conflicting
            FROM ${s}.stored_ids(p_stream, p_ids) r;
          version := coalesce(version, actual);
          IF status IS NULL THEN
            RAISE;
          END IF;
          RETURN;
        END;
      END IF;
      PERFORM pg_notify(${channel}, '');
      status := 'ok';
      version := actual + n;
      positions := CASE WHEN n = 1 THEN ARRAY[first_position]
                        ELSE ARRAY(SELECT generate_series(first_position, first_position + n - 1)) END;
    END
    $fn$`
  ]
}

/**
 * Every lookup in the store's functions is one index probe, but PL/pgSQL caches its plans per session, and a plan
 * made while the table was small (a new store, before autovacuum's first ANALYZE) is a sequential scan that stays
 * cached as the table grows: every append would then read the whole log. Planned with sequential scans off, they
 * always use the indexes, whatever the statistics.
 */
const indexOnly = "SET enable_seqscan = off"

/**
 * Version 2: the stream version is the last event's `stream_version` (read from the unique index), so an append no
 * longer rewrites its `streams` row; the append returns its first position (a batch's positions are consecutive);
 * duplicates are found by the unique index instead of a probe before every insert; the append no longer sends
 * NOTIFY (a notifying transaction holds a database-wide lock from its commit until the commit is flushed, which
 * serialised concurrent appends: the store notifies after commit, see `PostgresEventStore`).
 */
const v2 = (schema: string): ReadonlyArray<string> => {
  const s = ident(schema)
  return [
    `DROP FUNCTION ${s}.append_events(text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz)`,
    `ALTER TABLE ${s}.streams DROP COLUMN version`,
    `ALTER FUNCTION ${s}.stored_ids(text, uuid[]) ${indexOnly}`,
    // Each insert statement must continue its streams without a hole: its versions of a stream are consecutive and
    // follow a stored version (or start at 1 on an existing streams row, so an event cannot exist without its
    // stream). With unique (stream, version) and version > 0, a wrong writer can neither lose nor duplicate a
    // version. Checked once per statement on the transition table: one aggregate and one index lookup for a
    // statement of one stream (every append), one lookup per stream otherwise.
    `CREATE OR REPLACE FUNCTION ${s}.check_stream_contiguity() RETURNS trigger LANGUAGE plpgsql ${indexOnly} AS $fn$
    DECLARE
      r record;
      first_name text;
      last_name text;
      lo bigint;
      hi bigint;
      n bigint;
      continues boolean;
    BEGIN
      SELECT min(stream_name), max(stream_name), min(stream_version), max(stream_version), count(*)
        INTO first_name, last_name, lo, hi, n FROM new_events;
      IF first_name = last_name THEN
        IF lo = 1 THEN
          continues := EXISTS (SELECT 1 FROM ${s}.streams st WHERE st.name = first_name);
        ELSE
          continues := EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_name = first_name AND e.stream_version = lo - 1);
        END IF;
        IF n <> hi - lo + 1 OR NOT continues THEN
          RAISE EXCEPTION 'stream % would not be contiguous', first_name USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END IF;
      -- One index lookup per stream of the statement (a join would risk a cached plan that scans all events).
      FOR r IN
        SELECT stream_name, min(stream_version) AS lo, max(stream_version) AS hi, count(*) AS n
        FROM new_events GROUP BY stream_name
      LOOP
        IF r.lo = 1 THEN
          continues := EXISTS (SELECT 1 FROM ${s}.streams st WHERE st.name = r.stream_name);
        ELSE
          continues := EXISTS (
            SELECT 1 FROM ${s}.events e WHERE e.stream_name = r.stream_name AND e.stream_version = r.lo - 1);
        END IF;
        IF r.n <> r.hi - r.lo + 1 OR NOT continues THEN
          RAISE EXCEPTION 'stream % would not be contiguous', r.stream_name USING ERRCODE = 'check_violation';
        END IF;
      END LOOP;
      RETURN NULL;
    END
    $fn$`,
    appendEvents(schema, {
      create: "CREATE FUNCTION",
      declarations: "",
      // The planner drops the unused, STABLE pg_current_xact_id() of this subquery (EXPLAIN VERBOSE shows NULL::xid8):
      // the transaction id is only taken by the INSERT, after the lock is released. Kept as it ran; migration 3 fixes it.
      allocation: (sequence, lockKey) =>
        `      BEGIN
        SELECT nextval(${sequence}) INTO first_position
          FROM (SELECT pg_advisory_lock(${lockKey}, 1), pg_current_xact_id()) l;
        IF n > 1 THEN
          PERFORM setval(${sequence}, first_position + n - 1);
        END IF;
        PERFORM pg_advisory_unlock(${lockKey}, 1);
      EXCEPTION WHEN OTHERS OR query_canceled THEN
        PERFORM pg_advisory_unlock(${lockKey}, 1);
        RAISE;
      END;
`
    })
  ]
}

/**
 * Version 3: the append takes its transaction id inside the ordering lock, for certain. Migration 2 wrote
 * `SELECT nextval(...) FROM (SELECT pg_advisory_lock(k, 1), pg_current_xact_id()) l`: the subquery's id column is
 * unused and `pg_current_xact_id()` is STABLE, so the planner drops it (`EXPLAIN VERBOSE` shows `NULL::xid8`) and the
 * id was only taken by the INSERT, after the lock was released. Two appends could then take positions in one order
 * and ids in the other, and a reader stopping below `pg_snapshot_xmin` could deliver the later position while the
 * earlier one was still open, skipping it for good (issue 8: 24 events of 12,823 never reached a live subscriber).
 * Here the id is assigned to a variable, a PL/pgSQL assignment the planner cannot drop, between taking the lock
 * and drawing the positions.
 */
const v3 = (schema: string): ReadonlyArray<string> => [
  appendEvents(schema, {
    create: "CREATE OR REPLACE FUNCTION",
    declarations: "\n      taken_xid xid8;",
    allocation: (sequence, lockKey) =>
      `      BEGIN
        PERFORM pg_advisory_lock(${lockKey}, 1);
        taken_xid := pg_current_xact_id();
        first_position := nextval(${sequence});
        IF n > 1 THEN
          PERFORM setval(${sequence}, first_position + n - 1);
        END IF;
        PERFORM pg_advisory_unlock(${lockKey}, 1);
      EXCEPTION WHEN OTHERS OR query_canceled THEN
        PERFORM pg_advisory_unlock(${lockKey}, 1);
        RAISE;
      END;
`
  })
]

/** The parts in which versions of `append_events` differ; the rest of the function is the same text. */
interface AppendEventsVersion {
  /** `CREATE FUNCTION` (migration 2) or `CREATE OR REPLACE FUNCTION`. */
  readonly create: string
  /** Extra local variables, each line starting with a newline. */
  readonly declarations: string
  /** The block that takes the transaction id and the positions under the ordering lock (key, 1). */
  readonly allocation: (sequence: string, lockKey: number) => string
}

/**
 * One round trip per append. p_expected: -1 any, -2 stream exists, n >= 0 exact (0 = no stream).
 * Returns status ok (version, first_position) | duplicate (version, positions) | wrong (version) | conflict
 * (conflicting ids). A stored id met by the insert raises the unique violation of events_event_id_key: the
 * caller then asks stored_ids, in a new transaction, which of duplicate or conflict it is. Inside a transaction
 * of the caller's (p_in_transaction), where that error would abort the caller's work, the insert runs in a
 * subtransaction that answers it here instead.
 */
const appendEvents = (schema: string, version: AppendEventsVersion): string => {
  const s = ident(schema)
  const lockKey = allocationLockKey(schema)
  const sequence = literal(`${s}.events_position_seq`)
  const insert = `INSERT INTO ${s}.events
          (position, stream_name, stream_version, event_id, type, type_version, data, metadata, recorded_at)
        SELECT first_position + u.ord - 1, p_stream, actual + u.ord, u.id, u.type, u.type_version, u.data, u.metadata,
               p_recorded_at
          FROM unnest(p_ids, p_types, p_type_versions, p_data, p_metadata)
               WITH ORDINALITY AS u(id, type, type_version, data, metadata, ord)`
  const { create, declarations } = version
  const allocation = version.allocation(sequence, lockKey)
  return `${create} ${s}.append_events(
      p_stream text, p_stream_type text, p_expected bigint,
      p_ids uuid[], p_types text[], p_type_versions integer[], p_data jsonb[], p_metadata jsonb[],
      p_recorded_at timestamptz, p_in_transaction boolean,
      OUT status text, OUT version bigint, OUT first_position bigint, OUT positions bigint[], OUT conflicting uuid[]
    ) LANGUAGE plpgsql ${indexOnly} AS $fn$
    DECLARE
      n integer := coalesce(array_length(p_ids, 1), 0);
      actual bigint;
      constraint_name text;${declarations}
    BEGIN
      -- A per-stream lock that assigns no transaction id: the id is taken below, together with the positions. With it,
      -- the ordering guard (key, 2): shared, or exclusive for a transaction that already has its id (see below).
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, ${lockKey})),
              CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN pg_advisory_xact_lock_shared(${lockKey}, 2)
                   ELSE pg_advisory_xact_lock(${lockKey}, 2) END;
      SELECT max(e.stream_version) INTO actual FROM ${s}.events e WHERE e.stream_name = p_stream;
      actual := coalesce(actual, 0);
      IF NOT (p_expected = -1 OR (p_expected = -2 AND actual > 0) OR p_expected = actual) THEN
        -- Stored ids come before the expected version: an idempotent re-append succeeds whatever it expected.
        IF n > 0 THEN
          SELECT r.status, r.version, r.positions, r.conflicting INTO status, version, positions, conflicting
            FROM ${s}.stored_ids(p_stream, p_ids) r;
          IF status IS NOT NULL THEN
            version := coalesce(version, actual);
            RETURN;
          END IF;
        END IF;
        status := 'wrong';
        version := actual;
        RETURN;
      END IF;
      IF n = 0 THEN
        status := 'ok';
        version := actual;
        RETURN;
      END IF;
      -- Transaction id and positions are taken under one short lock, so a transaction that commits with a lower id
      -- than a running one also holds lower positions: readers that stop below pg_snapshot_xmin never skip. Inside
      -- the lock nobody else draws from the sequence, so a batch takes its n positions with one nextval and setval.
      -- The block releases the lock whatever happens (a statement timeout, say), or every append would wait forever.
      -- A transaction that already has its id (it wrote before this append, or appended already) would take
      -- positions above those of appends still running with younger ids, and could commit first: a reader would then
      -- deliver its events and skip theirs. Appends hold lock (key, 2) shared until they commit (taken above); such a
      -- transaction takes it exclusively, so it waits for every running append to commit and holds later ones back
      -- until it commits itself.
${allocation}      IF actual = 0 THEN
        INSERT INTO ${s}.streams (name, type, created_at) VALUES (p_stream, p_stream_type, p_recorded_at);
      END IF;
      IF p_in_transaction THEN
        BEGIN
          ${insert};
        EXCEPTION WHEN unique_violation THEN
          GET STACKED DIAGNOSTICS constraint_name = CONSTRAINT_NAME;
          IF constraint_name IS DISTINCT FROM 'events_event_id_key' THEN
            RAISE;
          END IF;
          SELECT r.status, r.version, r.positions, r.conflicting INTO status, version, positions, conflicting
            FROM ${s}.stored_ids(p_stream, p_ids) r;
          IF status IS NULL THEN
            RAISE;
          END IF;
          version := coalesce(version, actual);
          first_position := NULL;
          RETURN;
        END;
      ELSE
        ${insert};
      END IF;
      status := 'ok';
      version := actual + n;
    END
    $fn$`
}

const appendEventsSignature = (s: string): string =>
  `${s}.append_events(text, text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz, boolean)`

/** The search path of the store's `SECURITY DEFINER` functions: nothing a caller can create objects in. */
const pinnedSearchPath = "SET search_path = pg_catalog, pg_temp"

/**
 * Version 4: least privilege. `append_events` runs with its owner's rights (`SECURITY DEFINER`, search path pinned:
 * every name inside is schema-qualified or built in), so the application role needs no write privilege on `events`,
 * `streams` or the sequence, and nobody else may call the store's functions until granted (`grantApplication`).
 * `ALTER FUNCTION` rather than a new body: this migration does not depend on the text of the function. A later
 * `CREATE OR REPLACE FUNCTION` of `append_events` resets both settings: such a migration must repeat them.
 */
const v4 = (schema: string): ReadonlyArray<string> => {
  const s = ident(schema)
  return [
    `ALTER FUNCTION ${appendEventsSignature(s)} SECURITY DEFINER ${pinnedSearchPath}`,
    `REVOKE ALL ON FUNCTION ${appendEventsSignature(s)}, ${s}.stored_ids(text, uuid[]), ${s}.reject_event_change(),
      ${s}.check_stream_contiguity() FROM PUBLIC`
  ]
}

/**
 * Version 5 (personal data, issue 11): `personnes`, the personal-data store beside the log. Events name people by a
 * subject reference only; a row here holds the name, e-mail, function, and erasing a person deletes the row, never an
 * event. The application role reads, writes and deletes it (see `grantApplication`).
 */
const v5Personnes = (schema: string): ReadonlyArray<string> => {
  const s = ident(schema)
  return [
    `CREATE TABLE ${s}.personnes (
      sujet uuid PRIMARY KEY,
      donnees jsonb NOT NULL,
      enregistree_le timestamptz NOT NULL DEFAULT now()
    )`
  ]
}

const statements = (sql: SqlClient.SqlClient, all: ReadonlyArray<string>) =>
  Effect.forEach(all, (text) => sql.unsafe(text).withoutTransform, { discard: true })

const released: ReadonlyArray<readonly [string, (schema: string) => ReadonlyArray<string>]> = [
  ["1_events_streams_checkpoints", v1],
  ["2_stream_version_from_events", v2],
  ["3_transaction_id_inside_ordering_lock", v3],
  ["4_append_security_definer", v4],
  ["5_personnes", v5Personnes]
]

/** The id of the last migration: the version of the schema this version of the store needs. */
export const latestMigration: number = released.length

/**
 * The store's migrations for `schema`, in order: `[id_name, SQL statements]`, as the `Migrator` table records them.
 * The text is not run here: `migrate` and `runMigrations` check the schema name first.
 */
export const migrations = (schema: string): ReadonlyArray<readonly [string, ReadonlyArray<string>]> =>
  released.map(([name, build]) => [name, build(schema)] as const)

/** An identifier option (a schema or role name, written into SQL) was refused; nothing was run. */
export class InvalidIdentifier extends Schema.TaggedError<InvalidIdentifier>()("InvalidIdentifier", {
  option: Schema.String,
  reason: Schema.String,
  value: Schema.Unknown
}) {
  override get message(): string {
    const value = typeof this.value === "string" ? JSON.stringify(this.value) : String(this.value)
    return `option ${this.option}: ${this.reason}, received ${value}`
  }
}

/** The schema is not at the migration this version of the store needs; the store created nothing. */
export class MigrationRequired extends Schema.TaggedError<MigrationRequired>()("MigrationRequired", {
  schema: Schema.String,
  /** Whether the schema exists at all. */
  exists: Schema.Boolean,
  /** The last migration recorded in `<schema>.migrations`, 0 when there is none. */
  found: Schema.Number,
  required: Schema.Number
}) {
  override get message(): string {
    const where = !this.exists
      ? `schema ${this.schema} does not exist`
      : `schema ${this.schema} is at migration ${this.found}`
    return `${where}, this version of the store needs ${this.required}: run Migrations.migrate as the migrator role`
  }
}

/** The application role holds, or would hold, privileges that defeat the store's guarantees against it. */
export class ExcessPrivilege extends Schema.TaggedError<ExcessPrivilege>()("ExcessPrivilege", {
  schema: Schema.String,
  role: Schema.String,
  privileges: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `role ${this.role} must not hold on schema ${this.schema}: ${this.privileges.join(", ")}`
  }
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,40}$/
const rolePattern = /^[a-z_][a-z0-9_]{0,62}$/
// `GRANT ... TO "public"`, even quoted, grants to everyone; the others are keywords where a role is expected.
const reservedRoles = new Set(["public", "none", "current_user", "current_role", "session_user"])

/** Why a schema name is refused (`undefined` when accepted): the rule of `isValidSchema`, for error messages. */
export const schemaReason = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be a string"
  if (!schemaPattern.test(value)) return "must be 1 to 41 lowercase letters, digits or _, not starting with a digit"
  if (value.startsWith("pg_") || value === "information_schema") return "is reserved by PostgreSQL"
  return undefined
}

const roleReason = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be a string"
  if (!rolePattern.test(value)) return "must be 1 to 63 lowercase letters, digits or _, not starting with a digit"
  if (value.startsWith("pg_") || reservedRoles.has(value)) return "is reserved by PostgreSQL"
  return undefined
}

/** Whether a schema name is accepted: 1 to 41 lowercase letters, digits and `_`, not a digit first, not `pg_...`. */
export const isValidSchema = (schema: unknown): schema is string => schemaReason(schema) === undefined

/** The schema name if accepted (see `isValidSchema`), else `InvalidIdentifier` naming `option`. */
export const validateSchema = (value: unknown, option = "schema"): Effect.Effect<string, InvalidIdentifier> => {
  const reason = schemaReason(value)
  return reason === undefined && typeof value === "string"
    ? Effect.succeed(value)
    : Effect.fail(new InvalidIdentifier({ option, reason: reason ?? "must be a string", value }))
}

/**
 * The role name if accepted, else `InvalidIdentifier` naming `option`: 1 to 63 lowercase letters, digits and `_`,
 * not starting with a digit; not `public`, `none`, `current_user`, `current_role`, `session_user` nor `pg_...`.
 */
export const validateRole = (value: unknown, option = "applicationRole"): Effect.Effect<string, InvalidIdentifier> => {
  const reason = roleReason(value)
  return reason === undefined && typeof value === "string"
    ? Effect.succeed(value)
    : Effect.fail(new InvalidIdentifier({ option, reason: reason ?? "must be a string", value }))
}

/** Runs the given migrations (a prefix of `migrations(schema)` lets a test build an older store) in `schema`. */
export const runMigrations = (
  sql: SqlClient.SqlClient,
  schema: string,
  list: ReadonlyArray<readonly [string, ReadonlyArray<string>]>
): Effect.Effect<ReadonlyArray<readonly [number, string]>, Migrator.MigrationError | SqlError | InvalidIdentifier> =>
  Effect.flatMap(validateSchema(schema), (name) =>
    Migrator.make({})({
      table: `${name}.migrations`,
      loader: Migrator.fromRecord(Object.fromEntries(list.map(([id, all]) => [id, statements(sql, all)])))
    }).pipe(Effect.provideService(SqlClient.SqlClient, sql)))

interface Status {
  readonly exists: boolean
  readonly found: number
}

// Catalog reads only (any role may run them): whether the schema exists, and its last recorded migration.
const status = (sql: SqlClient.SqlClient, schema: string): Effect.Effect<Status, SqlError> =>
  Effect.gen(function*() {
    const rows = yield* sql.unsafe<{ readonly schema_exists: boolean; readonly table_exists: boolean }>(
      `SELECT n.oid IS NOT NULL AS schema_exists, EXISTS (
         SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'migrations') AS table_exists
       FROM (SELECT 1) one LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = $1`,
      [schema]
    ).withoutTransform
    const { schema_exists, table_exists } = rows[0]!
    if (!table_exists) return { exists: schema_exists, found: 0 }
    const ids = yield* sql.unsafe<{ readonly id: unknown }>(
      `SELECT coalesce(max(migration_id), 0) AS id FROM ${ident(schema)}.migrations`
    ).withoutTransform
    return { exists: true, found: Number(ids[0]!.id) }
  })

/**
 * Succeeds when `schema` is at this version's latest migration (or later), else fails with `MigrationRequired`.
 * Reads only: what the store runs at start with `migrate: false`. Needs SELECT on `<schema>.migrations`.
 */
export const requireLatest = (
  schema: string = defaultSchema
): Effect.Effect<void, MigrationRequired | InvalidIdentifier | SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const name = yield* validateSchema(schema)
    const { exists, found } = yield* status(yield* SqlClient.SqlClient, name)
    if (found < latestMigration) {
      return yield* new MigrationRequired({ schema: name, exists, found, required: latestMigration })
    }
  })

// What the application role holds and must not, as labels, for role $1 and schema $2: any write on a table but the
// checkpoints' INSERT and UPDATE, any right on a sequence, EXECUTE on any function but the two it calls, CREATE.
// Written over the catalog, so that objects added by later migrations are covered too.
const excessSql = `
  SELECT 'CREATE on the schema' AS label WHERE pg_catalog.has_schema_privilege($1::name, $2::text, 'CREATE')
  UNION ALL
  SELECT p.privilege || ' on ' || c.relname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
       unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege)
  WHERE n.nspname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND NOT (c.relname = 'checkpoints' AND p.privilege IN ('INSERT', 'UPDATE'))
    AND NOT (c.relname = 'personnes' AND p.privilege IN ('INSERT', 'UPDATE', 'DELETE'))
    AND pg_catalog.has_table_privilege($1::name, c.oid, p.privilege)
  UNION ALL
  SELECT p.privilege || ' on ' || c.relname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
       unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) AS p(privilege)
  WHERE n.nspname = $2 AND c.relkind = 'S' AND pg_catalog.has_sequence_privilege($1::name, c.oid, p.privilege)
  UNION ALL
  SELECT 'EXECUTE on ' || f.proname
  FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace n ON n.oid = f.pronamespace
  WHERE n.nspname = $2 AND f.proname NOT IN ('append_events', 'stored_ids')
    AND pg_catalog.has_function_privilege($1::name, f.oid, 'EXECUTE')`

// Exactly the application's privileges: the owner's earlier grants to the role are revoked first. One transaction,
// so the role never runs between the two; an advisory lock, so two migrators granting at once take turns.
const grants = (schema: string, role: string): ReadonlyArray<string> => {
  const s = ident(schema)
  const r = ident(role)
  return [
    `SELECT pg_advisory_xact_lock(${allocationLockKey(schema)}, 3)`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON SCHEMA ${s} FROM ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT ON ${s}.events, ${s}.streams, ${s}.migrations TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE ON ${s}.checkpoints TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}.personnes TO ${r}`,
    `GRANT EXECUTE ON FUNCTION ${appendEventsSignature(s)}, ${s}.stored_ids(text, uuid[]) TO ${r}`
  ]
}

const grant = (
  sql: SqlClient.SqlClient,
  schema: string,
  role: string
): Effect.Effect<void, InvalidIdentifier | ExcessPrivilege | SqlError> =>
  Effect.gen(function*() {
    // The owners of the schema and of everything in it that the role can act as (a member may SET ROLE to them).
    const rows = yield* sql.unsafe<{ readonly superuser: boolean; readonly owners: string | null }>(
      `SELECT r.rolsuper AS superuser, (
         SELECT string_agg(o.rolname, ', ' ORDER BY o.rolname) FROM pg_catalog.pg_roles o
         WHERE pg_catalog.pg_has_role(r.oid, o.oid, 'MEMBER') AND o.oid IN (
           SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = $2
           UNION SELECT c.relowner FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $2
           UNION SELECT p.proowner FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = $2)) AS owners
       FROM pg_catalog.pg_roles r WHERE r.rolname = $1`,
      [role, schema]
    ).withoutTransform
    const found = rows[0]
    if (found === undefined) {
      return yield* new InvalidIdentifier({ option: "applicationRole", reason: "no such role", value: role })
    }
    // The owner (or a role that can act as it) may disable triggers and rewrite the log; revoking "its" privileges
    // would also strip the migrator. Refused before anything is changed.
    if (found.superuser || found.owners !== null) {
      return yield* new ExcessPrivilege({
        schema,
        role,
        privileges: [found.superuser ? "superuser" : `owner, or member of the owner ${found.owners}`]
      })
    }
    yield* sql.withTransaction(Effect.gen(function*() {
      yield* statements(sql, grants(schema, role))
      // Privileges granted by someone else (a DBA's GRANT ALL) survive the owner's REVOKE: refuse them too.
      const excess = yield* sql.unsafe<{ readonly label: string }>(excessSql, [role, schema]).withoutTransform
      if (excess.length > 0) {
        return yield* new ExcessPrivilege({ schema, role, privileges: excess.map((row) => row.label) })
      }
    }))
  })

/**
 * Gives `role` exactly what the application needs in `schema`, and nothing else: USAGE on the schema, SELECT on
 * `events`, `streams` and `migrations`, SELECT, INSERT and UPDATE on `checkpoints`, SELECT, INSERT, UPDATE and DELETE
 * on `personnes` (the personal-data store: erasing deletes), EXECUTE on `append_events` and
 * `stored_ids`. Run by the schema's owner (the migrator) once `schema` is migrated; idempotent.
 *
 * Fails with `ExcessPrivilege` when the role is a superuser, can act as the owner, or still holds a forbidden
 * privilege that someone else granted it (those grants are rolled back with the rest).
 */
export const grantApplication = (
  schema: string,
  role: string
): Effect.Effect<
  void,
  InvalidIdentifier | MigrationRequired | ExcessPrivilege | SqlError,
  SqlClient.SqlClient
> =>
  Effect.gen(function*() {
    const name = yield* validateSchema(schema)
    const roleName = yield* validateRole(role)
    yield* requireLatest(name)
    yield* grant(yield* SqlClient.SqlClient, name, roleName)
  })

/** Options of `migrate`. */
export interface MigrateOptions {
  /** Then `grantApplication(schema, applicationRole)`: pass it on every run, so new objects are granted too. */
  readonly applicationRole?: string | undefined
}

/**
 * Creates the schema if it does not exist and runs the pending migrations; idempotent, safe to run concurrently.
 * Returns the migrations applied by this call as `[id, name]`.
 *
 * Run by the role that is to own the store (the migrator): it needs CREATE on the database, or a schema a DBA
 * created for it (`CREATE SCHEMA sdsf AUTHORIZATION sdsf_migrator`). A store already at the latest migration is
 * only read, so nothing is locked nor created.
 */
export const migrate = (
  schema: string = defaultSchema,
  options: MigrateOptions = {}
): Effect.Effect<
  ReadonlyArray<readonly [number, string]>,
  Migrator.MigrationError | SqlError | InvalidIdentifier | ExcessPrivilege,
  SqlClient.SqlClient
> =>
  Effect.gen(function*() {
    const name = yield* validateSchema(schema)
    const role = options.applicationRole === undefined ? undefined : yield* validateRole(options.applicationRole)
    const sql = yield* SqlClient.SqlClient
    const before = yield* status(sql, name)
    let applied: ReadonlyArray<readonly [number, string]> = []
    if (before.found < latestMigration) {
      if (!before.exists) {
        yield* sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${ident(name)}`).withoutTransform.pipe(
          // Two processes creating the schema at once: the loser sees a unique violation and the schema exists.
          Effect.catch(() => sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${ident(name)}`).withoutTransform)
        )
      }
      applied = yield* runMigrations(sql, name, migrations(name))
    }
    if (role !== undefined) yield* grant(sql, name, role)
    return applied
  })
