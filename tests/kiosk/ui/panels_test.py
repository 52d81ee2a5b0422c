#!/usr/bin/env python3
"""The window on every panel a store mounts: for 1920x1080, 1280x1024, 1366x768 and 1080x1920 portrait, an X server
of exactly that size with no window manager (Xvfb alone, as in a store's xinit), the real kiosk started with
--fullscreen, German and large text (the longest words at the largest size), and its own --screenshot: the picture
must have the screen's size, so the window took the whole screen."""
import os
import struct
import subprocess
import sys
import tempfile
import shutil

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e import fail, kiosk_environment, make_settings  # noqa: E402  (the same settings and environment as e2e.py)

PANELS = [(1920, 1080), (1280, 1024), (1366, 768), (1080, 1920)]


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        fail(path + " is not a PNG")
    return struct.unpack(">II", header[16:24])


def main():
    if len(sys.argv) < 4:
        fail("usage: panels_test.py XVFB_RUN KIOSK_BINARY REPO_ROOT [ARTIFACT_DIR]")
    xvfb_run, kiosk, repo = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    artifacts = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else os.path.join(repo, "artifacts", "kiosk")
    os.makedirs(artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="rl-kiosk-panels-")
    try:
        os.mkdir(os.path.join(work, "vouchers"))
        config = make_settings(kiosk, repo, work, idle_seconds=60, name="kiosk-panels")
        for width, height in PANELS:
            path = os.path.join(artifacts, "de-large-fullscreen-%dx%d.png" % (width, height))
            if os.path.exists(path):
                os.remove(path)
            # The kiosk's environment (ASan's and Mesa's preloads) for the kiosk alone, not for Xvfb.
            env = kiosk_environment(kiosk)
            preload = ["LD_PRELOAD=" + env["LD_PRELOAD"]] if "LD_PRELOAD" in env else []
            args = [xvfb_run, "-a", "-s", "-screen 0 %dx%dx24" % (width, height), "env", "SDL_AUDIODRIVER=dummy", *preload,
                    kiosk, "--config", config, "--catalog", os.path.join(repo, "assets", "catalog", "sample.csv"),
                    "--ledger", os.path.join(work, "ledger.sqlite"), "--voucher-dir", os.path.join(work, "vouchers"),
                    "--fullscreen", "--lang", "de", "--large-text", "--screenshot", path]
            result = subprocess.run(args, capture_output=True, text=True, timeout=180)
            if result.returncode != 0 or not os.path.exists(path):
                fail("%dx%d: the kiosk failed (%d): %s" % (width, height, result.returncode, result.stderr[-2000:]))
            got = png_size(path)
            if got != (width, height):
                fail("%dx%d: --fullscreen drew %dx%d, not the whole screen" % (width, height, got[0], got[1]))
            print("%dx%d: the fullscreen window fills the screen (%s)" % (width, height, path))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok: --fullscreen takes the screen's size on every panel, without a window manager")


if __name__ == "__main__":
    main()
