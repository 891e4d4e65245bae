"""
Images: an article's lead image, author portraits and actor images, and the
generated social card of an article without an image.

- ``models``: ``ArticleImage``, ``AuthorPortrait``, ``ActorImage`` (one each,
  optional), each with alt text, caption and credit, required with the image;
  the ``actors`` app knows nothing of them (the relation points from here);
- ``processing``: validation (type by content, bytes, pixels) and resized
  renditions (Pillow, made once on upload, stored beside the original in the
  default storage: local ``KZ_MEDIA_ROOT`` or an S3-compatible bucket);
- ``cards``: the 1200×630 PNG card (title, publication, date) in the bundled
  DejaVu fonts (Bitstream Vera licence, ``fonts/LICENSE-DejaVu.txt``);
- ``admin``: the inlines on the article, author and actor forms.
"""
