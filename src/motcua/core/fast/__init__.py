"""The fast path: the machinery below the ORM that the hot requests run on (ADR 0019, ADR 0047).

- `rows`: new rows written in as few statements as the database allows, instances built without
  `Model.__init__`, one row read by primary key;
- `representation`: output serializers compiled for hot answers;
- `authentication`: the API's session authentication;
- `middleware`: the message storage built on first use.

Each module's public interface is its `__all__`; names with a leading underscore are private to the fast
path (tests/core/test_fast_path_interface.py checks that nothing outside `motcua.core.fast` uses them).
The package itself imports nothing, so DRF can load `authentication` while its own settings load.
"""
