"""The workbook format clerks fill: file names, sheets and columns.

The parser finds sheets and columns by these headers (ignoring case, diacritics, line breaks and
a year written in the header, so 'Kế hoạch năm 2023' is the target column); the template writer
writes exactly these headers; ``docs/workbook-format.md`` is generated from this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.vocab import (
    ACTUAL_STATUS,
    AGGREGATION,
    AWARD_LEVEL,
    BLOC_KIND,
    CHANGE_KIND,
    DEADLINE_KIND,
    DIRECTION,
    FAMILY,
    LOCALITY_LEVEL,
    NTM_CRITERIA_SET,
    NTM_LEVEL,
    PARTY_ORG_TYPE,
    PARTY_RATING,
    RECIPIENT_KIND,
    SCORING_METHOD,
    STATUS,
    TARGET_KIND,
    TARGET_SOURCE,
    YES_NO,
    YES_NO_PLAIN,
    Vocabulary,
    fold,
)

# --- file names ---------------------------------------------------------------------------------
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods", ".xlsm")
YEAR_FILE = re.compile(r"^(?P<year>\d{4})\.(xlsx|xls|ods|xlsm)$", re.IGNORECASE)
TERM_FILE = re.compile(r"^nhiem-ky-(?P<start>\d{4})-(?P<end>\d{4})\.(xlsx|xls|ods|xlsm)$", re.IGNORECASE)
LOCALITIES_FILE = re.compile(r"^don-vi\.(xlsx|xls|ods|xlsm)$", re.IGNORECASE)
CATALOG_FILE = re.compile(r"^danh-muc-chi-tieu\.(xlsx|xls|ods|xlsm)$", re.IGNORECASE)
# A locality's emulation clusters and blocs, their scoring sheets and the council's scores.
EMULATION_FILE = re.compile(r"^thi-dua\.(xlsx|xls|ods|xlsm)$", re.IGNORECASE)
# The boundaries of a locality's units (GeoJSON), for the map of the compare page.
BOUNDARIES_FILE = re.compile(r"^ban-do\.(geojson|json)$", re.IGNORECASE)
# Files that office programs leave beside an open workbook.
LOCK_FILE = re.compile(r"^(~\$|\.~lock\.)")
# What file managers leave in folders: passed over without an issue (and counted).
OFFICE_JUNK = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".directory", "icon\r"})


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    numeric: bool = False
    vocab: Vocabulary | None = None
    width: int = 14
    help_vi: str = ""
    example: str = ""
    # Parent header written in a merged cell above this one (two-row headers).
    group: str | None = None

    def spellings(self) -> list[str]:
        """Folded header spellings, longest first so the most specific wins."""
        names = {fold(self.header), *(fold(a) for a in self.aliases)}
        if self.group:
            names.add(fold(f"{self.group} {self.header}"))
        return sorted(names, key=len, reverse=True)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    required: bool = False
    title_vi: str = ""
    purpose_vi: str = ""
    anchor: str = ""  # key of the column whose header identifies the header row
    extra: dict[str, str] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def matches(self, sheet_name: str) -> bool:
        folded = fold(sheet_name)
        return folded in {fold(self.name), *(fold(a) for a in self.aliases)}


def _vocab_help(v: Vocabulary) -> str:
    return "Chọn: " + " / ".join(v.choices_vi())


SOURCE_COLUMNS = (
    Column(
        "source_document",
        "Nguồn số liệu",
        ("nguồn", "tài liệu nguồn", "nguồn tài liệu"),
        width=30,
        help_vi="Văn bản báo cáo số liệu (số, ngày, cơ quan ban hành).",
        example="[001] Bài viết 'Những thành tựu đáng tự hào' (02/2024)",
    ),
    Column(
        "source_quote",
        "Trích dẫn",
        ("trích nguồn", "câu trích"),
        width=40,
        help_vi="Câu trong văn bản nêu số liệu, chép nguyên văn, để đối chiếu.",
    ),
    Column("note", "Ghi chú", ("ghi chu", "chú thích"), width=30),
)

# Columns the format grew by (after the source columns, so earlier workbooks keep their layout).
STATEMENT_COLUMNS = (
    Column(
        "binding",
        "Chỉ tiêu áp dụng",
        ("dòng áp dụng", "chỉ tiêu chính", "áp dụng để đánh giá"),
        vocab=YES_NO_PLAIN,
        width=12,
        help_vi=(
            "Khi báo cáo nêu một chỉ tiêu nhiều lần trong kỳ (phần mục tiêu và phần giải pháp), ghi mỗi lần một dòng "
            "và ghi 'Có' ở dòng dùng để đánh giá; để trống: dòng đầu tiên."
        ),
    ),
    Column(
        "target_source_kind",
        "Loại văn bản giao",
        ("nguồn chỉ tiêu", "loại nguồn chỉ tiêu", "loại văn bản"),
        vocab=TARGET_SOURCE,
        width=20,
        help_vi=_vocab_help(TARGET_SOURCE) + ". Để trống: đoán từ 'Văn bản giao chỉ tiêu'.",
    ),
    Column(
        "unit_code",
        "Đơn vị thực hiện",
        ("chỉ tiêu của đơn vị", "đơn vị (xã, phường)", "xã, phường thực hiện"),
        width=20,
        help_vi="Khi chỉ tiêu dành cho một đơn vị trực thuộc (ví dụ 'xã Thành An đạt chuẩn NTM'): mã hoặc tên trong don-vi.xlsx.",
    ),
)

INDICATOR_YEAR = SheetSpec(
    key="indicators",
    name="Chỉ tiêu",
    aliases=(
        "chi tieu",
        "chỉ tiêu năm",
        "bieu chi tieu",
        "biểu chỉ tiêu",
        "chỉ tiêu kt-xh",
        "chi tieu nhiem ky",
        "chỉ tiêu nhiệm kỳ",
    ),
    required=True,
    anchor="indicator_code",
    title_vi="BIỂU CHỈ TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH, XÂY DỰNG ĐẢNG NĂM {period}",
    purpose_vi="Mỗi dòng một chỉ tiêu: kế hoạch năm (chỉ tiêu), số thực hiện 6 tháng và cả năm, ước hay chính thức.",
    columns=(
        Column("stt", "STT", ("tt", "số tt", "so thu tu"), width=6),
        Column(
            "indicator_code",
            "Mã chỉ tiêu",
            ("mã", "mã số", "ma chi tieu"),
            required=True,
            width=30,
            help_vi="Chọn trong danh sách (danh mục chỉ tiêu). Dòng không có mã và không có số liệu (tiêu đề nhóm, ghi chú) được bỏ qua.",
        ),
        Column("name", "Tên chỉ tiêu", ("chỉ tiêu", "nội dung", "tên", "nội dung chỉ tiêu"), width=45),
        Column("unit", "Đơn vị tính", ("đvt", "đơn vị"), width=14, help_vi="Để trống thì lấy đơn vị của danh mục."),
        Column(
            "target_text",
            "Kế hoạch năm",
            ("kế hoạch", "chỉ tiêu kế hoạch", "kh năm", "kế hoạch giao", "chỉ tiêu năm", "mục tiêu", "chỉ tiêu giao"),
            numeric=True,
            width=16,
            help_vi="Ghi như nghị quyết: 12,25 hoặc 12,25% (bằng); trên 370 (tối thiểu); dưới 3% (tối đa); 6,6–6,8 (khoảng); khoảng 4.",
            example="trên 370",
        ),
        Column(
            "target_document",
            "Văn bản giao chỉ tiêu",
            ("căn cứ", "văn bản giao", "nghị quyết giao"),
            width=30,
            example="Nghị quyết 124/NQ-HĐND ngày 20/12/2022",
        ),
        Column(
            "h1_actual",
            "6 tháng đầu năm",
            ("thực hiện 6 tháng", "6 tháng", "thực hiện 6 tháng đầu năm"),
            numeric=True,
            group="Thực hiện",
            width=14,
        ),
        Column(
            "actual",
            "Cả năm",
            ("thực hiện cả năm", "thực hiện năm", "ước thực hiện năm", "ước thực hiện", "thực hiện", "cả năm"),
            numeric=True,
            group="Thực hiện",
            width=14,
            example="18.797,39",
        ),
        Column(
            "actual_status",
            "Loại số liệu",
            ("tình trạng số liệu", "loại", "ước/chính thức"),
            vocab=ACTUAL_STATUS,
            width=16,
            help_vi=_vocab_help(ACTUAL_STATUS),
        ),
        Column(
            "reported_pct",
            "% so với kế hoạch",
            ("% so kế hoạch", "tỷ lệ đạt", "% kh", "so với kế hoạch (%)", "% so với chỉ tiêu", "tỷ lệ so với kế hoạch"),
            numeric=True,
            width=12,
            help_vi="Chỉ ghi khi báo cáo nêu tỷ lệ (ví dụ 'bằng 100,3% kế hoạch').",
            example="100,3",
        ),
        Column(
            "reported_grade",
            "Đánh giá",
            ("kết quả đánh giá", "đánh giá kết quả", "xếp loại"),
            vocab=STATUS,
            width=12,
            help_vi="Chỉ ghi khi báo cáo tự đánh giá: Vượt / Đạt / Không đạt.",
        ),
        Column(
            "comparison_text",
            "So sánh (theo báo cáo)",
            ("so sánh", "so với cùng kỳ", "so với năm trước"),
            width=28,
            example="tăng 12,83% so với năm 2022",
        ),
        *SOURCE_COLUMNS,
        *STATEMENT_COLUMNS,
    ),
)

INDICATOR_TERM = SheetSpec(
    key="indicators",
    name="Chỉ tiêu nhiệm kỳ",
    aliases=("chi tieu nhiem ky", "chỉ tiêu", "chi tieu", "chỉ tiêu nghị quyết", "chỉ tiêu đại hội"),
    required=True,
    anchor="indicator_code",
    title_vi="CHỈ TIÊU NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ {period} VÀ KẾT QUẢ THỰC HIỆN",
    purpose_vi="Mỗi dòng một chỉ tiêu nhiệm kỳ: loại chỉ tiêu, mức nghị quyết, năm gốc; và số thực hiện mà báo cáo nhiệm kỳ nêu.",
    columns=(
        Column("stt", "STT", ("tt", "số tt"), width=6),
        Column("indicator_code", "Mã chỉ tiêu", ("mã", "mã số"), required=True, width=30),
        Column("name", "Tên chỉ tiêu", ("chỉ tiêu", "nội dung", "tên"), width=45),
        Column("unit", "Đơn vị tính", ("đvt", "đơn vị"), width=14),
        Column(
            "target_kind",
            "Loại chỉ tiêu",
            ("loại chỉ tiêu nhiệm kỳ", "hình thức chỉ tiêu", "cách tính"),
            vocab=TARGET_KIND,
            width=24,
            help_vi="Tăng bình quân hằng năm / Mức đạt đến cuối nhiệm kỳ / Tổng cả nhiệm kỳ / Ngưỡng hằng năm.",
        ),
        Column(
            "target_text",
            "Chỉ tiêu Nghị quyết",
            ("chỉ tiêu nhiệm kỳ", "mục tiêu", "chỉ tiêu", "kế hoạch"),
            numeric=True,
            width=16,
            example="12,5",
        ),
        Column(
            "target_document",
            "Văn bản giao chỉ tiêu",
            ("căn cứ", "nghị quyết"),
            width=30,
            example="Nghị quyết Đại hội đại biểu Đảng bộ thị xã lần thứ XVII",
        ),
        Column("baseline_year", "Năm gốc", ("năm cơ sở",), numeric=True, width=9),
        Column("baseline_value", "Giá trị năm gốc", ("giá trị gốc", "số năm gốc"), numeric=True, width=14),
        Column(
            "actual", "Thực hiện", ("thực hiện đến nay", "kết quả thực hiện", "ước thực hiện"), numeric=True, width=14
        ),
        Column(
            "covered",
            "Kỳ thực hiện",
            ("giai đoạn thực hiện", "thời gian thực hiện", "kỳ"),
            width=12,
            help_vi="Những năm số thực hiện bao gồm: 2023 hoặc 2021-2023.",
            example="2021-2023",
        ),
        Column("actual_status", "Loại số liệu", ("tình trạng số liệu",), vocab=ACTUAL_STATUS, width=16),
        Column(
            "reported_pct",
            "% so với chỉ tiêu",
            ("% so với nghị quyết", "% so với kế hoạch", "tỷ lệ đạt"),
            numeric=True,
            width=12,
        ),
        Column("reported_grade", "Đánh giá", ("kết quả đánh giá",), vocab=STATUS, width=12),
        Column("comparison_text", "So sánh (theo báo cáo)", ("so sánh",), width=28),
        *SOURCE_COLUMNS,
        *STATEMENT_COLUMNS,
    ),
)

NTM_SHEET = SheetSpec(
    key="ntm",
    name="Nông thôn mới",
    aliases=("nong thon moi", "ntm", "tiêu chí ntm", "nông thôn mới"),
    anchor="criteria_set",
    title_vi="KẾT QUẢ XÂY DỰNG NÔNG THÔN MỚI NĂM {period}",
    purpose_vi=(
        "Ghi đúng mức chi tiết báo cáo nêu: từng tiêu chí (số thứ tự và Đạt/Chưa đạt); hoặc chỉ số tiêu chí đạt của một xã; "
        "hoặc một khoảng cho một nhóm ('Các xã' đạt 9-14); và mức đạt chuẩn."
    ),
    columns=(
        Column(
            "unit_code",
            "Mã đơn vị",
            ("mã xã", "mã thôn", "mã"),
            width=24,
            help_vi="Mã trong don-vi.xlsx; để trống khi ghi cho một nhóm.",
        ),
        Column("unit_name", "Tên đơn vị", ("xã, thôn", "tên xã", "đơn vị", "tên"), width=22),
        Column(
            "group_label",
            "Nhóm",
            ("nhóm đơn vị", "phạm vi"),
            width=16,
            help_vi="Khi báo cáo nêu chung cho nhiều đơn vị: 'Các xã', '4 làng'.",
        ),
        Column("unit_count", "Số đơn vị", ("số đơn vị trong nhóm",), numeric=True, width=10),
        Column(
            "criteria_set",
            "Bộ tiêu chí",
            ("bộ tiêu chí áp dụng",),
            required=True,
            vocab=NTM_CRITERIA_SET,
            width=26,
            help_vi="Nông thôn mới / nâng cao / kiểu mẫu (Quyết định 318/QĐ-TTg).",
        ),
        Column(
            "criterion_no",
            "Tiêu chí số",
            ("tiêu chí", "stt tiêu chí", "số tiêu chí"),
            numeric=True,
            width=10,
            help_vi="1–19; để trống khi chỉ có số tiêu chí đạt.",
        ),
        Column("criterion_met", "Đạt tiêu chí", ("đạt/chưa đạt", "kết quả tiêu chí"), vocab=YES_NO, width=12),
        Column(
            "criteria_met",
            "Số tiêu chí đạt",
            ("số tiêu chí đã đạt", "tiêu chí đạt"),
            numeric=True,
            width=12,
            help_vi="Một số (11) hoặc khoảng (9-14).",
        ),
        Column(
            "criteria_total", "Tổng số tiêu chí", ("trên tổng số",), numeric=True, width=10, help_vi="Để trống: 19."
        ),
        Column("level_reached", "Mức đạt chuẩn", ("mức đạt", "công nhận"), vocab=NTM_LEVEL, width=24),
        Column("actual_status", "Loại số liệu", (), vocab=ACTUAL_STATUS, width=16),
        *SOURCE_COLUMNS,
    ),
)

PARTY_SHEET = SheetSpec(
    key="party",
    name="Xây dựng Đảng",
    aliases=("xay dung dang", "to chuc co so dang", "tổ chức cơ sở đảng", "đảng"),
    anchor="org_type",
    title_vi="TỔ CHỨC CƠ SỞ ĐẢNG NĂM {period}",
    purpose_vi=(
        "Số tổ chức cơ sở đảng và đảng viên theo khối, loại tổ chức và xếp loại cuối năm. "
        "Kết nạp đảng viên và tổng số đảng viên ghi ở trang 'Chỉ tiêu'."
    ),
    columns=(
        Column("block", "Khối", ("khối, lĩnh vực", "lĩnh vực"), width=26, help_vi="Để trống cho dòng tổng."),
        Column("org_type", "Loại tổ chức", ("loại tổ chức đảng",), required=True, vocab=PARTY_ORG_TYPE, width=28),
        Column(
            "rating",
            "Xếp loại",
            ("kết quả xếp loại", "đánh giá, xếp loại"),
            vocab=PARTY_RATING,
            width=30,
            help_vi="Để trống khi dòng đếm mọi mức xếp loại.",
        ),
        Column("org_count", "Số tổ chức", ("số tổ chức đảng", "số lượng"), numeric=True, width=12),
        Column("member_count", "Số đảng viên", ("đảng viên",), numeric=True, width=12),
        Column("actual_status", "Loại số liệu", (), vocab=ACTUAL_STATUS, width=16),
        *SOURCE_COLUMNS,
    ),
)

AWARDS_SHEET = SheetSpec(
    key="awards",
    name="Thi đua khen thưởng",
    aliases=("thi dua khen thuong", "khen thuong", "khen thưởng", "thi đua - khen thưởng", "thi đua – khen thưởng"),
    anchor="award_title",
    title_vi="KẾT QUẢ KHEN THƯỞNG {period}",
    purpose_vi="Mỗi dòng một danh hiệu hoặc hình thức khen thưởng theo cấp và đối tượng.",
    columns=(
        Column(
            "award_period",
            "Năm/Kỳ",
            ("năm", "kỳ", "giai đoạn", "thời gian"),
            width=11,
            help_vi="Để trống: kỳ của tệp. Tệp nhiệm kỳ có thể ghi một giai đoạn con (2016-2019).",
        ),
        Column(
            "award_title",
            "Danh hiệu, hình thức khen thưởng",
            ("danh hiệu", "hình thức khen thưởng", "tên danh hiệu"),
            required=True,
            width=45,
        ),
        Column("level", "Cấp khen thưởng", ("cấp", "cấp khen"), vocab=AWARD_LEVEL, width=16),
        Column("recipient_kind", "Đối tượng", ("tập thể/cá nhân", "đối tượng khen"), vocab=RECIPIENT_KIND, width=12),
        Column("award_count", "Số lượng", ("số lượng khen thưởng", "số"), numeric=True, width=10),
        Column("decision_ref", "Số quyết định", ("quyết định", "số, ngày quyết định"), width=30),
        Column("movement", "Phong trào thi đua", ("phong trào",), width=30),
        Column(
            "part_of_summary",
            "Đã tính trong số tổng hợp",
            ("thuộc tổng hợp", "chi tiết của tổng hợp"),
            vocab=YES_NO_PLAIN,
            width=14,
            help_vi="Ghi 'Có' khi dòng là chi tiết (từng quyết định) của một dòng tổng hợp, để không cộng hai lần.",
        ),
        *SOURCE_COLUMNS,
    ),
)

DEADLINES_SHEET = SheetSpec(
    key="deadlines",
    name="Hạn nộp",
    aliases=("han nop", "hạn nộp báo cáo", "thời hạn nộp", "thời hạn báo cáo", "lịch nộp"),
    anchor="item",
    title_vi="HẠN NỘP BÁO CÁO NĂM {period}",
    purpose_vi=(
        "Đơn vị cấp trên ghi hạn nộp cho các đơn vị trực thuộc (theo kế hoạch thi đua năm): đăng ký thi đua, "
        "số liệu 6 tháng, số liệu cả năm. Trang 'Theo dõi nộp báo cáo' so thời gian nộp với hạn này."
    ),
    columns=(
        Column(
            "item",
            "Nội dung",
            ("nội dung báo cáo", "báo cáo", "việc"),
            required=True,
            width=40,
            help_vi="Ví dụ: Số liệu ước thực hiện cả năm.",
        ),
        Column(
            "due",
            "Hạn nộp",
            ("thời hạn", "hạn", "ngày", "trước ngày"),
            required=True,
            width=14,
            help_vi="Ngày/tháng/năm (20/12/2025); ghi 20/3 thì hiểu là năm của tệp.",
        ),
        Column(
            "kind",
            "Loại",
            ("loại báo cáo", "kỳ số liệu"),
            vocab=DEADLINE_KIND,
            width=18,
            help_vi="Để trống: đọc từ 'Nội dung' (6 tháng, đăng ký, cả năm).",
        ),
        Column(
            "applies_to",
            "Áp dụng cho",
            ("đơn vị", "đơn vị nộp", "mã đơn vị"),
            width=24,
            help_vi="Mã đơn vị; để trống: mọi đơn vị trực thuộc.",
        ),
        *SOURCE_COLUMNS,
    ),
)

INFO_SHEET = SheetSpec(
    key="info",
    name="Thông tin chung",
    aliases=("thong tin chung", "thông tin", "thong tin"),
    anchor="",
    title_vi="THÔNG TIN CHUNG",
    purpose_vi="Địa phương, kỳ báo cáo, văn bản được nhập và mức phấn đấu 6 tháng.",
    columns=(),
    extra={
        "locality_code": "Mã địa phương",
        "locality_name": "Tên địa phương",
        "period": "Năm / Nhiệm kỳ",
        "title": "Tên báo cáo",
        "report_date": "Ngày báo cáo",
        "prepared_by": "Người lập",
        "h1_target_pct": "Mức phấn đấu 6 tháng đầu năm (% chỉ tiêu năm)",
        "h1_target_source": "Căn cứ mức phấn đấu 6 tháng",
    },
)

# Columns the units sheet grew by (after the source columns, so earlier don-vi.xlsx keep loading):
# where a unit came from and what it became, across mergers, splits and renamings.
LINEAGE_COLUMNS = (
    Column(
        "predecessors",
        "Hình thành từ",
        ("hình thành từ đơn vị", "các đơn vị cũ", "sáp nhập từ", "đơn vị trước"),
        width=30,
        help_vi=(
            "Khi đơn vị mới hình thành do sáp nhập, chia tách, đổi tên: mã các đơn vị cũ, cách nhau bởi dấu ; "
            "(ví dụ: xa-a; xa-b; xa-c). Ngày thay đổi là 'Hiệu lực từ ngày'."
        ),
    ),
    Column(
        "start_kind",
        "Hình thức hình thành",
        ("cách hình thành",),
        vocab=CHANGE_KIND,
        width=22,
        help_vi=_vocab_help(CHANGE_KIND) + ". Để trống: suy ra từ số đơn vị cũ và đơn vị mới.",
    ),
    Column(
        "successors",
        "Đơn vị kế thừa",
        ("sáp nhập vào đơn vị", "kế thừa bởi", "đơn vị mới", "đơn vị sau"),
        width=30,
        help_vi=(
            "Khi đơn vị kết thúc (sáp nhập, chia tách, đổi tên): mã các đơn vị kế thừa, cách nhau bởi dấu ;. "
            "Ngày thay đổi là ngày sau 'Hiệu lực đến ngày'."
        ),
    ),
    Column(
        "end_kind",
        "Hình thức kết thúc",
        ("cách kết thúc", "hình thức thay đổi", "hình thức sắp xếp"),
        vocab=CHANGE_KIND,
        width=22,
        help_vi=_vocab_help(CHANGE_KIND) + ". Để trống: suy ra từ số đơn vị cũ và đơn vị mới.",
    ),
    Column(
        "merge_weight",
        "Trọng số khi gộp",
        ("dân số khi sắp xếp", "quy mô dân số", "trọng số"),
        numeric=True,
        width=14,
        help_vi=(
            "Dân số (hoặc số hộ) của đơn vị cũ theo nghị quyết sắp xếp: dùng để tính lại tỷ lệ của đơn vị "
            "mới từ tỷ lệ các đơn vị cũ (bình quân có trọng số). Để trống: tỷ lệ không được gộp."
        ),
    ),
)

LOCALITIES_SHEET = SheetSpec(
    key="localities",
    name="Đơn vị hành chính",
    aliases=("don vi hanh chinh", "đơn vị", "don vi", "danh mục đơn vị"),
    required=True,
    anchor="code",
    title_vi="DANH MỤC ĐƠN VỊ HÀNH CHÍNH",
    purpose_vi="Tỉnh, thị xã/thành phố, xã/phường, thôn/làng/tổ dân phố với thời gian hiệu lực (sáp nhập, chia tách).",
    columns=(
        Column(
            "code",
            "Mã đơn vị",
            ("mã",),
            required=True,
            width=28,
            help_vi="Chữ thường không dấu, gạch ngang: an-khe-song-an.",
        ),
        Column("name_vi", "Tên đơn vị", ("tên",), required=True, width=26),
        Column("level", "Cấp", ("cấp hành chính", "loại đơn vị"), required=True, vocab=LOCALITY_LEVEL, width=14),
        Column("parent_code", "Mã đơn vị cấp trên", ("đơn vị cấp trên", "trực thuộc"), width=24),
        Column("valid_from", "Hiệu lực từ ngày", ("từ ngày", "ngày thành lập"), width=14),
        Column("valid_to", "Hiệu lực đến ngày", ("đến ngày", "ngày giải thể, sáp nhập"), width=14),
        *SOURCE_COLUMNS,
        *LINEAGE_COLUMNS,
    ),
)

# How indicators hang together, for the consistency checks: parts of a whole, and a growth rate
# of a level. Codes of the same catalog.
CATALOG_LINK_COLUMNS = (
    Column(
        "part_of",
        "Thuộc tổng (mã)",
        ("thuộc tổng", "là phần của (mã)", "mã chỉ tiêu tổng", "part of"),
        width=30,
        help_vi="Mã của chỉ tiêu tổng mà chỉ tiêu này là một phần; ghi cho mọi phần của tổng, các phần không trùng "
        "nhau. Các phần ghi % (cơ cấu) phải cộng lại 100%; các phần khác phải cộng lại bằng số tổng.",
        example="production_value_total",
    ),
    Column(
        "growth_of",
        "Tăng trưởng của (mã)",
        ("tốc độ tăng của (mã)", "tăng trưởng của", "growth of"),
        width=30,
        help_vi="Mã của chỉ tiêu mức mà chỉ tiêu này là tốc độ tăng (%): so với (mức năm nay ÷ mức năm trước − 1) × 100.",
        example="production_value_total",
    ),
    Column(
        "numerator_of",
        "Tử số (mã)",
        ("tử số", "số đạt (mã)", "numerator"),
        width=24,
        help_vi="Với một tỷ lệ (% hoặc ‰): mã của chỉ tiêu số lượng là tử số (53 trong 53/90). Ghi cùng 'Mẫu số "
        "(mã)': tỷ lệ được so với tử số ÷ mẫu số.",
        example="cultural_village_count",
    ),
    Column(
        "denominator_of",
        "Mẫu số (mã)",
        ("mẫu số", "tổng số (mã)", "denominator"),
        width=24,
        help_vi="Với một tỷ lệ (% hoặc ‰): mã của chỉ tiêu tổng số là mẫu số (90 trong 53/90).",
        example="village_count",
    ),
)

CATALOG_SHEET = SheetSpec(
    key="catalog",
    name="Danh mục chỉ tiêu",
    aliases=("danh muc chi tieu", "danh mục", "catalog"),
    required=True,
    anchor="indicator_code",
    title_vi="DANH MỤC CHỈ TIÊU",
    purpose_vi="Mỗi dòng một mã chỉ tiêu dùng chung cho mọi địa phương.",
    columns=(
        Column("indicator_code", "Mã chỉ tiêu", ("mã",), required=True, width=34),
        Column("name_vi", "Tên chỉ tiêu", ("tên tiếng việt",), required=True, width=50),
        Column("name_en", "Tên tiếng Anh", ("english name",), width=40),
        Column("unit", "Đơn vị tính", ("đvt",), required=True, width=18),
        Column(
            "unit_aliases",
            "Đơn vị tương đương",
            ("cách ghi khác của đơn vị",),
            width=24,
            help_vi="Các cách ghi khác, cách nhau bởi dấu ;",
        ),
        Column("family", "Nhóm", ("nhóm chỉ tiêu", "lĩnh vực"), required=True, vocab=FAMILY, width=22),
        Column("direction", "Chiều đánh giá", ("chiều",), required=True, vocab=DIRECTION, width=20),
        Column("aggregation", "Tính chất", ("tính chất số liệu",), required=True, vocab=AGGREGATION, width=14),
        Column("decimals", "Số chữ số thập phân", ("chữ số thập phân",), numeric=True, width=10),
        Column("min_value", "Giá trị nhỏ nhất", (), numeric=True, width=10),
        Column("max_value", "Giá trị lớn nhất", (), numeric=True, width=10),
        Column("description", "Mô tả", ("định nghĩa", "ghi chú"), width=40),
        Column("source_document", "Nguồn", ("nguồn số liệu",), width=30),
        # Columns the catalog grew by (at the end, so earlier catalogs keep loading).
        Column(
            "additive",
            "Cộng theo đơn vị",
            ("cộng được theo đơn vị", "tổng các đơn vị", "cộng các xã"),
            vocab=YES_NO_PLAIN,
            width=12,
            help_vi=(
                "Có: số của địa phương bằng tổng số của các đơn vị trực thuộc (dân số, giá trị sản xuất, số đảng viên). "
                "Để trống: Có với số cộng dồn và số thời điểm, Không với tỷ lệ."
            ),
        ),
        *CATALOG_LINK_COLUMNS,
    ),
)

EMULATION_BLOCS_SHEET = SheetSpec(
    key="emulation_blocs",
    name="Cụm, khối thi đua",
    aliases=("cum khoi thi dua", "cụm thi đua", "khối thi đua", "cụm, khối"),
    required=True,
    anchor="bloc_code",
    title_vi="DANH SÁCH CỤM, KHỐI THI ĐUA",
    purpose_vi="Mỗi dòng một đơn vị thành viên của một cụm hoặc khối thi đua, với những năm cụm, khối áp dụng.",
    columns=(
        Column(
            "bloc_code",
            "Mã cụm, khối",
            ("mã cụm", "mã khối", "mã cụm khối"),
            required=True,
            width=18,
            help_vi="Chữ thường không dấu, gạch ngang: cum-1, khoi-co-quan.",
        ),
        Column("bloc_name", "Tên cụm, khối", ("tên cụm", "tên khối", "cụm, khối"), width=30),
        Column("bloc_kind", "Loại", ("cụm hay khối",), vocab=BLOC_KIND, width=14, help_vi=_vocab_help(BLOC_KIND)),
        Column(
            "unit_code",
            "Mã đơn vị",
            ("mã đơn vị thành viên", "mã thành viên"),
            required=True,
            width=26,
            help_vi="Mã trong don-vi.xlsx: xã, phường, cơ quan, đơn vị.",
        ),
        Column("unit_name", "Tên đơn vị", ("đơn vị thành viên", "thành viên"), width=26),
        Column(
            "from_year",
            "Từ năm",
            ("áp dụng từ năm", "năm bắt đầu"),
            numeric=True,
            width=9,
            help_vi="Để trống: mọi năm.",
        ),
        Column(
            "to_year",
            "Đến năm",
            ("áp dụng đến năm", "năm kết thúc"),
            numeric=True,
            width=9,
            help_vi="Để trống: đến nay.",
        ),
        *SOURCE_COLUMNS,
    ),
)

EMULATION_CRITERIA_SHEET = SheetSpec(
    key="emulation_criteria",
    name="Tiêu chí chấm điểm",
    aliases=("tieu chi cham diem", "thang điểm", "thang điểm thi đua", "bảng điểm", "tiêu chí thi đua"),
    required=True,
    anchor="criterion_no",
    title_vi="TIÊU CHÍ VÀ THANG ĐIỂM THI ĐUA",
    purpose_vi=(
        "Mỗi dòng một tiêu chí của một cụm, khối và năm: chỉ tiêu được chấm (hoặc Hội đồng chấm), điểm tối đa và cách "
        "chấm (đạt/không đạt, theo tỷ lệ hoàn thành, theo tỷ lệ có mức trần)."
    ),
    columns=(
        Column(
            "bloc_code",
            "Mã cụm, khối",
            ("mã cụm", "mã khối"),
            width=18,
            help_vi="Để trống: áp dụng cho mọi đơn vị trực thuộc (và mọi cụm, khối) của địa phương.",
        ),
        Column(
            "year",
            "Năm áp dụng",
            ("năm", "năm chấm điểm"),
            required=True,
            width=12,
            help_vi="Một năm (2026) hoặc nhiều năm (2026-2030).",
            example="2026",
        ),
        Column(
            "criterion_no", "STT tiêu chí", ("stt", "tiêu chí số", "số thứ tự"), required=True, numeric=True, width=8
        ),
        Column("criterion_name", "Tiêu chí", ("nội dung tiêu chí", "tên tiêu chí", "nội dung"), width=40),
        Column(
            "indicator_code",
            "Mã chỉ tiêu",
            ("mã",),
            width=30,
            help_vi="Chỉ tiêu trong danh mục được chấm theo số liệu; để trống khi Hội đồng chấm (trang 'Điểm chấm').",
        ),
        Column(
            "weight",
            "Điểm tối đa",
            ("trọng số", "điểm chuẩn", "thang điểm", "điểm"),
            required=True,
            numeric=True,
            width=10,
        ),
        Column(
            "method",
            "Cách chấm",
            ("phương pháp chấm", "cách tính điểm"),
            vocab=SCORING_METHOD,
            width=24,
            help_vi=_vocab_help(SCORING_METHOD)
            + ". Để trống: Đạt/không đạt khi có mã chỉ tiêu, Hội đồng chấm khi không có.",
        ),
        Column(
            "cap_pct",
            "Mức trần (% kế hoạch)",
            ("mức trần", "tối đa (% kế hoạch)", "trần"),
            numeric=True,
            width=12,
            help_vi="Cho cách chấm có mức trần: tỷ lệ hoàn thành tối đa được tính điểm (để trống: 100).",
        ),
        *SOURCE_COLUMNS,
    ),
)

EMULATION_SCORES_SHEET = SheetSpec(
    key="emulation_scores",
    name="Điểm chấm",
    aliases=("diem cham", "điểm hội đồng chấm", "chấm điểm", "điểm thi đua"),
    required=True,
    anchor="criterion_no",
    title_vi="ĐIỂM HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG CHẤM",
    purpose_vi="Điểm của các tiêu chí do Hội đồng chấm: mỗi dòng một đơn vị, một tiêu chí, một năm.",
    columns=(
        Column(
            "bloc_code", "Mã cụm, khối", ("mã cụm", "mã khối"), width=18, help_vi="Như ở trang 'Tiêu chí chấm điểm'."
        ),
        Column("year", "Năm", ("năm chấm điểm",), required=True, numeric=True, width=8),
        Column("criterion_no", "STT tiêu chí", ("stt", "tiêu chí số"), required=True, numeric=True, width=8),
        Column("unit_code", "Mã đơn vị", ("mã đơn vị được chấm",), required=True, width=26),
        Column("unit_name", "Tên đơn vị", ("đơn vị",), width=26),
        Column("score", "Điểm", ("điểm chấm", "số điểm"), required=True, numeric=True, width=10),
        *SOURCE_COLUMNS,
    ),
)

SHEETS_BY_KEY = {
    "indicators_year": INDICATOR_YEAR,
    "indicators_term": INDICATOR_TERM,
    "ntm": NTM_SHEET,
    "party": PARTY_SHEET,
    "awards": AWARDS_SHEET,
    "deadlines": DEADLINES_SHEET,
    "info": INFO_SHEET,
    "localities": LOCALITIES_SHEET,
    "catalog": CATALOG_SHEET,
    "emulation_blocs": EMULATION_BLOCS_SHEET,
    "emulation_criteria": EMULATION_CRITERIA_SHEET,
    "emulation_scores": EMULATION_SCORES_SHEET,
}
