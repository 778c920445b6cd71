"""The web station under load: ticket page throughput and live pages' delay.

    .venv/bin/python bench/web.py [--seconds 5] [--pages 500] [--calls 10] [--pg URL] [--only sqlite|pg]

``khiw web`` runs as its own process (one uvicorn worker) on a throw-away database holding the
example office. Measured, per database:

* the ticket page (``GET /t/{id}?k=…``): requests per second and p95 latency from 4 client
  threads in this process (the client shares the 2 cores with the server, so this is a floor);
* live pages: ``--pages`` open event streams (one per waiting ticket); another process calls the
  next ticket ``--calls`` times and prints each commit's time; for each call, the time until the
  LAST open page has received the change (every page's "ahead" moves). Target: p95 under 1 s on
  PostgreSQL;
* the server's memory (RSS) with the pages open.

PostgreSQL uses ``--pg`` or ``$KHIW_TEST_PG_URL`` in a throw-away schema; it is skipped when
neither is set. Runs are bounded (a few seconds each) and only touch 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import office_database, percentile  # noqa: E402

KHIW = str(Path(sys.executable).with_name("khiw"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float | None:
    """Resident memory of ``pid`` in MB (Linux /proc; None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def caller(url: str, calls: int, pause: float) -> None:
    """The other process: call the next ticket, print the commit time, pause; repeat."""
    from khiw.db import Database
    from khiw.engine import call_next, finish, start

    db = Database(url)
    for _ in range(calls):
        called = db.run(call_next, counter=1)
        print(json.dumps({"at": time.time()}), flush=True)
        time.sleep(pause)
        db.run(start, ticket=called.ticket.id)
        db.run(finish, ticket=called.ticket.id)
        time.sleep(pause)
    db.dispose()


def page_throughput(base: str, tickets: list[tuple[int, str]], seconds: float) -> tuple[float, float, int]:
    """(requests per second, p95 ms, bytes of one page) of GET /t/{id} from 4 threads."""
    import httpx

    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def hammer(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            i = offset
            mine = []
            while time.monotonic() < deadline:
                ticket_id, token = tickets[i % len(tickets)]
                started = time.perf_counter()
                response = client.get(f"/t/{ticket_id}", params={"k": token})
                mine.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
                i += 7
            with lock:
                latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    size = len(httpx.get(f"{base}/t/{tickets[0][0]}", params={"k": tickets[0][1]}).content)
    return len(latencies) / (time.monotonic() - started), percentile(latencies, 95), size


async def live_pages(base: str, tickets: list[tuple[int, str]], db_url: str, calls: int, server_pid: int) -> tuple[list[float], float | None]:
    """Seconds from each call's commit to the last open page receiving it; server RSS (MB)."""
    import httpx

    received: list[list[float]] = [[] for _ in tickets]
    ready = asyncio.Event()
    opened = 0

    async def page(index: int, client: httpx.AsyncClient) -> None:
        nonlocal opened
        ticket_id, token = tickets[index]
        async with client.stream("GET", f"/t/{ticket_id}/live", params={"k": token}) as response:
            first = True
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    if first:
                        first = False
                        opened += 1
                        if opened == len(tickets):
                            ready.set()
                    else:
                        received[index].append(time.time())

    limits = httpx.Limits(max_connections=len(tickets) + 10, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(60, connect=30), limits=limits) as client:
        tasks = [asyncio.create_task(page(i, client)) for i in range(len(tickets))]
        await asyncio.wait_for(ready.wait(), 120)
        await asyncio.sleep(1.0)
        memory = rss_mb(server_pid)
        proc = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--caller", db_url, "--calls", str(calls), stdout=asyncio.subprocess.PIPE
        )
        commits = []
        assert proc.stdout is not None
        async for line in proc.stdout:
            commits.append(json.loads(line)["at"])
        await proc.wait()
        await asyncio.sleep(2.0)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    delays = []
    for at in commits:
        # The first change each page received after this commit; the call reaches every page
        # still waiting (its "ahead" moves) and the called page itself.
        firsts = [min((t for t in times if t >= at), default=None) for times in received]
        got = [t for t in firsts if t is not None]
        delays.append(max(got) - at if got else float("nan"))
    return delays, memory


def run(kind: str, seconds: float, pages: int, calls: int) -> None:
    from khiw.engine import issue

    with office_database(kind) as db:
        url = db.url.render_as_string(hide_password=False)
        tickets = [(t.ticket.id, t.ticket.token) for t in (db.run(issue, service="TAX") for _ in range(pages + calls))]
        port = free_port()
        server = subprocess.Popen([KHIW, "--db", url, "web", "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit("khiw web did not start") from None
                    time.sleep(0.1)
            idle = rss_mb(server.pid)
            rate, p95, size = page_throughput(base, tickets, seconds)
            print(f"{kind:6} ticket page: {rate:6.0f} req/s, p95 {p95:5.1f} ms, {size:,} B (HTML); server {idle or 0:.0f} MB idle", flush=True)
            # The pages are those of the tickets that stay waiting while the first ones are called.
            delays, memory = asyncio.run(live_pages(base, tickets[calls:], url, calls, server.pid))
            ok = sorted(d for d in delays if d == d)
            print(
                f"{kind:6} {pages} live pages: call → last page median {1000 * ok[len(ok) // 2]:.0f} ms, "
                f"p95 {1000 * percentile(ok, 95):.0f} ms, max {1000 * ok[-1]:.0f} ms ({len(ok)}/{len(delays)} calls); "
                f"server {memory or 0:.0f} MB with the pages open",
                flush=True,
            )
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--pg", metavar="URL")
    parser.add_argument("--only", choices=["sqlite", "pg"])
    parser.add_argument("--caller", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.caller:
        caller(args.caller, args.calls, pause=0.8)
        return
    if args.pg:
        os.environ["KHIW_TEST_PG_URL"] = args.pg
    for kind in ("sqlite", "pg"):
        if args.only in (None, kind) and (kind == "sqlite" or os.environ.get("KHIW_TEST_PG_URL")):
            run(kind, args.seconds, args.pages, args.calls)


if __name__ == "__main__":
    main()
