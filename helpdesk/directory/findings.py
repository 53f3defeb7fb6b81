"""A flaw of the directory, as ``directory check`` reports it and lookup matches carry it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

# "error": the row's contact details contradict each other; "warning": the agent could be
# misled; "info": worth knowing, routing is unaffected.
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    positions: tuple[int, ...]
    message: str
    lookup_action: str

    def to_dict(self) -> dict:
        return asdict(self)


def warnings_by_position(findings: list[Finding]) -> dict[int, list[str]]:
    """The message of every finding, filed under each row it touches."""
    by_position: dict[int, list[str]] = defaultdict(list)
    for finding in findings:
        for position in finding.positions:
            by_position[position].append(finding.message)
    return dict(by_position)
