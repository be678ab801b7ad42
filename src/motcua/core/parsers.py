"""DRF's JSON parser, with a body nested too deeply for Python's parser refused as malformed (a 400):
`json.loads` raises RecursionError there, which DRF does not catch, so `[[[[…]]]]` was a 500 (found by
schemathesis)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply") from exc
