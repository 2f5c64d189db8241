"""An upload carrying HTML, script and a Markdown link, in a real Chromium: shown as text, never run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from export_samples import X_POSTS_HEADER, to_csv  # noqa: E402
from served_app import wait_for_charts, wait_idle  # noqa: E402

PAYLOAD = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> [click](javascript:alert(1))'
FILE_NAME = "<img src=x onerror=window.__pwned=3>.csv"

# Records every element added to the page that would run or link the payload.
WATCH_JS = """
window.__rlffInjected = [];
const RISKY = 'script, [onerror], a[href]';
new MutationObserver(records => {
  for (const r of records) for (const node of r.addedNodes) {
    if (node.nodeType !== 1) continue;
    const found = node.matches(RISKY) ? [node, ...node.querySelectorAll(RISKY)] : node.querySelectorAll(RISKY);
    for (const el of found) {
      const html = el.outerHTML.slice(0, 300);
      const jsLink = el.tagName === 'A' && (el.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:');
      if (jsLink || (el.tagName !== 'A' && html.includes('__pwned'))) window.__rlffInjected.push(html);
    }
  }
}).observe(document, {childList: true, subtree: true});
"""


def _x_export_with_payload() -> bytes:
    rows = [
        [
            str(1_900_000_000_000_000_000 + i),
            f"Sat, Sep {12 + i}, 2026",
            PAYLOAD if i == 0 else f"Post number {i}",
            f"https://x.com/acme/status/{1_900_000_000_000_000_000 + i}",
            "1000",
            str(900 - i),
            "950",
            "3",
            "2",
            "1",
            "4",
            str(100 - i),
            "5",
            "6",
            "7",
            "8",
            "9",
        ]  # fmt: skip
        for i in range(5)
    ]
    return to_csv(X_POSTS_HEADER, rows).encode("utf-8")


def test_uploaded_html_and_markdown_show_as_text_and_never_run(page, dashboard_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH_JS)
    page.goto(f"{dashboard_url}/data", wait_until="domcontentloaded")
    dropzone = page.get_by_test_id("stFileUploaderDropzoneInput")
    dropzone.wait_for(state="attached", timeout=60_000)
    dropzone.set_input_files(files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": _x_export_with_payload()}])
    page.get_by_text("The dashboard now shows this brand").wait_for(timeout=60_000)
    wait_idle(page)
    # The file name is shown literally in the report.
    assert any(f": {FILE_NAME}." in text for text in page.get_by_test_id("stAlert").all_inner_texts())

    page.get_by_role("link", name="Big Boss view").click()
    wait_for_charts(page, 2)  # engagement and followers; the benchmark says what is missing
    assert page.get_by_text("Monthly report — September 2026").is_visible()

    # The post text sits in the top posts table, character for character.
    cell = page.locator("[role='gridcell']", has_text="window.__pwned=1").first
    cell.wait_for(state="attached", timeout=30_000)
    assert cell.text_content() == PAYLOAD
    page.wait_for_timeout(500)  # time for an injected onerror to fire, if there were one

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.evaluate("window.__rlffInjected") == []
    assert page.evaluate("document.querySelectorAll('img[onerror], a[href^=\"javascript:\" i]').length") == 0
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.textContent)")
    assert not any("__pwned" in s for s in scripts)
    assert page.console_errors == []
