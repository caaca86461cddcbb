"""Importers: bring Excel ledgers and Word/web stories into content/ (`gridboard import`, `gridboard template`)."""
