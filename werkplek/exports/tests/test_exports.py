import csv
import io
from datetime import date

from openpyxl import load_workbook

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.exports.writers import write_xlsx
from werkplek.imports import services as import_services
from werkplek.imports.readers import read_upload
from werkplek.imports.tests.helpers import upload

EXPORTS = "/o/autocars/exports/"


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads the accents as UTF-8
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def xlsx_sheet(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content)).active


def test_the_trajectory_export_keeps_the_filters_of_the_list(
    client_for, coordinator, mentor, other_mentor, make_trajectory
):
    make_trajectory(mentors=[mentor], kind="stage", planned_start=date(2027, 2, 1))
    make_trajectory(mentors=[other_mentor], kind="ibo")
    response = client_for(coordinator).get(f"{EXPORTS}trajectories.csv", {"kind": "stage"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    header, data = rows[0], rows[1:]
    assert header[:4] == ["voornaam", "familienaam", "e-mailadres", "soort"]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["soort"] == "Stage"
    assert row["peters/meters"] == "Mats Mentor"
    assert row["geplande start"] == "01/02/2027"


def test_a_mentor_exports_only_the_trajectories_they_mentor(
    client_for, mentor, other_mentor, make_trajectory
):
    mine = make_trajectory(mentors=[mentor])
    make_trajectory(mentors=[other_mentor])
    sheet = xlsx_sheet(client_for(mentor).get(f"{EXPORTS}trajectories.xlsx"))
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][rows[0].index("Werkplek-id")] == str(mine.public_id)


def test_the_excel_export_has_real_dates_and_never_formulas(tmp_path):
    path = tmp_path / "out.xlsx"
    with path.open("wb") as file:
        write_xlsx(
            file,
            title="test",
            headers=["naam", "datum"],
            rows=[['=HYPERLINK("http://evil")', date(2026, 9, 1)], ["+32 470", None]],
        )
    sheet = load_workbook(path).active
    assert sheet["A2"].value == '=HYPERLINK("http://evil")'
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].is_date and sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["A1"].font.bold


def test_csv_cells_that_look_like_formulas_are_defused(client_for, coordinator, organisation):
    CandidateFactory(organisation=organisation, first_name="=1+1", city="@SUM(A1)")
    rows = csv_rows(client_for(coordinator).get(f"{EXPORTS}candidates.csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["voornaam"] == "'=1+1"
    assert row["gemeente"] == "'@SUM(A1)"


def test_the_candidate_export_follows_the_search(client_for, coordinator, organisation):
    CandidateFactory(organisation=organisation, last_name="Verhaegen")
    CandidateFactory(organisation=organisation, last_name="Janssens")
    rows = csv_rows(client_for(coordinator).get(f"{EXPORTS}candidates.csv", {"q": "verhae"}))
    assert [row[1] for row in rows[1:]] == ["Verhaegen"]


def test_an_exported_candidate_list_imports_again_unchanged(client_for, coordinator, organisation):
    CandidateFactory.create_batch(3, organisation=organisation, language="fr", source="school")
    response = client_for(coordinator).get(f"{EXPORTS}candidates.xlsx")
    table = read_upload(upload("export.xlsx", b"".join(response.streaming_content)))
    batch = import_services.import_batch_create(
        organisation=organisation,
        by=coordinator,
        kind="candidates",
        file_name="export.xlsx",
        table=table,
    )
    assert set(batch.mapping.values()) >= {"first_name", "email", "language", "source"}
    batch = import_services.import_batch_check(batch=batch, mapping=batch.mapping)
    assert batch.summary == {"rows": 3, "create": 0, "update": 0, "unchanged": 3, "error": 0}


def test_the_list_pages_link_to_the_export_with_their_filters(client_for, coordinator):
    client = client_for(coordinator)
    page = client.get("/o/autocars/trajectories/", {"kind": "stage", "page": "2"}).content.decode()
    assert f'href="{EXPORTS}trajectories.xlsx?kind=stage"' in page  # the page number is dropped
    page = client.get("/o/autocars/candidates/", {"q": "jan"}).content.decode()
    assert f"{EXPORTS}candidates.csv?q=jan" in page


def test_exporting_many_trajectories_takes_a_bounded_number_of_queries(
    client_for, coordinator, mentor, make_trajectory, django_assert_max_num_queries
):
    for _ in range(12):
        make_trajectory(mentors=[mentor])
    client = client_for(coordinator)
    with django_assert_max_num_queries(8):
        rows = csv_rows(client.get(f"{EXPORTS}trajectories.csv"))
    assert len(rows) == 13
