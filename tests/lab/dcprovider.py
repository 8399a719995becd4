#!/usr/bin/env python3
"""dcprovider.py — the DNS providers of the Domain Connect lab: an HTTPS
server on the lab's @DC@ address (127.NET.6, tests/lab/lab.sh) that plays
every provider of tests/lab/dc-settings.json, told apart by the Host header,
with one certificate for all their host names (tests/lib/dclab.sh makes it).
Python's standard library only, plus the openssl command for signatures.

  dcprovider.py --config FILE --listen ADDR [--port N] --cert PEM --cert-key PEM
                --template FILE --pubkey PEM --key-host HOST
                --zones DIR --lab DIR --lab-sh PATH --state DIR --log FILE
  dcprovider.py --config FILE --print-hosts

The config (JSON): "providers": {ID: {"hosts": {HOST: "api"|"sync"|"panel"},
"outside_certificate": [HOST…], "templates": ["PROVIDERID/SERVICEID"…],
"settings": {…}}}, and "zones": {ZONE: {"provider": ID, and at most one of
"settings": {…} (instead of the provider's), "status": N (with "location"
for a redirect), "body": "raw text", "big": BYTES (valid JSON of that size)}}.
A zone not in "zones" is hosted by no provider.

Endpoints (anything else: 404):
  GET /v2/{zone}/settings on an api host: the zone's settings when that
    host's provider hosts the zone, else 404.
  GET /v2/domainTemplates/providers/{pid}/services/{sid} on an api host:
    200 with the template (--template) when the provider has "pid/sid" in
    its "templates" and the file is that template, else 404.
  GET /v2/domainTemplates/providers/{pid}/services/{sid}/apply?QUERY&sig=…&key=…
    on a sync host: 404 when the provider lacks the template; 403 unless
    key equals --key-host and sig (form-decoded, then base64) is an RS256
    signature over QUERY (the bytes before "&sig=") that the --pubkey key
    verifies (openssl dgst -sha256 -verify), and nothing but sig and key
    follows it; 400 without a domain the provider hosts, for a bad host
    or a template variable the query lacks. Then each SPFM record of the
    template is merged into the zone (a provider's view of the Domain Connect
    spec, "SPF TXT Record"): the rules go into the SPF record at that name,
    before its final all (its qualifier kept), or before redirect=, else at
    the end, each rule only once; without an SPF record a new one is
    "v=spf1 RULES -all". The zone's template text (the provider's copy:
    STATE/zones/ZONE.zone, at first from --zones) gets that TXT line and is
    served through `lab.sh set LAB ns1 ZONE FILE`, then ns2 — only ns1
    while the file STATE/only-ns1 exists (a lagging secondary). 200
    "applied" once both sets have returned; 500 when a set fails.
Each request is logged as one line to --log: HOST "REQUEST LINE" STATUS [why];
a failed TLS handshake, or a connection closed without a request, as
"- tls WHY".
"""
import argparse
import base64
import json
import os
import re
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

TEMPLATE_PATH = re.compile(r"^/v2/domainTemplates/providers/([^/]+)/services/([^/]+)(/apply)?$")
SETTINGS_PATH = re.compile(r"^/v2/([^/]+)/settings$")
ALL_TERM = re.compile(r"^[-+~?]?all$", re.IGNORECASE)
LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
VARIABLE = re.compile(r"%([A-Za-z0-9_]+)%")
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s"]+')
SOCKET_TIMEOUT = 10


class Refusal(Exception):
    """An answer other than 200 (status, a reason for the log and the body)."""

    def __init__(self, status, why):
        super().__init__(why)
        self.status = status
        self.why = why


# --- zone template text --------------------------------------------------


def strip_comment(line):
    """The line without its comment (a ";" outside quotes)."""
    quoted = escaped = False
    for i, c in enumerate(line):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == '"':
            quoted = not quoted
        elif c == ";" and not quoted:
            return line[:i]
    return line


def unquote_txt(token):
    """The bytes of one quoted TXT string (\\X and \\DDD escapes, RFC 1035 5.1)."""
    text = token[1:-1]
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            if text[i + 1 : i + 4].isdigit() and len(text[i + 1 : i + 4]) == 3:
                out.append(chr(int(text[i + 1 : i + 4])))
                i += 4
                continue
            out.append(text[i + 1])
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def quote_txt(data):
    """DATA as TXT strings of at most 255 bytes each, quoted for a zone file."""
    chunks = [data[i : i + 255] for i in range(0, len(data), 255)] or [""]
    return " ".join('"%s"' % c.replace("\\", "\\\\").replace('"', '\\"') for c in chunks)


