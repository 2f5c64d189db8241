"""The package tree's layers (pyproject's import-linter contracts) hold, and a violation is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_layer_contract_is_kept():
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_the_contract_lists_every_subpackage_of_rlff():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    layered = {name.strip() for c in contracts for layer in c["layers"] for name in layer.split("|")}
    subpackages = {
        f"rlff.{p.stem if p.is_file() else p.name}"
        for p in (ROOT / "rlff").iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__init__")
    }
    assert subpackages <= layered, f"not in any layer: {sorted(subpackages - layered)}"


def test_a_metric_importing_a_chart_breaks_the_contract(tmp_path):
    for package in ("rlff", "rlff_app"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    periods = tmp_path / "rlff" / "metrics" / "periods.py"
    periods.write_text(periods.read_text() + "\nfrom rlff.charts import base as _upward  # noqa: E402,F401\n")
    run = _lint_imports(tmp_path)
    assert run.returncode != 0
    assert "BROKEN" in run.stdout
    assert "rlff.metrics.periods -> rlff.charts.base" in run.stdout
