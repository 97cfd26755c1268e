"""The change digest (`playbook-gen diff`) and the site's 'What changed' page, on real git repositories."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import build_site

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Priya Nair",
    "GIT_AUTHOR_EMAIL": "priya@example.org",
    "GIT_COMMITTER_NAME": "Priya Nair",
    "GIT_COMMITTER_EMAIL": "priya@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str, date: str = "2026-11-02T10:00:00+00:00") -> str:
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(playbook: Path) -> Path:
    """The starter playbook as the first commit of a repository, on branch main."""
    git(playbook, "init", "-q", "-b", "main")
    git(playbook, "add", "-A")
    git(playbook, "commit", "-q", "-m", "Starter playbook")
    return playbook


def edit(root: Path, relative: str, old: str, new: str) -> None:
    file = root / "content" / relative
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def bullets(markdown: str) -> list[str]:
    return [line.strip() for line in markdown.splitlines() if line.strip().startswith("- ")]


def test_a_changed_field_is_said_in_business_words(repo: Path, cli) -> None:
    edit(
        repo, "services/risk-review.yml", "turnaround: 5 working days", "turnaround: 3 working days"
    )
    result = cli("diff", "main")
    assert result.exit_code == 0
    assert result.output.startswith("## Playbook changes since `main`\n")
    assert "1 file(s): 1 changed." in result.output
    assert bullets(result.output) == [
        "- Service **Risk review**: turnaround changed from 5 working days to 3 working days"
    ]


def test_added_removed_and_nested_changes(repo: Path, cli) -> None:
    assert cli("new", "service", "vendor-onboarding").exit_code == 0  # untracked: still counts
    git(repo, "rm", "-q", "content/tactics/job-swaps-and-shadowing.yml")
    edit(repo, "roles/department-head.yml", "  - name: Collaboration\n", "  - name: Negotiation\n")
    edit(repo, "roles/department-head.yml", "reviewed: 2026-10-14", "reviewed: 2026-11-20")
    edit(
        repo,
        "roles/department-head.yml",
        "  - Approve the resource plan for their department each quarter.\n",
        "",
    )
    edit(
        repo,
        "raci.yml",
        "      - {role: pmo-lead, letter: I}\n      - {role: pmo-analyst, letter: C}",
        "      - {role: pmo-lead, letter: C}\n      - {role: pmo-analyst, letter: C}",
    )
    edit(
        repo,
        "services/risk-review.yml",
        "audiences: [delivery-teams, senior-leadership]",
        "audiences: [delivery-teams]",
    )

    output = cli("diff", "main").output
    sections = re.split(r"^\*\*(Added|Removed|Changed)\*\*$", output, flags=re.M)
    by_heading = dict(zip(sections[1::2], (bullets(s) for s in sections[2::2]), strict=True))
    assert by_heading["Added"] == [
        "- Service **TODO: Name of the service** (`services/vendor-onboarding.yml`)"
    ]
    assert by_heading["Removed"] == ["- Tactic **Job swaps and shadowing**"]
    assert by_heading["Changed"] == [
        "- RACI: activity 'Risk assessment on a project': role 'PMO Lead' changed from I to C",
        "- Role **Department Head**",
        "- reviewed changed from 2026-10-14 to 2026-11-20",
        "- responsibilities: removed 'Approve the resource plan for their department each quarter.'",
        "- skills: added 'Negotiation'",
        "- skills: removed 'Collaboration'",
        # References are named as readers know them, not by their ids.
        "- Service **Risk review**: audiences: removed 'Senior leadership'",
    ]
    assert "3 file(s)" not in output and "5 file(s): 1 added, 1 removed, 3 changed." in output


def test_layout_only_edits_are_not_changes(repo: Path, cli) -> None:
    file = repo / "content/services/risk-review.yml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("turnaround: 5 working days", "turnaround: '5 working days'  # unchanged")
    file.write_text("# a comment at the top\n" + text, encoding="utf-8")
    result = cli("diff", "main")
    assert result.exit_code == 0
    assert "No change to the content." in result.output
    assert bullets(result.output) == []


def test_long_text_is_reworded_not_quoted(repo: Path, cli) -> None:
    edit(
        repo,
        "services/risk-review.yml",
        "It is\n  a conversation",
        "It is\n  a friendly conversation",
    )
    assert bullets(cli("diff", "main").output) == [
        "- Service **Risk review**: description reworded"
    ]


def test_content_text_cannot_become_markup_in_the_digest(repo: Path, cli) -> None:
    edit(
        repo,
        "services/risk-review.yml",
        "turnaround: 5 working days",
        'turnaround: "<img src=x> [link](javascript:x) *bold*"',
    )
    line = bullets(cli("diff", "main").output)[0]
    assert "<img" not in line and "&lt;img" in line
    assert "\\[link\\]" in line and "\\*bold\\*" in line


def test_an_invalid_new_version_is_named_not_compared(repo: Path, cli) -> None:
    edit(repo, "services/risk-review.yml", "turnaround: 5 working days", "turnaround: [")
    assert bullets(cli("diff", "main").output) == [
        "- Service **Risk review**: not compared: the new version has errors "
        "(`playbook-gen validate` lists them)"
    ]


def test_a_ref_that_does_not_exist_is_refused(repo: Path, cli) -> None:
    result = cli("diff", "no-such-branch")
    assert result.exit_code == 2
    assert (
        "error: 'no-such-branch' is not a commit, branch or tag of this repository" in result.output
    )


def test_outside_a_repository_diff_says_so(playbook: Path, cli) -> None:
    result = cli("diff", "main")
    assert result.exit_code == 2
    assert "error: content is not in a git repository" in result.output


def build(root: Path, site: Path) -> str:
    build_site(root, "--strict", "--site-dir", str(site))
    return (site / "what-changed/index.html").read_text(encoding="utf-8")


def article_text(page: str) -> str:
    article = page[page.index("<article") : page.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


def test_what_changed_page_lists_the_history_newest_first(repo: Path, tmp_path: Path) -> None:
    edit(
        repo, "services/risk-review.yml", "turnaround: 5 working days", "turnaround: 3 working days"
    )
    git(repo, "commit", "-q", "-am", "Faster risk reviews", date="2026-11-10T09:00:00+00:00")
    edit(repo, "glossary.yml", "owner: PMO Analyst team", "owner: Sam Okoro")
    git(repo, "commit", "-q", "-am", "Glossary gets an owner", date="2026-11-12T09:00:00+00:00")
    subprocess.run(["git", "checkout", "-q", "-b", "unrelated"], cwd=repo, check=True)
    (repo / "README.md").write_text("not content\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "A change outside content/")

    text = " ".join(article_text(build(repo, tmp_path / "one")).split())
    newest = text.index("2026-11-12: Glossary gets an owner")
    middle = text.index("2026-11-10: Faster risk reviews")
    first = text.index("2026-11-02: Starter playbook")
    assert newest < middle < first
    assert "turnaround changed from 5 working days to 3 working days" in text[middle:first]
    assert "Glossary: owner changed from PMO Analyst team to Sam Okoro" in text[newest:middle]
    assert "the playbook's first version" in text[first:]
    assert "outside content" not in text
    # Built again later, from the same commits: the same page.
    assert build(repo, tmp_path / "two") == build(repo, tmp_path / "one")


def test_what_changed_page_without_git_says_why_it_is_empty(playbook: Path, tmp_path: Path) -> None:
    text = " ".join(article_text(build(playbook, tmp_path / "site")).split())
    assert "built from a copy without it" in text


def test_hand_written_pages_are_named_by_file(repo: Path, cli) -> None:
    (repo / "content/pages/contact-us.md").write_text("# Contact us\n\nWrite to us.\n", "utf-8")
    edit(repo, "pages/how-to-edit.md", "# ", "# Editing: ")
    assert bullets(cli("diff", "main").output) == [
        "- Page `contact-us.md`",
        "- Page `how-to-edit.md`",
    ]
