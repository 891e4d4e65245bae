"""What readers see: one module per URL section (``/claims/`` → ``claims.py`` →
``templates/claims/`` → ``tests/articles/pages/test_claims.py``), each view beside
its query plan. ``base`` holds what pages share; ``jsonld`` every structured-data
builder; ``filters`` the list filters (``facets`` the commentary list's counted
choices); ``feeds`` and ``sitemaps`` the machine-read pages.
"""
