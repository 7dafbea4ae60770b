"""Every word the dashboard and the report pack show, in Vietnamese (first) and English.

Vocabulary labels (statuses, grades, families, levels …) come from ``schemas.vocab``; this module
only adds the dashboard's own words and the icons that go with a status.
"""

from __future__ import annotations

from analysis.theme import GRADE_ICONS, STATUS_ICONS
from schemas.vocab import (
    ACTUAL_STATUS,
    AWARD_LEVEL,
    BLOC_KIND,
    CHANGE_KIND,
    FAMILY,
    LOCALITY_LEVEL,
    NTM_CRITERIA_NAMES,
    NTM_CRITERIA_SET,
    NTM_LEVEL,
    ON_TRACK,
    PARTY_ORG_TYPE,
    PARTY_RATING,
    QUALIFIER,
    RECIPIENT_KIND,
    SEVERITY,
    STATUS,
    TARGET_KIND,
    TARGET_SOURCE,
    ntm_criteria_names,
)

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    # App and navigation
    "app_title": ("Theo dõi thực hiện chỉ tiêu", "Target tracking"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_indicator": ("Chỉ tiêu", "Indicator"),
    "page_term": ("Nhiệm kỳ", "Congress term"),
    "page_ntm": ("Nông thôn mới", "New rural areas"),
    "page_party": ("Xây dựng Đảng", "Party building"),
    "page_awards": ("Thi đua – Khen thưởng", "Emulation and awards"),
    "page_data": ("Dữ liệu", "Data"),
    "page_compare": ("So sánh đơn vị", "Compare units"),
    "language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "locality": ("Địa phương", "Locality"),
    "year": ("Năm", "Year"),
    "term": ("Nhiệm kỳ", "Congress term"),
    "published": ("Số liệu công bố lúc {when} ({age}).", "Data published {when} ({age})."),
    "link_hint": (
        "Đường dẫn trên thanh địa chỉ giữ lựa chọn này: gửi cho người khác để mở đúng trang.",
        "The address bar keeps these choices: share it to open the same view.",
    ),
    # Warehouse missing or empty
    "wh_missing_title": ("Chưa có kho dữ liệu", "The warehouse has not been built yet"),
    "wh_missing": (
        "Không tìm thấy kho dữ liệu tại `{path}`. Hãy nạp các bảng tính trong thư mục `data/raw` bằng lệnh "
        "dưới đây (chạy trong thư mục dự án), rồi tải lại trang này.",
        "There is no warehouse at `{path}`. Load the workbooks in `data/raw` with the command below "
        "(run it in the project folder), then reload this page.",
    ),
    "wh_empty_title": ("Kho dữ liệu chưa có số liệu", "The warehouse is empty"),
    "wh_empty": (
        "Kho dữ liệu `{path}` đã có nhưng chưa có số liệu nào. Hãy nạp các bảng tính bằng lệnh dưới đây, "
        "rồi tải lại trang này.",
        "The warehouse `{path}` exists but holds no figures yet. Load the workbooks with the command below, "
        "then reload this page.",
    ),
    "wh_unreadable_title": ("Không đọc được kho dữ liệu", "The warehouse cannot be read"),
    "wh_unreadable": (
        "Tệp `{path}` không phải là kho dữ liệu DuckDB đọc được ({detail}). Hãy tạo lại bằng lệnh dưới đây.",
        "The file `{path}` is not a readable DuckDB warehouse ({detail}). Rebuild it with the command below.",
    ),
    "wh_command_alt": (
        "Không dùng make: `{cmd}`. Biến môi trường `CHITIEU_WAREHOUSE` cho biết nơi đặt kho dữ liệu.",
        "Without make: `{cmd}`. The `CHITIEU_WAREHOUSE` environment variable says where the warehouse is.",
    ),
    "no_localities": ("Kho dữ liệu chưa có địa phương nào có số liệu.", "No locality in the warehouse has figures."),
    # Common
    "source": ("Nguồn", "Source"),
    "source_warehouse": ("Kho dữ liệu chỉ tiêu", "Target warehouse"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel", "Download Excel"),
    "trace": ("Nguồn gốc từng số liệu", "Where each figure comes from"),
    "no_rows": ("Không có dòng nào.", "No rows."),
    "unit": ("Đơn vị", "Unit"),
    "unit_count": ("Đơn vị tính: {unit}", "Unit: {unit}"),
    "estimate_tag": ("ước", "est."),
    "derived": ("Suy ra", "Derived"),
    "derived_long": (
        "Suy ra (thực hiện ÷ tỷ lệ % kế hoạch báo cáo)",
        "Derived (actual ÷ reported % of plan)",
    ),
    "as_written": ("Theo văn bản", "As written"),
    "computed_yearly": ("Tính từ số liệu các năm", "Computed from the yearly figures"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "other": ("Khác", "Other"),
    # Column headers
    "col_family": ("Nhóm", "Family"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_code": ("Mã chỉ tiêu", "Code"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_target": ("Chỉ tiêu đề ra", "Target"),
    "col_target_value": ("Giá trị chỉ tiêu", "Target value"),
    "col_target_kind": ("Loại chỉ tiêu", "Target kind"),
    "col_actual": ("Thực hiện", "Actual"),
    "col_actual_status": ("Loại số liệu", "Figure status"),
    "col_achievement": ("% kế hoạch", "% of target"),
    "col_status": ("Đánh giá", "Assessment"),
    "col_trend": ("Xu hướng {first}–{last}", "Trend {first}–{last}"),
    "col_year": ("Năm", "Year"),
    "col_period": ("Kỳ", "Period"),
    "col_revisions": ("Số lần điều chỉnh", "Revisions"),
    "col_revision": ("Lần", "Revision"),
    "col_current": ("Đang dùng", "Current"),
    "col_loaded_at": ("Nạp lúc", "Loaded at"),
    "col_superseded_at": ("Bị thay lúc", "Superseded at"),
    "col_document": ("Văn bản", "Document"),
    "col_quote": ("Trích dẫn", "Quote"),
    "col_workbook": ("Bảng tính", "Workbook"),
    "col_sheet": ("Trang", "Sheet"),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "col_value": ("Giá trị", "Value"),
    "col_figure": ("Số liệu", "Figure"),
    "col_kind": ("Loại", "Kind"),
    "col_note": ("Ghi chú", "Note"),
    "col_baseline": ("Gốc", "Baseline"),
    "col_to_date": ("Thực hiện đến nay", "Actual to date"),
    "col_as_of": ("Đến năm", "As of"),
    "col_progress": ("Tiến độ", "Progress"),
    "col_actual_rate": ("Nhịp đạt được", "Pace achieved"),
    "col_required_rate": ("Nhịp cần cả kỳ", "Pace required"),
    "col_required_remaining": ("Nhịp cần các năm còn lại", "Pace needed from now"),
    "col_projection": ("Dự báo cuối kỳ", "Projected end of term"),
    "col_grade": ("Đánh giá tiến độ", "Progress grade"),
    "col_complete": ("Đủ số liệu", "Data complete"),
    "col_unit_name": ("Đơn vị hành chính", "Administrative unit"),
    "col_commune": ("Thuộc xã", "Commune"),
    "col_level": ("Mức đạt", "Level"),
    "col_criteria_set": ("Bộ tiêu chí", "Criteria set"),
    "col_criteria_met": ("Số tiêu chí đạt", "Criteria met"),
    "col_block": ("Khối", "Block"),
    "col_org_type": ("Loại tổ chức", "Organisation type"),
    "col_rating": ("Xếp loại", "Rating"),
    "col_orgs": ("Số tổ chức", "Organisations"),
    "col_members": ("Số đảng viên", "Members"),
    "col_award": ("Danh hiệu, hình thức", "Title or award"),
    "col_award_level": ("Cấp", "Level"),
    "col_recipient": ("Đối tượng", "Recipient"),
    "col_count": ("Số lượng", "Count"),
    "col_decision": ("Quyết định", "Decision"),
    "col_movement": ("Phong trào", "Movement"),
    "col_in_summary": ("Đã tính trong tổng hợp", "Counted in a total"),
    "col_file": ("Tệp", "File"),
    "col_asset": ("Bước nạp", "Load step"),
    "col_load_status": ("Kết quả", "Result"),
    "col_rows_read": ("Dòng đọc", "Rows read"),
    "col_rows_loaded": ("Dòng nạp", "Rows loaded"),
    "col_rows_rejected": ("Dòng bị loại", "Rows rejected"),
    "col_warnings": ("Cảnh báo", "Warnings"),
    "col_file_modified": ("Tệp sửa lúc", "File modified"),
    "col_title": ("Báo cáo", "Report"),
    "col_report_date": ("Ngày báo cáo", "Report date"),
    "col_prepared_by": ("Người lập", "Prepared by"),
    "col_severity": ("Mức độ", "Severity"),
    "col_message": ("Lỗi và cách sửa", "Problem and fix"),
    "col_rule": ("Quy tắc", "Rule"),
    "col_cells": ("Nội dung dòng", "Row content"),
    "col_detected_at": ("Phát hiện lúc", "Found at"),
    "col_table": ("Bảng", "Table"),
    "col_rows": ("Số dòng", "Rows"),
    # Overview
    "overview_title": ("Tổng quan năm {year} — {locality}", "Overview {year} — {locality}"),
    "overview_counts": (
        "{met} / {judged} chỉ tiêu có đủ chỉ tiêu và số thực hiện đã đạt hoặc vượt; {missed} không đạt.",
        "{met} of {judged} indicators with both a target and an actual were met or exceeded; {missed} not met.",
    ),
    "overview_no_data_note": (
        "«Chưa có số liệu»: thiếu chỉ tiêu đề ra hoặc số thực hiện để so sánh.",
        "'No data': the target or the actual needed for a comparison is missing.",
    ),
    "overview_term": ("Mục tiêu nhiệm kỳ {term}", "Congress-term targets {term}"),
    "overview_term_counts": (
        "{n} mục tiêu nhiệm kỳ có số liệu theo dõi. Xem chi tiết ở trang «Nhiệm kỳ».",
        "{n} term targets have figures to track. Details on the 'Congress term' page.",
    ),
    "overview_empty": ("Chưa có chỉ tiêu nào cho năm {year}.", "No indicator for {year}."),
    "family_count": ("{n} chỉ tiêu", "{n} indicators"),
    "open_term_page": ("Mở trang Nhiệm kỳ", "Open the term page"),
    # Indicator page
    "pick_indicator": ("Chọn chỉ tiêu", "Choose an indicator"),
    "indicator_title": ("{name}", "{name}"),
    "indicator_year_target": ("Chỉ tiêu năm {year}", "Target {year}"),
    "indicator_year_actual": ("Thực hiện năm {year}", "Actual {year}"),
    "indicator_year_status": ("Đánh giá năm {year}", "Assessment {year}"),
    "indicator_no_year": ("Năm {year} chưa có chỉ tiêu hay số thực hiện.", "No target or actual in {year}."),
    "h1_card": ("6 tháng đầu năm {year}", "First half of {year}"),
    "h1_note": (
        "{pct} chỉ tiêu năm · {verdict} mốc {goal}",
        "{pct} of the annual target · {verdict} the {goal} milestone",
    ),
    "h1_met": ("✔ đạt", "✔ met"),
    "h1_behind": ("✖ chưa đạt", "✖ behind"),
    "indicator_by_year": ("Thực hiện và chỉ tiêu qua các năm", "Actuals and targets by year"),
    "indicator_term": ("Mục tiêu nhiệm kỳ {term}", "Term target {term}"),
    "indicator_no_term": (
        "Chỉ tiêu này không có mục tiêu nhiệm kỳ {term}.",
        "No {term} term target for this indicator.",
    ),
    "indicator_revisions": (
        "Các lần nạp số liệu (kể cả số đã bị thay)",
        "Every loaded figure (including replaced ones)",
    ),
    "indicator_no_revisions": (
        "Mỗi số liệu mới có một lần nạp, chưa có điều chỉnh.",
        "Each figure has been loaded once; no revisions yet.",
    ),
    "indicator_has_revisions": (
        "{n} số liệu đã được điều chỉnh (ước thực hiện thay bằng số chính thức…).",
        "{n} figures were revised (an estimate replaced by the official figure…).",
    ),
    "term_needed": (
        "Nhịp cần đạt trong các năm còn lại để đạt mục tiêu «{target}»: {rate}.",
        "Pace needed in the remaining years to reach '{target}': {rate}.",
    ),
    "term_projection": (
        "Nếu giữ nhịp hiện tại, cuối nhiệm kỳ ({end}) sẽ đạt khoảng {value}.",
        "At the current pace, the end of the term ({end}) would reach about {value}.",
    ),
    "term_incomplete": (
        "Chưa đủ số liệu: mới có {have}/{elapsed} năm đã qua. Đánh giá chỉ dựa trên các năm có số liệu.",
        "Incomplete: {have} of {elapsed} elapsed years have figures. The grade uses those years only.",
    ),
    "term_progress_metric": ("Tiến độ so với mục tiêu", "Progress toward target"),
    "term_to_date_metric": ("Thực hiện đến {year}", "Actual to {year}"),
    # Term page
    "term_title": ("Mục tiêu nhiệm kỳ {term} — {locality}", "Congress-term targets {term} — {locality}"),
    "term_intro": (
        "Mỗi mục tiêu nhiệm kỳ theo văn bản đã giao (Nghị quyết Đại hội, chương trình, kế hoạch …), thực hiện "
        "đến nay, nhịp đạt được so với nhịp cần thiết, và đánh giá tiến độ theo phương pháp của Liên hợp quốc "
        "(tỷ số nhịp đạt được / nhịp cần thiết).",
        "Every term target, by the document that set it (the congress resolution, a programme, a plan …), progress "
        "to date, the pace achieved against the pace required, and the UN SDG progress grade (pace achieved ÷ pace "
        "required).",
    ),
    "term_no_targets": ("Nhiệm kỳ {term} chưa có mục tiêu nào được nạp.", "No {term} term targets are loaded."),
    "term_no_progress": (
        "Nhiệm kỳ {term} đã có mục tiêu nhưng chưa có số thực hiện để tính tiến độ.",
        "The {term} term targets have no figures yet to measure progress.",
    ),
    "term_other_figures": (
        "Số liệu cả nhiệm kỳ không gắn với mục tiêu ({n})",
        "Term figures without a target ({n})",
    ),
    # NTM page
    "ntm_title": ("Nông thôn mới — {locality}", "New rural areas — {locality}"),
    "ntm_matrix": ("Tiêu chí theo xã, năm {year}", "Criteria by commune, {year}"),
    "ntm_matrix_empty": (
        "Năm {year} chưa có số liệu từng tiêu chí theo xã (báo cáo chỉ nêu số tiêu chí đạt hoặc mức đạt chuẩn), "
        "nên chưa vẽ được bảng xã × 19 tiêu chí.",
        "{year} has no per-criterion figures by commune (the reports give only counts of criteria met or the "
        "level reached), so there is no communes × 19 criteria matrix.",
    ),
    "ntm_over_years": ("Số tiêu chí đạt qua các năm", "Criteria met over the years"),
    "ntm_over_years_empty": ("Chưa có số tiêu chí đạt theo năm.", "No counts of criteria met yet."),
    "ntm_levels": ("Các mức đạt chuẩn", "Levels reached"),
    "ntm_levels_empty": ("Chưa có đơn vị nào được công nhận đạt chuẩn.", "No unit has been recognised yet."),
    "ntm_levels_not_charted": (
        "Biểu đồ chỉ vẽ các đơn vị đã đạt chuẩn; {n} dòng «chưa đạt chuẩn» chỉ có trong bảng.",
        "The chart shows recognised units only; {n} rows 'not yet recognised' are in the table only.",
    ),
    "ntm_group_kind": ("Nhóm đơn vị", "Group of units"),
    "ntm_villages": ("Thôn, làng", "Villages"),
    "ntm_villages_empty": ("Chưa có số liệu thôn, làng.", "No village figures yet."),
    "ntm_no_data": (
        "Chưa có số liệu nông thôn mới cho địa phương này.",
        "No new-rural-area figures for this locality.",
    ),
    "ntm_group": ("Nhóm: {label}", "Group: {label}"),
    "ntm_range": ("{low}–{high}", "{low}–{high}"),
    "ntm_criterion": ("Tiêu chí", "Criterion"),
    "ntm_met": ("Đạt", "Met"),
    "ntm_not_met": ("Chưa đạt", "Not met"),
    "ntm_no_cell": ("Không có số liệu", "No figure"),
    # Party page
    "party_title": ("Xây dựng Đảng — {locality}", "Party building — {locality}"),
    "party_admissions": ("Kết nạp đảng viên", "Party admissions"),
    "party_admitted_year": ("Kết nạp năm {year}", "Admitted in {year}"),
    "party_plan_year": ("Kế hoạch năm {year}", "Plan {year}"),
    "party_cumulative": ("Lũy kế nhiệm kỳ {term}", "Term total {term}"),
    "party_against": ("so với mục tiêu {target}", "against a target of {target}"),
    "party_vs_plan": ("{pct} kế hoạch", "{pct} of plan"),
    "party_members": ("Tổng số đảng viên", "Total party members"),
    "party_orgs": ("Tổ chức cơ sở đảng", "Grassroots party organisations"),
    "party_orgs_year": (
        "Số liệu tổ chức cơ sở đảng gần nhất: năm {year}.",
        "Latest figures on grassroots organisations: {year}.",
    ),
    "party_orgs_no_counts": (
        "Báo cáo năm {year} chỉ nêu số đảng viên, không nêu số tổ chức: không có biểu đồ số tổ chức.",
        "The {year} report gives members only, no number of organisations: nothing to chart.",
    ),
    "party_orgs_not_charted": (
        "Biểu đồ vẽ theo khối (hoặc theo loại tổ chức); {n} dòng của bảng (tổng toàn đảng bộ, dòng chỉ có số "
        "đảng viên) chỉ có trong bảng.",
        "The chart is by block (or by type of organisation); {n} rows of the table (whole-committee totals, "
        "rows with members only) are in the table only.",
    ),
    "party_orgs_empty": ("Chưa có số liệu tổ chức cơ sở đảng.", "No figures on grassroots organisations."),
    "party_no_rating": (
        "Báo cáo năm {year} không nêu xếp loại theo khối; biểu đồ tính theo khối.",
        "The {year} report gives no rating by block; the chart counts organisations by block.",
    ),
    "party_other": ("Các chỉ tiêu xây dựng Đảng năm {year}", "Party-building indicators {year}"),
    "party_no_admissions": ("Chưa có số liệu kết nạp đảng viên.", "No admissions figures yet."),
    "unrated": ("Không ghi xếp loại", "Rating not given"),
    "all_blocks": ("Toàn đảng bộ", "Whole committee"),
    # Awards page
    "awards_title": ("Thi đua – Khen thưởng — {locality}", "Emulation and awards — {locality}"),
    "awards_by_year": ("Khen thưởng theo năm", "Awards by year"),
    "awards_by_year_note": (
        "Các quyết định từng năm; phần lớn đã được tính trong số tổng hợp của cả giai đoạn bên dưới.",
        "Decisions year by year; most are already counted in the period totals below.",
    ),
    "awards_totals": ("Tổng hợp khen thưởng theo giai đoạn", "Award totals by period"),
    "awards_totals_note": (
        "Không cộng trùng: các dòng chi tiết đã nằm trong một dòng tổng hợp được loại khỏi tổng.",
        "No double counting: detail rows already inside a total are left out of the sums.",
    ),
    "awards_collective": ("Tập thể", "Collective"),
    "awards_individual": ("Cá nhân", "Individual"),
    "awards_total_metric": ("Tổng số lượt khen thưởng (không trùng)", "Awards in total (no double counting)"),
    "awards_details": ("Chi tiết các quyết định", "Decisions in detail"),
    "awards_empty": ("Chưa có số liệu khen thưởng.", "No award figures yet."),
    "awards_year_empty": (
        "Chưa có số liệu khen thưởng theo từng năm (chỉ có số liệu cả giai đoạn).",
        "No yearly award figures (only figures for whole periods).",
    ),
    "awards_no_totals": (
        "Các dòng khen thưởng đều là chi tiết của một số tổng hợp chưa được nạp: chưa có tổng để vẽ.",
        "Every award row details a total that is not loaded: no totals to draw.",
    ),
    # Data page
    "data_title": ("Dữ liệu — {locality}", "Data — {locality}"),
    "data_freshness": ("Độ mới của số liệu", "Freshness"),
    "data_published": ("Công bố lúc", "Published"),
    "data_age": ("Cách đây", "Age"),
    "data_run": ("Lượt chạy", "Run"),
    "data_workbooks": ("Bảng tính đang dùng", "Workbooks in use"),
    "data_load_log": ("Lần nạp gần nhất của từng tệp", "Latest load of each file"),
    "data_issues": ("Dòng bị loại và cảnh báo", "Rejected rows and warnings"),
    "data_issues_none": (
        "Lần nạp gần nhất không loại dòng nào và không có cảnh báo.",
        "The latest loads rejected no row and raised no warning.",
    ),
    "data_issues_count": (
        "{errors} dòng bị loại, {warnings} cảnh báo. Sửa bảng tính theo hướng dẫn rồi nạp lại.",
        "{errors} rows rejected, {warnings} warnings. Fix the workbook as described, then load it again.",
    ),
    "data_quarantine": ("Nội dung các dòng bị loại", "Content of rejected rows"),
    "data_tables": ("Số dòng từng bảng", "Rows per table"),
    "data_whole_file": ("cả tệp", "whole file"),
    "load_loaded": ("Đã nạp", "Loaded"),
    "load_failed": ("Lỗi, giữ số liệu cũ", "Failed, earlier data kept"),
    "load_skipped": ("Bỏ qua", "Skipped"),
    # Charts
    "chart_status_by_family": ("Kết quả thực hiện chỉ tiêu năm {year}", "Targets met in {year}"),
    "chart_status_by_family_sub": (
        "{locality} · số chỉ tiêu theo nhóm và đánh giá",
        "{locality} · indicators by family and assessment",
    ),
    "chart_count_axis": ("Số chỉ tiêu", "Indicators"),
    "chart_trend_sub": ("{locality} · đơn vị: {unit}", "{locality} · unit: {unit}"),
    "chart_actual_official": ("Thực hiện (chính thức)", "Actual (official)"),
    "chart_actual_estimate": ("Thực hiện (ước)", "Actual (estimate)"),
    "chart_actual_line": ("Thực hiện", "Actual"),
    "chart_target_year": ("Chỉ tiêu năm", "Annual target"),
    "chart_target_derived": ("Chỉ tiêu năm (suy ra từ % kế hoạch)", "Annual target (implied by % of plan)"),
    "chart_term_target": ("Mục tiêu nhiệm kỳ {term}: {target}", "Term target {term}: {target}"),
    "chart_projection": ("Dự báo theo nhịp hiện tại", "Projection at current pace"),
    "chart_cumulative": ("Lũy kế nhiệm kỳ", "Term total so far"),
    "chart_term_total": ("Tổng", "Total"),
    "chart_cumulative_title": ("{name}: lũy kế nhiệm kỳ {term}", "{name}: term total {term}"),
    "chart_yearly": ("Từng năm", "Each year"),
    "chart_missing_years": ("Thiếu số liệu: {years}", "No figures: {years}"),
    "chart_term_title": ("Tiến độ mục tiêu nhiệm kỳ {term}", "Progress toward the {term} term targets"),
    "chart_term_sub": (
        "{locality} · % chặng đường đến mục tiêu (100% = đạt mục tiêu)",
        "{locality} · % of the way to the target (100% = target reached)",
    ),
    "chart_progress_axis": ("Tiến độ (%)", "Progress (%)"),
    "chart_ntm_matrix_title": (
        "Tiêu chí nông thôn mới theo xã, năm {year}",
        "New-rural-area criteria by commune, {year}",
    ),
    "chart_ntm_matrix_sub": ("{locality} · ✔ đạt, ✖ chưa đạt", "{locality} · ✔ met, ✖ not met"),
    "chart_ntm_years_title": (
        "Số tiêu chí nông thôn mới đạt qua các năm",
        "New-rural-area criteria met over the years",
    ),
    "chart_ntm_years_sub": (
        "{locality} · đơn vị: tiêu chí (tối đa 19); đoạn dọc: khoảng báo cáo (ví dụ 9–14)",
        "{locality} · unit: criteria (at most 19); vertical bar: reported range (e.g. 9–14)",
    ),
    "chart_criteria_axis": ("Số tiêu chí đạt", "Criteria met"),
    "chart_ntm_levels_title": ("Đơn vị đạt chuẩn nông thôn mới theo năm", "Units recognised by year"),
    "chart_ntm_levels_sub": (
        "{locality} · đơn vị: xã, thôn/làng; gạch chéo: thôn, làng; chấm hoặc ô chéo: số ước",
        "{locality} · unit: communes, villages; hatched: villages; dotted or cross-hatched: estimates",
    ),
    "chart_units_axis": ("Số đơn vị", "Units"),
    "chart_communes": ("xã", "communes"),
    "chart_villages": ("thôn, làng", "villages"),
    "chart_party_orgs_title": ("Tổ chức cơ sở đảng theo khối, năm {year}", "Grassroots party organisations, {year}"),
    "chart_party_orgs_sub": ("{locality} · đơn vị: tổ chức", "{locality} · unit: organisations"),
    "chart_orgs_axis": ("Số tổ chức", "Organisations"),
    "chart_awards_year_title": ("Khen thưởng theo năm và cấp", "Awards by year and level"),
    "chart_awards_year_sub": (
        "{locality} · đơn vị: lượt; gạch chéo: cá nhân",
        "{locality} · unit: awards; hatched: individuals",
    ),
    "chart_awards_total_title": ("Tổng hợp khen thưởng theo giai đoạn và cấp", "Award totals by period and level"),
    "chart_awards_total_sub": (
        "{locality} · đơn vị: lượt; cột trái: tập thể, cột phải (gạch chéo): cá nhân; không cộng trùng",
        "{locality} · unit: awards; left bar: collective, right bar (hatched): individual; no double counting",
    ),
    "chart_awards_axis": ("Số lượt", "Awards"),
    "chart_load_title": ("Kết quả nạp từng bảng tính", "Load result per workbook"),
    "chart_load_sub": ("{locality} · đơn vị: dòng", "{locality} · unit: rows"),
    "chart_rows_axis": ("Số dòng", "Rows"),
    "chart_nothing": ("Chưa có số liệu để vẽ biểu đồ.", "No figures to chart yet."),
    "chart_source_files": ("bảng tính {files}", "workbooks {files}"),
    # Compare units: league table, blocs, emulation scores, sums, map, administrative change
    "cmp_title": ("So sánh đơn vị — {locality}, năm {year}", "Compare units — {locality}, {year}"),
    "cmp_intro": (
        "Các đơn vị trực thuộc {locality} năm {year}: tỷ lệ chỉ tiêu đạt và vượt (trong các chỉ tiêu có đủ chỉ tiêu "
        "đề ra và số thực hiện), số chỉ tiêu vượt, đạt, không đạt, và một chỉ tiêu chọn để so sánh. Đơn vị chưa có "
        "số liệu được ghi «chưa có số liệu» và không xếp hạng; hạng bằng nhau là đồng hạng.",
        "The units under {locality} in {year}: the share of targets met or exceeded (of those with both a target and "
        "an actual), the counts exceeded, met and not met, and one indicator to compare. A unit without figures says "
        "so and is not ranked; equal values share a rank.",
    ),
    "cmp_no_units": (
        "{locality} không có đơn vị trực thuộc trong năm {year} (theo danh mục đơn vị don-vi.xlsx).",
        "{locality} has no units under it in {year} (by its units list, don-vi.xlsx).",
    ),
    "cmp_no_figures": (
        "Chưa đơn vị nào trực thuộc {locality} có số liệu năm {year}. Mỗi đơn vị (xã, phường, cơ quan) nộp bảng tính "
        "năm của mình trong thư mục mang mã đơn vị, ví dụ `data/raw/{example}/{year}.xlsx` (tạo mẫu: `chitieu "
        "template --locality {example} --year {year} --out data/raw/{example}/{year}.xlsx`).",
        "No unit under {locality} has figures for {year} yet. Each unit (commune, ward, office) files its own yearly "
        "workbook in a folder named by its code, e.g. `data/raw/{example}/{year}.xlsx` (a blank one: `chitieu "
        "template --locality {example} --year {year} --out data/raw/{example}/{year}.xlsx`).",
    ),
    "cmp_no_year": (
        "Chưa có năm nào có số liệu của {locality} để so sánh các đơn vị (hoặc số liệu chưa được duyệt).",
        "No year with figures of {locality} to compare its units (or the figures are not approved yet).",
    ),
    "cmp_scope": ("Phạm vi so sánh", "Units compared"),
    "cmp_scope_all": ("Mọi đơn vị trực thuộc", "Every unit under the locality"),
    "cmp_rank_by": ("Xếp hạng theo", "Rank by"),
    "cmp_rank_share": ("Tỷ lệ chỉ tiêu đạt, vượt", "Share of targets met"),
    "cmp_rank_indicator": ("Chỉ tiêu so sánh", "The indicator compared"),
    "cmp_sort": ("Sắp xếp bảng theo", "Sort the table by"),
    "cmp_sort_rank": ("Hạng", "Rank"),
    "cmp_sort_share": ("Tỷ lệ chỉ tiêu đạt, vượt (cao trước)", "Share of targets met (highest first)"),
    "cmp_sort_indicator": ("Chỉ tiêu so sánh (cao trước)", "The indicator (highest first)"),
    "cmp_sort_name": ("Tên đơn vị", "Unit name"),
    "cmp_indicator": ("Chỉ tiêu so sánh", "Indicator to compare"),
    "cmp_league": ("Bảng xếp hạng các đơn vị", "League table of the units"),
    "cmp_ranked": (
        "{ranked}/{total} đơn vị được xếp hạng; {missing} đơn vị chưa có số liệu.",
        "{ranked} of {total} units ranked; {missing} without figures.",
    ),
    "cmp_rank_note": (
        "«So với năm trước»: ▲ lên hạng, ▼ xuống hạng, = giữ hạng, «mới»: đơn vị mới thành lập (chưa có hạng năm trước).",
        "'Since last year': ▲ up, ▼ down, = same rank, 'new': a unit formed since (no rank last year).",
    ),
    "cmp_new": ("mới", "new"),
    "cmp_no_figures_short": ("Chưa có số liệu", "No figures"),
    "cmp_open_unit": ("Xem một đơn vị", "Open a unit"),
    "cmp_open_button": ("Mở tổng quan đơn vị", "Open the unit's overview"),
    "cmp_open_link": ("Đường dẫn đến tổng quan của từng đơn vị", "Links to each unit's overview"),
    "cmp_sums": ("Tổng các đơn vị và số {locality} báo cáo", "The units' total against {locality}'s figure"),
    "cmp_sums_note": (
        "Chỉ với các chỉ tiêu cộng được theo đơn vị (danh mục: «Cộng theo đơn vị»). Lệch quá mức làm tròn là cảnh "
        "báo, cũng có ở trang «Dữ liệu».",
        "For indicators that add up across units only (catalog: 'Cộng theo đơn vị'). A difference beyond rounding is "
        "a warning, also on the 'Data' page.",
    ),
    "cmp_scores": ("Chấm điểm thi đua: {scope}, năm {year}", "Emulation scores: {scope}, {year}"),
    "cmp_scores_note": (
        "Thang điểm lấy từ thi-dua.xlsx của {locality}. Đơn vị thiếu số liệu hoặc điểm chấm của một tiêu chí không có "
        "tổng điểm và không xếp hạng (không tính là 0 điểm).",
        "The scoring sheet comes from {locality}'s thi-dua.xlsx. A unit missing a figure or a score for a criterion has "
        "no total and no rank (it is not scored as zero).",
    ),
    "cmp_no_scoring": (
        "Chưa có thang điểm thi đua cho {scope} năm {year}: thêm trang «Tiêu chí chấm điểm» vào thi-dua.xlsx của "
        "{locality} (mẫu: `chitieu template --locality {code} --emulation --out data/raw/{code}/thi-dua.xlsx`).",
        "No emulation scoring sheet for {scope} in {year}: add a 'Tiêu chí chấm điểm' sheet to {locality}'s "
        "thi-dua.xlsx (a blank one: `chitieu template --locality {code} --emulation --out data/raw/{code}/thi-dua.xlsx`).",
    ),
    "cmp_score_capped": (
        "Tiêu chí {no}: điểm chấm vượt điểm tối đa, tính bằng điểm tối đa.",
        "Criterion {no}: score above its points, counted as its points.",
    ),
    "cmp_partial_total": ("chưa đủ ({points})", "incomplete ({points})"),
    "cmp_missing_criteria": (
        "{n} tiêu chí chưa có số liệu hoặc điểm chấm.",
        "{n} criteria without a figure or a score.",
    ),
    "cmp_map": ("Bản đồ", "Map"),
    "cmp_map_measure": ("Tô màu theo", "Colour by"),
    "cmp_map_missing": (
        "Chưa có bản đồ ranh giới các đơn vị của {locality}. Thêm tệp `ban-do.geojson` (GeoJSON FeatureCollection, "
        "mỗi vùng có thuộc tính `ma_don_vi` là mã đơn vị trong don-vi.xlsx; lưu từ QGIS, geojson.io hoặc mapshaper) "
        "vào thư mục `data/raw/{code}/`, rồi nạp lại (`chitieu build`). Xem docs/workbook-format.md.",
        "There is no boundary map of {locality}'s units yet. Add a file `ban-do.geojson` (a GeoJSON FeatureCollection, "
        "each feature with a property `ma_don_vi` holding the unit's code of don-vi.xlsx; saved from QGIS, geojson.io "
        "or mapshaper) to the folder `data/raw/{code}/`, then load again (`chitieu build`). See docs/workbook-format.md.",
    ),
    "cmp_map_missing_short": ("Chưa có bản đồ ranh giới đơn vị.", "No boundary map of the units."),
    "col_rank": ("Hạng", "Rank"),
    "col_rank_change": ("So với năm trước", "Since last year"),
    "col_admin_unit": ("Đơn vị", "Unit"),
    "col_unit_code": ("Mã đơn vị", "Unit code"),
    "col_unit_measure": ("Đơn vị tính", "Unit of measure"),
    "col_share_met": ("% chỉ tiêu đạt, vượt", "% of targets met"),
    "col_judged": ("Số chỉ tiêu đánh giá", "Targets judged"),
    "col_criterion_points": ("{no}. {name} ({weight} điểm)", "{no}. {name} ({weight} pts)"),
    "col_total_points": ("Tổng điểm", "Total points"),
    "col_reported": ("Số địa phương báo cáo", "Locality's figure"),
    "col_units_sum": ("Tổng các đơn vị", "Units' total"),
    "col_difference": ("Chênh lệch", "Difference"),
    "col_units_reporting": ("Đơn vị có số liệu", "Units with figures"),
    "col_sum_status": ("Đối chiếu", "Check"),
    "col_units_missing": ("Đơn vị chưa có số liệu", "Units without figures"),
    "col_units_detail": ("Số của từng đơn vị", "Each unit's figure"),
    "sum_consistent": ("✔ Khớp", "✔ Consistent"),
    "sum_differs": ("⚠ Lệch quá mức làm tròn", "⚠ Differs beyond rounding"),
    "sum_partial_exceeds": (
        "⚠ Tổng đã vượt số báo cáo (còn đơn vị chưa có số)",
        "⚠ Partial total already above the figure",
    ),
    "sum_incomplete": ("– Chưa đủ đơn vị", "– Not every unit reported"),
    "sum_not_reported": ("– Địa phương không báo cáo", "– The locality gave no figure"),
    "data_unit_sums": (
        "Tổng số của các đơn vị so với số địa phương báo cáo",
        "The units' totals against the locality's figures",
    ),
    "data_unit_sums_none": (
        "Các chỉ tiêu cộng được theo đơn vị đều khớp trong phạm vi làm tròn (hoặc chưa đủ số liệu đơn vị để đối chiếu).",
        "Every indicator that adds up across units matches within rounding (or the units' figures are not enough to check).",
    ),
    "data_unit_sums_count": (
        "{n} số liệu: tổng của các đơn vị khác số {locality} báo cáo quá mức làm tròn. Kiểm tra số của các đơn vị liệt kê.",
        "{n} figures: the units' total differs from {locality}'s beyond rounding. Check the figures of the units listed.",
    ),
    "chart_units_title": ("{name} của các đơn vị, năm {year}", "{name} by unit, {year}"),
    "chart_units_sub": (
        "{locality} · đơn vị tính: {unit}; vạch cam: chỉ tiêu đề ra",
        "{locality} · unit: {unit}; orange mark: target",
    ),
    "chart_units_missing": ("{n} đơn vị chưa có số liệu: {units}", "{n} units without figures: {units}"),
    "chart_units_empty": (
        "Chưa đơn vị nào có số liệu của chỉ tiêu này năm {year}.",
        "No unit has a figure for this indicator in {year}.",
    ),
    "chart_units_no_target": ("Không có chỉ tiêu đề ra", "No target"),
    "chart_map_title": ("{measure} theo đơn vị, năm {year}", "{measure} by unit, {year}"),
    "chart_map_sub": (
        "{locality} · {n}/{total} đơn vị có số liệu (màu xám: chưa có) · đơn vị tính: {unit}",
        "{locality} · {n} of {total} units with figures (grey: none) · unit: {unit}",
    ),
    "chart_map_source": (
        "Kho dữ liệu chỉ tiêu; ranh giới: ban-do.geojson của địa phương",
        "Target warehouse; boundaries: the locality's ban-do.geojson",
    ),
    "chart_change_title": (
        "{name}: trước và sau sắp xếp đơn vị hành chính",
        "{name}: before and after the reorganisation",
    ),
    "chart_change_sub": (
        "{locality} · đơn vị tính: {unit}; nét đứt: tính lại từ đơn vị cũ",
        "{locality} · unit: {unit}; dashed: recomputed from the former units",
    ),
    "chart_change_own": ("Số của {unit}", "{unit}'s own figures"),
    "chart_change_recomputed": ("Tính lại từ đơn vị cũ", "Recomputed from the former units"),
    "chart_change_sum": ("tổng các đơn vị cũ", "sum of the former units"),
    "chart_change_weighted": ("bình quân theo trọng số khi gộp", "average weighted at the merger"),
    "chart_change_carried": ("số của đơn vị cũ", "the former unit's figure"),
    "chart_change_from": ("Từ: {units}", "From: {units}"),
    "chart_change_old_unit": ("{unit} (đơn vị cũ)", "{unit} (former unit)"),
    "chart_change_marker": ("{kind} {date}", "{kind} {date}"),
    "chg_heading": ("Trước và sau sắp xếp đơn vị hành chính", "Before and after the reorganisation"),
    "chg_intro": (
        "{unit} hình thành từ {units} ({kind}, {date}). Các năm trước đó là số «tính lại từ đơn vị cũ».",
        "{unit} was formed from {units} ({kind}, {date}). Earlier years are 'recomputed from the former units'.",
    ),
    "chg_not_combined": (
        "Tỷ lệ của các đơn vị cũ không được gộp vì chưa có trọng số (dân số khi sắp xếp: cột «Trọng số khi gộp» của "
        "don-vi.xlsx): mỗi đơn vị cũ một đường riêng.",
        "The former units' rates are not combined without weights (population at the merger: 'Trọng số khi gộp' in "
        "don-vi.xlsx): each former unit has its own line.",
    ),
    "chg_split": (
        "Đơn vị hình thành do chia tách: số liệu các năm trước là của đơn vị cũ (phạm vi rộng hơn), chỉ để tham khảo.",
        "A unit formed by a split: earlier figures are the former unit's (a larger area), for reference only.",
    ),
    "chg_missing": (
        "Năm {years}: thiếu số liệu của đơn vị cũ, chưa tính lại được.",
        "{years}: a former unit's figure is missing, nothing recomputed.",
    ),
    "report_part_units": ("III. SO SÁNH CÁC ĐƠN VỊ TRỰC THUỘC", "III. COMPARING THE UNITS"),
    "report_part_sources_after_units": ("IV. NGUỒN SỐ LIỆU", "IV. SOURCES"),
    "report_table_league": (
        "Xếp hạng các đơn vị trực thuộc năm {year} theo tỷ lệ chỉ tiêu đạt, vượt",
        "The units ranked by share of targets met, {year}",
    ),
    "report_table_scores": ("Kết quả chấm điểm thi đua {scope} năm {year}", "Emulation scores of {scope}, {year}"),
    "report_table_sums": (
        "Tổng các đơn vị và số địa phương báo cáo năm {year}",
        "Units' totals against the locality's figures, {year}",
    ),
    # Chart export and the report pack
    "print_note_estimate": (
        "Ghi chú: có số liệu ước thực hiện (chưa phải số chính thức).",
        "Note: includes estimates (số liệu ước thực hiện), not yet official figures.",
    ),
    "print_note_official": ("Ghi chú: số liệu chính thức.", "Note: official figures."),
    "report_agency": ("UBND {name}", "PEOPLE'S COMMITTEE OF {name}"),
    "report_country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "report_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report_number": ("Số:        /BC-UBND", "No.:        /BC-UBND"),
    "report_place_date": ("{place}, ngày …… tháng …… năm ……", "{place}, …… (date)"),
    "report_kind": ("BÁO CÁO", "REPORT"),
    "report_title_year": ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}", "RESULTS AGAINST THE TARGETS OF {year}"),
    "report_title_term": (
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NHIỆM KỲ {term}",
        "PROGRESS TOWARD THE TARGETS OF THE {term} TERM",
    ),
    "report_part_overview": ("I. ĐÁNH GIÁ CHUNG", "I. OVERVIEW"),
    "report_part_families": ("II. KẾT QUẢ THEO TỪNG LĨNH VỰC", "II. RESULTS BY AREA"),
    "report_part_sources": ("III. NGUỒN SỐ LIỆU", "III. SOURCES"),
    "report_summary_year": (
        "Năm {year}, {locality} theo dõi {total} chỉ tiêu; {judged} chỉ tiêu có đủ chỉ tiêu đề ra và số thực hiện "
        "để đánh giá, trong đó {vuot} chỉ tiêu vượt, {dat} chỉ tiêu đạt, {missed} chỉ tiêu không đạt; {nodata} chỉ "
        "tiêu chưa có số liệu để so sánh.",
        "In {year}, {locality} tracked {total} indicators; {judged} had both a target and an actual: {vuot} "
        "exceeded, {dat} met, {missed} not met; {nodata} had no figures to compare.",
    ),
    "report_summary_estimates": (
        "{n} chỉ tiêu là số liệu ước thực hiện (ghi «ước» trong bảng), sẽ được cập nhật khi có số chính thức.",
        "{n} indicators are estimates (marked 'est.' in the tables), to be replaced by official figures.",
    ),
    "report_summary_term": (
        "Nghị quyết Đại hội nhiệm kỳ {term} đề ra {total} mục tiêu; {tracked} mục tiêu đã có số liệu theo dõi "
        "tiến độ: {grades}.",
        "The congress resolution for {term} set {total} targets; {tracked} have figures to track: {grades}.",
    ),
    "report_summary_term_none": (
        "Nghị quyết Đại hội nhiệm kỳ {term} đề ra {total} mục tiêu; chưa mục tiêu nào có số liệu theo dõi tiến độ.",
        "The congress resolution for {term} set {total} targets; none has figures to track yet.",
    ),
    "report_chart_word": ("Biểu đồ", "Figure"),
    "report_table_word": ("Bảng", "Table"),
    "report_table_summary_year": (
        "Tổng hợp kết quả thực hiện chỉ tiêu năm {year} theo lĩnh vực",
        "Results of {year} by area",
    ),
    "report_table_family_year": (
        "Kết quả thực hiện các chỉ tiêu {family} năm {year}",
        "{family}: results against the targets of {year}",
    ),
    "report_table_summary_term": (
        "Tổng hợp tiến độ mục tiêu nhiệm kỳ {term} theo lĩnh vực",
        "Progress toward the {term} term targets by area",
    ),
    "report_table_family_term": (
        "Tiến độ các mục tiêu nhiệm kỳ {term}: {family}",
        "{family}: progress toward the {term} term targets",
    ),
    "report_table_family_term_figures": (
        "Số liệu cả nhiệm kỳ {term} không gắn với mục tiêu: {family}",
        "{family}: figures for the {term} term without a target",
    ),
    "report_table_ntm_levels": ("Đơn vị đạt chuẩn nông thôn mới đến năm {year}", "Units recognised up to {year}"),
    "report_table_party_orgs": ("Tổ chức cơ sở đảng năm {year}", "Grassroots party organisations, {year}"),
    "report_table_awards": ("Khen thưởng {period}", "Awards {period}"),
    "report_caption_period": ("{title}, {period}", "{title}, {period}"),
    "col_no": ("STT", "No."),
    "col_area": ("Lĩnh vực", "Area"),
    "col_total": ("Tổng số", "Total"),
    "col_targets": ("Số mục tiêu", "Targets"),
    "col_slow": ("Hạn chế, đi lùi", "Limited or regressing"),
    "report_estimate_note": (
        "Ghi chú: «ước» là số liệu ước thực hiện, chưa phải số chính thức.",
        "Note: 'est.' marks an estimate, not yet the official figure.",
    ),
    "report_derived_note": (
        "«≈»: chỉ tiêu suy ra từ số thực hiện và tỷ lệ % kế hoạch mà báo cáo nêu.",
        "'≈': a target implied by the actual and the % of plan the report states.",
    ),
    "report_sources_intro": (
        "Số liệu trong báo cáo được tổng hợp từ kho dữ liệu chỉ tiêu, theo các văn bản sau:",
        "The figures in this report come from the target warehouse, as stated in these documents:",
    ),
    "report_workbooks": ("Bảng tính đã nạp: {files}.", "Workbooks loaded: {files}."),
    "report_generated": (
        "Báo cáo lập từ kho dữ liệu chỉ tiêu (số liệu công bố lúc {published}).",
        "Compiled from the target warehouse (data published {published}).",
    ),
    "report_recipients": ("Nơi nhận:", "Recipients:"),
    "report_recipients_lines": ("- Như trên;\n- Lưu: VT.", "- As above;\n- Archive."),
    "report_signature": ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "FOR THE PEOPLE'S COMMITTEE\nCHAIRPERSON"),
    "report_no_sections": ("Chưa có số liệu cho kỳ này.", "No figures for this period."),
    "report_pptx_title": ("{title}\n{locality}", "{title}\n{locality}"),
    "pack_button": ("Xuất bộ báo cáo", "Export report pack"),
    "pack_heading_year": ("Bộ báo cáo năm {year}", "Report pack {year}"),
    "pack_heading_term": ("Bộ báo cáo nhiệm kỳ {term}", "Report pack {term}"),
    "pack_help": (
        "Báo cáo Word (A4, Times New Roman, theo Nghị định 30/2020/NĐ-CP), bảng Excel, ảnh biểu đồ (PNG 300 dpi, "
        "SVG, PDF) và trình chiếu PowerPoint.",
        "A Word report (A4, Times New Roman, Decree 30/2020 layout), an Excel workbook, chart images (PNG 300 dpi, "
        "SVG, PDF) and a PowerPoint deck.",
    ),
    "pack_building": ("Đang tạo bộ báo cáo…", "Building the report pack…"),
    "pack_done": (
        "{charts} biểu đồ, {tables} bảng, {seconds} giây. Lưu tại {path}.",
        "{charts} charts, {tables} tables, {seconds} s. Saved in {path}.",
    ),
    "pack_failed": ("Không tạo được bộ báo cáo: {error}", "The report pack could not be built: {error}"),
    "pack_docx": ("Báo cáo (DOCX)", "Report (DOCX)"),
    "pack_xlsx": ("Bảng số liệu (XLSX)", "Tables (XLSX)"),
    "pack_zip": ("Ảnh biểu đồ (ZIP)", "Chart images (ZIP)"),
    "pack_pptx": ("Trình chiếu (PPTX)", "Slides (PPTX)"),
    "chart_export": ("Xuất biểu đồ", "Export chart"),
    "chart_export_help": (
        "Khổ in 16 cm (vừa lề trang A4), phông chữ có đủ dấu tiếng Việt, kèm nguồn số liệu.",
        "Sized 16 cm for the A4 text width, fonts with every Vietnamese diacritic, source line included.",
    ),
    "chart_export_png": ("PNG 300 dpi", "PNG 300 dpi"),
    "chart_export_svg": ("SVG (vector)", "SVG (vector)"),
    "chart_export_pdf": ("PDF (vector)", "PDF (vector)"),
}

# Data page: the consistency warnings (internal consistency and outliers).
TEXT |= {
    "data_consistency": ("Số liệu không khớp nhau", "Figures that disagree"),
    "data_consistency_none": (
        "Không có số liệu nào mâu thuẫn với các số liệu khác (năm trước, tổng các phần, tốc độ tăng, % kế hoạch).",
        "No figure disagrees with the others (the year before, the sum of parts, growth rates, % of plan).",
    ),
    "data_consistency_count": (
        "{count} cảnh báo: các số liệu này vẫn được dùng, nhưng không khớp với số liệu khác. Đối chiếu với văn bản "
        "nguồn; nếu sai, sửa bảng tính rồi nạp lại.",
        "{count} warnings: these figures are still used, but disagree with other figures. Check them against the "
        "source document; if wrong, fix the workbook and load it again.",
    ),
    "data_consistency_help": (
        "Kiểm tra: thay đổi so với năm trước vượt xa mức thường thấy của chính chỉ tiêu; các phần của một tổng "
        "(cột 'Thuộc tổng (mã)' của danh mục) không cộng lại đủ 100% hoặc đúng số tổng; tốc độ tăng (cột 'Tăng "
        "trưởng của (mã)') hoặc mức tăng, giảm báo cáo nêu không khớp số liệu hai năm; tỷ lệ % kế hoạch không "
        "khớp kế hoạch và thực hiện; số chính thức lệch xa số ước thực hiện đã nạp trước; số lũy kế giảm; số của các "
        "đơn vị trực thuộc không cộng lại bằng số của địa phương. Đã cho phép sai số làm tròn và chênh lệch giữa giá "
        "hiện hành và giá so sánh.",
        "Checked: a change from the year before far beyond the indicator's usual change; parts of a whole (the "
        "catalog's 'Thuộc tổng (mã)') not adding up to 100% or to the total; a growth rate ('Tăng trưởng của "
        "(mã)') or a change the report states that the two years' figures contradict; a % of plan that target "
        "and actual contradict; an official figure far from the estimate loaded before it; a running total that "
        "falls; units whose figures do not add up to their locality's. Rounding and the difference between current "
        "and constant prices are allowed for.",
    ),
    "col_disagreement": ("Điều không khớp (kèm số liệu)", "What disagrees (with the figures)"),
    "col_where": ("Nơi ghi số liệu", "Where it was typed"),
    "col_related": ("Số liệu đối chiếu ghi ở", "Compared with figures at"),
    "col_expected": ("Giá trị đối chiếu", "Expected"),
    "col_tolerance": ("Cho phép lệch", "Allowed gap"),
    "col_compared_period": ("Kỳ đối chiếu", "Compared period"),
    "col_price_basis": ("Loại giá", "Prices"),
    "col_evidence": ("Số liệu dùng để đối chiếu (JSON)", "Figures used (JSON)"),
    "approvals_consistency": (
        "Số liệu kỳ {period} không khớp nhau (xem trước khi duyệt)",
        "Figures of {period} that disagree (look before approving)",
    ),
}
# Facts as the reports word them: the locality's own names, qualified figures, ratios of counts,
# figures in another unit, comparisons with no level, targets stated more than once and the kind
# of document that set them, units reported by the locality, award levels and ratings of their era.
TEXT.update(
    {
        "col_source_kind": ("Loại văn bản giao", "Set by"),
        "col_as_written": ("Cách báo cáo ghi", "As the report words it"),
        "col_actual_text": ("Thực hiện (nguyên văn)", "Actual as written"),
        "col_rating_scale": ("Xếp loại theo thang hiện nay", "Rating on today's scale"),
        "stated_times": ("nêu {n} lần", "stated {n} times"),
        "stated_binding": ("nêu {n} lần; lần {k} là chỉ tiêu áp dụng", "stated {n} times; statement {k} applies"),
        "stated_other": ("nêu lại, không áp dụng (áp dụng: {target})", "stated again, not applied ({target} applies)"),
        "stated_other_figure": ("Chỉ tiêu{period}, lần nêu {k}", "Target{period}, statement {k}"),
        "written_counted": ("tính là {value}", "counted as {value}"),
        "written_as": ("ghi «{text}»", "written '{text}'"),
        "written_converted": ("ghi {written}, đổi sang {value}", "written {written}, converted to {value}"),
        "written_comparison_only": ("chỉ nêu so sánh, không nêu mức đạt", "a comparison only, no level given"),
        "written_comparison": ("so sánh: {text}", "comparison: {text}"),
        "indicator_catalog_name": ("Tên trong danh mục: {name}", "Catalog name: {name}"),
        "units_title": ("Chỉ tiêu của đơn vị trực thuộc", "Targets of the units within"),
        "units_intro": (
            "Chỉ tiêu và số thực hiện của xã, phường, thôn do báo cáo của {locality} nêu.",
            "Targets and figures of communes, wards and villages stated in the reports of {locality}.",
        ),
        "report_table_units": ("Chỉ tiêu của đơn vị trực thuộc năm {year}", "Targets of the units within, {year}"),
        "source_count": ("{n} mục tiêu theo {source}", "{n} set by the {source}"),
        "term_sources": ("Văn bản giao mục tiêu: {sources}.", "Set by: {sources}."),
        "report_summary_term_sources": (
            "Nhiệm kỳ {term} có {total} mục tiêu: {sources}; {tracked} mục tiêu đã có số liệu theo dõi tiến độ: "
            "{grades}.",
            "The {term} term has {total} targets: {sources}; {tracked} have figures to track: {grades}.",
        ),
        "report_summary_term_sources_none": (
            "Nhiệm kỳ {term} có {total} mục tiêu: {sources}; chưa mục tiêu nào có số liệu theo dõi tiến độ.",
            "The {term} term has {total} targets: {sources}; none has figures to track yet.",
        ),
        "report_term_sources_note": (
            "Mục tiêu không do Nghị quyết Đại hội đề ra: {items}.",
            "Targets not set by the congress resolution: {items}.",
        ),
        "report_converted_note": ("Quy đổi đơn vị: {items}.", "Units converted: {items}."),
        "report_stated_note": (
            "Chỉ tiêu nêu nhiều lần (đánh giá theo chỉ tiêu áp dụng): {items}.",
            "Targets stated more than once (judged by the one applied): {items}.",
        ),
        "report_stated_item": (
            "{name}: áp dụng «{binding}», cũng nêu {others}",
            "{name}: '{binding}' applies, also stated {others}",
        ),
        "report_qualified_note": (
            "«Trên», «gần», «khoảng» …: số liệu ghi như báo cáo nêu; đánh giá theo con số đó.",
            "'More than', 'nearly', 'about' …: figures as the report words them, judged by the number given.",
        ),
        "chart_awards_mixed_sub": (
            "chấm: tập thể và cá nhân (báo cáo gộp)",
            "dotted: collectives and individuals together",
        ),
        "written_words": ("ghi: {words}", "written: {words}"),
        "party_total_hover": ("Tổng số: {total}", "Total: {total}"),
        "party_all_ratings": ("Tổng số (mọi xếp loại)", "Total (all ratings)"),
        "ntm_criteria_version": (
            "Bộ tiêu chí giai đoạn {version} ({decision}): {n} tiêu chí.",
            "Criteria of {version} ({decision}): {n} criteria.",
        ),
        "ntm_matrix_empty_count": (
            "Năm {year} chưa có số liệu từng tiêu chí theo xã (báo cáo chỉ nêu số tiêu chí đạt hoặc mức đạt "
            "chuẩn), nên chưa vẽ được bảng xã × {n} tiêu chí.",
            "{year} has no per-criterion figures by commune (the reports give only counts of criteria met or the "
            "level reached), so there is no communes × {n} criteria matrix.",
        ),
        "ntm_levels_not_recognised": (
            "Biểu đồ chỉ vẽ các đơn vị đã được công nhận; {n} dòng «chưa đạt chuẩn» hoặc «đã đề nghị công nhận» "
            "chỉ có trong bảng.",
            "The chart shows recognised units only; {n} rows 'not yet recognised' or 'dossier filed' are in the "
            "table only.",
        ),
    }
)

# Sign-in, submissions, approval, the audit log and the tracking of who has reported.
TEXT |= {
    "page_submit": ("Nộp số liệu", "Submit data"),
    "page_tracking": ("Theo dõi nộp báo cáo", "Who has reported"),
    "page_approvals": ("Duyệt số liệu", "Approvals"),
    "page_audit": ("Nhật ký", "Audit log"),
    "auth_title": ("Đăng nhập", "Sign in"),
    "auth_user": ("Tên đăng nhập", "User name"),
    "auth_password": ("Mật khẩu", "Password"),
    "auth_sign_in": ("Đăng nhập", "Sign in"),
    "auth_sign_in_oidc": ("Đăng nhập bằng tài khoản của cơ quan", "Sign in with your organisation's account"),
    "auth_sign_out": ("Đăng xuất", "Sign out"),
    "auth_failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "auth_wait": (
        "Đăng nhập sai nhiều lần: chờ một phút rồi thử lại.",
        "Too many failed sign-ins: wait a minute and try again.",
    ),
    "auth_expired": ("Phiên đăng nhập đã hết hạn: đăng nhập lại.", "Your session has expired: sign in again."),
    "auth_as": ("Đăng nhập: {name} ({id})", "Signed in: {name} ({id})"),
    "auth_demo": (
        "Bản trình diễn chỉ đọc: chưa bật đăng nhập (CHITIEU_AUTH=none), không ai nộp hay duyệt được số liệu.",
        "Read-only demo: sign-in is off (CHITIEU_AUTH=none); nobody can submit or approve figures.",
    ),
    "auth_no_units": (
        "Tài khoản chưa được giao đơn vị nào: liên hệ quản trị viên.",
        "Your account has no units yet: ask an administrator.",
    ),
    "submit_title": ("Nộp số liệu: {locality}", "Submit data: {locality}"),
    "submit_intro": (
        "Chọn đơn vị và kỳ (hoặc để trống: đọc từ trang 'Thông tin chung' và tên tệp), rồi tải bảng tính lên. "
        "'Chỉ kiểm tra' cho biết dòng nào được nạp, dòng nào bị loại và vì sao; 'Nộp' đưa bảng tính vào kho.",
        "Choose the unit and period (or leave them empty: read from 'Thông tin chung' and the file name), then "
        "upload the workbook. 'Check only' says which rows would load and which would be rejected, and why; "
        "'Submit' puts the workbook into the warehouse.",
    ),
    "submit_unit": ("Đơn vị", "Unit"),
    "submit_period": ("Kỳ (năm hoặc nhiệm kỳ)", "Period (year or term)"),
    "submit_period_auto": ("Đọc từ bảng tính", "Read from the workbook"),
    "submit_files": ("Bảng tính (.xlsx, .xls, .ods)", "Workbooks (.xlsx, .xls, .ods)"),
    "submit_check": ("Chỉ kiểm tra", "Check only"),
    "submit_confirm": ("Nộp", "Submit"),
    "submit_refused": ("Không nhận tệp {name}: {reason}", "{name} was refused: {reason}"),
    "submit_not_yours": (
        "Bạn không được nộp số liệu cho đơn vị '{unit}'.",
        "You may not submit figures for '{unit}'.",
    ),
    "submit_result": (
        "{name} → {unit} {period}: {read} dòng đọc được, {valid} dòng hợp lệ, {rejected} dòng bị loại, {warnings} cảnh báo.",
        "{name} → {unit} {period}: {read} rows read, {valid} valid, {rejected} rejected, {warnings} warnings.",
    ),
    "submit_changes": ("So với số liệu đang có trong kho", "Against the figures in the warehouse now"),
    "submit_marked": ("Tải bảng tính đã đánh dấu lỗi", "Download the workbook with its problems marked"),
    "submit_done": (
        "Đã nộp {name}: số liệu đã vào kho trong {seconds} giây.",
        "{name} submitted: the figures are in the warehouse ({seconds} s).",
    ),
    "submit_failed": ("Nộp {name} chưa xong: {message}", "Submitting {name} did not finish: {message}"),
    "submit_locked": (
        "Kỳ {period} của {unit} đã được duyệt và khóa: bảng tính được lưu nhưng không thay đổi số liệu đã công bố "
        "cho đến khi cấp duyệt mở khóa hoặc chấp nhận bản sửa.",
        "{unit} {period} is approved and locked: the workbook is kept but does not change the published figures "
        "until an approver unlocks the period or accepts it as a revision.",
    ),
    "submit_history": ("Các lần nộp của đơn vị", "The unit's submissions"),
    "data_marked": ("Bảng tính đã đọc, có đánh dấu ô lỗi", "Workbooks read, with their problem cells marked"),
    "data_marked_file": ("Bảng tính", "Workbook"),
    "data_reload_pick": ("Bản đã nộp", "Version"),
    "submit_loading": ("Đang nạp số liệu vào kho…", "Loading the figures into the warehouse…"),
    "submit_held": (
        "Đã lưu {name}: kỳ này đã khóa nên số liệu công bố chưa đổi; cấp trên sẽ xem và chấp nhận bản sửa.",
        "{name} is kept: the period is locked, so the published figures do not change until the level above "
        "accepts it as a revision.",
    ),
    "submission_held": ("Chờ cấp trên chấp nhận (kỳ đã khóa)", "Waiting for the level above (period locked)"),
    "approvals_units": ("Đơn vị", "Units"),
    "approvals_action": ("Việc", "Action"),
    "approvals_apply": ("Thực hiện", "Apply"),
    "approvals_reason_needed": ("Cần ghi lý do.", "A reason is required."),
    "approvals_done": ("{action}: {units}.", "{action}: {units}."),
    "approvals_skipped": (
        "Không thực hiện được với (trạng thái hiện tại): {units}.",
        "Not possible for (current state): {units}.",
    ),
    "approvals_held": ("Bản sửa gửi vào kỳ đã khóa", "Revisions sent for locked periods"),
    "approvals_no_held": ("Không có bản sửa nào đang chờ.", "No revisions are waiting."),
    "approvals_held_one": (
        "{name} — {unit} {period}, gửi bởi {by} lúc {when}. Những số liệu sẽ thay đổi:",
        "{name} — {unit} {period}, sent by {by} at {when}. The figures it would change:",
    ),
    "approvals_accept_reason": ("Lý do chấp nhận bản sửa", "Why the revision is accepted"),
    "approvals_accepted": (
        "Đã chấp nhận {name}: số liệu đã cập nhật, kỳ được duyệt (và khóa) lại.",
        "{name} accepted: the figures are updated and the period approved (and locked) again.",
    ),
    "audit_not_allowed": (
        "Chỉ người duyệt và quản trị viên xem được nhật ký.",
        "Only approvers and admins read the log.",
    ),
    "audit_units": ("Đơn vị", "Units"),
    "audit_actions": ("Việc", "Actions"),
    "audit_actor": ("Người thực hiện (tìm)", "Who (search)"),
    "audit_count": ("{shown} trên {total} dòng nhật ký.", "{shown} of {total} entries."),
    "submit_reload": ("Nạp lại bản này", "Load this version again"),
    "col_change": ("Thay đổi", "Change"),
    "col_before": ("Trước", "Before"),
    "col_after": ("Sau", "After"),
    "col_key": ("Dòng số liệu", "Figure"),
    "col_submitted_by": ("Người nộp", "Submitted by"),
    "col_submitted_at": ("Thời gian nộp", "Submitted at"),
    "col_file_name": ("Tên tệp", "File name"),
    "col_submission_status": ("Tình trạng", "Status"),
    "col_errors": ("Lỗi", "Errors"),
    "change_new": ("Mới", "New"),
    "change_revised": ("Sửa", "Revised"),
    "change_unchanged": ("Không đổi", "Unchanged"),
    "change_withdrawn": ("Không còn trong tệp", "Not in the file any more"),
    "submission_checked": ("Đã kiểm tra, chưa nộp", "Checked, not submitted"),
    "submission_submitted": ("Đã nộp", "Submitted"),
    "submission_replaced": ("Đã có bản mới hơn", "Replaced by a later one"),
    "approvals_title": ("Duyệt số liệu", "Approvals"),
    "approvals_intro": (
        "Số liệu của mỗi đơn vị, mỗi kỳ đi qua: Nháp → Đã nộp → Đã duyệt (cấp trên) → Đã khóa. Kỳ đã khóa không "
        "đổi số liệu công bố khi có bảng tính mới; mở khóa phải ghi lý do, và mọi bước đều vào nhật ký.",
        "Each unit's figures of a period go: Draft → Submitted → Approved (by the level above) → Locked. A locked "
        "period keeps its published figures when a new workbook arrives; unlocking needs a reason, and every "
        "step goes into the audit log.",
    ),
    "approvals_none": ("Không có đơn vị nào bạn được duyệt.", "There are no units you may approve."),
    "approval_draft": ("Nháp", "Draft"),
    "approval_submitted": ("Đã nộp", "Submitted"),
    "approval_approved": ("Đã duyệt", "Approved"),
    "approval_locked": ("Đã khóa", "Locked"),
    "approve": ("Duyệt", "Approve"),
    "lock": ("Khóa", "Lock"),
    "unlock": ("Mở khóa", "Unlock"),
    "accept_revision": ("Chấp nhận bản sửa", "Accept as a revision"),
    "unlock_reason": ("Lý do mở khóa", "Reason for unlocking"),
    "col_state": ("Trạng thái", "State"),
    "col_updated_by": ("Người cập nhật", "Updated by"),
    "col_updated_at": ("Thời gian", "When"),
    "col_reason": ("Lý do", "Reason"),
    "audit_title": ("Nhật ký", "Audit log"),
    "audit_intro": (
        "Ai đã làm gì, khi nào: đăng nhập (cả lần sai), nộp, duyệt, khóa, mở khóa, sửa số liệu sau khi đã duyệt "
        "(số trước và sau, cùng nguồn của mỗi số).",
        "Who did what and when: sign-ins (failed ones too), submissions, approvals, locks, unlocks, figures "
        "changed after approval (before and after, with both sources).",
    ),
    "col_actor": ("Người thực hiện", "Who"),
    "col_action": ("Việc", "Action"),
    "col_detail": ("Chi tiết", "Detail"),
    "action_sign_in": ("Đăng nhập", "Signed in"),
    "action_sign_in_failed": ("Đăng nhập sai", "Failed sign-in"),
    "action_sign_out": ("Đăng xuất", "Signed out"),
    "action_check": ("Kiểm tra bảng tính", "Checked a workbook"),
    "action_submit": ("Nộp", "Submitted"),
    "action_submit_held": ("Nộp vào kỳ đã khóa (giữ lại)", "Submitted to a locked period (held)"),
    "action_approve": ("Duyệt", "Approved"),
    "action_lock": ("Khóa", "Locked"),
    "action_unlock": ("Mở khóa", "Unlocked"),
    "action_accept_revision": ("Chấp nhận bản sửa", "Accepted a revision"),
    "action_revise": ("Sửa số liệu đã duyệt", "Revised approved figures"),
    "action_export": ("Xuất bộ báo cáo", "Exported a report pack"),
    "tracking_title": ("Theo dõi nộp báo cáo {period}: {locality}", "Who has reported, {period}: {locality}"),
    "tracking_intro": (
        "Mỗi đơn vị trực thuộc (theo don-vi.xlsx): đã nộp chưa, còn lỗi không, nộp đúng hạn hay sau hạn mà đơn vị "
        "cấp trên ghi ở trang 'Hạn nộp'. Bảng tính đặt thẳng vào thư mục dữ liệu cũng được tính là đã nộp.",
        "Every unit under this one (from don-vi.xlsx): whether it has reported, with errors or not, on time or "
        "after the deadline the level above wrote in its 'Hạn nộp' sheet. A workbook put into the raw-data folder "
        "counts as reported too.",
    ),
    "tracking_not_yet": ("Chưa nộp", "Not yet"),
    "tracking_with_errors": ("Đã nộp, còn lỗi", "Submitted with errors"),
    "tracking_accepted": ("Đã nộp, hợp lệ", "Accepted"),
    "tracking_late": ("Nộp sau hạn", "Late"),
    "tracking_deadline": ("Hạn nộp: {deadline}", "Deadline: {deadline}"),
    "tracking_no_deadline": (
        "Chưa có hạn nộp cho năm này: đơn vị cấp trên ghi ở trang 'Hạn nộp' trong bảng tính năm của mình.",
        "No deadline for this year yet: the level above writes it in the 'Hạn nộp' sheet of its yearly workbook.",
    ),
    "tracking_kind": ("So với hạn nộp", "Against the deadline for"),
    "tracking_unit_deadlines": (
        "Mỗi đơn vị có hạn nộp riêng (cột 'Hạn nộp').",
        "Each unit has its own deadline (column 'Deadline').",
    ),
    "tracking_no_units": ("Không có đơn vị nào phải nộp cho đơn vị này.", "No units report to this one."),
    "tracking_reported": ("Đã nộp", "Reported"),
    "tracking_revised_late": ("Sửa sau hạn", "Revised after the deadline"),
    "tracking_all_in": ("Mọi đơn vị đã nộp, không còn lỗi.", "Every unit has reported, with no errors."),
    "tracking_chase_download": ("Tải danh sách (CSV)", "Download the list (CSV)"),
    "col_first_submission": ("Lần nộp đầu", "First submission"),
    "deadline_year": ("Số liệu cả năm", "The year's figures"),
    "deadline_half_year": ("Số liệu 6 tháng", "The half-year figures"),
    "deadline_registration": ("Đăng ký thi đua", "Emulation registration"),
    "deadline_other": ("Khác", "Other"),
    "tracking_chase": ("Danh sách cần đôn đốc", "Units to chase"),
    "col_deadline": ("Hạn nộp", "Deadline"),
    "col_last_submission": ("Lần nộp gần nhất", "Last submission"),
    "pack_approved_only": ("Chỉ số liệu đã duyệt", "Approved figures only"),
    "pack_note_approved_only": ("Chỉ gồm số liệu đã được cấp trên duyệt.", "Approved figures only."),
    "pack_note_approved": ("Số liệu kỳ {period} đã được cấp trên duyệt.", "The {period} figures are approved."),
    "pack_note_unapproved": (
        "Có số liệu chưa được cấp trên duyệt (kỳ {period}): chỉ dùng nội bộ.",
        "Includes figures not yet approved ({period}): for internal use.",
    ),
}


