"""Signed webhook workload for bench/scale: services created, some suspended or terminated.

Each service is one customer's create, followed (one in four) by a suspend or (one in four) by a
terminate, sent in that order. Events go round-robin to every instance; an event an instance does
not take (connection refused while it restarts, 5xx) is sent again, unchanged (same webhook-id),
to the next one: 202 (stored) or 200 (recognised as already stored) both mean acknowledged.

  python3 workload.py --ports 25101,25102 --secret whsec_... --services 300 --base 1000 [--rate 20]

Prints one JSON line: events acknowledged, failovers, seconds taken.
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import itertools
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ports", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--services", type=int, required=True)
    parser.add_argument("--base", type=int, required=True)
    parser.add_argument("--rate", type=float, default=0, help="services started per second, 0 = at once")
    parser.add_argument("--senders", type=int, default=16)
    parser.add_argument("--give-up", type=float, default=180, help="seconds one event may keep failing")
    args = parser.parse_args()
    ports = [int(p) for p in args.ports.split(",")]
    key = base64.b64decode(args.secret[len("whsec_"):])
    turn = itertools.count()
    lock = threading.Lock()
    counts = {"created": 0, "suspended": 0, "terminated": 0, "acknowledged": 0, "recognised": 0, "failovers": 0}

    def send(event_id, body):
        ts = str(int(time.time()))
        sig = base64.b64encode(hmac.new(key, f"{event_id}.{ts}.{body}".encode(), hashlib.sha256).digest()).decode()
        deadline = time.time() + args.give_up
        while True:
            port = ports[next(turn) % len(ports)]
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", "/v1/events", body, {"Content-Type": "application/json",
                                                          "webhook-id": event_id, "webhook-timestamp": ts,
                                                          "webhook-signature": "v1," + sig})
                response = conn.getresponse()
                status = response.status
                response.read()
                conn.close()
            except OSError:
                status = 0
            if status in (200, 202):
                with lock:
                    counts["acknowledged"] += 1
                    counts["recognised"] += status == 200
                return
            if status not in (0, 502, 503, 504) or time.time() > deadline:
                sys.exit(f"workload: event {event_id} answered {status}")
            with lock:
                counts["failovers"] += 1
            time.sleep(0.05)

    def service(i):
        if args.rate > 0:
            time.sleep(max(0.0, started + i / args.rate - time.time()))
        customer = args.base + i
        sid = f"scale-{customer}"
        send(f"msg_scale_{customer}_create", json.dumps({
            "type": "service.create", "timestamp": "2026-11-26T10:00:00Z", "data": {
                "customer": {"id": str(customer), "email": f"c{customer}@example.com", "name": f"Customer {customer}"},
                "service": {"id": sid, "packageId": 1, "hypervisorGroupId": 1, "osTemplateId": 1,
                            "hostname": f"{sid}.example.com"}}}, separators=(",", ":")))
        follow = {1: "suspend", 2: "terminate"}.get(i % 4)
        with lock:
            counts["created"] += 1
        if follow:
            send(f"msg_scale_{customer}_{follow}", json.dumps({
                "type": f"service.{follow}", "timestamp": "2026-11-26T10:00:01Z",
                "data": {"service": {"id": sid}}}, separators=(",", ":")))
            with lock:
                counts[follow + "ed" if follow == "suspend" else "terminated"] += 1

    started = time.time()
    with ThreadPoolExecutor(args.senders) as pool:
        list(pool.map(service, range(1, args.services + 1)))
    counts["seconds"] = round(time.time() - started, 1)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
