"""Who may use a shared workspace: users, their role, the brands each sees, and what each may do.

Roles, from least to most:

* ``viewer``: sees their brands' data;
* ``editor``: also imports into their brands and undoes their brands' imports;
* ``admin``: manages users and sees and changes every brand.

Passwords are kept only as argon2 hashes (:class:`argon2.PasswordHasher`); a password never
reaches the database, a log or the command line. A workspace without any user is open, as
before users existed: whoever can open the database acts as an admin (:data:`OWNER`).

A user may also have an e-mail (stored lower-case, one user per e-mail): single sign-on
(:func:`user_for_sso`) maps the e-mail an identity provider vouches for to that user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from rlff.schema import Tables

from . import schema
from .errors import WorkspaceError
from .failures import reported
from .records import BrandSettings, ImportRecord, check_brand_name
from .store import Workspace

ROLES = ("viewer", "editor", "admin")
ACTIONS = ("view", "import", "undo", "manage")
# The least role each action needs.
_NEEDS = {"view": "viewer", "import": "editor", "undo": "editor", "manage": "admin"}
MAX_NAME = 100
MAX_EMAIL = 254  # RFC 5321's limit on a forward path
MIN_PASSWORD = 8

_HASHER = PasswordHasher()
# Verified when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("rlff: no such user")


@dataclass(frozen=True)
class User:
    """A workspace user (never carries the password or its hash).

    Attributes:
        name: The login name.
        role: ``viewer``, ``editor`` or ``admin``.
        brands: The brands the user sees (an admin sees every brand, listed or not).
        email: The e-mail single sign-on maps to this user (lower-case), or None.
    """

    name: str
    role: str
    brands: frozenset[str] = field(default_factory=frozenset)
    email: str | None = None

    @property
    def is_admin(self) -> bool:
        """True for an admin."""
        return self.role == "admin"


OWNER = User(name="", role="admin")  # who acts on a workspace with no users, or on their own SQLite file


def can(user: User | None, action: str, brand: str | None = None) -> bool:
    """Whether ``user`` may do ``action`` (``view``, ``import``, ``undo``, ``manage``) on ``brand``.

    None (nobody logged in) may do nothing. ``manage`` ignores ``brand``.

    Raises:
        ValueError: for an unknown action (a programming error).
    """
    if action not in _NEEDS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or user.role not in ROLES:
        return False
    if ROLES.index(user.role) < ROLES.index(_NEEDS[action]):
        return False
    if user.is_admin or action == "manage":
        return True
    return brand is not None and brand in user.brands


def visible_brands(user: User | None, names: Iterable[str]) -> list[str]:
    """The names among ``names`` that ``user`` may view, in the given order."""
    return [n for n in names if can(user, "view", n)]


def hash_password(password: str) -> str:
    """The argon2 hash of ``password`` (checked: at least :data:`MIN_PASSWORD` characters).

    Raises:
        WorkspaceError: when the password is too short.
    """
    if len(password) < MIN_PASSWORD:
        raise WorkspaceError("users.error.short_password", n=MIN_PASSWORD)
    return _HASHER.hash(password)


def check_user_name(name: str) -> str:
    """``name`` stripped; one line of 1 to 100 printable characters.

    Raises:
        WorkspaceError: when it is not.
    """
    stripped = name.strip()
    if not stripped or len(stripped) > MAX_NAME or not stripped.isprintable():
        raise WorkspaceError("users.error.bad_name", name=name[:MAX_NAME])
    return stripped


def check_email(email: str) -> str:
    """``email`` stripped and lower-cased, when it looks like one address (``local@domain``).

    Lower-cased because mail systems treat addresses case-insensitively in practice, and
    identity providers do not agree on the case they send.

    Raises:
        WorkspaceError: when it does not.
    """
    address = email.strip().lower()
    local, at, domain = address.rpartition("@")
    if (
        not at
        or not local
        or "." not in domain.strip(".")
        or len(address) > MAX_EMAIL
        or not address.isprintable()
        or any(ch.isspace() for ch in address)
    ):
        raise WorkspaceError("users.error.bad_email", email=email[:MAX_EMAIL])
    return address


def _check_email_free(conn: sa.Connection, email: str, name: str) -> None:
    holder = conn.execute(sa.select(schema.users.c.name).where(schema.users.c.email == email)).scalar()
    if holder is not None and holder != name:
        raise WorkspaceError("users.error.email_taken", email=email, name=holder)


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise WorkspaceError("users.error.bad_role", role=role, roles=", ".join(ROLES))
    return role


def has_users(ws: Workspace) -> bool:
    """Whether the workspace has any user (then logging in is required)."""
    with reported(ws.url), ws._reading() as conn:  # noqa: SLF001 - the same package
        return conn.execute(sa.select(sa.func.count()).select_from(schema.users)).scalar_one() > 0


def add_user(
    ws: Workspace, name: str, password: str, role: str, brands: Iterable[str] = (), email: str | None = None
) -> User:
    """Create a user with ``role``, ``brands`` and maybe an ``email``; only the password's argon2 hash is stored.

    Raises:
        WorkspaceError: for a bad name, role, brand, e-mail or password, or a name or e-mail already taken.
    """
    name = check_user_name(name)
    role = _check_role(role)
    address = check_email(email) if email else None
    wanted = sorted({check_brand_name(b) for b in brands})
    if role != "admin" and not wanted:
        raise WorkspaceError("users.error.no_brands", role=role)
    hashed = hash_password(password)
    with reported(ws.url), ws._writing() as conn:  # noqa: SLF001
        if conn.execute(sa.select(schema.users.c.name).where(schema.users.c.name == name)).first() is not None:
            raise WorkspaceError("users.error.exists", name=name)
        if address is not None:
            _check_email_free(conn, address, name)
        now = datetime.now(UTC).replace(tzinfo=None)
        conn.execute(
            schema.users.insert().values(name=name, role=role, password_hash=hashed, created_at=now, email=address)
        )
        if wanted:
            conn.execute(schema.user_brands.insert(), [{"user_name": name, "brand": b} for b in wanted])
    return User(name, role, frozenset(wanted), address)


def remove_user(ws: Workspace, name: str) -> None:
    """Delete a user and their brands.

    Raises:
        WorkspaceError: when there is no such user.
    """
    with reported(ws.url), ws._writing() as conn:  # noqa: SLF001
        conn.execute(schema.user_brands.delete().where(schema.user_brands.c.user_name == name))
        if conn.execute(schema.users.delete().where(schema.users.c.name == name)).rowcount == 0:
            raise WorkspaceError("users.error.no_user", name=name)


def set_password(ws: Workspace, name: str, password: str) -> None:
    """Replace a user's password (its hash).

    Raises:
        WorkspaceError: when there is no such user or the password is too short.
    """
    hashed = hash_password(password)
    with reported(ws.url), ws._writing() as conn:  # noqa: SLF001
        done = conn.execute(schema.users.update().where(schema.users.c.name == name).values(password_hash=hashed))
        if done.rowcount == 0:
            raise WorkspaceError("users.error.no_user", name=name)


def set_email(ws: Workspace, name: str, email: str | None) -> User:
    """Give user ``name`` the e-mail single sign-on maps to them (None or "" removes it).

    Raises:
        WorkspaceError: when there is no such user, the e-mail is malformed or another user has it.
    """
    address = check_email(email) if email else None
    with reported(ws.url), ws._writing() as conn:  # noqa: SLF001
        if address is not None:
            _check_email_free(conn, address, name)
        done = conn.execute(schema.users.update().where(schema.users.c.name == name).values(email=address))
        if done.rowcount == 0:
            raise WorkspaceError("users.error.no_user", name=name)
    user = user_named(ws, name)
    assert user is not None  # just written, in the same call
    return user


def users(ws: Workspace) -> list[User]:
    """Every user, by name."""
    with reported(ws.url), ws._reading() as conn:  # noqa: SLF001
        columns = (schema.users.c.name, schema.users.c.role, schema.users.c.email)
        rows = conn.execute(sa.select(*columns).order_by(schema.users.c.name)).all()
        grants = conn.execute(sa.select(schema.user_brands.c.user_name, schema.user_brands.c.brand)).all()
    per_user: dict[str, set[str]] = {}
    for user_name, brand in grants:
        per_user.setdefault(user_name, set()).add(brand)
    return [User(r.name, r.role, frozenset(per_user.get(r.name, ())), r.email) for r in rows]


def authenticate(ws: Workspace, name: str, password: str) -> User | None:
    """The user when ``password`` is theirs, else None (an unknown name takes as long as a wrong password)."""
    with reported(ws.url), ws._reading() as conn:  # noqa: SLF001
        row = conn.execute(sa.select(schema.users).where(schema.users.c.name == name.strip())).first()
        grants = conn.execute(
            sa.select(schema.user_brands.c.brand).where(schema.user_brands.c.user_name == name.strip())
        ).scalars()
        brands = frozenset(grants)
    try:
        _HASHER.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    return User(row.name, row.role, brands, row.email)


def user_named(ws: Workspace, name: str) -> User | None:
    """The user called ``name`` as stored now (role and brands), or None when removed."""
    return next((u for u in users(ws) if u.name == name), None)


def user_for_sso(ws: Workspace, email: object, verified: object = None) -> User:
    """The user whose e-mail an identity provider vouched for (single sign-on), as stored now.

    Args:
        ws: the workspace.
        email: the ID token's ``email`` claim (compared case-insensitively).
        verified: its ``email_verified`` claim; None when the token has none (some providers,
            such as Microsoft Entra, only send addresses they manage). Anything but true
            (``True`` or the string ``"true"``, as AWS Cognito sends it) is refused.

    Raises:
        WorkspaceError: ``login.sso.no_email`` (no usable e-mail), ``login.sso.unverified``
            or ``login.sso.unknown`` (no user has this e-mail).
    """
    if not isinstance(email, str) or not email.strip():
        raise WorkspaceError("login.sso.no_email")
    if verified is not None and verified is not True and str(verified).strip().lower() != "true":
        raise WorkspaceError("login.sso.unverified", email=email.strip()[:MAX_EMAIL])
    try:
        address = check_email(email)
    except WorkspaceError:
        raise WorkspaceError("login.sso.unknown", email=email.strip()[:MAX_EMAIL]) from None
    user = next((u for u in users(ws) if u.email == address), None)
    if user is None:
        raise WorkspaceError("login.sso.unknown", email=address)
    return user


def require(user: User, action: str, brand: str | None = None) -> None:
    """Raise unless ``user`` may do ``action`` on ``brand``.

    A brand the user may not even view is reported as unknown (the same message as a brand
    that does not exist), so that names of other teams' brands do not leak.

    Raises:
        WorkspaceError: ``workspace.error.no_brand`` or ``users.error.denied``.
    """
    if can(user, action, brand):
        return
    if action == "manage":
        raise WorkspaceError("users.error.admin_only")
    if brand is not None and not can(user, "view", brand):
        raise WorkspaceError("workspace.error.no_brand", brand=brand)
    raise WorkspaceError("users.error.denied", action=action, brand=brand or "—", role=user.role)


ENV_USER = "RLFF_USER"
ENV_PASSWORD = "RLFF_PASSWORD"  # read from the environment, never from the command line


def command_line_user(ws: Workspace, env: dict[str, str] | None = None) -> User:
    """Who runs a command: ``$RLFF_USER`` (checked with ``$RLFF_PASSWORD``), else the owner.

    Without ``$RLFF_USER`` the owner acts as an admin when the workspace has no users, or
    when it is a SQLite file (whoever can read the file can read everything in it anyway);
    a shared server database with users asks for a login.

    Raises:
        WorkspaceError: on a wrong name or password, or a server database with users and no login.
    """
    import os

    env = dict(os.environ) if env is None else env
    name = env.get(ENV_USER, "")
    if name:
        user = authenticate(ws, name, env.get(ENV_PASSWORD, ""))
        if user is None:
            raise WorkspaceError("users.error.login")
        return user
    if not has_users(ws) or ws._engine.dialect.name == "sqlite":  # noqa: SLF001
        return OWNER
    raise WorkspaceError("users.error.login_needed")


class UserWorkspace:
    """A workspace as one user may use it: the same methods, each checked against :func:`can`.

    Brands the user may not view do not exist for them (listed nowhere, "unknown" when named);
    other methods and attributes pass through unchanged.
    """

    def __init__(self, ws: Workspace, user: User) -> None:
        self.workspace = ws
        self.user = user

    def __getattr__(self, name: str) -> object:
        return getattr(self.workspace, name)

    def brands(self) -> list[BrandSettings]:
        """The brands the user sees."""
        return [b for b in self.workspace.brands() if can(self.user, "view", b.name)]

    def brand_settings(self, brand: str) -> BrandSettings | None:
        """The brand's settings, or None when it is unknown or hidden from the user."""
        return self.workspace.brand_settings(brand) if can(self.user, "view", brand) else None

    def save_brand(self, settings: BrandSettings) -> None:
        """Save settings of a brand the user may import into (editor or admin)."""
        require(self.user, "import", settings.name.strip())
        self.workspace.save_brand(settings)

    def history(self, brand: str | None = None) -> list[ImportRecord]:
        """The imports of the brands the user sees (of ``brand`` when given), newest first."""
        if brand is not None:
            require(self.user, "view", brand)
        return [r for r in self.workspace.history(brand) if can(self.user, "view", r.brand)]

    def import_files(self, files: Sequence[tuple[str, bytes]], *, brand: str | None) -> ImportRecord:
        """Import into ``brand``; a user who is not an admin must name one of their brands."""
        if brand is None and not self.user.is_admin:
            raise WorkspaceError("users.error.brand_needed", role=self.user.role)
        if brand is not None:
            require(self.user, "import", brand.strip())
        return self.workspace.import_files(files, brand=brand)

    def undo(self, import_id: int) -> ImportRecord:
        """Undo an import of a brand the user may undo in; a hidden brand's import does not exist."""
        record = next((r for r in self.workspace.history() if r.id == import_id), None)
        if record is None or not can(self.user, "view", record.brand):
            raise WorkspaceError("workspace.error.no_import", id=import_id)
        require(self.user, "undo", record.brand)
        return self.workspace.undo(import_id)

    def tables(self, brand: str) -> Tables:
        """The brand's tables, when the user may view it."""
        require(self.user, "view", brand)
        return self.workspace.tables(brand)

    def merged(self, brand: str) -> Tables:
        """See :meth:`Workspace.merged`, when the user may view the brand."""
        require(self.user, "view", brand)
        return self.workspace.merged(brand)