def t(key: str, lang: str = "vi", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    vi, en = TEXT[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def status_label(code: str | None, lang: str = "vi") -> str:
    """Icon and word: '▲ Vượt', '✖ Không đạt'."""
    code = code or "chua_co_so_lieu"
    return f"{STATUS_ICONS.get(code, '')} {STATUS.label(code, lang)}".strip()


def grade_label(code: str | None, lang: str = "vi") -> str:
    """Icon and word: '▲ Đúng tiến độ'."""
    code = code or "insufficient_data"
    return f"{GRADE_ICONS.get(code, '')} {ON_TRACK.label(code, lang)}".strip()


def family_label(code: str | None, lang: str = "vi") -> str:
    return FAMILY.label(code, lang)


def target_kind_label(code: str | None, lang: str = "vi") -> str:
    return TARGET_KIND.label(code, lang) if code else ""


def actual_status_label(code: str | None, lang: str = "vi") -> str:
    return ACTUAL_STATUS.label(code, lang) if code else ""


def ntm_level_label(code: str | None, lang: str = "vi") -> str:
    return NTM_LEVEL.label(code, lang) if code else ""


def criteria_set_label(code: str | None, lang: str = "vi") -> str:
    return NTM_CRITERIA_SET.label(code, lang) if code else ""


def criterion_label(no: int, lang: str = "vi", version: str | None = None) -> str:
    """'17. Môi trường và an toàn thực phẩm': the criterion's number and name in the national set
    ``version`` ('2010-2015' … '2026-2030'; default: the 2021–2025 set)."""
    names = ntm_criteria_names(version) if version else NTM_CRITERIA_NAMES
    vi, en = names.get(int(no), (str(no), str(no)))
    return f"{int(no)}. {en if lang == 'en' else vi}"


def target_source_label(code: str | None, lang: str = "vi") -> str:
    """'Nghị quyết Đại hội', 'Chương trình' …: the kind of document that set a target."""
    return TARGET_SOURCE.label(code, lang) if code else ""


def qualifier_label(code: str | None, lang: str = "vi") -> str:
    """'trên', 'gần', 'khoảng' … in lower case, as it stands before a number."""
    return QUALIFIER.label(code, lang).lower() if code else ""


def locality_level_label(code: str | None, lang: str = "vi") -> str:
    return LOCALITY_LEVEL.label(code, lang) if code else ""


def change_kind_label(code: str | None, lang: str = "vi") -> str:
    return CHANGE_KIND.label(code, lang) if code else ""


def bloc_label(code: str, name: str | None, kind: str | None, lang: str = "vi") -> str:
    """'Cụm thi đua số 1 (cum-1)', or the kind and code when the sheet gives no name."""
    if name:
        return f"{name} ({code})"
    return f"{BLOC_KIND.label(kind, lang) if kind else ''} {code}".strip()


def award_level_label(code: str | None, lang: str = "vi") -> str:
    return AWARD_LEVEL.label(code, lang) if code else ""


def recipient_label(code: str | None, lang: str = "vi") -> str:
    return RECIPIENT_KIND.label(code, lang) if code else ""


def party_rating_label(code: str | None, lang: str = "vi") -> str:
    return PARTY_RATING.label(code, lang) if code else t("unrated", lang)


def party_org_type_label(code: str | None, lang: str = "vi") -> str:
    return PARTY_ORG_TYPE.label(code, lang) if code else ""


def severity_label(code: str | None, lang: str = "vi") -> str:
    return SEVERITY.label(code, lang) if code else ""


def load_status_label(code: str | None, lang: str = "vi") -> str:
    return t(f"load_{code}", lang) if code in ("loaded", "failed", "skipped") else (code or "")


def indicator_name(name_vi: str | None, name_en: str | None, lang: str = "vi") -> str:
    """The indicator's name in the chosen language (English falls back to Vietnamese)."""
    if lang == "en" and name_en:
        return name_en
    return name_vi or name_en or ""
