#include "pipeline/ingest/pdf_security.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace pipeline::ingest {
namespace {

// ---- a minimal reader for the few PDF objects involved (dictionaries, strings, numbers) ----

struct Value {
  enum class Kind { kNumber, kName, kString, kRef, kDict, kArray, kOther };
  Kind kind = Kind::kOther;
  double number = 0;
  std::string text;  // name (without '/') or decoded string bytes
  long ref = 0;      // object number of a reference
  std::map<std::string, Value> dict;
  std::vector<Value> array;
};

class Reader {
 public:
  Reader(std::string_view b, std::size_t pos) : b_(b), pos_(pos) {}

  std::optional<Value> Parse(int depth = 0) {
    SkipSpace();
    if (pos_ >= b_.size() || depth > 16) return std::nullopt;
    const char c = b_[pos_];
    if (c == '/') return Name();
    if (c == '(') return Literal();
    if (c == '<' && Peek(1) == '<') return Dict(depth);
    if (c == '<') return Hex();
    if (c == '[') return Array(depth);
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) return NumberOrRef();
    Value v;  // true, false, null
    while (pos_ < b_.size() && IsRegular(b_[pos_])) v.text += b_[pos_++];
    if (v.text.empty()) return std::nullopt;
    return v;
  }

 private:
  char Peek(std::size_t k) const { return pos_ + k < b_.size() ? b_[pos_ + k] : '\0'; }
  static bool IsSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
  }
  static bool IsRegular(char c) {
    return !IsSpace(c) && std::string_view("()<>[]{}/%").find(c) == std::string_view::npos;
  }
  void SkipSpace() {
    while (pos_ < b_.size()) {
      if (IsSpace(b_[pos_])) {
        ++pos_;
      } else if (b_[pos_] == '%') {
        while (pos_ < b_.size() && b_[pos_] != '\n' && b_[pos_] != '\r') ++pos_;
      } else {
        break;
      }
    }
  }
  Value Name() {
    Value v;
    v.kind = Value::Kind::kName;
    ++pos_;
    while (pos_ < b_.size() && IsRegular(b_[pos_])) v.text += b_[pos_++];
    return v;
  }
  std::optional<Value> Literal() {
    Value v;
    v.kind = Value::Kind::kString;
    int nesting = 0;
    for (++pos_; pos_ < b_.size(); ++pos_) {
      char c = b_[pos_];
      if (c == '\\' && pos_ + 1 < b_.size()) {
        char e = b_[++pos_];
        if (e >= '0' && e <= '7') {
          int octal = 0;
          for (int k = 0; k < 3 && pos_ < b_.size() && b_[pos_] >= '0' && b_[pos_] <= '7'; ++k) {
            octal = octal * 8 + (b_[pos_++] - '0');
          }
          --pos_;
          v.text += static_cast<char>(octal & 0xFF);
        } else if (e == '\r' || e == '\n') {
          if (e == '\r' && Peek(1) == '\n') ++pos_;  // line continuation
        } else {
          static constexpr std::string_view kFrom = "nrtbf", kTo = "\n\r\t\b\f";
          const std::size_t k = kFrom.find(e);
          v.text += k == std::string_view::npos ? e : kTo[k];
        }
      } else if (c == '(') {
        ++nesting;
        v.text += c;
      } else if (c == ')') {
        if (nesting-- == 0) {
          ++pos_;
          return v;
        }
        v.text += c;
      } else {
        v.text += c;
      }
    }
    return std::nullopt;
  }
  std::optional<Value> Hex() {
    Value v;
    v.kind = Value::Kind::kString;
    int high = -1;
    for (++pos_; pos_ < b_.size() && b_[pos_] != '>'; ++pos_) {
      const char c = b_[pos_];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) continue;
      if (high < 0) {
        high = d;
      } else {
        v.text += static_cast<char>(high * 16 + d);
        high = -1;
      }
    }
    if (pos_ >= b_.size()) return std::nullopt;
    ++pos_;
    if (high >= 0) v.text += static_cast<char>(high * 16);
    return v;
  }
  std::optional<Value> Dict(int depth) {
    Value v;
    v.kind = Value::Kind::kDict;
    pos_ += 2;
    for (;;) {
      SkipSpace();
      if (pos_ + 1 < b_.size() && b_[pos_] == '>' && b_[pos_ + 1] == '>') {
        pos_ += 2;
        return v;
      }
      std::optional<Value> key = Parse(depth + 1);
      if (!key || key->kind != Value::Kind::kName) return std::nullopt;
      std::optional<Value> value = Parse(depth + 1);
      if (!value) return std::nullopt;
      v.dict[key->text] = std::move(*value);
    }
  }
  std::optional<Value> Array(int depth) {
    Value v;
    v.kind = Value::Kind::kArray;
    ++pos_;
    for (;;) {
      SkipSpace();
      if (pos_ < b_.size() && b_[pos_] == ']') {
        ++pos_;
        return v;
      }
      std::optional<Value> item = Parse(depth + 1);
      if (!item) return std::nullopt;
      v.array.push_back(std::move(*item));
    }
  }
  std::optional<Value> NumberOrRef() {
    Value v;
    v.kind = Value::Kind::kNumber;
    std::string digits;
    while (pos_ < b_.size() && IsRegular(b_[pos_])) digits += b_[pos_++];
    v.number = std::strtod(digits.c_str(), nullptr);
    // `N G R`: look ahead without consuming when it is not a reference.
    const std::size_t save = pos_;
    SkipSpace();
    std::string gen;
    while (pos_ < b_.size() && b_[pos_] >= '0' && b_[pos_] <= '9') gen += b_[pos_++];
    SkipSpace();
    const bool plausible = v.number >= 0 && v.number < 1e9;  // an object number
    if (plausible && !gen.empty() && pos_ < b_.size() && b_[pos_] == 'R' &&
        (pos_ + 1 >= b_.size() || !IsRegular(b_[pos_ + 1]))) {
      ++pos_;
      v.kind = Value::Kind::kRef;
      v.ref = static_cast<long>(v.number);
      return v;
    }
    pos_ = save;
    return v;
  }

  std::string_view b_;
  std::size_t pos_;
};

