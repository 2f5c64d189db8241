"""A corpus of bad inputs: each gives one clear ImportProblem naming file, column, rows and fix."""

from __future__ import annotations

import io
import zipfile

import export_samples as S
import pytest

from rlff.io.imports import MAX_UPLOAD_MB, ImportProblem, import_files, read_file

X_HEADER = ",".join(S.X_POSTS_HEADER)


def x_post(likes: str = "5", date: str = '"Sat, Sep 12, 2026"', pid: str = "1", impressions: str = "100") -> str:
    return f"{pid},{date},hi,https://x.com/a/status/{pid},{impressions},{likes},0,0,0,0,0,0,0,0,0,0,0"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def linkedin_with_negative_impressions() -> bytes:
    note, header, rows, _ = S.linkedin_posts_rows(5)
    rows[1][header.index("Impressions")] = -40
    return S.xlsx([("All posts", [note, header, *rows])])


def fb_with(column: str, value: str, row: int) -> bytes:
    header = ",".join(f'"{h}"' for h in S.FACEBOOK_HEADER)
    lines = [header]
    for i in range(4):
        cells = {h: "" for h in S.FACEBOOK_HEADER}
        cells |= {
            "Post ID": f"1_{i}",
            "Publish time": f"11/0{i + 1}/2026 10:00",
            "Reactions": "3",
            "Comments": "1",
            "Shares": "0",
            "Views": "100",
        }
        if i + 2 == row:
            cells[column] = value
        lines.append(",".join(f'"{cells[h]}"' for h in S.FACEBOOK_HEADER))
    return csv_bytes(*lines)


