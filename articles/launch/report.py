"""What a load of the launch dataset did (or, on a dry run, would do), for the command's output."""

from collections import Counter
from dataclasses import dataclass, field

from .dataset import KINDS

# Rows created only together with a new parent; reported as created.
PARTS = ("aliases", "contributions", "comments", "citations", "source markers")


@dataclass
class LoadReport:
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    edited: Counter = field(default_factory=Counter)
    edited_objects: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether this load wrote (or, on a dry run, would write) new objects."""
        return any(self.created.values())

    def summary(self) -> str:
        created = sum(self.created[k] for k in KINDS)
        parts = sum(self.created[k] for k in PARTS)
        verb = "would create" if self.dry_run else "created"
        text = (
            f"Launch content: {verb} {created} objects"
            + (f" (+{parts} aliases, contributions, comments, citations and markers)" if parts else "")
            + f", {sum(self.unchanged.values())} unchanged, {sum(self.edited.values())} kept as edited"
        )
        return text + (" (dry run: nothing written)." if self.dry_run else ".")

    def lines(self) -> list[str]:
        """One line per kind: created / unchanged / kept as edited."""
        out = []
        for kind in KINDS:
            out.append(
                f"  {kind:<13} created {self.created[kind]:>3}, unchanged {self.unchanged[kind]:>3}, "
                f"kept as edited {self.edited[kind]:>3}"
            )
        for kind in PARTS:
            if self.created[kind]:
                out.append(f"  {kind:<13} created {self.created[kind]:>3}")
        return out
