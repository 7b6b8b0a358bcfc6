# Runs Chromium (argv[2:]) with --remote-debugging-pipe, waits until it holds argv[1]
# cookies, then quits it through Browser.close so its cookie store is flushed.
import json, os, subprocess, sys, time
to_r, to_w = os.pipe()
from_r, from_w = os.pipe()
def pipe_fds():
    a, b = os.dup(to_r), os.dup(from_w)
    os.dup2(a, 3)
    os.dup2(b, 4)
p = subprocess.Popen(sys.argv[2:] + ["--remote-debugging-pipe"], preexec_fn=pipe_fds,
                     close_fds=False, stdin=subprocess.DEVNULL)
os.close(to_r)
os.close(from_w)
buf = b""
def call(i, method):
    global buf
    os.write(to_w, json.dumps({"id": i, "method": method}).encode() + b"\0")
    while True:
        while b"\0" not in buf:
            chunk = os.read(from_r, 65536)
            if not chunk:
                sys.exit("chromium closed the debugging pipe")
            buf += chunk
        msg, buf = buf.split(b"\0", 1)
        reply = json.loads(msg)
        if reply.get("id") == i:
            return reply
for i in range(150):
    if len(call(i, "Storage.getCookies")["result"]["cookies"]) >= int(sys.argv[1]):
        break
    time.sleep(0.2)
else:
    p.kill()
    sys.exit("chromium never held the cookies")
call(1000, "Browser.close")
sys.exit(p.wait(timeout=30))
