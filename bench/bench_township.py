"""Times every village screen and the township report on one PostgreSQL database holding 50 branches ×
1,000 members with 5 years of dues (issue 18: village screens < 0.5 s as on SQLite, township report
sections < 2 s).

    .venv/bin/python bench/bench_township.py [OWNER_URL] [--reuse] [--branches 50] [--members 1000]

OWNER_URL is a PostgreSQL login that may create databases (e.g. the superuser URL that
``scripts/postgres_cluster.sh start DIR PORT`` prints); without it, the variable DANGJIAN_BENCH_POSTGRES,
else DANGJIAN_TEST_POSTGRES. The bench creates the database ``--database`` (dropped first unless
``--reuse`` finds it fully loaded with the same size), sets it up as ``dangjian admin init`` does
(services.server_admin), adds the branches with a village login each and one township login, then
bulk-loads each branch with COPY as the owner (row-level security does not apply to the owner; a
superuser's session skips the triggers and foreign-key checks, another owner switches the same-branch
triggers off; the secondary indexes are built once after the load), and continues every id sequence after
the loaded rows (store.server.advance_sequences). The catalogue of posts, the terms and the public
notices are made through the program's own services as each village login. 50 × 1,000: about 4½ minutes
on 2 shared cores, 1.2 GB.

Then, as a VILLAGE login (row-level security in force: that is what is measured), for the first, the
middle and the last branch, each screen through the real services: the median of ``--runs`` calls after
``--warm-up`` calls (10 by default: psycopg prepares a statement on the server from its 6th use, and from
the 11th PostgreSQL may plan it once for all values, so the calls timed are the ones a secretary makes
after opening a page ten times), with the number of SQL statements one call sends (each is a round trip
over a network, township.md TP13). As the TOWNSHIP login, the report over all branches and each of its sections (when
the program has them: services.township). Exit status 1 when a figure is over its target.

    .venv/bin/python bench/bench_township.py [OWNER_URL] --exchange [--keep DIR] [--no-again] [--today DAY]

With ``--exchange``, the USB exchange instead of the screens (issue 19: importing 50 village files of 1,000
members with 5 years of dues in less than 60 s in all). Each village's file is made as a village PC makes it
(bench/township_exchange.py: a SQLite data folder filled by bulk insert, its change log with an entry per
member, standard, payment and hand-up, written by ``services.exchange.export_branch``; 114,000-116,000 rows,
5 MB, 5-7 s each), kept in ``--keep DIR`` for the next run with the same size and day. The database
``--database-exchange`` is then made anew as ``admin init`` sets one up, with the 50 branches and the keys
the files were signed with, and the files are imported one after the other by
``services.exchange.import_village_file`` as the administrator: the time of each file and in all, rows per
second, the time in its parts (reading the file; laying the rows over the branch; the rest) and this
process's peak memory. Then (unless ``--no-again``) the next month's files with nothing changed (the same
rows under the next number, signed again by ``store.exchange_file.write``), where every row is compared.
Exit status 1 when the first import takes 60 s or more.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import gc
import inspect
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from sqlalchemy import Table, event

sys.path.insert(0, str(Path(__file__).resolve().parent))

import township_data as data  # noqa: E402
import township_exchange  # noqa: E402

from dangjian_desktop.domain.dues import Month  # noqa: E402
from dangjian_desktop.domain.errors import AppError  # noqa: E402
from dangjian_desktop.services import (  # noqa: E402
    dues,
    exchange,
    flowing,
    home,
    meetings,
    members,
    notices,
    posts,
    server_admin,
)
from dangjian_desktop.services.exchange import common as exchange_common  # noqa: E402
from dangjian_desktop.services.exchange import township as exchange_township  # noqa: E402
from dangjian_desktop.services.workspace import Workspace, open_workspace  # noqa: E402
from dangjian_desktop.store import exchange_file, server  # noqa: E402
from dangjian_desktop.store.db import Database  # noqa: E402
from dangjian_desktop.store.schema import metadata  # noqa: E402

VILLAGE_TARGET, TOWNSHIP_TARGET = 0.5, 2.0
EXCHANGE_TARGET = 60.0  # importing every village's file, in all (issue 19)
WARM_UP = [10]  # calls before the timed ones (--warm-up)
PASSWORD = "bench-password"
LOGIN_PREFIX = "bench_"
TOWNSHIP_LOGIN = "bench_township"
TOWNSHIP_NAME = "青山镇"
# loaded straight by COPY, in this order (a row's references first)
COPY_ORDER = (
    "member", "dues_standard", "dues_payment", "dues_receipt", "dues_allocation", "dues_handup", "meeting",
    "meeting_attendance", "flowing_stay", "flowing_contact",
)  # fmt: skip
POSTS_ORDER = ("post_assignment", "post_record", "post_evaluation")


@dataclass(frozen=True)
class Size:
    branches: int
    members: int
    years: int
    meeting_years: int
    today: dt.date

    @property
    def first(self) -> Month:
        return Month(self.today.year - self.years + 1, 1)

    @property
    def last(self) -> Month:
        return Month(self.today.year, 12)

    @property
    def marker(self) -> str:
        return (
            f"bench_township loaded: branches={self.branches} members={self.members} years={self.years} "
            f"meeting_years={self.meeting_years} today={self.today}"
        )


def database_url(owner_url: str, name: str, user: str | None = None, password: str | None = None) -> str:
    parts = urlsplit(owner_url)
    netloc = parts.netloc
    if user is not None:
        host = netloc.rsplit("@", 1)[-1]
        netloc = f"{user}:{password}@{host}"
    return urlunsplit((parts.scheme, netloc, "/" + name, parts.query, ""))


def login_name(number: int) -> str:
    return f"{LOGIN_PREFIX}v{number:02d}"


def branch_code(number: int) -> str:
    return f"{number:02d}"


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# --- the database -----------------------------------------------------------------------------------


def prepare_database(owner_url: str, name: str, size: Size, reuse: bool) -> bool:
    """True when the database is there, fully loaded with this size (``--reuse``); else it is made anew."""
    with psycopg.connect(owner_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if row is not None and reuse and row[0] == size.marker:
            return True
        if row is not None:
            say(f"dropping the old database {name}")
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    return False


def set_up(url: str, size: Size) -> dict[int, int]:
    """admin init, the branches and their logins (village per branch, one township): branch ids by number."""
    started = time.perf_counter()
    server_admin.init_database(url)
    branch_ids = {}
    for number in range(1, size.branches + 1):
        name = f"中共{data.village_name(number)}支部委员会"
        branch_ids[number] = server_admin.add_branch(
            url, branch_code(number), name, township=f"中共{TOWNSHIP_NAME}委员会", county="平安县"
        )
        server_admin.add_user(
            url, login_name(number), PASSWORD, role=server.VILLAGE, branch_code=branch_code(number)
        )
    server_admin.add_user(url, TOWNSHIP_LOGIN, PASSWORD, role=server.TOWNSHIP, branch_code=None)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE branch SET secretary = '王书记', phone = '0531-88886666'")
    say(
        f"admin init, {size.branches} branches and {size.branches + 1} logins in {time.perf_counter() - started:.1f} s"
    )
    return branch_ids


def _copy_columns(table: Table, row: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """The columns COPY writes, and for each one the value a row leaves out: the column's own scalar
    default, or NULL; a column with only a server default is left to the server."""
    names, fallback = [], []
    for column in table.c:
        if column.name in row:
            names.append(column.name)
            fallback.append(None)
            continue
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            names.append(column.name)
            fallback.append(default.arg)  # type: ignore[attr-defined]
        elif column.server_default is None and column.nullable:
            names.append(column.name)
            fallback.append(None)
        elif column.server_default is None:
            raise SystemExit(
                f"bench_township: no value for {table.name}.{column.name} (NOT NULL, no default)"
            )
    return names, fallback


def copy_rows(connection: psycopg.Connection[Any], table_name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = metadata.tables[table_name]
    names, fallback = _copy_columns(table, rows[0])
    pairs = list(zip(names, fallback, strict=True))
    columns = ", ".join(f'"{n}"' for n in names)
    with connection.cursor().copy(f'COPY "{table_name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row.get(name, value) for name, value in pairs])


@contextmanager
def loading(connection: psycopg.Connection[Any], tables: tuple[str, ...]) -> Iterator[None]:
    """The bench's rows are right by construction: a superuser's session skips every trigger (the
    same-branch checks and the foreign keys) and the tables' secondary indexes are built once at the
    end; another owner only switches the same-branch triggers off."""
    try:
        connection.execute("SET session_replication_role = replica")
        replica = True
    except psycopg.errors.InsufficientPrivilege:
        connection.rollback()
        replica = False
        for name in tables:
            connection.execute(f'ALTER TABLE "{name}" DISABLE TRIGGER USER')
    indexes = connection.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = to_regclass(quote_ident(i.indexname)))",
        (list(tables),),
    ).fetchall()
    for name, _definition in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    connection.commit()
    try:
        yield
    finally:
        connection.rollback()
        started = time.perf_counter()
        for _name, definition in indexes:
            connection.execute(definition)
        if replica:
            connection.execute("SET session_replication_role = DEFAULT")
        else:
            for name in tables:
                connection.execute(f'ALTER TABLE "{name}" ENABLE TRIGGER USER')
        connection.commit()
        say(f"{len(indexes)} indexes built again in {time.perf_counter() - started:.0f} s")


def advance_sequences(url: str) -> None:
    database = Database(url)
    try:
        with database.engine.begin() as connection:
            server.advance_sequences(connection, metadata)
    finally:
        database.dispose()


def load_villages(url: str, size: Size, branch_ids: dict[int, int], ids: data.Ids) -> dict[int, data.Village]:
    """Every branch's members, dues, meetings and members away, by COPY; the villages (their members)
    are kept for the posts' assignments."""
    started = time.perf_counter()
    now = dt.datetime.combine(size.today, dt.time(8))
    meeting_years = range(size.today.year - size.meeting_years + 1, size.today.year + 1)
    villages, totals = {}, dict.fromkeys(COPY_ORDER, 0)
    with psycopg.connect(url) as connection, loading(connection, COPY_ORDER):
        for number, branch_id in branch_ids.items():
            rng = random.Random(number)
            village = data.Village(branch_id)
            data.members(village, ids, number, size.members, now)
            data.dues(village, ids, rng, size.first, size.last, size.today)
            data.meetings(village, ids, rng, meeting_years, size.today)
            data.flowing(village, ids, rng, size.today)
            for table in COPY_ORDER:
                copy_rows(connection, table, village.tables.get(table, []))
                totals[table] += village.count(table)
                village.tables.pop(table, None)
            connection.commit()
            villages[number] = village
            elapsed = time.perf_counter() - started
            say(
                f"branch {number}/{size.branches} loaded ({elapsed:.0f} s, ~{elapsed / number * size.branches:.0f} s in all)"
            )
    say("rows: " + ", ".join(f"{table} {count:,}" for table, count in totals.items()))
    return villages


