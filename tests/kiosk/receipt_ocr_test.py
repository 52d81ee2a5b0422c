#!/usr/bin/env python3
"""Every voucher layout in every kiosk language, on screen (PNG) and on paper (the ESC/POS dots): zbarimg decodes
each barcode, and tesseract, restricted to digits, reads the line printed under each EAN-13 and Code 128 on its
own. The line must be complete and say exactly what the barcode carries (the issue's "last digit cut" bug)."""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


def zbar(zbarimg, pngs):
    """{png: {symbol type: [data, ...]}} for a batch of images (one zbarimg process, its XML names each source)."""
    r = subprocess.run([zbarimg, "--xml", "-q", "--nodbus"] + pngs, capture_output=True, text=True, timeout=120)
    ns = {"z": "http://zbar.sourceforge.net/2008/barcode"}
    found = {png: {} for png in pngs}
    for source in ET.fromstring(r.stdout).findall("z:source", ns):
        for symbol in source.iter("{%s}symbol" % ns["z"]):
            found[source.get("href")].setdefault(symbol.get("type"), []).append(symbol.find("z:data", ns).text)
    return found


def ocr_digits(tesseract, pngs):
    """The digits tesseract reads in each image of a batch, as one line each (psm 7); the whitelist keeps it from
    guessing letters. Spaces between the groups of five are layout, not content. One process reads the batch (a
    list file); its pages come out in order, separated by form feeds."""
    listing = pngs[0] + ".list"
    with open(listing, "w") as f:
        f.write("\n".join(pngs) + "\n")
    r = subprocess.run([tesseract, listing, "stdout", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789"],
                       capture_output=True, text=True, timeout=120, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    pages = r.stdout.split("\f")
    if len(pages) > len(pngs) and not pages[-1].strip():
        pages.pop()
    return {png: "".join(c for c in page if c.isdigit()) for png, page in zip(pngs, pages)} if len(pages) == len(pngs) else {}


def halves(items):
    return [items[: len(items) // 2], items[len(items) // 2:]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", required=True, help="returnloop_receipt_samples")
    parser.add_argument("--i18n", required=True)
    parser.add_argument("--zbarimg", default="zbarimg")
    parser.add_argument("--tesseract", default="tesseract")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="rl-receipt-ocr-")
    try:
        r = subprocess.run([args.samples, args.i18n, work], capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, "the samples were rendered: %s" % r.stderr[-500:])
        with open(os.path.join(work, "manifest.jsonl")) as f:
            receipts = [json.loads(line) for line in f]
        languages = {e["language"] for e in receipts}
        layouts = {(e["layout"], e["profile"]) for e in receipts}
        check(languages == {"en", "zh-CN", "es", "de"}, "every kiosk language: %s" % sorted(languages))
        check(len(layouts) == 6 and len(receipts) == 24, "every layout on screen and paper: %d receipts" % len(receipts))

        pngs = [os.path.join(work, e["png"]) for e in receipts]
        crops = [os.path.join(work, sym["caption"]) for e in receipts for sym in e["symbols"] if "caption" in sym]
        decoded, read = {}, {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:  # two batches each: the CI machine has 2 cores
            zbar_jobs = [pool.submit(zbar, args.zbarimg, batch) for batch in halves(pngs)]
            ocr_jobs = [pool.submit(ocr_digits, args.tesseract, batch) for batch in halves(crops)]
            for job in zbar_jobs:
                decoded.update({os.path.basename(k): v for k, v in job.result().items()})
            for job in ocr_jobs:
                read.update({os.path.basename(k): v for k, v in job.result().items()})
        check(len(read) == len(crops), "tesseract answered for every line: %d of %d" % (len(read), len(crops)))

        lines_read = 0
        for e in receipts:
            name = "%s %s %s" % (e["language"], e["layout"], e["profile"])
            found = decoded[e["png"]]
            expected_types = sorted(s["type"] for s in e["symbols"])
            check(sorted(found) == expected_types, "%s: zbarimg finds %s, expected %s" % (name, sorted(found), expected_types))
            for s in e["symbols"]:
                barcode = found.get(s["type"], [None])
                check(barcode == [s["data"]], "%s: the %s decodes to %s, issued %s" % (name, s["type"], barcode, s["data"]))
                if "caption" not in s:
                    continue
                digits = read.get(s["caption"], "")
                lines_read += 1
                check(digits == barcode[0], "%s: the line under the %s reads %r (%d digits at %d px), the barcode carries %r"
                      % (name, s["type"], digits, len(digits), s["captionPx"], barcode[0]))
        check(lines_read == 32, "every EAN-13 and Code 128 line was read: %d" % lines_read)
        print("%d receipts, %d barcodes decoded, %d human-readable lines read by OCR" %
              (len(receipts), sum(len(e["symbols"]) for e in receipts), lines_read))
    finally:
        if failures:
            print("samples kept in " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
