"""Engine: the only code that imports MkDocs — the plugin, build, serve and export.

Everything else is engine-neutral; `tests/test_layout.py` keeps it so.
"""
