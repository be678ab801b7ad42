"""TCVN3 (ABC) and VNI text read as Windows-1252, detected per text and converted to Unicode NFC."""

import unicodedata

import pytest

from motcua.legacy.encodings import detect, fix, to_tcvn3, to_vni

# As they arrive from real exports: the bytes of the old fonts shown as Windows-1252.
SEEN = [
    ("NguyÔn V¨n Hïng", "tcvn3", "Nguyễn Văn Hùng"),
    ("Së T\xad ph¸p tØnh Hµ Nam", "tcvn3", "Sở Tư pháp tỉnh Hà Nam"),
    ("§¨ng ký khai sinh", "tcvn3", "Đăng ký khai sinh"),
    ("QuyÕt ®Þnh sè 12/Q§-UBND", "tcvn3", "Quyết định số 12/QĐ-UBND"),
    ("Nguyeãn Vaên Huøng", "vni", "Nguyễn Văn Hùng"),
    ("Tröôøng Hôïp Öu Tieân", "vni", "Trường Hợp Ưu Tiên"),
    ("Ñaëng Quoác Vieät", "vni", "Đặng Quốc Việt"),
    ("Thaønh phoá Nam Ñònh", "vni", "Thành phố Nam Định"),
    ("Haø Noäi", "vni", "Hà Nội"),
]
WORDS = (
    "Nguyễn Thị Thuỷ; Phạm Ngọc Ánh; Bùi Đức Nghĩa; Lý Quốc Ước; phường Lê Hồng Phong, thành phố Phủ Lý; "
    "Ủy ban nhân dân xã Yên Khánh; Giấy chứng nhận quyền sử dụng đất; Chứng thực bản sao; khuya, "
    "nguyễn, quyết, giường, người, tuyết, khoẻ, khuỷu, ngoằn ngoèo, Trương Thị Xuyến"
)


@pytest.mark.parametrize("seen,encoding,text", SEEN)
def test_real_examples(seen, encoding, text):
    assert fix(seen) == (text, encoding)


@pytest.mark.parametrize("encode,name", [(to_tcvn3, "tcvn3"), (to_vni, "vni")])
def test_every_phrase_round_trips_and_is_detected(encode, name):
    for phrase in WORDS.split("; "):
        dirty = encode(phrase)
        assert dirty != phrase
        converted, found = fix(dirty)
        assert found == name, phrase
        expected = phrase if name == "vni" else " ".join(phrase.split()).lower()
        assert (converted if name == "vni" else converted.lower()) == expected


@pytest.mark.parametrize("text", ["Lê Hà", "Hà Nam", "Võ Thị Lâm", "Phố Huế", "ASCII only 123", "Tô Hà Vân"])
def test_unicode_text_that_could_be_either_is_left_alone(text):
    assert fix(text) == (text, "unicode")


def test_decomposed_unicode_is_composed():
    decomposed = unicodedata.normalize("NFD", "Đặng Quốc Việt")
    assert fix(decomposed) == ("Đặng Quốc Việt", "unicode")
    assert detect(decomposed) == "unicode"


def test_empty_and_none():
    assert fix("") == ("", "unicode") and fix(None) == ("", "unicode")
