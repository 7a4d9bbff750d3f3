"""`pith extract --input-format jsonl -` as a streaming filter, the way
RDD.pipe and Hadoop streaming drive it: fed slowly, one line out per line
in, in order, flushed as it goes, memory bounded."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time

from conftest import HTML


def start_filter(pith_bin, *extra):
    return subprocess.Popen(
        [str(pith_bin), "extract", "--input-format", "jsonl", "-q", *extra, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def reader_thread(stream, out: queue.Queue):
    def run():
        for line in stream:
            out.put(line)
        out.put(None)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_slow_feed_gets_each_answer_before_the_next_record(pith_bin):
    html = (HTML / "json_ld.html").read_text(encoding="utf-8")
    proc = start_filter(pith_bin)
    lines: queue.Queue = queue.Queue()
    reader_thread(proc.stdout, lines)
    for i in range(12):
        record = {"id": i, "url": f"https://x.example/{i}", "html": html, "shard": "s-7"}
        if i == 5:
            record = {"id": i, "html": 17}  # a bad record is an error line, not a stop
        proc.stdin.write((json.dumps(record) + "\n").encode())
        proc.stdin.flush()
        line = lines.get(timeout=20)  # arrives while stdin is still open
        out = json.loads(line)
        assert out["id"] == i
        if i == 5:
            assert out["error"]
        else:
            assert out["error"] is None and out["shard"] == "s-7"
            assert out["title"].startswith("Rivers reach record lows")
        time.sleep(0.05)
    proc.stdin.close()
    assert lines.get(timeout=20) is None  # nothing more
    assert proc.wait(timeout=20) == 1  # one record failed: exit code 1


def test_fast_feed_of_many_records_keeps_order_and_bounded_memory(pith_bin):
    html = (HTML / "table.html").read_text(encoding="utf-8") * 10  # ~29 KB a record
    n = 4000  # ~115 MB in all
    proc = start_filter(pith_bin, "-j", "2")
    lines: queue.Queue = queue.Queue()
    reader_thread(proc.stdout, lines)
    peak_kib = 0

    def feed():
        for i in range(n):
            proc.stdin.write((json.dumps({"id": i, "html": html}) + "\n").encode())
        proc.stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    ids = []
    while True:
        line = lines.get(timeout=60)
        if line is None:
            break
        ids.append(json.loads(line)["id"])
        if len(ids) % 200 == 0:
            with open(f"/proc/{proc.pid}/status") as f:
                for field in f:
                    if field.startswith("VmHWM:"):
                        peak_kib = max(peak_kib, int(field.split()[1]))
    assert proc.wait(timeout=60) == 0
    assert ids == list(range(n))
    # The input is ~115 MB; the filter holds a few records at a time.
    assert 0 < peak_kib < 64 * 1024, f"peak RSS {peak_kib} KiB"
