#pragma once
// The permission bits of a path, for tests of what only its owner may read.

#include <QFile>
#include <QString>

#include <sys/stat.h>

namespace fbtest {

// st_mode & 07777, or -1 when the path does not exist.
inline int fileMode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace fbtest