def absolute(name, origin):
    if name == "@":
        return origin
    if name.endswith("."):
        return name.lower()
    return (name + "." + origin).lower()


def spf_records(text, zone):
    """The SPF TXT records of a zone template: (line index, owner name, data)."""
    origin = zone.lower().rstrip(".") + "."
    owner = None
    depth = 0
    found = []
    for i, raw in enumerate(text.split("\n")):
        line = strip_comment(raw)
        if depth > 0:  # inside a record's ( … ) on later lines
            depth += line.count("(") - line.count(")")
            continue
        if not line.strip():
            continue
        tokens = TOKEN.findall(line)
        if tokens[0].upper() == "$ORIGIN" and len(tokens) > 1:
            origin = absolute(tokens[1], origin)
            continue
        if tokens[0].startswith("$"):
            continue
        depth = line.count("(") - line.count(")")
        if not line[0].isspace():
            owner = absolute(tokens[0], origin)
            tokens = tokens[1:]
        while tokens and (tokens[0].isdigit() or tokens[0].upper() in ("IN", "CH", "HS")):
            tokens = tokens[1:]
        if not tokens or tokens[0].upper() != "TXT" or owner is None:
            continue
        data = "".join(unquote_txt(t) for t in tokens[1:] if t.startswith('"'))
        if data.lower() == "v=spf1" or data.lower().startswith("v=spf1 "):
            found.append((i, owner, data))
    return found


def merge_rules(record, rules):
    """RECORD with the RULES it lacks inserted before its final all (or
    before redirect=, else at its end); None when it has them all."""
    terms = record.split()
    have = {t.lower() for t in terms}
    new = [r for r in rules.split() if r.lower() not in have]
    if not new:
        return None
    at = len(terms)
    alls = [i for i, t in enumerate(terms) if ALL_TERM.match(t)]
    redirects = [i for i, t in enumerate(terms) if t.lower().startswith("redirect=")]
    if alls:
        at = alls[-1]
    elif redirects:
        at = redirects[0]
    return " ".join(terms[:at] + new + terms[at:])


def apply_spfm(text, zone, name, rules):
    """The zone template TEXT with RULES merged into the SPF record at NAME
    (absolute, lower case) or a new record there. None when nothing changes."""
    lines = text.split("\n")
    for index, owner, data in spf_records(text, zone):
        if owner != name:
            continue
        merged = merge_rules(data, rules)
        if merged is None:
            return None
        line = lines[index]
        m = re.match(r"^(.*?\sTXT\s+)", strip_comment(line), re.IGNORECASE)
        lines[index] = m.group(1) + quote_txt(merged)
        return "\n".join(lines)
    if lines and lines[-1] == "":
        lines.pop()
    lines.append("; set by tests/lab/dcprovider.py (SPFM)")
    lines.append("%s IN TXT %s" % (name, quote_txt("v=spf1 %s -all" % " ".join(rules.split()))))
    return "\n".join(lines) + "\n"


# --- the server -----------------------------------------------------------


