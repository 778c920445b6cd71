"""Latency from a call committed in another process to the board showing and saying it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/display.py [--calls 60] [--pg URL] [--soak SECONDS]

A worker process issues a ticket, waits for the board to settle, calls it and prints the
wall-clock time right after the commit returned; the board (this process, a real
BoardWindow speaking with a voice pack of generated clips) notes the time its snapshot
containing that call was drawn, and the time the announcement's first sample was written
to the audio output. Prints median, p95 and max per database. Targets: drawn p95 under
150 ms on PostgreSQL, under 300 ms on SQLite (FQM, an open-source peer, polls every 2
seconds); first audio sample under 300 ms. PostgreSQL uses ``--pg`` or
``$KHIW_TEST_PG_URL`` in a throw-away schema; it is skipped when neither is set.

``--soak SECONDS`` instead runs calls at peak rate (``--rate`` per second, four counters)
against a SQLite board for that long and prints the board's memory (RSS) every tenth of the
run: after the warm-up it must stay flat.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAUSE = 0.25  # between a ticket's issue and its call, so each call meets an idle board
SERVES = {1: "TAX", 2: "REG", 3: "INF", 4: "CMP"}  # uncapped services each counter of the example office calls


def worker(url: str, calls: int) -> None:
    """The other process: issue, pause, call, report; then free the counter."""
    from khiw.db import Database
    from khiw.engine import call_next, finish, issue, start

    db = Database(url)
    for _ in range(calls):
        db.run(issue, service="TAX")
        time.sleep(PAUSE)
        called = db.run(call_next, counter=1)
        committed = time.time()
        print(json.dumps({"event_id": called.event_id, "at": committed}), flush=True)
        time.sleep(PAUSE)
        db.run(start, ticket=called.ticket.id)
        db.run(finish, ticket=called.ticket.id)
    db.dispose()


class TimedOutput:
    """An audio output that notes when each clip's first sample is written (and drops it)."""

    def __init__(self) -> None:
        self.first_sample: list[float] = []

    def play(self, clip: object) -> bool:
        self.first_sample.append(time.time())
        return True


def board(url: str, folder: str) -> tuple[Any, Any, Any, TimedOutput]:
    """A shown 1920×1080 board on ``url`` speaking with a generated voice pack."""
    from PySide6.QtWidgets import QApplication

    from display.voice import BoardVoice
    from display.window import BoardWindow
    from khiw.config import DisplayConfig, load_config
    from khiw.db import Database
    from khiw.speech.phrases import needed_phrases
    from khiw.speech.placeholder import write_placeholder_pack
    from khiw.speech.voicepack import load_pack
    from khiw.speech.voices import PackVoice, VoiceChoice
    from tests.fixtures import EXAMPLE

    app = QApplication.instance() or QApplication([])
    pack = load_pack(write_placeholder_pack(Path(folder) / "voice", needed_phrases(load_config(EXAMPLE))))
    settings = DisplayConfig(fullscreen=False, voice="pack")
    output = TimedOutput()
    db = Database(url)
    window = BoardWindow(db, settings, voice=BoardVoice(settings, output=output, choice=VoiceChoice(PackVoice(pack), None, "generated pack")))
    return app, db, window, output


def measure(url: str, calls: int, folder: str) -> tuple[list[float], list[float]]:
    """Milliseconds from commit to drawn, and from commit to the first audio sample, one per call."""
    from PySide6.QtCore import QEventLoop, QTimer

    from khiw.engine.board import BoardState

    app, db, window, output = board(url, folder)
    window.resize(1920, 1080)
    window.show()
    drawn: dict[int, float] = {}

    def note(state: BoardState) -> None:
        app.processEvents()  # let the repaint the snapshot caused happen before the clock is read
        now = time.time()
        for call in state.new_calls:
            drawn.setdefault(call.event_id, now)

    window.controller.state_changed.connect(note)
    window.start()
    while window.controller.state is None:
        app.processEvents()

    proc = subprocess.Popen([sys.executable, __file__, "--worker", url, "--calls", str(calls)], stdout=subprocess.PIPE, text=True)
    committed: dict[int, float] = {}

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            row = json.loads(line)
            committed[row["event_id"]] = row["at"]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    loop = QEventLoop()
    check = QTimer()
    check.timeout.connect(
        lambda: loop.quit()
        if proc.poll() is not None and not reader.is_alive() and set(committed) <= set(drawn) and len(output.first_sample) >= len(committed)
        else None
    )
    check.start(50)
    loop.exec()
    window.close()
    db.dispose()
    if proc.returncode:
        raise SystemExit(f"worker failed with exit code {proc.returncode}")
    order = sorted(committed)  # announcements are said in call order, one per call
    shown = [1000 * (drawn[event_id] - committed[event_id]) for event_id in order]
    heard = [1000 * (played - committed[event_id]) for event_id, played in zip(order, output.first_sample, strict=True)]
    return shown, heard


