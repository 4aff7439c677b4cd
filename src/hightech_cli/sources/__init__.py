"""Turning an article into store records: ``repair`` (blocks from a printed page) and
``curated`` (the shipped store, built from ``data/curated.toml``); extraction lives here too.
"""
