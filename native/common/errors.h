// The one error-translation wrapper: every C++ exception that reaches JS goes through Guard(), which turns
// it into a JS Error carrying the op name and the first line of the message (libtorch appends a C++
// backtrace after the first line; users never see it).
#pragma once
#include <napi.h>
#include <exception>
#include <string>

namespace lmforge {

/** First line of a message, trimmed ("Exception raised from ..." and backtraces come after it). */
std::string FirstLine(const std::string& message);

/** Throws a JS TypeError naming the argument. */
[[noreturn]] void ThrowTypeError(Napi::Env env, const std::string& message);

template <typename F>
auto Guard(Napi::Env env, const char* op, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Napi::Error&) {
    throw;  // already a JS error (TypeError from argument checks): pass through unchanged
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string(op) + ": " + FirstLine(e.what()));
  } catch (...) {
    throw Napi::Error::New(env, std::string(op) + ": unknown native error");
  }
}

/** Formats an error for a worker thread (AsyncWorker::SetError) the same way Guard does. */
std::string DescribeException(const char* op, const std::exception& e);

}  // namespace lmforge
