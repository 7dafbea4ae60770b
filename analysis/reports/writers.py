"""The report pack's output formats, one registered entry each, in the manner of datasette's
``register_output_renderer``.

An entry (``Writer``) says what its file is called, its MIME type, the i18n key of its label,
whether a pack may leave it out (``optional``) and whether it is written unless asked otherwise
(``default``), and the function that writes it from the assembled ``Report``. ``build_pack``
writes the selected entries in registration order; the dashboard's download buttons, the
``report_pack`` asset's metadata and the command line's format flags all read this registry, so
a new format is one registration:

    @register_writer("txt", file_name="tom-tat-{stem}.txt", mime="text/plain", label="report_kind",
                     optional=True)
    def write_txt(report: Report, path: Path) -> Path:
        path.write_text(report.title, encoding="utf-8")
        return path

A writer's function may be given as ``"module:function"``: it is imported when a pack is written,
so reading the registry (the command line building its flags) loads no document library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.i18n import TEXT

if TYPE_CHECKING:
    from analysis.reports.content import Report

WriteFn = Callable[["Report", Path], Path]


@dataclass(frozen=True)
class Writer:
    """One output format of the report pack."""

    key: str  # 'docx'; also the phase name in the pack's timings and the asset's metadata key
    file_name: str  # pattern: '{stem}' is '<locality>-<period>'; '{locality}' and '{period}' also work
    mime: str
    label: str  # i18n key of the download button ('pack_docx')
    write_with: WriteFn | str  # the function, or 'module:function' imported on first use
    optional: bool = False  # a pack may leave it out (`--no-<key>`)
    default: bool = True  # written unless the caller names the formats it wants

    def name_for(self, locality: str, period: str) -> str:
        """The file name in the pack for ``locality`` and ``period``."""
        return self.file_name.format(stem=f"{locality}-{period}", locality=locality, period=period)

    def write(self, report: Report, path: Path) -> Path:
        """Write ``report`` to ``path`` in this format; the path written."""
        fn = self.write_with
        if isinstance(fn, str):
            module, _, name = fn.partition(":")
            fn = getattr(import_module(module), name)
        return fn(report, path)


class WriterRegistry:
    """The registered writers by key, in registration order (the order a pack writes and lists them)."""

    def __init__(self) -> None:
        self._writers: dict[str, Writer] = {}

    def register(self, writer: Writer) -> Writer:
        """Add ``writer``; ValueError if its key is taken or its label has no text."""
        if writer.key in self._writers:
            raise ValueError(f"a report writer for '{writer.key}' is registered already")
        if writer.label not in TEXT:
            raise ValueError(f"report writer '{writer.key}': no text for its label '{writer.label}' in analysis.i18n")
        self._writers[writer.key] = writer
        return writer

    def unregister(self, key: str) -> Writer:
        """Remove and return the writer for ``key``."""
        return self._writers.pop(key)

    def __iter__(self) -> Iterator[Writer]:
        return iter(list(self._writers.values()))

    def __len__(self) -> int:
        return len(self._writers)

    def __contains__(self, key: object) -> bool:
        return key in self._writers

    def __getitem__(self, key: str) -> Writer:
        return self._writers[key]

    def keys(self) -> list[str]:
        """Every format's key, in registration order."""
        return list(self._writers)

    def select(self, formats: Iterable[str] | None = None, *, leave_out: Iterable[str] = ()) -> list[Writer]:
        """The writers a pack writes: every required one, plus the optional ones named in ``formats``
        (None: those on by default), less those in ``leave_out``. ValueError for an unknown key or
        for leaving out a required format, with the keys there are."""
        asked = None if formats is None else set(formats)
        left_out = set(leave_out)
        for key in (asked or set()) | left_out:
            if key not in self._writers:
                known = ", ".join(self._writers)
                raise ValueError(
                    f"Định dạng '{key}' không có (có: {known}). / Unknown format '{key}' (known: {known})."
                )
        for key in left_out:
            if not self._writers[key].optional:
                raise ValueError(f"Định dạng '{key}' luôn được tạo. / The '{key}' format cannot be left out.")
        chosen = []
        for writer in self._writers.values():
            wanted = not writer.optional or (writer.default if asked is None else writer.key in asked)
            if wanted and writer.key not in left_out:
                chosen.append(writer)
        return chosen


WRITERS = WriterRegistry()


def register_writer(
    key: str, *, file_name: str, mime: str, label: str, optional: bool = False, default: bool = True
) -> Callable[[WriteFn], WriteFn]:
    """Decorator: register the function as the writer of format ``key`` (see the module docstring)."""

    def decorate(fn: WriteFn) -> WriteFn:
        WRITERS.register(Writer(key, file_name, mime, label, fn, optional=optional, default=default))
        return fn

    return decorate


# The built-in formats, in the order the dashboard offers them. Their modules load when a pack is written.
WRITERS.register(
    Writer(
        "docx",
        "bao-cao-chi-tieu-{stem}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pack_docx",
        "analysis.reports.docx_report:write_docx",
    )
)
WRITERS.register(
    Writer(
        "xlsx",
        "bang-so-lieu-{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pack_xlsx",
        "analysis.reports.xlsx_report:write_xlsx",
    )
)
WRITERS.register(
    Writer("zip", "bieu-do-{stem}.zip", "application/zip", "pack_zip", "analysis.reports.zip_report:write_zip")
)
WRITERS.register(
    Writer(
        "pptx",
        "trinh-chieu-{stem}.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pack_pptx",
        "analysis.reports.pptx_report:write_pptx",
        optional=True,
    )
)
