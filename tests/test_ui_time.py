"""Playing through the sessions and clicking the timeline strip, as plain functions."""

from __future__ import annotations

from ipt_network.ui.callbacks_time import clicked_session, play_step

COURSE = [1, 2, 4, 5]
"""Session numbers with a gap: session 3 was never recorded."""


def test_each_tick_shows_the_next_session_and_the_last_one_stops_playing():
    assert play_step(COURSE, 1, pressed=False, playing=True) == (2, True)
    assert play_step(COURSE, 2, pressed=False, playing=True) == (4, True)  # over the gap
    assert play_step(COURSE, 4, pressed=False, playing=True) == (5, False)  # 5 is the last: stop there
    assert play_step(COURSE, 5, pressed=False, playing=True) == (None, False)


def test_a_tick_after_stopping_changes_nothing():
    assert play_step(COURSE, 2, pressed=False, playing=False) == (None, False)


def test_play_starts_from_where_the_slider_is_and_pause_stops():
    assert play_step(COURSE, 2, pressed=True, playing=False) == (None, True)
    assert play_step(COURSE, 4, pressed=True, playing=True) == (None, False)


def test_play_on_the_last_session_starts_again_from_the_first():
    assert play_step(COURSE, 5, pressed=True, playing=False) == (1, True)


def test_a_course_of_one_session_has_nothing_to_play():
    assert play_step([3], 3, pressed=True, playing=False) == (None, False)


def test_a_click_on_the_timeline_gives_the_session_of_the_dot():
    # The shape of plotly's clickData (one point; the timeline's dots carry the number as customdata).
    assert clicked_session({"points": [{"curveNumber": 1, "pointNumber": 2, "x": 10, "customdata": 10}]}) == 10
    assert clicked_session({"points": [{"curveNumber": 2, "pointNumber": 0, "x": 8}]}) is None  # the ring
    assert clicked_session(None) is None
    assert clicked_session({"points": []}) is None
