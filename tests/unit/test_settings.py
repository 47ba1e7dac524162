"""The settings: layers in order, machine-wide locks, errors that name the file and the key."""

import logging
from pathlib import Path

import pytest

from desktop_app.settings import (
    DEFAULT_BACKOFFICE,
    KIOSK_IDLE_LOCK_MINUTES,
    MACHINE_CONFIG_ENV,
    SETTING_KEYS,
    Settings,
    SettingsError,
    load_settings,
    machine_config_path,
)

README = Path(__file__).resolve().parents[2] / "README.md"


class Layers:
    """The two files of a test machine, written on demand; the environment is a plain mapping."""

    def __init__(self, folder: Path) -> None:
        self.machine = folder / "etc" / "cabinet.toml"
        self.user = folder / "home" / "cabinet.toml"
        for path in (self.machine, self.user):
            path.parent.mkdir()

    def load(self, command_line: dict[str, object] | None = None, **environ: str) -> Settings:
        return load_settings(command_line, environ=environ, machine_file=self.machine, user_file=self.user)


@pytest.fixture
def layers(tmp_path: Path) -> Layers:
    return Layers(tmp_path)


def test_without_files_environment_or_flags_the_defaults_hold(layers):
    assert layers.load() == Settings()
    assert Settings().backoffice == DEFAULT_BACKOFFICE and Settings().lang == "fr" and not Settings().kiosk


@pytest.mark.parametrize("layers_set, winner", [
    (("machine",), "machine"),
    (("machine", "user"), "user"),
    (("machine", "user", "environment"), "environment"),
    (("machine", "user", "environment", "command line"), "command line"),
    (("machine", "command line"), "command line"),
    (("user", "environment"), "environment"),
])
def test_each_layer_overrides_the_ones_before(layers, layers_set, winner):
    url = {name: f"https://{name.replace(' ', '-')}.example" for name in layers_set}
    if "machine" in url:
        layers.machine.write_text(f'backoffice = "{url["machine"]}"\n')
    if "user" in url:
        layers.user.write_text(f'backoffice = "{url["user"]}"\n')
    environ = {"CABINET_BACKOFFICE": url["environment"]} if "environment" in url else {}
    command_line = {"backoffice": url["command line"]} if "command line" in url else None
    assert layers.load(command_line, **environ).backoffice == url[winner]


def test_layers_merge_key_by_key(layers, tmp_path):
    layers.machine.write_text('kiosk = true\nworkstation = "Salle 2"\nlang = "en"\n')
    layers.user.write_text('lang = "fr"\nsync_interval_seconds = 30\n')
    settings = layers.load({"idle_lock_minutes": "10"}, CABINET_DATA_DIR=str(tmp_path / "stores"))
    assert settings == Settings(kiosk=True, workstation="Salle 2", lang="fr", sync_interval_seconds=30.0,
                                data_dir=tmp_path / "stores", idle_lock_minutes=10)


def test_each_value_says_where_it_came_from(layers, tmp_path):
    layers.machine.write_text('kiosk = true\nworkstation = "Salle 2"\nlocked = ["workstation"]\n')
    layers.user.write_text('lang = "en"\nworkstation = "Ignored"\n')
    settings = layers.load({"sync_interval_seconds": "30"}, CABINET_DATA_DIR=str(tmp_path / "stores"))
    assert settings.origins == {"kiosk": str(layers.machine), "workstation": str(layers.machine),
                                "lang": str(layers.user), "data_dir": "environment",
                                "sync_interval_seconds": "command line"}  # idle_lock_minutes: the kiosk's default


def test_a_locked_key_keeps_the_machine_value_whatever_the_user_says(layers, caplog):
    layers.machine.write_text('backoffice = "https://teleservices.example"\nlang = "en"\n'
                              'locked = ["backoffice", "kiosk"]\n')
    layers.user.write_text('backoffice = "https://elsewhere.example"\nkiosk = true\nlang = "fr"\n')
    with caplog.at_level(logging.WARNING, "desktop_app.settings"):
        settings = layers.load({"backoffice": "https://flag.example", "kiosk": True},
                               CABINET_BACKOFFICE="https://env.example", CABINET_KIOSK="1")
    assert settings.backoffice == "https://teleservices.example"
    assert settings.kiosk is False  # locked at its default: the machine-wide file does not set it
    assert settings.lang == "fr"  # not locked: the user's file wins
    assert settings.locked == {"backoffice", "kiosk"}
    ignored = [record.getMessage() for record in caplog.records]
    for where in (f"{layers.user}: backoffice", "environment: CABINET_BACKOFFICE", "command line: --backoffice",
                  f"{layers.user}: kiosk", "environment: CABINET_KIOSK", "command line: --kiosk"):
        assert any(message.startswith(where) and f"locked by {layers.machine}" in message for message in ignored)


