"""Who may do what: users, their roles scoped to units, and the checks every page and export makes.

Roles (data, not code — a users file for local sign-in, or the same file keyed by e-mail for OpenID
Connect sign-in):

- ``viewer`` of a unit sees it and every unit under it (approved figures of others only);
- ``clerk`` of a unit submits workbooks for that unit only (and sees it, with its unapproved figures);
- ``approver`` of a unit approves, locks and unlocks the periods of the units under it (the level above
  approves), and sees them;
- ``admin`` does all of it everywhere and reads the audit log.

The file (``CHITIEU_USERS``, TOML, git-ignored; ``docs/access.md`` shows its shape)::

    [users.thuky-song-an]
    name = "Thư ký xã Song An"
    password = "scrypt$16384$8$1$<salt hex>$<hash hex>"   # written by `chitieu users add`
    roles = ["clerk:an-khe-song-an"]

    [users."lanh.dao@an-khe.gov.vn"]     # an OpenID Connect identity: no password here
    name = "Lãnh đạo UBND thị xã"
    roles = ["viewer:an-khe", "approver:an-khe"]

Passwords are kept as scrypt hashes (``hashlib.scrypt``), never as text.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

ROLES = ("viewer", "clerk", "approver", "admin")
# Work factors for new hashes (stored with each hash, so they can grow without breaking old ones).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches a stored hash (in constant time); False for anything malformed."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(digest) // 2
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed.hex(), digest)


@dataclass(frozen=True)
class Grant:
    role: str
    unit: str  # a locality code; '*' for everywhere


@dataclass(frozen=True)
class User:
    """A signed-in person, or the anonymous reader of a demo (``anonymous``)."""

    id: str
    name: str
    grants: tuple[Grant, ...] = ()
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_admin(self) -> bool:
        return any(g.role == "admin" for g in self.grants)

    @property
    def anonymous(self) -> bool:
        return self.id == ""


ANONYMOUS = User("", "Khách")


def load_users(path: Path | None) -> dict[str, User]:
    """The users file (an empty directory of users when there is none)."""
    if path is None or not Path(path).exists():
        return {}
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    users: dict[str, User] = {}
    for uid, spec in (data.get("users") or {}).items():
        grants = []
        for text in spec.get("roles", []):
            role, _, unit = str(text).partition(":")
            if role not in ROLES:
                raise ValueError(f"{path}: vai trò '{role}' của '{uid}' không có (có: {', '.join(ROLES)})")
            grants.append(Grant(role, unit or "*"))
        users[str(uid).lower()] = User(str(uid).lower(), spec.get("name", uid), tuple(grants), spec.get("password"))
    return users


class Access:
    """What one user may see and do, given the units' hierarchy (the ``localities`` table)."""

    def __init__(self, user: User, localities: pl.DataFrame | None = None, open_demo: bool = False):
        self.user = user
        self.open_demo = open_demo  # no sign-in configured: everyone reads everything, nobody writes
        parents: dict[str, str | None] = {}
        if localities is not None and localities.height:
            for code, parent in localities.select("locality_code", "parent_code").iter_rows():
                parents.setdefault(code, parent)
        self._parents = parents

    def ancestors(self, unit: str) -> list[str]:
        """The unit and every unit above it (a cycle in don-vi.xlsx stops the walk)."""
        out, seen = [unit], {unit}
        while (parent := self._parents.get(out[-1])) and parent not in seen:
            out.append(parent)
            seen.add(parent)
        return out

    def _granted(self, unit: str, roles: tuple[str, ...], *, own_only: bool = False) -> bool:
        if self.user.is_admin:
            return True
        scope = [unit] if own_only else self.ancestors(unit)
        return any(g.role in roles and (g.unit == "*" or g.unit in scope) for g in self.user.grants)

    def can_view(self, unit: str) -> bool:
        return self.open_demo or self._granted(unit, ("viewer", "clerk", "approver"))

    def can_view_unapproved(self, unit: str) -> bool:
        """Figures not yet approved: the unit's own clerk, its approvers, admins (and the open demo)."""
        return self.open_demo or self._granted(unit, ("approver",)) or self._granted(unit, ("clerk",), own_only=True)

    def can_submit(self, unit: str) -> bool:
        """A clerk submits for the units named in their roles only, never for another commune."""
        return not self.open_demo and self._granted(unit, ("clerk",), own_only=True)

    def can_approve(self, unit: str) -> bool:
        """The level above approves: an approver of a unit's parent (or further up), not of the unit itself."""
        if self.open_demo:
            return False
        if self.user.is_admin:
            return True
        above = self.ancestors(unit)[1:]
        return any(g.role == "approver" and (g.unit == "*" or g.unit in above) for g in self.user.grants)

    def can_unlock(self, unit: str) -> bool:
        return self.can_approve(unit)

    def can_read_audit(self) -> bool:
        return not self.open_demo and (self.user.is_admin or any(g.role == "approver" for g in self.user.grants))

    def visible(self, units: list[str]) -> list[str]:
        return [u for u in units if self.can_view(u)]


