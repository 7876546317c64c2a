"""Calibration measures against worked examples computed by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from interview.practice.domain import Grade, PlannedQuestion
from interview.practice.interviewing import QuestionScore, Scorecard, ScorecardStatus
from interview.reports.calibration import (
    SPLIT,
    CompetencyCalibration,
    GradePair,
    InterviewerSeverity,
    QuestionDisagreement,
    calibration_sentence,
    interviewer_graded,
    interviewer_severity,
    mean_gap,
    question_disagreement,
    self_calibration,
    self_grade_pairs,
    weighted_kappa,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def question(qid: str, grade: int | None = None, *, competency: str = "design",
             self_grade: int | None = None, not_asked: bool = False) -> QuestionScore:
    return QuestionScore(
        position=0, item=PlannedQuestion(qid, competency, 600),
        grade=Grade(grade) if grade is not None else None, not_asked=not_asked,
        self_grade=Grade(self_grade) if self_grade is not None else None)


def card(card_id: int, interviewer: str, questions: Sequence[QuestionScore], *,
         candidate: str = "cam", started: datetime = T0, submitted: bool = True) -> Scorecard:
    """A scorecard whose questions take positions 0, 1, ... in the order given."""
    return Scorecard(
        id=card_id, candidate=candidate, interviewer=interviewer, plan_id="plan",
        plan_title="Plan", role="software-engineer", level="senior", started_at=started,
        questions=tuple(replace(q, position=n) for n, q in enumerate(questions)),
        status=ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.IN_PROGRESS,
        submitted_at=started + timedelta(hours=1) if submitted else None)


# -- weighted kappa ------------------------------------------------------------

# Ten pairs (first rater, second rater), as a table of counts:
#
#            b=1  b=2  b=3  b=4 | rows
#     a=1     1    1    0    0  |  2
#     a=2     1    1    1    0  |  3
#     a=3     0    0    2    1  |  3
#     a=4     0    0    1    1  |  2
#     cols    2    2    4    2  | 10
#
# Observed disagreement: five pairs one point apart, so sum (a-b)^2 = 5 and
# the mean is 5/10 = 0.5.
# Expected (independent raters) = sum over cells of row_i x col_j x (i-j)^2 / 10^2:
#   a=1: 2 x (0x2 + 1x2 + 4x4 + 9x2) = 2 x 36 = 72
#   a=2: 3 x (1x2 + 0x2 + 1x4 + 4x2) = 3 x 14 = 42
#   a=3: 3 x (4x2 + 1x2 + 0x4 + 1x2) = 3 x 12 = 36
#   a=4: 2 x (9x2 + 4x2 + 1x4 + 0x2) = 2 x 30 = 60
#   total 210, mean 210/100 = 2.1
# kappa = 1 - 0.5/2.1 = 1 - 5/21 = 16/21 = 0.7619
TABLE = [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 3), (3, 3), (3, 4), (4, 3), (4, 4)]


def test_kappa_of_the_worked_table() -> None:
    kappa = weighted_kappa(TABLE)
    assert kappa == pytest.approx(16 / 21)
    assert kappa is not None and round(kappa, 4) == 0.7619
    # Row grades sum to 1x2 + 2x3 + 3x3 + 4x2 = 25, column grades to
    # 1x2 + 2x2 + 3x4 + 4x2 = 26: mean gap (25 - 26)/10 = -0.1.
    assert mean_gap(TABLE) == pytest.approx(-0.1)


def test_one_pair_moves_kappa_far_in_a_small_sample() -> None:
    # (4,4) -> (4,1): observed sum 5 + 9 = 14, mean 1.4. Column totals become
    # 3, 2, 4, 1; expected sums 2x27 + 3x11 + 3x15 + 2x39 = 210, mean 2.1 again.
    # kappa = 1 - 1.4/2.1 = 1/3.
    assert weighted_kappa([*TABLE[:-1], (4, 1)]) == pytest.approx(1 / 3)
    # The table three times (30 pairs) with one such change: observed 15 + 9 =
    # 24, mean 0.8; rows 6, 9, 9, 6, columns 7, 6, 12, 5; expected
    # 6x99 + 9x39 + 9x39 + 6x99 = 1890, mean 1890/900 = 2.1.
    # kappa = 1 - 0.8/2.1 = 13/21 = 0.6190.
    assert weighted_kappa([*(TABLE * 3)[:-1], (4, 1)]) == pytest.approx(13 / 21)


def test_kappa_is_the_same_whichever_rater_comes_first() -> None:
    assert weighted_kappa([(b, a) for a, b in TABLE]) == pytest.approx(16 / 21)


def test_perfect_agreement_is_one() -> None:
    assert weighted_kappa([(1, 1), (2, 2), (3, 3), (4, 4), (3, 3)]) == 1.0


def test_systematic_leniency_gives_a_gap_of_one_and_kappa_below_one() -> None:
    # Observed: every pair 1 apart, sum (a-b)^2 = 3, mean 1.
    # Rows a=2,3,4 and cols b=1,2,3 once each; expected sum of (a-b)^2 over
    # all 9 combinations: a=2: 1+0+1 = 2, a=3: 4+1+0 = 5, a=4: 9+4+1 = 14,
    # total 21, mean 21/9 = 7/3. kappa = 1 - 1/(7/3) = 4/7 = 0.5714.
    pairs = [(2, 1), (3, 2), (4, 3)]
    assert mean_gap(pairs) == 1.0
    assert weighted_kappa(pairs) == pytest.approx(4 / 7)


def test_a_three_point_miss_costs_more_than_a_one_point_miss() -> None:
    agreed = [(1, 1), (2, 2), (3, 3), (4, 4)]
    near = weighted_kappa([*agreed, (1, 2)])
    far = weighted_kappa([*agreed, (1, 4)])
    assert near is not None and far is not None
    assert far < near < 1.0


def test_kappa_is_undefined_without_pairs_or_without_expected_disagreement() -> None:
    assert weighted_kappa([]) is None
    # Both raters always say 3: expected disagreement is 0, so 0/0.
    assert weighted_kappa([(3, 3), (3, 3), (3, 3)]) is None


def test_one_constant_rater_gives_kappa_zero() -> None:
    # a is always 3; b is 2, 3, 4. Observed sum (a-b)^2 = 1 + 0 + 1 = 2,
    # mean 2/3; expected = (1 + 0 + 1)/3 = 2/3 too, so kappa = 1 - 1 = 0:
    # no better than chance, but defined.
    assert weighted_kappa([(3, 2), (3, 3), (3, 4)]) == 0.0


@pytest.mark.parametrize("pair", [(5, 3), (3, 0)])
def test_a_grade_outside_the_categories_is_refused(pair: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="not one of"):
        weighted_kappa([(2, 2), pair])


def test_mean_gap_is_first_minus_second() -> None:
    assert mean_gap([]) is None
    # (4 - 2) + (1 - 2) = 2 - 1 = 1, over 2 pairs: 0.5
    assert mean_gap([(4, 2), (1, 2)]) == 0.5


# -- self-calibration ----------------------------------------------------------

SELF_CARDS = [
    # Later interview, lower id: ordering is by start time first.
    card(1, "ann", [question("q3", 1, self_grade=3), question("q4", 2, self_grade=2),
                    question("q5", 2, competency="coding", self_grade=4),
                    question("q6", 3)],  # no self grade: not a pair
         started=T0 + timedelta(days=1)),
    card(2, "bob", [question("q1", 3, self_grade=4),
                    question("q2", 3, competency="coding", self_grade=3),
                    question("q7", None, self_grade=2)],  # not graded yet: not a pair
         started=T0, submitted=False),  # in progress still counts
]


def test_self_grade_pairs_takes_every_card_in_interview_order() -> None:
    pairs = self_grade_pairs(SELF_CARDS)
    assert [(p.scorecard_id, p.competency, p.self_grade, p.interviewer_grade)
            for p in pairs] == [
        (2, "design", 4, 3), (2, "coding", 3, 3),
        (1, "design", 3, 1), (1, "design", 2, 2), (1, "coding", 4, 2)]
    assert pairs[0] == GradePair("design", T0, 4, 3, 2)
    assert pairs[2].at == T0 + timedelta(days=1)


def test_self_calibration_per_competency_and_overall() -> None:
    # all: (4,3) (3,3) | (3,1) (2,2) (4,2); gaps 1, 0 | 2, 0, 2.
    #   mean gap 5/5 = 1.0; trend per card: (1+0)/2 = 0.5, (2+0+2)/3 = 4/3.
    #   kappa: self counts {2:1, 3:2, 4:2}, interviewer {1:1, 2:2, 3:2};
    #   observed sum (a-b)^2 = 1+0+4+0+4 = 9, x n=5 -> 45;
    #   expected sum row x col x (i-j)^2: a=2: 1x(1x1 + 0 + 1x2) = 3,
    #   a=3: 2x(4x1 + 1x2 + 0) = 12, a=4: 2x(9x1 + 4x2 + 1x2) = 38 -> 53;
    #   kappa = 1 - 45/53 = 8/53 = 0.1509.
    # coding: (3,3) (4,2); gaps 0, 2 -> 1.0; trend (0.0, 2.0).
    #   observed 0+4 = 4, x2 -> 8; expected over {3,4} x {2,3}: 1+0+4+1 = 6;
    #   kappa = 1 - 8/6 = -1/3 (worse than chance).
    # design: (4,3) | (3,1) (2,2); gaps 1 | 2, 0 -> 1.0; trend (1.0, 1.0).
    #   observed 1+4+0 = 5, x3 -> 15; expected over {2,3,4} x {1,2,3}:
    #   (1+0+1) + (4+1+0) + (9+4+1) = 21; kappa = 1 - 15/21 = 2/7 = 0.2857.
    found = self_calibration(self_grade_pairs(SELF_CARDS))
    assert [c.competency for c in found] == ["all", "coding", "design"]
    overall, coding, design = found
    assert (overall.pairs, overall.mean_gap) == (5, 1.0)
    assert overall.kappa == pytest.approx(8 / 53)
    assert overall.trend == pytest.approx((0.5, 4 / 3))
    assert replace(coding, kappa=None) == CompetencyCalibration("coding", 2, 1.0, None, (0.0, 2.0))
    assert coding.kappa == pytest.approx(-1 / 3)
    assert (design.pairs, design.mean_gap, design.trend) == (3, 1.0, (1.0, 1.0))
    assert design.kappa == pytest.approx(2 / 7)


def test_self_calibration_of_nothing_is_empty() -> None:
    assert self_calibration([]) == []
    assert self_calibration(self_grade_pairs([card(1, "ann", [question("q1", 3)])])) == []


# -- interviewer severity ------------------------------------------------------

PANEL = [
    # ann graded cam's q1 twice: the card started later (id 1, grade 2)
    # replaces the earlier one (id 2, grade 4).
    card(1, "ann", [question("q1", 2), question("q2", 3)], started=T0 + timedelta(hours=2)),
    card(2, "ann", [question("q1", 4)], started=T0),
    card(3, "bob", [question("q1", 3), question("q2", 3), question("q9", not_asked=True)]),
    card(4, "cy", [question("q1", 4)]),
    card(5, "ann", [question("q1", 1)], candidate="dee"),
    card(6, "bob", [question("q1", 3)], candidate="dee"),
    card(7, "cy", [question("q1", 2)], candidate="dee"),
    card(8, "dan", [question("q1", 1)], submitted=False),  # in progress: ignored
    card(9, "eve", [question("q1", 4)], candidate="fay"),  # nobody else on fay: left out
]


def test_severity_is_the_leave_one_out_deviation() -> None:
    # cam q1: ann 2, bob 3, cy 4    cam q2: ann 3, bob 3    dee q1: ann 1, bob 3, cy 2
    # ann: 2 - (3+4)/2 = -1.5;  3 - 3 = 0;  1 - (3+2)/2 = -1.5  -> -3/3 = -1.0
    # bob: 3 - (2+4)/2 = 0;     3 - 3 = 0;  3 - (1+2)/2 = 1.5   -> 1.5/3 = 0.5
    # cy:  4 - (2+3)/2 = 1.5;               2 - (1+3)/2 = 0     -> 1.5/2 = 0.75
    assert interviewer_severity(PANEL) == [
        InterviewerSeverity("ann", 3, 2, -1.0),
        InterviewerSeverity("bob", 3, 2, 0.5),
        InterviewerSeverity("cy", 2, 2, 0.75),
    ]


def test_severity_ties_are_ordered_by_name() -> None:
    cards = [card(1, "zed", [question("q1", 3)]), card(2, "abe", [question("q1", 3)])]
    assert [(s.interviewer, s.severity) for s in interviewer_severity(cards)] == [
        ("abe", 0.0), ("zed", 0.0)]


def test_severity_needs_a_shared_submitted_question() -> None:
    assert interviewer_severity([card(1, "ann", [question("q1", 1)]),
                                 card(2, "bob", [question("q2", 4)])]) == []
    assert interviewer_severity([card(1, "ann", [question("q1", 1)]),
                                 card(2, "bob", [question("q1", 4)], submitted=False)]) == []


# -- question disagreement -----------------------------------------------------

def test_disagreement_counts_panels_two_or_more_points_apart() -> None:
    # q1: cam 2 vs 4 (spread 2, split), dee 1 vs 3 (split)      -> 2/2 = 1.0
    # q3: cam 1 vs 2 (spread 1, not split), dee 1 vs 4 (split)  -> 1/2 = 0.5
    # q2: cam 3 vs 3 (spread 0); dee only cy graded it          -> 0/1 = 0.0
    # q4: only ann graded it: no panel, left out. dan's in-progress 1 on
    # cam q2 would make it a split if it counted.
    cards = [
        card(1, "ann", [question("q1", 2), question("q2", 3), question("q3", 1),
                        question("q4", 4)]),
        card(2, "bob", [question("q1", 4), question("q2", 3), question("q3", 2)]),
        card(3, "ann", [question("q1", 1), question("q3", 1)], candidate="dee"),
        card(4, "bob", [question("q1", 3), question("q3", 4)], candidate="dee"),
        card(5, "cy", [question("q2", 4)], candidate="dee"),
        card(6, "dan", [question("q2", 1)], submitted=False),
    ]
    found = question_disagreement(cards)
    assert found == [QuestionDisagreement("q1", 2, 2), QuestionDisagreement("q3", 2, 1),
                     QuestionDisagreement("q2", 1, 0)]
    assert [d.rate for d in found] == [1.0, 0.5, 0.0]
    assert SPLIT == 2


def test_disagreement_ties_go_to_more_splits_then_to_the_id() -> None:
    # qa split on cam only (1/1), qb split on cam and dee (2/2): both rate 1,
    # qb first for its two splits. qd and qc agree (0/1): by id.
    cards = [
        card(1, "ann", [question("qa", 1), question("qb", 1), question("qc", 2),
                        question("qd", 2)]),
        card(2, "bob", [question("qa", 3), question("qb", 4), question("qc", 2),
                        question("qd", 2)]),
        card(3, "ann", [question("qb", 4)], candidate="dee"),
        card(4, "bob", [question("qb", 2)], candidate="dee"),
    ]
    assert [d.question_id for d in question_disagreement(cards)] == ["qb", "qa", "qc", "qd"]


# -- rehearsals as readiness evidence ----------------------------------------------

def test_interviewer_graded_keeps_the_interviewers_grade_and_leaves_out_the_rest() -> None:
    rehearsal = card(7, "peer", [question("q1", 2, self_grade=4), question("q2", None),
                                 question("q3", not_asked=True)])
    (record,) = interviewer_graded([rehearsal], lambda qid: {"q1": 5}.get(qid, 0))
    assert (record.question_id, record.grade, record.signals_total) == ("q1", Grade.NO, 5)
    assert (record.session_id, record.level, record.answered_at) == (7, "senior", T0)


def test_the_calibration_sentence_says_which_way_a_candidate_leans() -> None:
    lenient = CompetencyCalibration("all", 4, 0.5, 0.41, (1.0, 0.0))
    assert calibration_sentence(lenient) == (
        "+0.50 (you grade yourself higher); agreement (weighted kappa) 0.41; 4 answer(s); "
        "by interview +1.00, +0.00")
    harsh = CompetencyCalibration("all", 2, -1.0, None, (-1.0,))
    assert calibration_sentence(harsh).startswith("-1.00 (you grade yourself lower); "
                                                  "agreement (weighted kappa) not defined")
