// qpdf's headers warn about PointerHolder unless told which transition stage we are at.
#define POINTERHOLDER_TRANSITION 4

#include "pipeline/ingest/pdf_inspect.h"

#include <qpdf/Constants.h>

#include <exception>
#include <memory>
#include <qpdf/Pl_Discard.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFObjGen.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <set>
#include <utility>
#include <vector>

namespace pipeline::ingest {
namespace {

// Deeper page trees are not real: a writer balances them (a few levels for thousands of pages).
constexpr int kMaxPageTreeDepth = 64;

PdfInspection Verdict(PdfVerdict v, std::string detail, std::size_t pages = 0) {
  return PdfInspection{v, std::move(detail), pages};
}

// A logger whose every stream goes nowhere: qpdf must never print to our stderr.
std::shared_ptr<QPDFLogger> SilentLogger() {
  auto logger = QPDFLogger::create();
  auto discard = std::make_shared<Pl_Discard>();
  logger->setInfo(discard);
  logger->setWarn(discard);
  logger->setError(discard);
  return logger;
}

std::size_t StringLength(QPDFObjectHandle dict, const char* key) {
  QPDFObjectHandle value = dict.getKey(key);
  return value.isString() ? value.getStringValue().size() : 0;
}

// After qpdf refused the empty password: a standard handler whose entries have the lengths
// ISO 32000-2 7.6.4 gives them really asks for a password; one whose entries are cut short or
// missing (a hostile or broken file) could be opened by no password and is damaged.
PdfInspection AfterPasswordRefused(QPDF& qpdf, const std::string& why) {
  QPDFObjectHandle enc = qpdf.getTrailer().getKey("/Encrypt");
  if (!enc.isDictionary()) return Verdict(PdfVerdict::kDamaged, "qpdf: " + why);
  QPDFObjectHandle r = enc.getKey("/R");
  const long long revision = r.isInteger() ? r.getIntValue() : 0;
  const std::size_t hash = revision >= 5 ? 48 : 32;
  bool whole = StringLength(enc, "/O") >= hash && StringLength(enc, "/U") >= hash;
  if (revision >= 5) {
    whole = whole && StringLength(enc, "/OE") >= 32 && StringLength(enc, "/UE") >= 32;
  }
  if (!whole) {
    return Verdict(PdfVerdict::kDamaged, "encryption dictionary (R " + std::to_string(revision) +
                                             ") with entries too short for its revision");
  }
  return Verdict(PdfVerdict::kNeedsPassword, "the empty user password does not open it");
}

// Walks the page tree without recursion (a hostile tree may be very deep or loop), counting
// the leaves. Every node must be a dictionary: qpdf turns an object it cannot parse (say,
// nested 50,000 deep) into null with a warning, and a viewer cannot show such a page.
PdfInspection WalkPages(QPDF& qpdf, std::size_t max_pages) {
  QPDFObjectHandle root = qpdf.getRoot();
  QPDFObjectHandle tree = root.getKey("/Pages");
  if (!tree.isDictionary()) return Verdict(PdfVerdict::kDamaged, "no page tree (/Root /Pages)");
  std::vector<std::pair<QPDFObjectHandle, int>> todo{{tree, 0}};
  std::set<QPDFObjGen> seen;
  std::size_t pages = 0;
  while (!todo.empty()) {
    auto [node, depth] = todo.back();
    todo.pop_back();
    if (node.isIndirect() && !seen.insert(node.getObjGen()).second) {
      return Verdict(PdfVerdict::kDamaged, "page tree loops", pages);
    }
    if (!node.isDictionary()) {
      return Verdict(PdfVerdict::kDamaged,
                     "page tree node " + node.getObjGen().unparse(' ') + " is not a dictionary",
                     pages);
    }
    QPDFObjectHandle kids = node.getKey("/Kids");
    if (!node.getKey("/Type").isNameAndEquals("/Page") && kids.isArray()) {
      if (depth >= kMaxPageTreeDepth) {
        return Verdict(PdfVerdict::kDamaged, "page tree deeper than 64 levels", pages);
      }
      const int n = kids.getArrayNItems();
      for (int i = n; i-- > 0;) todo.emplace_back(kids.getArrayItem(i), depth + 1);
      continue;
    }
    if (++pages > max_pages) {
      return Verdict(PdfVerdict::kTooManyPages, "more than " + std::to_string(max_pages) + " pages",
                     max_pages);
    }
  }
  if (pages == 0) return Verdict(PdfVerdict::kDamaged, "no pages");
  return Verdict(PdfVerdict::kOpens, "", pages);
}

}  // namespace

PdfInspection InspectPdf(std::string_view pdf, std::size_t max_pages) {
  QPDF qpdf;
  try {
    qpdf.setLogger(SilentLogger());
    qpdf.setSuppressWarnings(true);
    // Viewers rebuild a damaged cross-reference table, and so does qpdf (a scan with padding
    // after %%EOF, wrong offsets); what cannot be rebuilt throws.
    qpdf.setAttemptRecovery(true);
    try {
      qpdf.processMemoryFile("PDF", pdf.data(), pdf.size(), "");
    } catch (const QPDFExc& e) {
      if (e.getErrorCode() == qpdf_e_password) return AfterPasswordRefused(qpdf, e.what());
      throw;
    }
    return WalkPages(qpdf, max_pages);
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_unsupported && qpdf.isEncrypted()) {
      return Verdict(PdfVerdict::kNeedsPassword,
                     "unsupported security handler: " + e.getMessageDetail());
    }
    return Verdict(PdfVerdict::kDamaged, "qpdf: " + e.getMessageDetail());
  } catch (const std::exception& e) {
    return Verdict(PdfVerdict::kDamaged, std::string("qpdf: ") + e.what());
  }
}

}  // namespace pipeline::ingest
