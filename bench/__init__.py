"""Scale and speed benchmark of the site build (``make bench``); see ``bench/README.md``."""
