# libFuzzer targets (configured with -DBEIAN_FUZZ=ON and a clang compiler; see docs/developer-guide.md "Fuzzing").
# Only the sources the targets reach are compiled, with AddressSanitizer and UBSan, so that CI can
# build them in about a minute. clang 14 cannot compile libstdc++ 12's <ranges> views: none of
# these sources may use them.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "BEIAN_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
endif()

set(FUZZ_LIBRARY_SOURCES
  pipeline/core/status.cc
  pipeline/core/utf8.cc
  pipeline/core/text.cc
  pipeline/core/xml.cc
  pipeline/core/date.cc
  pipeline/core/file_system.cc
  pipeline/core/file_writer.cc
  pipeline/core/fault.cc
  pipeline/core/podofo_log.cc
  pipeline/model/form.cc
  pipeline/model/dossier.cc
  pipeline/model/application.cc
  pipeline/model/occupation.cc
  pipeline/ingest/docx_form_reader.cc
  pipeline/ingest/xml_form_reader.cc
  pipeline/ingest/zip_reader.cc
  pipeline/ingest/file_probe.cc
  pipeline/ingest/ooxml_package.cc
  pipeline/ingest/xml_text.cc
  pipeline/ingest/limits.cc
  pipeline/ingest/form_labels.cc
  pipeline/ingest/form_values.cc
  pipeline/ingest/ingest.cc
  pipeline/ingest/archives.cc
  pipeline/ingest/libarchive_reader.cc
  pipeline/ingest/name_decoding.cc
  tests/testing/fake_file_system.cc
  pipeline/extract/normaliser.cc
  pipeline/render/doc/template.cc
  pipeline/ingest/xlsx_reader.cc
  pipeline/evaluation/xlsx_reader.cc
  pipeline/evaluation/xlsx_book.cc
  pipeline/core/xlsx_properties.cc
  pipeline/evaluation/scoresheet.cc
  pipeline/evaluation/standard.cc
  pipeline/report/messages.cc
)
set(FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer -g)

# The qpdf adapter alone, as C++17: clang 14 cannot compile qpdf's QPDF.hh as C++20, and
# pdf_inspect.h includes no qpdf header, so the C++20 sources call it unchanged.
add_library(fuzz_pdf STATIC pipeline/ingest/pdf_inspect.cc)
target_include_directories(fuzz_pdf PUBLIC ${CMAKE_SOURCE_DIR})
set_target_properties(fuzz_pdf PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON
  CXX_EXTENSIONS OFF)
target_compile_options(fuzz_pdf PRIVATE ${BEIAN_WARNINGS} PUBLIC ${FUZZ_FLAGS})
target_link_libraries(fuzz_pdf PUBLIC PkgConfig::QPDF)

add_library(fuzz_core STATIC ${FUZZ_LIBRARY_SOURCES})
target_include_directories(fuzz_core PUBLIC ${CMAKE_SOURCE_DIR})
target_compile_features(fuzz_core PUBLIC cxx_std_20)
target_compile_options(fuzz_core PRIVATE ${BEIAN_WARNINGS} PUBLIC ${FUZZ_FLAGS})
if(BEIAN_PCH)
  target_precompile_headers(fuzz_core PRIVATE ${BEIAN_PCH_HEADERS})
endif()
target_link_libraries(fuzz_core PUBLIC ICU::uc ICU::i18n pugixml::pugixml PkgConfig::LIBZIP
  PkgConfig::LIBARCHIVE
  PkgConfig::PODOFO PkgConfig::XLSXWRITER nlohmann_json::nlohmann_json fmt::fmt fuzz_pdf)

set(FUZZ_TARGETS docx_form_fuzzer xml_form_fuzzer file_probe_fuzzer normaliser_fuzzer
    template_fuzzer xlsx_fuzzer archive_fuzzer pdf_inspect_fuzzer)
foreach(target ${FUZZ_TARGETS})
  add_executable(${target} tests/fuzz/${target}.cc)
  target_compile_options(${target} PRIVATE ${BEIAN_WARNINGS})
  target_compile_definitions(${target} PRIVATE BEIAN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_link_libraries(${target} PRIVATE fuzz_core)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
endforeach()
