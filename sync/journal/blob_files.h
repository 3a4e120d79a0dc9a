#pragma once
// The bytes of attached images, content-addressed beside the journal (docs/sharing.md,
// "Screenshots"): <journal>.blobs/<first two hex digits>/<sha-256 in hex>. A file is written to a
// temporary name, fsync'd, renamed over its final name and its folder fsync'd, so a name that
// exists always holds the complete bytes of its hash; the attachment row that names it commits
// after. A file no row names (an attach that failed after the write) is harmless: the same
// image attached again reuses it, and removeUnreferenced() deletes it later.

#include <QByteArray>
#include <QLatin1String>
#include <QSet>
#include <QString>

#include <optional>

namespace fb::journal {

// The largest image Fillbook attaches: 20 MiB (a full-screen PNG of a 5K display is ~15 MB).
inline constexpr qint64 kMaxAttachmentBytes = 20 * 1024 * 1024;

// SHA-256 of the bytes, 64 lower-case hex digits.
QString blobHash(const QByteArray& bytes);
// True for 64 lower-case hex digits.
bool isBlobHash(const QString& text);
// The image type read from the first bytes: "image/png", "image/jpeg", "image/webp",
// "image/gif"; empty when the bytes are none of those.
QLatin1String sniffImageType(const QByteArray& bytes);

class BlobFolder
{
public:
    // The folder of the journal at `journalPath` (journalPath + ".blobs"); nothing is created.
    explicit BlobFolder(const QString& journalPath);

    const QString& path() const { return m_path; }
    QString filePath(const QString& hash) const;
    bool contains(const QString& hash) const;
    // Writes the bytes under their hash (a no-op when a file of that name and size is there);
    // returns the hash. Throws JournalError (Io, or DiskFull) when the file system fails.
    QString write(const QByteArray& bytes);
    // The bytes of `hash`, checked against it; nullopt when the file is missing or does not
    // hold those bytes (then it is not used).
    std::optional<QByteArray> read(const QString& hash) const;
    // Deletes the files whose hash is not in `keep` and that are older than `graceMs` (an attach
    // in another process may have written its file and not yet committed its row). Returns how
    // many were deleted.
    int removeUnreferenced(const QSet<QString>& keep, qint64 graceMs, qint64 nowMs) const;

private:
    QString m_path;
};

} // namespace fb::journal
