"""Open-data dumps of the published argument graph: ``tables`` (what each table holds),
``export`` (Frictionless Data Package + JSON Lines + zip + checksum, ``manage.py
export_dataset``), ``restore`` (back into an empty database, ``manage.py import_dataset``),
``tasks`` (rebuilt by the task worker after publishing). Served at ``/data/``
(``articles/pages/data.py``)."""
