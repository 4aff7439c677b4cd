"""hz: a command-line lookup of sourced facts about the Qingdao High-Tech Industrial Zone."""

from __future__ import annotations

__version__ = "0.1.0"
