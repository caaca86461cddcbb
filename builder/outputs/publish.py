"""Publish: stamp the built site and swap it into place; a failed or killed build leaves the old site.

The site is built in a work folder next to the output (same file system) and swapped in with one
atomic rename(2) exchange, so at every instant the output folder holds either the whole old site or
the whole new one. Work folders left by a killed build are removed by the next build. A folder is
replaced only when it is empty or proven a previous build (manifest.py); an output that is a link
is built into where it points, and the link is left as it is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from . import manifest

MARKER = manifest.VERSION  # what screens poll; the proof that a folder is a build is manifest.MANIFEST
_SHOWN = 5  # unexpected files named in a refusal


class UnsafeOutput(Exception):
    """The output folder is one the build must not replace (content, the site folder, other files)."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh}\n({en})")
        self.zh, self.en = zh, en


def content_digest(site_dir: Path) -> str:
    """A hash over every file of the built site (names and bytes), in a stable order.

    pagefind/ is left out: its file names vary between identical builds, and it changes only
    when the pages it indexes change."""
    h = hashlib.sha256()
    stamps = {site_dir / MARKER, site_dir / manifest.MANIFEST}  # written after the digest
    for f in sorted(
        p
        for p in site_dir.rglob("*")
        if p.is_file()
        and p.parts[len(site_dir.parts)] != "pagefind"
        and p not in stamps
        and p.name not in manifest.OS_FILES
    ):
        h.update(f.relative_to(site_dir).as_posix().encode())
        h.update(b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def write_version(site_dir: Path, today: str, generator: str, keys: dict[str, str]) -> str:
    """Write version.json (what screens poll for a newer build); return the digest. `keys`: each
    screen's build key, from the screens stage."""
    digest = content_digest(site_dir)
    stamp = {"version": digest[:16], "built_for": today, "generator": generator}
    if keys:  # what each screen polls for (outputs/screens.py)
        stamp["screens"] = keys
    (site_dir / MARKER).write_text(json.dumps(stamp, ensure_ascii=False) + "\n", encoding="utf-8")
    return digest


def write_preview_version(site_dir: Path, today: str, generator: str, keys: dict[str, str]) -> None:
    """version.json for the live preview: each screen's build key, so that a screen opened in
    the preview follows saved changes as a published one follows builds (no digest of every file:
    the preview is rebuilt on every save, and its search index is still being written)."""
    version = hashlib.sha256(json.dumps(keys, sort_keys=True).encode()).hexdigest()[:16]
    stamp = {"version": version, "built_for": today, "generator": generator, "screens": keys}
    (site_dir / MARKER).write_text(json.dumps(stamp, ensure_ascii=False) + "\n", encoding="utf-8")


def check_out_dir(out_dir: Path, root: Path) -> Path:
    """Refuse an output folder whose replacement would lose files the build did not make; return
    the folder to build into (where `out_dir` points, if it is a link: the link itself stays).

    The build replaces the output folder as a whole, so it must not be the site folder, hold
    it, lie inside content/ or templates/, or be a folder of other files: it must be empty or a
    previous build, proven by its file list (manifest.py)."""
    try:
        out, root = out_dir.resolve(), root.resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise UnsafeOutput(
            f"输出位置 {out_dir} 是一个绕回自身的链接，找不到真正的文件夹",
            f"the output {out_dir} is a link that leads back to itself",
        ) from None
    guarded = [root / "content", root / "templates", root / "site_config.yml"]
    if out == root or root.is_relative_to(out):
        raise UnsafeOutput(
            f"输出文件夹 {out_dir} 是站点文件夹本身或它的上级：生成时会整个替换输出文件夹，请换一个，如 site/",
            f"the output folder {out_dir} is the site folder or holds it; choose another, e.g. site/",
        )
    for g in guarded:
        if out == g or out.is_relative_to(g):
            raise UnsafeOutput(
                f"输出文件夹 {out_dir} 在 {g.name} 里面：生成时会整个替换输出文件夹，会毁掉内容，请换一个，如 site/",
                f"the output folder {out_dir} is inside {g.name}; choose another, e.g. site/",
            )
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(
            f"输出位置 {out_dir} 是一个文件，不是文件夹", f"the output {out_dir} is a file, not a folder"
        )
    if out.is_dir():
        finding = manifest.examine(out, content_digest)
        if not finding.replaceable:
            raise _refusal(out_dir, finding)
    return out


def _refusal(out_dir: Path, finding: manifest.Finding) -> UnsafeOutput:
    """The message for an output folder that is not a build of ours: what was found, what to do."""
    names = finding.unexpected[:_SHOWN]
    more = len(finding.unexpected) - len(names)
    zh_list = "、".join(names) + (f" 等 {len(finding.unexpected)} 个" if more else "")
    en_list = ", ".join(names) + (f" and {more} more" if more else "")
    keep = "为免误删，什么都没有改"
    kept = "nothing was replaced"
    mark = manifest.MANIFEST
    if finding.kind == "added":
        return UnsafeOutput(
            f"输出文件夹 {out_dir} 是上次生成的网站，但里面有 {len(finding.unexpected)} 个不是生成的文件："
            f"{zh_list}。{keep}：请把它们移到别处再生成，或换一个输出文件夹",
            f"{out_dir} is a previous build, but {len(finding.unexpected)} file(s) in it were not made "
            f"by the build: {en_list}; {kept}: move them elsewhere, or choose another output folder",
        )
    if finding.kind == "bad-manifest":
        return UnsafeOutput(
            f"输出文件夹 {out_dir} 里的 {mark} 读不出来或被改过，无法确认这是 Gridboard 生成的网站。"
            f"{keep}：请换一个空文件夹，或确认里面没有要留的文件后自己清空它",
            f"the {mark} in {out_dir} is unreadable or was edited, so it does not prove a Gridboard "
            f"build; {kept}: choose an empty folder, or empty it yourself once you have kept what you need",
        )
    if finding.kind == "legacy-changed":
        strays = f"（如 {zh_list}）" if names else ""
        strays_en = f" (e.g. {en_list})" if names else ""
        return UnsafeOutput(
            f"输出文件夹 {out_dir} 是旧版 Gridboard 生成的网站（有 {MARKER}，没有 {mark}），但生成以后"
            f"里面的文件有增加或改动{strays}，无法确认都是生成的。{keep}：请确认里面没有要留的文件后"
            f"自己删除这个文件夹，再生成一次（以后生成的网站都带 {mark}，不会再遇到这个问题）",
            f"{out_dir} was built by an older Gridboard ({MARKER}, no {mark}) and files in it were "
            f"added or changed since{strays_en}; {kept}: delete the folder yourself once you have kept "
            f"what you need, and build again (builds now carry {mark})",
        )
    return UnsafeOutput(
        f"输出文件夹 {out_dir} 里已有别的文件，但不是 Gridboard 生成的网站（没有 {mark}），如 "
        f"{zh_list}。{keep}：请换一个空文件夹，或先自己清空它",
        f"{out_dir} holds files that are not a Gridboard build (no {mark}), e.g. {en_list}; "
        f"{kept}: choose an empty folder or empty it yourself",
    )


def make_staging_dir(out_dir: Path) -> Path:
    """A fresh work folder next to the output (same file system, so the swap is a rename)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-{os.getpid()}-", dir=out_dir.parent))


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Remove work folders of builds that were killed (their process is gone); return them."""
    pattern = re.compile(rf"^\.{re.escape(out_dir.name)}-(?:build|old)-(\d+)-")
    removed = []
    if not out_dir.parent.is_dir():
        return removed
    for p in out_dir.parent.iterdir():
        m = pattern.match(p.name)
        if m and p.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_into_place(built: Path, out_dir: Path) -> None:
    """Put `built` where `out_dir` is; the old site is removed only after the new one is in place."""
    if out_dir.exists() and _exchange(built, out_dir):
        shutil.rmtree(built, ignore_errors=True)  # `built` now holds the old site
        return
    old = None
    if out_dir.exists():  # no atomic exchange here (not Linux): two renames, a moment apart
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}-{built.name[-8:]}")
        out_dir.rename(old)
    try:
        built.rename(out_dir)
    except OSError:
        if old is not None:
            old.rename(out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0