// The start of the dictionary that encloses `pos` (backwards, counting nested << >>).
std::optional<std::size_t> EnclosingDictStart(std::string_view b, std::size_t pos) {
  int depth = 0;
  for (std::size_t i = pos; i-- > 1;) {
    if (b[i] == '>' && b[i - 1] == '>') {
      ++depth;
      --i;
    } else if (b[i] == '<' && b[i - 1] == '<') {
      if (depth == 0) return i - 1;
      --depth;
      --i;
    }
  }
  return std::nullopt;
}

// The dictionary of object `num` (the last definition wins, as with incremental updates).
std::optional<Value> ObjectDict(std::string_view b, long num) {
  const std::string head = std::to_string(num) + " ";
  std::optional<Value> found;
  for (std::size_t at = b.find(head); at != std::string_view::npos; at = b.find(head, at + 1)) {
    if (at > 0 && b[at - 1] >= '0' && b[at - 1] <= '9') continue;
    std::size_t p = at + head.size();
    while (p < b.size() && b[p] >= '0' && b[p] <= '9') ++p;
    while (p < b.size() && (b[p] == ' ' || b[p] == '\r' || b[p] == '\n')) ++p;
    if (b.substr(p, 3) != "obj") continue;
    Reader r(b, p + 3);
    std::optional<Value> v = r.Parse();
    if (v && v->kind == Value::Kind::kDict) found = std::move(v);
  }
  return found;
}

const Value* Get(const Value& dict, const char* key) {
  auto it = dict.dict.find(key);
  return it == dict.dict.end() ? nullptr : &it->second;
}

// A number of the dictionary, within [-2^32, 2^32] (so every cast of it is defined).
double Number(const Value& dict, const char* key, double fallback) {
  const Value* v = Get(dict, key);
  if (v == nullptr || v->kind != Value::Kind::kNumber || !std::isfinite(v->number)) {
    return fallback;
  }
  return std::clamp(v->number, -4294967296.0, 4294967296.0);
}

constexpr unsigned char kPad[32] = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A};

// Algorithms 2, 4 and 5 of ISO 32000-1 with the empty user password.
bool EmptyPasswordMatches(const Value& enc, const std::string& id0, int revision) {
  const Value* o = Get(enc, "O");
  const Value* u = Get(enc, "U");
  if (o == nullptr || u == nullptr || o->text.size() < 32 || u->text.size() < 16) return false;
  const std::string pad(reinterpret_cast<const char*>(kPad), sizeof kPad);
  double bits = Number(enc, "Length", revision == 4 ? 128 : 40);
  if (bits <= 16) bits *= 8;             // some writers give bytes
  bits = std::clamp(bits, 40.0, 128.0);  // RC4 key lengths of revisions 2-4
  const std::size_t n =
      revision == 2 ? 5 : std::clamp<std::size_t>(static_cast<std::size_t>(bits) / 8, 5, 16);
  // /P is a signed 32-bit value; some writers store it unsigned.
  const auto p = static_cast<std::uint32_t>(static_cast<std::int64_t>(Number(enc, "P", 0)));
  std::string input = pad + o->text.substr(0, 32);
  for (int k = 0; k < 4; ++k) input += static_cast<char>((p >> (8 * k)) & 0xFF);
  input += id0;
  const Value* meta = Get(enc, "EncryptMetadata");
  if (revision >= 4 && meta != nullptr && meta->text == "false") input += std::string(4, '\xFF');
  std::string hash = Md5(input);
  if (revision >= 3) {
    for (int k = 0; k < 50; ++k) hash = Md5(hash.substr(0, n));
  }
  const std::string key = hash.substr(0, n);
  if (revision == 2) return Rc4(key, pad) == u->text.substr(0, 32);
  std::string x = Rc4(key, Md5(pad + id0));
  for (int i = 1; i <= 19; ++i) {
    std::string k2 = key;
    for (char& c : k2) c = static_cast<char>(c ^ i);
    x = Rc4(k2, x);
  }
  return x == u->text.substr(0, 16);
}

