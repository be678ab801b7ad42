"""The Decision 766 formulas, one hand-worked case per criterion (no database: motcua.index.scoring is pure).

Each test names the appendix line of QĐ 766/QĐ-TTg (23/6/2022) whose ratio it checks; the arithmetic in
the comments is done by hand, not by the code under test.
"""

import pytest

from motcua.index import scoring
from motcua.index.scoring import BY_KEY, MEASURED, NO_DATA, UNMEASURABLE, Counts, score


def points(key, num, den):
    return scoring.criterion_points(BY_KEY[key], num, den)


def test_groups_add_up_to_100_with_the_portal_weights():
    assert {g.key: g.max for g in scoring.GROUPS} == {
        "cong_khai_minh_bach": 18,
        "tien_do_giai_quyet": 20,
        "dich_vu_truc_tuyen": 12,
        "thanh_toan_truc_tuyen": 10,
        "so_hoa_ho_so": 22,
        "muc_do_hai_long": 18,
    }
    for group in scoring.GROUPS:
        assert sum(c.max for c in scoring.CRITERIA if c.group == group.key) == group.max, group.key


def test_public_with_all_parts():
    # Công khai, minh bạch, điểm c: TTHC công khai đầy đủ / TTHC × 100 %. 9 of 12 complete: 5 × 0.75 = 3.75.
    assert points("tthc_cong_khai_day_du", 9, 12) == 3.75


def test_on_time_share():
    # Tiến độ, kết quả giải quyết, điểm a: hồ sơ xử lý trước hạn, đúng hạn / hồ sơ đã xử lý × 100 %.
    # 47 of 50 on time: 20 × 0.94 = 18.8.
    assert points("ho_so_dung_han", 47, 50) == 18.8


def test_procedures_online_full_from_80_percent():
    # Cung cấp dịch vụ trực tuyến, điểm a: TTHC cung cấp trực tuyến / TTHC; full points from 80 %.
    # 6 of 10 (60 %): 6 × 0.6 / 0.8 = 4.5; 8 of 10 and 10 of 10 both score 6.
    assert points("tthc_truc_tuyen", 6, 10) == 4.5
    assert points("tthc_truc_tuyen", 8, 10) == 6
    assert points("tthc_truc_tuyen", 10, 10) == 6


def test_dossiers_online_full_from_50_percent():
    # Cung cấp dịch vụ trực tuyến, điểm b: hồ sơ trực tuyến / hồ sơ của TTHC có DVCTT; full from 50 %.
    # 30 of 100: 6 × 0.3 / 0.5 = 3.6.
    assert points("ho_so_truc_tuyen", 30, 100) == 3.6
    assert points("ho_so_truc_tuyen", 50, 100) == 6


def test_online_payment():
    # Cung cấp dịch vụ trực tuyến, điểm c (thanh toán trực tuyến): 3 of 4 procedures with a payment
    # were paid online at least once: 5 × 0.75 = 3.75; 7 of 20 paid dossiers paid online: 5 × 0.35 = 1.75.
    assert points("tthc_thanh_toan_truc_tuyen", 3, 4) == 3.75
    assert points("ho_so_thanh_toan_truc_tuyen", 7, 20) == 1.75


def test_digitisation_full_from_80_percent():
    # Số hóa hồ sơ, điểm a: kết quả điện tử / kết quả; điểm b: hồ sơ số hóa / hồ sơ giấy; điểm c: hồ sơ
    # sử dụng lại dữ liệu số hóa / hồ sơ tiếp nhận. 40 of 100 results: 8 × 0.4 / 0.8 = 4;
    # 9 of 10 paper dossiers (over 80 %): 8; 2 of 10 reusing: 6 × 0.2 / 0.8 = 1.5.
    assert points("ket_qua_dien_tu", 40, 100) == 4
    assert points("ho_so_so_hoa", 9, 10) == 8
    assert points("tai_su_dung_du_lieu", 2, 10) == 1.5


