//===- PickleTest.cpp - the safe unpickler against CPython's pickler -------===//
//
// The inputs are what CPython 3.11 + numpy 2 write for
//   {'w': np.array([[1.5, -2.0, 300.25], [0.0, 255.0, -1e-3]], 'float32'),
//    'n': ('linear_0.w_0', np.array([7, -8], 'int64')), 'epoch': 3}
// with protocol 2 (array bytes as latin-1 text through _codecs.encode) and
// protocol 4 (raw bytes, memoized globals).
//
//===----------------------------------------------------------------------===//

#include "pd/Frontend/StateDict.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/StringExtras.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace pd;

namespace {

const char kProtocol2[] =
    "80027d7100285801000000777101636e756d70792e5f636f72652e6d756c746961727261"
    "790a5f7265636f6e7374727563740a7102636e756d70790a6e6461727261790a71034b00"
    "857104635f636f646563730a656e636f64650a7105580100000062710658060000006c61"
    "74696e31710786710852710987710a52710b284b014b024b0386710c636e756d70790a64"
    "747970650a710d58020000006634710e898887710f527110284b0358010000003c71114e"
    "4e4e4affffffff4affffffff4b0074711262896805581d0000000000c3803f000000c380"
    "0020c296430000000000007f436f12c283c2ba711368078671145271157471166258010000"
    "006e7117580c0000006c696e6561725f302e775f307118680268034b00857119680987711a"
    "52711b284b014b0285711c680d58020000006938711d898887711e52711f284b0368114e4e"
    "4e4affffffff4affffffff4b007471206289680558180000000700000000000000c3b8c3bf"
    "c3bfc3bfc3bfc3bfc3bfc3bf7121680786712252712374712462867125580500000065706f"
    "636871264b03752e";

const char kProtocol4[] =
    "8004951a010000000000007d94288c0177948c166e756d70792e5f636f72652e6d756c7469"
    "6172726179948c0c5f7265636f6e7374727563749493948c056e756d7079948c076e646172"
    "7261799493944b0085944301629487945294284b014b024b03869468058c05647479706594"
    "93948c02663494898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494"
    "628943180000c03f000000c0002096430000000000007f436f1283ba947494628c016e948c"
    "0c6c696e6561725f302e775f3094680468074b008594680987945294284b014b028594680e"
    "8c02693894898887945294284b0368124e4e4e4affffffff4affffffff4b00749462894310"
    "0700000000000000f8ffffffffffffff9474946286948c0565706f6368944b03752e";

StateDict read(const char *hex) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(llvm::fromHex(hex));
  auto doc = pickle::parse(std::shared_ptr<llvm::MemoryBuffer>(std::move(buffer)),
                           "test.pdparams");
  EXPECT_TRUE(bool(doc)) << llvm::toString(doc.takeError());
  auto dict = interpretStateDict(*doc, "test.pdparams");
  EXPECT_TRUE(bool(dict)) << llvm::toString(dict.takeError());
  return std::move(*dict);
}

void expectContents(const StateDict &dict, unsigned protocol) {
  EXPECT_EQ(dict.protocol, protocol);
  ASSERT_EQ(dict.tensors.size(), 2u);
  const PickledTensor &w = dict.tensors[0];
  EXPECT_EQ(w.key, "w");
  EXPECT_EQ(w.dataType, 5);
  EXPECT_EQ(w.numpyType, "<f4");
  EXPECT_EQ(w.dims, (std::vector<int64_t>{2, 3}));
  float expected[6] = {1.5f, -2.0f, 300.25f, 0.0f, 255.0f, -1e-3f};
  ASSERT_EQ(w.data.size(), sizeof(expected));
  EXPECT_EQ(std::memcmp(w.data.data(), expected, sizeof(expected)), 0);

  // A (name, array) tuple: a Tensor saved on paddle.save's generic path.
  const PickledTensor &n = dict.tensors[1];
  EXPECT_EQ(n.key, "n");
  EXPECT_EQ(n.name, "linear_0.w_0");
  EXPECT_EQ(n.dataType, 3);
  int64_t ints[2] = {7, -8};
  ASSERT_EQ(n.data.size(), sizeof(ints));
  EXPECT_EQ(std::memcmp(n.data.data(), ints, sizeof(ints)), 0);

  ASSERT_EQ(dict.values.size(), 1u);
  EXPECT_EQ(dict.values[0].key, "epoch");
  EXPECT_EQ(dict.values[0].repr, "3");
}

TEST(Pickle, Protocol2DecodesLatin1ArrayBytes) {
  expectContents(read(kProtocol2), 2);
}

