"""A local OpenID Connect provider that behaves like the national identity provider (VNeID).

Runs as its own HTTP process (`motcua oidc-provider`, or `python -m motcua.accounts.provider`), with
no Django inside: the authorization and token endpoints are Authlib's server grants (authorization code,
PKCE S256 required, OpenID Connect ID token signed RS256), the rest (discovery, JWKS, userinfo,
end_session) is a few lines of WSGI. Demo citizens are in `citizens.py`; `faults.py` lists the faults a
test can ask for. Only for development and tests: keys are made at start and nothing is stored.
"""
