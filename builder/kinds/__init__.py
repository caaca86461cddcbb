"""The content kinds: one module each; registry.py lists them in order."""
