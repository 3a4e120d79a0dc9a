#include "sync/journal/integrity_record.h"

#include "sync/journal/logging.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSaveFile>
#include <QThread>

#include <sys/stat.h>
#include <time.h>

#include <utility>

namespace fb::journal {

namespace {

constexpr int kRecordFormat = 1;

// Numbers in the record are written as strings: a JSON number goes through a double, which an
// inode or a time in nanoseconds may not survive.
QString number(qint64 value)
{
    return QString::number(value);
}

QString number(quint64 value)
{
    return QString::number(value);
}

std::optional<qint64> signedField(const QJsonObject& object, const char* key)
{
    bool ok = false;
    const qint64 value = object.value(QLatin1String(key)).toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<quint64> unsignedField(const QJsonObject& object, const char* key)
{
    bool ok = false;
    const quint64 value = object.value(QLatin1String(key)).toString().toULongLong(&ok);
    return ok ? std::optional<quint64>(value) : std::nullopt;
}

qint64 coarseRealtimeNs()
{
    // The clock the kernel stamps a write's modification time with (unless the time was just
    // read by stat(), in which case newer kernels use a finer one, never an earlier one).
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// This process's connections per file, and the check it passed while they stayed open.
struct OpenFile
{
    int connections = 0;
    std::optional<qint64> checkedAtMs;
};

struct Registry
{
    QMutex mutex;
    QHash<QPair<quint64, quint64>, OpenFile> files;
};

Registry& registry()
{
    static Registry r;
    return r;
}

void rememberCheck(const JournalFileState& state, qint64 checkedAtMs)
{
    if (!state.exists)
        return;
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    auto it = r.files.find({state.device, state.inode});
    // Only while a connection of this process holds the file: a memory without one could
    // outlive a change by another program.
    if (it == r.files.end() || it->connections <= 0)
        return;
    if (!it->checkedAtMs || *it->checkedAtMs < checkedAtMs)
        it->checkedAtMs = checkedAtMs;
}

} // namespace

JournalFileState journalFileState(const QString& journalPath)
{
    JournalFileState state;
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(journalPath).constData(), &st) != 0)
        return state;
    state.exists = true;
    state.device = quint64(st.st_dev);
    state.inode = quint64(st.st_ino);
    state.size = qint64(st.st_size);
    state.mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    struct stat wal
    {
    };
    if (::stat(QFile::encodeName(journalPath + QStringLiteral("-wal")).constData(), &wal) == 0)
        state.walSize = qint64(wal.st_size);
    return state;
}

QString integrityRecordPath(const QString& journalPath)
{
    return journalPath + QStringLiteral(".integrity");
}

std::optional<IntegrityRecord> readIntegrityRecord(const QString& journalPath)
{
    QFile file(integrityRecordPath(journalPath));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    // A record is a few hundred bytes; anything much larger is not one.
    const QByteArray bytes = file.read(64 * 1024);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toInt() != kRecordFormat)
        return std::nullopt;
    IntegrityRecord record;
    const QJsonObject checked = o.value(QLatin1String("lastPassedCheck")).toObject();
    if (!checked.isEmpty()) {
        const auto at = signedField(checked, "atMs");
        const auto device = unsignedField(checked, "device");
        const auto inode = unsignedField(checked, "inode");
        if (!at || !device || !inode)
            return std::nullopt;
        record.checkedAtMs = *at;
        record.checkedDevice = *device;
        record.checkedInode = *inode;
    }
    const QJsonObject closed = o.value(QLatin1String("cleanClose")).toObject();
    if (!closed.isEmpty()) {
        const auto at = signedField(closed, "atMs");
        const auto device = unsignedField(closed, "device");
        const auto inode = unsignedField(closed, "inode");
        const auto size = signedField(closed, "size");
        const auto mtime = signedField(closed, "mtimeNs");
        if (!at || !device || !inode || !size || !mtime)
            return std::nullopt;
        record.closedCleanly = true;
        record.closedAtMs = *at;
        record.closedDevice = *device;
        record.closedInode = *inode;
        record.closedSize = *size;
        record.closedMtimeNs = *mtime;
    }
    return record;
}

bool writeIntegrityRecord(const QString& journalPath, const IntegrityRecord& record)
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), kRecordFormat);
    o.insert(QStringLiteral("about"),
             QStringLiteral("Fillbook's record of the journal's last integrity check and clean "
                            "close (docs/journal.md, Integrity). Deleting it only makes the next "
                            "writer check the whole journal."));
    if (record.checkedAtMs > 0) {
        QJsonObject checked;
        checked.insert(QStringLiteral("atMs"), number(record.checkedAtMs));
        checked.insert(QStringLiteral("device"), number(record.checkedDevice));
        checked.insert(QStringLiteral("inode"), number(record.checkedInode));
        o.insert(QStringLiteral("lastPassedCheck"), checked);
    }
    if (record.closedCleanly) {
        QJsonObject closed;
        closed.insert(QStringLiteral("atMs"), number(record.closedAtMs));
        closed.insert(QStringLiteral("device"), number(record.closedDevice));
        closed.insert(QStringLiteral("inode"), number(record.closedInode));
        closed.insert(QStringLiteral("size"), number(record.closedSize));
        closed.insert(QStringLiteral("mtimeNs"), number(record.closedMtimeNs));
        o.insert(QStringLiteral("cleanClose"), closed);
    }
    const QString path = integrityRecordPath(journalPath);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        qCDebug(lcJournal) << "could not write" << path;
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

