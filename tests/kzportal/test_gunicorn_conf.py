"""kzportal/gunicorn.conf.py: what every worker does once the site is loaded."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "kzportal" / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_loaded_so_full_collections_skip_it():
    conf = runpy.run_path(str(CONF))
    gc.unfreeze()
    try:
        conf["post_worker_init"](worker=None)
        # Objects from startup (this test run's included) are out of every later collection.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
