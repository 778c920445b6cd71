"""A long history and a long queue written straight in SQL, for the cost tests and benchmarks.

Issuing a year's tickets through the engine would take longer than the tests that need them:
here each is one ``INSERT … SELECT`` over a number series (``generate_series`` on PostgreSQL,
a recursive CTE on SQLite). The rows look like the engine's (done tickets with their four
events; waiting tickets of one day) but the inserted events carry placeholder hashes: the
chain does not verify, which no cost test asks of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from khiw.db import Database

PER_DAY = 400  # tickets per past day


def _series(dialect: str, count: int) -> str:
    if dialect == "postgresql":
        return f"(SELECT g AS n FROM generate_series(0, {count - 1}) AS g) AS s"
    return f"(WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r WHERE n < {count - 1}) SELECT n FROM r) AS s"


def _at(dialect: str, base: datetime, seconds: str) -> str:
    stamp = base.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if dialect == "postgresql":
        return f"(TIMESTAMP '{stamp}' + ({seconds}) * INTERVAL '1 second')"
    # To the microsecond, as SQLAlchemy writes them: SQLite compares the text, and a shorter
    # one sorts before the same instant written in full.
    return f"(strftime('%Y-%m-%d %H:%M:%f', '{stamp}', '+' || ({seconds}) || ' seconds') || '000')"


def _day(dialect: str, base: date, days: str) -> str:
    if dialect == "postgresql":
        return f"(DATE '{base.isoformat()}' + ({days}))"
    return f"date('{base.isoformat()}', '+' || ({days}) || ' days')"


_SERVICES = "(SELECT id AS service_id, office_id, prefix, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM services WHERE active = {true}) AS v"


def _resequence(conn) -> None:  # type: ignore[no-untyped-def]
    """Rows given explicit ids: PostgreSQL's id sequence must move past them (SQLite's does itself)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT max(id) FROM tickets))"))


def _bulk(conn) -> None:  # type: ignore[no-untyped-def]
    """No statement timeout for this transaction on PostgreSQL: a million rows written while
    other work loads the machine may take longer than the minute Khiw gives a station's query."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL statement_timeout = 0"))


def _analyze(conn) -> None:  # type: ignore[no-untyped-def]
    """Fresh statistics on PostgreSQL, as its autovacuum keeps them in an office. Not on
    SQLite: Khiw never runs ANALYZE there, so its planner works from its default estimates
    (an index equality is selective), and the tests must plan as an office's database does."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE"))


