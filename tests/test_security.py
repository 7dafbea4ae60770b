"""Security checks: no page, figure or download without the right role (every page walked as each
role and as nobody), sessions expire, secrets stay out of the repository, every SQL statement
takes its values as parameters."""

from __future__ import annotations

import ast
import re
import subprocess
import time
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.navigation import PAGES
from pipelines.governance import Governance
from tests.signin import offered_pages, open_app, sign_in

REPO = Path(__file__).resolve().parent.parent
# The poverty rate An Khê reported for 2023 (sample): a figure that only those who may see the
# town's unapproved 2023 figures must find on any page.
POVERTY_2023 = "1,42"
# A real scrypt hash, and a secret written as a value (placeholders start with '<' or '$').
HASH = re.compile(r"scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}")
SECRET = re.compile(r"""(client_secret|cookie_secret)\s*=\s*["'][^"'<$]""")


def _everything(at: AppTest) -> str:
    """Every text, table cell and download name the run drew."""
    parts = [
        str(e.value)
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error")
        for e in getattr(at, kind)
    ]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [str(b.proto.label) for b in at.get("download_button")]
    return "\n".join(parts)


def _walk(at: AppTest) -> dict[str, str]:
    """Every page the navigation offers this session, and what each drew. A page it does not offer
    has no address for this session: Streamlit's navigation knows only the pages it was given."""
    seen = {}
    offered = offered_pages(at)
    for page in PAGES:
        if page.name not in offered:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page.file)
            continue
        at.switch_page(page.file).run()
        assert not at.exception, (page.file, [e.value for e in at.exception])
        seen[page.name] = _everything(at)
    return seen


def test_nobody_reaches_a_figure_or_a_download_on_any_page(sample_warehouse, signed, tmp_path) -> None:
    at = open_app(sample_warehouse, signed, year="2023")
    for page in PAGES:
        at.switch_page(page.file).run()
        assert not at.dataframe and not at.get("download_button") and not at.get("plotly_chart"), page.file
        assert POVERTY_2023 not in _everything(at), page.file


# The pages every signed-in reader of a unit is offered.
READING = {"overview", "indicator", "term", "ntm", "party", "awards", "compare", "data_quality", "tracking"}


@pytest.mark.parametrize(
    ("user", "sees_unapproved", "pages"),
    [
        ("lanhdao-an-khe", False, READING),
        # The fast tier walks the reader's pages; the other roles walk theirs in the slow tier.
        pytest.param("thuky-thanh-an", False, {"submit"}, marks=pytest.mark.slow),
        pytest.param("thuky-an-khe", True, READING | {"submit"}, marks=pytest.mark.slow),
        pytest.param("duyet-gia-lai", True, READING | {"approvals", "audit"}, marks=pytest.mark.slow),
        pytest.param("quantri", True, {p.name for p in PAGES}, marks=pytest.mark.slow),
    ],
)
def test_every_page_as_each_role(sample_warehouse, signed, tmp_path, user, sees_unapproved, pages) -> None:
    """Nothing is approved: only the town's own clerk, the approvers above it and admins find its
    2023 figures, on any page; each role is offered exactly its pages, and a link to another page
    (typed by hand) shows none of what that page would."""
    at = sign_in(open_app(sample_warehouse, signed, year="2023", locality="an-khe"), user)
    assert offered_pages(at) == pages
    drawn = _walk(at)
    found = {name for name, text in drawn.items() if POVERTY_2023 in text}
    if sees_unapproved:
        assert "overview" in found, f"{user} should see the 2023 figures"
    else:
        assert found == set(), f"{user} saw an unapproved figure on {found}"
    # The writing pages draw their forms for those who may use them.
    if "submit" in pages:
        at.switch_page("pages/submit.py").run()
        assert at.get("file_uploader"), user
    if "approvals" in pages:
        at.switch_page("pages/approvals.py").run()
        assert at.multiselect(key="w_approvals_units"), user
    if "audit" in pages:
        at.switch_page("pages/audit.py").run()
        assert "Nhật ký" in _everything(at), user


