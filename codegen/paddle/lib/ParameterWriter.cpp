//===- ParameterWriter.cpp - Paddle parameter files -------------------------===//

#include "pd/Codegen/Paddle/ProgramExporter.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/PersistableNames.h"
#include "pd/Runtime/TensorRecord.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;

static Error paramError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The raw little-endian bytes of a parameter's value as Paddle stores them
/// (one byte per bool). `storage` holds converted bytes when the attribute
/// does not already hold them in that form.
static std::optional<ArrayRef<char>> rawBytes(ElementsAttr value,
                                              std::vector<char> &storage) {
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    return blob->getData();
  }
  auto dense = dyn_cast<DenseIntOrFPElementsAttr>(value);
  if (!dense)
    return std::nullopt;
  Type element = dense.getElementType();
  if (element.isInteger(1)) {
    for (bool v : dense.getValues<bool>())
      storage.push_back(char(v));
    return ArrayRef<char>(storage);
  }
  if (!dense.isSplat())
    return dense.getRawData();
  ArrayRef<char> one = dense.getRawData();
  for (int64_t i = 0, e = dense.getNumElements(); i < e; ++i)
    storage.insert(storage.end(), one.begin(), one.end());
  return ArrayRef<char>(storage);
}

Expected<ParameterData> pd::parameterData(ModuleOp module,
                                          llvm::StringRef name) {
  auto param = module.lookupSymbol<ParameterOp>(name);
  if (!param)
    return paramError(llvm::formatv("persistable '{0}' has no pd.parameter",
                                    name));
  ParameterData data;
  data.type = dyn_cast<RankedTensorType>(param.getType());
  std::optional<int32_t> dataType =
      data.type ? paddleDataTypeOf(data.type.getElementType()) : std::nullopt;
  if (!dataType || !data.type.hasStaticShape())
    return paramError(llvm::formatv("parameter '{0}' of type {1} cannot be "
                                    "written as a Paddle tensor",
                                    name, param.getType()));
  data.dataType = *dataType;
  data.storage = std::make_shared<std::vector<char>>();
  std::optional<ArrayRef<char>> bytes;
  if (auto value = param.getValueAttr())
    bytes = rawBytes(value, *data.storage);
  if (!bytes)
    return paramError(llvm::formatv(
        "parameter '{0}' has no data (no value, or a dense_resource "
        "whose blob is absent, as in MLIR printed with elided resources)",
        name));
  size_t expected = size_t(data.type.getNumElements()) *
                    runtime::elementSize(*dataType);
  if (bytes->size() != expected)
    return paramError(llvm::formatv("parameter '{0}' holds {1} bytes, its "
                                    "type needs {2}",
                                    name, bytes->size(), expected));
  data.bytes = *bytes;
  if (auto levels = param.getLodAttr())
    for (Attribute level : levels) {
      auto offsets = cast<DenseI64ArrayAttr>(level).asArrayRef();
      data.lod.emplace_back(offsets.begin(), offsets.end());
    }
  return data;
}

Error pd::writeParameter(ModuleOp module, llvm::StringRef name,
                         llvm::raw_ostream &os) {
  auto data = parameterData(module, name);
  if (!data)
    return data.takeError();
  os << runtime::encodeTensorRecordHeader(
      data->dataType, std::vector<int64_t>(data->type.getShape()), data->lod);
  os.write(data->bytes.data(), data->bytes.size());
  return Error::success();
}

Error pd::writeCombinedParameters(ModuleOp module,
                                  const proto::ProgramDesc &program,
                                  llvm::raw_ostream &os) {
  for (const std::string &name : savedPersistableNames(program))
    if (Error err = writeParameter(module, name, os))
      return err;
  return Error::success();
}

bool pd::hasParameterData(ModuleOp module) {
  for (auto param : module.getOps<ParameterOp>())
    if (param.getValueAttr())
      return true;
  return false;
}
