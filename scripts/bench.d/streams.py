#!/usr/bin/env python3
"""Holds N concurrent streaming chat requests open against gaiarouter.

Standard library only (asyncio streams). Used by scripts/bench:

  streams.py --port P --key K --pid PID [--count 1000] [--model mock/echo]
             [--words 48] [--timeout 90]

Every request is a POST /v1/chat/completions with "stream": true and
"Connection: close". Once every stream has received its first event and none
has finished, the gateway's /proc/PID/status is read (VmRSS, VmHWM,
Threads); it is also sampled every 250 ms until all streams end. Prints one
JSON object with the results on stdout; exits 0 only if all N streams
answered HTTP 200 and ended with "data: [DONE]".
"""

import argparse
import asyncio
import json
import sys
import time


def proc_status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM", "Threads"):
                    out[name] = int(value.split()[0])  # kB, or a count
    except OSError:
        pass
    return out


class Stream:
    __slots__ = ("status", "first_at", "done_at", "saw_done", "events", "error")

    def __init__(self):
        self.status = 0
        self.first_at = None
        self.done_at = None
        self.saw_done = False
        self.events = 0
        self.error = None


async def read_body(reader, chunked, on_data):
    if not chunked:
        while True:
            data = await reader.read(65536)
            if not data:
                return
            on_data(data)
    while True:
        size_line = await reader.readline()
        if not size_line:
            raise ConnectionError("connection closed inside a chunked body")
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            # trailers until the empty line
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            return
        data = await reader.readexactly(size + 2)
        on_data(data[:-2])


async def one_stream(st, host, port, request, started):
    try:
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
    except OSError as e:
        st.error = f"connect: {e}"
        return
    try:
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        parts = status_line.split()
        st.status = int(parts[1]) if len(parts) > 1 else 0
        chunked = False
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        buf = bytearray()

        def on_data(data):
            if st.first_at is None:
                st.first_at = time.monotonic() - started
            buf.extend(data)
            while True:
                end = buf.find(b"\n\n")
                if end < 0:
                    break
                event = bytes(buf[:end])
                del buf[: end + 2]
                for line in event.split(b"\n"):
                    if line.startswith(b"data:"):
                        st.events += 1
                        if line[5:].strip() == b"[DONE]":
                            st.saw_done = True

        await read_body(reader, chunked, on_data)
        st.done_at = time.monotonic() - started
    except (OSError, ValueError, asyncio.IncompleteReadError, ConnectionError) as e:
        st.error = f"{type(e).__name__}: {e}"
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--model", default="mock/echo")
    ap.add_argument("--words", type=int, default=48)
    ap.add_argument("--timeout", type=float, default=90.0)
    args = ap.parse_args()

    text = " ".join(f"word{i}" for i in range(args.words))
    body = json.dumps({"model": args.model, "stream": True,
                       "messages": [{"role": "user", "content": text}]}).encode()
    request = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n"
               f"Authorization: Bearer {args.key}\r\nContent-Type: application/json\r\n"
               f"Accept: text/event-stream\r\nConnection: close\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body

    before = proc_status(args.pid)
    started = time.monotonic()
    streams = [Stream() for _ in range(args.count)]
    tasks = [asyncio.create_task(one_stream(s, args.host, args.port, request, started)) for s in streams]

    at_all_open = None
    peak = {"VmRSS": 0, "Threads": 0}
    max_open = 0
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        opened = sum(1 for s in streams if s.first_at is not None)
        finished = sum(1 for s in streams if s.done_at is not None or s.error is not None)
        now_open = opened - sum(1 for s in streams if s.first_at is not None and
                                (s.done_at is not None or s.error is not None))
        max_open = max(max_open, now_open)
        status = proc_status(args.pid)
        for k in peak:
            peak[k] = max(peak[k], status.get(k, 0))
        if at_all_open is None and opened == args.count and finished == 0:
            at_all_open = dict(status, t_s=round(time.monotonic() - started, 2), open=now_open)
        if finished == args.count:
            break
        await asyncio.sleep(0.25)
    for t in tasks:
        if not t.done():
            t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    after = proc_status(args.pid)

    ok = [s for s in streams if s.status == 200 and s.saw_done and s.error is None]
    durations = [s.done_at for s in ok]
    errors = {}
    for s in streams:
        if s not in ok:
            key = s.error or f"status {s.status}, done={s.saw_done}"
            errors[key] = errors.get(key, 0) + 1
    result = {
        "count": args.count,
        "completed_with_done": len(ok),
        "max_concurrently_open": max_open,
        "all_open_at": at_all_open,  # /proc status while all N were open
        "peak_sampled": peak,
        "before": before,
        "after": after,
        "first_event_max_s": round(max((s.first_at for s in streams if s.first_at is not None), default=0), 2),
        "stream_s_min": round(min(durations), 2) if durations else None,
        "stream_s_max": round(max(durations), 2) if durations else None,
        "events_per_stream_min": min((s.events for s in ok), default=0),
        "errors": dict(list(errors.items())[:5]),
    }
    print(json.dumps(result))
    return 0 if len(ok) == args.count else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
