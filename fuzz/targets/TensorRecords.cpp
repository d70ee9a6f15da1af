//===- TensorRecords.cpp - fuzz the tensor record reader --------------------===//

#include "../Targets.h"

#include "pd/Runtime/TensorRecord.h"

int pd::fuzz::tensorRecords(const uint8_t *data, size_t size) {
  // A combined parameter file: records back to back, as the importer and the
  // runtime walk it.
  size_t offset = 0;
  while (offset < size) {
    runtime::TensorRecordView record;
    std::string error;
    if (!runtime::parseTensorRecord(data, size, offset, record, error))
      break;
    if (record.size == 0 || record.data + record.dataSize > data + size)
      __builtin_trap(); // the reader promised a record inside the buffer
    offset += record.size;
  }
  return 0;
}
