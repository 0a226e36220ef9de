// Compatibility shim for TorchSharp's libLibTorchSharp.so on libstdc++ older than GCC 13 (see ElfCompat.cs).
// Compiled by TorchSharpCompat.targets with the machine's g++ into libTorchSharpStdcxxCompat.so, which the patched
// library lists as DT_NEEDED.
//
// GCC 13's <iostream> references std::ios_base_library_init() (GLIBCXX_3.4.32) so that libstdc++ 13 initialises the
// standard streams itself. Compiled with an older g++, this file's <iostream> places the classic static
// std::ios_base::Init object here instead, so loading the shim initialises cout/cin/cerr before the library that needs
// them runs: what the missing function stands for.
#include <iostream>

namespace std
{
    // Same mangled name as libstdc++ 13's (_ZSt21ios_base_library_initv); unversioned, as the patched reference is.
    __attribute__((visibility("default"))) void ios_base_library_init() {}
}
