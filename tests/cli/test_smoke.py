"""A few runs of the real program in a subprocess, as a user's shell runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def hz_cmd() -> list[str]:
    exe = shutil.which("hz", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "hightech_cli"]


def run(args: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HZ_DB",)}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [*hz_cmd(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        **kw,  # type: ignore[call-overload]
    )


@pytest.mark.slow
def test_installed_hz_finds_its_store_from_any_directory(tmp_path: Path) -> None:
    result = run(["company", "小优智能", "--json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "小优智能"
    assert result.stderr == ""


@pytest.mark.slow
def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hightech_cli", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.startswith("hz ")


@pytest.mark.slow
def test_piped_output_has_no_ansi_codes(tmp_path: Path) -> None:
    result = run(["stats"], cwd=tmp_path)
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "1600余家" in result.stdout


@pytest.mark.slow
def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    if not shutil.which("sh") or not shutil.which("head"):
        pytest.skip("needs a POSIX shell")
    cmd = " ".join(f"'{c}'" for c in hz_cmd())
    result = subprocess.run(
        [
            "sh",
            "-c",
            f"{cmd} source --format jsonl | head -c 10 >/dev/null; "
            f"{cmd} search 青岛 --json | head -1",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.strip() == "["


@pytest.mark.slow
def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    for args, code in (
        (["company", "不存在公司"], 1),
        (["projects", "--min-invest", "2亿亿"], 2),
        (["--db", str(tmp_path / "missing.json"), "zone"], 1),
        (["nosuchcommand"], 2),
    ):
        result = run(args, cwd=tmp_path)
        assert result.returncode == code, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
