"""Checks of the built site as a reader and a crawler meet it.

``python -m tools.check_site`` (``make check-site``) runs, on ``site/``:

- ``links``: every internal ``href``/``src`` of every page resolves to a file, every
  ``#fragment`` to an id on the target page; the sitemap lists every page under
  ``site_url``; every page has a title, a description and its sharing (Open Graph) tags;
- ``html``: the Nu Html Checker on one page of each page type, less a documented allow-list;
- ``axe``: axe-core in Chromium on one page of each page type, light and dark scheme.

Modules: ``pages`` (find pages and page types), ``serve`` (the site on a loopback port),
``links``, ``vnu``, ``axe``, ``lighthouse``; ``__main__`` wires them together.
"""
