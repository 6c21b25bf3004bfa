# Install rules, the man page and the Debian package (docs/user-guide.md "Install").
#
#   cmake --install build --prefix /usr/local       bin/beian, share/beian/, share/doc/beian/,
#                                                   share/man/man1/beian.1.gz, /etc/beian/
#   (cd build && cpack -G DEB)                      beian_<version>_amd64.deb
#
# The program finds share/beian relative to itself (pipeline/cli/locations.h), so the same
# files work under any prefix, unpacked anywhere, or copied.

install(TARGETS beian RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The .comment section (the compiler versions) is of no use in an installed program; dh_strip
# removes it too (lintian: binary-has-unneeded-section).
install(CODE "execute_process(COMMAND \"${CMAKE_OBJCOPY}\" --remove-section=.comment
  \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/beian\" COMMAND_ERROR_IS_FATAL ANY)")
install(DIRECTORY templates checklists data DESTINATION ${CMAKE_INSTALL_DATADIR}/beian)
# The bundled samples: `beian serve --demo` runs them into a temporary registry.
install(DIRECTORY samples/intake DESTINATION ${CMAKE_INSTALL_DATADIR}/beian/samples)
install(FILES "templates/forms/申请表（空白）.docx" README.md docs/user-guide.md
        docs/open-questions.md docs/registry.md docs/registry-server.md docs/web.md
        docs/web-admin.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# What Debian policy asks of every package: the copyright file, the changelog (gzip -9n, as the
# man page below) and the lintian overrides, each with its reason (docs/user-guide.md "Install").
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND gzip -9nc ${CMAKE_CURRENT_LIST_DIR}/changelog > ${CMAKE_BINARY_DIR}/changelog.gz
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/changelog
  COMMENT "Compressing the Debian changelog")
add_custom_target(debian_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES packaging/copyright ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME beian)
# The office's own settings (a conffile in the package). Absolute on purpose: beian reads
# /etc/beian wherever it is installed; `DESTDIR=… cmake --install` still stages it.
set(BEIAN_SYSCONF_INSTALL_DIR /etc/beian CACHE PATH "Where the office settings file is installed")
install(FILES packaging/etc/office.json DESTINATION ${BEIAN_SYSCONF_INSTALL_DIR})
# `beian watch` as a systemd service (docs/user-guide.md "Running the watcher as a service"); in the package
# /usr/lib/systemd/system/beian-watch.service, not enabled until the office says so.
install(FILES packaging/beian-watch.service packaging/beian-web.service DESTINATION lib/systemd/system)

# beian(1) from the help text (help2man runs `beian --help` and `beian --version`), so the man
# page and `beian help` cannot disagree.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/beian.1.gz
    COMMAND ${HELP2MAN} --no-info --section=1
            "--name=check Jilin skill-certification filing dossiers and draft their documents"
            --output=${CMAKE_BINARY_DIR}/beian.1 $<TARGET_FILE:beian>
    COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/beian.1
    DEPENDS beian
    COMMENT "Generating the man page beian(1) with help2man"
    VERBATIM)
  add_custom_target(man ALL DEPENDS ${CMAKE_BINARY_DIR}/beian.1.gz)
  install(FILES ${CMAKE_BINARY_DIR}/beian.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found (Debian package help2man): no man page beian(1)")
endif()

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME beian)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "beian maintainers <beian@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "check skill-certification filing dossiers (Jilin) and draft their documents")
# The extended description: lines under 80 characters (lintian).
set(CPACK_PACKAGE_DESCRIPTION
    "beian reads dossier folders of Jilin's skill-certification filing process,\nchecks them against the regulation's checklists and the 2022 occupation\ncatalogue, and writes report.json, a batch page and draft official documents\n(GB/T 9704 PDF).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # beian_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # library packages from dpkg-shlibdeps
# What beian reads at run time besides its own files (shlibdeps adds the libraries it links:
# PoDoFo, qpdf, ICU, HarfBuzz, FreeType, pugixml, RE2, libzip, libdeflate, libxlsxwriter, SQLite, fmt, jemalloc, libcrypto): the fonts
# templates/fonts.xml points at, and the sRGB ICC profile of the issued PDF/A documents
# (icc-profiles-free, the registry setting icc_profile's default).
# adduser: the maintainer scripts create the system user beian.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, fonts-noto-cjk, fonts-arphic-gbsn00lp, fonts-arphic-gkai00mp, fonts-droid-fallback, icc-profiles-free")
# The maintainer scripts: postinst makes the user beian and /var/lib/beian/{intake,out,archive},
# prerm stops the services, postrm keeps the data on remove and on purge unless
# BEIAN_PURGE_DATA=yes (docs/user-guide.md "Install").
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/conffiles ${CMAKE_CURRENT_LIST_DIR}/postinst
    ${CMAKE_CURRENT_LIST_DIR}/prerm ${CMAKE_CURRENT_LIST_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
