#!/usr/bin/env python3
"""Builds the archive dossiers of issue 22 from 甲-查看器能打开的文件 (run from the repo root):

    python3 tests/e2e/testdata/make_archive_fixtures.py

Zips are written byte by byte, as Windows' "Send to > Compressed folder" and WinRAR/360压缩 on
a Chinese Windows write them: entry names in GBK (code page 936) WITHOUT the UTF-8 flag
(general purpose bit 11), folders as their own entries ending in '/'. Python's zipfile cannot
make these (it writes non-ASCII names as UTF-8 and sets the flag). Output is deterministic
(fixed DOS time, sorted entries, stored/deflated with zlib level 9).

  丙-整包压缩/申请材料.zip     the whole dossier, form included, in one zip
  丁-附件压缩包/               the form loose; the attachments in 附件.zip, which also holds
                               a zip inside the zip (not opened), one entry written with the
                               UTF-8 flag (as 7-Zip does) and one CP437 name (an old DOS tool)
  戊-七z压缩包/                the form loose; the attachments in 附件.7z (only the 7z
                               signature header, no file in it: named and asked for again)
  己-七z与rar压缩包/           the form loose; the attachments split between 附件.7z (made by
                               7-Zip, `7z` of Debian's p7zip-full, UTF-16 names) and 附件二.rar
                               (RAR 5, files stored, written byte by byte here: no Debian tool
                               writes RAR); both opened through libarchive
  庚-收件目录中的压缩包/        an intake folder (not a dossier): two whole dossiers dropped into it
                               as one archive each, each a dossier of its own: 长春某某职业技能
                               培训学校.zip (a Windows zip of the folder: GBK names, the folder
                               as the entries' prefix) and 吉林某某培训中心.rar (RAR 5, the files
                               at its root)
  ../../ingest/testdata/archives/加密.7z   one file, password 1234 (names readable, data
                               encrypted): LibarchiveReader's kEncrypted. Made once and kept:
                               7-Zip's AES takes a random IV, so it is not byte-reproducible
"""
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "甲-查看器能打开的文件")
FORM = "附件1 申请表.docx"
DOS_TIME, DOS_DATE = (9 << 11) | (30 << 5), ((2026 - 1980) << 9) | (11 << 5) | 20


def write_zip(path, entries):
    """entries: list of (raw name bytes, data bytes or None for a folder, utf8 flag)."""
    out, central = bytearray(), bytearray()
    for name, data, utf8 in entries:
        flags = 0x800 if utf8 else 0
        data = data or b""
        crc = zlib.crc32(data)
        if len(data) > 0:
            comp = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = comp.compress(data) + comp.flush()
            method = 8
        else:
            packed, method = b"", 0
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, DOS_TIME, DOS_DATE,
                           crc, len(packed), len(data), len(name), 0) + name + packed
        external = 0x10 if name.endswith(b"/") else 0x20  # MS-DOS directory / archive bit
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method,
                               DOS_TIME, DOS_DATE, crc, len(packed), len(data), len(name), 0,
                               0, 0, 0, external, offset) + name
    count = len(entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    with open(path, "wb") as f:
        f.write(bytes(out + central + end))


def source_files(skip=()):
    """(relative path, bytes) of 甲's files, sorted, without `skip`."""
    found = []
    for root, _, files in os.walk(SOURCE):
        for name in files:
            full = os.path.join(root, name)
            rel = os.path.relpath(full, SOURCE).replace(os.sep, "/")
            if rel not in skip:
                with open(full, "rb") as f:
                    found.append((rel, f.read()))
    return sorted(found)


def gbk_entries(files, prefix=""):
    """Windows-style entries: each folder once, then its files, names in GBK."""
    entries, folders = [], set()
    for rel, data in files:
        parts = (prefix + rel).split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i]) + "/"
            if folder not in folders:
                folders.add(folder)
                entries.append((folder.encode("gbk"), None, False))
        entries.append(((prefix + rel).encode("gbk"), data, False))
    return entries