def test_a_viewer_finds_a_figure_once_its_year_is_approved(sample_warehouse, signed, tmp_path) -> None:
    gov = Governance(tmp_path / "state" / "chitieu-state.sqlite")
    gov.transition("an-khe", "2023", "submit", "thuky-an-khe")
    gov.transition("an-khe", "2023", "approve", "duyet-gia-lai")
    at = sign_in(open_app(sample_warehouse, signed, year="2023"), "lanhdao-an-khe")
    assert POVERTY_2023 in _everything(at)


def test_a_local_session_expires(sample_warehouse, signed, tmp_path) -> None:
    signed.setenv("CHITIEU_SESSION_HOURS", "8")
    at = sign_in(open_app(sample_warehouse, signed, year="2023"), "quantri")
    assert at.title[0].value != "Đăng nhập"
    at.session_state["_signed_in"] = {"id": "quantri", "at": time.time() - 9 * 3600}
    at.run()
    assert at.title[0].value == "Đăng nhập"
    assert "Phiên đăng nhập đã hết hạn: đăng nhập lại." in [i.value for i in at.info]
    assert not at.dataframe


def test_secrets_and_users_stay_out_of_the_repository() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    for path in (".env", "config/users.toml", ".streamlit/secrets.toml", "data/state/", "data/submissions/"):
        assert path in ignored, path
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    assert not {"config/users.toml", ".streamlit/secrets.toml", ".env"} & set(tracked)
    for name in tracked:
        path = REPO / name
        if path.suffix in {".py", ".toml", ".yaml", ".yml", ".md", ".env", ".example", ".service"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not HASH.search(text), f"a password hash in {name}"
            assert not SECRET.search(text), f"a secret in {name}"


# SQL text built with values in it (f-strings, '+', '%', .format) that interpolates names the code
# itself chose — tables and columns of the registry, a fixed clause, a quoted file path — never a
# value a user typed or a workbook held. A new one fails here until it is reviewed and listed.
REVIEWED_SQL = {
    ("pipelines/assets/loads.py", "table.name"),
    ("pipelines/assets/marts.py", "table"),
    ("pipelines/assets/marts.py", "where"),
    ("pipelines/checking.py", "name"),
    ("pipelines/loading.py", "table.name"),
    ("pipelines/loading.py", "current"),
    ("pipelines/checking.py", "table.name"),
    ("pipelines/checking.py", "table.workbook_locality"),
    ("pipelines/checking.py", "table.workbook_period"),
    ("pipelines/checking.py", "current"),
    ("pipelines/governance.py", "' AND '.join(clauses)"),
    ("pipelines/warehouse.py", "f' WHERE {where}' if where else ''"),
    ("pipelines/warehouse.py", "', '.join((f'\"{n}\" {t}' for n, t in types.items()))"),
    ("pipelines/warehouse.py", "table"),
    ("pipelines/warehouse.py", "table.name"),
    ("pipelines/warehouse.py", "where"),
    ("pipelines/warehouse.py", "wl"),
    ("pipelines/warehouse.py", "wp"),
    ("pipelines/warehouse.py", "extra"),
    ("pipelines/warehouse.py", "name"),
    ("pipelines/warehouse.py", "sql_type"),
    ("pipelines/warehouse.py", "sets"),
    ("pipelines/warehouse.py", "on_key"),
    ("pipelines/warehouse.py", "t"),
    ("pipelines/warehouse.py", "_quote(str(tmp))"),
    ("pipelines/warehouse.py", "staging_db"),
}
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|ALTER|CREATE|DROP|ATTACH|COPY|WHERE)\b")


