"""sample_data/ is exactly what `rlff generate` writes for the default scenario."""

from __future__ import annotations

from pathlib import Path

from rlff.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def test_sample_data_equals_a_fresh_generate(tmp_path, capsys):
    assert main(["generate", "--out", str(tmp_path)]) == 0
    fresh = sorted(p.name for p in tmp_path.iterdir())
    assert fresh == sorted(p.name for p in SAMPLE.iterdir()), "regenerate with `rlff generate --out sample_data`"
    for name in fresh:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), (
            f"sample_data/{name} is stale: regenerate with `rlff generate --out sample_data`"
        )
