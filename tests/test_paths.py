from pathlib import Path

from dangjian_desktop import paths


def test_resources_and_translations_are_found():
    assert paths.resource_path("fonts", "NotoSansSC-Regular.ttf").is_file()
    assert (paths.translations_dir() / "zh_CN" / "LC_MESSAGES").is_dir()


def test_explicit_folder_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.data_dir(tmp_path / "explicit") == (tmp_path / "explicit").resolve()
    assert paths.data_dir() == (tmp_path / "from-env").resolve()
    assert (tmp_path / "from-env").is_dir()


def test_portable_marker_keeps_data_beside_the_program(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "program_dir", lambda: Path(tmp_path))
    assert paths.portable_data_dir() is None
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir() == (tmp_path / "data").resolve()
