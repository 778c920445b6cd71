"""``khiw ticket render`` and ``khiw ticket print`` for staff."""

from __future__ import annotations

import json
from pathlib import Path

import zxingcpp
from PIL import Image

from khiw.cli.main import main
from khiw.db import Database
from khiw.engine.tickets import issue_slip
from tests.fixtures import MORNING
from tests.printing.escpos_stream import raster_image
from tests.printing.fakeprinter import FakePrinter


def test_render_saves_the_ticket_at_the_width_asked(sqlite_office: Database, tmp_path: Path) -> None:
    slip = sqlite_office.run(issue_slip, service="TAX", now=MORNING)
    out = tmp_path / "ticket.png"
    url = sqlite_office.display_url
    assert main(["--db", url, "ticket", "render", str(slip.ticket.id), "--out", str(out), "--width", "384"]) == 0
    image = Image.open(out)
    assert image.width == 384
    assert zxingcpp.read_barcodes(image.convert("L"))[0].text == slip.qr_url


def test_print_reprints_on_the_configured_printer(sqlite_office: Database, tmp_path: Path) -> None:
    slip = sqlite_office.run(issue_slip, service="TAX", now=MORNING)
    example = (Path(__file__).resolve().parents[2] / "examples" / "khiw.toml").read_text(encoding="utf-8")
    with FakePrinter("ok") as fake:
        config = tmp_path / "khiw.toml"
        config.write_text(example.replace('kind = "none"', f'kind = "network"\nhost = "127.0.0.1"\nport = {fake.port}'), encoding="utf-8")
        assert main(["--db", sqlite_office.display_url, "--config", str(config), "ticket", "print", str(slip.ticket.id)]) == 0
        [job] = fake.wait_for_jobs(1)
    assert zxingcpp.read_barcodes(raster_image(bytes(job.data)).convert("L"))[0].text == slip.qr_url


def test_print_without_a_printer_says_how_to_set_one_up(sqlite_office: Database, capsys) -> None:
    assert main(["--db", sqlite_office.display_url, "ticket", "print", "1"]) == 2
    assert "[printer]" in capsys.readouterr().err


def test_an_unknown_ticket_is_refused(sqlite_office: Database, tmp_path: Path) -> None:
    assert main(["--db", sqlite_office.display_url, "ticket", "render", "Z999", "--out", str(tmp_path / "x.png")]) == 1


def test_render_and_print_take_json(sqlite_office: Database, tmp_path: Path, capsys) -> None:
    slip = sqlite_office.run(issue_slip, service="TAX", now=MORNING)
    out = tmp_path / "ticket.png"
    assert main(["--db", sqlite_office.display_url, "ticket", "render", str(slip.ticket.id), "--out", str(out), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert (said["ticket"], said["out"], said["width"]) == (slip.ticket.code, str(out), 576)
    example = (Path(__file__).resolve().parents[2] / "examples" / "khiw.toml").read_text(encoding="utf-8")
    with FakePrinter("ok") as fake:
        config = tmp_path / "khiw.toml"
        config.write_text(example.replace('kind = "none"', f'kind = "network"\nhost = "127.0.0.1"\nport = {fake.port}'), encoding="utf-8")
        assert main(["--db", sqlite_office.display_url, "--config", str(config), "ticket", "print", str(slip.ticket.id), "--json"]) == 0
        fake.wait_for_jobs(1)
    said = json.loads(capsys.readouterr().out)
    assert said["ticket"] == slip.ticket.code and said["bytes"] > 0
