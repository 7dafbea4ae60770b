"""The `chitieu` command.

chitieu build [--year 2023|2020-2025] [--locality an-khe] [--file an-khe/2023.xlsx]
chitieu template --locality an-khe --year 2025 --out 2025.xlsx
chitieu template --locality an-khe-song-an --year 2026 --out data/raw/an-khe-song-an/2026.xlsx   (a unit that reports)
chitieu template --locality an-khe --emulation --out data/raw/an-khe/thi-dua.xlsx
chitieu serve [--port 8501]
chitieu users add|remove|list
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from chitieu import settings

ROOT = Path(__file__).resolve().parent.parent


# What the instance config says unless someone wrote their own: no telemetry, and run monitoring,
# so that the daemon of `dagster dev` fails a run whose worker never started and ends one left
# running by a worker that is gone (killed, machine off) once it passes the maximum run time.
TELEMETRY_CONFIG = "telemetry:\n  enabled: false\n"
RUN_MONITORING_CONFIG = """# Runs whose process died (killed, machine off) must not stay STARTED for ever: the daemon of
# `dagster dev` fails runs stuck starting and ends runs past the maximum run time. (`chitieu build`
# tags its runs with its pid and fails those of a dead process itself, at the next build.)
run_monitoring:
  enabled: true
  start_timeout_seconds: 180
  cancel_timeout_seconds: 180
  max_runtime_seconds: 7200
  poll_interval_seconds: 60
