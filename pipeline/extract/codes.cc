#include "pipeline/extract/codes.h"

#include <cstring>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"

namespace pipeline::extract {
namespace {

// The byte length of U+3001 (ideographic comma, a list separator) when it starts at s[i], else 0.
std::size_t IdeographicCommaAt(const std::string& s, std::size_t i) {
  std::string comma;
  AppendUtf8(0x3001, comma);
  return s.compare(i, comma.size(), comma) == 0 ? comma.size() : 0;
}

// GB 32100-2015: 31 symbols (no I, O, S, V, Z); weights 3^(i-1) mod 31.
constexpr char kUsccAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

// GB 11643-1999: weights 2^(18-i) mod 11; check = kIdCheck[sum mod 11].
constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kIdCheck[] = "10X98765432";

int UsccValue(char c) {
  if (c == '\0') return -1;
  const char* p = std::strchr(kUsccAlphabet, c);
  return p != nullptr ? static_cast<int>(p - kUsccAlphabet) : -1;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string DigitsOnly(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsDigit(c)) out += c;
  }
  return out;
}

}  // namespace

std::string NormaliseUscc(std::string_view text) { return AsciiUpper(NormaliseCompact(text)); }

char UsccCheckChar(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = UsccValue(first17[i]);
    if (v < 0) return '\0';
    sum += v * kUsccWeights[i];
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

model::CodeCheck CheckUscc(std::string_view code) {
  if (code.empty()) return model::CodeCheck::kNotChecked;
  if (code.size() != 18) return model::CodeCheck::kBadFormat;
  for (std::size_t i = 0; i < 18; ++i) {
    if (i < 8 ? !IsDigit(code[i]) : UsccValue(code[i]) < 0) return model::CodeCheck::kBadFormat;
  }
  return UsccCheckChar(code.substr(0, 17)) == code[17] ? model::CodeCheck::kValid
                                                       : model::CodeCheck::kBadChecksum;
}

std::string NormaliseResidentId(std::string_view text) { return NormaliseUscc(text); }

model::CodeCheck CheckResidentId(std::string_view id) {
  if (id.empty()) return model::CodeCheck::kNotChecked;
  if (id.size() != 18) return model::CodeCheck::kBadFormat;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) return model::CodeCheck::kBadFormat;
  }
  if (!IsDigit(id[17]) && id[17] != 'X') return model::CodeCheck::kBadFormat;
  const Date birth{std::stoi(std::string(id.substr(6, 4))),
                   std::stoi(std::string(id.substr(10, 2))),
                   std::stoi(std::string(id.substr(12, 2)))};
  if (!birth.IsValid()) return model::CodeCheck::kBadBirthDate;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kIdWeights[i];
  return kIdCheck[sum % 11] == id[17] ? model::CodeCheck::kValid : model::CodeCheck::kBadChecksum;
}

std::optional<CodeAndName> SplitLeadingCode(std::string_view text) {
  const std::string s = UnifyDashes(NormaliseCompact(text));
  std::size_t end = 0;
  while (end < s.size() && (IsDigit(s[end]) || s[end] == '-' || s[end] == '.' || s[end] == '_')) {
    ++end;
  }
  if (end == 0 || end == s.size()) return std::nullopt;
  std::optional<std::string> code = model::NormaliseOccupationCode(s.substr(0, end));
  if (!code) return std::nullopt;
  return CodeAndName{*code, s.substr(end)};
}

std::optional<std::string> NormalisePhone(std::string_view text) {
  const std::string s = NormaliseCompact(text);
  // Split into candidate numbers on separators that never occur inside one number.
  std::vector<std::string> candidates(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '/' || c == ',' || c == ';') {
      candidates.emplace_back();
    } else if (std::size_t n = IdeographicCommaAt(s, i); n > 0) {
      candidates.emplace_back();
      i += n - 1;
    } else {
      candidates.back() += c;
    }
  }
  for (const std::string& cand : candidates) {
    std::string d = DigitsOnly(cand);
    if (cand.find('+') != std::string::npos && d.rfind("86", 0) == 0)
      d.erase(0, 2);
    else if (d.size() == 13 && d.rfind("86", 0) == 0)
      d.erase(0, 2);
    const bool mobile = d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
    const bool landline = d.size() >= 10 && d.size() <= 12 && d[0] == '0';
    if (mobile || landline) return d;
  }
  return std::nullopt;
}

}  // namespace pipeline::extract
