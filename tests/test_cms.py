"""Editing in the browser: the Decap CMS configuration generated from the model, the admin/
pages every door writes, the backends, and the files the CMS writes read back without noise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, build_site, error_lines
from test_diff import git

from playbook_gen.authoring.cms import FILES_COLLECTION, cms_config
from playbook_gen.content.kinds import FILES, KINDS
from playbook_gen.content.model import ID_PATTERN, LIBRARY_FILE, Editing
from playbook_gen.content.walker import declared_fields, is_required, shape_of

GITLAB = Editing(backend="gitlab", repo="pmo/playbook", app_id="abc123")
CONFIG = cms_config(GITLAB, "content")
COLLECTIONS = {collection["name"]: collection for collection in CONFIG["collections"]}


def expected_widget(shape) -> tuple:
    """What the form must offer for a declared type, written out here rather than derived."""
    if shape.ref == "_id":
        return ("string",)
    if shape.ref is not None:
        return ("relation", shape.ref)
    if shape.kind == "text" and shape.markdown:
        return ("markdown",)
    if shape.kind == "text" and shape.pattern is LIBRARY_FILE:
        return ("file",)  # an upload into the library
    if shape.kind == "text":
        return ("string",) if shape.one_line or shape.pattern else ("text",)
    return {
        "bool": ("boolean",),
        "int": ("number",),
        "date": ("datetime",),
        "choice": ("select",),
        "list": ("list",),
        "mapping": ("list",),
        "record": ("object",),
    }[shape.kind]


def check_fields(cls: type, fields: list[dict], where: str) -> int:
    """Every declared field of `cls` has its form field, with the widget its type calls for;
    nested records, lists and mappings are walked too. Returns how many fields were checked."""
    by_name = {field["name"]: field for field in fields}
    declared = declared_fields(cls)
    assert set(by_name) == {f.name for f, _hint in declared}, where
    checked = 0
    for f, hint in declared:
        shape, field, here = shape_of(hint), by_name[f.name], f"{where}.{f.name}"
        assert field["label"] and field.get("hint") == shape.doc or shape.doc in field["hint"], here
        assert field.get("required", True) is is_required(f), here
        checked += 1
        if shape.kind == "list":
            checked += check_list(shape.item, field, here)
            continue
        if shape.kind == "mapping":
            # Edited as a list: the key first, then the record's fields (or the value).
            key, value = shape.keyed.key, shape.keyed.value
            assert field["widget"] == "list" and field["fields"][0]["name"] == key, here
            if shape.item.kind == "record":
                checked += check_fields(shape.item.cls, field["fields"][1:], here)
            else:
                assert [item["name"] for item in field["fields"]] == [key, value], here
            continue
        check_widget(expected_widget(shape), field, here)
        if shape.kind == "record":
            checked += check_fields(shape.cls, field["fields"], here)
        if shape.kind == "choice":
            assert field["options"] == list(shape.choices), here
        if shape.limits:
            assert (field["min"], field["max"]) == shape.limits, here
        if shape.pattern is not None and field["widget"] == "string":
            assert field["pattern"][0] == shape.pattern.regex, here
    return checked


def check_list(item, field: dict, here: str) -> int:
    if item.ref is not None and item.ref != "_id":
        check_widget(("relation", item.ref), field, here)
        assert field["multiple"] is True, here
        return 0
    if item.kind == "choice":
        assert field["widget"] == "select" and field["multiple"] is True, here
        assert field["options"] == list(item.choices), here
        return 0
    assert field["widget"] == "list", here
    if item.kind == "record":
        return check_fields(item.cls, field["fields"], here)
    check_widget(expected_widget(item), field["field"], here)
    return 0


def check_widget(expected: tuple, field: dict, here: str) -> None:
    assert field["widget"] == expected[0], here
    if expected[0] != "relation":
        return
    target = expected[1]
    if target in KINDS:
        title = KINDS[target].title_field
        assert field["collection"] == target and field["value_field"] == "{{slug}}", here
        assert field["search_fields"] == [title] and field["display_fields"] == [title], here
    else:  # a RACI activity or a measure: the ids of a list in a single file
        assert field["collection"] == FILES_COLLECTION, here
        assert field["value_field"].endswith(".*.id"), here


def test_every_kind_and_every_field_has_its_form() -> None:
    checked = 0
    for folder, kind in KINDS.items():
        collection = COLLECTIONS[folder]
        assert collection["folder"] == f"content/{folder}"
        assert (collection["extension"], collection["format"]) == ("yml", "yaml")
        assert collection["identifier_field"] == kind.title_field
        assert collection["slug"] == "{{slug}}"
        checked += check_fields(kind.cls, collection["fields"], folder)
    files = {file["name"]: file for file in COLLECTIONS[FILES_COLLECTION]["files"]}
    assert set(files) == set(FILES)
    for name, file in FILES.items():
        assert files[name]["file"] == f"content/{name}.yml"
        checked += check_fields(file.cls, files[name]["fields"], name)
    assert checked > 200  # the walk went everywhere, nested records included


def test_relations_name_collections_and_fields_that_exist() -> None:
    files = {file["name"]: file for file in COLLECTIONS[FILES_COLLECTION]["files"]}

    def relations(fields):
        for field in fields:
            if field["widget"] == "relation":
                yield field
            yield from relations(field.get("fields", []))

    found = 0
    for collection in CONFIG["collections"]:
        every = collection.get("fields") or [
            field for file in collection["files"] for field in file["fields"]
        ]
        for relation in relations(every):
            found += 1
            if relation["collection"] == FILES_COLLECTION:
                listed = relation["value_field"].split(".")[0]
                fields = {field["name"] for field in files[relation["file"]]["fields"]}
                assert listed in fields
            else:
                assert relation["collection"] in COLLECTIONS
    assert found > 30


def test_slugs_and_patterns_match_the_ids() -> None:
    assert CONFIG["slug"] == {
        "encoding": "ascii",
        "clean_accents": True,
        "sanitize_replacement": "-",
    }
    measures = next(
        field
        for field in next(
            f for f in COLLECTIONS[FILES_COLLECTION]["files"] if f["name"] == "playbook"
        )["fields"]
        if field["name"] == "measures"
    )
    assert measures["fields"][0]["pattern"][0] == ID_PATTERN


@pytest.mark.parametrize(
    ("editing", "backend"),
    [
        (
            Editing(backend="github", repo="harbourline/playbook"),
            {"name": "github", "repo": "harbourline/playbook", "branch": "main"},
        ),
        (
            Editing(
                backend="gitlab",
                repo="pmo/handbooks/playbook",
                base_url="https://git.example.org/",
                app_id="f00d",
                branch="published",
            ),
            {
                "name": "gitlab",
                "repo": "pmo/handbooks/playbook",
                "branch": "published",
                "auth_type": "pkce",
                "app_id": "f00d",
                "base_url": "https://git.example.org",
                "api_root": "https://git.example.org/api/v4",
            },
        ),
        (
            Editing(
                backend="gitea",
                repo="pmo/playbook",
                base_url="https://gitea.example.org",
                app_id="9",
            ),
            {
                "name": "gitea",
                "repo": "pmo/playbook",
                "branch": "main",
                "auth_type": "pkce",
                "app_id": "9",
                "base_url": "https://gitea.example.org",
                "api_root": "https://gitea.example.org/api/v1",
            },
        ),
    ],
)
def test_backends(editing: Editing, backend: dict) -> None:
    config = cms_config(editing, "content")
    assert config["backend"] == backend
    assert config["publish_mode"] == "editorial_workflow"  # each change a branch and a request
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}


def test_without_pull_requests_changes_are_commits() -> None:
    config = cms_config(Editing(backend="github", repo="a/b", pull_requests=False), "content")
    assert "publish_mode" not in config


def set_editing(root: Path, block: str) -> None:
    settings = root / "content/playbook.yml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^# Editing in the browser.*\n", "", text)
    text = re.sub(r"(?m)^editing:\n(  .*\n)+", block, text)
    settings.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("block", "below", "column", "message"),
    [
        (
            "editing:\n  backend: gitlab\n  repo: pmo/playbook\n",
            1,
            12,
            "signing in with GitLab needs the id of an OAuth application registered on it for the"
            " playbook: add 'app_id' (see 'How to edit this playbook') (contradiction)",
        ),
        (
            "editing:\n  backend: gitea\n  repo: pmo/playbook\n  app_id: x\n",
            1,
            12,
            "Gitea has no address of its own: add 'base_url', e.g. 'https://gitea.example.org'"
            " (contradiction)",
        ),
        (
            "editing:\n  backend: github\n  repo: https://github.com/pmo/playbook\n",
            2,
            9,
            "'repo' is 'https://github.com/pmo/playbook'; write the repository as owner/name, e.g."
            " 'pmo/playbook' (invalid-repository)",
        ),
    ],
)
def test_wrong_editing_settings_are_located_errors(
    playbook: Path, cli, block: str, below: int, column: int, message: str
) -> None:
    set_editing(playbook, block)
    result = cli("validate")
    assert result.exit_code == 1
    lines = (playbook / "content/playbook.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("editing:"))
    line += below
    assert error_lines(result.stderr) == [f"content/playbook.yml:{line}:{column}: error: {message}"]


def test_the_build_writes_the_admin_pages(built_site: Path) -> None:
    admin = built_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page and "noindex" in page
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    starter = yaml.safe_load((REPO / "content/playbook.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == starter["editing"]["repo"]
    assert {"decap-cms.js", "LICENSE", "decap-cms.js.LICENSE.txt"} <= {
        p.name for p in admin.iterdir()
    }
    assert "MIT License" in (admin / "LICENSE").read_text(encoding="utf-8")
    # Its chunks and WebAssembly, loaded from the same folder; no source maps.
    assert len(list(admin.glob("*.decap-cms.js"))) > 50 and len(list(admin.glob("*.wasm"))) == 2
    assert not list(admin.glob("*.map"))


def test_export_writes_them_too_for_other_engines(playbook: Path, cli) -> None:
    assert cli("export", "--docs-dir", "exported").exit_code == 0
    config = yaml.safe_load((playbook / "exported/admin/config.yml").read_text(encoding="utf-8"))
    assert COLLECTIONS["services"] in config["collections"]
    assert (playbook / "exported/admin/decap-cms.js").is_file()


def test_off_in_site_but_written_on_demand(playbook: Path, cli) -> None:
    set_editing(playbook, "editing:\n  backend: github\n  repo: pmo/playbook\n  in_site: false\n")
    build_site(playbook)
    assert not (playbook / "site/admin").exists()
    result = cli("cms")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((playbook / "site/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "pmo/playbook", "branch": "main"}
    assert (playbook / "site/index.html").is_file()  # the rest of the site is left alone


def test_cms_without_editing_settings_is_a_located_error(playbook: Path, cli) -> None:
    set_editing(playbook, "")
    result = cli("cms")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "content/playbook.yml:2:1: error: playbook.yml has no 'editing' section naming the Git"
        " host and repository; add one (see 'How to edit this playbook') (cms)"
    ]
    assert not (playbook / "site").exists()


def test_a_page_cannot_take_the_admin_folder(playbook: Path, cli) -> None:
    (playbook / "content/pages/admin.md").write_text("# Admin\n", encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "content/pages/admin.md:1:1: error: this hand-written page would replace the generated"
        " page admin/ (the editing pages (Decap CMS)); rename or move it (route-taken)"
    ]


# --- what the CMS writes ----------------------------------------------------------------------

LISTED = """\
roles: [pmo-lead, sponsor]
activities:
  - id: sign-off
    name: Sign-off
    assignments:
      - role: sponsor
        letter: A
      - role: pmo-lead
        letter: C
