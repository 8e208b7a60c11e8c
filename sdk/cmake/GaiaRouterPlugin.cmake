# gaiarouter_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>])
#
# Builds a provider plugin as a loadable module named gaiarouter_<name>.so with
# hidden visibility (only the entry symbol is exported) and no undefined
# symbols, so a missing dependency fails at link time rather than at load.
function(gaiarouter_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  set(target gaiarouter_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE GaiaRouter::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME gaiarouter_${name}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  if(DEFINED GAIAROUTER_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${GAIAROUTER_PLUGIN_OUTPUT_DIR})
  endif()
endfunction()
