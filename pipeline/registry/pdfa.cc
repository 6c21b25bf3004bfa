#include "pipeline/registry/pdfa.h"

#include <podofo/podofo.h>

#include <cstdio>

#include "pipeline/core/podofo_log.h"
#include "pipeline/core/xml.h"

namespace pipeline::registry {
namespace {

using namespace PoDoFo;  // NOLINT: the adapter speaks PoDoFo throughout

PdfString Utf8(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

std::string XmlEscape(const std::string& s) { return EscapeMarkup(s); }

std::string Xmp(const PdfAInfo& info, const std::string& xmp_date) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
         "<dc:format>application/pdf</dc:format>\n"
         "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         XmlEscape(info.title) +
         "</rdf:li></rdf:Alt></dc:title>\n"
         "<dc:creator><rdf:Seq><rdf:li>" +
         XmlEscape(info.author) +
         "</rdf:li></rdf:Seq></dc:creator>\n"
         "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         XmlEscape(info.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
         "<xmp:CreateDate>" +
         xmp_date +
         "</xmp:CreateDate>\n"
         "<xmp:ModifyDate>" +
         xmp_date +
         "</xmp:ModifyDate>\n"
         "<xmp:CreatorTool>beian</xmp:CreatorTool>\n"
         "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
         "<pdf:Producer>beian</pdf:Producer>\n"
         "</rdf:Description>\n"
         "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

}  // namespace

Result<std::string> MakePdfA2b(const std::string& pdf, const PdfAInfo& info,
                               const std::string& icc) {
  char pdf_date[32], xmp_date[32];
  std::snprintf(pdf_date, sizeof pdf_date, "D:%04d%02d%02d000000+08'00'", info.date.year,
                info.date.month, info.date.day);
  std::snprintf(xmp_date, sizeof xmp_date, "%04d-%02d-%02dT00:00:00+08:00", info.date.year,
                info.date.month, info.date.day);
  SilencePoDoFo();  // its parser prints the trailer to stderr otherwise
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<pdf_long>(pdf.size()));
    PdfInfo* pdf_info = doc.GetInfo();
    pdf_info->SetTitle(Utf8(info.title));
    pdf_info->SetAuthor(Utf8(info.author));
    pdf_info->SetSubject(Utf8(info.subject));
    pdf_info->SetCreator(PdfString("beian"));
    pdf_info->SetProducer(PdfString("beian"));
    pdf_info->SetCustomKey(PdfName("CreationDate"), PdfString(pdf_date));
    pdf_info->SetCustomKey(PdfName("ModDate"), PdfString(pdf_date));

    PdfVecObjects& objects = doc.GetObjects();
    PdfObject* catalog = doc.GetCatalog();
    // XMP metadata, unfiltered so archive tools can read it without inflating.
    const std::string xmp = Xmp(info, xmp_date);
    PdfObject* meta = objects.CreateObject("Metadata");
    meta->GetDictionary().AddKey(PdfName("Subtype"), PdfName("XML"));
    TVecFilters no_filters;
    meta->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), no_filters);
    catalog->GetDictionary().AddKey(PdfName("Metadata"), meta->Reference());
    // sRGB OutputIntent with the ICC profile.
    PdfObject* profile = objects.CreateObject();
    profile->GetDictionary().AddKey(PdfName("N"), static_cast<pdf_int64>(3));
    profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()));
    PdfObject* intent = objects.CreateObject("OutputIntent");
    intent->GetDictionary().AddKey(PdfName("S"), PdfName("GTS_PDFA1"));
    intent->GetDictionary().AddKey(PdfName("OutputConditionIdentifier"),
                                   PdfString("sRGB IEC61966-2.1"));
    intent->GetDictionary().AddKey(PdfName("Info"), PdfString("sRGB IEC61966-2.1"));
    intent->GetDictionary().AddKey(PdfName("DestOutputProfile"), profile->Reference());
    PdfArray intents;
    intents.push_back(intent->Reference());
    catalog->GetDictionary().AddKey(PdfName("OutputIntents"), intents);

    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    return Status::Internal(std::string("PoDoFo (PDF/A): ") + PdfError::ErrorMessage(e.GetError()));
  }
}

}  // namespace pipeline::registry
