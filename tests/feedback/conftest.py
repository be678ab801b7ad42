from tests.dossiers import conftest as dossier_fixtures
from tests.portal.citizen import conftest as citizen_fixtures

committed_world = dossier_fixtures.committed_world
world = dossier_fixtures.world
media = citizen_fixtures.media
citizen_client = citizen_fixtures.citizen_client
