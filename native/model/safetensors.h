// safetensors I/O: memory-mapped reads (tensors are views of the mapping, copied straight into parameters)
// and atomic writes (temp file + fsync + rename). The JSON header is parsed by the TypeScript side, which
// passes the validated entries here; the writer builds its header itself (names are plain ASCII).
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lmforge {

struct SafetensorsEntry {
  std::string name;   // key in the file
  std::string dtype;  // "F32", "F16", "BF16", "F64", "I64", "I32", "U8"
  std::vector<int64_t> shape;
  int64_t begin = 0, end = 0;  // byte offsets relative to the data section
};

/** A read-only memory mapping of a whole file. */
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
};

c10::ScalarType SafetensorsDtype(const std::string& name, const std::string& file, const std::string& key);
std::string SafetensorsDtypeName(c10::ScalarType type);

/** A CPU tensor viewing the mapping (valid while `file` lives). Checks bounds and byte counts. */
at::Tensor MappedTensor(const MappedFile& file, int64_t dataStart, const SafetensorsEntry& entry);

/** Copies a mapped tensor into `target` (any device), converting dtype; checks the shape. */
void CopyInto(at::Tensor& target, const at::Tensor& source, const std::string& file, const std::string& key);

/**
 * Writes tensors (in the given order) as safetensors, converted to `dtype` (Undefined = keep each tensor's),
 * atomically: `path` is either the old file or the complete new one.
 */
void WriteSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                      c10::ScalarType dtype = c10::ScalarType::Undefined,
                      const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

/** Writes bytes to `path` atomically (temp + fsync + rename). */
void WriteFileAtomic(const std::string& path, const std::string& bytes);

}  // namespace lmforge
