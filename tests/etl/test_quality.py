import pytest

from etl.quality import QualityError, check_run


def _report(**kw: int) -> dict:
    base = {"read": 100, "coded": 80, "duplicates": 10, "rejected": 10, "events_merged": 150}
    base.update(kw)
    return base


def test_counts_must_add_up() -> None:
    with pytest.raises(QualityError, match="coded\\+duplicates\\+rejected"):
        check_run(_report(read=101), [])


def test_without_history_volumes_are_not_judged() -> None:
    result = check_run(_report(), [_report()])
    assert result["checks"]["counts_add_up"] == "ok"
    assert result["checks"]["volume_read"].startswith("skipped")


def test_collapse_fails_and_spike_warns() -> None:
    history = [_report() for _ in range(5)]
    with pytest.raises(QualityError, match="events_merged=3 collapsed"):
        check_run(_report(events_merged=3), history)
    spike = check_run(_report(events_merged=2000), history)
    assert spike["checks"]["volume_events_merged"].startswith("warn")
    assert spike["checks"]["volume_read"] == "ok"


def test_a_quiet_source_or_a_busy_country_warns_without_failing() -> None:
    past = {"articles_by_source": {"AFP": 40, "Reuters": 30}, "events_by_country": {"UKR": 20, "SDN": 10}}
    history = [_report() | past for _ in range(5)]
    today = _report() | {"articles_by_source": {"AFP": 41, "Reuters": 1},
                         "events_by_country": {"UKR": 21, "SDN": 90}}
    result = check_run(today, history)
    assert result["checks"]["by_source_and_country"] == "warn: 2 unusual"
    assert any("Reuters" in w and "collapsed" in w for w in result["warnings"])
    assert any("SDN" in w and "spiked" in w for w in result["warnings"])


def test_a_day_without_rejections_is_good_news() -> None:
    """After days with 3 rejects each, 0 rejects is a clean day, not a collapse (issue 17, finding 3)."""
    history = [_report(read=100, coded=87, rejected=3) for _ in range(5)]
    result = check_run(_report(read=100, coded=90, rejected=0), history)
    assert result["failures"] == [] and result["checks"]["rejection_rate"] == "ok"
    assert "volume_rejected" not in result["checks"]


def test_a_rising_rejection_rate_warns() -> None:
    history = [_report(read=100, coded=87, rejected=3) for _ in range(5)]
    result = check_run(_report(read=100, coded=50, duplicates=10, rejected=40), history)
    assert result["checks"]["rejection_rate"].startswith("warn: 40.0%")
    assert any(w.startswith("rejection rate") for w in result["warnings"])
