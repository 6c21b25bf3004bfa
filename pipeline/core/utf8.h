// Small UTF-8 helpers shared by every stage. Text inside beian is UTF-8 std::string; these
// helpers validate it, walk code points and make raw OS bytes safe to show to a person.
// Heavier Unicode work (normalisation, line breaking) uses ICU in the stage that needs it.
#ifndef PIPELINE_CORE_UTF8_H_
#define PIPELINE_CORE_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipeline {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Decodes `s` into code points. Invalid bytes become U+FFFD, one per byte.
std::vector<char32_t> DecodeUtf8(std::string_view s);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// `s` unchanged when valid; otherwise every invalid byte is shown as "\xAB" so a name from a
// GBK zip can still be printed and matched in a report.
std::string DisplayPath(std::string_view s);

// DisplayPath, and every control character (C0 including newline, tab and ESC, DEL, C1) shown
// as "\xNN" and bidirectional controls (U+202A..U+202E, U+2066..U+2069) as "\uNNNN", so a
// name printed on a terminal stays one line and cannot move the cursor or reorder text.
std::string TerminalSafe(std::string_view s);

// Number of code points (invalid bytes count one each).
std::size_t Utf8Length(std::string_view s);

}  // namespace pipeline

#endif  // PIPELINE_CORE_UTF8_H_
