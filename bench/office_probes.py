"""What ``bench/office.py`` reads beside the stations: PostgreSQL's own counters and /proc.

Every connection of the bench's stations and driver carries ``<schema>:<kind><n>`` as its
application_name, so the bench's connections and their backends are told apart from the other
work on the same server; the rows read are those of the bench's schema only. Linux only.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter as Tally
from pathlib import Path

import psycopg

TICK = os.sysconf("SC_CLK_TCK")
MONITOR = "khiw-bench-monitor"  # the probe's own connections: not the bench's


def process_ticks(pid: int) -> int | None:
    """User + system CPU ticks of process ``pid`` (all its threads), None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return sum(values) - values[3] - values[4], sum(values)


class Probe(threading.Thread):
    """Samples the bench's connections every second (per kind of station) and, inside the
    measured window, the CPU ticks of the backends serving them; reads rows and the chain head."""

    def __init__(self, admin: str, schema: str) -> None:
        super().__init__(daemon=True)
        self.admin, self.schema, self.prefix = admin, schema, f"{schema}:"
        self.samples: list[tuple[float, Tally[str]]] = []
        self.backends: dict[int, list[int]] = {}  # pid -> [ticks when first seen in the window, latest]
        self.window = False
        self.done = threading.Event()

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.admin, autocommit=True, application_name=MONITOR)

    def run(self) -> None:
        with self._connect() as conn:
            while not self.done.wait(1.0):
                rows = conn.execute(
                    "SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE %s",
                    (self.prefix + "%",),
                ).fetchall()
                self.samples.append((time.time(), Tally(name[len(self.prefix):].rstrip("0123456789") for _, name in rows)))
                if self.window:
                    for pid, _ in rows:
                        ticks = process_ticks(pid)
                        if ticks is not None:
                            self.backends.setdefault(pid, [ticks, ticks])[1] = ticks

    def open_window(self) -> None:
        """Count backend CPU from now on (each backend from when it is first seen)."""
        self.window = True

    def close_window(self) -> int:
        """CPU ticks the bench's backends used in the window."""
        self.window = False
        return sum(last - first for first, last in self.backends.values())

    def peaks(self, began: float, ended: float) -> tuple[int, Tally[str]]:
        """The most connections at once between the two times, and the most of each kind."""
        within = [kinds for at, kinds in self.samples if began <= at <= ended]
        most: Tally[str] = Tally()
        for kinds in within:
            most |= kinds
        return max((sum(kinds.values()) for kinds in within), default=0), most

    def rows(self) -> tuple[Tally[str], int]:
        """Rows each of the bench's tables returned and fetched so far (sequential reads, index
        entries read, rows fetched through an index: ``tup_returned + tup_fetched`` of its
        schema), and ``tup_returned + tup_fetched`` of the whole database, other work included."""
        with self._connect() as conn:
            tables = conn.execute(
                """SELECT t.relname, t.seq_tup_read + coalesce(t.idx_tup_fetch, 0)
                          + coalesce((SELECT sum(i.idx_tup_read) FROM pg_stat_user_indexes AS i WHERE i.relid = t.relid), 0)
                   FROM pg_stat_user_tables AS t WHERE t.schemaname = %s""",
                (self.schema,),
            ).fetchall()
            everything = conn.execute("SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = current_database()").fetchone()[0]
        return Tally({name: int(n) for name, n in tables}), int(everything)

    def settled_rows(self, limit: float = 15.0) -> tuple[Tally[str], int]:
        """:meth:`rows` once two readings two seconds apart agree: a backend reports its counts
        when it goes idle or ends, up to some seconds late."""
        deadline = time.monotonic() + limit
        before = self.rows()
        while time.monotonic() < deadline:
            time.sleep(2)
            now = self.rows()
            if now[0] == before[0]:
                return now
            before = now
        return before

    def head(self) -> int:
        """The newest event id (the chain head)."""
        with self._connect() as conn:
            return int(conn.execute(f"SELECT last_id FROM {self.schema}.chain_head WHERE id = 1").fetchone()[0])

    def version(self) -> str:
        with self._connect() as conn:
            return str(conn.execute("SHOW server_version").fetchone()[0])

    def end_backends(self) -> None:
        """End any connection of the bench still open (before its schema is dropped)."""
        with self._connect() as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE %s", (self.prefix + "%",))
