#include "common/errors.h"

namespace lmforge {

std::string FirstLine(const std::string& message) {
  size_t end = message.find('\n');
  std::string line = message.substr(0, end);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  if (line.empty()) line = "native error";
  return line;
}

void ThrowTypeError(Napi::Env env, const std::string& message) {
  throw Napi::TypeError::New(env, message);
}

std::string DescribeException(const char* op, const std::exception& e) {
  return std::string(op) + ": " + FirstLine(e.what());
}

}  // namespace lmforge
