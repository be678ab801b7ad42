"""python -m motcua.payments.simulator --port 8002 [--ipn-url URL] [--tmn-code C --hash-secret S]"""

import argparse
import logging
import sys

from motcua.payments.simulator.server import make_server

DEV_TMN_CODE = "MOTCUA01"
DEV_SECRET = "motcua-simulator-secret-not-for-production"  # noqa: S105 - same as motcua.payments.conf


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="motcua-gateway-simulator", description="Local VNPAY 2.1.0 gateway."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--ipn-url", default="http://127.0.0.1:8000/thanh-toan/ipn/vnpay/")
    parser.add_argument("--tmn-code", default=DEV_TMN_CODE)
    parser.add_argument("--hash-secret", default=DEV_SECRET)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    server = make_server(
        args.host, args.port, merchants={args.tmn_code: args.hash_secret}, ipn_url=args.ipn_url
    )
    sys.stdout.write(
        f"gateway simulator on http://{args.host}:{server.server_port}/ (IPN to {args.ipn_url})" + "\n"
    )
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
