"""The canned step-by-step replies: the library in data/responses, its file format, suggestion for a ticket and rendering for a participant."""

__all__ = [
    "dates",
    "file_format",
    "library",
    "model",
    "render",
    "reply_context",
    "suggest",
    "vocab",
]
