"""Settings for ``make bench``: the production settings plus the benchmark's own endpoint.

``/bench/ping`` exists only with these URLs (``bench.urls``); production runs ``config.settings``,
whose URLs do not have it.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
