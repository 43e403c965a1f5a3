"""``fieldreg export``, ``fieldreg batches``, ``fieldreg receipt load``: the post side of batches."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Registered by cli/main.py; the commands are added as they are built."""
