# Debian's header-only libraries (RapidJSON, doctest) as one INTERFACE target that works natively and under Emscripten.
# Under the Emscripten toolchain find_package() only searches its sysroot, and -I/usr/include would pull glibc
# headers into the WASM build, so the headers are copied into the build tree instead (see toolchain-notes.md).
set(RETURNLOOP_DEPS_INCLUDE ${CMAKE_BINARY_DIR}/deps/include)
foreach(dir rapidjson doctest)
  if(NOT EXISTS /usr/include/${dir})
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/setup")
  endif()
  file(COPY /usr/include/${dir} DESTINATION ${RETURNLOOP_DEPS_INCLUDE})
endforeach()
add_library(returnloop_header_deps INTERFACE)
target_include_directories(returnloop_header_deps SYSTEM INTERFACE ${RETURNLOOP_DEPS_INCLUDE})
