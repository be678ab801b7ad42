"""An amount of đồng in Vietnamese words, as printed on receipts ("Số tiền bằng chữ"). Pure Python.

Reading rules: groups of three digits with nghìn, triệu, tỷ (repeating: nghìn tỷ, triệu tỷ); inside a
group "linh" for a zero ten before a unit, "mười" for ten, "mốt" for 1 after a ten above ten, "lăm" for
5 after a ten, "tư" for 4 after a ten above ten; a group after a higher one reads its hundreds ("không
trăm"). 120000 -> "Một trăm hai mươi nghìn đồng".
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ")


def _tens_units(tens: int, units: int, *, after_hundreds: bool) -> list[str]:
    words: list[str] = []
    if tens == 0:
        if units:
            if after_hundreds:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group(n: int, *, full: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    return words + _tens_units(tens, units, after_hundreds=bool(hundreds or full))


def number_words(n: int) -> str:
    if n < 0:
        raise ValueError("negative amount")
    if n == 0:
        return "không"
    groups: list[int] = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        g = groups[index]
        if g == 0:
            continue
        words += _group(g, full=bool(words))
        words += _scale(index)
    return " ".join(w for w in words if w)


def _scale(index: int) -> list[str]:
    """Group 0: units; 1 nghìn; 2 triệu; 3 tỷ; 4 nghìn tỷ; 5 triệu tỷ; 6 tỷ tỷ..."""
    if index == 0:
        return []
    words = [SCALES[index % 3]] if index % 3 else []
    return words + ["tỷ"] * (index // 3)


def amount_words(amount: int) -> str:
    text = number_words(amount) + " đồng"
    return text[:1].upper() + text[1:]


def amount_figures(amount: int) -> str:
    """120000 -> '120.000' (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")
