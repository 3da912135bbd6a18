# Turns a text file into a C++ source defining firmsim::io::kDefaultScenarioJson, or the
# std::string_view ${NAMESPACE}::${SYMBOL} when those are given (-DNAMESPACE=... -DSYMBOL=...).
if(NOT DEFINED NAMESPACE)
  set(NAMESPACE firmsim::io)
endif()
if(NOT DEFINED SYMBOL)
  set(SYMBOL kDefaultScenarioJson)
endif()
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}.tmp
  "#include <string_view>\nnamespace ${NAMESPACE} {\nstatic const char kBytes[] = {${bytes} 0x00};\n"
  "extern const std::string_view ${SYMBOL}{kBytes, sizeof(kBytes) - 1};\n}\n")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
