# Installation (GNUInstallDirs) and the Debian package (CPack DEB) of the tdkt program.
#
#   PREFIX/bin/tdkt
#   PREFIX/share/tdkt/{rules,calendar,notify,web}   the data an installed tdkt finds by itself
#   PREFIX/share/tdkt/base_salary.yaml              (beside rules: the base salaries of prizes)
#                                                   (adapters/cli/data_paths.hpp)
#   PREFIX/share/doc/tdkt/                          README, operations guide, audit format, API,
#                                                   examples/nginx/tdkt.conf (HTTPS in front)
#   SYSCONFDIR/tdkt/tdkt.yaml                       config/tdkt.yaml with installed paths and the
#                                                   SQLite database under LOCALSTATEDIR/lib/tdkt
#   SYSCONFDIR/default/tdkt, PREFIX/lib/systemd/system/tdkt.service
#
# With CMAKE_INSTALL_PREFIX=/usr (scripts/build release) SYSCONFDIR is /etc and LOCALSTATEDIR
# /var, as Debian lays a package out; `cpack -G DEB` in the build directory makes tdkt_*.deb.
# The configuration's directory and paths are fixed when the build is configured (absolute, as
# GNUInstallDirs' FULL variables are): `cmake --install --prefix` does not move them, DESTDIR
# stages them.
include(GNUInstallDirs)

set(TDKT_INSTALL_DATADIR ${CMAKE_INSTALL_FULL_DATADIR}/tdkt)
set(TDKT_INSTALL_CONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/tdkt)
set(TDKT_INSTALL_STATEDIR ${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/tdkt)

install(TARGETS tdkt RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY config/rules config/calendar config/notify web
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tdkt)
install(FILES config/base_salary.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/tdkt)
install(FILES README.md docs/operations.md docs/audit-format.md docs/openapi.yaml
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES packaging/nginx/tdkt.conf DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/nginx)

# The installed configuration is config/tdkt.yaml with each checkout-relative value replaced, so
# that the two never list different keys. A replacement that no longer matches stops configure.
file(READ ${PROJECT_SOURCE_DIR}/config/tdkt.yaml _tdkt_yaml)
set(_tdkt_replacements
  "url: sqlite:var/tdkt.db|url: sqlite:${TDKT_INSTALL_STATEDIR}/tdkt.db"
  "rules: config/rules|rules: ${TDKT_INSTALL_DATADIR}/rules"
  "calendar: config/calendar|calendar: ${TDKT_INSTALL_DATADIR}/calendar"
  "web: web|web: ${TDKT_INSTALL_DATADIR}/web"
  "notify_templates: config/notify/templates.yaml|notify_templates: ${TDKT_INSTALL_DATADIR}/notify/templates.yaml")
foreach(_pair IN LISTS _tdkt_replacements)
  string(REPLACE "|" ";" _pair "${_pair}")
  list(GET _pair 0 _from)
  list(GET _pair 1 _to)
  string(FIND "${_tdkt_yaml}" "${_from}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "config/tdkt.yaml no longer contains '${_from}': update cmake/Packaging.cmake")
  endif()
  string(REPLACE "${_from}" "${_to}" _tdkt_yaml "${_tdkt_yaml}")
endforeach()
string(REGEX REPLACE "^# tdkt service configuration[^\n]*\n"
       "# tdkt service configuration, as installed (${TDKT_INSTALL_CONFDIR}/tdkt.yaml, read by\n# tdkt.service). Every key is optional: a key left out takes the value shown here.\n"
       _tdkt_yaml "${_tdkt_yaml}")
file(WRITE ${PROJECT_BINARY_DIR}/packaging/tdkt.yaml "${_tdkt_yaml}")
install(FILES ${PROJECT_BINARY_DIR}/packaging/tdkt.yaml DESTINATION ${TDKT_INSTALL_CONFDIR}
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES packaging/default/tdkt DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/default
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES packaging/systemd/tdkt.service DESTINATION lib/systemd/system)

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tdkt)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "workflow engine for commendation dossiers (thi đua – khen thưởng)")
set(CPACK_PACKAGE_DESCRIPTION
    "tdkt carries the nomination dossiers of an emulation campaign from the proposing\n\
unit through review, appraisal, the council's vote and the Chairman's decision,\n\
counting deadlines in Vietnamese working days, with a hash-chained audit log.\n\
It runs as the systemd service tdkt.service (HTTP on 127.0.0.1:8080; HTTPS\n\
through nginx).")
set(TDKT_PACKAGE_MAINTAINER "tdkt maintainers <tdkt@localhost>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${TDKT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # tdkt_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
# The shared libraries' packages come from dpkg-shlibdeps; adduser is for the post-install.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, sqlite3, postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm
    ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
