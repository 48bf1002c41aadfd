#!/usr/bin/env python3
"""A sample SKM report for the sample catalogue with simulated answers (docs/survey.md).

Starts the queue server (debug build) on a fresh SQLite file with the sample catalogue and its clock
at Monday 2 March 2026 10:00 WITA, issues and serves tickets of a few services, answers the survey of
most of them with seeded random answers (each service with its own leaning), then starts it again with
its clock at 6 April 2026 (March ended) and writes the March 2026 report as JSON, CSV and the printable
page to docs/survey-sample/ (or the directory given).
Usage: scripts/survey-sample-report.py [OUT_DIR] [SEED]
"""
import json, os, random, re, subprocess, sys, tempfile, time, urllib.error, urllib.request, uuid

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "docs", "survey-sample")
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20)
catalogue = os.path.join(root, "kiosk-config", "catalogue-badung-sample.json")
binary = os.path.join(
    subprocess.check_output(["swift", "build", "--package-path", os.path.join(root, "queue-server"), "--show-bin-path"], text=True).strip(),
    "queue-server")
monday = 1_772_416_800_000
work = tempfile.mkdtemp()
db = os.path.join(work, "q.db")
kiosk = subprocess.check_output([binary, "add-token", "--db", db, "--role", "kiosk", "--id", "k1", "--catalogue", catalogue], text=True).strip()
staff = subprocess.check_output([binary, "add-token", "--db", db, "--role", "staff", "--id", "s1"], text=True).strip()
# The report shows a period's figures once it has ended and its late answers' days have passed (docs/survey.md).
after_march = monday + 35 * 86_400_000


def start(clock):
    """The server on `db` with its clock from `clock`, and its port."""
    log = open(os.path.join(work, f"out-{clock}"), "w+")
    process = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--always-open", "--clock-start", str(clock)], stdout=log, stderr=log)
    for _ in range(200):
        log.seek(0)
        found = re.search(r"^queue-server listening on .*:(\d+)$", log.read(), re.M)
        if found:
            return process, int(found.group(1))
        time.sleep(0.1)
    process.terminate()
    raise AssertionError("the server did not start")


server, port = start(monday)
try:
    def call(method, path, token, body=None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    # Services of several agencies, each with a leaning: the chance of each answer 1, 2, 3, 4.
    leanings = {
        "ktp-el": [1, 5, 45, 49], "kartu-keluarga": [2, 8, 55, 35], "akta-kelahiran": [0, 3, 40, 57], "meterai": [0, 2, 30, 68],
        "sim-perpanjangan": [4, 16, 55, 25], "paspor-baru": [6, 20, 54, 20], "npwp": [1, 9, 50, 40], "jkn-pendaftaran": [10, 25, 45, 20],
        "kartu-identitas-anak": [2, 10, 50, 38],
    }
    # Fewer than five answers: counted in its agency's and the site's figures, not listed on its own.
    few = {"kartu-identitas-anak": 3}
    services = {service["id"] for service in json.load(open(catalogue))["services"]}
    suggestions = ["Ruang tunggu kurang kursi", "Petugas ramah, terima kasih", "Antrean cepat", "AC di lantai 2 panas",
                   "Mohon tambah loket pada hari Senin", "Informasi persyaratan di website belum lengkap"]
    for service, weights in leanings.items():
        if service not in services:
            continue
        served = few.get(service) or rng.randint(12, 40)
        for _ in range(served):
            ticket = str(uuid.uuid4())
            status, _ = call("POST", "/v1/tickets", kiosk, {"ticketId": ticket, "serviceId": service, "issuedAt": monday,
                                                             "clockOffsetMs": 0, "language": "id", "priority": False})
            if status == 422:  # the service's daily quota is used up
                break
            assert status == 201, (service, status)
            status, _ = call("POST", "/v1/counter/call-next", staff, {"counterId": "c1", "serviceIds": [service], "day": "2026-03-02"})
            assert status == 200
            for action in ("start", "done"):
                assert call("POST", f"/v1/tickets/{ticket}/{action}", staff)[0] == 200
            if service in few or rng.random() < 0.8:
                answers = rng.choices([1, 2, 3, 4], weights=weights, k=9)
                body = {"answers": answers}
                if rng.random() < 0.15:
                    body["suggestion"] = rng.choice(suggestions)
                assert call("POST", f"/v1/tickets/{ticket}/survey", kiosk, body)[0] == 201
    server.terminate()
    server.wait()
    server, port = start(after_march)
    os.makedirs(out, exist_ok=True)
    for suffix, name in (("", "report-2026-03.json"), (".csv", "report-2026-03.csv"), (".html", "report-2026-03.html")):
        status, body = call("GET", f"/v1/surveys/report{suffix}?period=2026-03", staff)
        assert status == 200
        open(os.path.join(out, name), "wb").write(body)
    print(f"wrote {out}/report-2026-03.{{json,csv,html}}")
finally:
    server.terminate()
    server.wait()
