"""``khiw`` start-up: how long a command takes from the shell, as a script calling it sees.

    .venv/bin/python -m bench.cli [--runs 15]

Runs ``khiw --help``, ``khiw status --json``, ``khiw issue --json`` and ``khiw call --json``
(each call followed by an untimed no-show that frees the counter) ``--runs`` times against a
fresh SQLite office and prints the median and the spread of each. Target: every median under
300 ms on the 2-core machine (issue #11). Most of a command's time is importing: run with
``python -X importtime`` to see what.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KHIW = Path(sys.executable).with_name("khiw")


def _all_day_config(folder: Path) -> Path:
    """The example office, open around the clock (a benchmark may run at any hour)."""
    text = (ROOT / "examples" / "khiw.toml").read_text(encoding="utf-8")
    text = re.sub(r'^opens = "[0-9:]+"', 'opens = "00:00"', text, flags=re.MULTILINE)
    text = re.sub(r'^closes = "[0-9:]+"', 'closes = "23:59"', text, flags=re.MULTILINE)
    text = re.sub(r"^daily_cap = \d+", "daily_cap = 999", text, flags=re.MULTILINE)
    path = folder / "khiw.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run([str(KHIW), *args], env=env, capture_output=True, text=True, check=False)
    elapsed = (time.perf_counter() - t0) * 1000
    if done.returncode != 0:
        raise SystemExit(f"khiw {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="khiw-bench-cli-") as folder:
        env = {**os.environ, "KHIW_DB_URL": f"sqlite:///{Path(folder) / 'khiw.db'}", "KHIW_CONFIG": str(_all_day_config(Path(folder)))}
        _run(["init"], env)
        times: dict[str, list[float]] = {"--help": [], "status --json": [], "issue INF --json": [], "call 3 --json": []}
        for _ in range(runs):
            for command in times:
                elapsed, out = _run(command.split(), env)
                times[command].append(elapsed)
                if command.startswith("call"):
                    _run(["no-show", str(json.loads(out)["ticket"]["id"])], env)
        print(f"khiw start-up, {runs} runs each (ms)")
        for command, values in times.items():
            print(f"  khiw {command:<18} median {statistics.median(values):6.0f}   min {min(values):6.0f}   max {max(values):6.0f}")


if __name__ == "__main__":
    main()
