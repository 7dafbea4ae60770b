"""Controlled vocabularies: the codes stored in the warehouse and the words people use for them.

Every vocabulary maps a stable ASCII code (what the warehouse stores) to a Vietnamese label
(what a clerk types and a leader reads) and an English label. ``aliases`` lists other ways
clerks write the same thing; matching ignores case, diacritics and extra spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, strip Vietnamese diacritics (đ → d) and collapse whitespace.

    >>> fold("  Ước   THỰC hiện ")
    'uoc thuc hien'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Entry:
    code: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of terms with lookup by any of their spellings."""

    name: str
    terms: tuple[Entry, ...]
    _index: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for term in self.terms:
            for spelling in (term.code, term.vi, term.en, *term.aliases):
                self._index.setdefault(fold(spelling), term.code)

    @property
    def codes(self) -> list[str]:
        return [t.code for t in self.terms]

    def lookup(self, text: str | None) -> str | None:
        """The code for a spelling, or None when it is not one of ours."""
        if text is None:
            return None
        return self._index.get(fold(text))

    def label(self, code: str | None, lang: str = "vi") -> str:
        for term in self.terms:
            if term.code == code:
                return term.vi if lang == "vi" else term.en
        return "" if code is None else str(code)

    def spellings(self) -> dict[str, str]:
        """Folded spelling → code, for vectorised lookups."""
        return dict(self._index)

    def choices_vi(self) -> list[str]:
        return [t.vi for t in self.terms]


ACTUAL_STATUS = Vocabulary(
    "actual_status",
    (
        Entry(
            "estimate",
            "Ước thực hiện",
            "Estimate",
            ("ước", "ước tính", "ước đạt", "uth", "dự ước", "ước thực hiện năm"),
        ),
        Entry("official", "Chính thức", "Official", ("số chính thức", "thực hiện", "tht", "đã thực hiện")),
    ),
)

STATUS = Vocabulary(
    "status",
    (
        Entry("vuot", "Vượt", "Exceeded", ("vượt chỉ tiêu", "vượt kế hoạch", "hoàn thành vượt", "vượt mức")),
        Entry("dat", "Đạt", "Met", ("đạt chỉ tiêu", "hoàn thành", "đạt kế hoạch")),
        Entry("khong_dat", "Không đạt", "Not met", ("chưa đạt", "không hoàn thành", "không đạt chỉ tiêu")),
        Entry("chua_co_so_lieu", "Chưa có số liệu", "No data", ("chưa có", "không có số liệu")),
    ),
)

TARGET_FORM = Vocabulary(
    "target_form",
    (
        Entry("exact", "Bằng", "Exactly"),
        Entry("min", "Tối thiểu", "At least", ("trên", "từ ... trở lên", "ít nhất")),
        Entry("max", "Tối đa", "At most", ("dưới", "không quá")),
        Entry("range", "Trong khoảng", "Range"),
        Entry("about", "Khoảng", "About"),
    ),
)

DIRECTION = Vocabulary(
    "direction",
    (
        Entry("higher_is_better", "Càng cao càng tốt", "Higher is better", ("tăng", "cao hơn là tốt")),
        Entry("lower_is_better", "Càng thấp càng tốt", "Lower is better", ("giảm", "thấp hơn là tốt")),
        Entry("neutral", "Trung tính", "Neutral", ("không xác định",)),
    ),
)

AGGREGATION = Vocabulary(
    "aggregation",
    (
        Entry("flow", "Cộng dồn", "Flow (adds up over time)", ("cong don", "luỹ kế", "lũy kế")),
        Entry("stock", "Thời điểm", "Stock (level at a date)", ("số thời điểm",)),
        Entry("rate", "Tỷ lệ", "Rate or share", ("tỉ lệ", "tốc độ")),
    ),
)

