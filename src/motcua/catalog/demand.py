"""How much each procedure is asked for: the one popularity list of the project.

The search index uses it as its popularity prior (search/snapshot.py) and the simulator draws its
demand from it (simulation/world.py): a fact about the procedures, kept with the catalog, below both.
"""

from __future__ import annotations

from motcua.core.text import fold

# Relative weights of the procedure fields in the commune-level volume (assumption, see the ADR:
# civil status, certification, land and residence dominate the reception counters of every commune).
FIELD_WEIGHTS: dict[str, float] = {
    "chung thuc": 30,
    "ho tich": 25,
    "dat dai": 12,
    "dang ky, quan ly cu tru": 10,
    "cap, quan ly can cuoc": 4,
    "chinh sach": 4,
    "bao tro xa hoi": 4,
    "nguoi co cong": 2,
    "thanh lap va hoat dong cua ho kinh doanh": 3,
    "thanh lap va hoat dong cua doanh nghiep": 3,
    "xay dung": 3,
    "hoat dong xay dung": 3,
    "lao dong": 1,
    "giao duc": 1,
    "y te": 1,
    "tu phap": 1,
    "nha o va cong so": 1,
}
OTHER_FIELD_WEIGHT = 0.05  # every other field, per procedure
# Within a field, these words mark the procedures people ask for most (birth, marriage, death,
# certified copies and signatures, residence, land changes, household businesses, building permits).
POPULAR_WORDS = (
    "khai sinh",
    "ket hon",
    "khai tu",
    "ban sao tu ban chinh",
    "chung thuc chu ky",
    "tinh trang hon nhan",
    "trich luc",
    "thuong tru",
    "tam tru",
    "bien dong",
    "ho kinh doanh",
    "giay phep xay dung",
    "cap lan dau",
)

# Variants that are rare in a city: foreign elements, border areas, mobile registration.
RARE_WORDS = ("yeu to nuoc ngoai", "bien gioi", "luu dong", "nuoc ngoai")


def procedure_weight(field_name: str, name: str, rank_in_field: int) -> float:
    """Popularity of one procedure: its field's weight shared by a Zipf law over the field's procedures
    (popular words first), so a few procedures of a popular field take most of its volume."""
    field_weight = FIELD_WEIGHTS.get(fold(field_name or ""))
    if field_weight is None:
        return OTHER_FIELD_WEIGHT
    boost = 4.0 if is_popular(name) else 1.0
    if any(word in fold(name or "") for word in RARE_WORDS):
        boost = 0.1
    return field_weight * boost / (rank_in_field + 1) ** 1.1


def is_popular(name: str) -> bool:
    folded = fold(name or "")
    return any(word in folded for word in POPULAR_WORDS) and not any(word in folded for word in RARE_WORDS)