def truncated_xlsx() -> bytes:
    _, data, _ = S.linkedin_posts_workbook()
    return data[: len(data) // 2]


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export.csv", "a,b\n1,2\n")
    return buffer.getvalue()


INBOX = "received_at,kind,first_response_at"
# (case id, file name, bytes, column or None, first rows or None, words the message must contain)
CASES = [
    ("empty", "empty.csv", b"", None, None, ["empty", "0 bytes"]),
    ("blank lines only", "blank.csv", b"  \r\n\r\n   \n", None, None, ["no data"]),
    ("header but no rows", "inbox.csv", csv_bytes(INBOX), None, None, ["no data rows"]),
    (
        "template never filled",
        "costs.csv",
        csv_bytes("date,category,amount_eur,note", "# 2026-11-01,salary,4200,x"),
        None,
        None,
        ["no data rows", "#"],
    ),
    ("png image", "chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, None, None, ["PNG image"]),
    ("pdf", "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, None, ["PDF"]),
    ("pickle", "data.pkl", b"\x80\x04\x95\x10\x00\x00\x00", None, None, ["pickle"]),
    ("binary noise", "noise.csv", bytes(range(256)) * 8, None, None, ["binary"]),
    ("zip that is not a workbook", "export.zip", plain_zip(), None, None, ["zip archive", "unzip"]),
    ("truncated xlsx", "posts.xlsx", truncated_xlsx(), None, None, ["damaged"]),
    ("fake xls", "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, None, None, [".xls", "damaged"]),
    (
        "unrelated csv",
        "contacts.csv",
        csv_bytes("name,email", "Bob,bob@example.com"),
        None,
        None,
        ["does not recognise", "X/Twitter"],
    ),
    (
        "x per-post without Reposts",
        "x.csv",
        csv_bytes(X_HEADER.replace(",Reposts", ""), x_post()),
        None,
        None,
        ["X per-post export", "'Reposts'"],
    ),
    ("x archive", "tweets.js", b'window.YTD.tweets.part0 = [ { "tweet" : { } } ]', None, None, ["X archive"]),
    ("json", "data.json", b'{"posts": []}', None, None, ["JSON"]),
    ("html login page", "export.csv", b"<!DOCTYPE html><html><body>Log in</body></html>", None, None, ["web page"]),
    (
        "text in a count column",
        "x.csv",
        csv_bytes(X_HEADER, x_post(), x_post("lots", pid="2")),
        "Likes",
        [3],
        ["'lots'", "not a number"],
    ),
    ("negative count", "fb.csv", fb_with("Reactions", "-5", 4), "Reactions", [4], ["'-5'", "negative"]),
    ("fractional count", "x.csv", csv_bytes(X_HEADER, x_post("12.5")), "Likes", [2], ["whole number"]),
    (
        "unparseable date",
        "x.csv",
        csv_bytes(X_HEADER, x_post(), x_post(date="yesterday", pid="2")),
        "Date",
        [3],
        ["'yesterday'", "date"],
    ),
    (
        "impossible date",
        "inbox.csv",
        csv_bytes(INBOX, "31/02/2026 10:00,question,"),
        "received_at",
        [2],
        ["not a real date"],
    ),
    (
        "year out of range",
        "inbox.csv",
        csv_bytes(INBOX, "1970-01-01 10:00,question,"),
        "received_at",
        [2],
        ["before 2000"],
    ),
    (
        "mixed date orders",
        "inbox.csv",
        csv_bytes(INBOX, "25/11/2026 10:00,question,", "11/25/2026 11:00,question,"),
        "received_at",
        [2, 3],
        ["day-first and month-first"],
    ),
    (
        "unknown message kind",
        "inbox.csv",
        csv_bytes(INBOX, "2026-11-02 10:00,question,", "2026-11-02 10:05,angry,"),
        "kind",
        [3],
        ["'angry'", "compliment, question, complaint, crisis"],
    ),
    (
        "answer before message",
        "inbox.csv",
        csv_bytes(INBOX, "2026-11-02 10:00,question,2026-11-02 09:00"),
        "first_response_at",
        [2],
        ["earlier than the message"],
    ),
    (
        "unknown cost category",
        "costs.csv",
        csv_bytes("date,category,amount_eur", "2026-11-01,coffee,3"),
        "category",
        [2],
        ["'coffee'", "salary"],
    ),
    (
        "empty amount",
        "costs.csv",
        csv_bytes("date,category,amount_eur", "2026-11-01,ads,10", "2026-11-02,ads,"),
        "amount_eur",
        [3],
        ["empty"],
    ),
    (
        "sentiment out of range",
        "mentions.csv",
        csv_bytes("mentioned_at,target,sentiment", "2026-11-02,cm,2.5"),
        "sentiment",
        [2],
        ["-1 to +1"],
    ),
    (
        "not a yes/no",
        "strategy.csv",
        csv_bytes("week,action,executed", "2026-11-02,Answer fast,maybe"),
        "executed",
        [2],
        ["'maybe'", "yes/no"],
    ),
    (
        "more hours than a week",
        "time_use.csv",
        csv_bytes("week,activity,hours", "2026-11-02,reporting,200"),
        "hours",
        [2],
        ["168"],
    ),
    (
        "unknown platform",
        "posts.csv",
        csv_bytes("post_id,platform,published_at", "1,myspace,2026-11-02"),
        "platform",
        [2],
        ["'myspace'", "twitter"],
    ),
    (
        "empty post id",
        "posts.csv",
        csv_bytes("post_id,platform,published_at", "1,twitter,2026-11-02", ",twitter,2026-11-03"),
        "post_id",
        [3],
        ["empty"],
    ),
    ("negative peer followers", "peers.csv", csv_bytes("handle,followers", "@a,-3"), "followers", [2], ["negative"]),
    (
        "truncated last row",
        "x.csv",
        (X_HEADER + "\n" + x_post() + "\n" + x_post(pid="2")[:30]).encode(),
        None,
        [3],
        ["truncated"],
    ),
    (
        "unterminated quote",
        "x.csv",
        (X_HEADER + "\n" + x_post() + '\n2,"Sat, Sep 12').encode(),
        None,
        None,
        ["truncated"],
    ),
    (
        "unquoted separator in a value",
        "costs.csv",
        csv_bytes("date,category,amount_eur,note", "2026-11-01,ads,10,a", "2026-11-02,ads,12,5,b,c"),
        None,
        [3],
        ["more values than the header", "separator"],
    ),
    (
        "unsupported meta metric",
        "reach.csv",
        "sep=,\r\nFacebook reach\r\nDate,Primary\r\n2026-11-01,5\r\n".encode("utf-16"),
        None,
        None,
        ["Facebook reach", "Follows"],
    ),
    (
        "linkedin negative impressions",
        "content.xlsx",
        linkedin_with_negative_impressions(),
        "Impressions",
        [4],
        ["All posts", "negative"],
    ),
    (
        "workbook without an export",
        "book.xlsx",
        S.xlsx([("Sheet", [["a", "b"], [1, 2]])]),
        None,
        None,
        ["'Sheet'", "does not recognise"],
    ),
    (
        "bad utf-16",
        "daily.csv",
        b"\xff\xfe" + "Date,Primary\n".encode("utf-16-le") + b"\x00\xd8",
        None,
        None,
        ["UTF-16"],
    ),
]


@pytest.mark.parametrize(("name", "data", "column", "rows", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_a_clear_problem(name, data, column, rows, words):
    with pytest.raises(ImportProblem) as caught:
        read_file(data, name)
    problem = caught.value
    text = str(problem)
    assert problem.file == name and text.startswith(name)
    assert problem.hint and "How to fix:" in text
    assert "\n" not in text and "Traceback" not in text and "Error" not in text
    for word in words:
        assert word in text, text
    if column is not None:
        assert problem.column == column and f"column '{column}'" in text
    if rows is not None:
        assert problem.rows[: len(rows)] == rows
        assert f"row{'s' if len(problem.rows) > 1 else ''} {rows[0]}" in text


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


def test_oversized_file_is_refused_before_parsing():
    data = b"a" * (MAX_UPLOAD_MB * 1024 * 1024 + 1)
    with pytest.raises(ImportProblem) as caught:
        read_file(data, "huge.csv")
    assert f"more than the {MAX_UPLOAD_MB} MB" in str(caught.value)
    assert "shorter period" in caught.value.hint


def test_rows_beyond_the_first_five_are_counted():
    lines = [X_HEADER] + [x_post("x", pid=str(i)) for i in range(9)]
    with pytest.raises(ImportProblem) as caught:
        read_file(csv_bytes(*lines), "x.csv")
    assert caught.value.rows == [2, 3, 4, 5, 6]
    assert caught.value.count == 9
    assert "(and 4 more)" in str(caught.value)


def test_problem_is_a_value_error_with_fields():
    problem = ImportProblem("a.csv", "bad", column="Likes", rows=[3], hint="fix it")
    assert isinstance(problem, ValueError)
    assert str(problem) == "a.csv, column 'Likes', row 3: bad. How to fix: fix it."


def test_problem_survives_pickling():
    import pickle

    problem = ImportProblem("a.csv", "bad", column="Likes", rows=[3, 4], hint="fix it", count=7)
    clone = pickle.loads(pickle.dumps(problem))
    assert (clone.file, clone.column, clone.rows, clone.count, str(clone)) == (
        "a.csv",
        "Likes",
        [3, 4],
        7,
        str(problem),
    )


def test_import_files_collects_every_bad_file():
    outcome = import_files([(c[1], c[2]) for c in CASES[:10]])
    assert len(outcome.problems) == 10
    assert not outcome.results