def add_history(db: Database, *, events: int, before: date) -> int:
    """About ``events`` events of served tickets (four each, :data:`PER_DAY` a day) on the days
    before ``before``; returns the number of events written. The chain head moves past them."""
    tickets = max(events // 4, 1)
    days = -(-tickets // PER_DAY)
    first_day = before - timedelta(days=days)
    with db.engine.begin() as conn:
        _bulk(conn)
        dialect = conn.dialect.name
        true = "true" if dialect == "postgresql" else "1"
        t0 = conn.execute(text("SELECT coalesce(max(id), 0) FROM tickets")).scalar_one()
        e0 = conn.execute(text("SELECT last_id FROM chain_head WHERE id = 1")).scalar_one()
        low, counters = conn.execute(text("SELECT min(id), count(*) FROM counters")).one()
        base = datetime(first_day.year, first_day.month, first_day.day, 2, tzinfo=UTC)  # 09:00 in Bangkok
        seconds = f"(s.n / {PER_DAY}) * 86400 + (s.n % {PER_DAY}) * 60"
        conn.execute(
            text(
                f"""INSERT INTO tickets (id, office_id, service_id, service_day, number, code, priority, status, token,
                        issued_at, queued_at, called_at, last_called_at, started_at, finished_at, recalls, counter_id)
                SELECT {t0} + s.n + 1, v.office_id, v.service_id, {_day(dialect, first_day, f"s.n / {PER_DAY}")},
                       (s.n % {PER_DAY}) / v.total + 1, v.prefix || CAST((s.n % {PER_DAY}) / v.total + 1 AS TEXT), 'none', 'done',
                       'h' || CAST(s.n AS TEXT), {_at(dialect, base, seconds)}, {_at(dialect, base, seconds)},
                       {_at(dialect, base, seconds + " + 600")}, {_at(dialect, base, seconds + " + 600")},
                       {_at(dialect, base, seconds + " + 620")}, {_at(dialect, base, seconds + " + 900")}, 0, {low} + s.n % {counters}
                FROM {_series(dialect, tickets)} JOIN {_SERVICES.format(true=true)} ON v.k = (s.n % {PER_DAY}) % v.total"""
            )
        )
        for k, (kind, offset) in enumerate((("issued", 0), ("called", 600), ("started", 620), ("finished", 900))):
            conn.execute(
                text(
                    f"""INSERT INTO events (id, at, kind, office_id, ticket_id, service_id, counter_id, priority, data, prev_hash, hash)
                    SELECT {e0} + 4 * s.n + {k + 1}, {_at(dialect, base, f"{seconds} + {offset}")}, '{kind}', t.office_id, t.id,
                           t.service_id, {"t.counter_id" if kind != "issued" else "NULL"}, 'none', '{{}}', 'x',
                           'h' || CAST({e0} + 4 * s.n + {k + 1} AS TEXT)
                    FROM {_series(dialect, tickets)} JOIN tickets AS t ON t.id = {t0} + s.n + 1"""
                )
            )
        written = 4 * tickets
        conn.execute(text(f"UPDATE chain_head SET last_id = {e0 + written} WHERE id = 1"))
        _resequence(conn)
        _analyze(conn)
    return written


def add_waiting(db: Database, *, count: int, service: str, day: date, at: datetime, priority_every: int = 0, apart_ms: int = 1000) -> None:
    """``count`` waiting tickets of ``service`` on ``day`` (after any already issued), queued
    ``apart_ms`` apart from ``at``; every ``priority_every``-th one (0: none) in the elderly lane.
    The day's number counter moves past them, so tickets issued later follow."""
    with db.engine.begin() as conn:
        _bulk(conn)
        dialect = conn.dialect.name
        svc = conn.execute(text("SELECT id, office_id, prefix FROM services WHERE code = :c"), {"c": service}).one()
        t0 = conn.execute(text("SELECT coalesce(max(id), 0) FROM tickets")).scalar_one()
        last = conn.execute(
            text("SELECT coalesce(max(number), 0) FROM tickets WHERE service_id = :s AND service_day = :d"), {"s": svc.id, "d": day}
        ).scalar_one()
        every = max(priority_every, 1)
        elderly = f"{priority_every} > 0 AND s.n % {every} = {every - 1}"
        # The lanes' places (Ticket.lane_seq), as the engine hands them out: the next ones of
        # each lane when the tickets queue after the lanes' last placed ticket (written with
        # the rows: renumbering them would leave a dead copy of each in the indexes), else
        # the whole day renumbered below, as if every ticket of it had arrived at the back.
        entered = dict(
            conn.execute(text("SELECT priority, entered FROM queue_counts WHERE service_id = :s AND day = :d"), {"s": svc.id, "d": day}).all()
        )
        behind = conn.execute(
            text(f"SELECT count(*) FROM queue_counts WHERE service_id = :s AND day = :d AND tail_queued_at > {_at(dialect, at, '0')}"),
            {"s": svc.id, "d": day},
        ).scalar_one() == 0
        elderly_before = f"(CASE WHEN {priority_every} > 0 THEN s.n / {every} ELSE 0 END)"
        place = (
            f"CASE WHEN {elderly} THEN {entered.get(True, 0)} + s.n / {every} + 1 ELSE {entered.get(False, 0)} + s.n - {elderly_before} + 1 END"
            if behind
            else "NULL"
        )
        conn.execute(
            text(
                f"""INSERT INTO tickets (id, office_id, service_id, service_day, number, code, priority, status, token,
                        issued_at, queued_at, recalls, lane_seq)
                SELECT {t0} + s.n + 1, {svc.office_id}, {svc.id}, :day, {last} + s.n + 1,
                       '{svc.prefix}' || CAST({last} + s.n + 1 AS TEXT), CASE WHEN {elderly} THEN 'elderly' ELSE 'none' END, 'waiting',
                       'w' || CAST({t0} + s.n AS TEXT), {_at(dialect, at, f"s.n * {apart_ms} / 1000.0")}, {_at(dialect, at, f"s.n * {apart_ms} / 1000.0")}, 0,
                       {place}
                FROM {_series(dialect, count)}"""
            ),
            {"day": day},
        )
        for lane, n in conn.execute(
            text(f"SELECT priority <> 'none', count(*) FROM tickets WHERE id > {t0} GROUP BY priority <> 'none'")
        ).all():  # the kept waiting counts, as the engine would have moved them
            params = {"s": svc.id, "d": day, "p": bool(lane), "n": n}
            if conn.execute(text("UPDATE queue_counts SET waiting = waiting + :n WHERE service_id = :s AND day = :d AND priority = :p"), params).rowcount == 0:
                conn.execute(text("INSERT INTO queue_counts (service_id, day, priority, waiting) VALUES (:s, :d, :p, :n)"), params)
        if not behind:
            conn.execute(
                text(
                    "UPDATE tickets SET lane_seq = placed.n FROM (SELECT id, row_number() OVER (PARTITION BY priority <> 'none' ORDER BY queued_at, id) AS n"
                    " FROM tickets WHERE service_id = :s AND service_day = :d) AS placed WHERE tickets.id = placed.id"
                ),
                {"s": svc.id, "d": day},
            )
        lane = "FROM tickets WHERE service_id = :s AND service_day = :d AND (priority <> 'none') = queue_counts.priority"
        where = "WHERE service_id = :s AND day = :d"
        conn.execute(text(f"UPDATE queue_counts SET entered = coalesce((SELECT max(lane_seq) {lane}), 0) {where}"), {"s": svc.id, "d": day})
        tail = f"{lane} AND lane_seq = queue_counts.entered"
        conn.execute(text(f"UPDATE queue_counts SET tail_queued_at = (SELECT queued_at {tail}) {where}"), {"s": svc.id, "d": day})
        conn.execute(text("DELETE FROM day_numbers WHERE service_id = :s AND day = :d"), {"s": svc.id, "d": day})
        conn.execute(text("INSERT INTO day_numbers (service_id, day, last) VALUES (:s, :d, :n)"), {"s": svc.id, "d": day, "n": last + count})
        _resequence(conn)
        _analyze(conn)