const char* integrityReasonName(IntegrityReason reason)
{
    switch (reason) {
    case IntegrityReason::NewJournal:
        return "new journal";
    case IntegrityReason::NotAsked:
        return "checked by the caller";
    case IntegrityReason::Forced:
        return "forced";
    case IntegrityReason::CheckedThisProcess:
        return "checked by this process";
    case IntegrityReason::Vouched:
        return "vouched for by the record";
    case IntegrityReason::NoRecord:
        return "no record of a passed check";
    case IntegrityReason::Expired:
        return "the last check is older than the period";
    case IntegrityReason::OtherFile:
        return "the last check was of another file";
    case IntegrityReason::NotClosedCleanly:
        return "no clean close since the last writer";
    case IntegrityReason::ChangedSinceClose:
        return "changed since the last clean close";
    }
    return "?";
}

IntegrityDecision decideIntegrityCheck(const QString& journalPath, const JournalFileState& before,
                                       qint64 nowMs, qint64 periodMs)
{
    const auto fresh = [&](qint64 checkedAtMs) {
        // A check "in the future" (the clock was set back) vouches for nothing.
        return checkedAtMs > 0 && checkedAtMs <= nowMs && nowMs - checkedAtMs < periodMs;
    };
    if (before.exists) {
        if (const auto at = checkedByThisProcess(before.device, before.inode); at && fresh(*at))
            return {false, IntegrityReason::CheckedThisProcess, *at};
    }
    const std::optional<IntegrityRecord> record = readIntegrityRecord(journalPath);
    if (!record || record->checkedAtMs <= 0)
        return {true, IntegrityReason::NoRecord, 0};
    if (!fresh(record->checkedAtMs))
        return {true, IntegrityReason::Expired, 0};
    if (!before.sameFile(record->checkedDevice, record->checkedInode))
        return {true, IntegrityReason::OtherFile, 0};
    // A log with frames: a writer did not close (killed, or still open in another process).
    if (!record->closedCleanly || before.walSize > 0)
        return {true, IntegrityReason::NotClosedCleanly, 0};
    if (!before.sameFile(record->closedDevice, record->closedInode) ||
        before.size != record->closedSize || before.mtimeNs != record->closedMtimeNs)
        return {true, IntegrityReason::ChangedSinceClose, 0};
    return {false, IntegrityReason::Vouched, record->checkedAtMs};
}

void notePassedCheck(const QString& journalPath, const JournalFileState& state, qint64 nowMs,
                     bool writerOpen)
{
    if (!state.exists)
        return;
    rememberCheck(state, nowMs);
    IntegrityRecord record = readIntegrityRecord(journalPath).value_or(IntegrityRecord{});
    record.checkedAtMs = nowMs;
    record.checkedDevice = state.device;
    record.checkedInode = state.inode;
    if (writerOpen)
        record.closedCleanly = false;
    writeIntegrityRecord(journalPath, record);
}

void rememberVouchedCheck(const JournalFileState& state, const IntegrityDecision& decision)
{
    if (!decision.check && decision.lastCheckMs > 0)
        rememberCheck(state, decision.lastCheckMs);
}

void noteWriterOpened(const QString& journalPath, const JournalFileState& state,
                      const IntegrityDecision& decision)
{
    rememberVouchedCheck(state, decision);
    std::optional<IntegrityRecord> record = readIntegrityRecord(journalPath);
    if (!record || !record->closedCleanly)
        return;
    record->closedCleanly = false;
    writeIntegrityRecord(journalPath, *record);
}

void noteWriterClosed(const QString& journalPath, qint64 nowMs)
{
    JournalFileState state = journalFileState(journalPath);
    // Another connection still has the file (the log stays until the last one closes), or it
    // is gone: nothing to vouch for.
    if (!state.exists || QFile::exists(journalPath + QStringLiteral("-wal")))
        return;
    // A file system with whole-second times (FAT, old ext3) cannot tell a write in the same
    // second apart: no record, every writer checks.
    if (state.mtimeNs % 1'000'000'000 == 0)
        return;
    // The close's own checkpoint usually wrote the file within the current clock tick: until
    // the tick has passed, another program's write could leave the very same time.
    for (int waitedMs = 0; coarseRealtimeNs() <= state.mtimeNs; ++waitedMs) {
        if (waitedMs >= 100)
            return; // a time in the future (set by someone): vouch for nothing
        QThread::msleep(1);
    }
    // Whatever changed the file while we waited is not vouched for.
    const JournalFileState after = journalFileState(journalPath);
    if (!after.sameFile(state.device, state.inode) || after.size != state.size ||
        after.mtimeNs != state.mtimeNs || after.walSize > 0)
        return;
    IntegrityRecord record = readIntegrityRecord(journalPath).value_or(IntegrityRecord{});
    record.closedCleanly = true;
    record.closedAtMs = nowMs;
    record.closedDevice = state.device;
    record.closedInode = state.inode;
    record.closedSize = state.size;
    record.closedMtimeNs = state.mtimeNs;
    writeIntegrityRecord(journalPath, record);
}

void noteConnectionOpened(quint64 device, quint64 inode)
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    ++r.files[{device, inode}].connections;
}

void noteConnectionClosed(quint64 device, quint64 inode)
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    auto it = r.files.find({device, inode});
    if (it == r.files.end())
        return;
    if (--it->connections <= 0)
        r.files.erase(it);
}

std::optional<qint64> checkedByThisProcess(quint64 device, quint64 inode)
{
    Registry& r = registry();
    const QMutexLocker lock(&r.mutex);
    const auto it = r.files.constFind({device, inode});
    if (it == r.files.constEnd() || it->connections <= 0)
        return std::nullopt;
    return it->checkedAtMs;
}

} // namespace fb::journal