FAMILY = Vocabulary(
    "family",
    (
        Entry("economy", "Kinh tế", "Economy", ("kinh tế - ngân sách", "phát triển kinh tế")),
        Entry("social", "Văn hóa – Xã hội", "Society and culture", ("xã hội", "văn hóa - xã hội", "văn hoá xã hội")),
        Entry("urban_environment", "Đô thị – Môi trường", "Urban and environment", ("đô thị", "môi trường")),
        Entry("ntm", "Nông thôn mới", "New rural areas", ("xây dựng nông thôn mới",)),
        Entry("party", "Xây dựng Đảng", "Party building", ("công tác xây dựng đảng", "đảng")),
        Entry(
            "government",
            "Xây dựng chính quyền",
            "Government and administration",
            ("chính quyền", "cải cách hành chính"),
        ),
        Entry("defence", "Quốc phòng – An ninh", "Defence and security", ("quốc phòng an ninh", "an ninh")),
        Entry("awards", "Thi đua – Khen thưởng", "Emulation and awards", ("thi đua khen thưởng", "khen thưởng")),
    ),
)

# The kinds of targets a resolution sets. "annual" is the People's Council's yearly target; the
# other four are how a congress resolution phrases a five-year (term) target.
TARGET_KIND = Vocabulary(
    "target_kind",
    (
        Entry("annual", "Chỉ tiêu năm", "Annual target", ("năm", "kế hoạch năm")),
        Entry(
            "average_rate",
            "Tăng bình quân hằng năm",
            "Average annual rate",
            ("bình quân", "tăng bình quân", "tốc độ bình quân", "bình quân/năm"),
        ),
        Entry(
            "end_level",
            "Mức đạt đến cuối nhiệm kỳ",
            "End-of-term level",
            ("đến cuối nhiệm kỳ", "mức cuối kỳ", "đến năm cuối", "mức đạt"),
        ),
        Entry(
            "cumulative",
            "Tổng cả nhiệm kỳ",
            "Cumulative over the term",
            ("cộng dồn", "tổng cộng dồn", "cả nhiệm kỳ", "lũy kế"),
        ),
        Entry("threshold", "Ngưỡng hằng năm", "Yearly threshold", ("hằng năm", "hàng năm", "ngưỡng")),
    ),
)

PERIOD_KIND = Vocabulary(
    "period_kind",
    (
        Entry("year", "Năm", "Year"),
        Entry("half_year", "6 tháng đầu năm", "First half-year"),
        Entry("term", "Nhiệm kỳ", "Congress term"),
    ),
)

LOCALITY_LEVEL = Vocabulary(
    "locality_level",
    (
        Entry("tinh", "Tỉnh", "Province", ("thành phố trực thuộc trung ương",)),
        Entry("thanh_pho", "Thành phố", "City", ("tp",)),
        Entry("thi_xa", "Thị xã", "Town", ("tx",)),
        Entry("huyen", "Huyện", "District"),
        Entry("xa", "Xã", "Commune"),
        Entry("phuong", "Phường", "Ward"),
        Entry("thi_tran", "Thị trấn", "Township"),
        Entry("thon", "Thôn", "Hamlet"),
        Entry("lang", "Làng", "Village (ethnic minority)", ("buôn", "plei", "bản")),
        Entry("to_dan_pho", "Tổ dân phố", "Residential group", ("tdp",)),
    ),
)

# Units above the commune level that hold workbooks of their own.
DISTRICT_LEVELS = ("thanh_pho", "thi_xa", "huyen")
COMMUNE_LEVELS = ("xa", "phuong", "thi_tran")
VILLAGE_LEVELS = ("thon", "lang", "to_dan_pho")

NTM_LEVEL = Vocabulary(
    "ntm_level",
    (
        Entry("chua_dat", "Chưa đạt chuẩn", "Not yet recognised", ("chưa đạt",)),
        Entry(
            "de_nghi",
            "Đã đề nghị công nhận",
            "Dossier filed, not yet recognised",
            (
                "đề nghị công nhận",
                "đang đề nghị công nhận",
                "đã trình hồ sơ đề nghị công nhận",
                "đề nghị xét công nhận",
            ),
        ),
        Entry("ntm", "Nông thôn mới", "New rural area", ("đạt chuẩn nông thôn mới", "ntm", "đạt chuẩn")),
        Entry("ntm_nang_cao", "Nông thôn mới nâng cao", "Advanced new rural area", ("nâng cao", "ntm nâng cao")),
        Entry("ntm_kieu_mau", "Nông thôn mới kiểu mẫu", "Model new rural area", ("kiểu mẫu", "ntm kiểu mẫu")),
    ),
)

