"""Bytes to text: what kind of container a file is, its encoding and its separator.

Nothing here executes, unpickles or evaluates a file's content: text stays text, and
Excel workbooks are only recognised here (their cells are read in :mod:`.workbook`).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Literal

import charset_normalizer

from rlff.i18n.messages import Message, Number

from .problems import MAX_UPLOAD_MB, ImportProblem

Container = Literal["text", "xlsx", "xls"]

# Signatures of files people upload by mistake, so the message can say what they sent.
_MAGIC: tuple[tuple[bytes, Message], ...] = (
    (b"%PDF", Message("import.what.pdf")),
    (b"\x89PNG", Message("import.what.png")),
    (b"\xff\xd8\xff", Message("import.what.jpeg")),
    (b"GIF8", Message("import.what.gif")),
    (b"RIFF", Message("import.what.media")),
    (b"\x1f\x8b", Message("import.what.gzip")),
    (b"Rar!", Message("import.what.rar")),
    (b"7z\xbc\xaf", Message("import.what.7z")),
    (b"\x7fELF", Message("import.what.program")),
    (b"MZ", Message("import.what.windows_program")),
    (b"SQLite format 3", Message("import.what.sqlite")),
    (b"\x80\x04", Message("import.what.pickle")),
    (b"\x80\x05", Message("import.what.pickle")),
)

SEPARATORS: tuple[str, ...] = (",", ";", "\t", "|")
_HEAD_CHARS = 256 * 1024
_SEP_LINE = re.compile(r"^\ufeff?\s*sep=(.)\s*$", re.IGNORECASE)
_EXPORT_HINT = Message("import.hint.export_again")


def check_size(size: int, file: str) -> None:
    """Refuse files larger than :data:`MAX_UPLOAD_MB` or empty ones.

    Raises:
        ImportProblem: when the file is empty or too large.
    """
    if size == 0:
        raise ImportProblem(file, Message("import.empty"), hint=Message("import.hint.copy_failed", then=_EXPORT_HINT))
    if size > MAX_UPLOAD_MB * 1024 * 1024:
        raise ImportProblem(
            file,
            Message("import.too_large", size=Number(size / 1024 / 1024), limit=MAX_UPLOAD_MB),
            hint=Message("import.hint.shorter_period_together"),
        )


def sniff_container(data: bytes, file: str) -> Container:
    """Tell a text file from an Excel workbook, and refuse everything else.

    Raises:
        ImportProblem: for images, PDFs, archives, programs and other binary files.
    """
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportProblem(file, Message("import.not_data", what=what), hint=_EXPORT_HINT)
    return "text"


def decode_text(data: bytes, file: str, notes: list[str] | None = None) -> str:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16, UTF-32, or a legacy code page.

    Raises:
        ImportProblem: when the bytes are not text.
    """
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_or_explain(data, encoding, file)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _decode_or_explain(data, utf16, file)
    if b"\x00" in data[:65536]:
        raise ImportProblem(file, Message("import.binary"), hint=_EXPORT_HINT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_mixed(data, file, notes) if _UTF8_SEQUENCE.search(data) else _decode_legacy(data, file)
    _refuse_control_characters(text, file)
    return text


# A multi-byte UTF-8 character: in a file that is not valid UTF-8 as a whole, these mean
# lines of UTF-8 next to lines in a legacy code page (two exports pasted together).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_mixed(data: bytes, file: str, notes: list[str] | None) -> str:
    """Each line in the encoding it is in: UTF-8 where it is valid, else a legacy code page
    (guessed from the whole file, the UTF-8 lines made it come out Thai)."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    legacy_rows: list[int] = []
    for number, line in enumerate(lines, 1):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
            legacy_rows.append(number)
    legacy = b"\n".join(lines[n - 1] for n in legacy_rows)
    # A few lines are too little for a guess (French came out Czech): Western European
    # Windows text is by far the likeliest, so cp1252 unless it cannot decode those lines.
    encoding = "cp1252"
    try:
        legacy.decode(encoding)
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(legacy[:200_000]).best()
        encoding = best.encoding if best is not None else "latin-1"
    text = "\n".join(
        part if part is not None else lines[n].decode(encoding, errors="replace") for n, part in enumerate(decoded)
    )
    if notes is not None:
        shown = ", ".join(str(n) for n in legacy_rows[:5]) + (" …" if len(legacy_rows) > 5 else "")
        notes.append(
            f"{file}: the file mixes two text encodings (UTF-8, and {encoding} on {len(legacy_rows)} line(s): "
            f"{shown}); RLFF read each line in its own encoding: check the accented letters of those lines, "
            "or save the file again as UTF-8."
        )
    return text


def _decode_or_explain(data: bytes, encoding: str, file: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ImportProblem(
            file,
            Message("import.bad_encoding", encoding=encoding.upper(), byte=err.start),
            hint=Message("import.hint.damaged_then", then=_EXPORT_HINT),
        ) from None
    _refuse_control_characters(text, file)
    return text.removeprefix("\ufeff")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as a zero byte in every other position."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, file: str) -> str:
    # charset-normalizer reads a sample; the whole file is then decoded with its guess.
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        raise ImportProblem(file, Message("import.unknown_encoding"), hint=_EXPORT_HINT)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        # A spreadsheet saved on Windows in Western Europe: cp1252 is by far the likeliest.
        return data.decode("cp1252", errors="replace")


def _refuse_control_characters(text: str, file: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if controls > max(4, len(sample) // 100):
        raise ImportProblem(file, Message("import.binary"), hint=_EXPORT_HINT)


def refuse_other_text(text: str, file: str) -> None:
    """Name the text files people upload instead of an export: an X archive, JSON, a web page.

    Raises:
        ImportProblem: for those files.
    """
    head = text[:2048].lstrip().lower()
    if head.startswith("window.ytd."):
        raise ImportProblem(
            file,
            Message("import.x_archive"),
            hint=Message("import.hint.x_analytics"),
        )
    if head.startswith(("{", "[")):
        raise ImportProblem(
            file,
            Message("import.json"),
            hint=Message("import.hint.csv_or_excel"),
        )
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head")):
        raise ImportProblem(
            file,
            Message("import.web_page"),
            hint=Message("import.hint.login_page", then=_EXPORT_HINT),
        )


def split_sep_line(text: str) -> tuple[str | None, str]:
    """Excel's ``sep=;`` first line: the separator it names, and the text without that line."""
    end = text.find("\n", 0, 200)
    found = _SEP_LINE.match(text[:end].rstrip("\r")) if end >= 0 else None
    if found:
        return found.group(1), text[end + 1 :]
    return None, text


def head_records(text: str, sep: str, limit: int = 20) -> tuple[list[list[str]], list[int]]:
    """The first ``limit`` CSV records and, for each, the character offset where the next begins.

    Offsets let the caller hand the rest of the text to the fast pandas parser.
    """
    lines = _LineReader(text[:_HEAD_CHARS])  # the header is near the top; never copy a 50 MB text
    reader = csv.reader(lines, delimiter=sep, quotechar='"', doublequote=True, strict=False)
    records: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in reader:
            records.append(record)
            ends.append(lines.offset)
            if len(records) >= limit:
                break
    except csv.Error:
        pass  # a damaged head shows up as an unrecognised file, with its own message
    return records, ends


class _LineReader:
    """Iterates over the lines of a text (any line ending), tracking the offset read so far."""

    def __init__(self, text: str) -> None:
        self._stream = io.StringIO(text, newline="")
        self.offset = 0

    def __iter__(self) -> _LineReader:
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.offset += len(line)
        return line
