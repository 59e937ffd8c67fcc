import ctypes.util

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from courthall.checks import check_pdf_requirements

# Libraries that cannot be loaded, and one that loads but is neither fontconfig nor HarfBuzz.
NO_SUCH_LIBRARY = "libcourthall-no-such-library.so.0"
NOT_THE_LIBRARY = ctypes.util.find_library("c")


def test_check_passes_on_this_machine():
    assert check_pdf_requirements(None) == []


@pytest.mark.parametrize("library", [NO_SUCH_LIBRARY, NOT_THE_LIBRARY])
def test_no_cjk_font_is_an_error(settings, library):
    if library is None:
        pytest.skip("no C library to load by name here")
    settings.COURTHALL_FONTCONFIG_LIBRARY = library
    errors = check_pdf_requirements(None)
    assert [error.id for error in errors] == ["courthall.E001"]
    assert errors[0].level == checks.ERROR
    assert "未找到中文（CJK）字体" in errors[0].msg
    assert library in errors[0].msg
    assert "fonts-noto-cjk" in errors[0].hint


@pytest.mark.parametrize("library", [NO_SUCH_LIBRARY, NOT_THE_LIBRARY])
def test_no_harfbuzz_subset_is_an_error(settings, library):
    if library is None:
        pytest.skip("no C library to load by name here")
    settings.COURTHALL_HARFBUZZ_SUBSET_LIBRARY = library
    errors = check_pdf_requirements(None)
    assert [error.id for error in errors] == ["courthall.E002"]
    assert errors[0].level == checks.ERROR
    assert "HarfBuzz" in errors[0].msg
    assert "libharfbuzz-subset0" in errors[0].hint


def test_manage_py_check_fails_without_them(settings):
    settings.COURTHALL_FONTCONFIG_LIBRARY = NO_SUCH_LIBRARY
    settings.COURTHALL_HARFBUZZ_SUBSET_LIBRARY = NO_SUCH_LIBRARY
    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    assert "courthall.E001" in str(failure.value)
    assert "courthall.E002" in str(failure.value)


def test_no_pdftoppm_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no pdftoppm to be found
    errors = check_pdf_requirements(None)
    assert [error.id for error in errors] == ["courthall.E003"]
    assert errors[0].level == checks.ERROR and "pdftoppm" in errors[0].msg
    assert "poppler-utils" in errors[0].hint
