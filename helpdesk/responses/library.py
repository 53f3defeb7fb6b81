"""The response library: the shipped step-by-step replies plus the desk's local additions.

Shipped responses live in data/responses/ inside the wheel; a desk can add its own in a
folder beside the user config (``$HELPDESK_RESPONSES``, else ``<config dir>/responses``).
Loading never fails on content: broken files are left out and reported by ``problems()``,
which is what ``helpdesk responses check`` prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rapidfuzz import process

from helpdesk import locations
from helpdesk.errors import InputError, NotFoundError
from helpdesk.responses.file_format import parse_response
from helpdesk.responses.model import Problem, Response, Rules, Step, Translation

__all__ = [
    "Problem", "Response", "ResponseLibrary", "Rules", "Step", "Translation",
    "default_extra_dir", "load_library",
]

EXTRA_DIR_ENV = "HELPDESK_RESPONSES"

# A reply in two languages is a few kilobytes; a file far bigger is not one (and would be
# read whole into memory on every start).
MAX_RESPONSE_FILE_BYTES = 256 * 1024


class ResponseLibrary:
    """Responses by id, in a stable order (shipped files by name, then local ones)."""

    def __init__(self, responses: Iterable[Response], problems: Iterable[Problem] = ()) -> None:
        self._by_id = {response.id: response for response in responses}
        self._problems = list(problems)

    def get(self, response_id: str) -> Response:
        found = self._by_id.get(response_id)
        if found is not None:
            return found
        close = process.extractOne(response_id, list(self._by_id), score_cutoff=60)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise NotFoundError(f"no response with id {response_id!r}{hint} "
                            "(`helpdesk responses list` shows them all)")

    def all(self) -> list[Response]:
        return list(self._by_id.values())

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def __contains__(self, response_id: object) -> bool:
        return response_id in self._by_id

    def __iter__(self) -> Iterator[Response]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


def shipped_dir() -> Traversable:
    return files("helpdesk.data").joinpath("responses")


def default_extra_dir() -> Path:
    """Where the desk keeps its own responses: $HELPDESK_RESPONSES, else beside the config file."""
    from_env = os.environ.get(EXTRA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return locations.config_path().parent / "responses"


def load_library(extra_dir: Path | None = None) -> ResponseLibrary:
    """The shipped responses plus those in ``extra_dir`` (if given and present).

    A local file whose id is already taken is reported and left out: a shipped reply is
    never silently replaced by a copy that may have drifted from the guidelines.
    """
    sources: list[tuple[str, str, str]] = []  # (source label, file stem, text)
    for entry in sorted(shipped_dir().iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".toml"):
            sources.append((f"responses/{entry.name}", entry.name[:-5],
                            entry.read_text(encoding="utf-8")))
    problems: list[Problem] = []
    if extra_dir is not None:
        sources += _read_extra(Path(extra_dir), problems)

    responses: dict[str, Response] = {}
    for source, stem, text in sources:
        response, found = parse_response(text, source, stem)
        problems += found
        if response is None:
            continue
        if response.id in responses:
            problems.append(Problem(source, response.id,
                                    f"duplicate id: {responses[response.id].source} already has "
                                    f"{response.id!r}; this file is left out", blocking=True))
            continue
        responses[response.id] = response
    return ResponseLibrary(responses.values(), problems)


def _read_extra(directory: Path, problems: list[Problem]) -> list[tuple[str, str, str]]:
    if not directory.exists():
        return []
    if not directory.is_dir():
        raise InputError(f"{directory} is not a folder of response files")
    found = []
    for path in sorted(directory.glob("*.toml")):
        try:
            if path.stat().st_size > MAX_RESPONSE_FILE_BYTES:
                problems.append(Problem(str(path), None, f"larger than {MAX_RESPONSE_FILE_BYTES // 1024} KB; "
                                        "a reply is a few kilobytes, so this file was not read"))
                continue
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(str(path), None, f"cannot read the file: {error}"))
            continue
        found.append((str(path), path.stem, text))
    return found
