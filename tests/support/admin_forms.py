"""Post an admin form as a browser would: read every field of the page's form, change some, post."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def _add(self, name, value):
        if name and "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = [name, ""]
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self._add(name, text[1:] if text.startswith("\n") else text)
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_data(page: str, form_id: str) -> dict:
    """The fields of ``<form id=form_id>`` as a browser would submit them."""
    reader = _FormReader(form_id)
    reader.feed(page)
    return {k: v if len(v) > 1 else v[0] for k, v in reader.data.items()}


def inline_rows(data: dict, prefix: str) -> list[dict]:
    """The rows of an inline formset in ``data``: {field: value} per row."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return [
        {key[len(f"{prefix}-{i}-"):]: value for key, value in data.items() if key.startswith(f"{prefix}-{i}-")}
        for i in range(total)
    ]
