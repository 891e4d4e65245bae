"""Turning stored text into reader HTML: Markdown (``markdown``), cited passages and
source markers marked on it (``highlight``), and the server-drawn SVG visuals (``svg``).
Pure functions of their inputs: nothing here queries the database."""
