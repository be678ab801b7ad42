"""Which stored paper can stand for a required document of the catalog (pure)."""

import pytest

from motcua.documents.matching import key, matches


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bản sao Giấy chứng nhận kết hôn của cha, mẹ (có chứng thực)", "giay chung nhan ket hon cua cha me"),
        ("01 bản chính Giấy chứng sinh", "giay chung sinh"),
        ("Bản sao có chứng thực hoặc bản chính Giấy khai sinh", "giay khai sinh"),
        ("Tờ khai đăng ký khai sinh theo mẫu", "to khai dang ky khai sinh theo mau"),
        ("Đơn đề nghị [Mẫu số 01]", "don de nghi"),
    ],
)
def test_key_drops_copy_words_asides_and_marks(name, expected):
    assert key(name) == expected


@pytest.mark.parametrize(
    ("stored", "required"),
    [
        ("Giấy khai sinh", "Bản sao Giấy khai sinh"),
        ("Giấy chứng nhận kết hôn", "Bản sao Giấy chứng nhận kết hôn của cha, mẹ (có chứng thực)"),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", "Giấy chứng nhận đăng ký doanh nghiệp"),
    ],
)
def test_the_same_paper_under_catalog_wording_matches(stored, required):
    assert matches(stored, required)


@pytest.mark.parametrize(
    ("stored", "required"),
    [
        ("Giấy chứng nhận", "Giấy chứng nhận quyền sử dụng đất"),  # too generic to stand for it
        ("Giấy khai sinh", "Giấy khai tử"),
        ("Giấy tờ", "Giấy tờ khác (nếu có)"),
        ("", "Giấy khai sinh"),
        ("Giấy chứng nhận đăng ký", "Giấy chứng nhận đăng ký hộ kinh doanh và mã số thuế cá nhân"),
    ],
)
def test_different_or_generic_papers_do_not_match(stored, required):
    assert not matches(stored, required)
