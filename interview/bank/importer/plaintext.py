"""Plain-text helpers shared by every layout: markup stripping, telling
questions from other list items, titles, slugs and a guessed question kind."""

from __future__ import annotations

import html
import re
import unicodedata

from interview.bank.importer.rules import is_question

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_SHORTCODE = re.compile(r"(?<!\S):[a-z][a-z0-9_+\-]*:(?!\S)")  # :rocket:
_ANCHOR = re.compile(r"\s*\{#[^}\s]*\}")  # {#section-id}
_COUNT = re.compile(r"\s*[(\[]\s*\d+\s*[)\]]\s*$")  # "System Questions (37)"
_BEFORE_PUNCTUATION = re.compile(r"\s+([?!.,;:])(?=\s|$)")
# "1.", "1)", "Q1:", "Q:", "Question 3 -", "#12" at the start of a question.
_NUMBERING = re.compile(
    r"^\s*(?:(?:q(?:uestion)?\s*\d*\s*[:.)\-–]|\#?\d+\s*[.):\-–]|\#\d+)\s*)+", re.IGNORECASE
)
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
    text = _ANCHOR.sub("", _SHORTCODE.sub(" ", text))
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
    """A question or an interview prompt, not a note, a link or a heading
    (the rule in interview.bank.importer.rules)."""
    return is_question(text)


def section_tag(heading: str) -> str:
    """A section heading as a tag: its count ("(37)") left off, slugged."""
    return slug(_COUNT.sub("", heading), 40)


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
