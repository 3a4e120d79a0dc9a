#pragma once
// fillbook-cli: `fillbook-cli [--db PATH] <command> [options]`.
//
// Exit codes: 0 success; 1 the command failed (database error, ...); 2 usage error, or the
// journal is missing or cannot be opened.

#include <QStringList>

namespace fb::cli {

int run(const QStringList& arguments);

} // namespace fb::cli
