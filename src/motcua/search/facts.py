"""What a search result shows besides its name: time limit, fee, and whether it can be submitted online.

Read for the hits only, in two queries (the versions with their channel terms, the province's adoptions),
and phrased by motcua.catalog.display so the result list and the procedure page say the same
thing. "Online" follows the rule of the portal's submission page (portal.submission.views.start): the
version does not exclude it (online_level "none") and, when a province is given, the province has adopted
the procedure; without a province the national catalog's word is all there is.
"""

from dataclasses import dataclass

from motcua.catalog.models import Channel, FeeKind, OnlineLevel, ProcedureVersion, ProvinceProcedure

CHANNEL_ORDER = {Channel.IN_PERSON: 0, Channel.ONLINE: 1, Channel.POSTAL: 2}


@dataclass(frozen=True)
class Facts:
    online: bool
    time_limit: str  # "3 ngày làm việc", "Trong ngày", or the text as published
    fee: str  # "Miễn phí", "50.000 đồng", "Theo quy định của HĐND tỉnh", …
    fee_amount: int | None  # one amount in `fee_currency`; 0 free; None when not one figure
    fee_currency: str = "VND"
    time_note: str = ""  # why the time limit is shown as published, or where to ask
    fee_note: str = ""
    time_as_published: bool = False  # the source's own words ("1"): its unit is not known


def facts_for(version_ids: list[int], province: str | None = None) -> dict[int, Facts]:
    """Facts of each version (by id); the fee a province set when adopting the procedure wins."""
    from motcua.catalog import display  # phrasing shared with the procedure page

    versions = (
        ProcedureVersion.objects.filter(pk__in=version_ids)
        .only("id", "procedure_id", "online_level")
        .prefetch_related("channel_terms")
    )
    adoptions = {}
    if province:
        rows = (
            ProvinceProcedure.objects.filter(
                province__code=province, procedure_id__in=[v.procedure_id for v in versions]
            )
            .only("procedure_id", "active", "fee_kind", "fee_amount", "fee_note")
            .order_by("active", "pk")  # a unit renamed over time keeps its code: the active adoption wins
        )
        adoptions = {row.procedure_id: row for row in rows}
    facts = {}
    for version in versions:
        adoption = adoptions.get(version.procedure_id)
        active = adoption if adoption is not None and adoption.active else None
        terms = sorted(
            version.channel_terms.all(), key=lambda t: (CHANNEL_ORDER.get(t.channel, 9), t.position)
        )
        first = terms[0] if terms else None
        time = display.time_limit(first) if first else display.Phrase("")
        fee = display.fee(first, active) if first else display.Phrase("")
        offered = version.online_level != OnlineLevel.NONE
        amount = _amount(active) if active is not None and active.fee_kind else _amount(first)
        facts[version.pk] = Facts(
            online=offered and (not province or active is not None),
            time_limit=time.text,
            fee=fee.text,
            fee_amount=amount,
            fee_currency=first.fee_currency
            if first is not None and not (active and active.fee_kind)
            else "VND",
            time_note=time.note,
            fee_note=fee.note,
            time_as_published=time.as_published,
        )
    unknown = Facts(online=False, time_limit="", fee="", fee_amount=None)  # retired meanwhile
    return {pk: facts.get(pk, unknown) for pk in version_ids}


def _amount(source) -> int | None:
    """The amount of a channel term or an adoption: 0 when free, None when not one figure."""
    if source is None:
        return None
    if source.fee_kind == FeeKind.FREE:
        return 0
    return source.fee_amount if source.fee_kind == FeeKind.AMOUNT else None