def soak_worker(url: str, seconds: float, rate: float) -> None:
    """Calls at ``rate`` per second for ``seconds``, round the four counters, each served at once."""
    from khiw.db import Database
    from khiw.engine import call_next, finish, issue, start

    db = Database(url)
    deadline = time.monotonic() + seconds
    counter = 0
    while time.monotonic() < deadline:
        began = time.monotonic()
        desk = counter % 4 + 1
        db.run(issue, service=SERVES[desk])
        called = db.run(call_next, counter=desk)
        db.run(start, ticket=called.ticket.id)
        db.run(finish, ticket=called.ticket.id)
        counter += 1
        time.sleep(max(0.0, 1 / rate - (time.monotonic() - began)))
    print(counter, flush=True)
    db.dispose()


def rss_mb() -> float:
    """This process's resident memory (Linux /proc; elsewhere the peak from getrusage)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def soak(url: str, seconds: float, rate: float, folder: str) -> None:
    """Run the board under calls at peak rate and print its memory ten times."""
    from PySide6.QtCore import QEventLoop, QTimer

    app, db, window, output = board(url, folder)
    window.resize(1920, 1080)
    window.show()
    window.start()
    while window.controller.state is None:
        app.processEvents()
    proc = subprocess.Popen([sys.executable, __file__, "--soak-worker", url, "--soak", str(seconds), "--rate", str(rate)], stdout=subprocess.PIPE, text=True)
    samples: list[tuple[float, float, int]] = []
    began = time.monotonic()

    def sample() -> None:
        samples.append((time.monotonic() - began, rss_mb(), len(output.first_sample)))
        print(f"  t={samples[-1][0]:6.0f} s  rss={samples[-1][1]:7.1f} MB  announced={samples[-1][2]}", flush=True)
        if proc.poll() is not None:
            loop.quit()

    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(sample)
    timer.start(int(1000 * max(seconds / 10, 1)))
    loop.exec()
    window.close()
    db.dispose()
    if proc.returncode:
        raise SystemExit(f"soak worker failed with exit code {proc.returncode}")
    calls = int(proc.stdout.read().strip() or 0) if proc.stdout else 0
    warm = samples[min(2, len(samples) - 1)]
    last = samples[-1]
    print(f"soak        {seconds:.0f} s, {calls} calls ({calls / seconds:.1f}/s), announced {last[2]}; "
          f"rss after warm-up {warm[1]:.1f} MB, at the end {last[1]:.1f} MB ({last[1] - warm[1]:+.1f} MB)")


def report(name: str, ms: list[float], target: float) -> None:
    ms = sorted(ms)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    verdict = "ok" if p95 < target else "OVER TARGET"
    print(f"{name:<24} calls={len(ms):<4} median={statistics.median(ms):6.1f} ms  p95={p95:6.1f} ms  max={ms[-1]:6.1f} ms  (target p95 < {target:.0f} ms: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=60)
    parser.add_argument("--pg", default=os.environ.get("KHIW_TEST_PG_URL"))
    parser.add_argument("--soak", type=float, metavar="SECONDS", help="memory under calls at peak rate for this long instead")
    parser.add_argument("--rate", type=float, default=1.0, help="--soak: calls per second (default 1)")
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--soak-worker", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.calls)
        return
    if args.soak_worker:
        soak_worker(args.soak_worker, args.soak, args.rate)
        return

    from tests.fixtures import new_database, pg_schema_url, with_office

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        with_office(new_database(url)).dispose()
        if args.soak:
            soak(url, args.soak, args.rate, folder)
            return
        shown, heard = measure(url, args.calls, folder)
        report("SQLite drawn", shown, 300)
        report("SQLite first audio", heard, 300)
        if args.pg:
            os.environ["KHIW_TEST_PG_URL"] = args.pg
            with pg_schema_url() as pg:
                with_office(new_database(pg)).dispose()
                shown, heard = measure(pg, args.calls, folder)
                report("PostgreSQL drawn", shown, 150)
                report("PostgreSQL first audio", heard, 300)
        else:
            print("PostgreSQL  skipped: give --pg URL or set KHIW_TEST_PG_URL")


if __name__ == "__main__":
    main()
