#!/usr/bin/python3
"""Compares the PostgreSQL schema (PostgresSchema.migrations) with SQLite's on a real server.

Run through scripts/compare-schemas.sh, which dumps both schemas and starts a throwaway cluster.
Arguments: DUMP_DIR (postgresql.sql, store.sqlite, folded-indexes.tsv) and the psql socket
directory. Checks, on a database of its own:

1. every SQLite table and column exists with a compatible type, the same NOT NULL and default;
2. every index (named, unique, partial) and foreign key (with its ON DELETE/UPDATE) has a twin;
3. every trigger exists and has the same effect: one script of INSERT/UPDATE/DELETE statements
   runs on both engines and leaves the same rows in every table;
4. EXPLAIN on 100,000 rows shows the indexes serving WQL's case-insensitive forms.

Exits non-zero on any difference.
"""
import re
import sqlite3
import subprocess
import sys

sys.stdout.reconfigure(line_buffering=True)

dump, socket = sys.argv[1], sys.argv[2]
failures = []


def fail(message):
    failures.append(message)
    print("  DIFF " + message)


def psql(sql, database="tsp_compare", check=True):
    """Rows of `sql` on PostgreSQL, each a list of text (NULL as None)."""
    result = subprocess.run(
        ["psql", "-h", socket, "-U", "postgres", "-d", database, "-X", "-q", "-At", "-F", "\x1f", "-R", "\x1e",
         "-P", "null=\x01NULL", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"psql failed on {sql[:200]}: {result.stderr}")
    if result.returncode != 0:
        return result.stderr.strip()
    records = [r for r in result.stdout.split("\x1e") if r.strip("\n")]
    return [[None if v == "\x01NULL" else v for v in r.strip("\n").split("\x1f")] for r in records]


subprocess.run(["psql", "-h", socket, "-U", "postgres", "-X", "-q", "-c", "SET client_min_messages = warning", "-c", "DROP DATABASE IF EXISTS tsp_compare",
                "-c", "CREATE DATABASE tsp_compare"], check=True)
# One transaction, as the migrator applies a migration.
subprocess.run(["psql", "-h", socket, "-U", "postgres", "-d", "tsp_compare", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "--single-transaction", "-f", f"{dump}/postgresql.sql"], check=True)
print("applied postgresql.sql")

lite = sqlite3.connect(f"{dump}/store.sqlite")
lite.execute("PRAGMA foreign_keys = ON")
tables = [r[0] for r in lite.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name")]
folded = dict(line.rstrip("\n").split("\t") for line in open(f"{dump}/folded-indexes.tsv") if line.strip())

# 1. Tables and columns.
print(f"\n1. {len(tables)} tables, their columns")
compatible = {"INTEGER": {"int8"}, "BOOLEAN": {"int8"}, "TEXT": {"text", "citext"}, "BLOB": {"bytea"}, "REAL": {"float8"}}
pg_tables = {r[0] for r in psql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
if pg_tables != {t.lower() for t in tables}:
    fail(f"tables differ: only SQLite {sorted({t.lower() for t in tables} - pg_tables)}, only PostgreSQL {sorted(pg_tables - {t.lower() for t in tables})}")
column_count = citext_columns = 0
for table in tables:
    pg = {r[0]: r for r in psql(f"""SELECT column_name, udt_name, is_nullable, column_default, is_identity
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table.lower()}'""")}
    lite_columns = list(lite.execute(f'PRAGMA table_info("{table}")'))
    if len(pg) != len(lite_columns):
        fail(f"{table}: {len(lite_columns)} columns on SQLite, {len(pg)} on PostgreSQL")
    for _, name, type_, notnull, default, pk in lite_columns:
        column_count += 1
        twin = pg.get(name.lower())
        if twin is None:
            fail(f"{table}.{name} missing")
            continue
        _, udt, nullable, pg_default, identity = twin
        citext_columns += udt == "citext"
        if udt not in compatible.get(type_.upper(), set()):
            fail(f"{table}.{name}: SQLite {type_}, PostgreSQL {udt}")
        # A SQLite primary key column may hold NULL unless declared NOT NULL; PostgreSQL's never.
        if bool(notnull) != (nullable == "NO") and not (pk and nullable == "NO"):
            fail(f"{table}.{name}: NOT NULL {bool(notnull)} on SQLite, {nullable == 'NO'} on PostgreSQL")
        normalized = re.sub(r"::[a-z ]+$", "", pg_default) if pg_default else None
        if str(default) != str(normalized) and not (default is None and identity == "YES"):
            fail(f"{table}.{name}: default {default} on SQLite, {pg_default} on PostgreSQL")
print(f"  {column_count} columns compared ({citext_columns} citext)")

# 2. Indexes, unique constraints, foreign keys.
print("\n2. indexes and foreign keys")
pg_indexes = {r[0]: (r[1], r[2]) for r in psql("SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'")}


def pg_index_columns(definition):
    inside = re.search(r"USING \w+ \((.*?)\)(?: WHERE|$)", definition).group(1)
    return [c.strip().split(" ")[0].strip('"') for c in inside.split(",")]


named = 0
for name, table, sql in lite.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name <> 'grdb_migrations' ORDER BY name"):
    columns = [r[2].lower() for r in lite.execute(f'PRAGMA index_info("{name}")')]
    unique = next(r[2] for r in lite.execute(f'PRAGMA index_list("{table}")') if r[1] == name)
    if sql is None:  # a PRIMARY KEY or UNIQUE constraint: any unique index on the same columns
        if not any(t == table.lower() and "UNIQUE" in d and pg_index_columns(d) == columns for t, d in pg_indexes.values()):
            fail(f"{table}: no unique index on {columns} (SQLite {name})")
        continue
    named += 1
    twin_name = folded.get(name, name).lower()
    twin = pg_indexes.get(twin_name)
    if twin is None:
        fail(f"index {name} has no twin")
        continue
    twin_columns = pg_index_columns(twin[1])
    # A folded index may be a key: unique where SQLite's NOCASE index is not, which serves the same lookups.
    same_uniqueness = bool(unique) == ("UNIQUE" in twin[1]) or name in folded
    if twin_columns[:len(columns)] != columns or not same_uniqueness or ("WHERE" in sql) != ("WHERE" in twin[1]):
        fail(f"index {name} ({columns}) vs {twin_name}: {twin[1]}")
    elif name in folded:
        print(f"  {name} -> served by {twin_name}")
print(f"  {named} named SQLite indexes, each with its twin; {len(pg_indexes)} PostgreSQL indexes in all")

actions = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
pg_keys = {tuple(r) for r in psql("""
    SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname, c.confupdtype, c.confdeltype
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[array_position(c.conkey, a.attnum)]
    WHERE c.contype = 'f'""")}
pg_keys = {(t, c, rt, rc, actions[u], actions[d]) for t, c, rt, rc, u, d in pg_keys}
lite_keys = set()
for table in tables:
    for _, _, target, source, to, on_update, on_delete, _ in lite.execute(f'PRAGMA foreign_key_list("{table}")'):
        lite_keys.add((table.lower(), source.lower(), target.lower(), (to or source).lower(), on_update, on_delete))
if lite_keys != pg_keys:
    fail(f"foreign keys: only SQLite {sorted(lite_keys - pg_keys)}, only PostgreSQL {sorted(pg_keys - lite_keys)}")
print(f"  {len(lite_keys)} foreign keys, same ON UPDATE/ON DELETE")

# 3. Triggers: same names, same effects.
print("\n3. triggers")
lite_triggers = {r[0].lower() for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
pg_triggers = {r[0] for r in psql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
if not lite_triggers <= pg_triggers:
    fail(f"triggers missing on PostgreSQL: {sorted(lite_triggers - pg_triggers)}")
print(f"  {len(lite_triggers)} SQLite triggers, each with its twin; PostgreSQL adds {sorted(pg_triggers - lite_triggers)}")

refusal = "CollectionID: the collection is the target of advertisements; delete them first"
script = [
    # package references as rows: insert, rewrite, rename (ON UPDATE CASCADE), delete
    """INSERT INTO package (packageID, name, programFlags, sequenceAttributes, "references") VALUES
       ('PS100001', 'Apply Windows', 0, '{}', '[{"package":"PS100009","program":"*"},{"application":"ScopeId_1/App_2"},{"package":"","application":""}]')""",
    """INSERT INTO package (packageID, name, programFlags, sequenceAttributes) VALUES ('PS100002', 'Capture', 0, '{}')""",
    """UPDATE package SET "references" = '[{"package":"PS10000A"}]' WHERE packageID = 'PS100002'""",
    """UPDATE package SET packageID = 'PS10000B' WHERE packageID = 'PS100002'""",
    """UPDATE package SET name = 'Apply Windows 11' WHERE packageID = 'PS100001'""",
    # steps and their parts (no triggers since v9: the store notes touched steps); explicit IDs move the counter
    """INSERT INTO step (packageID, parentID, position, kind, className, name, description, enabled, continueOnError, attributes, layout)
       VALUES ('PS100001', NULL, 0, 'group', 'SMS_TaskSequence_Group', 'Setup', '', 1, 0, '[]', '[]')""",
    """INSERT INTO step (id, packageID, parentID, position, kind, className, name, description, enabled, continueOnError, attributes, layout)
       VALUES (500, 'PS100001', 1, 0, 'action', 'SMS_TaskSequence_RunCommandLineAction', 'Run', '', 1, 0, '[]', '[]')""",
    """INSERT INTO step (packageID, parentID, position, kind, className, name, description, enabled, continueOnError, attributes, layout)
       VALUES ('PS10000B', NULL, 0, 'action', 'SMS_TaskSequence_RebootAction', 'Reboot', '', 1, 0, '[]', '[]')""",
    """UPDATE step SET variables = '[{"a":[["name","CommandLine"]],"n":"CommandLine","p":"CommandLine","v":"cmd"}]' WHERE id = 500""",
    """INSERT INTO conditionOperand (stepID, parentID, position, kind, className, attributes, content) VALUES (500, NULL, 0, 'operator', 'SMS_TaskSequence_AndConditionOperator', '[]', '[]')""",
    """DELETE FROM revisionTouchedStep""",
    """UPDATE step SET variables = '[{"a":[["name","CommandLine"]],"n":"CommandLine","p":"CommandLine","v":"cmd /c"}]' WHERE id = 500""",
    """UPDATE step SET name = 'Reboot now' WHERE id = 501""",
    """DELETE FROM conditionOperand WHERE id = 1""",
    """UPDATE step SET enabled = 0 WHERE id = 1""",
    # computers: MAC rows (duplicates ignored), rewritten on update; IDs from 16777217
    """INSERT INTO computer (name, macAddresses) VALUES ('PC-1', '["00:11:22:33:44:55","00:11:22:33:44:55","AA:BB:CC:DD:EE:FF"]')""",
    """INSERT INTO computer (name, macAddresses) VALUES ('PC-2', '[]')""",
    """UPDATE computer SET macAddresses = '["AA:BB:CC:DD:EE:FF"]' WHERE name = 'PC-2'""",
    """UPDATE computer SET smbiosGUID = 'G' WHERE name = 'PC-1'""",
    # collections: a deployed one stays (trigger refusal), variables go with their owner
    """INSERT INTO collection (collectionID, name) VALUES ('PS100010', 'Lab')""",
    """INSERT INTO collection (collectionID, name) VALUES ('PS100011', 'Office')""",
    """INSERT INTO collectionMember (collectionID, resourceID, isDirect) VALUES ('PS100010', 16777217, 1)""",
    """INSERT INTO advertisement (advertisementID, advertisementName, collectionID, packageID, programName, advertFlags, offerType,
       presentTime, presentTimeEnabled, expirationTime, expirationTimeEnabled, includeSubCollection, sourceSite)
       VALUES ('PS120001', 'Deploy', 'ps100010', 'PS100001', '*', 0, 0, 0, 1, 0, 0, 1, 'PS1')""",
    """INSERT INTO deploymentVariable (ownerKind, ownerKey, position, name, value, isMasked) VALUES
       ('collection', 'PS100010', 0, 'OSDComputerName', 'x', 0), ('collection', 'PS100011', 0, 'A', 'y', 1),
       ('machine', '16777217', 0, 'B', 'z', 0), ('machine', '16777218', 0, 'C', 'w', 0)""",
    # names unique without case: a variable per owner, a computer, a collection
    """INSERT INTO deploymentVariable (ownerKind, ownerKey, position, name, value, isMasked) VALUES ('collection', 'PS100010', 1, 'osdcomputername', 'v', 0)""",
    """INSERT INTO computer (name) VALUES ('pc-1')""",
    """INSERT INTO collection (collectionID, name) VALUES ('PS100013', 'LAB')""",
    """DELETE FROM collection WHERE collectionID = 'PS100010'""",
    # a parent collection stays while it has sub-collections (ON DELETE RESTRICT)
    """INSERT INTO collection (collectionID, name, parentCollectionID) VALUES ('PS100012', 'Office Floor 2', 'PS100011')""",
    """DELETE FROM collection WHERE collectionID = 'PS100011'""",
    """DELETE FROM collection WHERE collectionID = 'PS100012'""",
    """DELETE FROM collection WHERE collectionID = 'PS100011'""",
    """DELETE FROM computer WHERE name = 'PC-2'""",
    # a package goes: its steps cascade (and are noted as touched), its reference rows go
    """DELETE FROM package WHERE packageID = 'PS10000B'""",
]
refused = next(i for i, s in enumerate(script) if "WHERE collectionID = 'PS100010'" in s)
# Statements both engines refuse, each in its own words (a constraint, not a trigger).
violations = {i for i, s in enumerate(script) if "'osdcomputername'" in s or "('pc-1')" in s or "'LAB'" in s}
violations.add(next(i for i, s in enumerate(script) if "WHERE collectionID = 'PS100011'" in s))
lite_errors, pg_errors = {}, {}
for index, statement in enumerate(script):
    try:
        lite.execute(statement)
        lite.commit()
    except sqlite3.DatabaseError as error:
        lite.rollback()
        lite_errors[index] = str(error)
    result = psql(statement, check=False)
    if isinstance(result, str):
        pg_errors[index] = re.sub(r"^ERROR:\s+", "", result.splitlines()[0])
if lite_errors.pop(refused, None) != refusal or pg_errors.pop(refused, None) != refusal:
    fail(f"the deployed collection's refusal differs: SQLite {lite_errors}, PostgreSQL {pg_errors}")
elif set(lite_errors) != violations or set(pg_errors) != violations:
    fail(f"statement errors: SQLite {lite_errors}, PostgreSQL {pg_errors}")
else:
    print(f"  {len(script)} statements on both engines; the deployed collection refused on both with: {refusal}")
    for index in sorted(violations):
        print(f"  refused on both: {script[index][:90]}\n    SQLite: {lite_errors[index]}\n    PostgreSQL: {pg_errors[index]}")


def normalized(value):
    return None if value is None else str(value)


for table in tables:
    columns = [r[1] for r in lite.execute(f'PRAGMA table_info("{table}")')]
    selection = ", ".join(f'"{c.lower()}"' if c.lower() in ("references", "foreign") else c for c in columns)
    lite_rows = sorted(tuple(normalized(v) if not isinstance(v, bytes) else v.hex() for v in r)
                       for r in lite.execute(f"SELECT {selection} FROM {table}"))
    pg_selection = ", ".join(f"encode({c}, 'hex')" if c in ("Icon", "ExtendedData", "ISVData") else (f'"{c.lower()}"' if c.lower() in ("references", "foreign") else c) for c in columns)
    pg_rows = sorted(tuple(r) for r in psql(f"SELECT {pg_selection} FROM {table}"))
    if lite_rows != pg_rows:
        fail(f"{table} after the script:\n    SQLite     {lite_rows}\n    PostgreSQL {pg_rows}")
    elif lite_rows and table in ("packageReference", "revisionTouchedStep", "computerMAC", "deploymentVariable", "step", "computer"):
        print(f"  {table}: the same {len(lite_rows)} rows, e.g. {lite_rows[0][:4]}")

# 4. Plans on 100,000 rows.
print("\n4. EXPLAIN on 100,000 rows per table")
psql("""
    INSERT INTO package (packageID, name, programFlags, sequenceAttributes)
    SELECT 'PX' || lpad(to_hex(g), 6, '0'),
           CASE WHEN g % 1000 = 0 THEN 'Apply Operating System ' || g ELSE initcap(md5(g::text)) || ' Deployment' END, 0, '{}'
    FROM generate_series(1, 100000) g;
    INSERT INTO step (packageID, position, kind, className, name, description, enabled, continueOnError, attributes, layout)
    SELECT 'PX' || lpad(to_hex(g), 6, '0'), 0, 'action',
           CASE WHEN g % 500 = 0 THEN 'SMS_TaskSequence_ApplyOperatingSystemAction' ELSE 'SMS_TaskSequence_RunCommandLineAction' END,
           CASE WHEN g % 1000 = 0 THEN 'Format and Partition Disk ' || g ELSE 'Run ' || md5(g::text) END, '', 1, 0, '[]', '[]'
    FROM generate_series(1, 100000) g;
    INSERT INTO computer (name) SELECT 'PC-' || lpad(g::text, 6, '0') FROM generate_series(1, 100000) g;
    INSERT INTO collection (collectionID, name) SELECT 'PC' || lpad(to_hex(g), 6, '0'), 'Collection ' || md5(g::text) FROM generate_series(1, 100000) g;
    -- Rows the references trigger would write, written directly: one bulk UPDATE of 100,000
    -- packages in one transaction would run each trigger on a plan made for an empty table.
    INSERT INTO packageReference (packageID, position, package, program, application, objectID)
    SELECT packageID, 0, 'PS' || right(packageID, 6), '*', '', 'PS' || right(packageID, 6) FROM package WHERE packageID LIKE 'PX%';
    INSERT INTO advertisement (advertisementID, advertisementName, collectionID, packageID, programName, advertFlags, offerType,
        presentTime, presentTimeEnabled, expirationTime, expirationTimeEnabled, includeSubCollection, sourceSite)
    SELECT 'PA' || lpad(to_hex(g), 6, '0'), 'Deploy ' || g, 'PC' || lpad(to_hex(g), 6, '0'), 'PX' || lpad(to_hex(g), 6, '0'),
           '*', 0, 0, 0, 1, 0, 0, 1, 'PS1'
    FROM generate_series(1, 100000) g;
    ANALYZE;
""")
plans = [
    ("Name = 'x' (citext b-tree)", "SELECT packageID FROM package p WHERE p.name = 'apply operating system 42000'", "package_on_name"),
    ("PackageID = 'x' (citext key)", "SELECT name FROM package p WHERE p.packageID = 'px00002a'", "package_pkey"),
    ("Name IN (...) as (term)::citext", "SELECT packageID FROM package p WHERE (p.name)::citext IN ('apply operating system 1000', 'APPLY OPERATING SYSTEM 2000')", "package_on_name"),
    ("Name LIKE 'Apply%'", "SELECT packageID FROM package p WHERE p.name::text ILIKE 'apply%'", "package_on_name_trgm"),
    ("Name LIKE '%x%'", "SELECT packageID FROM package p WHERE p.name::text ILIKE '%OPERATING sys%'", "package_on_name_trgm"),
    ("Name LIKE 'Apply%' without the cast (citext's ILIKE)", "SELECT packageID FROM package p WHERE p.name ILIKE 'apply%'", None),
    ("step Name LIKE '%x%'", "SELECT id FROM step s WHERE s.name::text ILIKE '%partition disk%'", "step_on_name_trgm"),
    ("a step class within a package", "SELECT id FROM step s WHERE s.packageID = 'px00002a' AND s.className IN ('sms_tasksequence_applyoperatingsystemaction')", "step_on_packageID_className_nocase"),
    ("steps of a package", "SELECT id FROM step s WHERE s.packageID = 'px00002a'", "step_on_packageID_className_nocase"),
    ("computer Name = 'x'", "SELECT resourceID FROM computer r WHERE r.name = 'pc-004200'", "computer_name_key"),
    ("computer Name LIKE 'x%'", "SELECT resourceID FROM computer r WHERE r.name::text ILIKE 'pc-00420%'", "computer_on_name_trgm"),
    ("collection Name LIKE '%x%'", "SELECT collectionID FROM collection c WHERE c.name::text ILIKE '%' || md5('4242') || '%'", "collection_on_name_trgm"),
    ("CollectionID = 'x' (citext key)", "SELECT name FROM collection c WHERE c.collectionID = 'pc00002a'", "collection_pkey"),
    ("who references package X (reference views)", "SELECT packageID FROM packageReference e WHERE e.objectID = 'ps00002a'", "packageReference_on_objectID_nocase"),
    ("deployments of a package", "SELECT advertisementID FROM advertisement WHERE packageID = 'px00002a'", "advertisement_on_package"),
]
for label, query, index in plans:
    plan = "\n".join(r[0] for r in psql("EXPLAIN " + query))
    used = re.findall(r"(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:Backward )?on (\w+)", plan) or re.findall(r"using (\w+)", plan)
    used = sorted(set(used + re.findall(r"using (\w+)", plan)))
    if index is None:
        print(f"  {label}: {'sequential scan' if 'Seq Scan' in plan else used} (expected: no index)")
        if used:
            fail(f"{label}: expected no index, plan uses {used}")
    elif index.lower() not in used:
        fail(f"{label}: expected {index}, plan:\n{plan}")
    else:
        print(f"  {label}: {index}")

print("\nall the same" if not failures else f"\n{len(failures)} difference(s)")
sys.exit(1 if failures else 0)
