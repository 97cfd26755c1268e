"""Content: read content/ into the checked, typed model of the playbook.

Loading keeps every value's file, line and column; validation shapes each file into its declared
class; rules check references and the rules across files. Imports only the standard library,
PyYAML and `playbook_gen.problems`: never rendering, history, authoring or an engine.
"""
