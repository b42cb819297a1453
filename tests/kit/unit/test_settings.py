import pytest
from grassroots_kit.settings import ServiceSettings, load_settings


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PORT", "4999")
    monkeypatch.setenv("EVENTS_PREFIX", "t1.")

    settings = ServiceSettings(service_name="cases")

    assert settings.port == 4999
    assert settings.exchange_name == "t1.grassroots.events"
    assert settings.queue_name("projections") == "t1.cases.projections"


def test_an_invalid_setting_stops_the_service_with_a_message_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("PORT", "not-a-port")

    with pytest.raises(SystemExit) as raised:
        load_settings(ServiceSettings)

    assert raised.value.code == 2
    assert "PORT" in capsys.readouterr().err


def test_credentials_never_reach_the_logged_settings():
    settings = ServiceSettings(
        mongodb_url="mongodb://admin:s3cret@db:27017/?replicaSet=rs0",
        amqp_url="amqp://user:hunter2@mq:5672/",
    )

    logged = str(settings.redacted())

    assert "s3cret" not in logged
    assert "hunter2" not in logged
    assert "db:27017" in logged