@contextmanager
def village_workspace(owner_url: str, name: str, number: int) -> Iterator[Workspace]:
    url = database_url(owner_url, name, login_name(number), PASSWORD)
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(folder, database_url=url)
        try:
            yield workspace
        finally:
            workspace.close()


def seed_posts(
    owner_url: str, name: str, size: Size
) -> dict[int, tuple[list[int], dict[int, tuple[int, dt.date]]]]:
    """As each village login: the usual catalogue of posts and the terms of last year and this year."""
    found = {}
    for number in range(1, size.branches + 1):
        with village_workspace(owner_url, name, number) as workspace:
            catalogue = [p.id for p in posts.list_posts(workspace, active_only=True)]
            terms = {}
            for year in (size.today.year - 1, size.today.year):
                term = posts.term_for_year(workspace, year)
                terms[year] = (term.id, term.end)
            found[number] = (catalogue, terms)
    return found


def load_assignments(
    url: str, size: Size, villages: dict[int, data.Village], seeded: Any, ids: data.Ids
) -> None:
    counts = dict.fromkeys(POSTS_ORDER, 0)
    with psycopg.connect(url) as connection, loading(connection, POSTS_ORDER):
        for number, village in villages.items():
            catalogue, terms = seeded[number]
            data.assignments(village, ids, random.Random(100 + number), catalogue, terms, size.today)
            for table in POSTS_ORDER:
                copy_rows(connection, table, village.tables.get(table, []))
                counts[table] += village.count(table)
                village.tables.pop(table, None)
        connection.commit()
    say("posts: " + ", ".join(f"{table} {count:,}" for table, count in counts.items()))


