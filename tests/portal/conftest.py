from tests.units.conftest import units, units_loaded  # noqa: F401 - the real map, loaded once for this package
