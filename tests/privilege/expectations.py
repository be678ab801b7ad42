"""The expectation table of the privilege matrix: every door of the site (tests/privilege/doors.py), what
each role finds behind it, and for a dossier's doors, behind its own unit's dossier and another's.

Outcomes are status codes; `302L` is a redirect to a sign-in page. Roles: `anon` (not signed in),
`cit` (a citizen), `rec` (reception officer at Ba Đình's point), `spe` and `lea` (specialist and leader
of Sóc Sơn's People's Committee), `sup` (Hà Nội's supervisor), `cat` (Hà Nội's catalog administrator),
`pos` (a postal agent at Ba Đình's point), `adm` (Hà Nội's system administrator). `sup` and `adm` have
passed the second factor. A 400 is a role let in whose empty request was refused (nothing changed);
arguments of things that do not exist (999999, "X0000") test the gate in front of them.

A new URL pattern fails test_every_door_has_an_entry until it is added here: decide who may open it.
Read with ADR 0051 (who sees what)."""

from .doors import Door

EVERYONE = "anon={0} cit={0} rec={0} spe={0} lea={0} sup={0} cat={0} pos={0} adm={0}"
PLACE = {"code": "01.X00004"}  # Ba Đình's point
PROCEDURE = {"code": "9.100001"}
VERSION = {"code": "9.100001", "number": 1}
NOTHING = 999999

