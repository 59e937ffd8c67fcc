"""The compact fonts court documents print with, built from the machine's Noto CJK (`manage.py build_fonts`).

Why they exist: WeasyPrint subsets a font keeping every glyph's id (HarfBuzz's RETAIN_GIDS), so a PDF pays
a few bytes for every glyph slot below the highest one it uses. In Noto CJK the ideographs lie anywhere up
to glyph 65 535, and a one-page 受理案件通知书 came out at 270 KB, nearly all of it empty slots.

What they are: each face keeps the characters of GBK (every character of GB2312 and GB 13000 that a
Chinese name or text is written in) and numbers its glyphs by how common the characters are — ASCII and
the punctuation of official documents, then GB2312's level 1 (its 3 755 commonest characters), its other
symbols, level 2, and the rest of GBK — with glyph id = CID, so the CFF charset is one range. An ordinary
notice then uses only the first few thousand slots and weighs about 100 KB. A character outside GBK is
still printed: the stylesheet names Noto CJK after these faces, and WeasyPrint falls back glyph by glyph.

The outlines are Noto's, unchanged (SIL Open Font License 1.1); the faces are renamed, as the licence asks
of modified versions, and keep Noto's copyright and licence entries.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# Where Debian (fonts-noto-cjk), Fedora and Arch put the collections; COURTHALL_FONT_SOURCE_DIRS adds more.
SOURCE_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts"),
)

# Bump when the build changes what it writes: a face built by an older build is rebuilt.
BUILD_VERSION = 1


@dataclass(frozen=True)
class Face:
    file_name: str  # what document.css asks for: url("/fonts/<file_name>")
    source_file: str  # the Noto CJK collection it is cut from
    source_family: str  # the face inside the collection
    family: str
    style: str  # Regular or Bold


FACES = (
    Face(
        "courthall-serif-regular.otf",
        "NotoSerifCJK-Regular.ttc",
        "Noto Serif CJK SC",
        "Courthall Serif",
        "Regular",
    ),
    Face("courthall-serif-bold.otf", "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Courthall Serif", "Bold"),
    Face(
        "courthall-sans-regular.otf",
        "NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
        "Courthall Sans",
        "Regular",
    ),
)
FACE_FILES = frozenset(face.file_name for face in FACES)

# Printed on nearly every document but outside GB2312 as Python decodes it: 〇 of 二〇二六年, the middle dot,
# the dashes and the spaces of page numbers.
DOCUMENT_EXTRAS = "\u3007\u00b7\u2014\u2013\u2015\u2002\u2003\u00a0\u2212\u2026\u201c\u201d\u2018\u2019"


def _gb2312_rows(rows) -> list[str]:
    characters = []
    for row in rows:
        for cell in range(0xA1, 0xFF):
            try:
                characters.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


def character_order() -> list[str]:
    """Every character the faces keep, commonest first (see the module's docstring)."""
    ordered = [" ", "\u3000", *(chr(code) for code in range(0x21, 0x7F)), *DOCUMENT_EXTRAS]
    ordered += _gb2312_rows([0xA1, 0xA3, 0xA2])  # punctuation, full-width forms, numbered items
    ordered += _gb2312_rows(range(0xB0, 0xD8))  # level 1, 3 755 characters by pinyin
    ordered += _gb2312_rows(range(0xA4, 0xB0))  # kana, Greek, Cyrillic, pinyin letters, box drawing
    ordered += _gb2312_rows(range(0xD8, 0xF8))  # level 2
    seen = set(ordered)
    for code in range(0x80, 0x10000):
        character = chr(code)
        if character in seen:
            continue
        try:
            character.encode("gbk")
        except UnicodeEncodeError:
            continue
        ordered.append(character)
    return list(dict.fromkeys(ordered))


def source_dirs() -> list[Path]:
    extra = os.environ.get("COURTHALL_FONT_SOURCE_DIRS", "")
    return [Path(entry) for entry in extra.split(os.pathsep) if entry] + list(SOURCE_DIRS)


def find_source(face: Face) -> Path | None:
    for directory in source_dirs():
        candidate = directory / face.source_file
        if candidate.is_file():
            return candidate
    for directory in source_dirs():
        if directory.is_dir():
            for candidate in sorted(directory.rglob(face.source_file)):
                return candidate
    return None


def is_current(path: Path) -> bool:
    """Whether `path` is a face written by this build (its version string names BUILD_VERSION)."""
    if not path.is_file():
        return False
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(path, lazy=True)
        version = font["name"].getDebugName(5) or ""
    except (TTLibError, OSError, KeyError):
        return False
    return f"Courthall build {BUILD_VERSION};" in version


def missing_faces(directory: Path) -> list[str]:
    return [face.file_name for face in FACES if not (directory / face.file_name).is_file()]


def build_face(face: Face, source: Path, target: Path) -> Path:
    """Cut `face` out of `source` and write it to `target` (atomically); returns target."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    # The source's bounding boxes hold for any subset of its glyphs; recomputing them draws every glyph.
    collection = TTCollection(source, lazy=True, recalcBBoxes=False)
    try:
        font = next(f for f in collection.fonts if f["name"].getDebugName(1) == face.source_family)
    except StopIteration:
        raise ValueError(f"{source} 中没有字体 {face.source_family}") from None

    order = character_order()
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "DSIG", "JSTF"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.desubroutinize = (
        True  # faster to build than pruning subroutines; WeasyPrint desubroutinizes anyway
    )
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in order])
    subsetter.subset(font)

    _number_by_order(font, order)
    _rename(font, face)

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    font.save(partial)
    partial.replace(target)
    return target


def _number_by_order(font, order: list[str]) -> None:
    """Renumber the glyphs so that the commonest characters come first, with CID = glyph id."""
    for tag in list(font.keys()):
        font[tag]  # decompile every table under the old glyph order before it changes
    old_order = font.getGlyphOrder()
    index = {name: gid for gid, name in enumerate(old_order)}
    cmap = font.getBestCmap()
    wanted = [old_order[0]]
    for character in order:
        name = cmap.get(ord(character))
        if name is not None:
            wanted.append(name)
    wanted = list(dict.fromkeys(wanted))
    placed = set(wanted)
    wanted += [name for name in old_order if name not in placed]
    new_names = [old_order[0]] + [f"cid{gid:05d}" for gid in range(1, len(wanted))]
    rename = dict(zip(wanted, new_names, strict=True))

    top = font["CFF "].cff.topDictIndex[0]
    char_strings = top.CharStrings
    for name in old_order:
        char_strings[name]  # load each charstring with its own font dict's private data
    if hasattr(top, "FDSelect"):
        top.FDSelect.gidArray = [top.FDSelect[index[name]] for name in wanted]
    char_strings.charStrings = {rename[name]: char_strings.charStrings[name] for name in wanted}
    top.charset = new_names
    if hasattr(top, "CIDCount"):
        top.CIDCount = len(new_names)

    for tag in ("hmtx", "vmtx"):
        if tag in font:
            font[tag].metrics = {rename[name]: metric for name, metric in font[tag].metrics.items()}
    if "VORG" in font:
        records = font["VORG"].VOriginRecords
        font["VORG"].VOriginRecords = {rename[name]: value for name, value in records.items()}
    for table in font["cmap"].tables:
        table.cmap = {code: rename[name] for code, name in table.cmap.items()}
    font.setGlyphOrder(new_names)


def _rename(font, face: Face) -> None:
    """New names, as the OFL asks of a modified font; copyright, licence and URLs stay."""
    name_table = font["name"]
    source_version = name_table.getDebugName(5) or ""
    postscript = f"{face.family.replace(' ', '')}-{face.style}"
    keep = {0, 7, 8, 9, 11, 12, 13, 14}
    name_table.names = [record for record in name_table.names if record.nameID in keep]
    for name_id, value in (
        (1, face.family),
        (2, face.style),
        (3, f"{postscript};build{BUILD_VERSION}"),
        (4, f"{face.family} {face.style}" if face.style != "Regular" else face.family),
        (5, f"Courthall build {BUILD_VERSION}; from {face.source_family} {source_version}"),
        (6, postscript),
    ):
        name_table.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for attribute, value in (
            ("FamilyName", face.family),
            ("FullName", face.family),
            ("FontName", postscript),
        ):
            if hasattr(top, attribute):
                setattr(top, attribute, value)


def build_fonts(
    directory: Path, *, force: bool = False, workers: int | None = None
) -> list[tuple[Face, str]]:
    """Build every face missing or out of date in `directory`; returns (face, "built"/"current")."""
    plan, results = [], []
    for face in FACES:
        target = directory / face.file_name
        if not force and is_current(target):
            results.append((face, "current"))
            continue
        source = find_source(face)
        if source is None:
            raise FileNotFoundError(
                f"找不到 {face.source_file}（{face.source_family}）：请安装 fonts-noto-cjk，"
                f"或用 COURTHALL_FONT_SOURCE_DIRS 指明它所在的目录。"
            )
        plan.append((face, source, target))
    if plan:
        with ProcessPoolExecutor(max_workers=workers or min(len(plan), os.cpu_count() or 1)) as pool:
            list(pool.map(build_face, *zip(*plan, strict=True)))
        results += [(face, "built") for face, _source, _target in plan]
    return results