"""


def persistent_instance():
    """The instance `dagster dev` also uses (DAGSTER_HOME), so runs made from the command line show in the UI."""
    import dagster as dg
    import yaml

    home = settings.dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    text = config.read_text() if config.exists() else ""
    if not text.strip():
        config.write_text(TELEMETRY_CONFIG + RUN_MONITORING_CONFIG)
    elif "run_monitoring" not in (yaml.safe_load(text) or {}):
        # An instance config written before run monitoring: add it, leave the rest as it is.
        config.write_text(text.rstrip("\n") + "\n" + RUN_MONITORING_CONFIG)
    os.environ["DAGSTER_HOME"] = str(home)
    return dg.DagsterInstance.get()


def _build(args: argparse.Namespace) -> int:
    from pipelines.build import build

    started = time.perf_counter()
    instance = persistent_instance()
    result = build(
        settings.raw_dir(),
        settings.warehouse_path(),
        period=args.year,
        locality=args.locality or "",
        file=args.file or "",
        instance=instance,
        workers=settings.workers(),
        submissions=settings.submissions_dir(),
        state=settings.state_path(),
        limits=settings.limits(),
    )
    took = time.perf_counter() - started
    c = result.counts
    print(f"Kỳ đã nạp / periods: {', '.join(result.periods) or '(không có)'}")
    print(
        f"Tệp / files: {c.get('files_loaded', 0)} đã đọc / read, {c.get('files_failed', 0)} không đọc được / failed, "
        f"{c.get('files_skipped', 0)} bị bỏ qua / skipped, {c.get('files_ignored', 0)} tệp rác văn phòng / office junk"
        + (f", {c['files_locked']} của kỳ đã khóa / of locked periods" if c.get("files_locked") else "")
    )
    print(
        f"Dòng / rows: {c.get('rows_read', 0)} đọc / read, {c.get('rows_loaded', 0)} nạp / loaded, "
        f"{c.get('rows_rejected', 0)} bị loại / rejected, {c.get('warnings', 0)} cảnh báo / warnings"
    )
    if c.get("rows_rejected") or c.get("files_failed") or c.get("files_skipped"):
        print("  Xem từng lỗi (tệp, trang, dòng, cột) ở trang 'Dữ liệu' hoặc bảng validation_issues.")
    if c.get("figures_disagreeing"):
        print(
            f"Số liệu không khớp nhau / figures that disagree: {c['figures_disagreeing']} (vẫn được dùng / still used;"
            " xem trang 'Dữ liệu' hoặc bảng consistency_warnings)"
        )
    if result.checks_failed:
        print("Kiểm tra chưa đạt / failed checks: " + ", ".join(sorted(set(result.checks_failed))))
    if result.checks_warned:
        print(
            "Kiểm tra có cảnh báo, không chặn việc nạp / checks with warnings, the load goes on: "
            + ", ".join(sorted(set(result.checks_warned)))
        )
    for step, error in result.steps_failed:
        print(f"LỖI / FAILED: bước '{step}' không chạy xong: {error}", file=sys.stderr)
    if result.steps_failed:
        print(
            f"Kho dữ liệu chưa được cập nhật đầy đủ / the warehouse was not fully updated: {result.warehouse}",
            file=sys.stderr,
        )
    else:
        print(f"Kho dữ liệu / warehouse: {result.warehouse}")
    print(f"Thời gian / took: {took:.1f} s (run {result.run_id})")
    return 0 if result.success else 1


def _template(args: argparse.Namespace) -> int:
    from pipelines.reference_files import locality_name, read_catalog_rows
    from pipelines.template import blank_emulation, blank_localities, blank_template
    from schemas.vocab import LOCALITY_LEVEL

    raw = settings.raw_dir()
    out = Path(args.out)
    if args.emulation:
        name = locality_name(raw, args.locality)
        if name is None:
            print(
                f"Chưa có '{args.locality}' trong don-vi.xlsx nào của {raw}. / No don-vi.xlsx declares '{args.locality}'.",
                file=sys.stderr,
            )
            return 2
        blank_emulation(out, args.locality, name, [c["indicator_code"] for c in read_catalog_rows(raw)])
        print(f"Đã ghi mẫu thi đua / emulation workbook written: {out} ({name})")
        return 0
    if args.units:
        level = LOCALITY_LEVEL.lookup(args.level or "")
        if not args.name or level is None:
            print(
                "Cần --name (tên đầy đủ, ví dụ 'Thành phố Pleiku') và --level (Tỉnh / Thành phố / Thị xã / Huyện / Xã / "
                "Phường) cho don-vi.xlsx. / --name and --level are needed for don-vi.xlsx.",
                file=sys.stderr,
            )
            return 2
        blank_localities(out, args.locality, args.name, LOCALITY_LEVEL.label(level), args.parent)
        print(f"Đã ghi danh mục đơn vị / units list written: {out} ({args.name})")
        return 0
    if not args.year or not re.fullmatch(r"\d{4}(-\d{4})?", str(args.year)):
        print(
            f"--year phải là một năm (2025) hoặc nhiệm kỳ (2025-2030), không phải '{args.year}'. Danh mục đơn vị: "
            f"chitieu template --locality {args.locality} --units --name '…' --level '…' --out "
            f"data/raw/{args.locality}/don-vi.xlsx / --year takes a year or a term; for don-vi.xlsx use --units.",
            file=sys.stderr,
        )
        return 2
    name = locality_name(raw, args.locality)
    if name is None:
        print(
            f"Chưa có '{args.locality}' trong don-vi.xlsx nào của {raw}: tạo danh mục đơn vị trước, "
            f"chitieu template --locality {args.locality} --units --name '…' --level '…' --out "
            f"{raw / args.locality / 'don-vi.xlsx'} / No don-vi.xlsx declares '{args.locality}': create it first.",
            file=sys.stderr,
        )
        return 2
    catalog = read_catalog_rows(raw)
    blank_template(out, args.locality, name, str(args.year), catalog)
    print(f"Đã ghi mẫu / template written: {out} ({len(catalog)} chỉ tiêu, {name}, {args.year})")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Check a workbook before sending it: what would load, what would be rejected; optionally the
    workbook back with every problem cell marked. Exit 1 when anything would be rejected."""
    from pipelines.checking import check_file
    from pipelines.marking import mark_workbook

    path = Path(args.file)
    if not path.is_file():
        print(f"Không có tệp / no such file: {path}", file=sys.stderr)
        return 2
    result = check_file(
        path, settings.warehouse_path(), locality=args.locality, period=args.period, raw_root=settings.raw_dir()
    )
    target = result.target
    where = f"{target.locality_code} {target.period or 'don-vi'}" if target else "?"
    print(f"Tệp / file: {path.name} → {where}")
    print(
        f"Dòng / rows: {result.rows_read} đọc / read, {result.rows_valid} hợp lệ / valid, "
        f"{result.rows_rejected} bị loại / rejected"
    )
    for issue in result.issues.iter_rows(named=True):
        kind = "LỖI" if issue["severity"] == "error" else "cảnh báo"
        cell = " ".join(str(x) for x in (issue["sheet"], issue["row"], issue["column"]) if x is not None)
        value = f" '{issue['value']}'" if issue["value"] else ""
        print(f"  [{kind}] {cell}{value}: {issue['message_vi']}")
    if result.changes.height:
        counts = dict(result.changes.group_by("change").len().iter_rows())
        print(
            "So với kho / against the warehouse: "
            + ", ".join(
                f"{counts.get(k, 0)} {label}"
                for k, label in (("new", "mới"), ("revised", "sửa"), ("unchanged", "không đổi"), ("withdrawn", "bỏ"))
            )
        )
    if args.out:
        marked = mark_workbook(path, result.issues, Path(args.out))
        print(f"Bảng tính đánh dấu / marked workbook: {marked}")
    return 1 if result.errors.height or not result.accepted else 0


