"""Output: the one safety pass every door uses — build, serve, export and each engine.

Sanitised HTML, safe titles, the glossary's hover texts, compaction, the exported tree and the
atomic swap of the site folder. Imports no engine: engines call it.
"""
