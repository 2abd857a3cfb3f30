"""Demo Autocars: where each trajectory's administrative formalities stand, with a few
signed documents (small PDFs standing in for scans)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from werkplek.checklists.services import checklist_item_waive
from werkplek.demo.foundation import DemoContext, DemoTrajectory
from werkplek.documents.models import DocumentSlot, SlotStatus
from werkplek.documents.selectors import slot_types_for
from werkplek.documents.services import document_slot_update, document_upload
from werkplek.trajectories.models import Status, Trajectory

# Where the formalities stand for trajectories still in preparation (by demo key).
PREPARING = {
    "emma": {},
    "lars": {"ibo_request": SlotStatus.REQUESTED},
    "yasmine": {"contract": SlotStatus.REQUESTED},
}
UPLOADED = {"contract", "stage_form", "workstation_sheet"}


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF with one line of text (ASCII), valid enough for any reader."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 16 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def seed_trajectory(context: DemoContext, trajectory: Trajectory, spec: DemoTrajectory) -> None:
    if DocumentSlot.objects.filter(trajectory=trajectory).exists():
        return
    coordinator = context.users["coordinator"]
    complete = spec.target not in (Status.DRAFT, Status.PREPARING) or spec.key == "thomas"
    for slot_type in slot_types_for(trajectory):
        status = (
            slot_type.done_status if complete else PREPARING.get(spec.key, {}).get(slot_type.code)
        )
        if slot_type.code == "other" or status is None:
            continue
        if slot_type.code == "transport_passes" and spec.key == "bram":
            _waive(trajectory, "transport_passes", coordinator)
            continue
        slot = document_slot_update(
            trajectory=trajectory, slot_type=slot_type, status=status, by=coordinator
        )
        if slot_type.code in UPLOADED and status == SlotStatus.SIGNED:
            title = f"{slot_type} {trajectory.candidate.full_name}"
            document_upload(
                candidate=trajectory.candidate,
                trajectory=trajectory,
                slot=slot,
                kind=slot_type.document_kind,
                title=title,
                file=SimpleUploadedFile(
                    f"{title} ondertekend.pdf", pdf_bytes(title), "application/pdf"
                ),
                by=coordinator,
            )


def _waive(trajectory: Trajectory, code: str, by) -> None:
    item = trajectory.checklist_items.filter(code=code, state="open").first()
    if item is not None:
        checklist_item_waive(
            item=item, by=by, reason="Komt met eigen wagen; geen abonnement nodig."
        )
