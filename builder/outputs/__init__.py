"""Outputs: what the engine does not make, and the atomic swap into the output folder."""
