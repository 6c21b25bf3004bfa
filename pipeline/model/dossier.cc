#include "pipeline/model/dossier.h"

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<FileFormat> kFileFormatNames[] = {
    {FileFormat::kPdf, "pdf"},     {FileFormat::kJpeg, "jpeg"}, {FileFormat::kPng, "png"},
    {FileFormat::kDocx, "docx"},   {FileFormat::kXlsx, "xlsx"}, {FileFormat::kXml, "xml"},
    {FileFormat::kOther, "other"}, {FileFormat::kOfd, "ofd"},   {FileFormat::kTiff, "tiff"},
    {FileFormat::kHeic, "heic"},   {FileFormat::kWebp, "webp"}, {FileFormat::kDoc, "doc"},
    {FileFormat::kXls, "xls"},     {FileFormat::kPpt, "ppt"},
};

// As a letter names the kind of file to send (FileFormatLabel); kOther has none.
constexpr EnumName<FileFormat> kFileFormatLabels[] = {
    {FileFormat::kPdf, "PDF"},        {FileFormat::kJpeg, "JPG"},   {FileFormat::kPng, "PNG"},
    {FileFormat::kDocx, "Word"},      {FileFormat::kXlsx, "Excel"}, {FileFormat::kXml, "XML"},
    {FileFormat::kOfd, "OFD"},        {FileFormat::kTiff, "TIFF"},  {FileFormat::kHeic, "HEIC"},
    {FileFormat::kWebp, "WEBP"},      {FileFormat::kDoc, "Word"},   {FileFormat::kXls, "Excel"},
    {FileFormat::kPpt, "PowerPoint"},
};

constexpr EnumName<FileHealth> kFileHealthNames[] = {
    {FileHealth::kOk, "ok"},
    {FileHealth::kEmpty, "empty"},
    {FileHealth::kCorrupt, "corrupt"},
    {FileHealth::kTruncated, "truncated"},
    {FileHealth::kWrongFormat, "wrong_format"},
    {FileHealth::kEncrypted, "encrypted"},
    {FileHealth::kTooLarge, "too_large"},
    {FileHealth::kUnsupported, "unsupported"},
};

}  // namespace

const char* FileFormatName(FileFormat f) { return NameOf(kFileFormatNames, f, "other"); }

const char* FileFormatLabel(FileFormat f) { return NameOf(kFileFormatLabels, f, ""); }

const char* FileHealthName(FileHealth h) { return NameOf(kFileHealthNames, h, "ok"); }

}  // namespace pipeline::model
