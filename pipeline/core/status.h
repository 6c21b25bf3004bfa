// Status and Result<T>: how operational failures travel between stages.
//
// A Status is either OK or an error with a code, a developer-facing message (English) and,
// where known, the file and line that caused it. Findings about a dossier are NOT Status
// errors: they are normal output (see model/finding.h). Result<T> has the shape of
// std::expected<T, Status> (has_value, value, error, operator*, operator->) so it can be
// swapped for it later.
#ifndef PIPELINE_CORE_STATUS_H_
#define PIPELINE_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pipeline {

enum class StatusCode {
  kOk = 0,
  kNotFound,         // a file, font, template or key that must exist does not
  kInvalidData,      // malformed input: bad XML, bad regex, bad TSV row, corrupt zip
  kIoError,          // the OS refused a read or write
  kUnsupported,      // a format or feature beian does not handle
  kInvalidArgument,  // bad command-line or API argument
  kInternal,         // a library adapter failed in an unexpected way
};

class Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg, std::string file = {}, int line = 0) {
    return Status(StatusCode::kNotFound, std::move(msg), std::move(file), line);
  }
  static Status InvalidData(std::string msg, std::string file = {}, int line = 0) {
    return Status(StatusCode::kInvalidData, std::move(msg), std::move(file), line);
  }
  static Status IoError(std::string msg, std::string file = {}, int line = 0) {
    return Status(StatusCode::kIoError, std::move(msg), std::move(file), line);
  }
  static Status Unsupported(std::string msg, std::string file = {}, int line = 0) {
    return Status(StatusCode::kUnsupported, std::move(msg), std::move(file), line);
  }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg), {}, 0);
  }
  static Status Internal(std::string msg, std::string file = {}, int line = 0) {
    return Status(StatusCode::kInternal, std::move(msg), std::move(file), line);
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  int line() const { return line_; }

  // "file:line: message" (file and line omitted when unknown); "OK" for success.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context` ("loading fonts: ...").
  Status WithContext(const std::string& context) const;

 private:
  Status(StatusCode code, std::string msg, std::string file, int line)
      : code_(code), message_(std::move(msg)), file_(std::move(file)), line_(line) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string file_;
  int line_ = 0;
};

// Result<T>: a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit like std::expected
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result constructed from an OK status");
  }

  bool has_value() const { return std::holds_alternative<T>(v_); }
  bool ok() const { return has_value(); }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value()
  T& value() & {
    assert(has_value());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<T>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !has_value()
  const Status& error() const {
    assert(!has_value());
    return std::get<Status>(v_);
  }
  // OK when a value is held.
  Status status() const { return has_value() ? Status() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace pipeline

// Returns early from a function returning Status or Result<T> when `expr` is an error.
#define PIPELINE_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::pipeline::Status pipeline_status_ = (expr);        \
    if (!pipeline_status_.ok()) return pipeline_status_; \
  } while (0)

// Declares `lhs` from the value of `expr` (a Result<T>), or returns its error early from a
// function returning Status or Result<U>: PIPELINE_ASSIGN_OR_RETURN(auto list, ListDir(d));
#define PIPELINE_ASSIGN_OR_RETURN(lhs, expr) \
  PIPELINE_ASSIGN_OR_RETURN_(PIPELINE_CONCAT_(pipeline_result_, __LINE__), lhs, expr)
#define PIPELINE_ASSIGN_OR_RETURN_(result, lhs, expr) \
  auto result = (expr);                               \
  if (!result) return result.error();                 \
  lhs = std::move(*result)
#define PIPELINE_CONCAT_(a, b) PIPELINE_CONCAT_INNER_(a, b)
#define PIPELINE_CONCAT_INNER_(a, b) a##b

#endif  // PIPELINE_CORE_STATUS_H_
