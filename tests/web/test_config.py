"""``[web]``: the QR code must lead to the web station, and ``khiw init`` refuses one that does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khiw.cli.main import main
from khiw.config import parse_config
from khiw.errors import ConfigError
from tests.fixtures import EXAMPLE

SAMPLE = EXAMPLE.read_text(encoding="utf-8")
QR_LINE = 'qr_url = "https://queue.example.go.th/t/{ticket_id}?k={token}"\n'


def with_web(text: str, setting: str) -> str:
    """``text`` with one ``[web]`` setting (``key = value``) replaced."""
    key = setting.split("=")[0].strip()
    head, web = text.split("\n[web]\n")
    return head + "\n[web]\n" + re.sub(rf"(?m)^{key} = .*$", setting.replace("\\", "\\\\"), web, count=1)


def test_the_sample_points_its_qr_code_at_the_default_base_url() -> None:
    cfg = parse_config(SAMPLE)
    assert cfg.ticket.qr_url == cfg.web.ticket_url == "https://queue.example.go.th/t/{ticket_id}?k={token}"
    assert cfg.web.survey_days == 7


def test_without_a_qr_template_the_qr_follows_the_base_url() -> None:
    cfg = parse_config(with_web(SAMPLE.replace(QR_LINE, ""), 'base_url = "http://192.168.1.10:8080/"'))
    assert cfg.ticket.qr_url == "http://192.168.1.10:8080/t/{ticket_id}?k={token}"


def test_a_qr_template_pointing_elsewhere_is_refused_with_its_line() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(with_web(SAMPLE, 'base_url = "http://192.168.1.10:8080"'), "khiw.toml")
    assert err.value.key == "ticket.qr_url" and "http://192.168.1.10:8080/t/{ticket_id}?k={token}" in str(err.value)
    assert err.value.line == SAMPLE.splitlines().index(QR_LINE.strip()) + 1


@pytest.mark.parametrize("bad", ['base_url = "queue.example.go.th"', 'base_url = "https://x.go.th/?a=1"', "survey_days = 0", "port = 0"])
def test_bad_web_settings_are_named(bad: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(with_web(SAMPLE.replace(QR_LINE, ""), bad))
    assert err.value.key.startswith("web.")


def test_khiw_init_refuses_a_qr_code_that_leads_elsewhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "khiw.toml"
    config.write_text(with_web(SAMPLE, 'base_url = "https://q.tsa.go.th"'), encoding="utf-8")
    db = tmp_path / "k.db"
    assert main(["--db", f"sqlite:///{db}", "init", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ticket.qr_url: must be 'https://q.tsa.go.th/t/{ticket_id}?k={token}'" in err
    assert not db.exists()
