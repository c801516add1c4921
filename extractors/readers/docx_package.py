"""Safe access to the parts of a .docx package (a zip of XML files).

Why a module of its own: every byte the .docx reader parses passes through here, so the
defences sit in one place. Each part is checked against decompression bombs from the
zip's directory before it is decompressed, read with a hard cap in case the directory
lies, and parsed by an lxml parser that never resolves entities, loads a DTD or touches
the network (python-docx's parser sets ``resolve_entities=False`` too, but juesuan never
hands it the file).

Only three parts are read: the body (``word/document.xml``, required) and, for Word's
automatic list labels, the numbering and styles parts (optional: a broken optional part
is skipped rather than failing a readable body).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from extractors.detect import ole2_error
from extractors.errors import CorruptFile, ReadError, UnsafeFile

MAIN_PART = "word/document.xml"
MAIN_RELS = "word/_rels/document.xml.rels"
MAX_XML_BYTES = 256 * 1024 * 1024  # no real report's document.xml comes near this
MAX_RATIO = 200  # deflate on real document.xml gives 5-30x; bombs give ~1000x
RATIO_FLOOR = 1024 * 1024  # below 1 MiB a high ratio is harmless (short repetitive XML)

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OPTIONAL = {"numbering": "word/numbering.xml", "styles": "word/styles.xml"}

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


@dataclass
class WordParts:
    """The parsed parts the reader needs; ``ns`` is the WordprocessingML namespace."""

    document: etree._Element
    ns: str
    numbering: etree._Element | None = None
    styles: etree._Element | None = None


def open_word_parts(path: Path) -> WordParts:
    """Parse the body and the list-definition parts of the .docx at ``path``."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _not_a_zip(path) from None
    with archive:
        document = _parse(_read_member(archive, MAIN_PART), MAIN_PART)
        ns = _namespace_of(document)
        names = _part_names(archive)
        optional = {kind: _optional_part(archive, name) for kind, name in names.items()}
    return WordParts(document=document, ns=ns, **optional)


def check_zip_bomb(info: zipfile.ZipInfo) -> None:
    """Refuse a zip member whose declared size or compression ratio is a bomb's."""
    if info.file_size > MAX_XML_BYTES:
        raise UnsafeFile(_bomb_reason(
            f"{info.filename} would expand to {info.file_size >> 20} MB "
            f"(limit {MAX_XML_BYTES >> 20} MB)"))
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        raise UnsafeFile(_bomb_reason(
            f"{info.filename} is compressed {ratio:.0f}x (limit {MAX_RATIO}x)"))


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise CorruptFile(f"not a complete Word document: {name} is missing") from None
    check_zip_bomb(info)
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
        raise CorruptFile(
            f"damaged Word document: cannot decompress {name} ({_one_line(err)})") from None
    except (NotImplementedError, RuntimeError) as err:  # unknown method, encrypted entry
        raise CorruptFile(f"unreadable Word document: {name}: {_one_line(err)}") from None
    if len(data) > MAX_XML_BYTES:  # the zip directory understated the size
        raise UnsafeFile(_bomb_reason(f"{name} expands beyond {MAX_XML_BYTES >> 20} MB"))
    return data


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        raise CorruptFile(
            f"damaged Word document: {name} is not well-formed XML ({_one_line(err)})") from None


def _optional_part(archive: zipfile.ZipFile, name: str | None) -> etree._Element | None:
    """A parsed optional part, or None when absent or broken (bombs still refused)."""
    if name is None or name not in archive.NameToInfo:
        return None
    try:
        return _parse(_read_member(archive, name), name)
    except CorruptFile:
        return None


def _part_names(archive: zipfile.ZipFile) -> dict[str, str | None]:
    """Numbering and styles part names from the body's relationships (usual names if none)."""
    names: dict[str, str | None] = dict(_OPTIONAL)
    if MAIN_RELS not in archive.NameToInfo:
        return names
    try:
        rels = _parse(_read_member(archive, MAIN_RELS), MAIN_RELS)
    except CorruptFile:
        return names
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind in names and rel.get("TargetMode") != "External" and target:
            names[kind] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("word", target))
    return names


def _namespace_of(root: etree._Element) -> str:
    """WordprocessingML namespace of the body (transitional, or ISO strict)."""
    qname = etree.QName(root)
    if qname.localname != "document" or qname.namespace not in (W_TRANSITIONAL, W_STRICT):
        raise CorruptFile("damaged Word document: word/document.xml is not a WordprocessingML body")
    return qname.namespace


def _not_a_zip(path: Path) -> ReadError:
    """An OLE2 file here is an encrypted .docx or a legacy .doc: say which."""
    reason = ole2_error(path)
    return reason or CorruptFile("damaged or truncated zip container (not a readable .docx)")


def _bomb_reason(detail: str) -> str:
    return f"refused as a possible decompression bomb: {detail}"


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
