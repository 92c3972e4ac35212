"""DEV AID ONLY: a tiny fake of Rasa's REST channel for working on the widget without the real stack.

    .venv/bin/python tests/browser/fake_rasa.py --port 5005

It answers `GET /` with "Hello from Rasa" and `POST /webhooks/rest/webhook` with canned messages that
use every kind of message the widget renders (text with URL, buttons, sources, estimate, handoff,
unknown custom type). CORS: any origin is echoed back. The tests that check real answers use the
`rasa_stack` fixture, never this; the widget-only tests (rendering of estimates, handoff) use it.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SOURCES = {"type": "sources", "sources": [{
    "sheet_id": "cnaf-sppe-2024",
    "title": "La Caf aux côtés des collectivités pour réussir le service public de la petite enfance",
    "publisher": "Cnaf", "edition": 2024, "section": "Les collectivités pilotent la politique locale"}]}

ESTIMATE = {"type": "estimate", "breakdown": {
    "title": "Estimation : bonus territoire pour 10 nouvelles places de crèche",
    "lines": [
        {"label": "Bonus territoire Ctg", "amount": 26000, "formula": "10 places × 2 600 €",
         "parameter": "bonus_territoire_par_place = 2 600 €", "reference": "Loire 2020, Crèches"},
        {"label": "Bonus mixité sociale", "min": 3000, "max": 21000, "formula": "10 places × 300 à 2 100 €",
         "parameter": "bonus_mixite", "reference": "Loire 2020, Crèches"},
        {"label": "Aide à l'investissement", "max": 170000, "formula": "10 places × 17 000 €",
         "parameter": "piaje_max_par_place", "reference": "Loire 2020, Crèches"},
    ],
    "ceilings": [{"label": "80 % du coût du projet", "amount": 160000, "binds": True}],
    "total_min": 189000, "total_max": 207000,
    "caveat": "Estimation indicative et non contractuelle ; la décision revient aux conseillers de la Caf.",
    "rules_date": "2024-01-01"}}


def replies_for(sender: str, message: str) -> list[dict]:
    text = message.lower()
    out: list[dict] = []
    if text.startswith("/"):
        return [{"recipient_id": sender, "text": f"Vous avez choisi « {message} »."}]
    if "bonjour" in text or "menu" in text:
        out.append({"recipient_id": sender, "text": "Bonjour ! Que voulez-vous savoir ?",
                    "buttons": [{"title": "Une crèche", "payload": "/ask_question{\"aide\": \"creche\"}"},
                                {"title": "La Ctg", "payload": "c'est quoi une ctg"}]})
    elif "ctg" in text or "convention" in text:
        out.append({"recipient_id": sender, "text": "La convention territoriale globale (Ctg) est signée "
                    "entre la Caf et la collectivité.\nEn savoir plus : https://www.caf.fr/partenaires."})
        out.append({"recipient_id": sender, "custom": SOURCES})
    elif "estimation" in text or "combien" in text:
        out.append({"recipient_id": sender, "text": "Voici une estimation indicative :"})
        out.append({"recipient_id": sender, "custom": ESTIMATE})
    elif "personne" in text or "humain" in text:
        out.append({"recipient_id": sender, "text": "Je transmets votre demande."})
        out.append({"recipient_id": sender, "custom": {"type": "handoff", "ticket_id": "T-0042", "status": "open"}})
    elif "lent" in text:
        time.sleep(2)
        out.append({"recipient_id": sender, "text": "Réponse lente."})
    else:
        out.append({"recipient_id": sender, "text": f"Vous avez écrit : {message}"})
        out.append({"recipient_id": sender, "custom": {"type": "carousel", "items": []}})  # ignored by the widget
    return out


class FakeRasaHandler(BaseHTTPRequestHandler):
    received: list[dict] = []

    def cors(self) -> None:
        origin = self.headers.get("Origin")
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self.cors()
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        body = b"Hello from Rasa: 3.6.21"
        self.send_response(200)
        self.cors()
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length) or b"{}")
        self.received.append(data)
        body = json.dumps(replies_for(str(data.get("sender")), str(data.get("message", ""))),
                          ensure_ascii=False).encode()
        self.send_response(200)
        self.cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def start(port: int = 0, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer((host, port), FakeRasaHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Faux serveur Rasa (aide au développement du widget)")
    parser.add_argument("--port", type=int, default=5005)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), FakeRasaHandler)
    print(f"faux Rasa sur http://127.0.0.1:{args.port}", flush=True)
    server.serve_forever()
