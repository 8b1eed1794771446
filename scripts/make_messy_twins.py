"""Regenerate the messy twins (corpus/articles/mx-*) from their clean sources.

Each twin is a clean article damaged the way real inputs are (NFD, `Ð`, crawler-glued
words, word-segmented text, invisible characters). Its normalised text equals the
source's, so its gold is the source's gold with its own id and text hash. Run after
editing a source's gold:

    python scripts/make_messy_twins.py
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import regex

from pipeline.normalize import to_canonical

ARTICLES = Path(__file__).resolve().parents[1] / "corpus" / "articles"

_SEGMENTED = ["đảng viên", "chi bộ", "cán bộ", "Đảng bộ", "đảng bộ", "tổ chức", "thực hiện", "kinh tế", "xã hội",
              "phát triển", "nhân dân", "công tác", "lãnh đạo", "chính quyền", "địa phương"]


def _segment(text: str) -> str:
    for w in _SEGMENTED:
        text = text.replace(w, w.replace(" ", "_"))
    return text


def _invisible(text: str) -> str:
    return text.replace("Bí thư", "Bí\u00adthư").replace(" Đảng", " \u200bĐảng").replace("UBND ", "UBND\u00a0")


TWINS: list[tuple[str, str, Callable[[str], str], str]] = [
    ("pb-003", "mx-001", lambda t: unicodedata.normalize("NFD", t), "decomposed Unicode (NFD) as Mac exports write it"),
    ("se-004", "mx-002", lambda t: t.replace("Đ", "\u00d0"), "U+00D0 (Ð) typed for Đ"),
    ("np-007", "mx-003", lambda t: regex.sub(r"(?<=\p{Ll}{2}) (?=\p{Lu}\p{Ll})", "", t, count=12),
     "words glued where a crawler removed links (củaBộ)"),
    ("pb-010", "mx-004", _segment, "word-segmented text (syllables joined by _)"),
    ("np-015", "mx-005", _invisible, "soft hyphens, zero-width spaces and non-breaking spaces from a web copy"),
]


def main() -> None:
    for src, dst, damage, note in TWINS:
        clean = (ARTICLES / f"{src}.txt").read_text(encoding="utf-8")
        messy = damage(clean)
        assert messy != clean and to_canonical(messy) == to_canonical(clean), dst
        raw = messy.encode("utf-8")
        (ARTICLES / f"{dst}.txt").write_bytes(raw)
        gold = json.loads((ARTICLES / f"{src}.gold.json").read_text(encoding="utf-8"))
        gold["id"] = dst
        gold["text_sha256"] = hashlib.sha256(raw).hexdigest()
        gold["known_failures"] = []
        gold["notes"] = (
            f"Messy twin of {src}: {note}. Gold is {src}'s: offsets index the normalised text, "
            f"which equals {src}'s. Regenerate with scripts/make_messy_twins.py."
        )
        (ARTICLES / f"{dst}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
