"""Settings for ``make bench``: the production settings plus the benchmark's own endpoint.

``/bench/ping`` exists only with these settings (``BENCH_ENDPOINTS``); production runs
``portal.settings``, whose URLs do not have it.
"""

from portal.settings import *  # noqa: F403

BENCH_ENDPOINTS = True
ROOT_URLCONF = "bench.urls"
