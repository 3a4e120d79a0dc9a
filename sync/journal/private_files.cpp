#include "sync/journal/private_files.h"

#include "sync/journal/journal_paths.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fb::journal {

namespace {

// Clears the group and other bits of an existing path; leaves the owner's as they are.
void removeGroupAndOther(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st
    {
    };
    if (::stat(native.constData(), &st) != 0)
        return;
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        ::chmod(native.constData(), st.st_mode & S_IRWXU);
}

} // namespace

bool makePrivateFolders(const QString& dir)
{
    const QString absolute = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    if (QFileInfo(absolute).isDir())
        return true;
    const QString parent = QFileInfo(absolute).absolutePath();
    if (parent != absolute && !makePrivateFolders(parent))
        return false;
    const QByteArray native = QFile::encodeName(absolute);
    return ::mkdir(native.constData(), S_IRWXU) == 0 ||
           (errno == EEXIST && QFileInfo(absolute).isDir());
}

bool prepareJournalFiles(const QString& journalPath)
{
    const QByteArray native = QFile::encodeName(journalPath);
    const int fd =
        ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd >= 0)
        ::close(fd);
    else if (errno != EEXIST)
        return false;
    for (const char* suffix : {"", "-wal", "-shm"})
        removeGroupAndOther(journalPath + QLatin1String(suffix));
    const QString folder = QFileInfo(journalPath).absolutePath();
    const QString ownFolder = QFileInfo(defaultJournalPath()).absolutePath();
    if (QFileInfo(folder).canonicalFilePath() == QFileInfo(ownFolder).canonicalFilePath())
        removeGroupAndOther(folder);
    return true;
}

} // namespace fb::journal
