"""The citizen's words for every state and every tracking-sheet action of the lifecycle (one mapping)."""

from motcua.dossiers import lifecycle
from motcua.portal import plain


def test_every_state_and_action_has_plain_words():
    assert set(plain.STATUS) == {s.value for s in lifecycle.State}
    assert set(plain.TIMELINE) == {a.value for a in lifecycle.Action}
    assert plain.NOTE_SHOWN <= set(plain.TIMELINE)


def test_the_citizen_label_is_not_the_officers_label():
    assert plain.status_label("supplement_requested") == "Cần bổ sung giấy tờ"
    assert plain.status_label("in_progress") == "Đang giải quyết"
    officers = {info.label for info in lifecycle.STATES.values()}
    assert "Yêu cầu bổ sung" in officers and "Yêu cầu bổ sung" not in {v[0] for v in plain.STATUS.values()}


def test_sentences_end_like_sentences():
    for text in [*plain.TIMELINE.values(), *(v[1] for v in plain.STATUS.values())]:
        assert text[0].isupper() and text.endswith("."), text
