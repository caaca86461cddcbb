"""Model: typed records for every content kind, validated with one mechanism."""
