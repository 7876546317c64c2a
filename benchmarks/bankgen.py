"""A deterministic generator of realistic-looking question banks for benchmarks.

Titles and prompts are assembled from engineering subjects, actions and
constraints, with a long tail of rarer words (system, product and team names,
jargon, numbers) so the vocabulary grows with the bank the way a real one
does: Zipf-distributed, about 60,000 distinct words at 100,000 questions
(`distinct_words` counts them), many of them in titles, where search looks.
Nothing here is a real interview question; it only has the shape and word
statistics of one.

`write_bank` writes generated questions as a bank directory that
`interview.bank.loader.load_bank` accepts (search_bench.py times
`interview search` on one).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from interview.bank.model import Question

COMPETENCIES = (
    "coding-craft", "algorithms-data-structures", "debugging-diagnostics", "operating-systems",
    "networking", "databases-data", "concurrency-runtimes", "performance-engineering",
    "distributed-systems-design", "resilience-reliability", "api-design",
    "cloud-native-platforms", "security", "testing-ci-cd", "observability-incident-response",
    "technical-strategy", "execution-ownership", "communication-alignment",
    "collaboration-conflict", "mentorship-talent",
)
KINDS = ("design", "debugging", "technical", "behavioral", "code-review")
ROLES = ("software-engineer", "systems-developer")
LEVELS = ("mid", "senior", "staff", "senior-staff", "principal")

SUBJECTS = (
    "rate limiter", "URL shortener", "message queue", "distributed cache", "consistent hashing",
    "leader election", "write-ahead log", "B-tree index", "LSM tree compaction", "connection pool",
    "thread pool", "garbage collector pause", "memory leak", "file descriptor leak",
    "DNS resolution", "TLS handshake", "TCP retransmission", "load balancer", "service mesh",
    "feature flag service", "payment ledger", "notification fan-out", "search autocomplete",
    "news feed ranking", "chat presence service", "metrics pipeline", "log aggregation",
    "distributed tracing", "alert fatigue", "on-call rotation", "incident review",
    "schema migration", "read replica lag", "deadlock", "priority inversion", "lock-free queue",
    "event loop stall", "circuit breaker", "retry storm", "backpressure", "idempotency keys",
    "exactly-once delivery", "outbox pattern", "saga orchestration", "vector clocks",
    "CRDT counter", "Bloom filter", "count-min sketch", "skip list", "trie", "heap allocator",
    "page cache", "copy-on-write snapshots", "container scheduler", "Kubernetes autoscaler",
    "secrets rotation", "OAuth token refresh", "SQL injection fix", "threat model",
    "canary release", "flaky test suite", "CI pipeline", "build cache", "API versioning",
    "pagination cursor", "webhook delivery", "GraphQL gateway", "gRPC streaming",
    "p99 latency regression", "CPU profile", "cache stampede", "hot partition", "sharding key",
    "multi-region failover", "disaster recovery drill", "cost reduction", "build versus buy",
    "technical roadmap", "design doc review", "cross-team disagreement", "mentoring a new hire",
    "hiring bar", "project estimate", "missed deadline", "stakeholder alignment",
)
TITLE_TEMPLATES = (
    "Design a {s}", "Design a {s} for {c}", "Debugging a {s} in production", "Why the {s} fails",
    "Reviewing a hand-rolled {s}", "Explain how a {s} works", "Scaling a {s} to {n} users",
    "A {s} under {c}", "Choosing a {s} for {team}", "Migrating the {s} at {team}",
    "When the {s} goes wrong", "Trade-offs of a {s}", "{s} at {n} requests per second",
    "Leading the {s} rework", "Testing a {s}",
    # The long tail: the systems, products and jargon of one company.
    "Design a {s} for {w}", "Debugging {w} in the {s}", "The {w} {s} at {team}",
    "Why {w} overloads the {s}", "Replacing {w} with a {s}", "A {s} behind {w} and {w2}",
    "Migrating {w} off the {s}", "{w} {w2} and the {s}", "Explain {w} in a {s}",
    "Sizing the {s} for {w} {w2}",
)
CONSTRAINTS = (
    "heavy write load", "strict latency budgets", "a shrinking budget", "multi-tenant isolation",
    "flaky networks", "regional outages", "bursty traffic", "limited memory", "mobile clients",
    "regulatory limits", "tight deadlines", "legacy clients",
)
SENTENCES = (
    "Walk me through how you would approach the {s}.",
    "The team reports that the {s} misbehaves under {c}.",
    "Traffic peaks at about {n} requests per second and the p99 must stay under {m} ms.",
    "What would you measure first, and what would change your mind?",
    "Explain the trade-offs you would accept and the ones you would not.",
    "The {team} team owns the upstream service and ships twice a day.",
    "Assume {n} active users spread over {m} regions.",
    "How would you roll this out safely, and how would you know it worked?",
    "Describe the data model and the failure modes you would test for.",
    "A recent incident at {team} was traced back to the {s}.",
    "Which parts would you build, and which would you buy?",
    "Tell me about a time you had to make a similar call with incomplete information.",
    "It sits between {w} and {w2}, which the {team} team runs.",
    "Last quarter {w} replaced {w2} for most {s} traffic.",
    "Consider {w}, {w2} and the {s} together.",
    "The {w} dashboard shows {n} {w2} events an hour.",
)
SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ve", "zu", "pen", "dor", "qui", "sal", "bex", "nor")
# The long tail's words: pronounceable made-up terms ("brostel", "quandrix"), some
# inflected, so that near spellings exist as they do in English ("ledger", "ledgers").
_ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
           "z", "br", "cr", "dr", "fl", "gr", "pl", "st", "tr", "ch", "sh", "th", "qu", "sk")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "y")
_CODAS = ("", "", "n", "r", "s", "l", "x", "nd", "rt", "st", "m", "ck")
_ENDINGS = ("", "", "", "", "s", "ing", "er", "ed", "ix", "ly")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


class _Tail:
    """A Zipf-distributed pool of rare words, about as many as the bank has questions."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.rng = rng
        size = max(2000, count)
        words: dict[str, None] = {}
        while len(words) < size:
            word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                           for _ in range(rng.choice((1, 2, 2, 2, 3))))
            if len(word) >= 4:
                words[word + rng.choice(_ENDINGS)] = None
        self.words = list(words)
        self.weights = list(itertools.accumulate(1.0 / (rank + 20) for rank in range(size)))

    def __call__(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.weights)[0]


