#include "model/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>

namespace lmforge {

MappedFile::MappedFile(const std::string& path) : path_(path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path + ": cannot open (" + std::strerror(errno) + ")");
  struct stat st;
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    throw std::runtime_error(path + ": cannot stat (" + std::strerror(errno) + ")");
  }
  size_ = static_cast<int64_t>(st.st_size);
  if (size_ > 0) {
    void* p = mmap(nullptr, static_cast<size_t>(size_), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      throw std::runtime_error(path + ": cannot mmap (" + std::strerror(errno) + ")");
    }
    data_ = static_cast<uint8_t*>(p);
  }
  ::close(fd);  // the mapping stays valid without the descriptor
}

MappedFile::~MappedFile() {
  if (data_) munmap(data_, static_cast<size_t>(size_));
}

c10::ScalarType SafetensorsDtype(const std::string& name, const std::string& file, const std::string& key) {
  if (name == "F32") return at::kFloat;
  if (name == "F16") return at::kHalf;
  if (name == "BF16") return at::kBFloat16;
  if (name == "F64") return at::kDouble;
  if (name == "I64") return at::kLong;
  if (name == "I32") return at::kInt;
  if (name == "I16") return at::kShort;
  if (name == "I8") return at::kChar;
  if (name == "U8") return at::kByte;
  if (name == "BOOL") return at::kBool;
  throw std::runtime_error(file + ": tensor '" + key + "' has unsupported dtype '" + name + "'");
}

std::string SafetensorsDtypeName(c10::ScalarType type) {
  switch (type) {
    case at::kFloat: return "F32";
    case at::kHalf: return "F16";
    case at::kBFloat16: return "BF16";
    case at::kDouble: return "F64";
    case at::kLong: return "I64";
    case at::kInt: return "I32";
    case at::kShort: return "I16";
    case at::kChar: return "I8";
    case at::kByte: return "U8";
    case at::kBool: return "BOOL";
    default: throw std::runtime_error(std::string("cannot write dtype ") + c10::toString(type) + " to safetensors");
  }
}

at::Tensor MappedTensor(const MappedFile& file, int64_t dataStart, const SafetensorsEntry& e) {
  auto type = SafetensorsDtype(e.dtype, file.path(), e.name);
  int64_t numel = 1;
  for (int64_t d : e.shape) {
    if (d < 0) throw std::runtime_error(file.path() + ": tensor '" + e.name + "' has a negative dimension");
    numel *= d;
  }
  const int64_t bytes = numel * static_cast<int64_t>(c10::elementSize(type));
  if (e.begin < 0 || e.end < e.begin || e.end - e.begin != bytes)
    throw std::runtime_error(file.path() + ": tensor '" + e.name + "' has data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
                             "] but its shape and dtype need " + std::to_string(bytes) + " bytes");
  if (dataStart + e.end > file.size())
    throw std::runtime_error(file.path() + ": tensor '" + e.name + "' ends at byte " + std::to_string(dataStart + e.end) + " but the file has " +
                             std::to_string(file.size()) + " bytes (truncated?)");
  if (numel == 0) return at::empty(e.shape, at::TensorOptions().dtype(type));
  // The mapping is read-only; from_blob never writes through it and callers copy out of it.
  void* ptr = const_cast<uint8_t*>(file.data() + dataStart + e.begin);
  // safetensors data are not necessarily aligned to the element size: fall back to a copy when not.
  if (reinterpret_cast<uintptr_t>(ptr) % c10::elementSize(type) != 0) {
    at::Tensor out = at::empty(e.shape, at::TensorOptions().dtype(type));
    std::memcpy(out.data_ptr(), ptr, static_cast<size_t>(bytes));
    return out;
  }
  return at::from_blob(ptr, e.shape, at::TensorOptions().dtype(type));
}

void CopyInto(at::Tensor& target, const at::Tensor& source, const std::string& file, const std::string& key) {
  if (target.sizes() != source.sizes()) {
    std::ostringstream os;
    os << file << ": tensor '" << key << "' has shape " << source.sizes() << " but the model expects " << target.sizes();
    throw std::runtime_error(os.str());
  }
  at::NoGradGuard ng;
  target.copy_(source);
}

void WriteFileAtomic(const std::string& path, const std::string& bytes) {
  std::random_device rd;
  const std::string tmp = path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(path + ": cannot create (" + std::strerror(errno) + ")");
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error(path + ": write failed (" + std::strerror(err) + ")");
    }
    off += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    throw std::runtime_error(path + ": fsync/close failed (" + std::strerror(errno) + ")");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error(path + ": rename failed (" + std::strerror(err) + ")");
  }
}

static std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void WriteSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors, c10::ScalarType dtype,
                      const std::map<std::string, std::string>& metadata) {
  std::vector<at::Tensor> cpu;
  cpu.reserve(tensors.size());
  std::ostringstream header;
  header << "{";
  bool first = true;
  if (!metadata.empty()) {
    header << "\"__metadata__\":{";
    bool f = true;
    for (auto& [k, v] : metadata) {
      header << (f ? "" : ",") << JsonString(k) << ":" << JsonString(v);
      f = false;
    }
    header << "}";
    first = false;
  }
  int64_t offset = 0;
  for (auto& [name, t] : tensors) {
    at::Tensor c = t.detach();
    if (dtype != c10::ScalarType::Undefined && c.is_floating_point()) c = c.to(dtype);
    c = c.to(at::kCPU).contiguous();
    const int64_t bytes = c.numel() * static_cast<int64_t>(c.element_size());
    header << (first ? "" : ",") << JsonString(name) << ":{\"dtype\":\"" << SafetensorsDtypeName(c.scalar_type()) << "\",\"shape\":[";
    for (int64_t i = 0; i < c.dim(); i++) header << (i ? "," : "") << c.size(i);
    header << "],\"data_offsets\":[" << offset << "," << offset + bytes << "]}";
    offset += bytes;
    first = false;
    cpu.push_back(c);
  }
  header << "}";
  std::string h = header.str();
  while (h.size() % 8 != 0) h += ' ';  // the format pads the header so the data start 8-byte aligned
  std::string bytes;
  bytes.reserve(8 + h.size() + static_cast<size_t>(offset));
  uint64_t n = h.size();
  for (int i = 0; i < 8; i++) bytes += static_cast<char>((n >> (8 * i)) & 0xff);
  bytes += h;
  for (auto& c : cpu) bytes.append(static_cast<const char*>(c.data_ptr()), static_cast<size_t>(c.numel() * c.element_size()));
  WriteFileAtomic(path, bytes);
}

}  // namespace lmforge
