"""The person's config.toml: absent is empty, a mistake names its line, sections are tables."""

from __future__ import annotations

import pytest

from stratui.store.user_config import UserConfigError, config_section, read_user_config


def test_a_missing_file_is_an_empty_configuration(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path))
    assert read_user_config() == {}
    assert config_section("keys") == {}


def test_a_section_is_read_from_the_config_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text('[keys]\n"app.quit" = "ctrl+q"\n', encoding="utf-8")
    assert config_section("keys") == {"app.quit": "ctrl+q"}


def test_a_syntax_error_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text("[keys]\nquit = \n", encoding="utf-8")
    with pytest.raises(UserConfigError) as caught:
        read_user_config()
    assert "config.toml: line 2" in str(caught.value)


def test_a_section_that_is_not_a_table_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text('keys = "ctrl+q"\n', encoding="utf-8")
    with pytest.raises(UserConfigError, match=r"keys: expected a \[keys\] table"):
        config_section("keys")