def _fill(template: str, rng: random.Random, subject: str, teams: list[str],
          tail: _Tail | None = None) -> str:
    return template.format(
        s=subject, c=rng.choice(CONSTRAINTS), team=rng.choice(teams),
        n=f"{rng.choice((1, 2, 5, 10, 20, 50))}{rng.choice(('k', 'M', '00k'))}",
        m=rng.choice((5, 10, 50, 100, 200)),
        w=tail() if tail else "", w2=tail() if tail else "",
    )


def distinct_words(questions: Iterable[Question]) -> int:
    """The bank's vocabulary: distinct words of titles, tags, competencies and prompts,
    normalised as search normalises them."""
    from rapidfuzz.utils import default_process

    words: set[str] = set()
    for question in questions:
        text = f"{question.title} {' '.join(question.tags)} {' '.join(question.competencies)}"
        words.update(default_process(text).split())
        words.update(default_process(question.prompt).split())
    return len(words)


def generate(count: int, seed: int = 7) -> list[Question]:
    return list(iter_questions(count, seed))


def iter_questions(count: int, seed: int = 7) -> Iterator[Question]:
    rng = random.Random(seed)
    teams = [_name(rng) for _ in range(max(50, count // 20))]
    tail = _Tail(rng, count)
    for index in range(count):
        subject = rng.choice(SUBJECTS)
        title = _fill(rng.choice(TITLE_TEMPLATES), rng, subject, teams, tail)
        title = title[0].upper() + title[1:]
        sentences = [_fill(rng.choice(SENTENCES), rng, subject, teams, tail)
                     for _ in range(rng.randint(3, 6))]
        levels = tuple(sorted(rng.sample(LEVELS, rng.randint(1, 2)), key=LEVELS.index))
        competency = rng.choice(COMPETENCIES)
        tags = tuple(dict.fromkeys(
            [subject.lower().replace(" ", "-"), *rng.sample(
                ["latency", "scaling", "storage", "queues", "caching", "security", "testing",
                 "leadership", "incident", "memory", "consistency", "migration"], 2)]))
        yield Question(
            id=f"gen-{index:06d}",
            title=title,
            kind=rng.choice(KINDS),
            roles=tuple(rng.sample(ROLES, rng.randint(1, 2))),
            levels=levels,
            competency=competency,
            minutes=rng.choice((15, 20, 25, 30, 45)),
            prompt=" ".join(sentences),
            tags=tags,
            draft=True,
            source="generated",
            line=index + 1,
        )


def generate_distinct(count: int, seed: int = 5, duplicate_share: float = 0.01) -> list[Question]:
    """Questions with varied prompts (Zipf-distributed words from a large made-up
    vocabulary), where `duplicate_share` of them are light rewordings of another:
    a realistic bank for near-duplicate detection, whose answer is mostly known."""
    rng = random.Random(seed)
    vocabulary = list(dict.fromkeys(
        _name(rng).lower() + rng.choice(("", "s", "ing", "er", "ed"))
        for _ in range(max(2000, count * 3))))
    function_words = ("the", "a", "of", "to", "and", "in", "you", "how", "would", "what", "we",
                      "is", "for", "that", "with", "on", "it", "your", "this", "team")
    cumulative = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(vocabulary))))
    questions: list[Question] = []
    for index in range(count):
        if questions and rng.random() < duplicate_share:
            words = rng.choice(questions).prompt.split()
            for _ in range(max(1, len(words) // 25)):  # reword about 4% of it
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        else:
            words = []
            for _ in range(rng.randint(40, 110)):
                if rng.random() < 0.35:
                    words.append(rng.choice(function_words))
                else:
                    words.extend(rng.choices(vocabulary, cum_weights=cumulative))
        title = " ".join(words[:6]).capitalize()
        questions.append(Question(
            id=f"dup-{index:06d}", title=title, kind="technical", roles=ROLES[:1],
            levels=("senior",), competency=rng.choice(COMPETENCIES), minutes=20,
            prompt=" ".join(words), draft=True, source="generated", line=index + 1,
        ))
    return questions


def write_bank(target: Path, questions: Iterable[Question], taxonomy: Path | None = None) -> Path:
    """Write `questions` as a bank under `target` (one file per competency, YAML
    flow mappings, which is JSON), with the bundled taxonomy unless `taxonomy`
    names another. The files' mtimes are set an hour back, or the bank cache
    would refuse to keep a bank changed in the last few seconds."""
    from interview.bank.locations import TAXONOMY_FILE, bundled_bank_dir

    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(taxonomy or bundled_bank_dir() / TAXONOMY_FILE, target / TAXONOMY_FILE)
    files: dict[str, list[str]] = {}
    for question in questions:
        fields = {
            "id": question.id, "title": question.title, "kind": question.kind,
            "roles": list(question.roles), "levels": list(question.levels),
            "minutes": question.minutes, "prompt": question.prompt,
            "tags": list(question.tags), "draft": question.draft,
        }
        if question.also:
            fields["also"] = list(question.also)
        files.setdefault(question.competency, []).append(
            "  - " + json.dumps(fields, ensure_ascii=False))
    past = time.time() - 3600
    for competency, lines in files.items():
        path = target / f"{competency}.yaml"
        path.write_text(f"competency: {competency}\nquestions:\n" + "\n".join(lines) + "\n",
                        encoding="utf-8")
    for path in target.iterdir():
        os.utime(path, (past, past))
    return target
