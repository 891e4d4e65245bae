"""The read-only open-data API under ``/api/v1/`` (Django REST Framework + drf-spectacular).

``http`` (caching, CORS, rate limit, pagination, JSON errors), ``serializers`` (the shape
of each resource), ``filters`` (the site's filters), ``views``, ``feeds`` (ClaimReview
DataFeed); its routes are the "api" block of ``articles/urls.py``. Public means what it means on the site: ``Article.objects.published()``
and ``Citation.objects.public()``.
"""
