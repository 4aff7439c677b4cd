"""What cn2an would cost hz, against the hand-written parser in ``hightech_cli.numbers.amounts``.

Run: ``python bench/cn2an_import.py [runs]``. Prints the median wall time of a fresh
interpreter for ``pass``, ``import hightech_cli.numbers.amounts`` and ``import cn2an``, alone and
on top of ``typer`` and ``rich`` as the CLI has them (default 20 runs each, interleaved so that
machine noise hits all alike), then how many of the amount forms hz must read (and must
reject) each parser gets right. cn2an is judged on the number alone, in
its most permissive ``smart`` mode, since it knows no currencies: a form counts as right when the
value matches or, for a form that must be rejected, when cn2an raises.

A report, not a test: nothing here is asserted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hightech_cli.numbers.amounts import AmountError, parse_amount  # noqa: E402

Y = 10**8  # 亿
W = 10**4  # 万

# (form, value in the major unit, or None when the form must be rejected)
FORMS: list[tuple[str, int | None]] = [
    ("2亿", 2 * Y),
    ("2.6亿元", 26 * Y // 10),
    ("两亿", 2 * Y),
    ("五千万", 5000 * W),
    ("26000万", 26000 * W),
    ("5000万元", 5000 * W),
    ("1.5万亿", 15 * 10**11),
    ("2亿5000万", 25 * 10**7),
    ("200000000", 2 * Y),
    ("2e8", 2 * Y),
    ("2,000万", 2000 * W),
    ("1亿美元", Y),
    ("4.5亿美金", 45 * 10**7),
    ("USD 100M", 10**8),
    ("100M USD", 10**8),
    ("$1亿", Y),
    ("3k", 3000),
    ("1.2B", 12 * Y),
    ("RMB 5亿", 5 * Y),
    ("5亿人民币", 5 * Y),
    ("¥5亿", 5 * Y),
    ("十亿", 10 * Y),
    ("一百万", 100 * W),
    ("三千五百万", 3500 * W),
    ("零", 0),
    ("abc", None),
    ("-5亿", None),
    ("负5亿", None),
    ("亿", None),
    ("2亿亿", None),
    ("nan", None),
    ("inf", None),
    ("", None),
    ("2..5亿", None),
    ("1e400", None),
    ("5亿美元元", None),
]

# The forms that are a numeral and nothing else (no currency, sign, k/M/B or decimal comma),
# i.e. what cn2an sets out to read.
NUMERALS_ONLY = {
    "2亿",
    "两亿",
    "五千万",
    "26000万",
    "1.5万亿",
    "2亿5000万",
    "200000000",
    "十亿",
    "一百万",
    "三千五百万",
    "零",
    "亿",
    "2亿亿",
}


def run_ms(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return (time.perf_counter() - start) * 1000


def cn2an_right(form: str, expected: int | None) -> bool:
    import cn2an  # here, not at the top: the timing above wants it out of this process

    try:
        got = cn2an.cn2an(form, "smart")
    except Exception:  # cn2an raises ValueError and others; any raise is a rejection
        return expected is None
    return expected is not None and Decimal(str(got)) == expected


def ours_right(form: str, expected: int | None) -> bool:
    try:
        got = parse_amount(form)
    except AmountError:
        return expected is None
    return expected is not None and got.minor == expected * 100


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    codes = {
        "python -c pass": "pass",
        "import hightech_cli.numbers.amounts": "import hightech_cli.numbers.amounts",
        "import cn2an": "import cn2an",
        # What hz itself pays: the CLI already imports typer and rich, which bring re, typing,
        # inspect and dataclasses with them.
        "import typer, rich": "import typer, rich",
        "... + hightech_cli.numbers.amounts": "import typer, rich, hightech_cli.numbers.amounts",
        "... + cn2an": "import typer, rich, cn2an",
    }
    samples: dict[str, list[float]] = {name: [] for name in codes}
    with tempfile.TemporaryDirectory() as cache:
        # Byte-code cached as an installed package has it, but outside the source tree; the
        # first run of each command writes the cache and is not counted.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPATH": str(ROOT / "src"), "PYTHONPYCACHEPREFIX": cache}
        for code in codes.values():
            run_ms(code, env)
        for _ in range(runs):  # interleaved, so that machine noise hits all three alike
            for name, code in codes.items():
                samples[name].append(run_ms(code, env))
    base = statistics.median(samples["python -c pass"])
    cli = statistics.median(samples["import typer, rich"])
    print(f"{'command':<30}{'median ms':>10}{'added':>8}   ({runs} runs each)")
    for name, times in samples.items():
        ms = statistics.median(times)
        added = ms - (cli if name.startswith("...") else base)
        print(f"{name:<30}{ms:>10.1f}{added:>8.1f}")
    total = len(FORMS)
    accept = sum(1 for _, value in FORMS if value is not None)
    ours = "hightech_cli.numbers.amounts"
    for label, check in (("cn2an (smart)", cn2an_right), (ours, ours_right)):
        good_accept = sum(check(f, v) for f, v in FORMS if v is not None)
        good_reject = sum(check(f, v) for f, v in FORMS if v is None)
        print(
            f"{label:<22} right on {good_accept + good_reject}/{total} forms "
            f"({good_accept}/{accept} to read, {good_reject}/{total - accept} to reject)"
        )
    plain = [(f, v) for f, v in FORMS if f in NUMERALS_ONLY]
    print(
        f"numerals alone (no currency, sign, k/M/B or comma): cn2an right on "
        f"{sum(cn2an_right(f, v) for f, v in plain)}/{len(plain)}"
    )
    wrong = [f for f, v in FORMS if not cn2an_right(f, v)]
    print("cn2an wrong on:", ", ".join(repr(f) for f in wrong))


if __name__ == "__main__":
    main()
