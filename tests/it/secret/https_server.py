"""Serves one file at /cert.pem over TLS on a free loopback port, for `--cert https://...`.

usage: https_server.py FILE SERVER_CERT.pem SERVER_KEY.pem; prints the port, then serves.
"""
import http.server
import ssl
import sys

with open(sys.argv[1], "rb") as f:
    BODY = f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/cert.pem":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/x-pem-file")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
