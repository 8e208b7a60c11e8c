# gaiarouter_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>])
#
# Builds a provider plugin as a loadable module named gaiarouter_<name>.so
# that exports only its entry symbol (a version script, so symbols of linked
# static libraries stay private too) and has no undefined symbols, so a
# missing dependency fails at link time rather than at load.
function(gaiarouter_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  set(target gaiarouter_plugin_${name})
  set(version_script ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/gaiarouter_plugin.map)
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE GaiaRouter::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME gaiarouter_${name}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${target} PRIVATE -Wl,--no-undefined -Wl,--version-script=${version_script})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${version_script})
  # Installed where bin/gaiarouter looks by default: ../lib/gaiarouter/plugins.
  install(TARGETS ${target} LIBRARY DESTINATION lib/gaiarouter/plugins)
  set_property(GLOBAL APPEND PROPERTY GAIAROUTER_PLUGIN_TARGETS ${target})
  if(DEFINED GAIAROUTER_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${GAIAROUTER_PLUGIN_OUTPUT_DIR})
  endif()
endfunction()