class Provider:
    def __init__(self, opts):
        self.opts = opts
        with open(opts.config, encoding="utf-8") as f:
            self.config = json.load(f)
        with open(opts.template, encoding="utf-8") as f:
            self.template_text = f.read()
        self.template = json.loads(self.template_text)
        self.template_id = "%s/%s" % (self.template["providerId"], self.template["serviceId"])
        self.hosts = {}
        for pid, p in self.config["providers"].items():
            for host, role in p["hosts"].items():
                self.hosts[host.lower()] = (pid, role)
        self.apply_lock = threading.Lock()
        self.log_lock = threading.Lock()
        os.makedirs(os.path.join(opts.state, "zones"), exist_ok=True)

    def log(self, line):
        with self.log_lock, open(self.opts.log, "a", encoding="utf-8") as f:
            f.write(line + "\n")

    def has_template(self, pid, tid):
        return tid in self.config["providers"][pid].get("templates", []) and tid == self.template_id

    def zone_of(self, pid, zone):
        z = self.config["zones"].get(zone)
        return z if z is not None and z.get("provider") == pid else None

    # GET /v2/{zone}/settings
    def settings(self, pid, zone):
        z = self.zone_of(pid, zone)
        if z is None:
            raise Refusal(404, "not hosted here")
        if "status" in z:
            headers = {"Location": z["location"]} if "location" in z else {}
            return z["status"], "application/json", b"", headers
        if "body" in z:
            return 200, "application/json", z["body"].encode(), {}
        settings = z.get("settings", self.config["providers"][pid]["settings"])
        body = json.dumps(settings)
        if "big" in z:
            # Valid JSON of exactly "big" bytes: the settings with padding.
            pad = z["big"] - len(json.dumps(dict(settings, padding="")))
            body = json.dumps(dict(settings, padding="x" * max(pad, 0)))
        return 200, "application/json", body.encode(), {}

    # GET …/apply?…
    def apply(self, pid, tid, raw_query):
        if not self.has_template(pid, tid):
            raise Refusal(404, "template not enabled here")
        cut = raw_query.find("&sig=")
        if cut < 0:
            raise Refusal(403, "not signed")
        signed = raw_query[:cut]
        tail = urllib.parse.parse_qsl(raw_query[cut + 1 :], keep_blank_values=True)
        if sorted(k for k, _ in tail) != ["key", "sig"]:
            raise Refusal(403, "sig and key, and nothing else, must end the query")
        tail = dict(tail)
        if tail["key"] != self.opts.key_host:
            raise Refusal(403, "key %r is not %r" % (tail["key"], self.opts.key_host))
        try:
            signature = base64.b64decode(tail["sig"], validate=True)
        except ValueError:
            raise Refusal(403, "sig is no base64")
        if not self.verify(signed.encode(), signature):
            raise Refusal(403, "bad signature")
        params = {}
        for k, v in urllib.parse.parse_qsl(signed, keep_blank_values=True):
            if k in params:
                raise Refusal(400, "parameter %s twice" % k)
            params[k] = v
        zone = params.get("domain", "").lower().rstrip(".")
        if not zone or self.zone_of(pid, zone) is None:
            raise Refusal(400, "no domain hosted here: %r" % zone)
        host = params.get("host", "").lower().rstrip(".")
        if host in ("", "@"):
            host = ""
        elif not all(LABEL.match(label) for label in host.split(".")):
            raise Refusal(400, "bad host %r" % host)
        with self.apply_lock:
            return self.write(zone, host, params)

    def verify(self, data, signature):
        with tempfile.TemporaryDirectory(dir=self.opts.state) as tmp:
            data_file = os.path.join(tmp, "data")
            sig_file = os.path.join(tmp, "sig")
            with open(data_file, "wb") as f:
                f.write(data)
            with open(sig_file, "wb") as f:
                f.write(signature)
            r = subprocess.run(
                ["openssl", "dgst", "-sha256", "-verify", self.opts.pubkey, "-signature", sig_file, data_file],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            return r.returncode == 0

    def variables(self, text, zone, host, params):
        def value(m):
            name = m.group(1)
            builtin = {"domain": zone, "host": host, "fqdn": (host + "." + zone if host else zone) + "."}
            if name in builtin:
                return builtin[name]
            if name not in params:
                raise Refusal(400, "variable %s missing" % name)
            return params[name]

        return VARIABLE.sub(value, text)

    def write(self, zone, host, params):
        copy = os.path.join(self.opts.state, "zones", zone + ".zone")
        source = copy if os.path.exists(copy) else os.path.join(self.opts.zones, zone + ".zone")
        with open(source, encoding="utf-8") as f:
            text = f.read()
        base = (host + "." + zone if host else zone) + "."
        changed = False
        for record in self.template.get("records", []):
            if record.get("type", "").upper() != "SPFM":
                continue
            where = self.variables(record.get("host", "@"), zone, host, params)
            if where in ("@", ""):
                name = base
            elif where.endswith("."):
                name = where.lower()
            else:
                name = (where + "." + base).lower()
            rules = self.variables(record["spfRules"], zone, host, params)
            new = apply_spfm(text, zone, name, rules)
            if new is not None:
                text, changed = new, True
        if not changed:
            return "applied (nothing to change)"
        tmp = copy + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, copy)
        servers = ["ns1"] if os.path.exists(os.path.join(self.opts.state, "only-ns1")) else ["ns1", "ns2"]
        for server in servers:
            r = subprocess.run(
                [self.opts.lab_sh, "set", self.opts.lab, server, zone, copy],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            if r.returncode != 0:
                raise Refusal(500, "lab.sh set %s failed: %s" % (server, r.stdout.strip()))
        return "applied on " + " ".join(servers)


class Handler(BaseHTTPRequestHandler):
    server_version = "dcprovider"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # http.server's own log: not wanted
        pass

    def answer(self, status, ctype, body, headers=None, why=""):
        provider = self.server.provider
        host = self.headers.get("Host", "-")
        provider.log('%s "%s" %d%s' % (host, self.requestline, status, " " + why if why else ""))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client went away (a size limit, a time-out)
        self.close_connection = True

    def do_GET(self):
        provider = self.server.provider
        host = self.headers.get("Host", "").lower()
        host = re.sub(r":\d+$", "", host)
        path, _, query = self.path.partition("?")
        pid, role = provider.hosts.get(host, (None, None))
        try:
            if pid is None:
                raise Refusal(404, "unknown host")
            m = SETTINGS_PATH.match(path)
            if m and role == "api":
                zone = urllib.parse.unquote(m.group(1)).lower().rstrip(".")
                status, ctype, body, headers = provider.settings(pid, zone)
                return self.answer(status, ctype, body, headers)
            m = TEMPLATE_PATH.match(path)
            if m and role == "api" and not m.group(3):
                tid = "%s/%s" % tuple(urllib.parse.unquote(g) for g in m.group(1, 2))
                if not provider.has_template(pid, tid):
                    raise Refusal(404, "template not enabled here")
                return self.answer(200, "application/json", provider.template_text.encode())
            if m and role == "sync" and m.group(3):
                tid = "%s/%s" % tuple(urllib.parse.unquote(g) for g in m.group(1, 2))
                done = provider.apply(pid, tid, query)
                body = "<!DOCTYPE html>\n<title>%s</title>\n<p>applied</p>\n" % pid
                return self.answer(200, "text/html; charset=utf-8", body.encode(), why=done)
            raise Refusal(404, "no such endpoint")
        except Refusal as r:
            self.answer(r.status, "text/plain; charset=utf-8", (r.why + "\n").encode(), why=r.why)


class Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def finish_request(self, request, client_address):
        # The handshake in the request's thread, so a slow client holds up
        # nobody else.
        request.settimeout(SOCKET_TIMEOUT)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            self.provider.log("- tls %s" % e)
            return
        try:
            handler = self.RequestHandlerClass(tls, client_address, self)
            if not getattr(handler, "raw_requestline", b""):
                # A client that refuses the certificate after the handshake
                # without an alert (a name it does not cover).
                self.provider.log("- tls closed without a request")
        except ssl.SSLError as e:  # TLS 1.3: the client's alert comes after the handshake
            self.provider.log("- tls %s" % e)
        except OSError:
            pass
        finally:
            tls.close()


def certificate_hosts(config):
    for p in config["providers"].values():
        outside = set(p.get("outside_certificate", []))
        for host in p["hosts"]:
            if host not in outside:
                yield host


def main():
    ap = argparse.ArgumentParser(description="The Domain Connect lab's DNS providers.")
    ap.add_argument("--config", required=True)
    ap.add_argument("--print-hosts", action="store_true", help="the certificate's host names, then exit")
    ap.add_argument("--listen")
    ap.add_argument("--port", type=int, default=443)
    ap.add_argument("--cert")
    ap.add_argument("--cert-key")
    ap.add_argument("--template")
    ap.add_argument("--pubkey")
    ap.add_argument("--key-host")
    ap.add_argument("--zones")
    ap.add_argument("--lab")
    ap.add_argument("--lab-sh")
    ap.add_argument("--state")
    ap.add_argument("--log")
    opts = ap.parse_args()
    if opts.print_hosts:
        with open(opts.config, encoding="utf-8") as f:
            print("\n".join(certificate_hosts(json.load(f))))
        return 0
    needed = ["listen", "cert", "cert_key", "template", "pubkey", "key_host", "zones", "lab", "lab_sh", "state", "log"]
    missing = [n for n in needed if getattr(opts, n) is None]
    if missing:
        ap.error("missing: " + " ".join("--" + n.replace("_", "-") for n in missing))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(opts.cert, opts.cert_key)
    server = Server((opts.listen, opts.port), Handler)
    server.context = context
    server.provider = Provider(opts)
    server.provider.log("- started on %s:%d" % (opts.listen, opts.port))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
