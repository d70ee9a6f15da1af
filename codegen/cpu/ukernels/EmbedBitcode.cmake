# Writes OUTPUT, a C++ file holding INPUT's bytes as pdUkernelsBitcode.
file(READ "${INPUT}" bytes HEX)
string(LENGTH "${bytes}" length)
math(EXPR size "${length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," array "${bytes}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" array "${array}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}: the microkernels' LLVM bitcode.\n"
  "#include <cstddef>\n"
  "extern const unsigned char pdUkernelsBitcode[] = {\n${array}};\n"
  "extern const size_t pdUkernelsBitcodeSize = ${size};\n")