NTM_CRITERIA_SET = Vocabulary(
    "ntm_criteria_set",
    (
        Entry(
            "ntm",
            "Bộ tiêu chí nông thôn mới",
            "New rural area criteria",
            ("nông thôn mới", "ntm", "tiêu chí nông thôn mới"),
        ),
        Entry(
            "ntm_nang_cao",
            "Bộ tiêu chí nông thôn mới nâng cao",
            "Advanced criteria",
            ("nâng cao", "ntm nâng cao", "nông thôn mới nâng cao"),
        ),
        Entry(
            "ntm_kieu_mau",
            "Bộ tiêu chí nông thôn mới kiểu mẫu",
            "Model criteria",
            ("kiểu mẫu", "ntm kiểu mẫu", "nông thôn mới kiểu mẫu"),
        ),
    ),
)


@dataclass(frozen=True)
class NtmCriteriaVersion:
    """A national set of new-rural-area criteria for communes, in force for a span of years."""

    version: str  # '2021-2025'
    first_year: int
    last_year: int
    decision: str
    names: dict[int, tuple[str, str]]  # criterion number → (Vietnamese, English)

    @property
    def count(self) -> int:
        return len(self.names)


# The national sets, each with its own numbering and names. A year's figures are read against the
# set in force that year (a 2013 'tiêu chí 7' is the rural market; in 2023 it is commercial infrastructure).
NTM_CRITERIA_VERSIONS: tuple[NtmCriteriaVersion, ...] = (
    NtmCriteriaVersion(
        "2010-2015",
        2010,
        2015,
        "Quyết định 491/QĐ-TTg ngày 16/4/2009",
        {
            1: ("Quy hoạch và thực hiện quy hoạch", "Planning"),
            2: ("Giao thông", "Transport"),
            3: ("Thủy lợi", "Irrigation"),
            4: ("Điện", "Electricity"),
            5: ("Trường học", "Schools"),
            6: ("Cơ sở vật chất văn hóa", "Cultural facilities"),
            7: ("Chợ nông thôn", "Rural market"),
            8: ("Bưu điện", "Post office"),
            9: ("Nhà ở dân cư", "Housing"),
            10: ("Thu nhập", "Income"),
            11: ("Hộ nghèo", "Poor households"),
            12: ("Cơ cấu lao động", "Labour structure"),
            13: ("Hình thức tổ chức sản xuất", "Forms of production organisation"),
            14: ("Giáo dục", "Education"),
            15: ("Y tế", "Health"),
            16: ("Văn hóa", "Culture"),
            17: ("Môi trường", "Environment"),
            18: ("Hệ thống tổ chức chính trị xã hội vững mạnh", "Strong political and social organisations"),
            19: ("An ninh, trật tự xã hội", "Security and social order"),
        },
    ),
    NtmCriteriaVersion(
        "2016-2020",
        2016,
        2020,
        "Quyết định 1980/QĐ-TTg ngày 17/10/2016",
        {
            1: ("Quy hoạch", "Planning"),
            2: ("Giao thông", "Transport"),
            3: ("Thủy lợi", "Irrigation"),
            4: ("Điện", "Electricity"),
            5: ("Trường học", "Schools"),
            6: ("Cơ sở vật chất văn hóa", "Cultural facilities"),
            7: ("Cơ sở hạ tầng thương mại nông thôn", "Rural commercial infrastructure"),
            8: ("Thông tin và Truyền thông", "Information and communications"),
            9: ("Nhà ở dân cư", "Housing"),
            10: ("Thu nhập", "Income"),
            11: ("Hộ nghèo", "Poor households"),
            12: ("Lao động có việc làm", "Employment"),
            13: ("Tổ chức sản xuất", "Production organisation"),
            14: ("Giáo dục và Đào tạo", "Education and training"),
            15: ("Y tế", "Health"),
            16: ("Văn hóa", "Culture"),
            17: ("Môi trường và an toàn thực phẩm", "Environment and food safety"),
            18: ("Hệ thống chính trị và tiếp cận pháp luật", "Political system and access to law"),
            19: ("Quốc phòng và An ninh", "Defence and security"),
        },
    ),
    NtmCriteriaVersion(
        "2021-2025",
        2021,
        2025,
        "Quyết định 318/QĐ-TTg ngày 08/3/2022",
        {
            1: ("Quy hoạch", "Planning"),
            2: ("Giao thông", "Transport"),
            3: ("Thủy lợi và phòng, chống thiên tai", "Irrigation and disaster prevention"),
            4: ("Điện", "Electricity"),
            5: ("Trường học", "Schools"),
            6: ("Cơ sở vật chất văn hóa", "Cultural facilities"),
            7: ("Cơ sở hạ tầng thương mại nông thôn", "Rural commercial infrastructure"),
            8: ("Thông tin và Truyền thông", "Information and communications"),
            9: ("Nhà ở dân cư", "Housing"),
            10: ("Thu nhập", "Income"),
            11: ("Nghèo đa chiều", "Multidimensional poverty"),
            12: ("Lao động", "Labour"),
            13: ("Tổ chức sản xuất và phát triển kinh tế nông thôn", "Production organisation and rural economy"),
            14: ("Giáo dục và Đào tạo", "Education and training"),
            15: ("Y tế", "Health"),
            16: ("Văn hóa", "Culture"),
            17: ("Môi trường và an toàn thực phẩm", "Environment and food safety"),
            18: ("Hệ thống chính trị và tiếp cận pháp luật", "Political system and access to law"),
            19: ("Quốc phòng và An ninh", "Defence and security"),
        },
    ),
    NtmCriteriaVersion(
        "2026-2030",
        2026,
        2030,
        "Quyết định 51/2025/QĐ-TTg ngày 29/12/2025",
        {
            1: ("Quy hoạch", "Planning"),
            2: ("Hạ tầng kinh tế - xã hội", "Economic and social infrastructure"),
            3: ("Phát triển kinh tế nông thôn", "Rural economic development"),
            4: ("Đào tạo nguồn nhân lực nông thôn", "Rural human resources training"),
            5: ("Văn hóa, giáo dục, y tế", "Culture, education and health"),
            6: ("Giảm nghèo và an sinh xã hội", "Poverty reduction and social security"),
            7: ("Khoa học công nghệ và chuyển đổi số", "Science, technology and digital transformation"),
            8: ("Môi trường và cảnh quan nông thôn", "Environment and rural landscape"),
            9: ("Xây dựng hệ thống chính trị và hành chính công", "Political system and public administration"),
            10: ("Tiếp cận pháp luật và an ninh, quốc phòng", "Access to law, security and defence"),
        },
    ),
)


