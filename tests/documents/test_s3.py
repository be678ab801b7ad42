"""The same services on S3-compatible object storage (MOTCUA_STORAGE=s3): django-storages' S3 backend
talking to moto's in-process S3, so what is tested is the real client code path, not a stub of ours."""

import importlib
import os
from datetime import timedelta

import boto3
import pytest
from django.core.signals import request_finished
from django.db import transaction
from moto import mock_aws

from motcua.documents import files, selectors, services
from motcua.documents.errors import IntegrityFailure

from . import samples
from .conftest import AN

BUCKET = "motcua-ho-so"
S3 = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": BUCKET,
        "region_name": "ap-southeast-1",
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"ServerSideEncryption": "AES256"},
    },
}


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "ap-southeast-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="ap-southeast-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": S3}
        yield client


def keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_document_is_stored_encrypted_and_read_back_verified(place, bucket):
    data = samples.pdf()
    doc = services.store_document(content=data, filename="a.pdf", name="Tờ khai", owner_id_number=AN)
    assert keys(bucket) == [doc.storage_name]
    head = bucket.head_object(Bucket=BUCKET, Key=doc.storage_name)
    assert head["ServerSideEncryption"] == "AES256"
    assert selectors.read_content(doc) == data

    bucket.put_object(Bucket=BUCKET, Key=doc.storage_name, Body=b"%PDF-1.7 replaced")
    with pytest.raises(IntegrityFailure):
        selectors.read_content(doc)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_upload_leaves_no_object(place, bucket):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.store_document(content=samples.pdf(), filename="a.pdf", name="Tờ khai", owner_id_number=AN)
        assert len(keys(bucket)) == 1
        raise RuntimeError("the enclosing service failed")
    request_finished.send(sender=None)
    assert keys(bucket) == []


def test_the_sweep_lists_and_cleans_the_bucket(place, bucket):
    doc = services.store_document(content=samples.pdf(), filename="a.pdf", name="Tờ khai", owner_id_number=AN)
    bucket.put_object(Bucket=BUCKET, Key="documents/2025/07/orphan.pdf", Body=samples.pdf())
    bucket.put_object(Bucket=BUCKET, Key="dossiers/results/2025/07/kq.pdf", Body=samples.pdf())
    # A cutoff in the future: every unreferenced file under documents/ counts as old.
    assert files.sweep(older_than=timedelta(seconds=-60)) == ["documents/2025/07/orphan.pdf"]
    assert keys(bucket) == sorted([doc.storage_name, "dossiers/results/2025/07/kq.pdf"])


def test_settings_select_s3_from_the_environment(monkeypatch):
    """MOTCUA_STORAGE=s3 makes S3 the default storage with the bucket and endpoint from the environment."""
    import motcua.settings as project_settings

    monkeypatch.setenv("MOTCUA_STORAGE", "s3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "ho-so-ha-noi")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.vn")
    try:
        reloaded = importlib.reload(project_settings)
        default = reloaded.STORAGES["default"]
        assert default["BACKEND"] == "storages.backends.s3.S3Storage"
        assert default["OPTIONS"]["bucket_name"] == "ho-so-ha-noi"
        assert default["OPTIONS"]["endpoint_url"] == "https://s3.example.vn"
        from django.utils.module_loading import import_string

        assert import_string(default["BACKEND"])  # the optional extra is installed in this environment
    finally:
        monkeypatch.delenv("MOTCUA_STORAGE")
        importlib.reload(project_settings)
    assert os.environ.get("MOTCUA_STORAGE") is None
