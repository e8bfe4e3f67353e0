"""Assessment rules applied to numbers: grade bands, democratic evaluation, 一票否决.

The numbers (bands, tier scores, the bad-vote ratio) come from content/ via the AssessmentForm;
nothing here knows 95 or 30 %.
"""

from dataclasses import dataclass

from ..load.schema import Band, Tier


def grade_for(score: float, bands: tuple[Band, ...]) -> str | None:
    """The band a score falls in; bands may leave gaps (95–100, 80–94…), so a score is floored to a whole point."""
    whole = int(score)
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if whole >= band.min and (band.max is None or whole <= band.max):
            return band.grade
    return None


def lowest_grade(bands: tuple[Band, ...]) -> str | None:
    return min(bands, key=lambda b: b.min).grade if bands else None


@dataclass(frozen=True)
class Evaluation:
    votes: dict[str, int]
    score: float | None       # weighted mean of the tier scores
    bad_share: float          # share of votes for the bad grade
    grade: str | None


def evaluate(votes: dict[str, int], tiers: tuple[Tier, ...], bands: tuple[Band, ...],
             bad_vote_ratio: float | None, bad_grade: str | None) -> Evaluation:
    """Score = mean of tier scores weighted by votes, graded by the bands; enough bad votes make it bad."""
    total = sum(votes.values())
    if total == 0:
        return Evaluation(votes, None, 0.0, None)
    points = {t.grade: t.score for t in tiers}
    score = sum(points[grade] * count for grade, count in votes.items()) / total
    bad_share = votes.get(bad_grade, 0) / total if bad_grade else 0.0
    grade = grade_for(score, bands)
    if bad_vote_ratio is not None and bad_grade and bad_share >= bad_vote_ratio:
        grade = bad_grade
    return Evaluation(votes, round(score, 2), bad_share, grade)


def assessed_grade(total: float, vetoed: bool, bands: tuple[Band, ...]) -> str | None:
    """一票否决 puts the unit in the lowest grade whatever its points."""
    return lowest_grade(bands) if vetoed else grade_for(total, bands)