def vint(n):
    """RAR 5's variable-length integer: 7 bits a byte, low first, high bit = more."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def rar5_header(kind, flags, fields, extra=b""):
    """One RAR 5 block header: CRC32, size, then type, flags and fields (RAR 5.0 technote)."""
    body = vint(kind) + vint(flags) + fields
    sized = vint(len(body)) + body
    return struct.pack("<I", zlib.crc32(sized)) + sized + extra


def write_rar5(path, files):
    """A RAR 5 archive of `files` (name, bytes), each stored (method 0) with its CRC32."""
    out = bytearray(b"Rar!\x1a\x07\x01\x00")
    out += rar5_header(1, 0, vint(0))  # main archive header, no archive flags
    for name, data in files:
        encoded = name.encode("utf-8")
        fields = (vint(len(data)) +          # data size (header flag 0x0002)
                  vint(0x0004) +              # file flags: CRC32 present
                  vint(len(data)) +           # unpacked size
                  vint(0x20) +                # attributes (archive)
                  struct.pack("<I", zlib.crc32(data)) +
                  vint(0) +                   # compression: version 0, stored
                  vint(0) +                   # host OS: Windows
                  vint(len(encoded)) + encoded)
        out += rar5_header(2, 0x0002, fields, data)
    out += rar5_header(5, 0, vint(0))  # end of archive
    with open(path, "wb") as f:
        f.write(bytes(out))


def write_7z(path, files, password=None):
    """`files` (name, bytes) in a .7z made by Debian's 7z (p7zip-full), times left out."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files:
            full = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
        secret = ["-p" + password] if password else []
        subprocess.run(["7z", "a", "-bd", "-bso0", "-mtm=off", "-mtc=off", "-mta=off", "-mx=9"] +
                       secret + [os.path.abspath(path)] +
                       sorted({n.split("/")[0] for n, _ in files}), cwd=tmp, check=True)


def fresh(folder):
    path = os.path.join(HERE, folder)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def main():
    whole = fresh("丙-整包压缩")
    write_zip(os.path.join(whole, "申请材料.zip"), gbk_entries(source_files(), "申请材料/"))

    apart = fresh("丁-附件压缩包")
    shutil.copy(os.path.join(SOURCE, FORM), os.path.join(apart, FORM))
    attachments = source_files(skip={FORM})
    entries = [e for e in gbk_entries(attachments) if e[0] != "题库情况说明.doc".encode("gbk")]
    question_bank = dict(attachments)["题库情况说明.doc"]
    entries.append(("题库情况说明.doc".encode("utf-8"), question_bank, True))
    entries.append((b"caf\x82 menu.txt", b"cafe menu\r\n", False))  # CP437: cafe with e-acute
    inner = os.path.join(apart, "inner.zip")
    write_zip(inner, gbk_entries([("补充说明.txt", "补充说明\r\n".encode("gbk"))]))
    with open(inner, "rb") as f:
        entries.append(("补充材料.zip".encode("gbk"), f.read(), False))
    os.remove(inner)
    write_zip(os.path.join(apart, "附件.zip"), entries)

    both = fresh("己-七z与rar压缩包")
    shutil.copy(os.path.join(SOURCE, FORM), os.path.join(both, FORM))
    half = len(attachments) // 2
    write_7z(os.path.join(both, "附件.7z"), attachments[:half])
    write_rar5(os.path.join(both, "附件二.rar"), attachments[half:])
    unit = os.path.join(HERE, "..", "..", "ingest", "testdata", "archives")
    os.makedirs(unit, exist_ok=True)
    locked = os.path.join(unit, "加密.7z")
    if not os.path.exists(locked):  # 7-Zip's AES uses a random IV: made once, kept
        write_7z(locked, [("说明.txt", "加密的说明\r\n".encode("utf-8"))], password="1234")

    intake = fresh("庚-收件目录中的压缩包")
    write_zip(os.path.join(intake, "长春某某职业技能培训学校.zip"),
              gbk_entries(source_files(), "长春某某职业技能培训学校/"))
    write_rar5(os.path.join(intake, "吉林某某培训中心.rar"), source_files())

    seven = fresh("戊-七z压缩包")
    shutil.copy(os.path.join(SOURCE, FORM), os.path.join(seven, FORM))
    # 7z signature header: magic, version 0.4, start-header CRC, next header at 0, size 0.
    start_header = struct.pack("<QQI", 0, 0, 0)
    with open(os.path.join(seven, "附件.7z"), "wb") as f:
        f.write(b"7z\xbc\xaf\x27\x1c\x00\x04" + struct.pack("<I", zlib.crc32(start_header)) +
                start_header)


if __name__ == "__main__":
    main()
