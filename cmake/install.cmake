# Installs the core for native consumers: the static library, its headers, a CMake package
# (userapiConfig.cmake + userapiConfigVersion.cmake, target userapi::core) and userapi.pc.
# Nothing installed names an absolute path: both files locate the prefix from where they lie.
include(CMakePackageConfigHelpers)

set(USERAPI_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/userapi)
install(TARGETS userapi_core EXPORT userapiTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT core)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/userapi DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT core)
install(EXPORT userapiTargets NAMESPACE userapi:: DESTINATION ${USERAPI_CMAKE_DIR} COMPONENT core)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/userapiConfig.cmake.in
  ${PROJECT_BINARY_DIR}/userapiConfig.cmake INSTALL_DESTINATION ${USERAPI_CMAKE_DIR})
# 0.x releases may break compatibility between minor versions; SameMajorVersion is what the
# issue asks for, and the consumer tests pin 0.1.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/userapiConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/userapiConfig.cmake ${PROJECT_BINARY_DIR}/userapiConfigVersion.cmake
  DESTINATION ${USERAPI_CMAKE_DIR} COMPONENT core)

# pkg-config: the prefix is computed from the .pc file's own folder (${pcfiledir}).
file(RELATIVE_PATH USERAPI_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" USERAPI_PC_TO_PREFIX "${USERAPI_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/userapi.pc.in ${PROJECT_BINARY_DIR}/userapi.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/userapi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT core)
