// Whether an encrypted PDF opens without a password, as every viewer checks it first: the
// standard security handler with the empty user password (ISO 32000-1 7.6.3, Algorithms 2, 4
// and 5). A PDF with only an owner password (it restricts printing or copying) opens; one with
// a real user password does not.
//
// Revisions 2-4 (RC4/MD5 key derivation) are checked here with our own MD5 and RC4, since the
// system OpenSSL 3 no longer offers RC4 by default. Revisions 5-6 (AES-256, SHA-2) are left to
// PoDoFo (kUnknown), which handles them.
#ifndef PIPELINE_INGEST_PDF_SECURITY_H_
#define PIPELINE_INGEST_PDF_SECURITY_H_

#include <string>
#include <string_view>

namespace pipeline::ingest {

enum class PdfOpen {
  kOpens,          // not encrypted, or the empty user password opens it
  kNeedsPassword,  // a user password (or a non-standard, e.g. certificate, handler)
  kUnknown,        // revision 5/6, or the dictionary could not be found or read
};

// `pdf`: the whole file.
PdfOpen EmptyUserPasswordOpens(std::string_view pdf);

// MD5 of `data` (16 raw bytes); exposed for tests against RFC 1321's vectors.
std::string Md5(std::string_view data);

// RC4 of `data` with `key` (encryption and decryption are the same).
std::string Rc4(std::string_view key, std::string_view data);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_PDF_SECURITY_H_
