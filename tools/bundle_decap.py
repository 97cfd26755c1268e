"""Put the pinned Decap CMS build into the package, so that admin pages work offline.

Decap CMS is published on npm as one tarball; the admin page needs only its browser build
(`dist/decap-cms.js`, the chunks it loads from its own folder, two WebAssembly files) and the
licences. This script downloads the pinned tarball from the npm registry (`NPM_CONFIG_REGISTRY`
or the public one), refuses it unless its SHA-512 is the one recorded here, and copies those files
into `playbook_gen/authoring/decap/`. No Node.js is needed: only local editing with decap-server
needs that.

    python tools/bundle_decap.py        # does nothing when the pinned version is already there
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
#: The registry's `dist.integrity` of decap-cms@VERSION (`npm view decap-cms@3.16.3 dist.integrity`).
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
TARGET = Path(__file__).resolve().parent.parent / "playbook_gen" / "authoring" / "decap"
LICENCE = Path(__file__).resolve().parent / "decap-cms-LICENSE"


def wanted(name: str) -> bool:
    """The browser build's files: decap-cms.js, its numbered chunks, wasm, licence summary.

    `cms.js` and its chunks are a second copy of the same build; source maps are for debugging.
    """
    base = name.rsplit("/", 1)[-1]
    if not name.startswith("package/dist/") or base.endswith(".map"):
        return False
    return "decap-cms.js" in base or base.endswith(".wasm")


def main() -> int:
    stamp = TARGET / "VERSION"
    if stamp.is_file() and stamp.read_text().strip() == VERSION:
        return 0
    registry = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")
    url = f"{registry}/decap-cms/-/decap-cms-{VERSION}.tgz"
    print(f"Bundling Decap CMS {VERSION} from {url}")
    with urllib.request.urlopen(url, timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        print(f"error: {url} is not the pinned decap-cms {VERSION} (checksum differs)")
        return 1
    partial = TARGET.with_name("decap.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile() and wanted(member.name):
                data = archive.extractfile(member).read()
                (partial / member.name.rsplit("/", 1)[-1]).write_bytes(data)
    shutil.copyfile(LICENCE, partial / "LICENSE")
    (partial / "VERSION").write_text(VERSION + "\n")
    shutil.rmtree(TARGET, ignore_errors=True)
    partial.rename(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