def _constant(node: ast.AST) -> bool:
    """A literal, or a module constant (UPPER_CASE): text the code wrote, not a value it was given."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.BinOp):
        return _constant(node.left) and _constant(node.right)
    return False


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _text(node.left) + _text(node.right)
    return ""


def _sql_interpolations(tree: ast.AST):
    """(line, expression) of every value put into SQL text."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and SQL_WORDS.search(_text(node)):
            for part in node.values:
                if isinstance(part, ast.FormattedValue) and not _constant(part.value):
                    yield node.lineno, ast.unparse(part.value)
        elif isinstance(node, ast.BinOp) and SQL_WORDS.search(_text(node)):
            for side in (node.left, node.right):
                if not _constant(side) and not isinstance(side, (ast.JoinedStr, ast.BinOp)):
                    yield node.lineno, ast.unparse(side)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and SQL_WORDS.search(_text(node.func.value))
        ):
            yield node.lineno, ast.unparse(node)


def test_every_sql_statement_takes_values_as_parameters() -> None:
    found = set()
    for layer in ("schemas", "pipelines", "analysis", "dashboards", "chitieu"):
        for path in sorted((REPO / layer).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            for line, expr in _sql_interpolations(ast.parse(path.read_text(encoding="utf-8"))):
                # The layers that handle what a reader chose build no SQL from values at all.
                assert layer in ("pipelines", "chitieu"), f"{rel}:{line}: SQL built from {expr!r}"
                assert (rel, expr) in REVIEWED_SQL, f"{rel}:{line}: SQL built from {expr!r}: pass it as a parameter"
                found.add((rel, expr))
    assert found == REVIEWED_SQL  # the list stays exact: a statement fixed is a line removed here


def test_the_sql_check_catches_a_value_put_into_sql() -> None:
    code = (
        "def f(conn, name):\n"
        "    conn.sql(f\"SELECT * FROM t WHERE name = '{name}'\")\n"
        "    sql = 'DELETE FROM t WHERE id = ' + name\n"
        "    conn.execute('SELECT {} FROM t'.format(name))\n"
        "    conn.sql('SELECT * FROM t WHERE name = ?', [name])\n"
    )
    found = [expr for _, expr in _sql_interpolations(ast.parse(code))]
    assert found[:2] == ["name", "name"] and len(found) == 3


def test_a_viewer_sees_no_warning_that_quotes_a_year_not_approved(sample_warehouse: Path) -> None:
    """A warning of an approved year that compares it with a year not approved (the year-on-year
    jump quotes the earlier figure) is shown only once both years are approved."""
    from analysis.access import Access, Grant, ScopedReader, User
    from analysis.queries import Reader

    reader = Reader(sample_warehouse)
    every = reader.consistency_warnings("an-khe")
    compared = every.filter(pl.col("related_period").is_not_null())
    assert compared.height, every.select("rule", "period", "related_period").rows()
    warning = compared.row(0, named=True)
    period, related = warning["period"], warning["related_period"]
    assert period != related

    units = reader.query("SELECT locality_code, parent_code FROM localities")
    viewer = Access(User("xem", "Người xem", (Grant("viewer", "an-khe"),), None), units)

    def seen(approved: set[str]) -> pl.DataFrame:
        scoped = ScopedReader(reader, viewer, {("an-khe", p) for p in approved})
        shown = scoped.consistency_warnings("an-khe")
        return shown.filter((pl.col("rule") == warning["rule"]) & (pl.col("period") == period))

    assert seen({period}).is_empty()  # its own year approved, the year it quotes not yet
    assert seen({period, related}).height >= 1


def test_the_container_setup_publishes_its_ports_on_loopback_only() -> None:
    """The dashboard and the Dagster UI are reached through the reverse proxy (TLS, sign-in), never
    straight from the network."""
    import yaml

    compose = yaml.safe_load((REPO / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    published = {name: service.get("ports", []) for name, service in compose["services"].items()}
    assert published["dashboard"] and published["webserver"]
    for name, ports in published.items():
        assert all(str(p).startswith("127.0.0.1:") for p in ports), (name, ports)
