"""What a step-by-step response is, once read from its file (see data/responses/README.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from helpdesk.responses.vocab import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Step:
    """One numbered step; with ``when`` it is shown only if one of those conditions holds."""

    text: str
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Translation:
    title: str
    steps: tuple[Step, ...]
    intro: str = ""
    outro: str = ""

    def parts(self) -> list[tuple[str, Step | None]]:
        """Every piece of text with where it sits, for checks that look at all of them."""
        pieces: list[tuple[str, Step | None]] = [("title", None)]
        if self.intro:
            pieces.append(("intro", None))
        pieces += [(f"step {number}", step) for number, step in enumerate(self.steps, 1)]
        if self.outro:
            pieces.append(("outro", None))
        return pieces

    def text_of(self, where: str, step: Step | None) -> str:
        return step.text if step is not None else getattr(self, where)


@dataclass(frozen=True)
class Rules:
    """Hints for suggestion: who the response is for, beyond its categories."""

    registration_paths: frozenset[str] = frozenset()  # helpdesk.emails path codes
    training_soon: bool = False  # most useful when the training is under 7 days away


@dataclass(frozen=True, eq=False)
class Response:
    id: str
    categories: tuple[str, ...]
    keywords: tuple[str, ...]
    translations: Mapping[str, Translation]  # always has "en"
    rules: Rules = field(default_factory=Rules)
    source: str = ""

    @property
    def title(self) -> str:
        return self.translations[DEFAULT_LANGUAGE].title

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.translations)

    def translation(self, language: str) -> tuple[str, Translation]:
        """The text in ``language``, or in English when there is none: (language used, text)."""
        if language in self.translations:
            return language, self.translations[language]
        return DEFAULT_LANGUAGE, self.translations[DEFAULT_LANGUAGE]

    def title_in(self, language: str) -> str:
        return self.translation(language)[1].title

    def summary(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "titles": {language: text.title for language, text in self.translations.items()},
            "categories": list(self.categories),
            "keywords": list(self.keywords),
            "languages": list(self.languages),
            "registration_paths": sorted(self.rules.registration_paths),
            "training_soon": self.rules.training_soon,
            "source": self.source,
        }


@dataclass(frozen=True)
class Problem:
    """Something `responses check` reports. ``blocking``: the file or text was left out."""

    source: str
    response_id: str | None
    message: str
    blocking: bool = True

    def __str__(self) -> str:
        where = f"{self.source} ({self.response_id})" if self.response_id else self.source
        kind = "error" if self.blocking else "warning"
        return f"{where}: {kind}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)
