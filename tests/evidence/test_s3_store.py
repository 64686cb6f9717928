"""With a bucket configured, evidence is kept in S3-compatible object storage (here an
in-process S3 double), through the same upload, verify and download paths."""

from __future__ import annotations

import hashlib

import pytest

from forcereview.evidence.models import EvidenceItem
from tests.evidence.conftest import api_upload, evidence_audit, tone_wav

moto = pytest.importorskip("moto")
pytest.importorskip("storages")


@pytest.fixture
def bucket(settings, monkeypatch):
    import boto3

    for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    with moto.mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="mesa-evidence")
        settings.EVIDENCE_S3_BUCKET = "mesa-evidence"
        settings.EVIDENCE_S3_PREFIX = "bwc"
        settings.EVIDENCE_S3_REGION = "us-east-1"
        yield boto3.client("s3", region_name="us-east-1")


def test_upload_is_kept_in_the_bucket_under_its_hash(client, world, incident, bucket, media_tools, settings, capsys):
    from forcereview.accounts.actions import issue_token
    from forcereview.cli import main

    _, token = issue_token(world.users["officer"], by=None, name="t")
    data = tone_wav(1.0)
    response = api_upload(client, incident.pk, "cam.wav", data, token=token)
    assert response.status_code == 201, response.content
    digest = hashlib.sha256(data).hexdigest()
    key = f"bwc/{digest[:2]}/{digest[2:4]}/{digest}"
    assert bucket.get_object(Bucket="mesa-evidence", Key=key)["Body"].read() == data
    item = EvidenceItem.objects.get()

    download = client.get(f"/api/evidence/{item.pk}/content", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert download.status_code == 302  # the browser fetches (and seeks in) the object itself
    assert key in download["Location"] and "Signature" in download["Location"]
    assert "attachment" in download["Location"].replace("%3B", ";")
    assert evidence_audit("evidence.downloaded").get().actor_label == "officer"
    client.force_login(world.users["supervisor"])
    played = client.get(f"/evidence/{item.pk}/media/")
    assert played.status_code == 302 and key in played["Location"]
    assert evidence_audit("evidence.played").get().actor_label == "supervisor"

    assert main(["evidence", "verify"]) == 0
    assert "s3://mesa-evidence/bwc" in capsys.readouterr().out
    bucket.put_object(Bucket="mesa-evidence", Key=key, Body=data[:-1] + b"\x00")
    assert main(["evidence", "verify"]) == 1
    assert "CHANGED" in capsys.readouterr().err
