import pytest
from grassroots_kit.settings import ServiceSettings, load_settings
from pydantic import ValidationError


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


def test_every_node_url_of_a_cluster_is_redacted_and_split():
    from grassroots_kit.messaging.broker import split_urls

    nodes = "amqp://u:pw1@mq-1:5672/,amqp://u:pw2@mq-2:5672/,amqp://u:pw3@mq-3:5672/"
    settings = ServiceSettings(
        mongodb_url="mongodb://a:s3cret@db-1:27017,db-2:27017,db-3:27017/?replicaSet=rs0",
        amqp_url=nodes,
    )

    logged = str(settings.redacted())

    assert "pw" not in logged
    assert "s3cret" not in logged
    assert "mq-3:5672" in logged
    assert "db-3:27017" in logged
    assert split_urls(settings.amqp_url) == nodes.split(",")


@pytest.mark.parametrize(
    "url", ["amqp://a:b@mq:5672/,", "amqp://a:b@mq:5672/,http://x/", "amqp://a b@mq/"]
)
def test_a_malformed_node_list_is_refused(url: str):
    with pytest.raises(ValidationError):
        ServiceSettings(amqp_url=url)