def ntm_criteria_version(year: int | None) -> NtmCriteriaVersion:
    """The national set in force in ``year`` (the nearest one for a year outside every span)."""
    if year is None:
        return NTM_CRITERIA_VERSIONS[-2]
    for version in NTM_CRITERIA_VERSIONS:
        if version.first_year <= year <= version.last_year:
            return version
    return NTM_CRITERIA_VERSIONS[0] if year < NTM_CRITERIA_VERSIONS[0].first_year else NTM_CRITERIA_VERSIONS[-1]


def ntm_criteria_names(version: str | None) -> dict[int, tuple[str, str]]:
    for v in NTM_CRITERIA_VERSIONS:
        if v.version == version:
            return v.names
    return NTM_CRITERIA_NAMES


# The 2021–2025 set (Decision 318/QĐ-TTg), the one most workbooks of this term use.
NTM_CRITERIA_NAMES: dict[int, tuple[str, str]] = NTM_CRITERIA_VERSIONS[2].names
# The most criteria any set has (a matrix has this many columns at most).
NTM_CRITERIA_COUNT = max(v.count for v in NTM_CRITERIA_VERSIONS)

YES_NO_PLAIN = Vocabulary(
    "yes_no_plain",
    (
        Entry("yes", "Có", "Yes", ("x", "1", "đúng", "✓", "yes", "true", "đạt")),
        # 'Chưa đạt' and 'Không đạt': what the earlier template's list offered in this column.
        Entry("no", "Không", "No", ("0", "sai", "no", "false", "chưa đạt", "không đạt")),
    ),
)

