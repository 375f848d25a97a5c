# The core (engine/, workflows/) does no I/O: it includes no I/O library and links none.
# (OpenSSL::Crypto is allowed: SHA-256 for the audit chain is computation, not I/O.)
# Two checks keep that honest:
#  - tdkt_add_purity_check(target dir...) scans the sources at build time; an include of SOCI,
#    Asio, Beast, libpq, sqlite, curl, yaml-cpp, <fstream> or <filesystem> fails the build.
#  - tdkt_check_core_links(target...) fails configuration when a core target links one.

set(TDKT_FORBIDDEN_CORE_LINK "soci|SOCI|PostgreSQL|pq$|sqlite|curl|CURL|yaml|Boost::(system|asio|beast)|spdlog|OpenSSL::SSL"
  CACHE INTERNAL "")

function(tdkt_add_purity_check target)
  set(_stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.purity.stamp)
  set(_files)
  foreach(_dir IN LISTS ARGN)
    file(GLOB_RECURSE _found CONFIGURE_DEPENDS ${_dir}/*.hpp ${_dir}/*.cpp)
    list(APPEND _files ${_found})
  endforeach()
  add_custom_command(
    OUTPUT ${_stamp}
    COMMAND ${CMAKE_COMMAND} "-DFILES=${_files}" -DSTAMP=${_stamp} -P ${PROJECT_SOURCE_DIR}/cmake/check_core_includes.cmake
    DEPENDS ${_files} ${PROJECT_SOURCE_DIR}/cmake/check_core_includes.cmake
    COMMENT "Checking that ${target} includes no I/O library"
    VERBATIM)
  add_custom_target(${target}_purity DEPENDS ${_stamp})
  add_dependencies(${target} ${target}_purity)
endfunction()

function(tdkt_check_core_links)
  foreach(_target IN LISTS ARGN)
    get_target_property(_libs ${_target} LINK_LIBRARIES)
    get_target_property(_ilibs ${_target} INTERFACE_LINK_LIBRARIES)
    foreach(_lib IN LISTS _libs _ilibs)
      if(_lib MATCHES "${TDKT_FORBIDDEN_CORE_LINK}")
        message(FATAL_ERROR "${_target} is part of the pure core and must not link ${_lib}")
      endif()
    endforeach()
  endforeach()
endfunction()

# tdkt_core_library(name SOURCES... LIBS...): a static library of the core, or an interface
# library while a layer has no sources yet, with the purity check over DIRS.
function(tdkt_core_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;DIRS" ${ARGN})
  if(ARG_SOURCES)
    add_library(${name} STATIC ${ARG_SOURCES})
    target_link_libraries(${name} PUBLIC ${ARG_LIBS})
    tdkt_add_purity_check(${name} ${ARG_DIRS})
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE ${ARG_LIBS})
  endif()
endfunction()
