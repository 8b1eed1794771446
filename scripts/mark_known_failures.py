"""Record the extractor's current gaps on the corpus as `known_failures` (strict xfails).

Run deliberately, after reading the misses (`python -m pipeline eval corpus/articles
--show-misses`): every missed or spurious record of an article is written into its gold
file with a reason, so the per-article test expects the failure and a fix shows up as
an XPASS. Articles that now pass lose their entries. Gold records are never changed.

    python scripts/mark_known_failures.py corpus/articles
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.evaluate import evaluate
from pipeline.extraction import extract


def main(root: Path) -> None:
    report = evaluate(root, lambda text, id: extract(text, id).model_dump(mode="json"))
    for path in sorted(root.glob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        score = report.per_article[data["id"]]
        entries = []
        for m in score.misses:
            if m.kind not in ("missed", "spurious") or m.list_name == "article":
                continue
            index = None
            if m.kind == "missed":
                recs = data.get(m.list_name, [])
                index = next((i for i, r in enumerate(recs) if r.get("text") == m.record.get("text")), None)
            entry = {"list": m.list_name, "index": index, "kind": m.kind, "reason": f"{m.kind}: {m.summary()}"}
            if m.kind == "spurious":
                entry["text"] = m.record.get("text")
            entries.append(entry)
        data["known_failures"] = entries
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus/articles"))
