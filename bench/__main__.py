"""``python -m bench``: see :mod:`bench.harness`."""
import sys

from .harness import main

sys.exit(main())