TEST(Pickle, Protocol4ArraysAreViewsIntoTheFile) {
  std::string bytes = llvm::fromHex(kProtocol4);
  auto buffer = std::shared_ptr<llvm::MemoryBuffer>(
      llvm::MemoryBuffer::getMemBuffer(bytes, "p4", false));
  auto doc = pickle::parse(buffer, "p4");
  ASSERT_TRUE(bool(doc)) << llvm::toString(doc.takeError());
  auto dict = interpretStateDict(*doc, "p4");
  ASSERT_TRUE(bool(dict)) << llvm::toString(dict.takeError());
  expectContents(*dict, 4);
  const char *data = dict->tensors[0].data.data();
  EXPECT_TRUE(data >= bytes.data() && data < bytes.data() + bytes.size());
}

// paddle.save with protocol 2 cuts tensors over 2^30 bytes into slices
// listed under UnpackBigParamInfor@@; this is that layout in small:
// {'big@@.0': arange(4), 'big@@.1': [4, 5], 'small': ones(2),
//  'UnpackBigParamInfor@@': {'big': {'OriginShape': (2, 3),
//                                    'slices': ['big@@.0', 'big@@.1']}},
//  'StructuredToParameterName@@': {'big': 'w_0', 'small': 'b_0'}}
const char kBigTensorSlices[] =
    "80027d710028580700000062696740402e307101636e756d70792e5f636f72652e6d756c"
    "746961727261790a5f7265636f6e7374727563740a7102636e756d70790a6e6461727261"
    "790a71034b00857104635f636f646563730a656e636f64650a7105580100000062710658"
    "060000006c6174696e31710786710852710987710a52710b284b014b0485710c636e756d"
    "70790a64747970650a710d58020000006634710e898887710f527110284b035801000000"
    "3c71114e4e4e4affffffff4affffffff4b00747112628968055811000000000000000000"
    "c2803f00000040000040407113680786711452711574711662580700000062696740402e"
    "317117680268034b00857118680987711952711a284b014b0285711b6810896805580a00"
    "00000000c280400000c2a040711c680786711d52711e74711f625805000000736d616c6c"
    "7120680268034b008571216809877122527123284b014b028571246810896805580a0000"
    "000000c2803f0000c2803f71256807867126527127747128625815000000556e7061636b"
    "426967506172616d496e666f72404071297d712a5803000000626967712b7d712c28580b"
    "0000004f726967696e5368617065712d4b024b0386712e5806000000736c69636573712f"
    "5d71302868016817657573581b00000053747275637475726564546f506172616d657465"
    "724e616d65404071317d713228682b5803000000775f30713368205803000000625f3071"
    "3475752e";

TEST(Pickle, BigTensorSlicesAreReassembled) {
  StateDict dict = read(kBigTensorSlices);
  ASSERT_EQ(dict.tensors.size(), 2u);
  EXPECT_EQ(dict.tensors[0].key, "small");
  EXPECT_EQ(dict.tensors[0].name, "b_0");
  const PickledTensor &big = dict.tensors[1];
  EXPECT_EQ(big.key, "big");
  EXPECT_EQ(big.name, "w_0");
  EXPECT_EQ(big.dims, (std::vector<int64_t>{2, 3}));
  float expected[6] = {0, 1, 2, 3, 4, 5};
  ASSERT_EQ(big.data.size(), sizeof(expected));
  EXPECT_EQ(std::memcmp(big.data.data(), expected, sizeof(expected)), 0);
}

TEST(Pickle, NumpyTypesMapToPaddleTypes) {
  EXPECT_EQ(paddleTypeOfNumpy("<f4"), 5);
  EXPECT_EQ(paddleTypeOfNumpy("|b1"), 0);
  EXPECT_EQ(paddleTypeOfNumpy("<i8"), 3);
  EXPECT_EQ(paddleTypeOfNumpy("|u1"), 20);
  EXPECT_EQ(paddleTypeOfNumpy("<c8"), 23);
  EXPECT_EQ(paddleTypeOfNumpy(">f4"), std::nullopt); // big-endian
  EXPECT_EQ(paddleTypeOfNumpy("|O"), std::nullopt);
}

