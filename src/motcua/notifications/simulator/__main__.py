"""python -m motcua.notifications.simulator --port 8003 --log FILE [--token T]: local SMS and Zalo OA."""

import argparse
import sys

from motcua.notifications.simulator.server import make_server

DEV_TOKEN = "motcua-sms-simulator-token"  # noqa: S105 - the development default of MOTCUA_SMS_TOKEN


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="motcua-message-simulator", description="Local SMS and Zalo OA.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    parser.add_argument("--log", required=True, help="one JSON line per accepted message")
    parser.add_argument("--token", default=DEV_TOKEN)
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, log_path=args.log, token=args.token)
    sys.stdout.write(f"message simulator on http://{args.host}:{server.server_port}/\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
