"""Writes for events: the sales and visitor ledgers (ledger.py) and event set-up (setup.py)."""
