# Turns the message catalogs (i18n/<tag>.json) into the core's tables: run at build time with
#   cmake -DCATALOG_DIR=<i18n> -DTAGS=de,fr,... -DOUTPUT=<catalogs.cpp> -P catalogs.cmake
# string(JSON) reads them, so building the core needs nothing but CMake. Each text becomes a raw
# string literal; the output is rewritten only when it changes, so an untouched catalog costs no
# recompile.
cmake_minimum_required(VERSION 3.20)

set(delimiter "userapi_")

# Appends `{"key", R"(text)"},` for every member of `section` in `json` to `var`.
function(append_entries var json section file)
  set(out "")
  string(JSON count ERROR_VARIABLE error LENGTH "${json}" "${section}")
  if(error)
    message(FATAL_ERROR "${file}: no \"${section}\" object: ${error}")
  endif()
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON key MEMBER "${json}" "${section}" ${i})
      string(JSON text GET "${json}" "${section}" "${key}")
      string(FIND "${text}" ")${delimiter}\"" clash)
      if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${file}: ${section}.${key} holds the literal's delimiter")
      endif()
      string(APPEND out "    {\"${key}\", R\"${delimiter}(${text})${delimiter}\"},\n")
    endforeach()
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

string(REPLACE "," ";" tags "${TAGS}")
set(tables "")
set(catalogs "")
set(n 0)
foreach(tag IN LISTS tags)
  set(file "${CATALOG_DIR}/${tag}.json")
  file(READ "${file}" json)
  string(JSON locale ERROR_VARIABLE error GET "${json}" locale)
  if(error OR NOT locale STREQUAL tag)
    message(FATAL_ERROR "${file}: \"locale\" must be \"${tag}\"")
  endif()
  string(JSON language GET "${json}" language)
  string(MAKE_C_IDENTIFIER "${tag}" id)
  append_entries(codes "${json}" codes "${file}")
  append_entries(phrases "${json}" phrases "${file}")
  string(APPEND tables "constexpr CatalogEntry k_${id}_codes[] = {\n${codes}};\n")
  string(APPEND tables "constexpr CatalogEntry k_${id}_phrases[] = {\n${phrases}};\n")
  string(APPEND catalogs "    {\"${tag}\", R\"${delimiter}(${language})${delimiter}\", k_${id}_codes, std::size(k_${id}_codes),\n"
                         "     k_${id}_phrases, std::size(k_${id}_phrases)},\n")
  math(EXPR n "${n} + 1")
endforeach()

set(source "// Generated from i18n/*.json by cmake/catalogs.cmake: edit the catalogs, not this file.
#include <iterator>

#include \"detail/catalog.h\"

namespace userapi::detail {
namespace {

${tables}
}  // namespace

const Catalog kCatalogs[] = {
${catalogs}};
const std::size_t kCatalogCount = ${n};

}  // namespace userapi::detail
")
file(WRITE "${OUTPUT}.tmp" "${source}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
