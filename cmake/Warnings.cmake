# Warnings for the project's own code (not applied to third-party sources).
add_library(dendrites_warnings INTERFACE)
target_compile_options(dendrites_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                    -Wno-unused-parameter)
add_library(dendrites::warnings ALIAS dendrites_warnings)
