// Chinese text lives in templates/ and checklists/, never in a C++ string literal of pipeline/
// (comments quoting the regulation may). The scanner reads every kind of literal the compiler
// does: plain, u8/u/U/L-prefixed, raw strings with any delimiter, character literals, and CJK
// written as escapes (\xE4\xB8\xAD, \u4E2D, \U00004E2D); comments are skipped.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/utf8.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

// CJK ideographs, radicals and punctuation, kana, full-width forms and CJK compatibility forms.
bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes a literal's body stands for: \xNN gives a byte, \uNNNN and \UNNNNNNNN a code point
// in UTF-8, other escapes their character; raw bodies are taken as written.
std::string Unescape(std::string_view body, bool raw) {
  if (raw) return std::string(body);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    const char kind = body[++i];
    if (kind == 'x' || kind == 'u' || kind == 'U') {
      const std::size_t max = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
      std::uint32_t v = 0;
      std::size_t n = 0;
      while (n < max && i + 1 < body.size() && HexValue(body[i + 1]) >= 0) {
        v = v * 16 + static_cast<std::uint32_t>(HexValue(body[++i]));
        ++n;
      }
      if (kind == 'x') {
        out += static_cast<char>(v & 0xFF);
      } else {
        AppendUtf8(static_cast<char32_t>(v), out);
      }
    } else {
      out += kind;
    }
  }
  return out;
}

bool IsIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct Literal {
  int line;
  std::string text;  // as written, for the message
};

// Every string or character literal of C++ source `src` whose value holds CJK.
std::vector<Literal> CjkLiterals(const std::string& src) {
  std::vector<Literal> found;
  int line = 1;
  std::size_t i = 0;
  auto advance_to = [&](std::size_t end) {
    for (; i < end && i < src.size(); ++i) line += src[i] == '\n' ? 1 : 0;
  };
  while (i < src.size()) {
    if (src.compare(i, 2, "//") == 0) {
      advance_to(src.find('\n', i) == std::string::npos ? src.size() : src.find('\n', i));
      continue;
    }
    if (src.compare(i, 2, "/*") == 0) {
      const std::size_t end = src.find("*/", i + 2);
      advance_to(end == std::string::npos ? src.size() : end + 2);
      continue;
    }
    const char c = src[i];
    if (c != '"' && c != '\'') {
      advance_to(i + 1);
      continue;
    }
    std::size_t start = i;  // include a prefix (u8, u, U, L, R and their combinations)
    while (start > 0 && IsIdentifierChar(src[start - 1])) --start;
    const std::string prefix = src.substr(start, i - start);
    if (!prefix.empty() && prefix[0] >= '0' && prefix[0] <= '9') {  // 1'000: a digit separator
      advance_to(i + 1);
      continue;
    }
    const bool raw = c == '"' && !prefix.empty() && prefix.back() == 'R';
    const int first_line = line;
    std::size_t body_begin = i + 1;
    std::size_t body_end;
    std::size_t end;
    if (raw) {
      const std::size_t open = src.find('(', body_begin);
      const std::string close = ")" + src.substr(body_begin, open - body_begin) + "\"";
      body_begin = open + 1;
      body_end = src.find(close, body_begin);
      if (body_end == std::string::npos) break;
      end = body_end + close.size();
    } else {
      body_end = body_begin;
      while (body_end < src.size() && src[body_end] != c && src[body_end] != '\n') {
        body_end += src[body_end] == '\\' ? 2u : 1u;
      }
      end = body_end + 1;
    }
    const std::string value = Unescape(src.substr(body_begin, body_end - body_begin), raw);
    for (char32_t cp : DecodeUtf8(value)) {
      if (IsCjk(cp)) {
        found.push_back({first_line, src.substr(start, std::min(end, src.size()) - start)});
        break;
      }
    }
    advance_to(end);
  }
  return found;
}

TEST(NoCjkLiteralsTest, TheScannerSeesEveryFormOfLiteral) {
  const struct {
    const char* source;
    std::size_t hits;
  } cases[] = {
      {"auto a = \"\xE4\xB8\xAD\";", 1},                                    // plain
      {"auto a = u8\"\xE4\xB8\xAD\";", 1},                                  // u8 prefix
      {"auto a = R\"x(\xE4\xB8\xAD)x\";", 1},                               // raw, delimiter
      {"auto a = u8R\"(\n\xE4\xB8\xAD\n)\";", 1},                           // raw over lines
      {"auto a = U'\xEF\xBC\x88';", 1},                                     // character literal
      {"auto a = \"\\xE3\\x80\\x81\";", 1},                                 // byte escapes
      {"auto a = \"\\u4e2d\" \"\\U00004E2D\";", 2},                         // universal names
      {"constexpr std::string_view k[] = {\"(\", \"\xE3\x80\x90\"};", 1},   // array of views
      {"// \"\xE4\xB8\xAD\"\n/* \"\xE4\xB8\xAD\" */ int a = 1'000;", 0},    // comments, digits
      {"auto a = \"\\xEF\\xBB\\xBF\"; auto b = \"\\\"\xE2\x98\x91\";", 0},  // BOM, symbols
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.source);
    EXPECT_EQ(CjkLiterals(c.source).size(), c.hits);
  }
}

TEST(NoCjkLiteralsTest, PipelineSourcesHaveNone) {
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(testing::RepoRoot() + "/pipeline")) {
    const fs::path& p = e.path();
    if (p.extension() != ".cc" && p.extension() != ".h") continue;
    ++files;
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    for (const Literal& l : CjkLiterals(text.str())) {
      ADD_FAILURE() << p.string() << ":" << l.line << ": Chinese in a string literal: " << l.text
                    << " (move the wording to templates/ or checklists/)";
    }
  }
  EXPECT_GT(files, 100u);  // the walk found the sources
}

}  // namespace
}  // namespace pipeline
