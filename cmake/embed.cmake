# Turns a text file into a C++ source defining firmsim::io::kDefaultScenarioJson.
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}.tmp
  "#include <string_view>\nnamespace firmsim::io {\nstatic const char kBytes[] = {${bytes} 0x00};\n"
  "extern const std::string_view kDefaultScenarioJson{kBytes, sizeof(kBytes) - 1};\n}\n")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
