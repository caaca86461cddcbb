"""Gridboard: a static-site publisher for party-building brands and open-affairs boards."""

__version__ = "0.1.0"
