"""Time ``hz extract`` on long articles that name many companies, to see how it grows.

Run from the project root with the Python hz is installed in::

    python bench/long_article.py                      # 1,000, 3,000 and 9,000 companies
    python bench/long_article.py --companies 3000 --tagger

Each article is a paragraph per company, every name beginning alike (青岛…科技有限公司, then
its short name), the shape that made the extractor grow as the square of the article before
(``bench/results/extract.md``). A report, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from hightech_cli.sources.article import read_article
from hightech_cli.sources.extract import extract

_CHARS = "安宝北博晨成川达德东方丰福高广海航和恒华汇佳嘉金锦凯康蓝力联林龙明南鹏齐瑞润森盛顺泰"


def article(companies: int, seed: int = 1) -> str:
    """An article of one paragraph per company."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(companies):
        name = "".join(rng.choice(_CHARS) for _ in range(4))
        paragraphs.append(
            f"青岛{name}科技有限公司今年营收{rng.randint(1, 99)}亿元，同比增长"
            f"{rng.randint(1, 40)}%，{name}新建产线{rng.randint(2, 9)}条。"
        )
    return "标题\n\n2025年3月1日\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", default="1000,3000,9000")
    parser.add_argument("--tagger", action="store_true", help="load the name tagger too")
    args = parser.parse_args()
    print("| companies | bytes | records | seconds |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for count in (int(c) for c in args.companies.split(",")):
            path = Path(tmp) / f"long-{count}.txt"
            path.write_text(article(count), encoding="utf-8")
            given = read_article(str(path))
            start = time.perf_counter()
            done = extract(given, use_tagger=args.tagger)
            took = time.perf_counter() - start
            size = path.stat().st_size
            print(f"| {count:,} | {size:,} | {len(done.records):,} | {took:.1f} |")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
