# Run by tdkt_add_purity_check at build time: fails when a core source includes an I/O library.
# The forbidden list: SOCI, Asio, Beast, libpq, SQLite, curl, yaml-cpp, spdlog and the standard
# library's file and stream I/O.
set(PATTERN "#include[ \t]*[<\"](soci/|boost/asio|boost/beast|libpq|postgresql/|sqlite3|curl/|yaml-cpp/|spdlog/|fstream|filesystem|iostream|cstdio)")
set(_files ${FILES})
set(_bad "")
foreach(_file IN LISTS _files)
  if(NOT _file)
    continue()
  endif()
  file(STRINGS ${_file} _lines REGEX "${PATTERN}")
  foreach(_line IN LISTS _lines)
    string(APPEND _bad "\n  ${_file}: ${_line}")
  endforeach()
endforeach()
if(_bad)
  message(FATAL_ERROR "The core (engine/, workflows/) must do no I/O; it reaches the world through "
                      "engine/ports/. Forbidden includes:${_bad}")
endif()
file(TOUCH ${STAMP})