def test_satisfaction():
    # Mức độ hài lòng, điểm a: PAKN xử lý đúng hoặc trước hạn / PAKN thuộc thẩm quyền. 2 of 3: 6 × 2/3 = 4.
    # Điểm c: (hồ sơ − hồ sơ không hài lòng, có phản ánh hoặc quá hạn) / hồ sơ. (50 − 7) of 50:
    # 6 × 43/50 = 5.16.
    assert points("pakn_dung_han", 2, 3) == 4
    assert points("hai_long_tthc", 43, 50) == 5.16


def test_not_a_share_is_refused():
    with pytest.raises(ValueError):
        points("ho_so_dung_han", 6, 5)
    with pytest.raises(ValueError):
        points("ho_so_dung_han", 0, 0)


def test_unmeasurable_criteria_are_left_out_not_given():
    # Công khai, minh bạch, điểm a, b, d and Mức độ hài lòng, điểm b: motcua has no data: excluded,
    # and their 4 + 4 + 5 + 6 = 19 points leave the maximum (81 measurable, never a free 100).
    result = score(Counts(received=1, received_online_capable=1, received_online=1))
    statuses = {c.key: c.status for g in result.groups for c in g.criteria}
    assert [k for k, s in statuses.items() if s == UNMEASURABLE] == [
        "tthc_cong_bo_dung_han",
        "tthc_cong_khai_dung_han",
        "ho_so_dong_bo_dvcqg",
        "pakn_hai_long",
    ]
    assert statuses["ho_so_truc_tuyen"] == MEASURED
    assert statuses["ho_so_dung_han"] == NO_DATA  # nothing ended: no division by zero, no points
    assert statuses["tai_su_dung_du_lieu"] == MEASURED  # 0 of the 1 received reused: 0 of 6
    assert result.max == 12 and result.total == 6 and result.scaled == 50


def test_a_period_without_dossiers_has_no_index():
    result = score(Counts())
    assert not result.has_data
    assert result.total is None and result.scaled is None
    assert result.as_dict()["status"] == NO_DATA


def test_a_whole_unit_by_hand():
    # 20 received (8 online among 16 of online procedures; 12 on paper, 9 digitised; 4 reusing);
    # 10 ended, 8 on time, 7 satisfied; 10 results, 6 electronic; 5 procedures, 4 online, 5 complete;
    # 2 procedures paid, 1 online; 6 dossiers paid, 3 online; 4 feedback due, 4 on time.
    counts = Counts(
        received=20,
        received_online=8,
        received_online_capable=16,
        received_reusing=4,
        paper_received=12,
        paper_digitised=9,
        ended=10,
        ended_on_time=8,
        ended_satisfied=7,
        results=10,
        results_electronic=6,
        procedures=5,
        procedures_online=4,
        procedures_complete=5,
        procedures_paid=2,
        procedures_paid_online=1,
        dossiers_paid=6,
        dossiers_paid_online=3,
        feedback_due=4,
        feedback_on_time=4,
    )
    result = score(counts)
    by_group = {g.key: (g.points, g.max) for g in result.groups}
    assert by_group == {
        "cong_khai_minh_bach": (5, 5),  # 5/5 complete
        "tien_do_giai_quyet": (16, 20),  # 20 × 0.8
        "dich_vu_truc_tuyen": (12, 12),  # 4/5 = 80 % → 6; 8/16 = 50 % → 6
        "thanh_toan_truc_tuyen": (5, 10),  # 5 × 0.5 + 5 × 0.5
        "so_hoa_ho_so": (15, 22),  # 6/10 → 8 × 0.75 = 6; 9/12 → 8 × 0.9375 = 7.5; 4/20 → 6 × 0.25 = 1.5
        "muc_do_hai_long": (10.2, 12),  # 4/4 → 6; 7/10 → 4.2
    }
    assert result.total == 63.2 and result.max == 81  # 5 + 16 + 12 + 5 + 15 + 10.2
    assert result.scaled == 78.02  # 100 × 63.2 / 81 = 78.024…