# What a cell says about its number, besides the number: 'trên 80%', 'gần 98%', 'khoảng 4'.
QUALIFIER = Vocabulary(
    "qualifier",
    (
        Entry("more_than", "Trên", "More than", ("hơn", "vượt")),
        Entry("at_least", "Ít nhất", "At least", ("tối thiểu", "từ ... trở lên", "không dưới")),
        Entry("nearly", "Gần", "Nearly", ("gần đạt",)),
        Entry("about", "Khoảng", "About", ("xấp xỉ", "ước khoảng")),
        Entry("less_than", "Dưới", "Less than", ("chưa đến",)),
        Entry("at_most", "Không quá", "At most", ("tối đa",)),
    ),
)

# Where a target comes from: the congress resolution is one source among several.
TARGET_SOURCE = Vocabulary(
    "target_source",
    (
        Entry(
            "congress",
            "Nghị quyết Đại hội",
            "Party congress resolution",
            ("nghị quyết đại hội đảng bộ", "nqđh", "đại hội", "nghị quyết đại hội đại biểu"),
        ),
        Entry(
            "council",
            "Nghị quyết HĐND",
            "People's Council resolution",
            ("nghị quyết hội đồng nhân dân", "hđnd", "nq hđnd", "nghị quyết của hđnd"),
        ),
        Entry("plan", "Kế hoạch", "Plan", ("kế hoạch phát triển", "kh", "kế hoạch ubnd")),
        Entry("programme", "Chương trình", "Programme", ("chương trình hành động", "chương trình mục tiêu")),
        Entry("scheme", "Đề án", "Scheme", ("đề án phát triển",)),
        Entry(
            "emulation",
            "Kế hoạch thi đua",
            "Emulation plan",
            ("phát động thi đua", "thi đua", "kế hoạch phát động thi đua"),
        ),
        Entry("directive", "Chỉ thị", "Directive", ("chỉ thị của ban thường vụ",)),
        Entry("other", "Văn bản khác", "Other document", ("khác",)),
    ),
)

# Words in a document's title that say what kind of source it is, most specific first (folded).
TARGET_SOURCE_WORDS: tuple[tuple[str, str], ...] = (
    ("thi dua", "emulation"),
    ("dai hoi", "congress"),
    ("hdnd", "council"),
    ("hoi dong nhan dan", "council"),
    ("chuong trinh", "programme"),
    ("de an", "scheme"),
    ("chi thi", "directive"),
    ("ke hoach", "plan"),
)

YES_NO = Vocabulary(
    "yes_no",
    (
        Entry("yes", "Đạt", "Met", ("có", "x", "đã đạt", "1", "yes", "true", "✓")),
        Entry("no", "Chưa đạt", "Not met", ("không", "không đạt", "0", "no", "false")),
    ),
)

AWARD_LEVEL = Vocabulary(
    "award_level",
    (
        Entry("state", "Nhà nước", "State", ("cấp nhà nước", "chủ tịch nước", "nhà nước", "cấp trung ương nhà nước")),
        Entry(
            "government",
            "Chính phủ, Thủ tướng Chính phủ",
            "Government or Prime Minister",
            ("chính phủ", "thủ tướng", "thủ tướng chính phủ", "cấp chính phủ", "chính phủ, thủ tướng"),
        ),
        Entry(
            "ministry",
            "Bộ, ngành, đoàn thể trung ương",
            "Ministry, sector or central organisation",
            (
                "bộ",
                "ngành",
                "bộ, ngành",
                "cấp bộ",
                "cấp bộ, ngành",
                "bộ ngành trung ương",
                "đoàn thể trung ương",
                "trung ương",
                "bộ, ngành, đoàn thể",
            ),
        ),
        Entry(
            "province",
            "Tỉnh",
            "Province or centrally-run city",
            (
                "tỉnh, thành phố trực thuộc trung ương",
                "tỉnh",
                "cấp tỉnh",
                "ubnd tỉnh",
                "thành phố trực thuộc trung ương",
                "cấp tỉnh, thành phố",
            ),
        ),
        Entry(
            "district",
            "Huyện, thị xã",
            "District, town or provincial city",
            (
                "huyện, quận, thị xã, thành phố thuộc tỉnh",
                "cấp huyện",
                "huyện",
                "quận",
                "cấp quận",
                "thị xã",
                "cấp thị xã",
                "thành phố thuộc tỉnh",
                "cơ sở",
                "cấp cơ sở",
            ),
        ),
        Entry(
            "commune",
            "Xã, phường",
            "Commune, ward or township",
            ("xã, phường, thị trấn", "cấp xã", "xã", "phường", "thị trấn"),
        ),
    ),
)
# "Cấp thành phố" is the province level for a centrally-run city and the district level for a city
# of a province: which one depends on the locality whose workbook says it (pipelines.families.awards).
CITY_LEVEL_WORDS = ("cap thanh pho", "thanh pho", "tp", "cap tp", "ubnd thanh pho")

