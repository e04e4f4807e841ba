"""Write ``assets/favicon.ico``: a 32×32 port mark (a ring in the site's accent blue).

Dash links ``assets/favicon.ico`` when it exists instead of its own 15 KB icon (sent
uncompressed: browsers ask for it on every first visit). This one is a few hundred bytes: an
ICO wrapping one PNG, 4-bit palette of the accent colour (``--accent`` in ``style.css``) at 16
opacities, so the ring's edges are smooth. Pure standard library; run it again after changing
the mark:

    python tools/build_favicon.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZE = 32
ACCENT = (0x00, 0x57, 0xA3)     # --accent in assets/style.css
OUTER, INNER = 13.5, 6.0         # ring radii in pixels: a port marker, readable at 16 px too
LEVELS = 16                      # opacities in the palette (4 bits a pixel)
SAMPLES = 4                      # 4×4 samples a pixel for the edge coverage

OUT = Path(__file__).resolve().parent.parent / "assets" / "favicon.ico"


def coverage(x: int, y: int) -> float:
    """The share of pixel (x, y) inside the ring."""
    centre = SIZE / 2
    inside = 0
    for i in range(SAMPLES):
        for j in range(SAMPLES):
            dx = x + (i + 0.5) / SAMPLES - centre
            dy = y + (j + 0.5) / SAMPLES - centre
            inside += INNER * INNER <= dx * dx + dy * dy <= OUTER * OUTER
    return inside / (SAMPLES * SAMPLES)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    rows = []
    for y in range(SIZE):
        levels = [round(coverage(x, y) * (LEVELS - 1)) for x in range(SIZE)]
        packed = bytes((levels[x] << 4) | levels[x + 1] for x in range(0, SIZE, 2))
        rows.append(b"\x00" + packed)  # filter type 0 (none) for each row
    palette = bytes(ACCENT) * LEVELS
    alpha = bytes(round(255 * i / (LEVELS - 1)) for i in range(LEVELS))
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 4, 3, 0, 0, 0)),  # 4-bit, palette
        chunk(b"PLTE", palette),
        chunk(b"tRNS", alpha),
        chunk(b"IDAT", zlib.compress(b"".join(rows), 9)),
        chunk(b"IEND", b""),
    ])


def ico(image: bytes) -> bytes:
    """An ICO holding one PNG image (supported by every current browser)."""
    header = struct.pack("<HHH", 0, 1, 1)                       # reserved, type 1 = icon, 1 image
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return header + entry + image


def main() -> None:
    data = ico(png())
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
