#include "pipeline/ingest/zip_reader.h"

#include <zip.h>

#include <algorithm>

namespace pipeline::ingest {

struct ZipReader::Impl {
  zip_t* archive = nullptr;
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);  // read-only: never writes
  }
};

namespace {

std::string ErrorText(zip_error_t* err) {
  const char* s = zip_error_strerror(err);
  return s != nullptr ? s : "unknown libzip error";
}

}  // namespace

ZipReader::ZipReader(std::string_view bytes, const Limits& limits)
    : impl_(std::make_unique<Impl>()), limits_(limits) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src == nullptr) {
    problem_ = ZipProblem::kCorrupt;
    detail_ = "zip source: " + ErrorText(&err);
    zip_error_fini(&err);
    return;
  }
  impl_->archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (impl_->archive == nullptr) {
    zip_source_free(src);
    int code = zip_error_code_zip(&err);
    bool looks_zip = bytes.starts_with(std::string_view("PK\x03\x04", 4));
    if (code == ZIP_ER_NOZIP) {
      problem_ = looks_zip ? ZipProblem::kTruncated : ZipProblem::kNotZip;
    } else if (code == ZIP_ER_INCONS && looks_zip) {
      // libzip reports a cut central directory as inconsistent when the EOCD survives; a
      // cut file usually has no EOCD at all (NOZIP above).
      problem_ = ZipProblem::kCorrupt;
    } else {
      problem_ = ZipProblem::kCorrupt;
    }
    detail_ = "zip open: " + ErrorText(&err);
    zip_error_fini(&err);
    return;
  }
  zip_error_fini(&err);

  zip_int64_t n = zip_get_num_entries(impl_->archive, 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > limits_.max_zip_entries) {
    problem_ = ZipProblem::kTooLarge;
    detail_ =
        "zip has " + std::to_string(n) + " entries, cap " + std::to_string(limits_.max_zip_entries);
    return;
  }
  std::uint64_t total = 0;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(n); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(impl_->archive, i, 0, &st) != 0) {
      problem_ = ZipProblem::kCorrupt;
      detail_ = "zip entry " + std::to_string(i) + " unreadable";
      return;
    }
    const char* raw = zip_get_name(impl_->archive, i, ZIP_FL_ENC_RAW);
    std::string name = raw != nullptr ? raw : "";
    // ENC_STRICT converts a name without the UTF-8 flag from CP437, which lengthens any name
    // with a byte >= 0x80; a flagged name comes back unchanged.
    const char* strict = zip_get_name(impl_->archive, i, ZIP_FL_ENC_STRICT);
    const bool high = std::any_of(name.begin(), name.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    utf8_flags_.push_back(high && strict != nullptr && name == strict);
    names_.push_back(name);
    std::uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    sizes_.push_back(size);
    std::uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE &&
        problem_ == ZipProblem::kNone) {
      problem_ = ZipProblem::kEncrypted;
      detail_ = "zip entry " + name + " is encrypted";
    }
    total += size;
    if (size > limits_.max_entry_bytes) {
      problem_ = ZipProblem::kTooLarge;
      detail_ = "zip entry " + name + " inflates to " + std::to_string(size) + " bytes, cap " +
                std::to_string(limits_.max_entry_bytes);
      return;
    }
    if (size >= limits_.ratio_min_bytes &&
        (comp == 0 || size / std::max<std::uint64_t>(comp, 1) > limits_.max_ratio)) {
      problem_ = ZipProblem::kTooLarge;
      detail_ = "zip entry " + name + " compression ratio " +
                std::to_string(size / std::max<std::uint64_t>(comp, 1)) + " over cap " +
                std::to_string(limits_.max_ratio);
      return;
    }
  }
  if (total > limits_.max_inflated_bytes) {
    problem_ = ZipProblem::kTooLarge;
    detail_ = "zip inflates to " + std::to_string(total) + " bytes, cap " +
              std::to_string(limits_.max_inflated_bytes);
  }
}

ZipReader::~ZipReader() = default;

bool ZipReader::NameFlaggedUtf8(std::size_t index) const {
  return index < utf8_flags_.size() && utf8_flags_[index];
}

std::uint64_t ZipReader::SizeOf(std::size_t index) const {
  return index < sizes_.size() ? sizes_[index] : 0;
}

bool ZipReader::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

Result<std::string> ZipReader::Read(std::string_view name, ZipProblem* why) const {
  auto fail = [&](ZipProblem p, Status s) -> Result<std::string> {
    if (why != nullptr) *why = p;
    return s;
  };
  if (impl_->archive == nullptr || problem_ == ZipProblem::kTooLarge) {
    return fail(problem_, Status::InvalidData("zip not readable: " + detail_));
  }
  std::string key(name);
  // By the raw names: libzip's own lookup (zip_name_locate) hashes the CP437-guessed ones.
  const auto found = std::find(names_.begin(), names_.end(), name);
  const zip_int64_t index = found == names_.end() ? -1 : found - names_.begin();
  if (index < 0) {
    return fail(ZipProblem::kNone, Status::NotFound("zip entry missing: " + key));
  }
  zip_file_t* file = zip_fopen_index(impl_->archive, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    zip_error_t* err = zip_get_error(impl_->archive);
    int code = zip_error_code_zip(err);
    ZipProblem p = (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP) ? ZipProblem::kEncrypted
                                                                           : ZipProblem::kCorrupt;
    return fail(p, Status::InvalidData("zip entry " + key + ": " + ErrorText(err)));
  }
  std::string out;
  char buf[64 * 1024];
  while (true) {
    zip_int64_t got = zip_fread(file, buf, sizeof buf);
    if (got < 0) {
      std::string msg = ErrorText(zip_file_get_error(file));
      zip_fclose(file);
      return fail(ZipProblem::kCorrupt, Status::InvalidData("zip entry " + key + ": " + msg));
    }
    if (got == 0) break;
    out.append(buf, static_cast<std::size_t>(got));
    if (out.size() > limits_.max_entry_bytes) {
      zip_fclose(file);
      return fail(ZipProblem::kTooLarge,
                  Status::InvalidData("zip entry " + key + " inflates past " +
                                      std::to_string(limits_.max_entry_bytes) + " bytes"));
    }
  }
  zip_fclose(file);
  return out;
}

}  // namespace pipeline::ingest
