"""Authoring: what helps editors write content — JSON Schema, `new`, `init` and the CI kit.

Everything here is derived from the content model; imports `content`, never an engine.
"""
