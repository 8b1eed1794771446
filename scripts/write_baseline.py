"""Write score floors from the current eval (run deliberately, in the commit that earns them).

    python scripts/write_baseline.py corpus/articles corpus/baseline.json
    python scripts/write_baseline.py ../shared/real/gold corpus/baseline-real.json --texts ../shared/real/articles
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from pipeline.evaluate import evaluate
from pipeline.extraction import extract


def floor3(x: float) -> float:
    return math.floor(x * 1000) / 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--texts")
    a = ap.parse_args()
    r = evaluate(Path(a.gold), lambda t, i: extract(t, i).model_dump(mode="json"), texts_dir=a.texts)
    base = {
        "counts": {n: {m: floor3(getattr(c, m)) for m in ("precision", "recall", "f1")} for n, c in r.counts.items()},
        "attributes": {
            n: {k: floor3(v[2]) for k, v in attrs.items() if v[2] is not None} for n, attrs in r.attributes.items()
        },
    }
    Path(a.out).write_text(json.dumps(base, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
