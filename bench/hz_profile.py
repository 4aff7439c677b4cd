"""Profile one hz command and print where its time went.

    python bench/hz_profile.py --db bench/stores/facts-100000.json company 小优智能 --json
    python bench/hz_profile.py --out add.prof --top 40 add article.txt

``python -m cProfile -m hightech_cli …`` writes nothing: the command line ends hz with
``os._exit`` once it has answered (``__main__.run``), before cProfile can save. This calls
``__main__.main`` instead, which returns, so the profile is saved to ``--out`` and its top entries
by cumulative time are printed on stderr; hz's own output goes to stdout as usual.
"""

from __future__ import annotations

import cProfile
import pstats
import sys


def main(argv: list[str]) -> int:
    out, top = "prof.out", 25
    while argv[:1] and argv[0] in ("--out", "--top"):
        if len(argv) < 2:
            print(__doc__, file=sys.stderr)
            return 2
        if argv[0] == "--out":
            out = argv[1]
        else:
            top = int(argv[1])
        argv = argv[2:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    from hightech_cli.__main__ import main as hz_main

    sys.argv = ["hz", *argv]
    profile = cProfile.Profile()
    status = 0
    try:
        profile.runcall(hz_main)
    except SystemExit as exc:  # hz's status, kept
        status = exc.code if isinstance(exc.code, int) else 1
    finally:
        profile.dump_stats(out)
        stats = pstats.Stats(out, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(top)
        print(f"profile written to {out}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
