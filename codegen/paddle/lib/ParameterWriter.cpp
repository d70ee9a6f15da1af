//===- ParameterWriter.cpp - Paddle parameter files -------------------------===//

#include "pd/Codegen/Paddle/ProgramExporter.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/PersistableNames.h"
#include "pd/Codegen/OutputFiles.h"
#include "pd/Runtime/MappedFiles.h"
#include "pd/Runtime/TensorRecord.h"

#include <fcntl.h>
#include <unistd.h>

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

/// Bytes that are a view of a mapped file go from file to file in the
/// kernel (copy_file_range): no page of them is faulted in or copied through
/// this process. Anything else, or a kernel that declines, is written.
static void writeBytes(llvm::raw_ostream &os, ArrayRef<char> bytes) {
  auto *file = dynamic_cast<OutputFile *>(&os);
  std::optional<runtime::FileRegion> region =
      file && bytes.size() >= (1 << 20)
          ? runtime::findMappedRegion(bytes.data(), bytes.size())
          : std::nullopt;
  if (region) {
    int in = ::open(region->path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in >= 0) {
      file->flush();
      off64_t offset = off64_t(region->offset);
      size_t left = bytes.size();
      while (left > 0) {
        ssize_t n = ::copy_file_range(in, &offset, file->descriptor(),
                                      nullptr, left, 0);
        if (n <= 0)
          break;
        left -= size_t(n);
      }
      ::close(in);
      if (left == 0)
        return;
      bytes = bytes.take_back(left); // finish what the kernel did not copy
    }
  }
  os.write(bytes.data(), bytes.size());
}

Error pd::writeParameter(ModuleOp module, llvm::StringRef name,
                         llvm::raw_ostream &os) {
  auto data = parameterData(module, name);
  if (!data)
    return data.takeError();
  os << runtime::encodeTensorRecordHeader(
      data->dataType, std::vector<int64_t>(data->type.getShape()), data->lod);
  writeBytes(os, data->bytes);
  return Error::success();
}

Error pd::writeCombinedParameters(ModuleOp module,
                                  const proto::ProgramDesc &program,
                                  llvm::raw_ostream &os) {
  return writeCombinedParameters(module, savedPersistableNames(program), os);
}

Error pd::writeCombinedParameters(ModuleOp module, ArrayRef<std::string> names,
                                  llvm::raw_ostream &os) {
  for (const std::string &name : names)
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
