// File names as Windows and zip tools really write them: UTF-8, or GBK/GB18030 bytes from a
// Chinese Windows (a zip made there without the UTF-8 flag, or such a zip unpacked on Linux),
// or CP437 from an old zip tool. The raw bytes are kept for opening the file; the decoded name
// is what reports show and what titles are matched on.
#ifndef PIPELINE_INGEST_NAME_DECODING_H_
#define PIPELINE_INGEST_NAME_DECODING_H_

#include <string>
#include <string_view>

namespace pipeline::ingest {

struct DecodedName {
  std::string text;  // UTF-8 (DisplayPath form when the bytes could not be decoded)
  // How `text` was read from the bytes: "utf-8", "gb18030", "cp437", or "unknown" (invalid
  // bytes shown as \xAB).
  const char* encoding = "utf-8";
};

// A name on disk: valid UTF-8 as it is; else GB18030 when it decodes cleanly to Chinese text
// (CJK ideographs and punctuation, full-width forms, ASCII); else "unknown".
DecodedName DecodeDiskName(std::string_view raw);

// A zip entry's name: the UTF-8 flag -> UTF-8; else valid UTF-8 -> UTF-8; else GB18030 when it
// decodes cleanly to Chinese text; else CP437 (the zip specification's default).
DecodedName DecodeZipName(std::string_view raw, bool utf8_flag);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_NAME_DECODING_H_
