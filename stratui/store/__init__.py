"""The store: TinyDB over sharded JSON files, atomic, locked, verified (see ``store.py``)."""
