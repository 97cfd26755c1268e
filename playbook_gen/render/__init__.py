"""Render: the checked model into the generated tree — Markdown pages, listings, diagrams,
calendar files and the site's own assets — each at a path claimed in the route table.

Imports `content` (and `history` for the 'What changed' page); never an engine.
"""
