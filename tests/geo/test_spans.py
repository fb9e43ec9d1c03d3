"""SpanSet: overlap and containment tests against sorted spans."""

from flashpoint.geo.spans import SpanSet


def test_overlaps_and_containment():
    spans = SpanSet([(10, 20), (30, 40), (15, 25)])  # the third overlaps the first: dropped
    assert len(spans) == 2
    assert spans.overlaps(19, 21) and spans.overlaps(5, 11) and spans.overlaps(35, 36)
    assert not spans.overlaps(20, 30) and not spans.overlaps(0, 10) and not spans.overlaps(40, 50)
    assert spans.strictly_inside(12, 18) and spans.strictly_inside(30, 35)
    assert not spans.strictly_inside(10, 20) and not spans.strictly_inside(25, 35)
    spans.add(20, 30)
    assert spans.overlaps(25, 26)


def test_empty_set():
    spans = SpanSet()
    assert not spans.overlaps(0, 100) and not spans.strictly_inside(1, 2) and len(spans) == 0
