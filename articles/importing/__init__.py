"""Importing expert commentaries from scraped plain text.

``parser`` turns a scraped page into a ``ParsedCommentary`` (pure Python, no
Django); ``service`` writes one into the database as a draft article.
"""
