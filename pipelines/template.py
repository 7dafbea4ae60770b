"""Write workbooks in the format clerks fill: blank templates, the sample data, benchmark data.

A workbook looks like a Vietnamese administrative form: the issuing body and the national motto
in merged cells at the top, a merged title, a two-row header ('Thực hiện' over '6 tháng đầu năm'
and 'Cả năm'), a row of column numbers, section headings per indicator family, and a note and a
signature under the table. Codes and statuses have drop-down lists; a hidden sheet holds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from pipelines.families import FAMILIES, SheetFamily
from schemas.vocab import FAMILY, Vocabulary, ntm_criteria_version
from schemas.workbook_format import INFO_SHEET, Column, SheetSpec

HEADER_ROW = 6  # 0-based: the header starts on spreadsheet row 7, under the title block
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass
class SheetData:
    """Rows for one sheet: dicts keyed by column key. A value that is a ``str`` is written as
    text exactly as given ("7.978,01"), a number as a number. A row with ``_heading`` writes a
    section heading; ``None`` writes a blank row (clerks leave them)."""

    rows: list[dict | None] = field(default_factory=list)
    note: str | None = None


@dataclass
class WorkbookContent:
    kind: str  # year, term, units, catalog
    locality_code: str | None = None
    locality_name: str | None = None
    period: str | None = None
    info: dict[str, object] = field(default_factory=dict)
    sheets: dict[str, SheetData] = field(default_factory=dict)  # spec key → data


def sheets_for(kind: str, families: dict[str, SheetFamily] | None = None) -> list[SheetSpec]:
    """The sheets of a workbook of this kind ('year', 'term', 'localities', 'catalog'), in registry order."""
    return [spec for f in (families or FAMILIES).values() if (spec := f.sheet_for(kind)) is not None]


class _Writer:
    def __init__(self, path: Path, content: WorkbookContent, codes: Sequence[str], sheets: list[SheetSpec]):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
        self.content = content
        self.codes = list(codes)
        self.sheets = sheets
        f = self.wb.add_format
        base = {"font_name": "Times New Roman", "font_size": 12}
        self.fmt = {
            "org": f({**base, "bold": True, "align": "center"}),
            "motto": f({**base, "bold": True, "align": "center", "underline": True}),
            "title": f(
                {**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter", "text_wrap": True}
            ),
            "subtitle": f({**base, "italic": True, "align": "center"}),
            "header": f(
                {
                    **base,
                    "bold": True,
                    "align": "center",
                    "valign": "vcenter",
                    "text_wrap": True,
                    "border": 1,
                    "bg_color": "#DDEBF7",
                }
            ),
            "numbering": f({**base, "italic": True, "align": "center", "border": 1, "font_size": 10}),
            "text": f({**base, "border": 1, "valign": "top", "text_wrap": True}),
            "number": f({**base, "border": 1, "num_format": "#,##0.##"}),
            "heading": f({**base, "bold": True, "border": 1, "bg_color": "#F2F2F2"}),
            "note": f({**base, "italic": True}),
            "sign": f({**base, "bold": True, "align": "center"}),
            "label": f({**base, "bold": True}),
            "value": f({**base}),
        }
        self.lists = self.wb.add_worksheet("_Danh sách")
        self.list_ranges: dict[str, str] = {}
        self._write_lists()

    def _write_lists(self) -> None:
        col = 0
        lists: dict[str, list[str]] = {"codes": self.codes}
        for spec in self.sheets:
            for c in spec.columns:
                if c.vocab is not None:
                    lists[c.vocab.name] = c.vocab.choices_vi()
        if self.content.kind == "year":
            # The numbers of the national set in force that year (19 until 2025, 10 from 2026).
            year = int(self.content.period) if (self.content.period or "").isdigit() else None
            lists["criteria"] = [str(n) for n in ntm_criteria_version(year).names]
        for name, values in lists.items():
            if not values:
                continue
            self.lists.write(0, col, name)
            for i, v in enumerate(values, start=1):
                self.lists.write_string(i, col, v)
            first = xl_rowcol_to_cell(1, col, row_abs=True, col_abs=True)
            last = xl_rowcol_to_cell(len(values), col, row_abs=True, col_abs=True)
            self.list_ranges[name] = f"='_Danh sách'!{first}:{last}"
            col += 1
        self.lists.hide()

    def info_sheet(self) -> None:
        c = self.content
        ws = self.wb.add_worksheet(INFO_SHEET.name)
        ws.set_column(0, 0, 48)
        ws.set_column(1, 1, 60)
        ws.write(0, 0, INFO_SHEET.title_vi, self.fmt["title"])
        values = {
            "locality_code": c.locality_code,
            "locality_name": c.locality_name,
            "period": c.period,
            **c.info,
        }
        r = 2
        for key, label in INFO_SHEET.extra.items():
            ws.write(r, 0, label, self.fmt["label"])
            value = values.get(key)
            if value is not None:
                ws.write(r, 1, value, self.fmt["value"])
            r += 1
        ws.write(r + 1, 0, "Mã địa phương và năm (nhiệm kỳ) phải khớp với thư mục và tên tệp.", self.fmt["note"])

    def data_sheet(self, spec: SheetSpec, data: SheetData | None) -> None:
        c = self.content
        ws = self.wb.add_worksheet(spec.name)
        cols = spec.columns
        last_col = len(cols) - 1
        org = f"UBND {(c.locality_name or '').upper()}".strip()
        ws.merge_range(0, 0, 0, min(3, last_col), org, self.fmt["org"])
        if last_col >= 6:
            ws.merge_range(0, 5, 0, last_col, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.fmt["org"])
            ws.merge_range(1, 5, 1, last_col, "Độc lập - Tự do - Hạnh phúc", self.fmt["motto"])
        title = spec.title_vi.format(period=c.period or "")
        ws.merge_range(3, 0, 3, last_col, title, self.fmt["title"])
        ws.set_row(3, 36)
        ws.merge_range(4, 0, 4, last_col, spec.purpose_vi, self.fmt["subtitle"])
        for j, col in enumerate(cols):
            ws.set_column(j, j, col.width)
        two_rows = any(col.group for col in cols)
        top, sub = HEADER_ROW, HEADER_ROW + 1
        j = 0
        while j < len(cols):
            col = cols[j]
            header = _header_text(col, c)
            if col.group:
                k = j
                while k + 1 < len(cols) and cols[k + 1].group == col.group:
                    k += 1
                if k > j:
                    ws.merge_range(top, j, top, k, col.group, self.fmt["header"])
                else:
                    ws.write(top, j, col.group, self.fmt["header"])
                for m in range(j, k + 1):
                    ws.write(sub, m, _header_text(cols[m], c), self.fmt["header"])
                j = k + 1
                continue
            if two_rows:
                ws.merge_range(top, j, sub, j, header, self.fmt["header"])
            else:
                ws.write(top, j, header, self.fmt["header"])
            if col.help_vi:
                ws.write_comment(top, j, col.help_vi, {"x_scale": 2, "y_scale": 1.5})
            j += 1
        header_last = sub if two_rows else top
        numbering = header_last + 1
        for j in range(len(cols)):
            ws.write(numbering, j, f"({j + 1})", self.fmt["numbering"])
        first_data = numbering + 1
        ws.freeze_panes(first_data, 0)
        r = first_data
        rows = data.rows if data else []
        for row in rows:
            if row is None:
                r += 1
                continue
            if "_heading" in row:
                ws.merge_range(r, 0, r, last_col, row["_heading"], self.fmt["heading"])
                r += 1
                continue
            for j, col in enumerate(cols):
                value = row.get(col.key)
                if value is None:
                    ws.write_blank(r, j, None, self.fmt["text"])
                elif isinstance(value, bool):
                    ws.write_string(r, j, "Có" if value else "Không", self.fmt["text"])
                elif isinstance(value, (int, float)):
                    ws.write_number(r, j, value, self.fmt["number"])
                else:
                    ws.write_string(r, j, str(value), self.fmt["text"])
            r += 1
        last_data = max(r + 50, first_data + 200)
        self._validations(ws, spec, first_data, last_data)
        note_row = r + 1
        if data and data.note:
            ws.write(note_row, 1, data.note, self.fmt["note"])
        ws.write(note_row + 2, 1, "NGƯỜI LẬP BIỂU", self.fmt["sign"])
        ws.write(note_row + 2, min(last_col, 6), "THỦ TRƯỞNG ĐƠN VỊ", self.fmt["sign"])
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(top, header_last)

    def _validations(self, ws, spec: SheetSpec, first: int, last: int) -> None:
        for j, col in enumerate(spec.columns):
            source = None
            if col.key == "indicator_code" and self.codes:
                source = self.list_ranges.get("codes")
            elif col.vocab is not None:
                source = self.list_ranges.get(col.vocab.name)
            elif col.key == "criterion_no":
                source = self.list_ranges.get("criteria")
            if source:
                ws.data_validation(
                    first,
                    j,
                    last,
                    j,
                    {
                        "validate": "list",
                        "source": source,
                        "ignore_blank": True,
                        # Codes come from a catalog that grows: a code added after the template was
                        # written is typed without Excel objecting.
                        "show_error": col.key != "indicator_code",
                        "error_type": "warning",
                        "error_title": col.header,
                        "error_message": "Giá trị không có trong danh sách; vẫn có thể giữ nếu chắc chắn.",
                    },
                )

    def guide_sheet(self) -> None:
        ws = self.wb.add_worksheet("Hướng dẫn")
        ws.set_column(0, 0, 110)
        lines = [
            "HƯỚNG DẪN NHẬP SỐ LIỆU",
            "1. Giữ nguyên tên các trang và dòng tiêu đề cột; có thể thêm dòng trống, tiêu đề nhóm, ghi chú dưới bảng.",
            "2. Số ghi theo kiểu Việt Nam: 7.978,01 (dấu chấm ngăn hàng nghìn, dấu phẩy thập phân); có thể ghi 12,5%.",
            "3. Chỉ tiêu ghi đúng như nghị quyết: 12,25 (bằng); trên 370 (tối thiểu); dưới 3% (tối đa); 6,6–6,8 (khoảng); khoảng 4.",
            "4. Loại số liệu: 'Ước thực hiện' khi là số ước; 'Chính thức' khi là số chính thức. Nạp lại số chính thức thì số ước vẫn được lưu lại trong lịch sử.",
            "5. Khi báo cáo chỉ nêu tỷ lệ (ví dụ 'bằng 100,3% kế hoạch'), ghi tỷ lệ vào cột '% so với kế hoạch' và để trống kế hoạch.",
            "6. Cột 'Nguồn số liệu' và 'Trích dẫn' ghi văn bản và câu nêu số liệu để đối chiếu khi in báo cáo.",
            "7. Tên tệp: NĂM.xlsx (ví dụ 2023.xlsx) hoặc nhiem-ky-2020-2025.xlsx, đặt trong thư mục mã địa phương (ví dụ an-khe).",
            "8. Xã, phường, cơ quan trực thuộc tự báo cáo: bảng tính cùng mẫu, đặt trong thư mục mang mã đơn vị (ví dụ an-khe-song-an/2026.xlsx).",
        ]
        for i, line in enumerate(lines):
            ws.write(i, 0, line, self.fmt["label"] if i == 0 else self.fmt["value"])

    def close(self) -> None:
        self.wb.close()


def _header_text(col: Column, content: WorkbookContent) -> str:
    if content.kind == "year" and col.key in ("target_text",):
        return f"{col.header} {content.period}"
    return col.header


def write_workbook(
    path: Path, content: WorkbookContent, codes: Sequence[str] = (), families: dict[str, SheetFamily] | None = None
) -> Path:
    """Write a workbook of the given kind with whatever rows ``content`` holds (``content.sheets`` is
    keyed by each sheet's ``SheetSpec.key``: 'indicators', 'ntm', 'party', 'awards' …)."""
    sheets = sheets_for(content.kind, families)
    writer = _Writer(path, content, codes, sheets)
    if content.kind in ("year", "term"):
        writer.info_sheet()
    for spec in sheets:
        writer.data_sheet(spec, content.sheets.get(spec.key))
    writer.guide_sheet()
    writer.close()
    return path


def catalog_prefill(catalog: Iterable[dict], families: Vocabulary = FAMILY) -> list[dict]:
    """Indicator rows grouped by family under numbered headings, for a blank template."""
    rows: list[dict] = []
    by_family: dict[str, list[dict]] = {}
    for item in catalog:
        by_family.setdefault(item["family"], []).append(item)
    for n, code in enumerate(c for c in families.codes if c in by_family):
        rows.append({"_heading": f"{ROMAN[n]}. {families.label(code).upper()}"})
        for i, item in enumerate(by_family[code], start=1):
            rows.append(
                {"stt": i, "indicator_code": item["indicator_code"], "name": item["name_vi"], "unit": item["unit"]}
            )
    return rows


def blank_localities(path: Path, locality_code: str, name: str, level: str, parent_code: str | None = None) -> Path:
    """A don-vi.xlsx for a new locality: its own row filled in, the rest for its communes, wards and villages."""
    rows: list[dict | None] = [{"code": locality_code, "name_vi": name, "level": level, "parent_code": parent_code}]
    content = WorkbookContent(
        kind="localities",
        locality_code=locality_code,
        locality_name=name,
        sheets={
            "localities": SheetData(
                rows=rows,
                note="Ghi mỗi xã, phường, thôn, làng, tổ dân phố một dòng; 'Mã đơn vị cấp trên' là mã của đơn vị chứa nó.",
            )
        },
    )
    return write_workbook(path, content)


def blank_emulation(path: Path, locality_code: str, name: str, codes: Sequence[str] = ()) -> Path:
    """A blank thi-dua.xlsx for a locality's Emulation and Awards Council: its clusters and blocs,
    its scoring sheets and the scores it gives (codes: the catalog's, for the drop-down)."""
    content = WorkbookContent(
        kind="emulation",
        locality_code=locality_code,
        locality_name=name,
        sheets={
            "emulation_blocs": SheetData(
                note="Mỗi dòng một đơn vị thành viên của một cụm hoặc khối; 'Từ năm', 'Đến năm' để trống: mọi năm."
            ),
            "emulation_criteria": SheetData(
                note="Mỗi dòng một tiêu chí của một cụm, khối (hoặc của cả địa phương khi để trống mã cụm, khối) và năm."
            ),
            "emulation_scores": SheetData(note="Điểm của các tiêu chí do Hội đồng chấm, mỗi đơn vị một dòng."),
        },
    )
    return write_workbook(path, content, codes)


def blank_template(path: Path, locality_code: str, locality_name: str, period: str, catalog: list[dict]) -> Path:
    """A blank yearly (period '2024') or term (period '2025-2030') workbook for a locality."""
    kind = "term" if "-" in period else "year"
    content = WorkbookContent(
        kind=kind,
        locality_code=locality_code,
        locality_name=locality_name,
        period=period,
        info={"h1_target_pct": "ít nhất 50%"} if kind == "year" else {},
        sheets={
            "indicators": SheetData(
                rows=catalog_prefill(catalog),
                note="Ghi chú: số liệu ước thực hiện ghi 'Ước thực hiện' ở cột Loại số liệu.",
            )
        },
    )
    return write_workbook(path, content, [c["indicator_code"] for c in catalog])
