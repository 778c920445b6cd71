"""``khiw voice check`` and the voice line of ``khiw init``: missing phrases are named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from khiw.cli.main import main
from khiw.config import load_config
from khiw.speech.phrases import needed_phrases
from khiw.speech.placeholder import write_placeholder_pack
from tests.fixtures import EXAMPLE


def khiw(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "khiw.toml"
    shutil.copy(EXAMPLE, path)
    return path


class TestVoiceCheck:
    def test_no_pack_says_where_it_is_looked_for_and_how_to_make_one(self, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = khiw(capsys, "voice", "check", "--config", str(config))
        assert code == 1
        assert f"none at {config.parent / 'voice'}" in out and "khiw voice record" in out

    def test_missing_phrases_are_listed_and_a_complete_pack_passes(self, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
        need = needed_phrases(load_config(config), polite="ค่ะ")
        write_placeholder_pack(config.parent / "voice", [p for p in need if p not in ("ดี", "สาม")])
        code, out = khiw(capsys, "voice", "check", "--config", str(config))
        assert code == 1 and "missing 2 phrase(s): ดี, สาม" in out and "placeholder voice pack (tones, not speech)" in out
        code, out = khiw(capsys, "voice", "check", "--config", str(config), "--json")
        assert json.loads(out)["missing"] == ["ดี", "สาม"]
        write_placeholder_pack(config.parent / "voice", need)
        assert khiw(capsys, "voice", "check", "--config", str(config))[0] == 0

    def test_init_reports_an_incomplete_pack(self, config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        write_placeholder_pack(config.parent / "voice", ["หมายเลข"])
        code, out = khiw(capsys, "--db", f"sqlite:///{tmp_path / 'k.db'}", "init", "--config", str(config))
        assert code == 0
        assert "voice: placeholder voice pack" in out and "missing" in out and "เชิญที่ช่องบริการ" in out
