"""Participants and broken response files shared by the response tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpdesk.emails import MDO_APPROVAL, SELF_REGISTRATION
from helpdesk.responses.render import ResponseContext

TODAY = date(2026, 11, 23)  # a Monday

GOVERNMENT = dict(
    participant_name="Ravi Kumar",
    email="ravi.kumar@mha.gov.in",
    registration_path=SELF_REGISTRATION,
    ministry="D/o Home",
    rep_name="Pawan Pathak",
    rep_email="pawankpathak.kb@karmayogi.in",
    rep_mobile="8595675447",
)
NON_GOVERNMENT = dict(
    participant_name="आशा वर्मा",
    email="asha.verma@gmail.com",
    registration_path=MDO_APPROVAL,
    ministry="D/o Posts",
    rep_name="Priyamvada Pallavi",
    rep_email="priyamvadapallavi.kb@karmayogi.in",
    rep_mobile="9315718261",
)
PARTICIPANTS = {"government": GOVERNMENT, "non-government": NON_GOVERNMENT}


def context(participant: dict | None = None, *, training: date | None = None,
            language: str = "en", today: date = TODAY, **extra) -> ResponseContext:
    values = {"next_opening_text": "Tue 24 Nov 2026, 09:00 IST", **(participant or {}), **extra}
    return ResponseContext(today=today, training_date=training, language=language, **values)


GOOD_LOCAL = '''
id = "local-only-english"
categories = ["other"]
keywords = ["local reply"]

[en]
title = "A local reply in English only"
intro = "Hello {participant_name},"
steps = ["Watch the video guide: {video_url}"]
'''

BROKEN_FILES = {
    "unknown-placeholder.toml": '''
id = "unknown-placeholder"
categories = ["otp"]
keywords = ["x"]
[en]
title = "Typo in a placeholder"
steps = ["Hello {participant_nmae}"]
[hi]
title = "प्लेसहोल्डर में त्रुटि"
steps = ["नमस्ते {participant_name}"]
''',
    "certificate-copy.toml": '''
id = "certificate"
categories = ["certificate"]
keywords = ["x"]
[en]
title = "A second certificate reply"
steps = ["Copy."]
[hi]
title = "प्रमाणपत्र"
steps = ["प्रति।"]
''',
    "empty-steps.toml": '''
id = "empty-steps"
categories = ["other"]
keywords = ["x"]
[en]
title = "No steps at all"
steps = []
''',
    "blank-step.toml": '''
id = "blank-step"
categories = ["other"]
keywords = ["x"]
[en]
title = "One blank step"
steps = ["First.", "   "]
''',
    "malformed.toml": '''
id = "malformed"
categories = ["other"
[en]
title = "Broken TOML"
''',
    "unknown-category.toml": '''
id = "unknown-category"
categories = ["otp", "lunch"]
keywords = ["x"]
[en]
title = "Unknown category"
steps = ["Step."]
''',
    "bad-hindi.toml": '''
id = "bad-hindi"
categories = ["other"]
keywords = ["x"]
[en]
title = "Hindi with a broken placeholder"
steps = ["Open {signup_url}"]
[hi]
title = "टूटा हुआ हिंदी पाठ"
steps = ["{signup_link} खोलें"]
''',
    "unguarded-date.toml": '''
id = "unguarded-date"
categories = ["other"]
keywords = ["x"]
[en]
title = "Date without a condition"
steps = ["Register by {register_by}."]
''',
    "unknown-condition.toml": '''
id = "unknown-condition"
categories = ["other"]
keywords = ["x"]
[en]
title = "Unknown condition"
steps = ["Always.", { when = "soon-ish", text = "Hurry." }]
''',
}


def write_files(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
