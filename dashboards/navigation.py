"""The dashboard's pages, listed once: ``app.py`` builds the navigation from this list, ``perf.py``
times every page in it, and the tests check it against the files in ``dashboards/pages/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class Page:
    """One page: its script (relative to ``dashboards/``), the i18n key of its title, its icon and URL path."""

    file: str
    title_key: str
    icon: str
    url_path: str
    # Who sees the page: None (everyone who may read), 'submit' (clerks), 'approve' (approvers),
    # 'audit' (approvers and admins). app.py shows a page only to those who may use it.
    needs: str | None = None

    @property
    def name(self) -> str:
        """'overview' for 'pages/overview.py'."""
        return Path(self.file).stem


# In sidebar order; the first is the default page.
PAGES: tuple[Page, ...] = (
    Page("pages/overview.py", "page_overview", ":material/dashboard:", "tong-quan"),
    Page("pages/indicator.py", "page_indicator", ":material/show_chart:", "chi-tieu"),
    Page("pages/term.py", "page_term", ":material/flag:", "nhiem-ky"),
    Page("pages/ntm.py", "page_ntm", ":material/agriculture:", "nong-thon-moi"),
    Page("pages/party.py", "page_party", ":material/groups:", "xay-dung-dang"),
    Page("pages/awards.py", "page_awards", ":material/military_tech:", "thi-dua-khen-thuong"),
    Page("pages/compare.py", "page_compare", ":material/leaderboard:", "so-sanh-don-vi"),
    Page("pages/data_quality.py", "page_data", ":material/table_view:", "du-lieu"),
    Page("pages/submit.py", "page_submit", ":material/upload_file:", "nop-so-lieu", needs="submit"),
    Page("pages/tracking.py", "page_tracking", ":material/checklist:", "theo-doi-nop"),
    Page("pages/approvals.py", "page_approvals", ":material/verified:", "duyet-so-lieu", needs="approve"),
    Page("pages/audit.py", "page_audit", ":material/history:", "nhat-ky", needs="audit"),
)
