"""Commands registered here are added by their own issue's work (see README)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """No commands yet."""
