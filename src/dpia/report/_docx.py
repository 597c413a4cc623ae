"""The report as a Word file (``report.docx``), from the same ``Document`` as the HTML.

Real heading styles (Word's navigation pane lists the parts and the 17 points), tables with a
repeated header row, numbers right-aligned, the charts as images, A4. The same document gives the
same bytes: the core properties carry the run's start time and fixed values, and every entry of
the zip archive is dated by that time too (python-docx would date them "now").
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from dpia.report._model import (
    Answer,
    Document,
    Heading,
    Image,
    Items,
    Para,
    Question,
    Table,
    spans,
)

_CODE_FONT = "Consolas"
_LOCALE = {"nl": "nl-NL", "en": "en-GB"}


def to_docx(document: Document, charts_dir: Path, *, created: dt.datetime, author: str) -> bytes:
    """``document`` as the bytes of a .docx file, dated ``created`` (UTC)."""
    docx = new_docx()
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    section.top_margin = section.bottom_margin = Mm(18)
    _language(docx, _LOCALE.get(document.lang, "nl-NL"))
    # Arial: in Word as it is, in LibreOffice as its metric twin (Liberation Sans).
    docx.styles["Normal"].font.name = "Arial"
    docx.styles["Normal"].font.size = Pt(10)

    docx.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            _text(docx.add_paragraph(style=f"Heading {block.level}"), block.text)
        elif isinstance(block, Para):
            _text(docx.add_paragraph(), block.text)
        elif isinstance(block, Answer | Question):
            style = "Intense Quote" if isinstance(block, Question) else "Quote"
            paragraph = docx.add_paragraph(style=style)
            paragraph.add_run(block.label + " ").bold = True
            _text(paragraph, block.text)
        elif isinstance(block, Table):
            _table(docx, block)
        elif isinstance(block, Items):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                _text(docx.add_paragraph(style=style), item)
        elif isinstance(block, Image):
            path = charts_dir / f"{block.name}.png"
            docx.add_picture(str(path), width=Mm(160))
            docx.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(docx.add_paragraph(style="Caption"), block.caption)

    core = docx.core_properties
    core.title = document.title
    core.author = core.last_modified_by = author
    core.created = core.modified = core.last_printed = created.replace(tzinfo=None)
    core.revision = 1
    core.language = _LOCALE.get(document.lang, "nl-NL")
    core.comments = core.keywords = core.subject = core.category = ""
    buffer = io.BytesIO()
    docx.save(buffer)
    return _stable_zip(buffer.getvalue(), created)


def _text(paragraph: Paragraph, text: str) -> None:
    """``text`` as runs; code spans (between backticks) in a monospace font."""
    for part, is_code in spans(text):
        run = paragraph.add_run(part)
        if is_code:
            run.font.name = _CODE_FONT
            run.font.color.rgb = RGBColor(0x33, 0x33, 0x33)


def _table(docx: object, table: Table) -> None:
    cols = len(table.header)
    grid = docx.add_table(rows=1 + len(table.rows), cols=cols)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    # Repeat the header row on every page the table spans.
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_pr.append(repeat)
    for index, (cell, text) in enumerate(zip(header.cells, table.header, strict=True)):
        paragraph = cell.paragraphs[0]
        paragraph.add_run(text).bold = True
        _align(paragraph, table.is_numeric(index))
        _shade(cell._tc, "EEF4F8")
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            _text(paragraph, text)
            _align(paragraph, table.is_numeric(index))
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    docx.add_paragraph()  # type: ignore[attr-defined]


def _align(paragraph: Paragraph, numeric: bool) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT


def _shade(tc: object, fill: str) -> None:
    properties = tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _language(docx: object, locale: str) -> None:
    """The document's language (spelling, hyphenation) in the default run properties."""
    styles = docx.styles.element  # type: ignore[attr-defined]
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), locale)
    lang.set(qn("w:eastAsia"), locale)


def _stable_zip(data: bytes, created: dt.datetime) -> bytes:
    """The archive again, each entry dated ``created`` with fixed attributes, in the same order."""
    stamp = created.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
