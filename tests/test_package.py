"""The package's public names: each one is what its module defines, and never a module."""

import importlib
import pkgutil
import types

import pytest

import analysis


def test_no_public_name_is_also_a_module_name():
    modules = {info.name for info in pkgutil.iter_modules(analysis.__path__)}
    assert not modules & set(analysis.__all__)


@pytest.mark.parametrize("name", analysis.__all__)
def test_every_public_name_resolves_to_its_definition_even_after_all_modules_are_imported(name):
    for info in pkgutil.iter_modules(analysis.__path__):
        if info.name != "__main__":
            importlib.import_module(f"analysis.{info.name}")
    value = getattr(analysis, name)
    assert not isinstance(value, types.ModuleType)
    assert value is getattr(importlib.import_module(f"analysis.{analysis._EXPORTS[name]}"), name)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
        analysis.nonsense  # noqa: B018
