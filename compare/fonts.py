"""Find a font that has Chinese glyphs, so chart labels render as 汉字 and not as boxes.

PNG is rasterised here, so the font must be on this machine; SVG and HTML name the font
family and fall back to the viewer's own CJK fonts. ``fc-list`` (fontconfig) answers
exactly which installed families cover Chinese; without it the usual font folders are
searched for the well-known CJK font files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Families tried in order; the viewer's side of the same list ends SVG/HTML font stacks.
PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei",
             "WenQuanYi Zen Hei", "Droid Sans Fallback", "Microsoft YaHei", "PingFang SC",
             "SimHei", "Heiti SC")
FONT_STACK = ", ".join(f"'{f}'" for f in PREFERRED) + ", sans-serif"

# File name → family, for machines without fontconfig.
_FILES = (
    (re.compile(r"NotoSansCJK", re.I), "Noto Sans CJK SC"),
    (re.compile(r"SourceHanSans", re.I), "Source Han Sans SC"),
    (re.compile(r"NotoSansSC", re.I), "Noto Sans SC"),
    (re.compile(r"wqy-microhei", re.I), "WenQuanYi Micro Hei"),
    (re.compile(r"wqy-zenhei", re.I), "WenQuanYi Zen Hei"),
    (re.compile(r"DroidSansFallback", re.I), "Droid Sans Fallback"),
    (re.compile(r"^msyh", re.I), "Microsoft YaHei"),
    (re.compile(r"PingFang", re.I), "PingFang SC"),
    (re.compile(r"^simhei", re.I), "SimHei"),
)
_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
         "/System/Library/Fonts", "/Library/Fonts", "C:/Windows/Fonts")

HOW_TO_GET_ONE = ("no font with Chinese glyphs was found, so Chinese labels would render as boxes. "
                  "Install one: Debian/Ubuntu `apt-get install fonts-noto-cjk` (or fonts-wqy-microhei), "
                  "Fedora `dnf install google-noto-sans-cjk-fonts`, Alpine `apk add font-noto-cjk`, "
                  "macOS and Windows ship one; or set JUESUAN_CJK_FONT to a .ttf/.otf/.ttc file.")


@dataclass(frozen=True)
class CjkFont:
    family: str
    path: Path


def find_cjk_font() -> CjkFont | None:
    """The first CJK font found: $JUESUAN_CJK_FONT, then fontconfig, then the font folders."""
    if (chosen := os.environ.get("JUESUAN_CJK_FONT")) and Path(chosen).is_file():
        return CjkFont(_family_of_file(Path(chosen)) or Path(chosen).stem, Path(chosen))
    return _from_fontconfig() or _from_folders()


def _from_fontconfig() -> CjkFont | None:
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family", "file"], capture_output=True,
                             text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found: dict[str, Path] = {}
    for line in out.splitlines():
        path, _, families = line.partition(": ")
        for family in families.split(","):
            found.setdefault(family.strip(), Path(path.strip()))
    for family in PREFERRED:
        if family in found:
            return CjkFont(family, found[family])
    if found:
        family = sorted(found)[0]
        return CjkFont(family, found[family])
    return None


def _from_folders() -> CjkFont | None:
    for folder in _DIRS:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc") and (family := _family_of_file(path)):
                return CjkFont(family, path)
    return None


def _family_of_file(path: Path) -> str | None:
    return next((family for pattern, family in _FILES if pattern.search(path.name)), None)
