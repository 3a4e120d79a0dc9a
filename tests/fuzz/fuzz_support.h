#pragma once
// Shared by the libFuzzer targets of tests/fuzz (docs/design.md §6, "Fuzzing"). Each target feeds
// the bytes to a parser and checks properties that must hold for every input; a broken one
// aborts, so libFuzzer saves the input like any crash or sanitizer report.

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::fb::fuzz::failed(#condition, __FILE__, __LINE__);                                    \
    } while (false)

namespace fb::fuzz {

[[noreturn]] inline void failed(const char* condition, const char* file, int line)
{
    std::fprintf(stderr, "fuzz property violated: %s (%s:%d)\n", condition, file, line);
    std::abort();
}

inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

inline QString account()
{
    return QStringLiteral("fuzz");
}

} // namespace fb::fuzz