def _notice_plans(today: dt.date, generated: bool) -> list[tuple[str, dict[str, Any], Any, bool]]:
    """What each branch publishes: kind, the draft's fields, the board dates, whether it is published."""
    year = today.year
    plans: list[tuple[str, dict[str, Any], Any, bool]] = [
        ("free", {"title": "关于开展冬季环境整治的通知", "body": "全体党员参加村内环境整治。", "today": today - dt.timedelta(days=3)}, (today - dt.timedelta(days=3), None), True),
        ("free", {"title": "关于收看专题党课的通知", "body": "请全体党员按时收看。", "today": today - dt.timedelta(days=40)}, (today - dt.timedelta(days=40), today - dt.timedelta(days=30)), True),
        ("free", {"title": "关于召开党员大会的通知", "body": "定于本月下旬召开党员大会。", "today": today - dt.timedelta(days=1)}, None, True),
        ("free", {"title": "村级事务公开（草稿）", "body": "待定。", "today": today}, None, False),
    ]  # fmt: skip
    if generated:
        plans += [
            ("meetings", {"year": year - 1, "today": dt.date(year, 1, 8)}, (dt.date(year, 1, 9), dt.date(year, 1, 20)), True),
            ("dues", {"year": year, "months": (1, 9), "today": today - dt.timedelta(days=30)}, (today - dt.timedelta(days=29), None), True),
        ]  # fmt: skip
    return plans


