from tests.dossiers.conftest import committed_world, receive, world  # noqa: F401 - shared fixtures