RECIPIENT_KIND = Vocabulary(
    "recipient_kind",
    (
        Entry("collective", "Tập thể", "Collective", ("tt",)),
        Entry("individual", "Cá nhân", "Individual", ("cn",)),
        Entry(
            "mixed",
            "Tập thể và cá nhân",
            "Collectives and individuals",
            ("tập thể, cá nhân", "tập thể và cá nhân", "cả tập thể và cá nhân", "tt và cn", "tt, cn", "chung"),
        ),
    ),
)

# Year-end ratings of party organisations. Since 2018 (Quy định 132-QĐ/TW) the four levels below;
# before that other words, kept as written (``rating_text``) and mapped to the comparable level:
# 'trong sạch, vững mạnh' (and 'tiêu biểu') was the top of its scale, 'vững mạnh' the top of the
# scale before it, 'khá' and 'trung bình' its middle, 'yếu kém' its bottom.
PARTY_RATING = Vocabulary(
    "party_rating",
    (
        Entry(
            "xuat_sac",
            "Hoàn thành xuất sắc nhiệm vụ",
            "Excellent",
            (
                "htxsnv",
                "xuất sắc",
                "trong sạch vững mạnh tiêu biểu",
                "trong sạch, vững mạnh tiêu biểu",
                "tsvm tiêu biểu",
                "trong sạch vững mạnh",
                "trong sạch, vững mạnh",
                "tsvm",
            ),
        ),
        Entry("tot", "Hoàn thành tốt nhiệm vụ", "Good", ("httnv", "tốt", "vững mạnh")),
        Entry("hoan_thanh", "Hoàn thành nhiệm vụ", "Satisfactory", ("htnv", "hoàn thành", "khá", "trung bình")),
        Entry(
            "khong_hoan_thanh",
            "Không hoàn thành nhiệm vụ",
            "Unsatisfactory",
            ("khtnv", "không hoàn thành", "yếu kém", "yếu"),
        ),
    ),
)

PARTY_ORG_TYPE = Vocabulary(
    "party_org_type",
    (
        Entry("dang_bo_co_so", "Đảng bộ cơ sở", "Grassroots party committee"),
        Entry("chi_bo_co_so", "Chi bộ cơ sở", "Grassroots party cell"),
        Entry(
            "chi_bo_truc_thuoc",
            "Chi bộ trực thuộc đảng bộ cơ sở",
            "Cell under a grassroots committee",
            ("chi bộ trực thuộc",),
        ),
        Entry(
            "to_chuc_co_so_dang",
            "Tổ chức cơ sở đảng",
            "Grassroots party organisation (all types)",
            ("tổ chức cơ sở đảng", "tcsđ"),
        ),
    ),
)

ON_TRACK = Vocabulary(
    "on_track_grade",
    (
        Entry("achieved", "Đã đạt", "Achieved"),
        Entry("on_track", "Đúng tiến độ", "On track"),
        Entry("acceleration_needed", "Cần tăng tốc", "Acceleration needed"),
        Entry("limited_progress", "Tiến độ hạn chế", "Limited progress"),
        Entry("regressing", "Đi lùi", "Regressing"),
        Entry("insufficient_data", "Chưa đủ số liệu", "Insufficient data"),
    ),
)

