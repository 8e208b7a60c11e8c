# cmake -DINPUT=openapi.yaml -DOUTPUT=OpenApiDocument.cpp -P embed.cmake
# Compiles the OpenAPI document into the binary as a raw string literal.
file(READ "${INPUT}" content)
string(FIND "${content}" ")openapi\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )openapi\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT}; do not edit.\nnamespace gaiarouter {\nextern const char* const kOpenApiYaml;\nconst char* const kOpenApiYaml = R\"openapi(${content})openapi\";\n}  // namespace gaiarouter\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
