"""The official documents (services/documents): one Evaluasi Kinerja Pegawai, and the ZIP of all of DISDIK's.

On the demo (`kinerja demo` at KINERJA_TODAY=2025-11-20, loaded into --db when the SQLite file does not exist yet):
its CLOSED year (2023) is evaluated in full, and DISDIK holds about 1,205 finalized annual ratings.

1. One document, in-process: the facts of a DISDIK person with the most RHK and notes (the stored records, through
   the services) and the PDF rendered from them, `--repeats` times; median and max of each; then the same facts with
   10 RHK and every behaviour written out (the demo's evaluated year has no SKP), rendered as many times. Goal: the
   render under 300 ms.
2. The ZIP over HTTP: `kinerja serve --env production` (one worker), GET /documents/evaluasi.zip?agency=DISDIK&
   period=2023 with an ADMIN token, the body read as it streams. Meanwhile /healthz is asked every 100 ms (the event
   loop keeps answering while worker processes render), and the RSS of the server and its worker processes
   (summed, from /proc) is sampled every 50 ms. Goals: under 60 s, memory under 300 MB (the peak of that sum).
   Every entry of the archive is then checked to be a PDF.

    python benchmarks/documents.py [--db sqlite:///tmp/kinerja-bench/documents-demo.sqlite3] [--no-write]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

SECTION = "## Official documents (evaluation PDF, agency ZIP)"
TODAY = "2025-11-20"
YEAR = "2023"
AGENCY = "DISDIK"
RENDER_GOAL = 0.300
ZIP_GOAL = 60.0
MEMORY_GOAL_MB = 300


def demo_database(url: str) -> None:
    path = results.sqlite_path(url)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"loading the demo into {path}", flush=True)
    subprocess.run([sys.executable, "-m", "kinerja.cli", "demo", "--db", url], check=True, cwd=results.REPO,
                   stdout=subprocess.DEVNULL, env={**os.environ, "KINERJA_TODAY": TODAY})


async def one_document(url: str, repeats: int) -> dict:
    """Facts and render times of one DISDIK person's evaluation document (the one with the most RHK rated)."""
    from kinerja import db
    from kinerja.models import Assessment, Person, Rating
    from kinerja.services.documents import evaluasi
    from kinerja.services.documents.frame import Stamp

    await db.connect(url)
    try:
        ratings = await Rating.filter(agency__code=AGENCY, period=YEAR).values_list("person_id", "assessment_id")
        notes = {a.id: len(a.result_notes or ()) for a in await Assessment.filter(
            id__in=[a for _, a in ratings]).only("id", "result_notes")}
        person_id = max(ratings, key=lambda r: notes.get(r[1], 0))[0]
        person = await Person.get(id=person_id)
        facts_times, render_times, size, pages = [], [], 0, 0
        stamp = Stamp("A" * 24, "https://kinerja.tanjungpinangkota.go.id/verify/" + "A" * 24)
        import datetime as dt
        issued = dt.datetime(2025, 11, 20, 3, 0, tzinfo=dt.timezone.utc)
        evaluasi.render(await evaluasi.facts_of(person, YEAR), stamp, issued, "Tanjungpinang")  # fonts prepared once
        for _ in range(repeats):
            t0 = time.perf_counter()
            facts = await evaluasi.facts_of(person, YEAR)
            t1 = time.perf_counter()
            pdf = evaluasi.render(facts, stamp, issued, "Tanjungpinang")
            t2 = time.perf_counter()
            facts_times.append(t1 - t0)
            render_times.append(t2 - t1)
            size = len(pdf)
        from pypdf import PdfReader
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        # the demo's evaluated year has no SKP: the same facts with 10 RHK and every behaviour written out, texts
        # of a full form's length, for the render of a heavy document
        heavy = {**facts, "results": [
            {"key": f"R{n}", "kind": "MAIN" if n <= 7 else "ADDITIONAL",
             "work_result": "Terlaksananya pembelajaran tematik terpadu yang berpusat pada peserta didik di kelas "
                            f"rombongan belajar {n} sesuai kurikulum merdeka dan modul ajar yang telah disusun",
             "realization": f"{20 + n} pertemuan terlaksana dengan modul ajar, daftar hadir, dan foto kegiatan",
             "feedback": "Pelaksanaan sudah sesuai rencana; tingkatkan pemanfaatan asesmen formatif dan tindak lanjuti "
                         "peserta didik yang belum tuntas dengan remedial terjadwal serta laporan kepada orang tua",
             "rating": "SESUAI_EKSPEKTASI"} for n in range(1, 11)],
            "behaviours": [{**b, "expectation": "Hadir tepat waktu, menyelesaikan administrasi kelas sebelum tenggat, "
                                               "dan aktif dalam kegiatan kelompok kerja guru",
                            "feedback": "Sudah baik; pertahankan dan bagikan praktik baik kepada rekan sejawat"}
                           for b in facts["behaviours"]]}
        heavy_times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            heavy_pdf = evaluasi.render(heavy, stamp, issued, "Tanjungpinang")
            heavy_times.append(time.perf_counter() - t0)
        return {"nip": person.nip, "results": len(facts["results"]), "facts": facts_times, "render": render_times,
                "bytes": size, "pages": pages, "heavy": heavy_times, "heavy_bytes": len(heavy_pdf),
                "heavy_pages": len(PdfReader(io.BytesIO(heavy_pdf)).pages)}
    finally:
        await db.close()


