# What an operator installs besides the library (cmake/install.cmake): the man page, the docs and
# examples, and the Debian package made by CPack (scripts/package writes
# build/package/userapi_<version>_<arch>.deb). Included when the command is built.
find_program(USERAPI_HELP2MAN help2man)
find_program(USERAPI_GZIP gzip)
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/userapi)
set(USERAPI_DEB_MAINTAINER "userapi maintainers <maintainers@userapi.example.org>"
    CACHE STRING "The Maintainer field of the .deb and its changelog")

# The man page, from the command's own --help (cmake/manpage.cmake); gzip -n keeps it free of
# timestamps, as Debian wants.
if(USERAPI_HELP2MAN AND USERAPI_GZIP)
  set(man ${PROJECT_BINARY_DIR}/userapi.1)
  add_custom_command(
    OUTPUT ${man}.gz
    COMMAND ${CMAKE_COMMAND} -DUSERAPI=$<TARGET_FILE:userapi> -DHELP2MAN=${USERAPI_HELP2MAN} -DOUTPUT=${man}
            -P ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
    COMMAND ${USERAPI_GZIP} -9nf ${man}
    DEPENDS userapi ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
    COMMENT "Writing the man page userapi.1 from userapi --help"
    VERBATIM)
  add_custom_target(userapi_man ALL DEPENDS ${man}.gz)
  install(FILES ${man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
else()
  message(STATUS "userapi: no help2man or gzip, so no man page (scripts/setup installs help2man)")
endif()

configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${PROJECT_BINARY_DIR}/changelog @ONLY)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/changelog.gz
  COMMAND ${USERAPI_GZIP} -9nkf ${PROJECT_BINARY_DIR}/changelog
  DEPENDS ${PROJECT_BINARY_DIR}/changelog
  VERBATIM)
add_custom_target(userapi_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/changelog.gz ${PROJECT_SOURCE_DIR}/packaging/copyright
        DESTINATION ${doc_dir} COMPONENT cli)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${doc_dir} COMPONENT cli)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${doc_dir} COMPONENT cli FILES_MATCHING PATTERN "*.md"
        PATTERN "*.json" PATTERN "*.yaml" PATTERN screenshots EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples DESTINATION ${doc_dir} COMPONENT cli)

# The service (packaging/userapi-sandbox.service) and its options file go to /lib/systemd/system
# and /etc/userapi: absolute places, so only when packaging (scripts/package turns this on and
# off again); a plain `cmake --install --prefix P` never writes outside P.
option(USERAPI_PACKAGE_SERVICE "Install the systemd unit and /etc/userapi (for the .deb)" OFF)
if(USERAPI_PACKAGE_SERVICE)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/userapi-sandbox.service DESTINATION /lib/systemd/system
          COMPONENT cli)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/sandbox.env DESTINATION /etc/userapi COMPONENT cli)
  file(WRITE ${PROJECT_BINARY_DIR}/debian/conffiles "/etc/userapi/sandbox.env\n")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/debian/conffiles)
endif()

# One package with everything; Depends from the libraries the command links (dpkg-shlibdeps).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME userapi)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package-work)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Update User API requests: validate, build, send, sandbox")
# The extended description, in lines of at most 79 characters (Debian's rule).
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "The userapi command checks Update User request bodies (PUT {base}/api/user)\n"
    "against the contract, builds the exact request or a curl, fetch, Python or\n"
    "raw HTTP snippet, sends it with libcurl and checks the response. Its serve\n"
    "command runs a local sandbox of the API on SQLite with the playground page\n"
    "built in.\n"
    ".\n"
    "Also the userapi::core C++17 static library, its headers, its CMake package\n"
    "(find_package(userapi)) and pkg-config file (userapi.pc).")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${USERAPI_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # userapi_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
