#pragma once
// A desk role's password as PostgreSQL stores it: a SCRAM-SHA-256 verifier (RFC 5802/7677, the
// format of PostgreSQL's pg_authid.rolpassword), computed here so that `desk grant-trader
// --password-stdin` sends the server the verifier, never the password (it would otherwise sit in
// the statement text the server may log).

#include <QByteArray>
#include <QString>

namespace fb::share {

// "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>" (base64). `salt` empty: 16 random
// bytes. PostgreSQL applies SASLprep to non-ASCII passwords; this applies Unicode NFKC, which is
// the same for passwords without mapped or prohibited characters.
QString scramSha256Verifier(const QString& password, QByteArray salt = {}, int iterations = 4096);

} // namespace fb::share
