#include "sync/journal/blob_files.h"

#include "sync/journal/journal_error.h"
#include "sync/journal/private_files.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fb::journal {

namespace {

[[noreturn]] void fail(const QString& what, int error)
{
    const JournalError::Kind kind =
        error == ENOSPC || error == EDQUOT ? JournalError::Kind::DiskFull : JournalError::Kind::Io;
    throw JournalError(kind, QStringLiteral("Could not %1: %2.")
                                 .arg(what, QString::fromLocal8Bit(std::strerror(error))));
}

// write(2) until every byte is out, then fsync(2): the rename below must not publish a name
// whose bytes are still only in the page cache.
void writeAllAndSync(int fd, const QByteArray& bytes, const QString& what)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(what, errno);
        done += n;
    }
    if (::fsync(fd) != 0)
        fail(what, errno);
}

void syncFolder(const QString& dir, const QString& what)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail(what, errno);
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        fail(what, error);
}

} // namespace

QString blobHash(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool isBlobHash(const QString& text)
{
    if (text.size() != 64)
        return false;
    for (QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

QLatin1String sniffImageType(const QByteArray& bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QLatin1String("image/png");
    if (bytes.startsWith("\xff\xd8\xff"))
        return QLatin1String("image/jpeg");
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return QLatin1String("image/webp");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QLatin1String("image/gif");
    return QLatin1String();
}

BlobFolder::BlobFolder(const QString& journalPath)
    : m_path(journalPath + QStringLiteral(".blobs"))
{}

QString BlobFolder::filePath(const QString& hash) const
{
    return m_path + QLatin1Char('/') + hash.left(2) + QLatin1Char('/') + hash;
}

bool BlobFolder::contains(const QString& hash) const
{
    return QFileInfo::exists(filePath(hash));
}

QString BlobFolder::write(const QByteArray& bytes)
{
    const QString hash = blobHash(bytes);
    const QString target = filePath(hash);
    const QFileInfo existing(target);
    if (existing.exists() && existing.size() == bytes.size())
        return hash; // content-addressed: the same name holds the same bytes
    const QString dir = QFileInfo(target).path();
    const QString what = QStringLiteral("store the image %1 in %2").arg(hash.left(12), m_path);
    if (!makePrivateFolders(dir))
        fail(what, EACCES);
    const QString temp = target + QStringLiteral(".part") + QString::number(::getpid());
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fail(what, errno);
    try {
        writeAllAndSync(fd, bytes, what);
    } catch (...) {
        ::close(fd);
        ::unlink(tempName.constData());
        throw;
    }
    ::close(fd);
    if (::rename(tempName.constData(), QFile::encodeName(target).constData()) != 0) {
        const int error = errno;
        ::unlink(tempName.constData());
        fail(what, error);
    }
    syncFolder(dir, what);
    return hash;
}

std::optional<QByteArray> BlobFolder::read(const QString& hash) const
{
    QFile file(filePath(hash));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray bytes = file.readAll();
    if (blobHash(bytes) != hash)
        return std::nullopt;
    return bytes;
}

int BlobFolder::removeUnreferenced(const QSet<QString>& keep, qint64 graceMs, qint64 nowMs) const
{
    int removed = 0;
    QDirIterator it(m_path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = info.fileName();
        const bool leftover = name.contains(QLatin1String(".part"));
        if (!leftover && (!isBlobHash(name) || keep.contains(name)))
            continue; // not ours, or still attached
        if (nowMs - info.lastModified().toMSecsSinceEpoch() < graceMs)
            continue;
        if (QFile::remove(info.filePath()))
            ++removed;
    }
    return removed;
}

} // namespace fb::journal
