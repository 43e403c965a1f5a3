"""The usage examples opening each module's docstring actually run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "normalise", "tables", "profile", "person", "birth", "scoring", "blocking", "index",
           "signatures", "buckets", "crowd", "pairs"]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    module = importlib.import_module("fieldreg.dedup" if name == "__init__" else f"fieldreg.dedup.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
