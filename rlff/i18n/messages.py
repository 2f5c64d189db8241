"""Texts made where the language is not known yet, and said in the user's language where shown.

An import fails deep inside a reader, which knows the file but not who reads the message;
the dashboard and the CLI know the language. So a reader builds a :class:`Message` (a
catalog key and its values) and the caller asks for ``message.text(lang)``.

A :class:`Message` *is* a ``str``: its English text. Code that only ever handled English
strings (``str(problem)``, ``"x" in message``, a list of warnings) keeps working unchanged,
and English output stays byte for byte what it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rlff.i18n.formats import DEFAULT_LANG, day_of, fmt_date, fmt_float, quoted


class Localized(str):
    """A text whose ``str`` value is English and which :meth:`text` can say in another language."""

    __slots__ = ()

    def text(self, lang: str = DEFAULT_LANG) -> str:  # pragma: no cover - subclasses say it
        """This text in ``lang``."""
        return str.__str__(self)


def localize(value: object, lang: str = DEFAULT_LANG) -> str:
    """``value`` in ``lang`` when it is a :class:`Localized` text or a :class:`LocalizedError`, else ``str(value)``."""
    return value.text(lang) if isinstance(value, Localized | LocalizedError) else str(value)


class _KeepMissing(dict):
    """Format values that leave a placeholder not given yet (``{values}``) as it is, to fill later."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(key: str, lang: str, values: dict[str, Any]) -> str:
    from rlff.i18n import t  # the catalogs load with the package; this module is imported by it

    template = t(key, lang)
    if not values:
        return template
    return template.format_map(_KeepMissing({k: localize(v, lang) for k, v in values.items()}))


class Message(Localized):
    """A catalog key and its values, e.g. ``Message("import.not_a_number", values=...)``.

    Values may themselves be :class:`Localized` (a quoted list, another message): they are
    said in the same language.
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Message:
        self = super().__new__(cls, _render(key, DEFAULT_LANG, values))
        self.key = key
        self.values = values
        return self

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang`` (English where the catalog lacks it)."""
        return _render(self.key, lang, self.values)

    def with_values(self, **values: Any) -> Message:
        """The same message with more (or other) values."""
        return Message(self.key, **(self.values | values))

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its key (pytest-xdist, caches)
        return _message, (self.key, self.values)


def _message(key: str, values: dict[str, Any]) -> Message:
    return Message(key, **values)


class Quoted(Localized):
    """Values from a file, quoted and listed: ``'a', 'b' and 'c'`` / ``« a », « b » et « c »``."""

    items: tuple[str, ...]
    last: str

    def __new__(cls, items: Iterable[str], *, last: str = "and") -> Quoted:
        shown = tuple(str(v) for v in items)
        self = super().__new__(cls, _listing(shown, DEFAULT_LANG, last))
        self.items = shown
        self.last = last
        return self

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The quoted list in ``lang``."""
        return _listing(self.items, lang, self.last)

    def __reduce__(self) -> tuple[Any, ...]:
        return _quoted, (self.items, self.last)


def _quoted(items: tuple[str, ...], last: str) -> Quoted:
    return Quoted(items, last=last)


def _listing(items: Sequence[str], lang: str, last: str) -> str:
    """``last="and"``: ``'a', 'b' and 'c'``; ``last=","``: ``'a', 'b', 'c'``."""
    from rlff.i18n import t

    shown = [quoted(v, lang) for v in items]
    if len(shown) <= 1 or last == ",":
        return ", ".join(shown)
    return ", ".join(shown[:-1]) + t("list.and", lang) + shown[-1]


class Joined(Localized):
    """Texts joined by a separator, each in the language asked: ``X export + RLFF inbox table``."""

    parts: tuple[str, ...]
    sep: str

    def __new__(cls, parts: Iterable[str], sep: str) -> Joined:
        kept = tuple(parts)
        self = super().__new__(cls, sep.join(localize(p) for p in kept))
        self.parts = kept
        self.sep = sep
        return self

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The joined texts in ``lang``."""
        return self.sep.join(localize(p, lang) for p in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        return Joined, (self.parts, self.sep)


class Number(Localized):
    """A decimal number in a message: ``52.3`` / ``52,3``."""

    value: float
    digits: int

    def __new__(cls, value: float, digits: int = 1) -> Number:
        self = super().__new__(cls, fmt_float(value, DEFAULT_LANG, digits))
        self.value = value
        self.digits = digits
        return self

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The number in ``lang``."""
        return fmt_float(self.value, lang, self.digits)

    def __reduce__(self) -> tuple[Any, ...]:
        return Number, (self.value, self.digits)


class Day(Localized):
    """A day in a message: ``2026-01-05`` / ``05/01/2026``."""

    day: str

    def __new__(cls, day: object) -> Day:
        iso = day_of(day).isoformat()
        self = super().__new__(cls, fmt_date(iso, DEFAULT_LANG))
        self.day = iso
        return self

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The day in ``lang``."""
        return fmt_date(self.day, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return Day, (self.day,)


class LocalizedError(Exception):
    """An error a user reads: a catalog key and its values, said in the reader's language.

    ``str()`` is the English message on one line (logs, ``except ValueError`` code, tests);
    :meth:`message` (or :meth:`text`) says it in another language where the caller knows
    it (the CLI's ``--lang``/``LANG``, the dashboard's language). Mix it in first:
    ``class MailError(LocalizedError, RuntimeError)``.

    Values are shown as given (a detail from the OS or a browser is not ours to translate),
    except :class:`Localized` ones (a :class:`Message` detail), said in the same language.

    Attributes:
        key: Catalog key of the message.
        values: The message's placeholders.
    """

    key: str
    values: dict[str, Any]

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message(DEFAULT_LANG))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang``, on one line."""
        from rlff.i18n import t

        # Values as given (``{name!r}`` stays the repr of the value), but our own texts in ``lang``.
        values = {
            k: localize(v, lang) if isinstance(v, Localized | LocalizedError) else v for k, v in self.values.items()
        }
        return " ".join(t(self.key, lang, **values).splitlines())

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The message in ``lang`` (as :meth:`Localized.text`: what the CLI's ``error:`` line asks for)."""
        return self.message(lang)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its key, whatever the subclass's __init__
        return _localized_error, (type(self), self.key, self.values)


def _localized_error(cls: type[LocalizedError], key: str, values: dict[str, Any]) -> LocalizedError:
    err = cls.__new__(cls)
    LocalizedError.__init__(err, key, **values)
    return err
