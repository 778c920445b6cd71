"""khiw.toml: the sample validates; mistakes are named by file, line and key."""

from __future__ import annotations

import pytest

from khiw.config import load_config, parse_config
from khiw.errors import ConfigError
from tests.fixtures import EXAMPLE

SAMPLE = EXAMPLE.read_text(encoding="utf-8")


def error_for(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as err:
        parse_config(text, "khiw.toml")
    return err.value


def line_of(fragment: str, text: str = SAMPLE) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


class TestSample:
    def test_the_shipped_sample_is_a_thai_office_with_standard_times(self) -> None:
        cfg = load_config(EXAMPLE)
        assert cfg.office.name_th.startswith("องค์การบริหารส่วนตำบล")
        assert len(cfg.services) >= 5 and all(s.standard_minutes > 0 for s in cfg.services)
        assert len(cfg.counters) >= 3 and any(s.role == "supervisor" for s in cfg.staff)


class TestErrors:
    def test_a_wrong_type_names_line_and_key(self) -> None:
        text = SAMPLE.replace("standard_minutes = 15", 'standard_minutes = "fifteen"')
        err = error_for(text)
        assert (err.line, err.key) == (line_of('standard_minutes = "fifteen"', text), "services[1].standard_minutes")
        assert str(err).startswith(f"khiw.toml:{err.line}: services[1].standard_minutes:")

    def test_a_misspelt_key_is_named(self) -> None:
        text = SAMPLE.replace("daily_cap = 40", "daily_capp = 40")
        err = error_for(text)
        assert (err.line, err.key, err.message) == (line_of("daily_capp", text), "services[3].daily_capp", "unknown key (misspelt?)")

    def test_a_counter_naming_an_unknown_service(self) -> None:
        text = SAMPLE.replace('services = ["BLD", "CMP", "TAX"]', 'services = ["BLD", "XYZ"]')
        err = error_for(text)
        assert err.key == "counters[3].services" and "XYZ" in err.message
        assert err.line == line_of('services = ["BLD", "XYZ"]', text)

    def test_a_duplicate_prefix(self) -> None:
        text = SAMPLE.replace('prefix = "C"', 'prefix = "A"')
        err = error_for(text)
        assert err.key == "services[2].prefix" and "duplicate" in err.message

    def test_broken_toml_syntax_names_the_line(self) -> None:
        text = SAMPLE.replace("[ticket]", "[ticket")
        err = error_for(text)
        assert err.line == line_of("[ticket", text)

    def test_a_missing_required_key_points_at_its_table(self) -> None:
        text = SAMPLE.replace('name_th = "งานทะเบียนราษฎร"\n', "")
        err = error_for(text)
        assert err.key == "services[1].name_th" and err.message == "Field required"
        assert err.line == line_of('code = "REG"', text) - 1  # the [[services]] header

    def test_a_staff_account_needs_exactly_one_secret(self) -> None:
        text = SAMPLE.replace('pin = "1111"', "")
        assert error_for(text).key == "staff[0]"
