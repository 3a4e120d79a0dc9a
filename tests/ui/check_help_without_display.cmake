# `fillbook --help` and `--version` print and exit 0 with no display at all (no DISPLAY, no
# WAYLAND_DISPLAY, no QT_QPA_PLATFORM): QApplication must not be constructed for them.
# Run as: cmake -DFILLBOOK=<path> -P check_help_without_display.cmake
foreach(option --help --version)
    execute_process(
        COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY
                --unset=QT_QPA_PLATFORM ${FILLBOOK} ${option}
        RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
    if(NOT code EQUAL 0)
        message(FATAL_ERROR "fillbook ${option} exited with '${code}': ${out}${err}")
    endif()
    if(option STREQUAL "--help" AND NOT out MATCHES "Usage: .*fillbook.*--demo.*--screenshot")
        message(FATAL_ERROR "fillbook --help printed no usage: ${out}${err}")
    endif()
    if(option STREQUAL "--version" AND NOT out MATCHES "^fillbook [0-9]+\\.[0-9]+")
        message(FATAL_ERROR "fillbook --version printed no version: ${out}${err}")
    endif()
    message(STATUS "fillbook ${option}: exit 0\n${out}")
endforeach()
