#include "pipeline/render/pdf/deflate.h"

#include <libdeflate.h>

#include <array>
#include <cassert>
#include <memory>
#include <new>

namespace pipeline::render::pdf {
namespace {

struct FreeCompressor {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, FreeCompressor>;

libdeflate_compressor* CompressorFor(int level) {
  thread_local std::array<Compressor, 13> compressors;
  Compressor& c = compressors.at(static_cast<std::size_t>(level));
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  if (!c) throw std::bad_alloc();
  return c.get();
}

}  // namespace

std::string FlateCompress(std::string_view data, int level) {
  assert(level >= 0 && level <= 12);
  libdeflate_compressor* c = CompressorFor(level);
  std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
  std::size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
  assert(n > 0);  // the bound always suffices
  out.resize(n);
  return out;
}

}  // namespace pipeline::render::pdf