def _serve(args: argparse.Namespace) -> int:
    app = str(ROOT / "dashboards" / "app.py")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    print(f"Bảng điều khiển / dashboard: http://{args.address}:{args.port}", flush=True)
    # Become Streamlit, so Ctrl-C or a stop signal reaches the server itself.
    os.execv(sys.executable, cmd)
    return 0


def _export(args: argparse.Namespace) -> int:
    from analysis.reports import run_export
    from analysis.reports.cli import selected_formats

    return run_export(
        args.locality,
        args.period,
        Path(args.out),
        lang=args.lang,
        warehouse=settings.warehouse_path(),
        formats=selected_formats(args),
    )


def _bench(args: argparse.Namespace) -> int:
    from benchmarks.bench import run_bench

    return run_bench(args)


def _users(args: argparse.Namespace) -> int:
    from chitieu import users

    path = settings.users_file()
    if args.users_command == "add":
        print(users.add(path, args.id, args.name, args.role, args.oidc, args.password_stdin))
    elif args.users_command == "remove":
        print(users.remove(path, args.id))
    else:
        print(users.listing(path))
    return 0


def main(argv: list[str] | None = None) -> int:
    # The pack's format flags come from the writer registry (reading it loads no document library).
    from analysis.reports.cli import add_format_arguments

    parser = argparse.ArgumentParser(prog="chitieu", description="Chỉ tiêu: kho số liệu chỉ tiêu và bảng điều khiển.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="Nạp toàn bộ (hoặc một năm, địa phương, tệp) qua Dagster rồi công bố kho dữ liệu.")
    p.add_argument("--year", help="Một năm (2023) hoặc nhiệm kỳ (2020-2025); bỏ trống: mọi kỳ có tệp.")
    p.add_argument("--locality", help="Chỉ địa phương này (mã, ví dụ an-khe).")
    p.add_argument("--file", help="Chỉ tệp này, tính từ thư mục dữ liệu (ví dụ an-khe/2023.xlsx).")
    p.set_defaults(func=_build)

    p = sub.add_parser(
        "template",
        help="Ghi mẫu bảng tính trống cho một địa phương và năm (hoặc nhiệm kỳ), hoặc don-vi.xlsx (--units).",
    )
    p.add_argument("--locality", required=True, help="Mã địa phương, ví dụ an-khe.")
    p.add_argument("--year", help="Năm (2025) hoặc nhiệm kỳ (2025-2030).")
    p.add_argument("--units", action="store_true", help="Ghi danh mục đơn vị (don-vi.xlsx) cho địa phương mới.")
    p.add_argument("--name", help="Với --units: tên đầy đủ, ví dụ 'Thành phố Pleiku'.")
    p.add_argument("--level", help="Với --units: Tỉnh / Thành phố / Thị xã / Huyện / Xã / Phường.")
    p.add_argument("--parent", help="Với --units: mã đơn vị cấp trên (tỉnh), nếu có.")
    p.add_argument(
        "--emulation",
        action="store_true",
        help="Ghi thi-dua.xlsx: cụm, khối thi đua, tiêu chí chấm điểm và điểm Hội đồng chấm của địa phương.",
    )
    p.add_argument("--out", required=True, help="Tệp .xlsx sẽ ghi.")
    p.set_defaults(func=_template)

    p = sub.add_parser("check", help="Kiểm tra một bảng tính trước khi gửi; --out ghi bản đánh dấu các ô lỗi.")
    p.add_argument("file", help="Tệp .xlsx, .xls hoặc .ods.")
    p.add_argument("--locality", help="Mã địa phương (bỏ trống: đọc từ 'Thông tin chung' hoặc thư mục).")
    p.add_argument("--period", help="Năm hoặc nhiệm kỳ (bỏ trống: đọc từ 'Thông tin chung' hoặc tên tệp).")
    p.add_argument("--out", help="Ghi bản đánh dấu (.xlsx): ô lỗi tô màu, có ghi chú, trang tóm tắt.")
    p.set_defaults(func=_check)

    p = sub.add_parser("serve", help="Mở bảng điều khiển Streamlit.")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.set_defaults(func=_serve)

    p = sub.add_parser("export", help="Xuất bộ biểu đồ và bảng (DOCX, XLSX, ZIP ảnh, PPTX) cho báo cáo.")
    p.add_argument("--locality", required=True, help="Mã địa phương, ví dụ an-khe.")
    p.add_argument("--period", required=True, help="Năm (2023) hoặc nhiệm kỳ (2020-2025).")
    p.add_argument("--out", required=True, help="Thư mục ghi bộ báo cáo.")
    p.add_argument("--lang", default="vi", choices=["vi", "en"], help="Ngôn ngữ (mặc định: vi).")
    add_format_arguments(p)
    p.set_defaults(func=_export)

    p = sub.add_parser("users", help="Người dùng bảng điều khiển (tệp CHITIEU_USERS): thêm, xóa, liệt kê.")
    users = p.add_subparsers(dest="users_command", required=True)
    q = users.add_parser("add", help="Thêm người dùng, hoặc đổi tên, vai trò, mật khẩu.")
    q.add_argument("id", help="Tên đăng nhập, hoặc e-mail khi đăng nhập qua OIDC.")
    q.add_argument("--name", help="Họ tên hoặc chức danh hiển thị.")
    q.add_argument(
        "--role",
        action="append",
        default=[],
        help="vai-tro:ma-don-vi, ví dụ clerk:an-khe-song-an (lặp lại được); admin.",
    )
    q.add_argument("--oidc", action="store_true", help="Đăng nhập qua nhà cung cấp định danh: không lưu mật khẩu.")
    q.add_argument("--password-stdin", action="store_true", help="Đọc mật khẩu từ stdin (cho kịch bản).")
    q.set_defaults(func=_users)
    q = users.add_parser("remove", help="Xóa người dùng.")
    q.add_argument("id")
    q.set_defaults(func=_users)
    q = users.add_parser("list", help="Liệt kê người dùng và vai trò.")
    q.set_defaults(func=_users)

    p = sub.add_parser("bench", help="Đo hiệu năng ở quy mô toàn quốc (hoặc nhỏ).")
    p.add_argument("--scale", default="national", choices=["national", "small"], help="Quy mô dữ liệu tổng hợp.")
    p.add_argument("--out", required=True, help="Tệp JSON kết quả (kèm bảng Markdown cùng tên .md).")
    p.set_defaults(func=_bench)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
