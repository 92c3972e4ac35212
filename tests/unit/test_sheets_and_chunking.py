from pathlib import Path

import pytest

from caf_assistant.knowledge.chunking import chunk_sheet, chunk_sheets, pack_paragraphs
from caf_assistant.knowledge.sheets import SheetFormatError, load_sheet, load_sheets, parse_body

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sheets"


def test_front_matter_is_read():
    sheet = load_sheet(FIXTURES / "demo-2020.md")
    assert sheet.meta.id == "demo-2020" and sheet.meta.edition == 2020
    assert sheet.meta.departement == "Loire" and sheet.meta.departement_code == "42"


def test_topic_and_portrait_are_inherited_and_attributes_stripped():
    sections = parse_body("# A {#creches}\n\ntexte\n\n## B\n\nsuite\n\n"
                          "# P {#portrait_territoire .portrait}\n\n## C {#portrait_allocataires}\n\n- 12 allocataires\n")
    by_heading = {s.heading: s for s in sections}
    assert by_heading["B"].topic == "creches" and by_heading["B"].heading_path == ("A", "B")
    assert by_heading["C"].portrait and by_heading["C"].topic == "portrait_allocataires"
    assert not by_heading["A"].portrait
    assert all("{" not in s.heading for s in sections)


def test_missing_front_matter_field_is_reported(tmp_path):
    (tmp_path / "bad.md").write_text("---\nid: x\n---\n# T\n")
    with pytest.raises(SheetFormatError, match="title"):
        load_sheet(tmp_path / "bad.md")


def test_chunks_carry_sheet_edition_department_and_section():
    chunks = chunk_sheet(load_sheet(FIXTURES / "demo-2020.md"))
    by_id = {c.id: c for c in chunks}
    bonus = by_id["demo-2020/bonus_territoire/le-bonus-territoire"]
    assert bonus.edition == 2020 and bonus.departement is None and bonus.section == "Le bonus « territoire »"
    portrait = by_id["demo-2020/portrait_allocataires/nos-allocataires"]
    assert portrait.departement == "Loire"
    assert "Objectifs crèches > Le bonus « territoire »" in bonus.indexed_text()


def test_chunk_ids_are_stable_and_unique_on_the_real_sheets():
    first = [c.id for c in chunk_sheets(load_sheets())]
    second = [c.id for c in chunk_sheets(load_sheets())]
    assert first == second
    assert len(first) == len(set(first))


def test_every_real_sheet_has_metadata_and_topics():
    sheets = load_sheets()
    assert {s.meta.edition for s in sheets} >= {2020, 2021, 2022, 2024}
    for sheet in sheets:
        assert sheet.meta.publisher and sheet.meta.source_file
        assert all(s.topic for s in sheet.sections)


def test_long_sections_are_cut_at_paragraph_boundaries():
    paragraphs = [" ".join(["mot"] * 60)] * 5
    pieces = pack_paragraphs(paragraphs, max_words=130)
    assert [len(p) for p in pieces] == [2, 2, 1]
