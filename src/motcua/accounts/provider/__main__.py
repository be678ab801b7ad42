"""`python -m motcua.accounts.provider --port 8001`: the local OpenID Connect provider (see __init__)."""

from __future__ import annotations

import argparse
import os
import sys

DEV_CLIENT_ID = "motcua-dev"
DEV_CLIENT_SECRET = "motcua-dev-secret"  # noqa: S105 - the local simulator's well-known demo secret
DEV_SITES = ("http://127.0.0.1:8000", "http://localhost:8000")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="motcua oidc-provider",
        description="Nhà cung cấp OpenID Connect mô phỏng VNeID, chỉ dùng khi phát triển và kiểm thử.",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001, help="0: a free port, printed on the first line")
    p.add_argument("--client-id", default=DEV_CLIENT_ID)
    p.add_argument("--client-secret", default=DEV_CLIENT_SECRET)
    p.add_argument(
        "--site",
        action="append",
        help="a motcua site allowed to sign in (its /tai-khoan/ callback and sign-out pages); "
        f"repeatable, default {', '.join(DEV_SITES)}",
    )
    p.add_argument("--personal-id-claim", default="personal_id")
    p.add_argument(
        "--fault",
        default=os.environ.get("MOTCUA_OIDC_PROVIDER_FAULT", ""),
        help="fault preselected on the login page (MOTCUA_OIDC_PROVIDER_FAULT)",
    )
    p.add_argument("--verbose", action="store_true", help="log every request")
    return p


def build(args):
    # Plain HTTP on the loopback: Authlib refuses it unless told (the real provider is HTTPS).
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    from .app import App, serve
    from .server import Client, Provider

    sites = [s.rstrip("/") for s in (args.site or DEV_SITES)]
    client = Client(
        client_id=args.client_id,
        client_secret=args.client_secret,
        redirect_uris=[f"{s}/tai-khoan/dang-nhap/xong/" for s in sites],
        post_logout_redirect_uris=[f"{s}/tai-khoan/da-dang-xuat/" for s in sites],
    )
    httpd = serve(None, args.host, args.port, quiet=not args.verbose)  # the app needs the port: set below
    provider = Provider(
        f"http://{args.host}:{httpd.server_port}", client, personal_id_claim=args.personal_id_claim
    )
    httpd.set_app(App(provider, default_fault=args.fault))
    return httpd


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    httpd = build(args)
    print(f"listening on http://{args.host}:{httpd.server_port}", flush=True)  # noqa: T201
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
