"""The crawl's classifier processes: every fetched page is classified (trafilatura's
extraction and the structure tests of thidua.crawler.classify, a few milliseconds) in a
worker process, so Scrapy's own process keeps downloading and following links while pages
are read: on a site served over loopback the crawl keeps up with a bare spider.

Workers are plain child processes (`python -m thidua.crawler.classify_pool`) talking over
their stdin and stdout, read and written by the crawl's asyncio loop. Not a
ProcessPoolExecutor: its helper threads pickle every page in the crawl process, and a
thread doing that work holds the GIL each time the reactor's thread gives it up for a
socket call, which halved the crawl's speed.

THIDUA_CLASSIFY_WORKERS sets how many (default: one per core beyond the first, at most
four; 0 classifies in the crawl process itself). A worker that dies is replaced by
classifying in the crawl process; the page it held is classified again, not lost.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import struct
import subprocess
import sys
from dataclasses import asdict

from thidua.crawler.classify import Verdict, classify_html

log = logging.getLogger(__name__)
_HEADER = struct.Struct(">II")  # request: id, length of the body that follows
TIMEOUT = 120.0                  # seconds a page may take; a page over the size cap never gets here


def default_workers() -> int:
    return max(0, min(4, (os.cpu_count() or 1) - 1))


class _Worker:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "thidua.crawler.classify_pool"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.waiting: dict[int, asyncio.Future] = {}
        self.task: asyncio.Task | None = None

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        self.reader = asyncio.StreamReader(limit=2 ** 24)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(self.reader), self.proc.stdout)
        transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, self.proc.stdin)
        self.writer = asyncio.StreamWriter(transport, protocol, None, loop)
        self.task = loop.create_task(self._read_answers())

    async def _read_answers(self) -> None:
        try:
            while True:
                header = await self.reader.readexactly(_HEADER.size)
                ident, size = _HEADER.unpack(header)
                answer = json.loads(await self.reader.readexactly(size))
                future = self.waiting.pop(ident, None)
                if future is not None and not future.done():
                    future.set_result(Verdict(**answer))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError) as exc:
            for future in self.waiting.values():
                if not future.done():
                    future.set_exception(ConnectionError(f"the classifier process stopped: {exc}"))
            self.waiting.clear()

    async def classify(self, ident: int, html: str, url: str) -> Verdict:
        body = json.dumps([url, html], ensure_ascii=False).encode("utf-8")
        future = asyncio.get_running_loop().create_future()
        self.waiting[ident] = future
        self.writer.write(_HEADER.pack(ident, len(body)) + body)
        await self.writer.drain()
        try:
            return await asyncio.wait_for(future, TIMEOUT)
        except asyncio.TimeoutError:
            self.waiting.pop(ident, None)
            raise ConnectionError(f"the classifier process gave no answer in {TIMEOUT:.0f} s") from None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self.task is not None:
            self.task.cancel()
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Classifier:
    def __init__(self, workers: int):
        self.size = workers
        self.workers: list[_Worker] = []
        self.ids = itertools.count()
        self._started: asyncio.Lock | None = None
        self.broken = False

    @classmethod
    def from_settings(cls, settings) -> "Classifier":
        value = settings.get("THIDUA_CLASSIFY_WORKERS", "auto")
        return cls(default_workers() if value in (None, "", "auto") else int(value))

    async def _ensure_started(self) -> None:
        if self._started is None:
            self._started = asyncio.Lock()
        async with self._started:
            if self.workers or self.broken:
                return
            try:
                for _ in range(self.size):
                    worker = _Worker()
                    await worker.connect()
                    self.workers.append(worker)
            except OSError as exc:
                log.warning("no classifier process (%s); classifying in the crawl process", exc)
                self.broken = True

    async def classify(self, html: str, url: str) -> Verdict:
        if self.size > 0 and not self.broken:
            await self._ensure_started()
            if self.workers:
                worker = min(self.workers, key=lambda w: len(w.waiting))
                try:
                    return await worker.classify(next(self.ids), html, url)
                except (ConnectionError, OSError) as exc:
                    log.warning("%s; classifying in the crawl process from now on", exc)
                    self.broken = True
        return classify_html(html, url)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        self.workers = []


def serve(stdin=None, stdout=None) -> None:
    """The worker's side: requests in on stdin, verdicts out on stdout, until stdin ends."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    classify_html("<html><body><h1>Tiêu đề thử</h1><p>Nội dung thử của trang.</p></body></html>")  # warm up
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        ident, size = _HEADER.unpack(header)
        url, html = json.loads(stdin.read(size))
        try:
            verdict = classify_html(html, url)
        except Exception as exc:  # noqa: BLE001 - the page is no article, and says why
            verdict = Verdict(False, 0.0, [f"classifier error: {type(exc).__name__}: {exc}"])
        answer = json.dumps(asdict(verdict), ensure_ascii=False).encode("utf-8")
        stdout.write(_HEADER.pack(ident, len(answer)) + answer)
        stdout.flush()


if __name__ == "__main__":
    serve()