"""
MAPPED = """\
roles: [pmo-lead, sponsor]
activities:
  sign-off:
    name: Sign-off
    assignments: {sponsor: A, pmo-lead: C}
"""


def test_a_mapping_may_be_written_as_the_forms_write_it(playbook: Path, cli) -> None:
    from playbook_gen.content.model import Raci
    from playbook_gen.content.validate import shape

    listed, problems = shape(Raci, yaml.compose(LISTED), "raci.yml", "raci.yml")
    mapped, _ = shape(Raci, yaml.compose(MAPPED), "raci.yml", "raci.yml")
    assert problems == [] and listed.activities == mapped.activities
    assert listed.activities["sign-off"].assignments == {"sponsor": "A", "pmo-lead": "C"}
    schema = json.loads((REPO / "schema/raci.schema.json").read_text(encoding="utf-8"))
    for text in (LISTED, MAPPED):
        jsonschema.validate(yaml.safe_load(text), schema)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  - id: sign-off\n", "  - name: x\n"),
            "4:5: error: item 1 of 'activities' lacks its 'id'",
        ),
        (
            ("      - role: pmo-lead\n", "      - role: sponsor\n"),
            "9:15: error: 'sponsor' is given twice in 'assignments'",
        ),
        (
            ("        letter: C\n", "        lettre: C\n"),
            "10:9: error: unknown field 'lettre' in item 2 of 'assignments'; did you mean 'letter'?",
        ),
    ],
)
def test_a_list_for_a_mapping_is_checked(change: tuple[str, str], expected: str) -> None:
    from playbook_gen.content.model import Raci
    from playbook_gen.content.validate import shape

    text = ("owner: x\n" + LISTED).replace(*change)
    _, problems = shape(Raci, yaml.compose(text), "raci.yml", "raci.yml")
    assert problems and any(p.as_text().startswith(f"raci.yml:{expected}") for p in problems), [
        p.as_text() for p in problems
    ]


def test_files_in_the_cms_layout_are_read_without_spurious_changes(playbook: Path, cli) -> None:
    """Decap rewrites a file whole: no modeline or comments, its own quoting, keys reordered."""
    git(playbook, "init", "-q", "-b", "main")
    git(playbook, "add", "-A")
    git(playbook, "commit", "-q", "-m", "Starter")
    for relative in ("services/risk-review.yml", "raci.yml", "playbook.yml", "mandate.yml"):
        file = playbook / "content" / relative
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        file.write_text(
            yaml.safe_dump(dict(reversed(list(data.items()))), allow_unicode=True, width=60),
            encoding="utf-8",
        )
    assert cli("validate").exit_code == 0
    result = cli("diff", "main")
    assert result.exit_code == 0
    assert "Changed" not in result.output and "Added" not in result.output, result.output


def test_the_shipped_bundle_is_the_pinned_release() -> None:
    from playbook_gen.authoring.cms import BUNDLE

    pinned = re.search(r'VERSION = "([0-9.]+)"', (REPO / "tools/bundle_decap.py").read_text())
    assert (BUNDLE / "VERSION").read_text().strip() == pinned.group(1)
    assert "decap-cms" in (BUNDLE / "decap-cms.js").read_text(encoding="utf-8")[:100_000]
    locked = json.loads((REPO / "tools/decap-server/package-lock.json").read_text())
    assert locked["packages"]["node_modules/decap-server"]["version"] == "3.11.3"


def test_init_sets_up_editing_for_the_repository_it_is_told(tmp_path: Path, cli) -> None:
    target = tmp_path / "new"
    result = cli(
        "init", str(target), "--git-host", "gitea", "--repo", "pmo/playbook",
        "--host-url", "https://gitea.example.org", "--app-id", 'a"b',
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((target / "content/playbook.yml").read_text(encoding="utf-8"))
    assert settings["editing"] == {
        "backend": "gitea",
        "repo": "pmo/playbook",
        "base_url": "https://gitea.example.org",
        "app_id": 'a"b',
    }
    build_site(target)
    # The starter is in English and French: editing pages in each language's site.
    config = yaml.safe_load((target / "site/en/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["api_root"] == "https://gitea.example.org/api/v1"
    french = yaml.safe_load((target / "site/fr/admin/config.yml").read_text(encoding="utf-8"))
    assert french["locale"] == "fr" and french["backend"] == config["backend"]


def test_init_without_a_repository_shows_how_to_add_editing(tmp_path: Path, cli) -> None:
    target = tmp_path / "new"
    assert cli("init", str(target)).exit_code == 0
    text = (target / "content/playbook.yml").read_text(encoding="utf-8")
    assert "editing" not in yaml.safe_load(text) and "# editing:\n#   backend: github" in text
    assert "harbourline" not in text.split("# Editing in the browser")[1].split("review_every")[0]
    refused = cli("init", str(tmp_path / "other"), "--git-host", "gitlab", "--repo", "pmo/x")
    assert refused.exit_code == 2
    assert "needs the id of an OAuth application registered on it" in refused.output
    assert "--app-id write" in refused.output
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize(
    ("relative", "change", "code"),
    [
        # The audience the form offered was deleted by another pull request meanwhile.
        (
            "services/risk-review.yml",
            lambda data: data.update(audiences=["gone"]),
            "unknown-reference",
        ),
        (
            "raci.yml",
            lambda data: [  # the accountable role made responsible: nobody is accountable now
                item.update(letter="R")
                for item in data["activities"][0]["assignments"]
                if item["letter"] == "A"
            ],
            "raci-accountable",
        ),
        (
            "classes/classic.yml",
            lambda data: data["thresholds"][0].update(at_least=1),
            "class-thresholds",
        ),
    ],
)
def test_the_validator_stays_the_gate_for_what_forms_cannot_check(
    playbook: Path, cli, relative: str, change, code: str
) -> None:
    file = playbook / "content" / relative
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")  # CMS layout
    result = cli("validate")
    assert result.exit_code == 1
    assert any(
        line.startswith(f"content/{relative}:") and line.endswith(f"({code})")
        for line in error_lines(result.stderr)
    ), result.stderr


def test_a_field_cleared_in_a_form_reads_as_left_out(playbook: Path, cli) -> None:
    """Decap writes `turnaround: ""` for a field its editor emptied: the service then has no
    turnaround, as if the line were gone; a required field emptied so is an error."""
    service = playbook / "content/services/lessons-learned.yml"
    text = service.read_text(encoding="utf-8")
    service.write_text(re.sub(r"(?m)^turnaround: .*$", 'turnaround: ""', text), encoding="utf-8")
    assert cli("validate").exit_code == 0
    build_site(playbook)
    page = (playbook / "site/services/lessons-learned/index.html").read_text(encoding="utf-8")
    assert "Typical turnaround" not in page
    service.write_text(re.sub(r"(?m)^summary: .*$", "summary: ''", text), encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert "error: 'summary' in this service is empty (missing-field)" in result.stderr