class ScopedReader:
    """A ``Reader`` that answers one user: units they may not see give no rows, and a unit's figures
    of periods not yet approved give no rows unless the user may see unapproved figures of that unit.

    Every loader of ``analysis.queries.Reader`` takes the locality first; a frame it returns that
    has a ``period`` (or ``term``) column is kept to the approved periods ('2023-H1' counts as
    '2023'), and one with a ``related_period`` (a warning comparing two years) to rows whose other
    period is approved too. So a page never shows, and a link never reaches, what the user may not see.
    """

    # Loaders that answer about the whole warehouse, not one locality.
    GLOBAL = frozenset({"status", "query", "units"})

    def __init__(self, reader, access: Access, approved: set[tuple[str, str]], approved_only: bool = False):
        self._reader = reader
        self._access = access
        self._approved = approved
        # Approved figures only, even for those who may see the rest (a pack for the congress report).
        self._approved_only = approved_only

    def localities(self) -> pl.DataFrame:
        frame = self._reader.localities()
        if frame.is_empty():
            return frame
        return frame.filter(pl.col("locality_code").is_in(self._access.visible(frame["locality_code"].to_list())))

    def approved_periods(self, locality: str) -> set[str]:
        return {p for loc, p in self._approved if loc == locality}

    # --- loaders across many units (the compare page, a series across administrative change) ----

    def _keep_units(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Rows of units the user may see; of those, the periods approved unless the user may see the
        unit's unapproved figures (each row judged by its own unit)."""
        if frame.is_empty() or "locality_code" not in frame.columns:
            return frame
        codes = frame.get_column("locality_code").unique().to_list()
        seen = self._access.visible(codes)
        frame = frame.filter(pl.col("locality_code").is_in(seen))
        if "period" not in frame.columns:
            return frame
        open_units = [] if self._approved_only else [c for c in seen if self._access.can_view_unapproved(c)]
        approved = pl.DataFrame(
            [{"locality_code": u, "_period": p} for u, p in self._approved if u in seen],
            schema={"locality_code": pl.Utf8, "_period": pl.Utf8},
        )
        key = pl.col("period").cast(pl.Utf8).str.replace("-H1$", "")
        approved_rows = frame.with_columns(key.alias("_period")).join(
            approved, on=["locality_code", "_period"], how="semi"
        )
        return pl.concat(
            [frame.filter(pl.col("locality_code").is_in(open_units)), approved_rows.drop("_period")], how="vertical"
        ).sort("locality_code", "period", maintain_order=True)

    def unit_scorecards(self, codes, years) -> pl.DataFrame:
        return self._keep_units(self._reader.unit_scorecards(self._access.visible(list(codes)), years))

    def indicator_across_units(self, codes, indicator: str) -> pl.DataFrame:
        return self._keep_units(self._reader.indicator_across_units(self._access.visible(list(codes)), indicator))

    def unit_names(self, codes) -> pl.DataFrame:
        return self._reader.unit_names(self._access.visible(list(codes)))

    def unit_links(self) -> pl.DataFrame:
        return self._keep_units(self._reader.unit_links())

    def units_at(self, day: str) -> pl.DataFrame:
        return self._keep_units(self._reader.units_at(day))

    def catalog_additive(self, indicator: str) -> bool:
        return self._reader.catalog_additive(indicator)

    def has_table(self, table: str) -> bool:
        return self._reader.has_table(table)

    def emulation(self, locality: str) -> dict[str, pl.DataFrame]:
        """The blocs and scoring sheets as the locality set them; the council's scores of approved
        years only, unless the user may see the locality's unapproved figures."""
        out = self._reader.emulation(locality)
        if not self._access.can_view(locality):
            return {name: frame.clear() for name, frame in out.items()}
        scores = out.get("emulation_scores")
        if (
            scores is not None
            and scores.height
            and "year" in scores.columns
            and (self._approved_only or not self._access.can_view_unapproved(locality))
        ):
            approved = list(self.approved_periods(locality))
            out = {**out, "emulation_scores": scores.filter(pl.col("year").cast(pl.Utf8).is_in(approved))}
        return out

    def __getattr__(self, name: str):
        method = getattr(self._reader, name)
        if name in self.GLOBAL or not callable(method):
            return method

        def scoped(locality: str, *args, **kwargs):
            result = method(locality, *args, **kwargs)
            if not self._access.can_view(locality):
                return result.clear() if isinstance(result, pl.DataFrame) else None
            if self._access.can_view_unapproved(locality) and not self._approved_only:
                return result
            return self._keep_approved(locality, result)

        return scoped

    def _keep_approved(self, locality: str, result):
        approved = self.approved_periods(locality)
        if isinstance(result, dict):
            period = str(result.get("term") or result.get("period") or "")
            return result if period.replace("-H1", "") in approved else None
        if not isinstance(result, pl.DataFrame):
            return result
        column = "period" if "period" in result.columns else "term" if "term" in result.columns else None
        if column is None:
            return result
        kept = result.filter(pl.col(column).cast(pl.Utf8).str.replace("-H1$", "").is_in(list(approved)))
        if "related_period" in kept.columns:
            # A row that compares its period with another (a warning quoting the year before) shows the
            # other period's figure too: both must be approved.
            other = pl.col("related_period").cast(pl.Utf8).str.replace("-H1$", "")
            kept = kept.filter(other.is_null() | other.is_in(list(approved)))
        return kept