def _tree_rss(pid: int) -> int:
    """RSS in bytes of the process and all its descendants (from /proc)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def the_zip(url: str) -> dict:
    import httpx

    token = subprocess.run([sys.executable, "-m", "kinerja.cli", "token", "create", "--role", "ADMIN", "--db", url],
                           check=True, capture_output=True, text=True, cwd=results.REPO).stdout.strip()
    with results.server(url, workers=1) as (base, pid, _log):
        stop = threading.Event()
        peaks = {"rss": _tree_rss(pid)}
        health: list[float] = []

        def sample() -> None:
            while not stop.is_set():
                peaks["rss"] = max(peaks["rss"], _tree_rss(pid))
                time.sleep(0.05)

        def ping() -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                while not stop.is_set():
                    t = time.perf_counter()
                    client.get("/healthz").raise_for_status()
                    health.append(time.perf_counter() - t)
                    time.sleep(0.1)

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=ping, daemon=True)]
        idle_rss = peaks["rss"]
        for t in threads:
            t.start()
        body = io.BytesIO()
        first_byte = None
        t0 = time.perf_counter()
        with httpx.Client(base_url=base, timeout=600) as client:
            with client.stream("GET", "/documents/evaluasi.zip", params={"agency": AGENCY, "period": YEAR},
                               headers={"Authorization": f"Bearer {token}"}) as response:
                response.raise_for_status()
                count = int(response.headers["x-document-count"])
                for chunk in response.iter_bytes():
                    if first_byte is None:
                        first_byte = time.perf_counter() - t0
                    body.write(chunk)
        seconds = time.perf_counter() - t0
        stop.set()
        for t in threads:
            t.join(timeout=5)
    archive = zipfile.ZipFile(body)
    names = archive.namelist()
    assert len(names) == count, (len(names), count)
    assert all(archive.read(n)[:5] == b"%PDF-" for n in names)
    return {"count": count, "seconds": seconds, "first_byte": first_byte, "bytes": body.tell(),
            "peak_rss": peaks["rss"], "idle_rss": idle_rss, "health": health}


def render_block(url: str, one: dict, z: dict) -> str:
    mb = 1024 * 1024
    render_med, render_max = statistics.median(one["render"]), max(one["render"])
    facts_med = statistics.median(one["facts"])
    health = sorted(z["health"])
    lines = [f"### {results.db_kind(url)}", "", *results.header(url),
             f"- data: the demo at KINERJA_TODAY={TODAY}; {AGENCY}'s annual evaluation {YEAR}: {z['count']} finalized "
             "ratings", "",
             "| measure | figure | goal |", "|---|---|---|",
             f"| one document: render (median / max of {len(one['render'])}) | {results.ms(render_med)} / "
             f"{results.ms(render_max)} ms | under {RENDER_GOAL * 1000:.0f} ms: **"
             f"{'met' if render_med < RENDER_GOAL else 'missed'}** |",
             f"| one document: its facts from the database (median) | {results.ms(facts_med)} ms | |",
             f"| a heavy document (10 RHK, every behaviour written; {one['heavy_pages']} pages, "
             f"{one['heavy_bytes']:,} bytes): render (median / max) | {results.ms(statistics.median(one['heavy']))} / "
             f"{results.ms(max(one['heavy']))} ms | under {RENDER_GOAL * 1000:.0f} ms: **"
             f"{'met' if statistics.median(one['heavy']) < RENDER_GOAL else 'missed'}** |",
             f"| one document: size, pages, RHK | {one['bytes']:,} bytes, {one['pages']} pages, {one['results']} RHK "
             "| |",
             f"| ZIP of {z['count']} documents over HTTP: wall clock | {z['seconds']:.1f} s (first bytes after "
             f"{z['first_byte']:.1f} s) | under {ZIP_GOAL:.0f} s: **{'met' if z['seconds'] < ZIP_GOAL else 'missed'}"
             "** |",
             f"| ZIP: peak RSS, server and its render processes summed | {z['peak_rss'] / mb:.0f} MB (at rest before: "
             f"{z['idle_rss'] / mb:.0f} MB) | under {MEMORY_GOAL_MB} MB: **"
             f"{'met' if z['peak_rss'] / mb < MEMORY_GOAL_MB else 'missed'}** |",
             f"| ZIP: size | {z['bytes'] / mb:.1f} MB ({z['bytes'] / max(z['count'], 1) / 1024:.0f} KB a document) | |",
             f"| /healthz meanwhile ({len(health)} requests): p50 / max | "
             f"{results.ms(statistics.median(health)) if health else '-'} / "
             f"{results.ms(health[-1]) if health else '-'} ms | answered throughout |", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite:///tmp/kinerja-bench/documents-demo.sqlite3",
                        help="the demo database (a missing SQLite file is loaded with `kinerja demo`)")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--no-write", action="store_true", help="print the block only")
    args = parser.parse_args()
    os.chdir(results.REPO)
    os.environ["KINERJA_TODAY"] = TODAY
    if not results.is_postgres(args.db):
        demo_database(args.db)
    one = asyncio.run(one_document(args.db, args.repeats))
    print(f"one document: render median {statistics.median(one['render']) * 1000:.1f} ms", file=sys.stderr)
    z = the_zip(args.db)
    print(f"zip: {z['count']} documents in {z['seconds']:.1f} s", file=sys.stderr)
    results.publish(SECTION, results.db_kind(args.db), render_block(args.db, one, z), args.no_write)


if __name__ == "__main__":
    main()
