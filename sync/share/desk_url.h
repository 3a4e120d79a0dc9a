#pragma once
// The desk server's address as a URL (docs/sharing.md):
//
//   postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=/path/ca.pem]
//
// Never a password: it comes from FILLBOOK_DESK_PASSWORD (the command line) or the keychain (the
// desktop). Plain connections only to this computer (localhost, 127.0.0.0/8, ::1); any other host
// needs sslmode=verify-full, which is also its default.

#include "sync/journal/desk_connection.h"

#include <QString>

#include <optional>

namespace fb::share {

struct DeskUrl
{
    std::optional<journal::DeskEndpoint> endpoint;
    QString error; // one sentence when endpoint is empty
};

DeskUrl parseDeskUrl(const QString& url, const QString& password);

bool isLoopbackHost(const QString& host);

// The environment variable the command line reads the password from.
inline constexpr char kDeskPasswordVariable[] = "FILLBOOK_DESK_PASSWORD";

} // namespace fb::share
