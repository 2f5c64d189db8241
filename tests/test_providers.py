"""Text pools (rlff.simulation.providers): a reused, reseeded Faker draws exactly what a fresh one does."""

from __future__ import annotations

import threading

import pytest

from rlff.simulation import providers
from rlff.simulation.providers import _build_pools, make_faker, text_pools

CASES = [("en", 0, "Brioche & Co", "", 12), ("fr", 7, "Chez Paul", "", 3), ("en", 7, "Acme", "Jo Doe", 0)]


def _fresh(lang: str, seed: int, brand: str, cm_name: str, ring_size: int) -> providers.TextPools:
    return _build_pools(make_faker(lang, seed), lang, brand, cm_name, ring_size)


@pytest.mark.parametrize("order", [CASES, CASES[::-1], [*CASES, *CASES]])
def test_pools_equal_a_fresh_fakers_in_any_order(order):
    for case in order:
        assert text_pools.__wrapped__(*case) == _fresh(*case)


def test_pools_built_in_parallel_threads_equal_a_fresh_fakers():
    results: dict[int, list] = {}

    def build(i: int) -> None:
        results[i] = [text_pools.__wrapped__(*case) for case in CASES]

    threads = [threading.Thread(target=build, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [_fresh(*case) for case in CASES]
    assert all(built == expected for built in results.values())
