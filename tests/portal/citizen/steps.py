"""Steps of a citizen's dossier, through the dossier services (what officers would do)."""

from motcua.dossiers import services
from tests.documents import samples
from tests.dossiers.factories import at, person


def pdf_file(name="giay-to.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, samples.pdf(), content_type="application/pdf")


def online(world, proc=None, when="2026-03-02 09:00", **kwargs):
    """An online dossier of the citizen (the birth procedure, first case, everything provided)."""
    proc = proc or world.birth
    return services.submit_online(
        user=kwargs.pop("user", world.citizen),
        procedure=proc,
        province=world.province,
        case=world.case(proc, 0),
        provided=world.documents(proc, 0),
        applicant=kwargs.pop("applicant", person()),
        at=at(when),
        **kwargs,
    )


def in_progress(world, dossier):
    dossier = services.accept_online(dossier, officer=world.officer_soc_son, version=dossier.version)
    return services.assign(dossier, actor=world.leader, version=dossier.version, assignee=world.specialist)


def supplement_requested(
    world, dossier, items=("Bản sao giấy chứng sinh có chứng thực", "Tờ khai có chữ ký")
):
    dossier = in_progress(world, dossier)
    return services.request_supplement(
        dossier,
        actor=world.specialist,
        version=dossier.version,
        items=list(items),
        reason="Bản sao chưa chứng thực",
    )


def with_result(world, dossier):
    from django.core.files.base import ContentFile

    dossier = in_progress(world, dossier)
    dossier = services.approve(dossier, actor=world.leader, version=dossier.version)
    return services.issue_result(
        dossier,
        actor=world.leader,
        version=dossier.version,
        title="Giấy khai sinh",
        number="123/KS",
        e_copy=ContentFile(samples.pdf(), name="giay-khai-sinh.pdf"),
    )
