#!/usr/bin/env python3
"""pdftext.py FILE - prints the text that cairo drew in a PDF, one string per
line: every content stream is inflated and the strings shown with Tj / TJ
are unescaped (cairo's simple fonts map their codes 1:1 to Latin-1).  For
tests/cli/report.sh, which looks for names in the startfoto's PDF."""
import re
import sys
import zlib

ESC = {b'n': b'\n', b'r': b'\r', b't': b'\t', b'b': b'\b', b'f': b'\f',
       b'(': b'(', b')': b')', b'\\': b'\\'}


def strings(content):
    out, i, n = [], 0, len(content)
    while i < n:
        if content[i:i + 1] != b'(':
            i += 1
            continue
        depth, i, s = 1, i + 1, bytearray()
        while i < n and depth:
            c = content[i:i + 1]
            if c == b'\\':
                nxt = content[i + 1:i + 2]
                m = re.match(rb'[0-7]{1,3}', content[i + 1:i + 4])
                if m:
                    s.append(int(m.group(0), 8) & 0xff)
                    i += 1 + len(m.group(0))
                    continue
                s += ESC.get(nxt, nxt)
                i += 2
                continue
            if c == b'(':
                depth += 1
            elif c == b')':
                depth -= 1
                if not depth:
                    break
            s += c
            i += 1
        out.append(bytes(s).decode('latin-1'))
        i += 1
    return out


def main():
    data = open(sys.argv[1], 'rb').read()
    for m in re.finditer(rb'stream\r?\n(.*?)\r?\nendstream', data, re.S):
        try:
            content = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        if b'Tj' in content or b'TJ' in content:
            for s in strings(content):
                print(s)


main()