def test_a_wrong_value_for_a_locked_key_elsewhere_is_ignored_not_an_error(layers):
    layers.machine.write_text('kiosk = true\nlocked = ["kiosk", "idle_lock_minutes"]\n')
    layers.user.write_text('kiosk = "maybe"\nidle_lock_minutes = -1\n')
    settings = layers.load({"idle_lock_minutes": "0"})
    assert (settings.kiosk, settings.idle_lock_minutes) == (True, KIOSK_IDLE_LOCK_MINUTES)


def test_only_the_machine_wide_file_locks(layers, caplog):
    layers.user.write_text('locked = ["lang"]\nlang = "en"\n')
    with caplog.at_level(logging.WARNING, "desktop_app.settings"):
        settings = layers.load({"lang": "fr"})
    assert (settings.lang, settings.locked) == ("fr", frozenset())
    assert f"{layers.user}: locked ignored: only the machine-wide file can lock keys" in caplog.messages


def test_a_lock_on_an_unknown_key_is_a_warning(layers, caplog):
    layers.machine.write_text('locked = ["backoffice", "colour"]\n')
    with caplog.at_level(logging.WARNING, "desktop_app.settings"):
        assert layers.load().locked == {"backoffice"}
    assert f"{layers.machine}: locked: unknown key 'colour' ignored" in caplog.messages


def test_locks_must_be_a_list_of_names(layers):
    layers.machine.write_text('locked = "backoffice"\n')
    with pytest.raises(SettingsError) as raised:
        layers.load()
    assert (raised.value.source, raised.value.key) == (str(layers.machine), "locked")
    assert "expected a list of key names" in str(raised.value)


@pytest.mark.parametrize("line, key, expected", [
    ('kiosk = "yes"', "kiosk", "true or false"),
    ("kiosk = 1", "kiosk", "true or false"),
    ('lang = "de"', "lang", '"fr" or "en"'),
    ("idle_lock_minutes = -1", "idle_lock_minutes", "a whole number of minutes"),
    ("idle_lock_minutes = 2.5", "idle_lock_minutes", "a whole number of minutes"),
    ("idle_lock_minutes = inf", "idle_lock_minutes", "a whole number of minutes"),
    ("sync_interval_seconds = 0", "sync_interval_seconds", "a number of seconds from 1"),
    ("sync_interval_seconds = nan", "sync_interval_seconds", "a number of seconds from 1"),
    ('sync_interval_seconds = "60"', "sync_interval_seconds", "a number of seconds from 1"),
    ('backoffice = "ftp://files.example"', "backoffice", "an https:// or http:// URL with a host"),
    ('backoffice = "teleservices.example"', "backoffice", "an https:// or http:// URL with a host"),
    ('backoffice = ""', "backoffice", "an https:// or http:// URL with a host"),
    ('ca = "missing.pem"', "ca", "an existing CA certificate file (PEM)"),
    ('data_dir = "cabinet.toml"', "data_dir", "a folder"),  # the file itself: exists, not a folder
    ('proxy = "127.0.0.1:3128"', "proxy", "an http://, https:// or socks5:// URL"),
    ('workstation = "Poste de l\'accueil – secrétariat"', "workstation", "1 to 64 printable ASCII"),
    ("workstation = 42", "workstation", "1 to 64 printable ASCII"),
    ("[workstation]\nname = 'a'", "workstation", "1 to 64 printable ASCII"),
])
def test_a_wrong_value_names_the_file_the_key_and_what_is_expected(layers, line, key, expected):
    layers.user.write_text(line + "\n")
    with pytest.raises(SettingsError) as raised:
        layers.load()
    assert (raised.value.source, raised.value.key) == (str(layers.user), key)
    assert str(raised.value).startswith(f"{layers.user}: {key}: expected {expected}")


