import io

from openpyxl import load_workbook

from werkplek.candidates.models import Candidate
from werkplek.imports.models import ImportBatch
from werkplek.imports.tests.helpers import HEADERS, candidate_row, csv_bytes, upload, xlsx_bytes

IMPORTS = "/o/autocars/imports/"


def test_the_candidate_list_links_to_the_import(client_for, coordinator):
    page = client_for(coordinator).get("/o/autocars/candidates/").content.decode()
    assert IMPORTS in page
    assert "Importeren uit Excel of CSV" in page


def test_from_upload_through_dry_run_to_import(client_for, coordinator):
    client = client_for(coordinator)
    content = xlsx_bytes(
        [HEADERS, candidate_row(1), candidate_row(2, **{"E-mail": "fout@"}), candidate_row(3)]
    )
    response = client.post(IMPORTS, {"kind": "candidates", "file": upload("nieuw.xlsx", content)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{IMPORTS}{batch.public_id}/columns/"

    columns = client.get(response["Location"]).content.decode()
    assert "Welke kolom bevat wat?" in columns
    assert "Voornaam1" in columns  # sample values help recognise the column

    mapping = {f"col_{index}": key for index, key in batch.mapping.items()}
    response = client.post(f"{IMPORTS}{batch.public_id}/columns/", mapping)
    assert response.status_code == 302
    page = client.get(f"{IMPORTS}{batch.public_id}/").content.decode()
    assert "Proefimport" in page
    assert "regel 3" in page  # the row with the error, shown first
    assert Candidate.objects.filter(email__startswith="kandidaat").count() == 0

    refused = client.post(f"{IMPORTS}{batch.public_id}/run/", follow=True)
    assert "1 rij heeft fouten" in refused.content.decode()
    assert Candidate.objects.filter(email__startswith="kandidaat").count() == 0

    done = client.post(f"{IMPORTS}{batch.public_id}/run/", {"skip_errors": "on"}, follow=True)
    assert "Geïmporteerd: 2 nieuw, 0 bijgewerkt, 1 rij overgeslagen." in done.content.decode()
    assert set(Candidate.objects.values_list("email", flat=True)) == {
        "kandidaat1@example.be",
        "kandidaat3@example.be",
    }


def test_an_unreadable_upload_is_refused_next_to_the_field(client_for, coordinator):
    response = client_for(coordinator).post(
        IMPORTS, {"kind": "candidates", "file": upload("foto.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00")}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Dit is geen rekenblad" in page
    assert 'class="field field--error"' in page
    assert not ImportBatch.objects.exists()


def test_the_mapping_needs_the_required_columns_once(client_for, coordinator):
    client = client_for(coordinator)
    client.post(
        IMPORTS,
        {"kind": "candidates", "file": upload("l.csv", csv_bytes([HEADERS, candidate_row(1)]))},
    )
    batch = ImportBatch.objects.get()
    response = client.post(
        f"{IMPORTS}{batch.public_id}/columns/",
        {"col_0": "first_name", "col_1": "first_name", "col_2": ""},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Een andere kolom vult dit veld al." in page
    assert "het is verplicht" in page
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UPLOADED


def test_an_uploaded_file_can_be_discarded(client_for, coordinator):
    client = client_for(coordinator)
    client.post(
        IMPORTS,
        {"kind": "candidates", "file": upload("l.csv", csv_bytes([HEADERS, candidate_row(1)]))},
    )
    batch = ImportBatch.objects.get()
    response = client.post(f"{IMPORTS}{batch.public_id}/discard/")
    assert response.status_code == 302
    assert not ImportBatch.objects.exists()


def test_the_example_file_has_every_column_recognised_again(client_for, coordinator):
    from werkplek.imports.importers import IMPORTERS

    response = client_for(coordinator).get(f"{IMPORTS}candidates.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers[:3] == ["voornaam", "familienaam", "e-mailadres"]
    importer = IMPORTERS["candidates"]
    mapping = importer.guess_mapping(coordinator.memberships.get().organisation, headers)
    assert len(mapping) == len(headers)


def test_an_import_of_another_organisation_is_404_and_mentors_get_403(
    client_for, coordinator, mentor, outsider, other_organisation
):
    from werkplek.imports.readers import Table
    from werkplek.imports.services import import_batch_create

    theirs = import_batch_create(
        organisation=other_organisation,
        by=outsider,
        kind="candidates",
        file_name="hunne.csv",
        table=Table("csv", HEADERS, [candidate_row(1)], [2]),
    )
    client = client_for(coordinator)
    for suffix in ("", "columns/"):
        assert client.get(f"{IMPORTS}{theirs.public_id}/{suffix}").status_code == 404
    for suffix in ("run/", "discard/", "columns/"):
        assert client.post(f"{IMPORTS}{theirs.public_id}/{suffix}").status_code == 404
    assert ImportBatch.objects.filter(pk=theirs.pk).exists()
    assert client_for(mentor).get(IMPORTS).status_code == 403