TEST(Pickle, ShapeThatLiesAboutTheDataIsAnError) {
  // The protocol-4 pickle with the first shape (2, 3) changed to (2, 4).
  std::string hex = kProtocol4;
  size_t at = hex.find("4b014b024b0386");
  ASSERT_NE(at, std::string::npos);
  hex.replace(at, 14, "4b014b024b0486");
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(llvm::fromHex(hex));
  auto doc = pickle::parse(std::shared_ptr<llvm::MemoryBuffer>(std::move(buffer)), "lie");
  ASSERT_TRUE(bool(doc));
  auto dict = interpretStateDict(*doc, "lie");
  ASSERT_FALSE(bool(dict));
  EXPECT_EQ(llvm::toString(dict.takeError()),
            "lie: tensor 'w': shape [2, 4] of <f4 does not fit the 24 bytes "
            "the pickle holds");
}

// {'w': a 2x3 float32 array in Fortran order, [[1, 2, 3], [4, 5, 6]]}, as
// protocol 5 pickles numpy.asfortranarray(...) (test/gen/hostile_pickles.py).
const char kFortranOrder[] =
    "8004958d000000000000007d948c0177948c126e756d70792e636f72652e6e756d6572"
    "6963948c0b5f66726f6d6275666665729493942843180000803f00008040000000400000"
    "a040000040400000c040948c056e756d7079948c0564747970659493948c02663494898887"
    "945294284b038c013c944e4e4e4affffffff4affffffff4b007494624b024b0386948c01"
    "469474945294732e";

TEST(Pickle, FortranOrderArraysAreReadInCOrder) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(llvm::fromHex(kFortranOrder));
  auto doc = pickle::parse(std::shared_ptr<llvm::MemoryBuffer>(std::move(buffer)), "f");
  ASSERT_TRUE(bool(doc)) << llvm::toString(doc.takeError());
  auto dict = interpretStateDict(*doc, "f");
  ASSERT_TRUE(bool(dict)) << llvm::toString(dict.takeError());
  ASSERT_EQ(dict->tensors.size(), 1u);
  EXPECT_EQ(dict->tensors[0].dims, (std::vector<int64_t>{2, 3}));
  std::vector<float> values(6);
  ASSERT_EQ(dict->tensors[0].data.size(), sizeof(float) * 6);
  std::memcpy(values.data(), dict->tensors[0].data.data(), sizeof(float) * 6);
  EXPECT_EQ(values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(Pickle, FortranToCOrderCopiesEveryRank) {
  // A 2x3x4 array of its C-order indices, stored in Fortran order.
  std::vector<int64_t> dims{2, 3, 4};
  std::vector<int32_t> fortran(24), c(24);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k)
        fortran[i + 2 * j + 6 * k] = i * 12 + j * 4 + k;
  pd::runtime::copyFortranToC(reinterpret_cast<const uint8_t *>(fortran.data()),
                          reinterpret_cast<uint8_t *>(c.data()), dims, 4);
  for (int i = 0; i < 24; ++i)
    EXPECT_EQ(c[i], i);
}

// Containers must not change once they are in another: a list that holds
// itself, and lists appended to after being nested, are refused.
TEST(Pickle, SelfReferenceAndTopDownContainersAreRefused) {
  for (const char *hex : {"5d946800612e",          // l = []; l.append(l)
                          "7d944b016800732e"}) {   // d = {}; d[1] = d
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(llvm::fromHex(hex));
    auto doc = pickle::parse(std::shared_ptr<llvm::MemoryBuffer>(std::move(buffer)), "self");
    ASSERT_FALSE(bool(doc));
    EXPECT_NE(llvm::toString(doc.takeError()).find("a container that contains itself"), std::string::npos);
  }
  // a = []; b = []; a.append(b); b.append([]) -- b changes inside a.
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::fromHex("8004" "5d94" "5d94" "61" "30" "6801" "5d" "61" "30" "6800" "2e"));
  auto doc = pickle::parse(std::shared_ptr<llvm::MemoryBuffer>(std::move(buffer)), "down");
  ASSERT_FALSE(bool(doc));
  EXPECT_NE(llvm::toString(doc.takeError()).find("changed after it was placed in another"), std::string::npos);
}

// Memory the reader's values take is bounded by the file: a budget, shared
// None, and a limit on what shared references expand to.
TEST(Pickle, ValuesStayWithinTheirBudget) {
  std::string flood = "\x80\x04]\x94";
  for (int i = 0; i < 20000; ++i)
    flood += "(" + std::string(100, ']') + "e";
  flood += ".";
  pickle::Limits limits;
  limits.maxBytes = 1 << 20;
  auto doc = pickle::parse(std::shared_ptr<llvm::MemoryBuffer>(
                               llvm::MemoryBuffer::getMemBufferCopy(flood)),
                           "flood", limits);
  ASSERT_FALSE(bool(doc));
  EXPECT_NE(llvm::toString(doc.takeError()).find("values need more than 1 MiB"), std::string::npos);
}

} // namespace
