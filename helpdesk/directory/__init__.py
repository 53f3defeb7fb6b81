"""The annexure's directory: its rows and aliases, the fuzzy lookup over them, the data-quality check and the import."""

__all__ = [
    "aliases",
    "check",
    "check_people",
    "findings",
    "import_rows",
    "lookup",
    "lookup_index",
    "lookup_keys",
    "normalise",
    "rows",
    "schema",
    "word_matching",
]
