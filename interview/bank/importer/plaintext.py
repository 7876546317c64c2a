"""Plain-text helpers shared by every layout: markup stripping, telling
questions from other list items, titles, slugs and a guessed question kind."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_BEFORE_PUNCTUATION = re.compile(r"\s+([?!.,;:])(?=\s|$)")
# "1.", "1)", "Q1:", "Q:", "Question 3 -", "#12" at the start of a question.
_NUMBERING = re.compile(
    r"^\s*(?:(?:q(?:uestion)?\s*\d*\s*[:.)\-–]|\#?\d+\s*[.):\-–]|\#\d+)\s*)+", re.IGNORECASE
)
_URL = re.compile(r"https?://\S+")

_STARTERS = """how what why when where which who whom whose is are was were do does did can
    could would should will shall have has had may might must explain describe design implement
    write
    compare contrast tell walk give name list discuss define outline build suppose imagine given
    sketch estimate talk propose debug diagnose troubleshoot review critique justify
    in if"""
QUESTION_STARTERS = frozenset(_STARTERS.split())
# Section headings whose lists are about the document, not questions.
NON_QUESTION_SECTIONS = re.compile(
    r"^(table of )?contents?$|^toc$|^index$|^usage|^how to (use|contribute)|^install|"
    r"^contribut|^licen[cs]e|^links?$|^resources?$|^references?$|^credits?$|^acknowledg|"
    r"^about( this)?|^changelog|^see also|^further reading|^sponsors?|^support|^authors?$|"
    r"^getting started|^setup$|^prerequisites|^related",
    re.IGNORECASE,
)
TITLE_LIMIT = 90


def clean(text: str) -> str:
    """Tags dropped, entities decoded, whitespace collapsed, control characters removed."""
    text = html.unescape(_TAG.sub(" ", text))
    # Checking every character is slow: only when something other than
    # whitespace is unprintable (which is exactly the "C" categories).
    if not "".join(text.split()).isprintable():
        text = "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " "
                       for c in text)
    return _BEFORE_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", text)).strip()


def strip_numbering(text: str) -> str:
    stripped = _NUMBERING.sub("", text, count=1).strip()
    return stripped or text.strip()


def looks_like_question(text: str) -> bool:
    """A question or an interview prompt, not a note, a link or a heading."""
    words = text.split()
    if not words or _URL.fullmatch(text.strip()):
        return False
    if text.rstrip().endswith("?"):
        return len(words) >= 2
    first = words[0].lower().strip("*_`'\"([").rstrip(":,.")
    if len(words) < 4 or first not in QUESTION_STARTERS:
        return False
    # "How to install", "Is licensed under MIT" read as notes, not prompts.
    return not re.match(r"^(how to|is licensed|are welcome)\b", text, re.IGNORECASE)


def is_note_section(heading: str) -> bool:
    return bool(NON_QUESTION_SECTIONS.search(heading.strip(" #:")))


def title_for(text: str) -> str:
    """The question shortened to a one-line title at a word boundary."""
    one_line = _SPACE.sub(" ", text).strip()
    if len(one_line) <= TITLE_LIMIT:
        return one_line
    cut = one_line[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:-–")
    return f"{cut}…"


def slug(text: str, limit: int = 48) -> str:
    """Lowercase ASCII words joined by hyphens, at most `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or (words[0][:limit] if words else "")


def guess_kind(text: str) -> str | None:
    """design, behavioral, debugging or code-review from the wording, else None."""
    lowered = text.lower()
    if re.search(r"\b(tell me about a time|describe a (time|situation)|give an example of a"
                 r" time|have you ever|how have you|a time (when|you))\b", lowered):
        return "behavioral"
    if re.search(r"\b(review (this|the following|a) (code|pull request|pr|diff|change))\b",
                 lowered):
        return "code-review"
    if re.search(r"\b(debug|troubleshoot|diagnose|root cause|why (is|does|would) .{0,40}"
                 r"(slow|fail|crash|hang|leak))", lowered):
        return "debugging"
    if re.search(r"^(how would you )?(design|architect)\b|\bdesign (a|an|the)\b", lowered):
        return "design"
    return None