# What a deadline is for (sheet 'Hạn nộp' of the level above's yearly workbook). The yearly emulation
# plan sets several: registration, the half-year figures, the year's figures.
DEADLINE_KIND = Vocabulary(
    "deadline_kind",
    (
        Entry(
            "year",
            "Số liệu cả năm",
            "The year's figures",
            ("cả năm", "báo cáo năm", "số liệu năm", "tổng kết năm", "báo cáo tổng kết", "ước cả năm", "năm"),
        ),
        Entry(
            "half_year",
            "Số liệu 6 tháng",
            "The half-year figures",
            ("6 tháng", "sáu tháng", "6 tháng đầu năm", "sơ kết", "báo cáo 6 tháng", "sơ kết 6 tháng"),
        ),
        Entry(
            "registration",
            "Đăng ký thi đua",
            "Emulation registration",
            ("đăng ký", "đăng ký thi đua", "bản đăng ký", "giao ước thi đua"),
        ),
        Entry("other", "Khác", "Other", ("khác",)),
    ),
)

SEVERITY = Vocabulary(
    "severity",
    (
        Entry("error", "Lỗi (dòng bị loại)", "Error (row rejected)"),
        Entry("warning", "Cảnh báo (dòng vẫn được nạp)", "Warning (row loaded)"),
    ),
)

# The half-year emulation rule: by 30 June at least this share of each annual target.
DEFAULT_H1_TARGET_PCT = 50.0
# A target written "khoảng X" (about X) counts as met within this relative tolerance.
ABOUT_TOLERANCE_PCT = 5.0

# --- units across administrative change, emulation blocs and scoring ----------------------------

# How a unit came into being or ended (don-vi.xlsx). 'move' and 'parent_abolished' keep the unit's
# code and figures; 'merge', 'split' and 'rename' link it to other codes.
CHANGE_KIND = Vocabulary(
    "change_kind",
    (
        Entry("merge", "Sáp nhập", "Merge", ("sáp nhập vào", "nhập", "hợp nhất", "sắp xếp", "sắp xếp, sáp nhập")),
        Entry("split", "Chia tách", "Split", ("chia", "tách", "chia, tách", "điều chỉnh địa giới")),
        Entry("rename", "Đổi tên", "Rename", ("đổi tên gọi", "đổi mã", "chuyển loại")),
        Entry(
            "move",
            "Chuyển đơn vị cấp trên",
            "Moved to another parent",
            ("điều chuyển", "chuyển trực thuộc", "chuyển về", "chuyển cấp trên"),
        ),
        Entry(
            "parent_abolished",
            "Cấp trên giải thể",
            "Parent abolished",
            ("bỏ cấp trên", "bỏ cấp huyện", "không tổ chức cấp huyện", "kết thúc cấp huyện", "trực thuộc tỉnh"),
        ),
        Entry("abolished", "Giải thể", "Abolished", ("kết thúc hoạt động", "không còn", "bỏ")),
    ),
)

BLOC_KIND = Vocabulary(
    "bloc_kind",
    (
        Entry("cluster", "Cụm thi đua", "Emulation cluster", ("cụm",)),
        Entry("bloc", "Khối thi đua", "Emulation bloc", ("khối",)),
    ),
)

# How a criterion of an emulation scoring sheet turns a figure into points.
SCORING_METHOD = Vocabulary(
    "scoring_method",
    (
        Entry(
            "met",
            "Đạt/không đạt",
            "Met or not",
            ("đạt hoặc không đạt", "đạt, không đạt", "hoàn thành/không hoàn thành", "đạt chỉ tiêu"),
        ),
        Entry(
            "proportional",
            "Theo tỷ lệ hoàn thành",
            "Proportional to achievement",
            ("tỷ lệ", "theo tỷ lệ", "theo % kế hoạch", "tỷ lệ hoàn thành"),
        ),
        Entry(
            "capped",
            "Theo tỷ lệ, có mức trần",
            "Proportional, capped",
            ("có mức trần", "tối đa", "theo tỷ lệ có trần", "trần"),
        ),
        Entry("manual", "Hội đồng chấm", "Scored by the council", ("chấm điểm", "thủ công", "tự chấm", "chấm")),
    ),
)
