#pragma once
// What the About dialog says of the database engine: the SQLite library the journal runs on.

#include <QString>

namespace fb::journal {

class Database;

// sqlite_version() of the library behind the connection, e.g. "3.40.1".
QString sqliteVersion(Database& db);

} // namespace fb::journal