def test_a_wrong_value_in_the_environment_names_the_variable(layers):
    with pytest.raises(SettingsError) as raised:
        layers.load(CABINET_KIOSK="maybe")
    assert str(raised.value) == "environment: CABINET_KIOSK: expected true or false, got 'maybe'"


def test_a_wrong_flag_value_names_the_flag(layers):
    with pytest.raises(SettingsError) as raised:
        layers.load({"idle_lock_minutes": "soon"})
    assert (raised.value.source, raised.value.key) == ("command line", "--idle-lock")


def test_the_environment_is_text(layers, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    settings = layers.load(CABINET_KIOSK="Yes", CABINET_IDLE_LOCK_MINUTES="0", CABINET_SYNC_INTERVAL_SECONDS="2.5",
                           CABINET_CA=str(ca), CABINET_LANG="en", CABINET_PROXY="", CABINET_BACKOFFICE="https://b.example/")
    assert settings == Settings(kiosk=True, idle_lock_minutes=None, sync_interval_seconds=2.5, ca=ca, lang="en",
                                backoffice="https://b.example")


@pytest.mark.parametrize("kiosk, idle_lock, expected", [
    (False, None, None), (True, None, KIOSK_IDLE_LOCK_MINUTES), (True, "0", None), (False, "15", 15),
])
def test_the_idle_lock_is_off_by_default_and_five_minutes_in_a_kiosk(layers, kiosk, idle_lock, expected):
    command_line = {"kiosk": True} if kiosk else {}
    if idle_lock is not None:
        command_line["idle_lock_minutes"] = idle_lock
    assert layers.load(command_line).idle_lock_minutes == expected


def test_paths_in_a_file_start_from_its_folder(layers):
    (layers.user.parent / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    layers.user.write_text('ca = "ca.pem"\ndata_dir = "stores"\nscan_folder = "~/Scans"\n')
    settings = layers.load()
    assert (settings.ca, settings.data_dir) == (layers.user.parent / "ca.pem", layers.user.parent / "stores")
    assert settings.scan_folder == Path("~/Scans").expanduser()


def test_a_malformed_file_names_the_file_and_the_line(layers):
    layers.machine.write_text('backoffice = "https://teleservices.example"\nkiosk = \n')
    with pytest.raises(SettingsError) as raised:
        layers.load()
    assert (raised.value.source, raised.value.key) == (str(layers.machine), None)
    assert str(raised.value).startswith(f"{layers.machine}: not valid TOML: ")
    assert "line 2" in str(raised.value)


def test_a_file_that_is_not_utf8_is_refused(layers):
    layers.user.write_bytes('workstation = "Accueil é"\n'.encode("latin-1"))
    with pytest.raises(SettingsError, match="not UTF-8"):
        layers.load()


def test_unknown_keys_are_logged_and_ignored(layers, caplog):
    layers.machine.write_text('colour = "blue"\nlang = "en"\n[printing]\ntray = 2\n')
    with caplog.at_level(logging.WARNING, "desktop_app.settings"):
        assert layers.load().lang == "en"
    assert f"{layers.machine}: unknown key 'colour' ignored" in caplog.messages
    assert f"{layers.machine}: unknown key 'printing' ignored" in caplog.messages


def test_the_command_line_mapping_takes_only_setting_names(layers):
    with pytest.raises(TypeError, match="backofice"):
        layers.load({"backofice": "https://typo.example"})


def test_the_machine_file_can_be_redirected_only_where_the_platform_one_is_absent(tmp_path, caplog):
    elsewhere = tmp_path / "test.toml"
    standard = tmp_path / "etc-cabinet.toml"
    environ = {MACHINE_CONFIG_ENV: str(elsewhere)}
    assert machine_config_path(environ, standard=standard) == elsewhere
    assert machine_config_path({}, standard=standard) == standard
    standard.write_text("kiosk = true\n")
    with caplog.at_level(logging.WARNING, "desktop_app.settings"):
        assert machine_config_path(environ, standard=standard) == standard
    assert f"{MACHINE_CONFIG_ENV} ignored: this machine's settings are in {standard}" in caplog.messages


def test_the_readme_documents_every_key():
    section = README.read_text(encoding="utf-8").split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    for key in SETTING_KEYS:
        assert f"`{key.name}`" in section and f"`{key.flag}" in section, key.name
    assert "`locked`" in section and MACHINE_CONFIG_ENV in section
