"""A real HTTP server on 127.0.0.1 standing in for the WeCom and DingTalk group robots' webhooks,
in a thread, for the robot tests: it checks the key, and DingTalk's signature as DingTalk does
(HMAC-SHA256 of "timestamp\\nsecret", base64, within an hour), answers errcode 0 or the
platform's error, and records every request. What it does wrong is scripted: an HTTP status,
an errcode, or a stall before the answer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WECOM_PATH, DINGTALK_PATH = "/cgi-bin/webhook/send", "/robot/send"
WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
DINGTALK_TOKEN = "e9a8118c8a3dc8d5ff5c1e2f7a9b0c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b"
DINGTALK_SECRET = "SEC10d6e79b42bd94be0d0d603843651aa2ccd7186db6edbc1f2e3d4c5b6a7980cf421cd"


@dataclass
class Request:
    path: str
    query: dict[str, str]
    body: dict
    raw: bytes
    accepted: bool  # answered errcode 0: the platform would have posted it

    @property
    def content(self) -> str:
        part = self.body[self.body["msgtype"]]
        return part["content"] if "content" in part else part["text"]


@dataclass
class Script:
    status: int | None = None  # answer every request with this HTTP status (500, 404)
    errcode: int | None = None  # answer with this errcode (45009: too fast; 93000: a bad key)
    times: int | None = None  # …for the first N requests only (None: all)
    stall: float | None = None  # wait this long before answering (longer than the client's timeout)


@dataclass
class Robots:
    """Both platforms on one port: WeCom at WECOM_PATH, DingTalk at DINGTALK_PATH."""

    requests: list[Request] = field(default_factory=list)
    scripts: dict[str, Script] = field(default_factory=dict)  # path → what goes wrong there
    _seen: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        robots = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                robots._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, platform: str) -> str:
        return f"http://127.0.0.1:{self.port}{WECOM_PATH if platform == 'wecom' else DINGTALK_PATH}"

    def posted(self, path: str | None = None) -> list[Request]:
        return [r for r in self.requests if r.accepted and (path is None or r.path == path)]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        split = urllib.parse.urlsplit(h.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(split.query).items()}
        raw = h.rfile.read(int(h.headers.get("Content-Length", 0)))
        with self.lock:
            n = self._seen[split.path] = self._seen.get(split.path, 0) + 1
        script = self.scripts.get(split.path)
        active = script is not None and (script.times is None or n <= script.times)
        if active and script.stall:
            time.sleep(script.stall)
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            body = {}
        errcode, errmsg = self._check(split.path, query, body, h.headers.get("Content-Type", ""))
        if active and script.errcode is not None:
            errcode, errmsg = script.errcode, "scripted"
        status = script.status if active and script.status else 200
        with self.lock:
            self.requests.append(Request(split.path, query, body, raw, status == 200 and errcode == 0))
        answer = json.dumps({"errcode": errcode, "errmsg": errmsg}).encode()
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(answer)))
            h.end_headers()
            h.wfile.write(answer)
        except OSError:  # the client gave up waiting
            pass

    @staticmethod
    def _check(path: str, query: dict, body: dict, content_type: str) -> tuple[int, str]:
        if "application/json" not in content_type or "msgtype" not in body:
            return 40008, "invalid message type"
        if path == WECOM_PATH:
            if query.get("key") != WECOM_KEY:
                return 93000, "invalid webhook url"
            kind = body["msgtype"]
            limit = 4096 if kind == "markdown" else 2048
            if len(body[kind]["content"].encode("utf-8")) > limit:
                return 40058, f"content exceed max length {limit}"
            return 0, "ok"
        if path == DINGTALK_PATH:
            if query.get("access_token") != DINGTALK_TOKEN:
                return 300001, "token is not exist"
            stamp = query.get("timestamp", "0")
            expected = base64.b64encode(hmac.new(DINGTALK_SECRET.encode(), f"{stamp}\n{DINGTALK_SECRET}".encode(),
                                                 hashlib.sha256).digest()).decode()
            if not stamp.isdigit() or abs(time.time() * 1000 - int(stamp)) > 3600_000 \
                    or not hmac.compare_digest(query.get("sign", ""), expected):
                return 310000, "sign not match"
            return 0, "ok"
        return 404, "not found"
