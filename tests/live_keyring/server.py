# Test site for the live keyring test: sets two persistent cookies and a session one.
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<html><body>cookies set</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Set-Cookie", "sid=live-v11-abc123; Max-Age=86400; Path=/; HttpOnly")
        self.send_header("Set-Cookie", "theme=dark; Max-Age=86400; Path=/; SameSite=Strict")
        self.send_header("Set-Cookie", "sess=only-this-session; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
srv = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H)
open(sys.argv[2], "w").close()
srv.serve_forever()
