"""What each validation rule says to a clerk, in Vietnamese and English.

Checks in the table models name their rule by a key of ``MESSAGES`` (the ``error=`` argument of a
Pandera check). ``column`` is the table column a failure is reported against, so that the issue
can point at the spreadsheet column the clerk typed it in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    column: str | None
    vi: str
    en: str


MESSAGES: dict[str, Message] = {
    # Parsing: a cell had text that is not what the column takes.
    "parse_target": Message(
        "target_text",
        "Không đọc được chỉ tiêu. Ghi số theo kiểu Việt Nam, có thể kèm 'trên', 'dưới', 'khoảng' hoặc khoảng '6,6–6,8'.",
        "The target cannot be read. Write a number the Vietnamese way, optionally with 'trên', 'dưới', 'khoảng' or a range '6,6–6,8'.",
    ),
    "parse_actual": Message(
        "actual",
        "Số thực hiện không phải là số (ví dụ đúng: 7.978,01).",
        "The actual is not a number (e.g. 7.978,01).",
    ),
    "parse_binding": Message(
        "binding",
        "Cột 'Chỉ tiêu áp dụng' chỉ ghi Có hoặc Không.",
        "'Chỉ tiêu áp dụng' takes Có (yes) or Không (no).",
    ),
    "parse_target_source_kind": Message(
        "target_source_kind",
        "Không nhận ra loại văn bản giao chỉ tiêu. Chọn: Nghị quyết Đại hội / Nghị quyết HĐND / Kế hoạch / Chương "
        "trình / Đề án / Kế hoạch thi đua / Chỉ thị / Văn bản khác.",
        "The kind of document is not recognised. Choose: Nghị quyết Đại hội / Nghị quyết HĐND / Kế hoạch / Chương "
        "trình / Đề án / Kế hoạch thi đua / Chỉ thị / Văn bản khác.",
    ),
    "target_stated_twice": Message(
        "target_text",
        "Chỉ tiêu được nêu nhiều lần trong kỳ với mức khác nhau; cả hai được lưu, đánh giá theo dòng áp dụng. "
        "Nếu dòng này mới là dòng áp dụng, ghi 'Có' ở cột 'Chỉ tiêu áp dụng'.",
        "The target is stated more than once in the period with different values; both are kept and the binding "
        "row is the one judged. If this row is the binding one, write 'Có' in 'Chỉ tiêu áp dụng'.",
    ),
    "actual_stated_twice": Message(
        "actual",
        "Số thực hiện của chỉ tiêu được nêu nhiều lần trong kỳ với số khác nhau; dùng số ở dòng áp dụng (hoặc dòng "
        "đầu tiên có số).",
        "The actual is given more than once in the period with different figures; the binding row's (or the first "
        "row's) figure is used.",
    ),
    "unit_converted": Message(
        "unit",
        "Đơn vị ghi khác danh mục nhưng quy đổi được; số đã được đổi sang đơn vị của danh mục, số và đơn vị gốc "
        "vẫn được lưu.",
        "The unit differs from the catalog's by a known factor; the figure was converted to the catalog's unit and "
        "the written figure and unit are kept.",
    ),
    "parse_h1_actual": Message(
        "h1_actual",
        "Số thực hiện 6 tháng đầu năm không phải là số.",
        "The first-half actual is not a number.",
    ),
    "parse_reported_pct": Message(
        "reported_pct", "Tỷ lệ % so với kế hoạch không phải là số.", "The reported % of plan is not a number."
    ),
    "parse_baseline_value": Message(
        "baseline_value", "Giá trị năm gốc không phải là số.", "The baseline value is not a number."
    ),
    "parse_baseline_year": Message(
        "baseline_year", "Năm gốc phải là năm có 4 chữ số.", "The baseline year must be a 4-digit year."
    ),
    "parse_actual_status": Message(
        "actual_status",
        "Loại số liệu phải là 'Ước thực hiện' hoặc 'Chính thức'.",
        "The figure status must be 'Ước thực hiện' (estimate) or 'Chính thức' (official).",
    ),
    "parse_reported_grade": Message(
        "reported_grade",
        "Đánh giá phải là 'Vượt', 'Đạt' hoặc 'Không đạt'.",
        "The grade must be 'Vượt', 'Đạt' or 'Không đạt'.",
    ),
    "parse_target_kind": Message(
        "target_kind",
        "Loại chỉ tiêu nhiệm kỳ không hợp lệ (Tăng bình quân hằng năm / Mức đạt đến cuối nhiệm kỳ / Tổng cả nhiệm kỳ / Ngưỡng hằng năm).",
        "Unknown term-target kind (average annual rate / end-of-term level / cumulative / yearly threshold).",
    ),
    "parse_covered": Message(
        "covered",
        "Kỳ thực hiện phải là một năm (2023) hoặc một giai đoạn (2021-2023).",
        "The period covered must be a year (2023) or a span (2021-2023).",
    ),
    "parse_criterion_no": Message(
        "criterion_no",
        "Số thứ tự tiêu chí phải là số nguyên từ 1 đến 19.",
        "The criterion number must be a whole number 1–19.",
    ),
    "parse_criterion_met": Message(
        "criterion_met", "Cột 'Đạt' phải là 'Đạt' hoặc 'Chưa đạt'.", "'Met' must be 'Đạt' or 'Chưa đạt'."
    ),
    "parse_criteria_met": Message(
        "criteria_met",
        "Số tiêu chí đạt phải là số nguyên hoặc khoảng (ví dụ 11 hoặc 9-14).",
        "Criteria met must be a whole number or a range (e.g. 11 or 9-14).",
    ),
    "parse_criteria_total": Message(
        "criteria_total", "Tổng số tiêu chí phải là số nguyên.", "The number of criteria must be a whole number."
    ),
    "parse_unit_count": Message(
        "unit_count", "Số đơn vị phải là số nguyên.", "The number of units must be a whole number."
    ),
    "parse_level_reached": Message(
        "level_reached",
        "Mức đạt chuẩn phải là 'Chưa đạt chuẩn', 'Nông thôn mới', 'Nông thôn mới nâng cao' hoặc 'Nông thôn mới kiểu mẫu'.",
        "The level must be one of: not yet, new rural area, advanced, model.",
    ),
    "parse_criteria_set": Message(
        "criteria_set",
        "Bộ tiêu chí phải là 'Nông thôn mới', 'Nâng cao' hoặc 'Kiểu mẫu'.",
        "The criteria set must be new rural area, advanced or model.",
    ),
    "parse_count": Message("award_count", "Số lượng phải là số nguyên.", "The count must be a whole number."),
    "parse_org_count": Message(
        "org_count", "Số tổ chức phải là số nguyên.", "The number of organisations must be a whole number."
    ),
    "parse_member_count": Message(
        "member_count", "Số đảng viên phải là số nguyên.", "The number of members must be a whole number."
    ),
    "parse_rating": Message(
        "rating",
        "Xếp loại phải là một trong: Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ.",
        "The rating must be excellent / good / satisfactory / unsatisfactory.",
    ),
    "parse_org_type": Message(
        "org_type",
        "Loại tổ chức phải là 'Đảng bộ cơ sở', 'Chi bộ cơ sở', 'Chi bộ trực thuộc' hoặc 'Tổ chức cơ sở đảng'.",
        "Unknown party organisation type.",
    ),
    "parse_level": Message(
        "level", "Cấp khen thưởng không hợp lệ (Nhà nước / Tỉnh / Huyện, thị xã / Xã, phường).", "Unknown award level."
    ),
    "parse_recipient_kind": Message(
        "recipient_kind",
        "Đối tượng phải là 'Tập thể' hoặc 'Cá nhân'.",
        "The recipient must be collective or individual.",
    ),
    "parse_award_period": Message(
        "period",
        "Kỳ khen thưởng phải là một năm (2019) hoặc một giai đoạn (2016-2019).",
        "The period must be a year or a span.",
    ),
    "parse_part_of_summary": Message(
        "part_of_summary",
        "Cột 'Đã tính trong tổng hợp' phải là 'Có' hoặc 'Không'.",
        "'Included in summary' must be yes or no.",
    ),
    "parse_locality_level": Message(
        "level",
        "Cấp đơn vị không hợp lệ (Tỉnh, Thành phố, Thị xã, Huyện, Xã, Phường, Thị trấn, Thôn, Làng, Tổ dân phố).",
        "Unknown administrative level.",
    ),
    "parse_valid_from": Message(
        "valid_from", "Ngày hiệu lực không đọc được (dd/mm/yyyy).", "The start date cannot be read (dd/mm/yyyy)."
    ),
    "parse_valid_to": Message(
        "valid_to", "Ngày hết hiệu lực không đọc được (dd/mm/yyyy).", "The end date cannot be read (dd/mm/yyyy)."
    ),
    "parse_direction": Message(
        "direction",
        "Chiều đánh giá phải là 'Càng cao càng tốt', 'Càng thấp càng tốt' hoặc 'Trung tính'.",
        "The direction must be higher is better, lower is better or neutral.",
    ),
    "parse_family": Message("family", "Nhóm chỉ tiêu không hợp lệ.", "Unknown indicator family."),
    "parse_aggregation": Message(
        "aggregation",
        "Tính chất phải là 'Cộng dồn', 'Thời điểm' hoặc 'Tỷ lệ'.",
        "The aggregation must be flow, stock or rate.",
    ),
    "parse_decimals": Message(
        "decimals", "Số chữ số thập phân phải là số nguyên 0–4.", "Decimals must be a whole number 0–4."
    ),
    "parse_min_value": Message("min_value", "Giá trị nhỏ nhất không phải là số.", "The minimum is not a number."),
    "parse_max_value": Message("max_value", "Giá trị lớn nhất không phải là số.", "The maximum is not a number."),
    # Required fields and codes.
    "required_indicator_code": Message(
        "indicator_code",
        "Thiếu mã chỉ tiêu (chọn trong danh sách của cột 'Mã chỉ tiêu').",
        "The indicator code is missing (pick one from the 'Mã chỉ tiêu' list).",
    ),
    "known_indicator_code": Message(
        "indicator_code",
        "Mã chỉ tiêu không có trong danh mục chỉ tiêu (data/raw/danh-muc-chi-tieu.xlsx).",
        "The indicator code is not in the indicator catalog (data/raw/danh-muc-chi-tieu.xlsx).",
    ),
    "unit_matches_catalog": Message(
        "unit",
        "Đơn vị tính khác với danh mục chỉ tiêu và không quy đổi được (quy đổi được: ‰ và %, nghìn / triệu / tỷ "
        "đồng, người và nghìn người, ha và km²); kiểm tra lại đơn vị hoặc mã chỉ tiêu.",
        "The unit differs from the indicator catalog and is not a known conversion (known: ‰ and %, nghìn / triệu / "
        "tỷ đồng, người and nghìn người, ha and km²); check the unit or the indicator code.",
    ),
    "unique_indicator_row": Message(
        "indicator_code",
        "Chỉ tiêu bị nhập hai lần trong cùng kỳ; giữ một dòng.",
        "The indicator appears twice for the same period; keep one row.",
    ),
    "has_figure": Message(
        "actual",
        "Dòng có mã chỉ tiêu nhưng không có số liệu nào (chỉ tiêu, thực hiện, % hoặc đánh giá).",
        "The row has a code but no figure (target, actual, % or grade).",
    ),
    # Ranges.
    "target_low_in_range": Message(
        "target_text",
        "Chỉ tiêu nằm ngoài khoảng giá trị hợp lệ của chỉ tiêu này.",
        "The target is outside the valid range for this indicator.",
    ),
    "target_high_in_range": Message(
        "target_text",
        "Chỉ tiêu nằm ngoài khoảng giá trị hợp lệ của chỉ tiêu này.",
        "The target is outside the valid range for this indicator.",
    ),
    "actual_in_range": Message(
        "actual",
        "Số thực hiện nằm ngoài khoảng giá trị hợp lệ (ví dụ tỷ lệ phải từ 0 đến 100).",
        "The actual is outside the valid range (e.g. a rate must be 0–100).",
    ),
    "h1_actual_in_range": Message(
        "h1_actual",
        "Số thực hiện 6 tháng nằm ngoài khoảng giá trị hợp lệ.",
        "The first-half actual is outside the valid range.",
    ),
    "baseline_in_range": Message(
        "baseline_value", "Giá trị năm gốc nằm ngoài khoảng giá trị hợp lệ.", "The baseline is outside the valid range."
    ),
    "reported_pct_nonnegative": Message(
        "reported_pct", "Tỷ lệ % so với kế hoạch không được âm.", "The reported % of plan cannot be negative."
    ),
    "target_bounds_ordered": Message(
        "target_text",
        "Khoảng chỉ tiêu có cận dưới lớn hơn cận trên.",
        "The target range has its lower bound above its upper bound.",
    ),
    "target_kind_matches_period": Message(
        "target_kind",
        "Loại chỉ tiêu không khớp với kỳ: tệp năm chỉ có chỉ tiêu năm; tệp nhiệm kỳ cần loại chỉ tiêu nhiệm kỳ.",
        "The target kind does not fit the period: yearly files hold annual targets, term files term kinds.",
    ),
    "covered_within_period": Message(
        "covered",
        "Kỳ thực hiện nằm ngoài kỳ của tệp (năm hoặc nhiệm kỳ trong tên tệp).",
        "The period covered lies outside the file's year or term.",
    ),
    "baseline_year_before_term": Message(
        "baseline_year",
        "Năm gốc phải trước hoặc bằng năm đầu nhiệm kỳ.",
        "The baseline year must not be after the start of the term.",
    ),
    # New rural areas.
    "criterion_no_range": Message(
        "criterion_no",
        "Số thứ tự tiêu chí không có trong bộ tiêu chí áp dụng năm đó (1–19 đến năm 2025; 1–10 theo Quyết định "
        "51/2025/QĐ-TTg từ năm 2026).",
        "The criterion number is not in the set in force that year (1–19 until 2025; 1–10 from 2026).",
    ),
    "criteria_met_range": Message(
        "criteria_met",
        "Số tiêu chí đạt phải từ 0 đến tổng số tiêu chí (tối đa 19).",
        "Criteria met must be 0 to the number of criteria (at most 19).",
    ),
    "criteria_met_max_range": Message(
        "criteria_met",
        "Khoảng số tiêu chí đạt không hợp lệ (cận trên phải ≥ cận dưới và ≤ 19).",
        "The criteria-met range is invalid.",
    ),
    "criteria_total_range": Message(
        "criteria_total", "Tổng số tiêu chí phải từ 1 đến 19.", "The number of criteria must be 1–19."
    ),
    "ntm_has_figure": Message(
        "criteria_met",
        "Dòng nông thôn mới cần ít nhất một trong: tiêu chí và Đạt/Chưa đạt, số tiêu chí đạt, hoặc mức đạt chuẩn.",
        "A new-rural-area row needs a criterion with met/not met, a count of criteria met, or a level.",
    ),
    "criterion_needs_met": Message(
        "criterion_met",
        "Có số thứ tự tiêu chí nhưng chưa ghi Đạt/Chưa đạt.",
        "A criterion number is given without met / not met.",
    ),
    "ntm_unit_or_group": Message(
        "unit_code",
        "Cần mã đơn vị (xã, thôn) hoặc tên nhóm (ví dụ 'Các xã').",
        "A unit code (commune, village) or a group name (e.g. 'Các xã') is needed.",
    ),
    "known_unit_code": Message(
        "unit_code",
        "Mã đơn vị không có trong danh mục đơn vị hành chính (don-vi.xlsx) của địa phương.",
        "The unit code is not in the locality's administrative units (don-vi.xlsx).",
    ),
    "unique_ntm_row": Message(
        "criterion_no",
        "Dòng nông thôn mới bị trùng (cùng đơn vị, năm, bộ tiêu chí, tiêu chí).",
        "Duplicate new-rural-area row.",
    ),
    # Party and awards.
    "nonnegative_org_count": Message(
        "org_count", "Số tổ chức không được âm.", "The number of organisations cannot be negative."
    ),
    "nonnegative_member_count": Message(
        "member_count", "Số đảng viên không được âm.", "The number of members cannot be negative."
    ),
    "party_has_figure": Message(
        "org_count", "Cần số tổ chức hoặc số đảng viên.", "A number of organisations or members is needed."
    ),
    "unique_party_row": Message(
        "block", "Dòng bị trùng (cùng khối, loại tổ chức, xếp loại).", "Duplicate row (same block, type, rating)."
    ),
    "required_award_title": Message(
        "award_title", "Thiếu tên danh hiệu / hình thức khen thưởng.", "The award title is missing."
    ),
    "positive_award_count": Message(
        "award_count",
        "Số lượng khen thưởng phải là số nguyên dương.",
        "The award count must be a positive whole number.",
    ),
    "required_award_level": Message("level", "Thiếu cấp khen thưởng.", "The award level is missing."),
    "required_recipient_kind": Message(
        "recipient_kind", "Thiếu đối tượng (Tập thể / Cá nhân).", "The recipient kind is missing."
    ),
    "award_period_within_file": Message(
        "period", "Kỳ khen thưởng nằm ngoài kỳ của tệp.", "The award period lies outside the file's year or term."
    ),
    "unique_award_row": Message(
        "award_title",
        "Dòng khen thưởng bị trùng (cùng kỳ, danh hiệu, cấp, đối tượng, số quyết định).",
        "Duplicate award row.",
    ),
    # Catalog and localities.
    "required_name_vi": Message("name_vi", "Thiếu tên tiếng Việt.", "The Vietnamese name is missing."),
    "required_unit": Message("unit", "Thiếu đơn vị tính.", "The unit is missing."),
    "catalog_code_format": Message(
        "indicator_code",
        "Mã chỉ tiêu chỉ gồm chữ thường không dấu, số và dấu gạch dưới (ví dụ poverty_rate).",
        "Indicator codes use lowercase ASCII letters, digits and underscores (e.g. poverty_rate).",
    ),
    "unique_catalog_code": Message(
        "indicator_code", "Mã chỉ tiêu bị trùng trong danh mục.", "Duplicate indicator code in the catalog."
    ),
    "catalog_range_ordered": Message(
        "min_value", "Giá trị nhỏ nhất lớn hơn giá trị lớn nhất.", "The minimum is above the maximum."
    ),
    "locality_code_format": Message(
        "locality_code",
        "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ an-khe-song-an).",
        "Unit codes use lowercase ASCII letters, digits and hyphens (e.g. an-khe-song-an).",
    ),
    "unique_locality_code": Message("locality_code", "Mã đơn vị bị trùng.", "Duplicate unit code."),
    "known_parent_code": Message(
        "parent_code", "Mã đơn vị cấp trên không có trong danh mục.", "The parent unit code is unknown."
    ),
    "validity_ordered": Message(
        "valid_to", "Ngày hết hiệu lực trước ngày bắt đầu hiệu lực.", "The end date is before the start date."
    ),
    # File level.
    "file_unreadable": Message(
        None,
        "Không mở được tệp: không phải bảng tính Excel/LibreOffice (.xlsx, .xls, .ods) hoặc tệp bị hỏng. Dữ liệu đã nạp trước đây được giữ nguyên.",
        "The file cannot be opened: not an .xlsx/.xls/.ods spreadsheet or damaged. Data loaded earlier is kept.",
    ),
    "file_encrypted": Message(
        None,
        "Tệp được đặt mật khẩu (mã hóa) nên không đọc được. Mở tệp, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ) rồi "
        "lưu lại. Dữ liệu đã nạp trước đây được giữ nguyên.",
        "The file is password-protected (encrypted) and cannot be read. Open it, remove the password and save it "
        "again. Data loaded earlier is kept.",
    ),
    "file_unexpected": Message(
        None,
        "Tệp này gây lỗi không lường trước khi đọc; các tệp khác vẫn được nạp và dữ liệu đã nạp trước đây từ tệp "
        "này được giữ nguyên. Hãy gửi tệp cho quản trị viên (chi tiết lỗi ở cuối thông báo).",
        "Reading this file failed in an unforeseen way; the other files still load and the data loaded earlier "
        "from this one is kept. Send the file to an administrator (the error follows).",
    ),
    "sheet_missing": Message(
        None,
        "Thiếu trang bắt buộc. Dữ liệu đã nạp trước đây được giữ nguyên.",
        "A required sheet is missing. Data loaded earlier is kept.",
    ),
    "header_missing": Message(
        None,
        "Không tìm thấy dòng tiêu đề cột (cần các cột bắt buộc). Dữ liệu đã nạp trước đây được giữ nguyên.",
        "The header row was not found (required columns are missing). Data loaded earlier is kept.",
    ),
    "year_mismatch": Message(
        None,
        "Năm ghi trong tệp không khớp với năm trong tên tệp. Dữ liệu đã nạp trước đây được giữ nguyên.",
        "The year written in the workbook differs from the year in its file name. Data loaded earlier is kept.",
    ),
    "locality_mismatch": Message(
        None,
        "Mã địa phương ghi trong tệp không khớp với thư mục chứa tệp. Dữ liệu đã nạp trước đây được giữ nguyên.",
        "The locality code in the workbook differs from its folder. Data loaded earlier is kept.",
    ),
    "file_name": Message(
        None,
        "Tên tệp không đúng quy ước (NĂM.xlsx, nhiem-ky-NĂM-NĂM.xlsx hoặc don-vi.xlsx trong thư mục mã địa phương); tệp bị bỏ qua.",
        "The file name does not follow the convention (YEAR.xlsx, nhiem-ky-YEAR-YEAR.xlsx or don-vi.xlsx in a locality folder); skipped.",
    ),
    "duplicate_workbook": Message(
        None,
        "Có nhiều hơn một tệp cho cùng địa phương và kỳ: không tệp nào được nạp, số liệu đã nạp trước đây được giữ "
        "nguyên. Hãy xóa (hoặc đổi tên) tệp thừa.",
        "More than one workbook for the same locality and period: none is loaded and the figures loaded earlier are "
        "kept. Remove (or rename) the extra file.",
    ),
    "year_out_of_range": Message(
        None,
        "Năm trong tên tệp nằm ngoài các năm kho số liệu nhận; tệp bị bỏ qua. Kiểm tra lại tên tệp (ví dụ 2023.xlsx).",
        "The year in the file name is outside the years the warehouse holds; skipped. Check the name (e.g. 2023.xlsx).",
    ),
    "term_not_congress": Message(
        None,
        "Tên tệp nhiệm kỳ không phải một nhiệm kỳ Đại hội (5 năm, ví dụ nhiem-ky-2020-2025.xlsx); tệp bị bỏ qua.",
        "The term in the file name is not a congress term (five years, e.g. nhiem-ky-2020-2025.xlsx); skipped.",
    ),
    "not_a_workbook": Message(
        None,
        "Tệp không phải bảng tính (.xlsx, .xls, .ods) nên không được đọc. Nếu là số liệu, hãy lưu thành .xlsx.",
        "Not a spreadsheet (.xlsx, .xls, .ods), so it is not read. If it holds figures, save it as .xlsx.",
    ),
    "submission_too_large": Message(
        None,
        "Tệp quá lớn để nhận; bảng tính số liệu của một đơn vị thường dưới 1 MB. Kiểm tra lại tệp (ảnh, dữ liệu "
        "thừa) rồi gửi lại.",
        "The file is too large to accept; a unit's workbook is usually under 1 MB. Check it (images, stray data) "
        "and send it again.",
    ),
    "catalog_missing": Message(
        None,
        "Chưa có danh mục chỉ tiêu (danh-muc-chi-tieu.xlsx) để đối chiếu mã chỉ tiêu; hãy nạp danh mục trước.",
        "There is no indicator catalog (danh-muc-chi-tieu.xlsx) to check the codes against; load it first.",
    ),
    "submission_unknown_locality": Message(
        None,
        "Không biết bảng tính này của đơn vị nào: ghi mã địa phương ở trang 'Thông tin chung' hoặc chọn đơn vị.",
        "Which unit the workbook is for is unknown: write the locality code in 'Thông tin chung' or choose the unit.",
    ),
    "submission_unknown_period": Message(
        None,
        "Không biết bảng tính này của năm (nhiệm kỳ) nào: ghi ở trang 'Thông tin chung', đặt tên tệp theo năm "
        "(2024.xlsx) hoặc chọn kỳ.",
        "Which year or term the workbook is for is unknown: write it in 'Thông tin chung', name the file after it "
        "(2024.xlsx) or choose the period.",
    ),
    "file_gone": Message(
        None,
        "Tệp đã được nạp trước đây nhưng không còn trong thư mục dữ liệu; số liệu đã nạp từ tệp vẫn được giữ. "
        "Đặt lại tệp, hoặc báo quản trị viên nếu muốn xóa số liệu của nó.",
        "The file was loaded before but is no longer in the raw-data folder; the figures loaded from it are kept. "
        "Put it back, or ask an administrator to remove its figures.",
    ),
    "period_locked": Message(
        None,
        "Kỳ số liệu này đã được duyệt và khóa: tệp đã thay đổi nhưng không được nạp, số liệu đã duyệt được giữ "
        "nguyên. Muốn sửa, hãy nộp bản sửa qua trang 'Nộp số liệu' để cấp trên chấp nhận, hoặc đề nghị mở khóa.",
        "This period's figures are approved and locked: the file changed but was not loaded, and the approved "
        "figures are kept. To correct them, submit a revision on the 'Nộp số liệu' page for the level above to "
        "accept, or ask for the period to be unlocked.",
    ),
    "file_in_subfolder": Message(
        None,
        "Tệp nằm trong thư mục con nên không được đọc.",
        "The file is in a sub-folder, so it is not read.",
    ),
    "unknown_locality": Message(
        None,
        "Địa phương chưa được khai báo trong don-vi.xlsx; vẫn nạp số liệu nhưng bảng điều khiển sẽ không có tên đơn vị.",
        "The locality is not declared in don-vi.xlsx; figures still load but the dashboard lacks its name.",
    ),
    # Warnings (the row still loads).
    "default_actual_status": Message(
        "actual_status",
        "Chưa ghi loại số liệu; tạm coi là 'Ước thực hiện'.",
        "No figure status given; treated as an estimate.",
    ),
    "name_differs_from_catalog": Message(
        "name",
        "Tên chỉ tiêu khác hẳn tên của mã này trong danh mục; kiểm tra lại mã chỉ tiêu (trang vẫn hiện tên như "
        "bảng tính ghi).",
        "The name shares little with the catalog's name for this code; check the code (pages show the name as "
        "the workbook writes it).",
    ),
    "code_from_name": Message(
        "indicator_code",
        "Thiếu mã chỉ tiêu; đã tự điền theo tên chỉ tiêu khớp danh mục.",
        "The code was missing; it was filled in from the indicator name, which matches the catalog.",
    ),
    "unit_not_valid_in_year": Message(
        "unit_code",
        "Đơn vị không còn (hoặc chưa) hiệu lực trong năm này theo don-vi.xlsx.",
        "The unit is not valid in this year according to don-vi.xlsx.",
    ),
    # Cells a spreadsheet program shows but calamine cannot read, and other bad input (December 2026).
    # '{value}' is replaced by the cell's error code where the issue is made (pipelines.loading).
    "formula_error": Message(
        None,
        "Ô công thức lỗi {value}: công thức trong ô cho kết quả lỗi nên không có số liệu. Sửa công thức (hoặc ghi "
        "số trực tiếp) rồi lưu lại; số liệu đã nạp trước đây được giữ nguyên.",
        "Formula error {value} in this cell: the formula gives an error, so there is no figure. Fix the formula (or "
        "type the number) and save; the figure loaded earlier is kept.",
    ),
    "formula_uncached": Message(
        None,
        "Công thức chưa có giá trị: tệp lưu công thức mà không lưu kết quả (tệp do phần mềm khác tạo ra). Mở và lưu "
        "lại bằng Excel/LibreOffice (hoặc ghi số trực tiếp); số liệu đã nạp trước đây được giữ nguyên.",
        "The formula has no value: the file stores the formula but not its result (written by another program). Open "
        "and save it again in Excel/LibreOffice (or type the number); the figure loaded earlier is kept.",
    ),
    "numeric_text": Message(
        None,
        "Ô này phải ghi số nhưng có chữ không đọc được thành số. Ghi số theo kiểu Việt Nam (ví dụ 12 hoặc 7.978,01); "
        "số liệu đã nạp trước đây được giữ nguyên.",
        "This cell takes a number but holds text that cannot be read as one. Write a number the Vietnamese way "
        "(e.g. 12 or 7.978,01); the figure loaded earlier is kept.",
    ),
    "percent_scale_suspect": Message(
        None,
        "Số liệu tính bằng % lệch khoảng 100 lần so với các năm trước hoặc chỉ tiêu: có thể đã ghi tỷ lệ (0,9302) "
        "thay cho phần trăm (93,02), hoặc ô định dạng phần trăm trong tệp .xls. Kiểm tra lại; số liệu vẫn được nạp.",
        "This % figure is about 100 times off the earlier years or the target: perhaps a fraction (0.9302) was "
        "written for a percentage (93.02), or an .xls cell is percent-formatted. Check it; the figure still loads.",
    ),
    "earlier_figure_kept": Message(
        None,
        "Dòng này bị loại nên số liệu đã nạp trước đây từ dòng này được giữ nguyên (xem cột giá trị) cho đến khi "
        "sửa dòng và nạp lại.",
        "This row was rejected, so the figure loaded earlier from it is kept (see the value) until the row is fixed "
        "and loaded again.",
    ),
    "duplicate_sheet": Message(
        None,
        "Tệp có hơn một trang cùng loại; chỉ một trang được đọc. Xóa hoặc đổi tên trang thừa.",
        "The workbook has more than one sheet of this kind; only one is read. Remove or rename the extra one.",
    ),
    "file_too_large": Message(
        None,
        "Tệp quá lớn nên không được đọc. Xóa các dòng, cột hoặc trang thừa (Ctrl+End cho biết ô cuối cùng có dữ "
        "liệu), hoặc tách tệp; nếu tệp thật sự cần lớn như vậy, báo quản trị viên nâng giới hạn. Dữ liệu đã nạp "
        "trước đây được giữ nguyên.",
        "The file is too large to be read. Delete the extra rows, columns or sheets (Ctrl+End shows the last cell "
        "in use) or split the file; if it really must be this large, ask an administrator to raise the limit. Data "
        "loaded earlier is kept.",
    ),
    "issues_capped": Message(
        None,
        "Tệp có quá nhiều lỗi; chỉ ghi lại những lỗi đầu tiên. Sửa các lỗi này (thường là cùng một nguyên nhân) rồi "
        "nạp lại để xem tiếp.",
        "The file has too many issues; only the first ones are recorded. Fix these (usually one cause) and load it "
        "again to see the rest.",
    ),
    "parent_cycle": Message(
        "parent_code",
        "Mã đơn vị cấp trên tạo thành vòng lặp (đơn vị là cấp trên của chính nó, trực tiếp hoặc qua đơn vị khác).",
        "The parent codes form a cycle (the unit is its own parent, directly or through other units).",
    ),
}


def message(key: str) -> Message:
    """The message for a rule key; unknown keys (Pandera's own checks) get a generic text."""
    if key in MESSAGES:
        return MESSAGES[key]
    return Message(None, f"Giá trị không hợp lệ ({key}).", f"Invalid value ({key}).")


# --- the catalog's links and the consistency warnings ---------------------------------------------
# Kept apart from MESSAGES above so the two grow without touching each other.

MESSAGES |= {
    "catalog_link_unknown": Message(
        None,
        "Mã ghi ở cột này không phải một mã khác trong danh mục; liên kết bị bỏ qua (chỉ tiêu vẫn được nạp, chỉ "
        "không kiểm tra được tổng các phần hoặc tốc độ tăng). Ghi đúng mã chỉ tiêu tổng (hoặc chỉ tiêu mức).",
        "The code in this column is not another code of the catalog; the link is ignored (the indicator still "
        "loads, only the sum-of-parts or growth check is not made). Write the code of the whole (or of the level).",
    ),
}

# What each consistency rule says, with its evidence: ``{placeholders}`` are filled with the figures,
# already written the language's way (7.978,01 / 7,978.01). ``column`` is unused (no workbook cell
# is wrong by itself: two figures disagree).
CONSISTENCY_MESSAGES: dict[str, Message] = {
    "yoy_jump": Message(
        None,
        "{name}: {value} năm {period} so với {previous} năm {previous_period} ({change}{gap}), trong khi {typical}. "
        "Khoảng hợp lý cho năm {period}: {low} – {high}. Kiểm tra lại số liệu (gõ nhầm, sai đơn vị, đổi cách "
        "tính, sáp nhập đơn vị …).",
        "{name}: {value} in {period} against {previous} in {previous_period} ({change}{gap}), while {typical}. "
        "Plausible range for {period}: {low} – {high}. Check the figure (a typo, a wrong unit, a change of "
        "definition, merged units …).",
    ),
    "shares_sum": Message(
        None,
        "{figure} {period}: các phần của '{whole}' ghi theo % cộng lại {total}% ({parts}), không phải 100% "
        "(cho phép lệch {tolerance} điểm % do làm tròn).",
        "{figure} {period}: the shares of '{whole}' add up to {total}% ({parts}), not 100% "
        "({tolerance} points allowed for rounding).",
    ),
    "shares_exceed": Message(
        None,
        "{figure} {period}: các phần của '{whole}' đã ghi cộng lại {total}% ({parts}), vượt quá 100% dù còn thiếu "
        "{missing}.",
        "{figure} {period}: the shares of '{whole}' given add up to {total}% ({parts}), over 100% although "
        "{missing} is still missing.",
    ),
    "parts_sum": Message(
        None,
        "{figure} {period}: các phần của '{whole}' cộng lại {total} ({parts}), khác số tổng {whole_value} "
        "(lệch {gap}; cho phép: {tolerance}){basis}.",
        "{figure} {period}: the parts of '{whole}' add up to {total} ({parts}), not the total {whole_value} "
        "(off by {gap}; allowed: {tolerance}){basis}.",
    ),
    "parts_exceed": Message(
        None,
        "{figure} {period}: các phần đã ghi của '{whole}' cộng lại {total} ({parts}), lớn hơn số tổng "
        "{whole_value}, dù còn thiếu {missing}{basis}.",
        "{figure} {period}: the parts of '{whole}' given add up to {total} ({parts}), more than the total "
        "{whole_value}, although {missing} is still missing{basis}.",
    ),
    "growth_vs_levels": Message(
        None,
        "{name} {period} ghi {value}%/năm, nhưng '{level}' từ {base} ({base_period}) lên {end} ({end_period}) là "
        "{implied}%/năm (lệch {gap} điểm %; cho phép {tolerance}). {basis}",
        "{name} {period} is {value}% a year, but '{level}' going from {base} ({base_period}) to {end} "
        "({end_period}) is {implied}% a year (off by {gap} points; {tolerance} allowed). {basis}",
    ),
    "stated_change_vs_levels": Message(
        None,
        "{name} {period}: báo cáo ghi '{stated}', nhưng số liệu từ {previous} ({previous_period}) đến {value} "
        "({period}) là {actual_change}. {basis}",
        "{name} {period}: the report says '{stated}', but the figures from {previous} ({previous_period}) to "
        "{value} ({period}) are {actual_change}. {basis}",
    ),
    "estimate_vs_official": Message(
        None,
        "{name} {period}: số chính thức {official} {change} so với số ước thực hiện {estimate} đã nạp trước đó "
        "(ghi ở {estimate_where}); số ước thường lệch số chính thức không quá {limit}. Kiểm tra lại một trong hai.",
        "{name} {period}: the official figure {official} is {change} than the estimate {estimate} loaded before "
        "(typed at {estimate_where}); an estimate is seldom more than {limit} off. Check one of the two.",
    ),
    "cumulative_decrease": Message(
        None,
        "{name}: số lũy kế năm {period} là {value}, thấp hơn {gap} so với năm {previous_period} ({previous}); số "
        "lũy kế không thể giảm. Kiểm tra lại (ghi số trong năm thay cho số lũy kế, gõ nhầm …).",
        "{name}: the running total for {period} is {value}, {gap} lower than in {previous_period} ({previous}); a "
        "running total cannot fall. Check the figure (the year's figure typed for the total, a typo …).",
    ),
    "units_sum": Message(
        None,
        "{name} {period}: số của các đơn vị trực thuộc cộng lại {total} ({parts}), khác số của {locality} "
        "{whole_value} (lệch {gap}; cho phép: {tolerance}).",
        "{name} {period}: the units' figures add up to {total} ({parts}), not {locality}'s {whole_value} "
        "(off by {gap}; allowed: {tolerance}).",
    ),
    "units_exceed": Message(
        None,
        "{name} {period}: số đã ghi của các đơn vị trực thuộc cộng lại {total} ({parts}), lớn hơn số của "
        "{locality} {whole_value}, dù còn thiếu {missing}.",
        "{name} {period}: the units' figures given add up to {total} ({parts}), more than {locality}'s "
        "{whole_value}, although {missing} is still missing.",
    ),
    "rate_vs_counts": Message(
        None,
        "{name} {period}: báo cáo ghi {reported}, nhưng {numerator_name} {numerator} ÷ {denominator_name} "
        "{denominator} = {computed} (lệch {gap}; cho phép {tolerance} do làm tròn). Kiểm tra lại tỷ lệ hoặc số "
        "đếm (chép nhầm số của năm khác, của chỉ tiêu khác …).",
        "{name} {period}: the report says {reported}, but {numerator_name} {numerator} ÷ {denominator_name} "
        "{denominator} = {computed} (off by {gap}; {tolerance} allowed for rounding). Check the rate or the count "
        "(a figure copied from another year or indicator …).",
    ),
    "pct_of_plan": Message(
        None,
        "{name} {period}: báo cáo ghi đạt {reported}% kế hoạch, nhưng thực hiện {actual} ÷ kế hoạch {target} = "
        "{computed}% (lệch {gap} điểm %; cho phép {tolerance} do làm tròn).",
        "{name} {period}: the report says {reported}% of plan, but actual {actual} ÷ target {target} = "
        "{computed}% (off by {gap} points; {tolerance} allowed for rounding).",
    ),
}
