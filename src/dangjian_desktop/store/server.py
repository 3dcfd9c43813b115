"""What only a township's shared PostgreSQL database has: accounts, and branches kept apart by the database.

The Alembic migrations create the same tables on SQLite and PostgreSQL. On the server, ``install`` then
adds, as the database's owner (the township administrator):

- ``dangjian_account``: which database login belongs to which branch, and which logins are the
  township's. Clients cannot read or change it; two functions tell a session its own login's branch.
- two group roles: ``dangjian_village`` (its branch: read and write) and ``dangjian_township`` (every
  branch: read only, but for its own decisions). Each login the administrator adds is a member of one
  of them.
- row-level security on every business table: a row is visible only when its ``branch_id`` is the
  login's branch (or the login is the township's), and a village login can write only its own branch's
  rows. This holds for any SQL sent with that login, not only the program's. A few tables differ
  (``_RIGHTS``): the change log only grows, a village never reads the exchange's signing keys nor the
  township's log of files received, and the township writes its own decisions for any branch.
- a trigger per reference between tables that refuses a row pointing at another branch's row
  (township.md TP5/TP6), checking all the rows of a statement at once, and one filling
  ``audit_log.login`` with the session's login.

``install`` is idempotent: ``admin upgrade`` runs it again after new migrations, so a new module's tables
get the same protection.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, MetaData, Table, text

ACCOUNT_TABLE = "dangjian_account"
VILLAGE_GROUP = "dangjian_village"
TOWNSHIP_GROUP = "dangjian_township"
VILLAGE, TOWNSHIP, OWNER = "village", "township", "owner"
KINDS = (VILLAGE, TOWNSHIP)
# The policies call the login's functions inside a sub-select: PostgreSQL then runs each once per
# statement (an InitPlan) and compares every row with its result. Called bare in a policy, a function is
# a row filter evaluated for every row read (STABLE only lets it serve an index condition, and a
# SECURITY DEFINER function is never inlined): each call is a look-up in the account table, 5-8 µs a row,
# which made the arrears list read 51,000 allocations in 0.43 s instead of 0.015 s (bench_township.py).
LOGIN_BRANCH = "(SELECT dangjian_login_branch())"
LOGIN_IS_TOWNSHIP = "(SELECT dangjian_login_is_township())"


@dataclass(frozen=True)
class _Rights:
    """The privileges of each group on a table; the policies then keep a village to its own branch's rows,
    and let the township write the rows ``township_writes`` (a policy's WITH CHECK) of any branch."""

    village: str = "SELECT, INSERT, UPDATE, DELETE"
    township: str = "SELECT"
    township_writes: str | None = None


# The tables whose rights are not a business table's (_Rights()); only the owner may do more.
_RIGHTS = {
    # written only by the program itself, never changed afterwards (append-only): a village may add rows;
    # the township adds the log of its own decisions, and nothing else
    "audit_log": _Rights("SELECT, INSERT", "SELECT, INSERT", "table_name = 'township_decision'"),
    # the keys that sign a branch's files: whoever read one could sign a file as that branch's PC
    "exchange_key": _Rights(""),
    "exchange_received": _Rights(""),  # the township's log of the files it imported
    # the township's decisions for a branch (approvals, confirmations, notices): the branch only reads them
    "township_decision": _Rights("SELECT", "SELECT, INSERT, UPDATE", "true"),
}


@dataclass(frozen=True)
class Login:
    """The database login of a session, as the server sees it."""

    user: str
    kind: str  # VILLAGE, TOWNSHIP, or OWNER (the administrator: may do everything, belongs to no branch)
    branch_id: int | None


def _schema(connection: Connection) -> str:
    return str(connection.exec_driver_sql("SELECT current_schema()").scalar())


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def _create_group_roles(connection: Connection) -> None:
    for group in (VILLAGE_GROUP, TOWNSHIP_GROUP):
        connection.exec_driver_sql(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN "
            f"CREATE ROLE {group} NOLOGIN; END IF; END $$"
        )


def _create_account_table(connection: Connection, schema: str) -> None:
    connection.exec_driver_sql(
        f"""
        CREATE TABLE IF NOT EXISTS {ACCOUNT_TABLE} (
            role_name VARCHAR(63) PRIMARY KEY,
            kind VARCHAR(10) NOT NULL CHECK (kind IN ('village', 'township')),
            branch_id INTEGER REFERENCES branch (id),
            created_at TIMESTAMP NOT NULL DEFAULT now(),
            CHECK ((kind = 'village') = (branch_id IS NOT NULL))
        )"""
    )
    connection.exec_driver_sql(f"REVOKE ALL ON {ACCOUNT_TABLE} FROM PUBLIC")
    # SECURITY DEFINER: the functions read the account table for the session's login, which the
    # login itself may not read. session_user, not current_user: inside the function current_user is
    # the owner. STABLE, and called from the policies inside a sub-select (LOGIN_BRANCH): evaluated once
    # per statement, not once per row.
    connection.exec_driver_sql(
        f"""
        CREATE OR REPLACE FUNCTION dangjian_login_branch() RETURNS INTEGER
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
            SELECT branch_id FROM {ACCOUNT_TABLE} WHERE role_name = session_user AND kind = 'village'
        $$"""
    )
    connection.exec_driver_sql(
        f"""
        CREATE OR REPLACE FUNCTION dangjian_login_is_township() RETURNS BOOLEAN
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
            SELECT EXISTS (SELECT 1 FROM {ACCOUNT_TABLE} WHERE role_name = session_user AND kind = 'township')
        $$"""
    )
    connection.exec_driver_sql(
        f"""
        CREATE OR REPLACE FUNCTION dangjian_login() RETURNS TABLE (kind VARCHAR, branch_id INTEGER)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
            SELECT kind, branch_id FROM {ACCOUNT_TABLE} WHERE role_name = session_user
        $$"""
    )
    for function in ("dangjian_login_branch()", "dangjian_login_is_township()", "dangjian_login()"):
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        connection.exec_driver_sql(
            f"GRANT EXECUTE ON FUNCTION {function} TO {VILLAGE_GROUP}, {TOWNSHIP_GROUP}"
        )


def _create_trigger_functions(connection: Connection) -> None:
    # The referenced rows are looked up with the writer's own rights: a village login does not even see
    # another branch's row, so a reference to it is refused like a reference to nothing. Once per
    # statement, over all the rows it wrote (a transition table), by one join: a row-level trigger cost
    # 30-60 µs for each row and reference (a plan made anew for each row), which made importing a
    # village's file of 114,000 rows take 40 s (bench_township.py --exchange).
    connection.exec_driver_sql("DROP FUNCTION IF EXISTS dangjian_same_branch() CASCADE")
    connection.exec_driver_sql(
        # (%% is psycopg's escape for a percent sign the server's format() and RAISE use)
        """
        CREATE OR REPLACE FUNCTION dangjian_same_branch_rows() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            reference BIGINT;
        BEGIN
            EXECUTE format(
                'SELECT n.%%1$I FROM dangjian_written n LEFT JOIN %%2$I t ON t.id = n.%%1$I '
                'WHERE n.%%1$I IS NOT NULL AND t.branch_id IS DISTINCT FROM n.branch_id LIMIT 1',
                TG_ARGV[0], TG_ARGV[1]
            ) INTO reference;
            IF reference IS NOT NULL THEN
                RAISE EXCEPTION 'dangjian: %%.%% = %% is a row of another branch', TG_TABLE_NAME, TG_ARGV[0], reference
                    USING ERRCODE = 'foreign_key_violation';
            END IF;
            RETURN NULL;
        END $$"""
    )
    connection.exec_driver_sql(
        """
        CREATE OR REPLACE FUNCTION dangjian_stamp_login() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- the administrator (the table's owner) puts entries back as they were written: a village's
            -- file from the USB exchange, a branch's backup; every other login's entries carry its name.
            -- The owner is the login the table's row-level security does not apply to: a call without a
            -- query (a look-up of the owner in pg_class was one for every entry: 20 µs each, 0.4 s for
            -- the 23,000 entries of a village's file)
            IF NOT row_security_active(TG_RELID) THEN
                RETURN NEW;
            END IF;
            NEW.login := session_user;
            RETURN NEW;
        END $$"""
    )


def _business_tables(metadata: MetaData) -> list[Table]:
    return [table for table in metadata.sorted_tables if "branch_id" in table.c]


def _keep_to_branch(connection: Connection, name: str, column: str, rights: _Rights, write: str) -> None:
    """Grants and row-level security of one table whose ``column`` names the branch of a row: the grants
    (``rights``) decide which statements a group may run, the policies which rows. A village reads its own
    branch and may ``write`` (a policy command) there; the township reads all."""
    connection.exec_driver_sql(f"REVOKE ALL ON {name} FROM {VILLAGE_GROUP}, {TOWNSHIP_GROUP}")
    if rights.village:
        connection.exec_driver_sql(f"GRANT {rights.village} ON {name} TO {VILLAGE_GROUP}")
    connection.exec_driver_sql(f"GRANT {rights.township} ON {name} TO {TOWNSHIP_GROUP}")
    connection.exec_driver_sql(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
    for policy in ("dangjian_read", "dangjian_write", "dangjian_township_write"):
        connection.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {name}")
    connection.exec_driver_sql(
        f"CREATE POLICY dangjian_read ON {name} FOR SELECT TO {VILLAGE_GROUP}, {TOWNSHIP_GROUP} "
        f"USING ({column} = {LOGIN_BRANCH} OR {LOGIN_IS_TOWNSHIP})"
    )
    connection.exec_driver_sql(
        f"CREATE POLICY dangjian_write ON {name} FOR {write} TO {VILLAGE_GROUP} "
        f"USING ({column} = {LOGIN_BRANCH}) WITH CHECK ({column} = {LOGIN_BRANCH})"
    )
    if rights.township_writes is not None:
        connection.exec_driver_sql(
            f"CREATE POLICY dangjian_township_write ON {name} FOR ALL TO {TOWNSHIP_GROUP} "
            f"USING ({LOGIN_IS_TOWNSHIP}) WITH CHECK ({LOGIN_IS_TOWNSHIP} AND ({rights.township_writes}))"
        )
        sequence = connection.exec_driver_sql(f"SELECT pg_get_serial_sequence('{name}', 'id')").scalar()
        connection.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {sequence} TO {TOWNSHIP_GROUP}")


def _protect_table(connection: Connection, table: Table) -> None:
    name = _quote(connection, table.name)
    _keep_to_branch(connection, name, "branch_id", _RIGHTS.get(table.name, _Rights()), "ALL")
    for column in table.c:
        for key in column.foreign_keys:
            target = key.column.table
            if target.name == "branch" or "branch_id" not in target.c:
                continue
            _same_branch_triggers(connection, name, column.name, target.name)


def _same_branch_triggers(connection: Connection, name: str, column: str, target: str) -> None:
    """Rows inserted or updated in table ``name`` whose ``column`` names a row of ``target`` of another
    branch are refused, once per statement (a trigger with a transition table has one event: one for
    INSERT, one for UPDATE, which checks every row the statement changed)."""
    for event, suffix in (("INSERT", ""), ("UPDATE", "_update")):
        trigger = _quote(connection, f"dangjian_same_branch_{column}{suffix}")
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {name}")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {trigger} AFTER {event} ON {name} REFERENCING NEW TABLE AS dangjian_written "
            f"FOR EACH STATEMENT EXECUTE FUNCTION dangjian_same_branch_rows('{column}', '{target}')"
        )


def _protect_branch_table(connection: Connection) -> None:
    """A village sees and edits its own branch's profile; only the administrator adds branches."""
    _keep_to_branch(connection, "branch", "id", _Rights("SELECT, UPDATE"), "UPDATE")


def install(connection: Connection, metadata: MetaData) -> None:
    """Create or refresh the accounts, roles, policies and triggers (as the database's owner)."""
    schema = _quote(connection, _schema(connection))
    _create_group_roles(connection)
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {VILLAGE_GROUP}, {TOWNSHIP_GROUP}")
    _create_account_table(connection, schema)
    _create_trigger_functions(connection)
    _protect_branch_table(connection)
    for table in _business_tables(metadata):
        _protect_table(connection, table)
    connection.exec_driver_sql("DROP TRIGGER IF EXISTS dangjian_stamp_login ON audit_log")
    connection.exec_driver_sql(
        "CREATE TRIGGER dangjian_stamp_login BEFORE INSERT ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION dangjian_stamp_login()"
    )
    connection.exec_driver_sql(f"GRANT SELECT ON alembic_version TO {VILLAGE_GROUP}, {TOWNSHIP_GROUP}")
    connection.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {VILLAGE_GROUP}")


def is_installed(connection: Connection) -> bool:
    found = connection.exec_driver_sql("SELECT to_regprocedure('dangjian_login()') IS NOT NULL").scalar()
    return bool(found)


def login_of(connection: Connection) -> Login:
    """The session's own login: its kind and branch (the administrator has no account row)."""
    user = str(connection.exec_driver_sql("SELECT session_user").scalar())
    row = connection.exec_driver_sql("SELECT kind, branch_id FROM dangjian_login()").first()
    if row is None:
        return Login(user=user, kind=OWNER, branch_id=None)
    return Login(user=user, kind=str(row.kind), branch_id=row.branch_id)


# --- the administrator's acts (run as the owner) ----------------------------------------------------


def role_exists(connection: Connection, name: str) -> bool:
    return bool(connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first())


def create_login(connection: Connection, name: str, password: str, kind: str, branch_id: int | None) -> None:
    """A new database login in its group, and its account row. The password goes to the server only
    (as a literal: CREATE ROLE takes no bound parameters), never into a table or a log of ours."""
    role = _quote(connection, name)
    group = VILLAGE_GROUP if kind == VILLAGE else TOWNSHIP_GROUP
    if role_exists(connection, name):
        connection.exec_driver_sql(f"ALTER ROLE {role} LOGIN PASSWORD {_literal(password)}")
    else:
        connection.exec_driver_sql(f"CREATE ROLE {role} LOGIN PASSWORD {_literal(password)}")
    connection.exec_driver_sql(f"GRANT {group} TO {role}")
    database = _quote(connection, str(connection.exec_driver_sql("SELECT current_database()").scalar()))
    connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {role}")
    connection.execute(
        text(
            f"INSERT INTO {ACCOUNT_TABLE} (role_name, kind, branch_id) VALUES (:n, :k, :b) "
            "ON CONFLICT (role_name) DO UPDATE SET kind = EXCLUDED.kind, branch_id = EXCLUDED.branch_id"
        ),
        {"n": name, "k": kind, "b": branch_id},
    )


def set_password(connection: Connection, name: str, password: str) -> None:
    connection.exec_driver_sql(f"ALTER ROLE {_quote(connection, name)} PASSWORD {_literal(password)}")


def accounts(connection: Connection) -> list[tuple[str, str, int | None]]:
    rows = connection.exec_driver_sql(
        f"SELECT role_name, kind, branch_id FROM {ACCOUNT_TABLE} ORDER BY role_name"
    ).all()
    return [(str(name), str(kind), branch) for name, kind, branch in rows]


def _literal(value: str) -> str:
    """A string literal for the statements that take none as a parameter; quotes doubled."""
    return "'" + value.replace("'", "''") + "'"


def advance_sequences(connection: Connection, metadata: MetaData) -> None:
    """After rows were loaded with their own ids (a restore of one branch, a bulk load), each table's id
    sequence must continue after the highest id, or the next insert collides (township.md TP9)."""
    for table in metadata.sorted_tables:
        if "id" not in table.c:
            continue
        name = _quote(connection, table.name)
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"
        )
