# find_package(GaiaRouterSDK) for out-of-tree plugins.
include(${CMAKE_CURRENT_LIST_DIR}/GaiaRouterSDKTargets.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/GaiaRouterPlugin.cmake)
