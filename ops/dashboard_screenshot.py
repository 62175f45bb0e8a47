"""Take the README's dashboard screenshot (docs/dashboard.png) in headless Chromium over the configured feed.

Run after `make demo` (`make screenshot`): the API is served on a free loopback port from this process, the page is
opened at a filtered URL as a user would share it, and the screenshot is taken once every part has drawn.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn

from etl.api.app import create_app
from etl.db import require_feed
from etl.settings import project_root

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    root = project_root() or Path.cwd()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=root / "docs" / "dashboard.png")
    parser.add_argument("--query", default="", help="Filters in the page's URL, e.g. '?country=UKR'.")
    args = parser.parse_args()

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(require_feed()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 720})
            page.goto(f"http://127.0.0.1:{port}/{args.query}")
            page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=120_000)
            page.click("#event_table th[data-key=fatalities] button")  # the deadliest events first
            page.wait_for_timeout(500)  # let the map's fitting animation end
            page.screenshot(path=str(args.output))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
