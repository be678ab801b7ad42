"""The search form of a unit name (pure Python): folded, with one kind of apostrophe.

Sources spell "Ea H'Leo" with a typewriter or a typographic apostrophe; users type the former.
"""

from motcua.core.text import fold

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def search_key(text: str) -> str:
    """'Phường Ba Đình' -> 'phuong ba dinh'; 'Xã Ea H’Leo' -> "xa ea h'leo"."""
    return fold(text.translate(_APOSTROPHES))
