"""Scanning ahead: a scan made while the site was written counts only for the same bytes, so
the answer on the finished folder is the answer of scanning it from scratch."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from sglearn.check.privacy import ahead, scan_published_site
from sglearn.check.privacy.ahead import FolderScan
from sglearn.check.privacy.published import LineFinding, SiteScanner

CLEAN = "<html><body><p>Call 01234 ABCDEF</p></body></html>\n"
PHONE = "<html><body><p>Call 07700 900123</p></body></html>\n"


def settled(path: Path, text: str) -> None:
    """Write ``text`` and date it a minute back, as a file the publisher wrote long ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    past = path.stat().st_mtime_ns - 60 * 10**9
    os.utime(path, ns=(past, past))


def never() -> bool:
    return False


def test_folder_scan_rescans_a_page_rewritten_with_the_same_size_and_time(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    page = site / "a" / "index.html"
    settled(page, CLEAN)
    scan = FolderScan(SiteScanner(tmp_path))
    scan.catch_up(site, never)
    assert "a/index.html" in scan.scanned, "a settled file is scanned ahead"
    stamp = page.stat()
    assert len(PHONE) == len(CLEAN)
    page.write_text(PHONE, encoding="utf-8")
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    scan.catch_up(site, never)  # size and time unchanged: not looked at again
    problems = scan.final(site)
    assert [(p.path, p.rule) for p in problems] == [("a/index.html", "privacy/phone")]
    assert problems == scan_published_site(site, tmp_path)


def test_folder_scan_answers_as_the_scan_of_the_finished_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    settled(site / "a" / "index.html", "<p>NHS 943 <em>476</em> 5919</p>\n")
    settled(site / "b" / "index.html", CLEAN)
    settled(site / "chart.svg", "<svg><title>born 1940</title></svg>\n")
    scan = FolderScan(SiteScanner(tmp_path))
    scan.catch_up(site, never)
    # What the publisher does after the worker looked: a rewrite, a removal, late files.
    (site / "b" / "index.html").write_text(PHONE, encoding="utf-8")
    (site / "chart.svg").unlink()
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(
        '{"docs": [{"text": "<p>Mrs Patel was present</p>"}]}', encoding="utf-8"
    )
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>jo at example dot com</loc>"))
    (site / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    problems = scan.final(site)
    assert problems == scan_published_site(site, tmp_path)
    assert [(p.path, p.rule) for p in problems] == [
        ("a/index.html", "privacy/nhs-number"),
        ("b/index.html", "privacy/phone"),
        ("logo.png", "privacy/binary-file"),
        ("search/search_index.json", "privacy/title-name"),
        ("sitemap.xml", "privacy/email"),
    ]


def test_folder_scan_leaves_a_file_still_being_written_for_later(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(CLEAN, encoding="utf-8")  # written just now
    scan = FolderScan(SiteScanner(tmp_path))
    scan.catch_up(site, never)
    assert scan.scanned == {}


def test_folder_scan_stops_looking_when_the_answer_is_wanted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("a", "b"):
        settled(site / name / "index.html", CLEAN)
    scan = FolderScan(SiteScanner(tmp_path))
    scan.catch_up(site, lambda: True)
    assert scan.scanned == {}
    assert scan.final(site) == []


def test_watch_sends_an_error_instead_of_an_answer_when_it_cannot_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(root: Path) -> SiteScanner:
        raise RuntimeError("the allow file vanished")

    monkeypatch.setattr(ahead, "SiteScanner", broken)
    monkeypatch.setattr(signal, "signal", lambda *_: None)  # keep this process's Ctrl-C
    ours, theirs = multiprocessing.Pipe()
    ours.send(ahead.FINISH)
    ahead.watch(str(tmp_path), str(tmp_path), theirs)
    assert ours.recv() == (ahead.FAILED, "RuntimeError: the allow file vanished")


def test_watch_answers_with_the_problems_of_the_finished_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    settled(site / "index.html", PHONE)
    monkeypatch.setattr(signal, "signal", lambda *_: None)
    ours, theirs = multiprocessing.Pipe()
    ours.send(ahead.FINISH)
    ahead.watch(str(site), str(tmp_path), theirs)
    assert ours.recv() == (ahead.DONE, scan_published_site(site, tmp_path))


class InPlace:
    """A helper that scans the text as written at once, in this process."""

    least = 1

    def __init__(self, scanner: SiteScanner) -> None:
        self.scanner = scanner
        self.asked: list[str] = []

    def ask(self, shown: str, text: str) -> Callable[[], list[LineFinding]]:
        self.asked.append(shown)
        found = list(self.scanner.findings(text, shown, pieces=False))
        return lambda: found


def test_a_file_scanned_in_two_parts_gives_the_findings_of_one_scan(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(
        '{"docs": [{"text": "<p>Mrs Patel rang 07700 900123</p>"}, '
        '{"text": "Mr Jones, 07700 900124", "title": "12 Acacia Avenue"}]}',
        encoding="utf-8",
    )
    settled(site / "index.html", "<p>Call <b>07700</b> 900123</p>\n" + PHONE)
    # JSON that does not parse is read as a reader sees text: the number behind the tag.
    settled(site / "broken.json", '{"text": "Call <b>07700</b> 900123"')
    helper = InPlace(SiteScanner(tmp_path))
    scan = FolderScan(SiteScanner(tmp_path), helper)
    problems = scan.final(site)
    assert sorted(helper.asked) == ["broken.json", "index.html", "search/search_index.json"]
    assert problems == scan_published_site(site, tmp_path)
    assert {p.rule for p in problems} >= {"privacy/phone", "privacy/title-name"}
    assert "broken.json" in {p.path for p in problems}


def test_the_assistant_scans_the_text_as_written_and_a_lost_one_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signal, "signal", lambda *_: None)
    scanner = SiteScanner(tmp_path)
    text = '{"text": "Ring 07700 900123"}'
    expected = list(scanner.findings(text, "s.json", pieces=False))
    assert expected
    ours, theirs = multiprocessing.Pipe()
    ours.send(("s.json", text))
    ours.close()
    assistant = ahead.Assistant(theirs, scanner)
    assert assistant.ask("s.json", text)() == expected, "no assistant: scanned here"
    ours, theirs = multiprocessing.Pipe()
    helping = threading.Thread(target=ahead.assist, args=(str(tmp_path), theirs))
    helping.start()
    ours.send(("s.json", text))
    assert ours.recv() == expected
    ours.close()
    helping.join()  # it stops when the pipe is closed
