#include "pipeline/core/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace pipeline {
namespace {

// FIPS 180-4 examples, plus lengths around the 56-byte padding boundary and a long input.
TEST(Sha256Test, KnownDigests) {
  struct Case {
    std::string input;
    const char* digest;
  } cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input.size());
    EXPECT_EQ(Sha256Hex(c.input), c.digest);
  }
}

TEST(Sha256Test, PiecewiseUpdateEqualsWhole) {
  std::string text = "统一社会信用代码 91220101MA0000000X and more bytes to cross a block";
  for (std::size_t cut = 0; cut <= text.size(); cut += 7) {
    Sha256 s;
    s.Update(std::string_view(text).substr(0, cut));
    s.Update(std::string_view(text).substr(cut));
    EXPECT_EQ(s.HexDigest(), Sha256Hex(text));
  }
}

}  // namespace
}  // namespace pipeline
