"""A PDF from its object bodies, with exact cross-reference offsets; shared by the sample
generator and the test-data scripts (tests/ingest/testdata/*/make_*.py)."""


def pdf_from_objects(objs, trailer, header=b"%PDF-1.4\n"):
    """`objs`: the bodies of objects 1, 2, ... (the first the catalog); `trailer(size)`: the
    trailer dictionary's bytes for /Size `size`."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n" + trailer(len(objs) + 1) + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