std::uint32_t RotateLeft(std::uint32_t x, std::uint32_t s) { return (x << s) | (x >> (32 - s)); }

}  // namespace

std::string Md5(std::string_view data) {
  static const std::array<std::uint32_t, 64> kK = [] {
    std::array<std::uint32_t, 64> k{};
    for (std::size_t i = 0; i < 64; ++i) {
      k[i] = static_cast<std::uint32_t>(
          std::floor(std::fabs(std::sin(static_cast<double>(i + 1))) * 4294967296.0));
    }
    return k;
  }();
  static constexpr std::uint32_t kS[4][4] = {
      {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};
  std::uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  std::string msg(data);
  const std::uint64_t bit_length = static_cast<std::uint64_t>(data.size()) * 8;
  msg += '\x80';
  while (msg.size() % 64 != 56) msg += '\0';
  for (int k = 0; k < 8; ++k) msg += static_cast<char>((bit_length >> (8 * k)) & 0xFF);
  for (std::size_t chunk = 0; chunk < msg.size(); chunk += 64) {
    std::uint32_t m[16];
    for (std::size_t w = 0; w < 16; ++w) {
      m[w] = 0;
      for (std::size_t k = 0; k < 4; ++k) {
        m[w] |= static_cast<std::uint32_t>(static_cast<unsigned char>(msg[chunk + w * 4 + k]))
                << (8 * k);
      }
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (std::size_t i = 0; i < 64; ++i) {
      std::uint32_t f;
      std::size_t g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      f = f + a + kK[i] + m[g];
      a = d;
      d = c;
      c = b;
      b = b + RotateLeft(f, kS[i / 16][i % 4]);
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
  }
  std::string out;
  for (std::uint32_t word : h) {
    for (int k = 0; k < 4; ++k) out += static_cast<char>((word >> (8 * k)) & 0xFF);
  }
  return out;
}

std::string Rc4(std::string_view key, std::string_view data) {
  if (key.empty()) return std::string(data);
  std::array<unsigned char, 256> s{};
  for (std::size_t i = 0; i < 256; ++i) s[i] = static_cast<unsigned char>(i);
  std::size_t j = 0;
  for (std::size_t i = 0; i < 256; ++i) {
    j = (j + s[i] + static_cast<unsigned char>(key[i % key.size()])) & 0xFF;
    std::swap(s[i], s[j]);
  }
  std::string out(data);
  std::size_t i = 0;
  j = 0;
  for (char& c : out) {
    i = (i + 1) & 0xFF;
    j = (j + s[i]) & 0xFF;
    std::swap(s[i], s[j]);
    c = static_cast<char>(static_cast<unsigned char>(c) ^ s[(s[i] + s[j]) & 0xFF]);
  }
  return out;
}

PdfOpen EmptyUserPasswordOpens(std::string_view b) {
  // The last /Encrypt key (not /EncryptMetadata), in a trailer or xref stream dictionary.
  std::size_t at = std::string_view::npos;
  for (std::size_t p = b.find("/Encrypt"); p != std::string_view::npos;
       p = b.find("/Encrypt", p + 8)) {
    if (b.substr(p + 8, 8) != "Metadata") at = p;
  }
  if (at == std::string_view::npos) return PdfOpen::kOpens;
  std::optional<std::size_t> start = EnclosingDictStart(b, at);
  if (!start) return PdfOpen::kUnknown;
  std::optional<Value> trailer = Reader(b, *start).Parse();
  if (!trailer || trailer->kind != Value::Kind::kDict) return PdfOpen::kUnknown;
  const Value* enc_value = Get(*trailer, "Encrypt");
  if (enc_value == nullptr) return PdfOpen::kUnknown;
  std::optional<Value> enc;
  if (enc_value->kind == Value::Kind::kDict) enc = *enc_value;
  if (enc_value->kind == Value::Kind::kRef) enc = ObjectDict(b, enc_value->ref);
  if (!enc) return PdfOpen::kUnknown;
  const Value* filter = Get(*enc, "Filter");
  if (filter == nullptr || filter->text != "Standard") return PdfOpen::kNeedsPassword;
  const int revision = static_cast<int>(Number(*enc, "R", 0));
  if (revision < 2 || revision > 4) return PdfOpen::kUnknown;
  std::string id0;
  if (const Value* id = Get(*trailer, "ID");
      id != nullptr && id->kind == Value::Kind::kArray && !id->array.empty()) {
    id0 = id->array.front().text;
  }
  return EmptyPasswordMatches(*enc, id0, revision) ? PdfOpen::kOpens : PdfOpen::kNeedsPassword;
}

}  // namespace pipeline::ingest
