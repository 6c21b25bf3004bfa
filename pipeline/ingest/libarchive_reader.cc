#include "pipeline/ingest/libarchive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <memory>

namespace pipeline::ingest {
namespace {

struct LibarchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using LibarchivePtr = std::unique_ptr<archive, LibarchiveCloser>;

// A reader over `bytes` for one format only (never "all": a .7z is read as 7z, nothing else).
LibarchivePtr OpenArchiveMemory(std::string_view bytes, const std::string& format) {
  LibarchivePtr a(archive_read_new());
  if (!a) return a;
  if (format == "7z") {
    archive_read_support_format_7zip(a.get());
  } else {
    archive_read_support_format_rar(a.get());
    archive_read_support_format_rar5(a.get());
  }
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) a.reset();
  return a;
}

// The entry's name as listed: libarchive's UTF-8 name when it has one, else the stored bytes.
std::string LibarchiveEntryName(archive_entry* e, bool* utf8) {
  if (const char* u = archive_entry_pathname_utf8(e); u != nullptr) {
    *utf8 = true;
    return u;
  }
  *utf8 = false;
  const char* raw = archive_entry_pathname(e);
  return raw == nullptr ? std::string() : std::string(raw);
}

std::string LibarchiveError(archive* a) {
  const char* s = archive_error_string(a);
  return s == nullptr ? "unreadable" : s;
}

// libarchive converts 7z's UTF-16 names through the current locale's character set; under
// the C locale it gives up ("cannot be converted"). This thread uses C.UTF-8 while it reads an
// archive (uselocale: per thread, nothing else in the process is affected).
class Utf8LocaleScope {
 public:
  Utf8LocaleScope() {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    if (utf8 != static_cast<locale_t>(0)) previous_ = uselocale(utf8);
  }
  ~Utf8LocaleScope() {
    if (previous_ != static_cast<locale_t>(0)) uselocale(previous_);
  }
  Utf8LocaleScope(const Utf8LocaleScope&) = delete;
  Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

 private:
  locale_t previous_ = static_cast<locale_t>(0);
};

// A header read: OK, or a warning about the entry (still listed and readable).
bool HeaderRead(int rc) { return rc == ARCHIVE_OK || rc == ARCHIVE_WARN; }

}  // namespace

LibarchiveReader::LibarchiveReader(std::string_view bytes, std::string_view format,
                                   const Limits& limits)
    : bytes_(bytes), format_(format), limits_(limits) {
  Utf8LocaleScope utf8_locale;
  LibarchivePtr a = OpenArchiveMemory(bytes_, format_);
  if (!a) {
    problem_ = ZipProblem::kNotZip;
    detail_ = "not a " + format_ + " archive";
    return;
  }
  std::uint64_t total = 0;
  archive_entry* e = nullptr;
  int rc = ARCHIVE_OK;
  while (HeaderRead(rc = archive_read_next_header(a.get(), &e))) {
    if (archive_entry_is_encrypted(e)) {
      problem_ = ZipProblem::kEncrypted;
      return;
    }
    if (archive_entry_filetype(e) != AE_IFREG) continue;
    bool utf8 = false;
    names_.push_back(LibarchiveEntryName(e, &utf8));
    utf8_.push_back(utf8);
    const la_int64_t size = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
    sizes_.push_back(size > 0 ? static_cast<std::uint64_t>(size) : 0);
    total += sizes_.back();
    if (names_.size() > limits_.max_zip_entries || total > limits_.max_inflated_bytes) {
      problem_ = ZipProblem::kTooLarge;
      detail_ = format_ + ": over max_zip_entries or max_inflated_bytes";
      return;
    }
  }
  if (rc != ARCHIVE_EOF) {
    problem_ = ZipProblem::kCorrupt;
    detail_ = LibarchiveError(a.get());
  }
}

Result<std::string> LibarchiveReader::Read(std::string_view name) const {
  if (problem_ != ZipProblem::kNone) return Status::InvalidData(detail_);
  Utf8LocaleScope utf8_locale;
  LibarchivePtr a = OpenArchiveMemory(bytes_, format_);
  if (!a) return Status::InvalidData("not a " + format_ + " archive");
  archive_entry* e = nullptr;
  while (HeaderRead(archive_read_next_header(a.get(), &e))) {
    bool utf8 = false;
    if (archive_entry_filetype(e) != AE_IFREG || LibarchiveEntryName(e, &utf8) != name) continue;
    std::string out;
    char buf[64 * 1024];
    for (;;) {
      const la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
      if (n < 0) return Status::InvalidData(LibarchiveError(a.get()));
      if (n == 0) return out;
      if (out.size() + static_cast<std::size_t>(n) > limits_.max_entry_bytes) {
        return Status::InvalidData("entry over max_entry_bytes");
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  return Status::NotFound(std::string(name));
}

}  // namespace pipeline::ingest
