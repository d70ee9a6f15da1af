//===- ParameterFile.cpp - reading Paddle parameter files -------------------===//

#include "pd/Frontend/ParameterFile.h"
#include "pd/Frontend/ProgramDesc.h"
#include "pd/Runtime/MappedFiles.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace pd;

Expected<std::shared_ptr<MemoryBuffer>> pd::mapFile(StringRef path) {
  // No null terminator is required, so large files are mmapped, not read.
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeFileError(path, buffer.getError().message());
  if ((*buffer)->getBufferKind() != MemoryBuffer::MemoryBuffer_MMap)
    return std::shared_ptr<MemoryBuffer>(std::move(*buffer));
  // A mapping is registered for writers that copy file to file; the
  // registration ends with it.
  const char *begin = (*buffer)->getBufferStart();
  runtime::registerMappedFile(begin, (*buffer)->getBufferSize(), path.str());
  return std::shared_ptr<MemoryBuffer>(
      buffer->release(), [begin](MemoryBuffer *mapped) {
        runtime::unregisterMappedFile(begin);
        delete mapped;
      });
}

static bool parseAt(const MemoryBuffer &file, size_t offset,
                    runtime::TensorRecordView &record, std::string &error) {
  return runtime::parseTensorRecord(
      reinterpret_cast<const uint8_t *>(file.getBufferStart()),
      file.getBufferSize(), offset, record, error);
}

Expected<std::vector<MappedTensor>>
pd::readCombinedParameters(StringRef path, ArrayRef<std::string> sortedNames) {
  auto file = mapFile(path);
  if (!file)
    return file.takeError();
  std::vector<MappedTensor> tensors;
  tensors.reserve(sortedNames.size());
  size_t offset = 0;
  for (const std::string &name : sortedNames) {
    MappedTensor tensor{name, {}, *file};
    std::string error;
    if (offset == (*file)->getBufferSize())
      return makeFileError(
          path, formatv("ends at byte {0} after {1} of {2} parameters; no "
                        "record for '{3}'",
                        offset, tensors.size(), sortedNames.size(), name));
    if (!parseAt(**file, offset, tensor.record, error))
      return makeFileError(path, formatv("parameter '{0}' (record {1} of "
                                         "{2}): {3}",
                                         name, tensors.size() + 1,
                                         sortedNames.size(), error));
    offset += tensor.record.size;
    tensors.push_back(std::move(tensor));
  }
  if (offset != (*file)->getBufferSize())
    return makeFileError(
        path, formatv("at byte {0}: {1} bytes follow the last of the {2} "
                      "parameters the program declares",
                      offset, (*file)->getBufferSize() - offset,
                      sortedNames.size()));
  return tensors;
}

Expected<MappedTensor> pd::readTensorFile(StringRef path, StringRef name) {
  auto file = mapFile(path);
  if (!file)
    return file.takeError();
  MappedTensor tensor{name.str(), {}, *file};
  std::string error;
  if (!parseAt(**file, 0, tensor.record, error))
    return makeFileError(path, formatv("parameter '{0}': {1}", name, error));
  if (tensor.record.size != (*file)->getBufferSize())
    return makeFileError(path, formatv("parameter '{0}': at byte {1}: {2} "
                                       "bytes follow the tensor record",
                                       name, tensor.record.size,
                                       (*file)->getBufferSize() -
                                           tensor.record.size));
  return tensor;
}
