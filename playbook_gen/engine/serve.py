"""Live preview: keep `serve` running through invalid edits, showing the located errors instead.

While previewing, content or template errors do not stop the server: every page of the site is
replaced by a page listing the errors (and the terminal lists them too); the next save that fixes
them brings the site back. A build (`playbook-gen build`, `mkdocs build`) still fails on them.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
from pathlib import Path


from ..problems import Problem, sort_problems
from ..render import i18n
from ..render.i18n import N_
from ..render.pages import GeneratedSite
from .build import EngineError, show_engine_log

ERROR_TITLE = N_("The playbook has errors")


def error_site(last_good: GeneratedSite | None) -> GeneratedSite:
    """Pages to stand in while there are errors: those the reader had, or just a home page."""
    if last_good is None:
        return GeneratedSite(pages={"index.md": ""})
    return GeneratedSite(
        pages=dict.fromkeys(last_good.pages, ""), files=dict(last_good.files), nav=last_good.nav
    )


def error_page(problems: list[Problem], language: str | None = None) -> str:
    """Markdown listing the errors, shown on every page until they are fixed; its own sentences
    in `language` (theme.language), the problems as the terminal shows them."""
    words = i18n.words(language)
    errors = [problem for problem in sort_problems(problems) if problem.severity == "error"]
    lines = "\n".join(problem.as_text() for problem in errors)
    fence = "`" * max(3, _longest_backtick_run(lines) + 1)
    explained = words.ngettext(
        "The preview shows the site again once this %(num)d error is fixed: save the file and "
        "this page reloads. Each line reads `file:line:column: message`.",
        "The preview shows the site again once these %(num)d errors are fixed: save the file "
        "and this page reloads. Each line reads `file:line:column: message`.",
        len(errors),
    )
    return f"# {words.gettext(ERROR_TITLE)}\n\n{explained}\n\n{fence}text\n{lines}\n{fence}\n"


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest


def serve(
    config_file: Path, dev_addr: str | None, livereload: bool, engine: str = "mkdocs"
) -> None:
    """Run MkDocs' development server; the playbook plugin does the regenerating.

    Builds are dirty: only what a save changed is rendered again (see `incremental.py`), which
    keeps a large playbook's preview quick; MkDocs' warning that dirty builds may leave the
    navigation stale is dropped, because the plugin renders everything when the navigation changes.
    """
    if engine == "properdocs":
        return _serve_with_properdocs(config_file, dev_addr, livereload)
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, ConfigurationError

    show_engine_log()
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
    try:
        mkdocs_serve(
            config_file=str(config_file),
            dev_addr=dev_addr,
            livereload=livereload,
            build_type="dirty",
        )
    except (Abort, ConfigurationError) as error:
        raise EngineError(f"the preview stopped: {error}") from None


def _serve_with_properdocs(config_file: Path, dev_addr: str | None, livereload: bool) -> None:
    """ProperDocs' own development server, which runs the playbook plugin as MkDocs does."""
    from .engines import _command

    command = [*_command("properdocs"), "serve", "--dirty", "-f", str(config_file)]
    if dev_addr:
        command += ["-a", dev_addr]
    if not livereload:
        command.append("--no-livereload")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(command, env=env)
    try:
        returncode = server.wait()
    except KeyboardInterrupt:
        # Ctrl+C (or SIGINT sent to this process alone): stop ProperDocs as it would stop itself.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        return
    if returncode not in (0, -2, 130):
        raise EngineError(f"the preview stopped: the engine 'properdocs' exited with {returncode}")


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()
