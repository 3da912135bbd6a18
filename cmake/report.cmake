# firmsim::report — the results page (`firmsim report`) and the live demo (`firmsim serve`):
# readers of result folders, the live model, and the page built from web/ with npm and esbuild,
# embedded into the program. Included from the root CMakeLists.txt after the `firmsim` target.
find_program(FIRMSIM_NODE node)
find_program(FIRMSIM_NPM npm)
if(FIRMSIM_NODE AND FIRMSIM_NPM)
  set(FIRMSIM_WEB_DEFAULT ON)
else()
  set(FIRMSIM_WEB_DEFAULT OFF)
endif()
option(FIRMSIM_WITH_WEB "Build the page of report/serve from web/ (needs node and npm)"
       ${FIRMSIM_WEB_DEFAULT})

set(FIRMSIM_WEB_BUILD ${PROJECT_BINARY_DIR}/web)
set(FIRMSIM_PAGE_CPP ${PROJECT_BINARY_DIR}/generated/page_html.cpp)
set(FIRMSIM_PAGE_BUILT OFF)
if(FIRMSIM_WITH_WEB AND FIRMSIM_NODE AND FIRMSIM_NPM)
  set(FIRMSIM_PAGE_BUILT ON)
  set(FIRMSIM_WEB_SRC ${PROJECT_SOURCE_DIR}/web)
  file(GLOB FIRMSIM_WEB_SOURCES CONFIGURE_DEPENDS ${FIRMSIM_WEB_SRC}/src/*)
  # node_modules live in the build folder (npm ci from the committed lock file).
  file(MAKE_DIRECTORY ${FIRMSIM_WEB_BUILD})
  add_custom_command(OUTPUT ${FIRMSIM_WEB_BUILD}/node_modules/.package-lock.json
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${FIRMSIM_WEB_SRC}/package.json
            ${FIRMSIM_WEB_SRC}/package-lock.json ${FIRMSIM_WEB_BUILD}
    COMMAND ${FIRMSIM_NPM} ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${FIRMSIM_WEB_BUILD}
    DEPENDS ${FIRMSIM_WEB_SRC}/package.json ${FIRMSIM_WEB_SRC}/package-lock.json
    COMMENT "Installing the front-end packages (npm ci)")
  add_custom_command(OUTPUT ${FIRMSIM_WEB_BUILD}/page.html
    COMMAND ${FIRMSIM_NODE} ${FIRMSIM_WEB_SRC}/build.mjs --modules ${FIRMSIM_WEB_BUILD}/node_modules
            --out ${FIRMSIM_WEB_BUILD}/page.html
    DEPENDS ${FIRMSIM_WEB_BUILD}/node_modules/.package-lock.json ${FIRMSIM_WEB_SRC}/build.mjs
            ${FIRMSIM_WEB_SOURCES}
    COMMENT "Bundling the page (esbuild)")
  add_custom_command(OUTPUT ${FIRMSIM_PAGE_CPP}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${FIRMSIM_WEB_BUILD}/page.html -DOUTPUT=${FIRMSIM_PAGE_CPP}
            -DNAMESPACE=firmsim::report -DSYMBOL=kPageHtml -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${FIRMSIM_WEB_BUILD}/page.html ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding the page")
else()
  if(FIRMSIM_WITH_WEB)
    set(FIRMSIM_WEB_HINT "node or npm not found: install them (Debian: nodejs npm) and reconfigure")
  else()
    set(FIRMSIM_WEB_HINT "FIRMSIM_WITH_WEB=OFF; reconfigure with -DFIRMSIM_WITH_WEB=ON to build it")
  endif()
  message(STATUS "firmsim: the page of `firmsim report` and `firmsim serve` is not built "
                 "(${FIRMSIM_WEB_HINT}); both commands will say so when run")
  file(WRITE ${FIRMSIM_PAGE_CPP}.in
    "#include <string_view>\nnamespace firmsim::report {\n"
    "// The front end was not built (FIRMSIM_WITH_WEB=OFF or no npm): no page.\n"
    "extern const std::string_view kPageHtml{};\n}\n")
  configure_file(${FIRMSIM_PAGE_CPP}.in ${FIRMSIM_PAGE_CPP} COPYONLY)
endif()
message(STATUS "firmsim: report/serve page ${FIRMSIM_PAGE_BUILT}")

file(GLOB FIRMSIM_REPORT_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/report/*.cpp)
add_library(firmsim_report STATIC ${FIRMSIM_REPORT_SOURCES} ${FIRMSIM_PAGE_CPP})
add_library(firmsim::report ALIAS firmsim_report)
target_include_directories(firmsim_report PRIVATE ${PROJECT_SOURCE_DIR}/sim)
target_link_libraries(firmsim_report PUBLIC firmsim::io)
target_compile_options(firmsim_report PRIVATE ${FIRMSIM_WARNINGS})
target_link_libraries(firmsim PRIVATE firmsim_report)

# The live demo's HTTP server: cpp-httplib from Debian (libcpp-httplib-dev, found by pkg-config).
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(CPPHTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
endif()
if(CPPHTTPLIB_FOUND)
  target_link_libraries(firmsim PRIVATE PkgConfig::CPPHTTPLIB)
  target_compile_definitions(firmsim PRIVATE FIRMSIM_HAVE_HTTPLIB=1)
  message(STATUS "firmsim: `firmsim serve` with cpp-httplib ${CPPHTTPLIB_VERSION}")
else()
  message(STATUS "firmsim: cpp-httplib not found (Debian: libcpp-httplib-dev): "
                 "`firmsim serve` only prints how to enable it")
endif()
