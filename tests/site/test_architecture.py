"""The architecture of docs/architecture.md, checked: layers, module size, one access path."""

import os
import pathlib
import re
import subprocess
import sys
import tomllib

import pytest
from django.apps import apps

from cases.models.access import CourseScopedQuerySet

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUR_APPS = [
    "ipt_site",
    "exports",
    "supervision",
    "client_area",
    "groups",
    "sessions",
    "inventory",
    "measures",
    "cases",
    "accounts",
    "audit",
]
LINT_IMPORTS = pathlib.Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: pathlib.Path, config: pathlib.Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_keeps_every_import_contract_of_the_codebase():
    result = _lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr


def _contracts_on(tree: dict[str, str], tmp_path: pathlib.Path) -> subprocess.CompletedProcess:
    """Our own contracts (pyproject.toml) run over a small stand-in of the apps."""
    for name in OUR_APPS:
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    for path, source in tree.items():
        (tmp_path / path).write_text(source)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    lines = ["[importlinter]", "root_packages ="]
    lines += [f"    {name}" for name in config["root_packages"]]
    for contract in config["contracts"]:
        lines += ["", f"[importlinter:contract:{contract['id']}]", f"name = {contract['name']}"]
        lines.append(f"type = {contract['type']}")
        key = "layers" if contract["type"] == "layers" else "modules"
        lines.append(f"{key} =")
        lines += [f"    {entry}" for entry in contract[key]]
    (tmp_path / ".importlinter").write_text("\n".join(lines) + "\n")
    return _lint_imports(tmp_path, tmp_path / ".importlinter")


def test_it_fails_naming_the_import_when_a_lower_app_imports_a_higher_one(tmp_path):
    result = _contracts_on(
        {"sessions/models.py": "X = 1\n", "cases/wrong.py": "from sessions.models import X\n"},
        tmp_path,
    )
    assert result.returncode != 0
    assert "cases.wrong -> sessions.models" in result.stdout


def test_it_fails_when_one_feature_imports_its_sibling(tmp_path):
    result = _contracts_on(
        {"measures/models.py": "X = 1\n", "inventory/wrong.py": "import measures.models\n"},
        tmp_path,
    )
    assert result.returncode != 0
    assert "inventory.wrong -> measures.models" in result.stdout


def test_it_lets_a_higher_app_import_a_lower_one(tmp_path):
    result = _contracts_on(
        {"cases/models.py": "X = 1\n", "sessions/fine.py": "from cases.models import X\n"},
        tmp_path,
    )
    assert result.returncode == 0, result.stdout


def _our_modules():
    for app in OUR_APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _our_modules()
        if (n := len(path.read_text().splitlines())) > 400
    }
    assert long == {}, "split these by sub-topic (STYLE.md rule 9)"


def test_no_app_reaches_another_by_a_dynamic_import():
    """importlib.import_module("measures...") would hide an import from the contracts."""
    apps_named = "|".join(OUR_APPS)
    found = [
        str(path.relative_to(ROOT))
        for path in _our_modules()
        if re.search(rf"import_module\(\s*[\"'](?:{apps_named})\b", path.read_text())
    ]
    assert found == []


def test_no_module_is_a_grab_bag():
    names = {path.name for path in _our_modules()}
    assert not names & {"utils.py", "helpers.py", "misc.py", "common.py"}


def _course_path(model, depth: int = 0) -> str | None:
    """The forward foreign-key path from ``model`` to cases.Course, if any (two hops at most)."""
    course = apps.get_model("cases", "Course")
    for field in model._meta.get_fields():
        if not (field.many_to_one and field.concrete) or field.related_model is None:
            continue
        if field.related_model is course:
            return field.name
    if depth == 0:
        for field in model._meta.get_fields():
            if (
                field.many_to_one
                and field.concrete
                and field.related_model is not None
                and (rest := _course_path(field.related_model, 1)) is not None
            ):
                return f"{field.name}__{rest}"
    return None


COURSE_RECORDS = [
    model
    for model in apps.get_models()
    if model._meta.app_label in {"session_logs", "inventory", "measures", "supervision"}
    and _course_path(model) is not None
]


@pytest.mark.parametrize("model", COURSE_RECORDS, ids=lambda m: m._meta.label)
def test_every_record_of_a_course_is_read_through_the_course_scoped_queryset(model):
    queryset = model._default_manager.all()
    assert isinstance(queryset, CourseScopedQuerySet)
    assert queryset.course_path == _course_path(model)
