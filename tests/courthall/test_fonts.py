"""The compact document fonts (courthall/fonts.py): what they hold, how they are numbered, and what they
do to a PDF. The faces are the ones `make test` built into COURTHALL_FONT_DIR (manage.py build_fonts)."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from courthall import fonts, pdf
from courthall.checks import check_pdf_requirements
from tests.conftest import skip_or_fail

LEVEL_1_LAST = "座"  # GB2312 D7F9, the last of the 3 755 level-1 characters
LEVEL_2_FIRST = "亍"  # GB2312 D8A1


def built_face(file_name: str) -> TTFont:
    path = Path(settings.COURTHALL_FONT_DIR) / file_name
    if not path.is_file():
        skip_or_fail(f"文书字体 {path} 尚未生成：先运行 manage.py build_fonts（make test 会自动运行）")
    return TTFont(path)


def source_face(face: fonts.Face) -> TTFont:
    source = fonts.find_source(face)
    if source is None:
        skip_or_fail(f"没有 {face.source_file}（apt-get install fonts-noto-cjk）")
    collection = TTCollection(source, lazy=True)
    return next(f for f in collection.fonts if f["name"].getDebugName(1) == face.source_family)


def outline(font: TTFont, character: str) -> list:
    glyph_set = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[font.getBestCmap()[ord(character)]].draw(pen)
    return pen.value


def is_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# --- What the faces hold, in which order ---------------------------------------------------------------


def test_order_puts_ascii_and_document_punctuation_before_the_ideographs():
    order = fonts.character_order()
    assert len(order) == len(set(order))
    assert order[:2] == [" ", "\u3000"]
    assert "".join(order[2:96]) == "".join(chr(code) for code in range(0x21, 0x7F))
    for character in "〇，。、：；（）〔〕《》“”—×":
        assert order.index(character) < order.index("啊"), character  # 啊 opens level 1


def test_order_puts_every_level_1_character_before_level_2_and_the_rest_of_gbk():
    order = fonts.character_order()
    position = {character: index for index, character in enumerate(order)}
    level_1 = [
        c
        for c in order
        if "\u4e00" <= c <= "\u9fff" and c.encode("gb2312", "ignore") and c.encode("gb2312")[0] < 0xD8
    ]
    assert len(level_1) == 3755
    assert max(position[c] for c in level_1) == position[LEVEL_1_LAST] < position[LEVEL_2_FIRST]
    # Names are often written with characters of GBK outside GB2312: kept, after GB2312.
    for character in "堃玥喆珺":
        assert position[character] > position[LEVEL_2_FIRST]
    # Outside GBK: left to Noto CJK.
    assert "䶮" not in position and "𠮷" not in position


# --- The built faces -----------------------------------------------------------------------------------


@pytest.mark.parametrize("face", fonts.FACES, ids=lambda face: face.file_name)
def test_built_face_is_renamed_and_keeps_the_licence(face):
    font = built_face(face.file_name)
    names = font["name"]
    assert names.getDebugName(1) == face.family
    assert names.getDebugName(6) == f"{face.family.replace(' ', '')}-{face.style}"
    assert f"Courthall build {fonts.BUILD_VERSION};" in names.getDebugName(5)
    assert "Open Font License" in names.getDebugName(13)
    assert fonts.is_current(Path(settings.COURTHALL_FONT_DIR) / face.file_name)


@pytest.mark.parametrize("face", fonts.FACES, ids=lambda face: face.file_name)
def test_built_face_numbers_glyphs_by_frequency_with_cid_equal_to_gid(face):
    font = built_face(face.file_name)
    order = font.getGlyphOrder()
    assert order[1:] == [f"cid{gid:05d}" for gid in range(1, len(order))]
    cmap = font.getBestCmap()
    gid = {character: order.index(cmap[ord(character)]) for character in "的法院受理〇座亍玥"}
    assert gid["〇"] < 200
    # ASCII, the symbol rows A1–A3 and level 1: about 4 100 slots hold an ordinary document.
    assert max(gid[c] for c in "的法院受理座") < 4200
    assert gid["座"] < gid["亍"] < gid["玥"]
    every_gbk_character = set(fonts.character_order()) - {"\u2002", "\u2003", "\u00a0", "\u2212"}
    assert not [
        c for c in every_gbk_character if ord(c) not in cmap and ord(c) in source_face(face).getBestCmap()
    ]


@pytest.mark.parametrize("face", fonts.FACES, ids=lambda face: face.file_name)
def test_built_face_draws_the_same_outlines_as_noto(face):
    built, source = built_face(face.file_name), source_face(face)
    for character in "受理案件通知书〇（）A1":
        assert outline(built, character) == outline(source, character), character
    assert built["hmtx"][built.getBestCmap()[ord("法")]] == source["hmtx"][source.getBestCmap()[ord("法")]]


def test_a_face_of_another_build_is_not_current(tmp_path):
    stale = tmp_path / fonts.FACES[0].file_name
    stale.write_bytes(b"not a font")
    assert not fonts.is_current(stale)
    assert not fonts.is_current(tmp_path / "missing.otf")


def test_build_without_noto_cjk_says_what_to_install(tmp_path, monkeypatch, settings):
    monkeypatch.setattr(fonts, "SOURCE_DIRS", ())
    monkeypatch.setenv("COURTHALL_FONT_SOURCE_DIRS", str(tmp_path / "nowhere"))
    settings.COURTHALL_FONT_DIR = tmp_path / "fonts"
    with pytest.raises(CommandError, match="fonts-noto-cjk"):
        call_command("build_fonts")
    assert not (tmp_path / "fonts").exists()


def test_build_fonts_leaves_current_faces_alone(settings):
    for face in fonts.FACES:
        built_face(face.file_name)
    before = {
        face: (Path(settings.COURTHALL_FONT_DIR) / face.file_name).stat().st_mtime_ns for face in fonts.FACES
    }
    results = fonts.build_fonts(Path(settings.COURTHALL_FONT_DIR))
    assert [status for _face, status in results] == ["current"] * len(fonts.FACES)
    after = {
        face: (Path(settings.COURTHALL_FONT_DIR) / face.file_name).stat().st_mtime_ns for face in fonts.FACES
    }
    assert after == before


# --- Where WeasyPrint finds them -----------------------------------------------------------------------


def test_fetcher_serves_the_built_faces_and_nothing_else_under_fonts(tmp_path, settings):
    path = pdf.resolve_static_url("file:///fonts/courthall-serif-regular.otf")
    assert path == Path(settings.COURTHALL_FONT_DIR) / "courthall-serif-regular.otf"
    for url in (
        "file:///fonts/../etc/passwd",
        "file:///fonts/NotoSerifCJK-Regular.ttc",
        "file:///fonts/",
        "file:///fonts/%2e%2e/settings.py",
    ):
        with pytest.raises(pdf.ResourceRefused):
            pdf.resolve_static_url(url)
    settings.COURTHALL_FONT_DIR = tmp_path
    with pytest.raises(pdf.ResourceRefused, match="build_fonts"):
        pdf.resolve_static_url("file:///fonts/courthall-serif-regular.otf")


def test_check_warns_when_the_faces_are_not_built(tmp_path, settings):
    settings.COURTHALL_FONT_DIR = tmp_path
    messages = check_pdf_requirements(None)
    assert [message.id for message in messages] == ["courthall.W001"]
    assert "build_fonts" in messages[0].hint
    assert "courthall-serif-regular.otf" in messages[0].msg


# --- What they do to a document ------------------------------------------------------------------------


def embedded_fonts(pdf_bytes: bytes) -> set[str]:
    """The fonts the pages use, without the subset prefix (ABCDEF+Courthall-Serif → Courthall-Serif)."""
    names = set()
    for page in PdfReader(BytesIO(pdf_bytes)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object()["/BaseFont"]).lstrip("/")))
    return names


def render(text: str) -> bytes:
    from notices.kinds import KINDS
    from notices.services import render_notice
    from notices.specimens import specimen_snapshot

    snapshot = specimen_snapshot("acceptance")
    snapshot["addressee"] = text
    return render_notice(
        KINDS["acceptance"], snapshot, number="豫0481受〔2026〕1号", verification_code="7KQ2M9XH4C", version=1
    )


@pytest.mark.django_db
def test_acceptance_notice_prints_with_the_compact_faces_and_is_small():
    for face in fonts.FACES:
        built_face(face.file_name)
    pdf_bytes = render("张玥")
    assert embedded_fonts(pdf_bytes) == {"Courthall-Serif", "Courthall-Serif-Bold"}
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf_bytes)).pages)
    assert "张玥" in text and "受理案件通知书" in text and "二〇二六年" in text
    # The target for the notices benchmark, here as a property of the document rather than a time.
    assert len(pdf_bytes) <= 150_000


@pytest.mark.django_db
def test_a_character_outside_gbk_still_prints_from_noto():
    for face in fonts.FACES:
        built_face(face.file_name)
    pdf_bytes = render("刘䶮")
    assert "Courthall-Serif" in embedded_fonts(pdf_bytes)
    assert any(name.startswith("Noto-Serif-CJK-SC") for name in embedded_fonts(pdf_bytes))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf_bytes)).pages)
    assert "刘䶮" in text
