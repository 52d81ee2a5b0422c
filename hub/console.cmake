# The console (fleet, a store's day, clearing, vouchers, operator view, till page): its endpoints are compiled into
# returnloop_hub; its pages are bundled by scripts/build-console-dist (esbuild) into <build>/console, which the hub
# serves under /console/ (RETURNLOOP_CONSOLE_DIR overrides where).
target_sources(returnloop_hub PRIVATE src/console.cpp src/console_http.cpp src/console_fleet.cpp src/console_day.cpp
               src/console_clearing.cpp src/console_vouchers.cpp src/console_operator.cpp src/console_rates.cpp
               src/console_materials.cpp)
set(RETURNLOOP_CONSOLE_WEB_DIR ${CMAKE_BINARY_DIR}/console)
target_compile_definitions(returnloop_hub PRIVATE RETURNLOOP_CONSOLE_DIR="${RETURNLOOP_CONSOLE_WEB_DIR}"
                           RETURNLOOP_SCHEMES_DIR="${PROJECT_SOURCE_DIR}/assets/schemes"
                           RETURNLOOP_REGISTER_FILE="${PROJECT_SOURCE_DIR}/assets/catalog/sample.csv")

find_program(RETURNLOOP_NODE node)
if(RETURNLOOP_NODE AND EXISTS ${PROJECT_SOURCE_DIR}/node_modules/.bin/esbuild)
  file(GLOB_RECURSE RETURNLOOP_CONSOLE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/console/*)
  add_custom_command(OUTPUT ${RETURNLOOP_CONSOLE_WEB_DIR}/index.html
                     COMMAND ${RETURNLOOP_NODE} ${PROJECT_SOURCE_DIR}/scripts/build-console-dist --out ${RETURNLOOP_CONSOLE_WEB_DIR}
                     DEPENDS ${RETURNLOOP_CONSOLE_SOURCES} ${PROJECT_SOURCE_DIR}/scripts/build-console-dist
                             ${PROJECT_SOURCE_DIR}/web/i18n/en-errors.js ${PROJECT_SOURCE_DIR}/web/i18n/zh-errors.js
                     WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} COMMENT "Bundling the hub console")
  add_custom_target(returnloop_console ALL DEPENDS ${RETURNLOOP_CONSOLE_WEB_DIR}/index.html)
else()
  message(WARNING "node or esbuild missing (run scripts/setup): the hub console's pages are not built")
endif()
