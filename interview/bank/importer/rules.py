"""What counts as a question, in one place for every layout.

`why_not_a_question` is the rule: a text is a question when it ends in `?`
(at least two words), or starts like an interview prompt ("Explain",
"Describe", "Walk me through", "Design", "Tell me about a time", "How would
you", "What would you", "Compare", "Implement", "Write" and the other
starters below) with at least four words, or is "Label: <a question>". Anything
else is not, and the rule says why. A heading is a question when its text is,
or when the paragraph below it is a prompt by `is_prompt` (the same rule, but
"Have fun ..." or "If you like it ..." without a `?` do not count there).

Difficulty marks are taken off before the rule is applied and become a tag,
one scheme for every layout: `*` / `**` / `***` (alone, before or after the
text) and the words easy, medium and hard in brackets ("[easy]", "(medium)"),
after a separator ("- hard", "| hard") or as a leading label ("Hard:") become
the tags `easy`, `medium` and `hard`.
"""

from __future__ import annotations

import re

_STARTERS = """how what why when where which who whom whose is are was were do does did can
    could would should will shall have has had may might must explain describe design implement
    write compare contrast tell walk give name list discuss define outline build suppose imagine
    given sketch estimate talk propose debug diagnose troubleshoot review critique justify in if
    share recall introduce summarise summarize solve calculate reverse merge detect convert
    identify analyse analyze demonstrate illustrate elaborate differentiate distinguish prove
    evaluate optimise optimize refactor"""
QUESTION_STARTERS = frozenset(_STARTERS.split())
_URL = re.compile(r"https?://\S+")
_NOT_PROMPTS = re.compile(
    r"^(how to\b|is licensed|are welcome|if you (like|find|enjoy|want|have)|in this "
    r"(repo|repository|list|document|guide|page)|give (it )?a star|list of\b)", re.IGNORECASE)
_LABEL = re.compile(r"^[^:?]{1,40}:\s+(?=\S)")

LEVELS = {1: "easy", 2: "medium", 3: "hard"}
_WORD = r"(easy|medium|hard)"
_MARKS = [
    re.compile(rf"\s*[\[(]\s*{_WORD}\s*[\])]\s*$", re.IGNORECASE),
    re.compile(rf"^\s*[\[(]\s*{_WORD}\s*[\])]\s*", re.IGNORECASE),
    re.compile(rf"\s+[-–—|]\s*{_WORD}\s*$", re.IGNORECASE),
    re.compile(rf"^\s*{_WORD}\s*[:\-–—|]\s+", re.IGNORECASE),
]
_STARS = [re.compile(r"\s*(?<![*\w])(\*{1,3})\s*$"), re.compile(r"^\s*(\*{1,3})(?![*\w])\s*")]


def split_difficulty(text: str) -> tuple[str, str | None]:
    """The text without its difficulty mark, and the mark as easy/medium/hard."""
    for pattern in _MARKS:
        match = pattern.search(text)
        if match and (rest := (text[:match.start()] + text[match.end():]).strip()):
            if match.start() == 0:
                rest = rest[0].upper() + rest[1:]  # "Hard: tell me ..." -> "Tell me ..."
            return rest, match.group(1).lower()
    for pattern in _STARS:
        match = pattern.search(text)
        if match and (rest := (text[:match.start()] + text[match.end():]).strip()):
            return rest, LEVELS[len(match.group(1))]
    return text, None


def why_not_a_question(text: str) -> str | None:
    """None when `text` is a question or an interview prompt, else the reason it is not."""
    text = split_difficulty(text)[0].strip()
    words = text.split()
    if not words:
        return "empty"
    if _URL.fullmatch(text):
        return "a bare link"
    if text.endswith("?"):
        return None if len(words) >= 2 else "a single word"
    first = words[0].lower().strip("*_`'\"([").rstrip(":,.")
    first = re.split(r"['’]", first)[0]  # "What's", "How'd"
    if first in QUESTION_STARTERS and len(words) >= 4 and not _NOT_PROMPTS.match(text):
        return None
    label = _LABEL.match(text)
    if label and why_not_a_question(text[label.end():]) is None:
        return None  # "Teamwork: tell me about a time ..."
    if first in QUESTION_STARTERS and len(words) < 4:
        return "too short to be a prompt"
    return "no question mark and not worded as a prompt"


def is_question(text: str) -> bool:
    return why_not_a_question(text) is None


# Starters that open statements as often as questions ("Have fun", "If you like
# it"): without a question mark they do not make a heading's paragraph a prompt.
_STATEMENTS = """is are was were do does did can could would should will shall have has had
    may might must in if when where which who whom whose"""
_STATEMENT_STARTERS = frozenset(_STATEMENTS.split())


def is_prompt(paragraph: str) -> bool:
    """The body of a heading that asks: a question by the rule that ends in `?`
    or opens with a prompt's verb ("Explain", "Design", "How would you")."""
    text = split_difficulty(paragraph)[0].strip()
    if why_not_a_question(text) is not None:
        return False
    first = re.split(r"['’]", text.split()[0].lower().strip("*_`'\"(["))[0]
    return text.endswith("?") or first not in _STATEMENT_STARTERS
