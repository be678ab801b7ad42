"""The two bars of the site, each a list in one place: the public bar on every citizen page, the officers'
bar on every staff page (only the links of the officer's roles). base.html draws whichever the page
is: a view behind the staff sign-in (`staff_login_required`, the workspace's `officer_required`) or
marked `officer_page = True` is an officer page. Adding a workspace page to the bar is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from motcua.org.roles import DOSSIER_READERS
from motcua.org.roles import RoleCode as R

EVERY_OFFICER = None


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str
    roles: frozenset | None = EVERY_OFFICER  # officers' bar: the roles that see it (None: all)
    exact: bool = False  # "current" only on this very address, not below it
    more: bool = (
        False  # officers' bar: under "Thêm" (pages a role opens now and then), so the bar fits a line
    )


PUBLIC_LINKS: tuple[Link, ...] = (
    Link("portal:catalog", _("Thủ tục hành chính")),
    Link("portal:tracking", _("Tra cứu hồ sơ")),
    Link("queueing:home", _("Lấy số thứ tự")),
    Link("homeservice:request", _("Phục vụ tại nhà"), exact=True),
    Link("feedback:mine", _("Phản ánh, kiến nghị")),
    Link("portal:my-dossiers", _("Hồ sơ của tôi")),
    Link("index:public", _("Công khai kết quả")),
)

RECEPTION = frozenset({R.RECEPTION_OFFICER})
SUPERVISION = frozenset({R.SUPERVISOR, R.SYSTEM_ADMIN})
OFFICER_LINKS: tuple[Link, ...] = (
    Link("workspace:home", _("Việc của tôi"), exact=True),
    Link("workspace:receive", _("Tiếp nhận"), RECEPTION),
    Link("workspace:search", _("Tìm hồ sơ"), DOSSIER_READERS),
    Link("workspace:supervisor", _("Giám sát"), SUPERVISION),
    Link("index:explain", _("Chỉ số 766"), SUPERVISION),
    Link("nationalportal:operations", _("Cổng quốc gia"), SUPERVISION, more=True),
    Link("queueing:panel", _("Gọi số"), RECEPTION),
    Link("homeservice:visits", _("Lịch phục vụ tại nhà"), RECEPTION),
    Link("homeservice:supervise", _("Yêu cầu phục vụ tại nhà"), SUPERVISION, more=True),
    Link("integrity:queue", _("Nghi vấn cò hồ sơ"), SUPERVISION, more=True),
    Link("legacy:index", _("Hồ sơ chuyển đổi"), SUPERVISION, more=True),
    Link("privacy:read-log", _("Dữ liệu cá nhân"), SUPERVISION, more=True),
    Link("postal:hub", _("Bưu chính"), frozenset({R.RECEPTION_OFFICER, R.POSTAL_AGENT})),
    Link("feedback:officer-list", _("Phản ánh, kiến nghị"), DOSSIER_READERS),
    Link("workspace:catalog-queue", _("Danh mục thủ tục"), frozenset({R.CATALOG_ADMIN})),
)


def is_officer_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    func = match.func
    return bool(
        getattr(func, "officer_page", False)
        or getattr(getattr(func, "view_class", None), "officer_page", False)
    )


def officer_roles(request) -> set[str]:
    """The role codes of the signed-in officer today (the workspace's decorator has them already)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return set()
    assignments = getattr(request, "officer_assignments", None)
    if assignments is not None:
        return {a.role.code for a in assignments}
    from django.utils import timezone

    from motcua.org.models import StaffAssignment

    return set(
        StaffAssignment.objects.filter(user=user)
        .valid_on(timezone.localdate())
        .values_list("role__code", flat=True)
    )


def _entries(links, path: str) -> list[dict]:
    out = []
    for link in links:
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:  # an app left out of this deployment's URLs
            continue
        current = path == url or (not link.exact and path.startswith(url))
        out.append({"url": url, "label": link.label, "current": current, "more": link.more})
    return out


def bar(request) -> dict:
    path = request.path
    if is_officer_page(request):
        roles = officer_roles(request)
        links = [link for link in OFFICER_LINKS if roles and (link.roles is None or link.roles & roles)]
        entries = _entries(links, path)
        return {
            "officer": True,
            "links": [e for e in entries if not e["more"]],
            "more": [e for e in entries if e["more"]],
            "more_current": any(e["current"] for e in entries if e["more"]),
            "home": reverse("workspace:home"),
        }
    return {"officer": False, "links": _entries(PUBLIC_LINKS, path), "home": reverse("portal:home")}


def context(request) -> dict:
    """Template context processor: `site_bar`, computed only by a template that draws it."""
    return {"site_bar": SimpleLazyObject(lambda: bar(request))}