DOORS: dict[str, Door] = {
    "dossiers-api:tracking": Door("GET", "dossier", EVERYONE.format("404/404")),
    "dossiers-api:list": Door(
        "GET", None, "anon=403 cit=403 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "dossiers-api:counter": Door(
        "POST", None, "anon=403 cit=403 rec=400 spe=400 lea=400 sup=400 cat=400 pos=400 adm=400"
    ),
    "dossiers-api:online": Door(
        "POST", None, "anon=403 cit=400 rec=400 spe=400 lea=400 sup=400 cat=400 pos=400 adm=400"
    ),
    "dossiers-api:detail": Door(
        "GET",
        "dossier",
        "anon=403/403 cit=403/403 rec=200/404 spe=200/404 lea=200/404 sup=200/404 cat=404/404 pos=404/404 adm=200/404",
    ),
    "dossiers-api:history": Door(
        "GET",
        "dossier",
        "anon=403/403 cit=403/403 rec=200/404 spe=200/404 lea=200/404 sup=200/404 cat=404/404 pos=404/404 adm=200/404",
    ),
    "dossiers-api:form": Door(
        "GET",
        "dossier",
        "anon=403/403 cit=403/403 rec=200/404 spe=200/404 lea=200/404 sup=200/404 cat=404/404 pos=404/404 adm=200/404",
        extra=(("form", "01"),),
    ),
    "dossiers-api:documents": Door(
        "GET",
        "dossier",
        "anon=403/403 cit=403/403 rec=200/404 spe=200/404 lea=200/404 sup=200/404 cat=404/404 pos=404/404 adm=200/404",
    ),
    "dossiers-api:document-content": Door(
        "GET",
        "dossier",
        "anon=403/403 cit=403/403 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
        extra=(("document", NOTHING),),
    ),
    "dossiers-api:action-accept": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-refuse-acceptance": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-transfer": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-assign": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-finish-step": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-request-supplement": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-receive-supplement": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-extend": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-record-payment": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-approve": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-refuse": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-issue-result": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-return-result": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-withdraw": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "dossiers-api:action-stop": Door(
        "POST",
        "dossier",
        "anon=403/403 cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
    ),
    "units:provinces": Door("GET", None, EVERYONE.format("200")),
    "units:communes": Door("GET", {"code": "01"}, EVERYONE.format("200")),
    "units:search": Door("GET", None, EVERYONE.format("400")),
    "units:detail": Door("GET", {"code": "01"}, EVERYONE.format("200")),
    "units:successors": Door("GET", {"code": "00004"}, EVERYONE.format("200")),
    "calendar:deadline": Door("GET", None, EVERYONE.format("400")),
    "calendar:special-days": Door("GET", None, EVERYONE.format("400")),
    "catalog:fields": Door("GET", None, EVERYONE.format("200")),
    "catalog:procedures": Door("GET", None, EVERYONE.format("200")),
    "catalog:procedure": Door("GET", PROCEDURE, EVERYONE.format("200")),
    "catalog:versions": Door("GET", PROCEDURE, EVERYONE.format("200")),
    "catalog:version": Door("GET", VERSION, EVERYONE.format("200")),
    "catalog:publish": Door(
        "GET", VERSION, "anon=403 cit=403 rec=403 spe=403 lea=403 sup=403 cat=405 pos=403 adm=403"
    ),
    "catalog:retire": Door(
        "GET", VERSION, "anon=403 cit=403 rec=403 spe=403 lea=403 sup=403 cat=405 pos=403 adm=403"
    ),
    "procedure-search": Door("GET", None, EVERYONE.format("400")),
    "queue-api:services": Door("GET", PLACE, EVERYONE.format("404")),
    "queue-api:board": Door("GET", PLACE, EVERYONE.format("404")),
    "queue-api:walk-in": Door("POST", PLACE, EVERYONE.format("404")),
    "queue-api:bookings": Door("POST", PLACE, EVERYONE.format("404")),
    "queue-api:check-in": Door("POST", PLACE, EVERYONE.format("404")),
    "queue-api:call-next": Door(
        "POST",
        lambda m: {"counter_id": m.world.counter1.pk},
        "anon=403 cit=403 rec=409 spe=403 lea=403 sup=403 cat=403 pos=403 adm=403",
    ),
    "postal-callbacks": Door("POST", None, EVERYONE.format("503")),
    "postal-pickups": Door("POST", None, EVERYONE.format("503")),
    "healthz": Door("GET", None, EVERYONE.format("200")),
    "metrics": Door("GET", None, EVERYONE.format("200")),
    "notifications:inbox": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "notifications:open": Door(
        "POST", {"pk": NOTHING}, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "notifications:read-all": Door(
        "POST", None, "anon=302L cit=403 rec=302 spe=302 lea=302 sup=302 cat=302 pos=302 adm=302"
    ),
    "notifications:unread": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "set_language": Door("GET", None, EVERYONE.format("302")),
    "admin": Door("GET", None, EVERYONE.format("302L")),
    "schema": Door("GET", None, EVERYONE.format("200")),
    "api-docs": Door("GET", None, EVERYONE.format("200")),
    "^api/": Door("GET", None, EVERYONE.format("404")),
    "accounts:profile": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "accounts:sign-in": Door("GET", None, EVERYONE.format("200")),
    "accounts:start": Door("POST", None, EVERYONE.format("503")),
    "accounts:callback": Door("GET", None, EVERYONE.format("400")),
    "accounts:sign-out": Door("POST", None, EVERYONE.format("302")),
    "accounts:signed-out": Door("GET", None, EVERYONE.format("200")),
    "payments:dossier": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=200/404 rec=200/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "payments:start": Door(
        "POST",
        "dossier",
        "anon=302L/302L cit=409/403 rec=409/403 spe=403/403 lea=403/403 sup=403/403 cat=403/403 pos=403/403 adm=403/403",
    ),
    "payments:return": Door("GET", {"plugin": "simulator"}, EVERYONE.format("400")),
    "payments:webhook": Door("GET", {"plugin": "simulator"}, EVERYONE.format("404")),
    "payments:transaction": Door("GET", {"reference": "X0000"}, EVERYONE.format("404")),
    "payments:receipt": Door("GET", {"reference": "X0000"}, EVERYONE.format("404")),
    "homeservice:request": Door("GET", None, EVERYONE.format("200")),
    "homeservice:sent": Door("GET", None, EVERYONE.format("302")),
    "homeservice:status": Door("GET", None, EVERYONE.format("200")),
    "homeservice:supervise": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=200 cat=403 pos=403 adm=403"
    ),
    "homeservice:supervise-detail": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "homeservice:visits": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "homeservice:visit": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "homeservice:received": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "postal:hub": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=403 lea=403 sup=403 cat=403 pos=200 adm=403"
    ),
    "postal:results-batch": Door(
        "POST", None, "anon=302L cit=400 rec=400 spe=400 lea=400 sup=400 cat=400 pos=400 adm=400"
    ),
    "postal:pickup-batch": Door(
        "POST", None, "anon=302L cit=400 rec=400 spe=400 lea=400 sup=400 cat=400 pos=400 adm=400"
    ),
    "postal:batch": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "postal:batch-pdf": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "postal:shipment": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "postal:received": Door(
        "GET", {"code": "X0000"}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "queueing:home": Door("GET", None, EVERYONE.format("200")),
    "queueing:book": Door("GET", PLACE, EVERYONE.format("404")),
    "queueing:ticket": Door("GET", {"token": "X0000"}, EVERYONE.format("404")),
    "queueing:cancel": Door("POST", {"token": "X0000"}, EVERYONE.format("302")),
    "queueing:kiosk": Door("GET", PLACE, EVERYONE.format("404")),
    "queueing:check-in": Door("POST", PLACE, EVERYONE.format("404")),
    "queueing:screen": Door("GET", PLACE, EVERYONE.format("404")),
    "queueing:login": Door("GET", None, EVERYONE.format("302L")),
    "queueing:panel": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "queueing:choose-counter": Door(
        "POST", None, "anon=302L cit=302 rec=302 spe=302 lea=302 sup=302 cat=302 pos=302 adm=302"
    ),
    "queueing:act": Door(
        "POST",
        {"action": NOTHING},
        "anon=302L cit=302 rec=302 spe=302 lea=302 sup=302 cat=302 pos=302 adm=302",
    ),
    "queueing:stats": Door(
        "GET", PLACE, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=403 pos=403 adm=403"
    ),
    "feedback:rate": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=200/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "feedback:rated": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=200/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "feedback:send": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "feedback:mine": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "feedback:mine-detail": Door(
        "GET", {"pk": NOTHING}, "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "feedback:officer-list": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=200 lea=200 sup=200 cat=403 pos=403 adm=200"
    ),
    "feedback:officer-detail": Door(
        "GET", {"pk": NOTHING}, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=404 cat=403 pos=403 adm=404"
    ),
    "integrity:queue": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=200 cat=403 pos=403 adm=403"
    ),
    "integrity:detail": Door(
        "GET", {"pk": NOTHING}, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=404 cat=403 pos=403 adm=403"
    ),
    "integrity:evidence-pdf": Door(
        "GET", {"pk": NOTHING}, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=404 cat=403 pos=403 adm=403"
    ),
    "index:explain": Door(
        "GET", None, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=200 cat=404 pos=404 adm=200"
    ),
    "index:public": Door("GET", None, EVERYONE.format("200")),
    "legacy:index": Door(
        "GET", None, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=302 cat=404 pos=404 adm=302"
    ),
    "legacy:report": Door(
        "GET", {"province": "01"}, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=200 cat=404 pos=404 adm=200"
    ),
    "nationalportal:operations": Door(
        "GET", None, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=200 cat=404 pos=404 adm=200"
    ),
    "supervision:staffing": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=200 sup=200 cat=403 pos=403 adm=200"
    ),
    "supervision:reports": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=200 sup=200 cat=403 pos=403 adm=200"
    ),
    "workspace:login": Door(
        "GET", None, "anon=200 cit=302 rec=302 spe=302 lea=302 sup=302 cat=302 pos=302 adm=302"
    ),
    "workspace:logout": Door("POST", None, EVERYONE.format("302L")),
    "workspace:otp-verify": Door(
        "GET", None, "anon=302L cit=302 rec=302 spe=302 lea=302 sup=200 cat=302 pos=302 adm=200"
    ),
    "workspace:otp-enrol": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=302 cat=200 pos=200 adm=302"
    ),
    "workspace:home": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=200 lea=200 sup=200 cat=302 pos=302 adm=200"
    ),
    "workspace:search": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=200 lea=200 sup=200 cat=403 pos=403 adm=200"
    ),
    "workspace:supervisor": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=200 cat=403 pos=403 adm=200"
    ),
    "workspace:receive": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=403 lea=403 sup=403 cat=403 pos=403 adm=403"
    ),
    "workspace:person": Door(
        "GET", None, "anon=302L cit=403 rec=200 spe=403 lea=403 sup=403 cat=403 pos=403 adm=403"
    ),
    "workspace:slip": Door(
        "GET", {"pk": NOTHING}, "anon=302L cit=403 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404"
    ),
    "workspace:dossier": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=403/403 rec=200/404 spe=200/404 lea=200/404 sup=200/404 cat=404/404 pos=404/404 adm=200/404",
    ),
    "workspace:act": Door(
        "POST",
        "dossier",
        "anon=302L/302L cit=403/403 rec=400/404 spe=400/404 lea=400/404 sup=400/404 cat=404/404 pos=404/404 adm=400/404",
        extra=(("slug", "accept"),),
    ),
    "workspace:result-copy": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=403/403 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
        extra=(("pk", NOTHING),),
    ),
    "workspace:catalog-queue": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=200 pos=403 adm=403"
    ),
    "workspace:catalog-version": Door(
        "GET", VERSION, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=200 pos=403 adm=403"
    ),
    "workspace:catalog-revise": Door(
        "POST", VERSION, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=302 pos=403 adm=403"
    ),
    "workspace:catalog-publish": Door(
        "POST", VERSION, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=400 pos=403 adm=403"
    ),
    "workspace:catalog-discard": Door(
        "POST", VERSION, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=409 pos=403 adm=403"
    ),
    "portal:home": Door("GET", None, EVERYONE.format("200")),
    "portal:favicon": Door("GET", None, EVERYONE.format("301")),
    "portal:directory": Door("GET", None, EVERYONE.format("200")),
    "portal:province": Door("GET", {"code": "01"}, EVERYONE.format("200")),
    "portal:catalog": Door("GET", None, EVERYONE.format("200")),
    "portal:catalog-level": Door("GET", {"level": "xa"}, EVERYONE.format("200")),
    "portal:catalog-field": Door("GET", {"field_id": NOTHING}, EVERYONE.format("404")),
    "portal:procedure": Door("GET", PROCEDURE, EVERYONE.format("200")),
    "portal:procedure-form": Door(
        "GET", {"code": "9.100001", "document_id": NOTHING}, EVERYONE.format("404")
    ),
    "portal:submit-start": Door(
        "GET", PROCEDURE, "anon=302L cit=302 rec=302 spe=302 lea=302 sup=302 cat=302 pos=302 adm=302"
    ),
    "portal:draft": Door(
        "GET",
        {"key": "00000000-0000-0000-0000-000000000000"},
        "anon=302L cit=404 rec=404 spe=404 lea=404 sup=404 cat=404 pos=404 adm=404",
    ),
    # The citizen's choice of channels (ADR 0048): reached with a dossier's code and second factor;
    # without them there is nothing to choose for, whoever asks.
    "citizen-notifications": Door("GET", None, EVERYONE.format("404")),
    # Personal data (ADR 0053): the read log for whoever audits a province, the export system-wide only,
    # the reveal for a role that sees identities of its own unit's dossier (ADR 0051).
    "privacy:read-log": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=200 cat=403 pos=403 adm=403"
    ),
    "privacy:export": Door(
        "GET", None, "anon=302L cit=403 rec=403 spe=403 lea=403 sup=403 cat=403 pos=403 adm=403"
    ),
    "privacy:reveal": Door(
        "POST",
        "dossier",
        "anon=302L/302L cit=403/403 rec=200/404 spe=200/404 lea=200/404 sup=403/404 cat=404/404 pos=404/404 adm=403/404",
    ),
    "portal:tracking": Door("GET", None, EVERYONE.format("200")),
    "portal:my-dossiers": Door(
        "GET", None, "anon=302L cit=200 rec=200 spe=200 lea=200 sup=200 cat=200 pos=200 adm=200"
    ),
    "portal:my-dossier": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=200/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "portal:my-supplement": Door(
        "POST",
        "dossier",
        "anon=302L/302L cit=302/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "portal:my-withdraw": Door(
        "POST",
        "dossier",
        "anon=302L/302L cit=400/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "portal:my-stop-notice": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=404/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "portal:my-take-result": Door(
        "POST",
        "dossier",
        "anon=302L/302L cit=400/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
    ),
    "portal:my-result": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=404/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
        extra=(("result_id", NOTHING),),
    ),
    "portal:my-paper": Door(
        "GET",
        "dossier",
        "anon=302L/302L cit=404/404 rec=404/404 spe=404/404 lea=404/404 sup=404/404 cat=404/404 pos=404/404 adm=404/404",
        extra=(("document_id", NOTHING),),
    ),
}