def publish_notices(owner_url: str, name: str, size: Size) -> int:
    """As each village login, through the notices service: free notices on the board, taken down, not
    posted yet, and a draft; the branches timed also publish the 组织生活 and 党费 公示 made from their
    data (about 2 s each). No 设岗定责 公示: with 700 assignments its text takes about 30 s to make
    (domain.privacy compares every roster address with every line of the board)."""
    made = 0
    for number in range(1, size.branches + 1):
        generated = number in timed_branches(size)
        with village_workspace(owner_url, name, number) as workspace:
            for kind, fields, board, publish in _notice_plans(size.today, generated):
                try:
                    notice = notices.create_draft(workspace, kind, **fields)
                    if publish:
                        notice = notices.publish(workspace, notice.id)
                    if board:
                        notices.set_board_dates(workspace, notice.id, *board)
                    made += 1
                except AppError as error:
                    say(f"branch {number}: the {kind} notice was not made: {error}")
    return made


def timed_branches(size: Size) -> list[int]:
    return sorted({1, (size.branches + 1) // 2, size.branches})


def build(owner_url: str, name: str, size: Size) -> None:
    url = database_url(owner_url, name)
    started = time.perf_counter()
    branch_ids = set_up(url, size)
    ids = data.Ids()
    villages = load_villages(url, size, branch_ids, ids)
    advance_sequences(url)
    say("the catalogue of posts and the terms, through the services as each village login")
    seeded = seed_posts(owner_url, name, size)
    load_assignments(url, size, villages, seeded, ids)
    advance_sequences(url)
    say("public notices, through the services as each village login")
    made = publish_notices(owner_url, name, size)
    say(f"{made} notices; VACUUM ANALYZE")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{size.marker}'")
        used = connection.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()
    say(f"built in {time.perf_counter() - started:.0f} s; the database takes {used[0] if used else '?'}")


# --- timing -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    who: str  # "branch 1", "township"
    what: str
    seconds: float
    cpu: float
    statements: int
    size: int
    target: float

    @property
    def ok(self) -> bool:
        return self.seconds < self.target


@contextmanager
def counting(workspace: Workspace) -> Iterator[list[int]]:
    """The statements the workspace's engine sends while inside."""
    count = [0]

    def one(*_args: object) -> None:
        count[0] += 1

    event.listen(workspace.db.engine, "before_cursor_execute", one)
    try:
        yield count
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", one)


def _size_of(result: object) -> int:
    for attribute in ("rows", "sections"):
        if hasattr(result, attribute):
            return len(getattr(result, attribute))
    return len(result) if hasattr(result, "__len__") else 0  # type: ignore[arg-type]


def timed(
    workspace: Workspace, who: str, what: str, call: Callable[[], object], target: float, runs: int
) -> Figure:
    """The median of ``runs`` calls after ``WARM_UP[0]`` calls (``runs`` 0: one call alone)."""
    times, cpu_times = [], []
    with counting(workspace) as count:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = call()
    for _ in range(WARM_UP[0] - 1 if runs else 0):
        call()
    if runs == 0:
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    figure = Figure(
        who, what, statistics.median(times), statistics.median(cpu_times), count[0], _size_of(result), target
    )
    verdict = "ok" if figure.ok else "TOO SLOW"
    print(
        f"  {who:<10} {what:<34} {figure.seconds:6.3f} s (cpu {figure.cpu:.3f})  {figure.statements:3d} statements"
        f"  {figure.size:6,} rows   < {target} s  {verdict}",
        flush=True,
    )
    return figure


def village_screens(workspace: Workspace, today: dt.date) -> list[tuple[str, Callable[[], object]]]:
    """Each village screen's reading, as its page calls it."""
    month = Month.of(today)
    term = posts.current_term(workspace, today)
    screens: list[tuple[str, Callable[[], object]]] = [
        ("roster list", lambda: members.roster_rows(workspace)),
        (f"arrears (as of {today})", lambda: dues.arrears(workspace, today=today)),
        (f"year sheet {today.year}", lambda: dues.year_sheet(workspace, today.year, today=today)),
        (f"month collection {month.label()}", lambda: dues.collection_rows(workspace, month)),
        (f"month summary {month.label()}", lambda: dues.month_summary(workspace, month)),
        ("dues balance", lambda: dues.balance(workspace, today)),
        ("home page (due_items)", lambda: home.due_items(workspace, today)),
        ("notices list", lambda: notices.list_notices(workspace)),
        ("meetings due", lambda: meetings.meetings_due(workspace, today)),
        (f"meetings list {today.year}", lambda: meetings.list_meetings(workspace, today.year)),
        ("flowing: members away", lambda: flowing.away_rows(workspace)),
        ("flowing: directory", lambda: flowing.directory_entries(workspace)),
        ("flowing: alerts (失联)", lambda: flowing.alerts(workspace, today=today)),
        ("posts list (catalogue)", lambda: posts.catalogue_rows(workspace, term.id if term else None)),
    ]
    if term is not None:
        screens.append(("posts: assignments of the term", lambda: posts.assignments(workspace, term.id)))
    return screens


def time_villages(owner_url: str, name: str, size: Size, runs: int) -> list[Figure]:
    figures = []
    for number in timed_branches(size):
        print(f"--- as the village login {login_name(number)} (row-level security in force)", flush=True)
        with village_workspace(owner_url, name, number) as workspace:
            for what, call in village_screens(workspace, size.today):
                figures.append(timed(workspace, f"branch {number}", what, call, VILLAGE_TARGET, runs))
            term = posts.current_term(workspace, size.today)
            if number == 1 and term is not None:  # about 30 s: timed once, on the first branch only
                board = "posts board (设岗定责公示), 1 call"
                call = partial(posts.board_content, workspace, term.id)
                figures.append(timed(workspace, f"branch {number}", board, call, VILLAGE_TARGET, 0))
    return figures


def township_calls(workspace: Workspace, year: int, today: dt.date) -> list[tuple[str, Callable[[], object]]]:
    """The township report and each of its sections (an empty list for a program without
    services.township, e.g. an older tree, which the bench still times for its villages). A section is each
    ``*_section`` function of services.township.report, called in one read-only transaction as the
    report calls it (arguments by name: connection, branches, year, today)."""
    try:
        from dangjian_desktop.services.township import report
        from dangjian_desktop.services.township.access import branches
    except ImportError:
        return []

    def section(function: Callable[..., object]) -> Callable[[], object]:
        def call() -> object:
            with workspace.db.transaction() as session:
                connection = session.connection()
                found = branches(connection)
                given = {"connection": connection, "branches": found, "year": year, "today": today}
                wanted = inspect.signature(function).parameters
                return function(**{key: value for key, value in given.items() if key in wanted})

        return call

    calls: list[tuple[str, Callable[[], object]]] = [
        (f"whole report {year}", lambda: report.township_report(workspace, year, today=today))
    ]
    for attribute in sorted(vars(report)):
        function = getattr(report, attribute)
        if attribute.endswith("_section") and callable(function):
            calls.append((f"section {attribute.removesuffix('_section')}", section(function)))
    report_bytes = getattr(report, "report_bytes", None)
    if report_bytes is not None:
        made = report.township_report(workspace, year, today=today)
        for suffix in (".xlsx", ".pdf"):
            calls.append((f"report as {suffix} (bytes)", lambda s=suffix: report_bytes(made, s)))  # type: ignore[misc]
    return calls


def time_township(owner_url: str, name: str, size: Size, runs: int) -> list[Figure]:
    print(f"--- as the township login {TOWNSHIP_LOGIN} (every branch, read only)", flush=True)
    url = database_url(owner_url, name, TOWNSHIP_LOGIN, PASSWORD)
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(folder, database_url=url)
        try:
            calls = township_calls(workspace, size.today.year, size.today)
            if not calls:
                print(
                    "  the program has no township report yet (services.township): nothing timed", flush=True
                )
            return [timed(workspace, "township", what, call, TOWNSHIP_TARGET, runs) for what, call in calls]
        finally:
            workspace.close()


def summary(figures: list[Figure]) -> None:
    """One line per screen: the range over the branches timed."""
    print("\n| screen | seconds (median of 5; branches 1, middle, last) | statements | target | |")
    print("|---|---|---|---|---|")
    by_screen: dict[str, list[Figure]] = {}
    for figure in figures:
        by_screen.setdefault(figure.what, []).append(figure)
    for what, found in by_screen.items():
        low, high = min(f.seconds for f in found), max(f.seconds for f in found)
        statements = sorted({f.statements for f in found})
        spread = f"{low:.3f}" if len(found) == 1 else f"{low:.3f}–{high:.3f}"
        counts = (
            "–".join(str(n) for n in (statements[0], statements[-1]))
            if len(statements) > 1
            else str(statements[0])
        )
        verdict = "ok" if all(f.ok for f in found) else "**over**"
        print(f"| {what} | {spread} | {counts} | < {found[0].target} s | {verdict} |")


# --- the exchange: importing every village's file (issue 19) ---------------------------------------


def exchange_marker(size: Size) -> str:
    return (
        f"bench_township exchange files: members={size.members} years={size.years} "
        f"today={size.today} format={exchange_common.rules.FORMAT_VERSION}"
    )


def exchange_database(
    owner_url: str, name: str, size: Size, files: list[township_exchange.VillageFile]
) -> str:
    """A fresh database as ``dangjian admin init`` sets it up, with the villages' branches, each with the
    exchange key its file was signed with (as ``admin exchange-key`` stores one)."""
    prepare_database(owner_url, name, size, reuse=False)
    url = database_url(owner_url, name)
    started = time.perf_counter()
    server_admin.init_database(url)
    for file in files:
        server_admin.add_branch(
            url,
            file.code,
            f"中共{data.village_name(file.number)}支部委员会",
            township=f"中共{TOWNSHIP_NAME}委员会",
        )
    with server_admin.as_owner(url) as connection:
        for file in files:
            branch = exchange_common.branch_by_code(connection, file.code)
            exchange_common.store_key(connection, branch.id, file.key, "bench")
    say(f"admin init, {len(files)} branches with their keys in {time.perf_counter() - started:.1f} s")
    return url


class Phases:
    """Time spent in the import's parts, by wrapping the functions ``import_village_file`` calls (by
    attribute, so the program is not changed): reading and checking the file, the schema's version,
    laying the rows over the branch; the rest is connecting, the other checks and the commit."""

    PARTS = (
        (exchange_common, "read_file", "read the file (unzip, hashes, JSON)"),
        (exchange_township, "_heads", "the schema's version"),
        (exchange_township, "apply_branch", "lay the rows over the branch"),
    )

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> Phases:
        for module, attribute, what in self.PARTS:
            original = getattr(module, attribute)
            self._saved.append((module, attribute, original))
            setattr(module, attribute, self._timed(original, what))
        return self

    def __exit__(self, *_exc: object) -> None:
        for module, attribute, original in self._saved:
            setattr(module, attribute, original)

    def _timed(self, function: Callable[..., Any], what: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[what] = self.seconds.get(what, 0.0) + time.perf_counter() - started

        return call


def _reset_peak_memory() -> bool:
    """Linux: the process's peak resident size (VmHWM) starts again from now (proc(5), clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_memory_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rows_in_database(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        return {
            table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # type: ignore[index]
            for table in (*township_exchange.TABLES, "audit_log")
        }


@dataclass
class Imports:
    """The figures of one pass over the files."""

    what: str
    rows: int
    times: list[float]
    total: float
    cpu: float
    phases: dict[str, float]
    peak_mb: float
    peak_measured: bool


def import_all(url: str, files: list[township_exchange.VillageFile], what: str, first: bool) -> Imports:
    """Each file by ``services.exchange.import_village_file`` as the administrator, one after the other
    (as she would at her desk); each result checked: every row new on the ``first`` pass (the branch's
    profile updated), every row unchanged on the next."""
    load = os.getloadavg()
    print(f"--- {what}: {len(files)} files as the administrator (load {load[0]:.1f})", flush=True)
    gc.collect()
    measured = _reset_peak_memory()
    times = []
    with Phases() as phases:
        started, cpu_started = time.perf_counter(), time.process_time()
        for file in files:
            one = time.perf_counter()
            result = exchange.import_village_file(url, file.path)
            times.append(time.perf_counter() - one)
            expected = result.new + result.updated if first else result.unchanged
            if result.already or expected != file.rows:
                raise SystemExit(
                    f"bench_township: {file.path.name}: {result.new:,} new, {result.updated:,} updated, "
                    f"{result.unchanged:,} unchanged rows; {file.rows:,} in the file"
                )
            print(
                f"  {file.code} {file.path.name:<40} {times[-1]:6.2f} s  {file.rows:8,} rows  "
                f"{file.rows / times[-1]:8,.0f} rows/s",
                flush=True,
            )
        total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rows = sum(f.rows for f in files)
    return Imports(what, rows, times, total, cpu, phases.seconds, _peak_memory_mb(), measured)


def next_files(
    files: list[township_exchange.VillageFile], folder: Path
) -> list[township_exchange.VillageFile]:
    """Each village's file of the next month when nothing changed: the same tables under the next
    number, signed with the branch's key by store.exchange_file.write (as export_branch writes them)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for file in files:
        read = exchange_file.read(file.path)
        manifest = {key: value for key, value in read.manifest.items() if key not in ("files", "counts")}
        manifest["sequence"] = int(read.manifest["sequence"]) + 1
        made_at = dt.date.fromisoformat(str(manifest["made_at"])[:10])
        name = exchange_common.rules.branch_file_name(
            file.code, manifest["branch"]["name"], made_at, manifest["sequence"]
        )
        path = folder / name
        exchange_file.write(path, manifest, read.tables, file.key)
        made.append(dataclasses.replace(file, path=path))
    return made


def exchange_summary(passes: list[Imports], found: dict[str, int]) -> None:
    print("\n| what | " + " | ".join(p.what for p in passes) + " |")
    print("|---|" + "---|" * len(passes))

    def line(label: str, values: list[str]) -> None:
        print(f"| {label} | " + " | ".join(values) + " |")

    line("rows", [f"{p.rows:,} in {len(p.times)} files" for p in passes])
    line("total", [f"**{p.total:.1f} s** (cpu of this process {p.cpu:.1f} s)" for p in passes])
    line(
        "per file",
        [
            f"{min(p.times):.2f}–{max(p.times):.2f} s, median {statistics.median(p.times):.2f} s"
            for p in passes
        ],
    )
    line("rows per second", [f"{p.rows / p.total:,.0f}" for p in passes])
    for _module, _attribute, what in Phases.PARTS:
        line(what, [f"{p.phases.get(what, 0.0):.1f} s" for p in passes])
    line(
        "the rest (connecting, the other checks, the commit)",
        [f"{p.total - sum(p.phases.values()):.1f} s" for p in passes],
    )
    line(
        "peak memory of this process",
        [f"{p.peak_mb:.0f} MB{'' if p.peak_measured else ' (since it started)'}" for p in passes],
    )
    print("rows in the database: " + ", ".join(f"{table} {count:,}" for table, count in found.items()))


def time_exchange(owner_url: str, name: str, size: Size, keep: Path | None, again: bool) -> bool:
    """The villages' files (made, or kept from an earlier run), then each imported into a fresh database
    by ``services.exchange.import_village_file`` as the administrator: per-file and total times, rows per
    second, the phases and this process's peak memory; with ``again``, then the next month's files with
    nothing changed (every row compared). True when the first import is under the target."""
    with contextlib.ExitStack() as stack:
        folder = keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-exchange-")))
        files = township_exchange.village_files(folder, exchange_marker(size), size, branch_code, say)
        megabytes = sum(f.path.stat().st_size for f in files) / 1e6
        say(f"{len(files)} village files, {sum(f.rows for f in files):,} rows, {megabytes:.0f} MB")
        url = exchange_database(owner_url, name, size, files)
        passes = [import_all(url, files, "first import", first=True)]
        if again:
            later = next_files(
                files, Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-next-")))
            )
            passes.append(import_all(url, later, "next month, nothing changed", first=False))
    exchange_summary(passes, _rows_in_database(url))
    print(f"target: the first import < {EXCHANGE_TARGET:.0f} s")
    return passes[0].total < EXCHANGE_TARGET


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("owner_url", nargs="?", help="a PostgreSQL login that may create databases")
    parser.add_argument("--database", default="dangjian_township_bench")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database when it is loaded with this size"
    )
    parser.add_argument("--branches", type=int, default=50)
    parser.add_argument("--members", type=int, default=1000, help="members per branch")
    parser.add_argument("--years", type=int, default=5, help="years of dues, up to this year's December")
    parser.add_argument(
        "--meeting-years", type=int, default=2, help="years of meetings with their attendance"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm-up", type=int, default=10, help="calls before the timed ones (at least 1)")
    parser.add_argument("--only", choices=("village", "township"), help="time only these screens")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument(
        "--exchange",
        action="store_true",
        help="time importing every village's exchange file instead of the screens (database --database-exchange)",
    )
    parser.add_argument("--database-exchange", default="dangjian_exchange_bench")
    parser.add_argument("--keep", type=Path, help="keep the village files in this folder, and reuse them")
    parser.add_argument(
        "--no-again", dest="again", action="store_false", help="without the next month's files (--exchange)"
    )
    args = parser.parse_args(argv)
    owner_url = (
        args.owner_url
        or os.environ.get("DANGJIAN_BENCH_POSTGRES")
        or os.environ.get("DANGJIAN_TEST_POSTGRES")
    )
    if not owner_url:
        parser.error("give the owner's URL (or set DANGJIAN_BENCH_POSTGRES)")
    WARM_UP[0] = max(1, args.warm_up)
    size = Size(args.branches, args.members, args.years, args.meeting_years, args.today)
    load = os.getloadavg()
    say(f"{size.branches} branches × {size.members} members, {size.years} years of dues; load {load[0]:.1f}")
    if args.exchange:
        ok = time_exchange(owner_url, args.database_exchange, size, args.keep, args.again)
        load = os.getloadavg()
        print(
            f"\nload average after the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
        )
        return 0 if ok else 1
    if prepare_database(owner_url, args.database, size, args.reuse):
        say(f"reusing {args.database} ({size.marker})")
    else:
        build(owner_url, args.database, size)
    figures = [] if args.only == "township" else time_villages(owner_url, args.database, size, args.runs)
    if args.only != "village":
        figures += time_township(owner_url, args.database, size, args.runs)
    summary(figures)
    load = os.getloadavg()
    print(
        f"\nload average after the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
    )
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
