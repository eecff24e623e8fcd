"""The package's layout and public names: every name at ``analysis.<name>`` is what its family
defines, never a module, whatever was imported before; families are subpackages."""

import importlib
import pkgutil
import subprocess
import sys
import types

import pytest

import analysis

FAMILIES = ["corpus", "keyterms", "sentiment", "topics", "discourse", "plots"]


def _public_names():
    modules = {info.name for info in pkgutil.iter_modules(analysis.__path__)}
    return [name for name in analysis.__all__ if name not in modules]


def _import_everything():
    for info in pkgutil.walk_packages(analysis.__path__, prefix="analysis."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)


def test_the_families_are_subpackages():
    for family in FAMILIES:
        assert hasattr(importlib.import_module(f"analysis.{family}"), "__path__"), family


@pytest.mark.parametrize("name", _public_names())
def test_every_public_name_is_its_definition_even_after_all_modules_are_imported(name):
    _import_everything()
    value = getattr(analysis, name)
    assert not isinstance(value, types.ModuleType)
    assert value.__module__.startswith("analysis.")
    assert getattr(importlib.import_module(value.__module__), name) is value


@pytest.mark.parametrize("family", FAMILIES[:-1])
def test_a_family_exports_functions_not_the_modules_named_after_them(family):
    _import_everything()
    package = importlib.import_module(f"analysis.{family}")
    for name in package.__all__:
        assert not isinstance(getattr(package, name), types.ModuleType), f"{family}.{name}"


def test_importing_the_package_loads_no_family():
    code = "import sys, analysis; print(sorted(m for m in sys.modules if m[:9] == 'analysis.'))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="nonsense"):
        analysis.nonsense  # noqa: B018
