"""History: what changed in the content, from git — the `diff` digest and the 'What changed' page.

Imports `content` (to read both sides as the model) and `playbook_gen.text`; never an engine.
"""
