{
  "targets": [
    {
      "target_name": "lmforge",
      "sources": ["<!@(node scripts/sources.mjs)"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "native",
        "<!@(node scripts/find-libtorch.mjs --include-dirs)"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++14"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-frtti", "-Wno-unused-parameter", "<!@(node scripts/find-libtorch.mjs --cflags)"],
      "ldflags": ["<!@(node scripts/find-libtorch.mjs --ldflags)", "-Wl,-rpath,'$$ORIGIN'"],
      "libraries": ["<!@(node scripts/find-libtorch.mjs --libs)"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "GCC_ENABLE_CPP_RTTI": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "MACOSX_DEPLOYMENT_TARGET": "11.0",
        "OTHER_LDFLAGS": ["<!@(node scripts/find-libtorch.mjs --ldflags)"]
      }
    }
  ]
}
