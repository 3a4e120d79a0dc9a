// `fillbook-cli attach`: images attached to a trade (docs/sharing.md, "Screenshots").
//   attach TRADE_KEY FILE            attach an image (PNG, JPEG, WebP or GIF, at most 20 MiB)
//   attach --list TRADE_KEY          the trade's attachments
//   attach --remove TRADE_KEY HASH   remove one (the hash, or a unique start of it)
// Bad input (no such trade or file, not an image, too large, no such attachment) is one
// sentence and exit code 2; nothing is written then.

#include "app/cli/cli_common.h"
#include "sync/journal/attachment_store.h"
#include "sync/journal/blob_files.h"
#include "sync/journal/trade_store.h"

#include <QFile>
#include <QFileInfo>

namespace fb::cli {

using namespace fb::journal;

namespace {

QString sizeText(qint64 bytes)
{
    return bytes < 1024 ? QStringLiteral("%1 B").arg(bytes)
           : bytes < 1024 * 1024
               ? QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1)
               : QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

int listAttachments(Context& context, const QString& key)
{
    const auto db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    const QVector<Attachment> rows = AttachmentStore(*db).list(key);
    if (rows.isEmpty()) {
        context.out << QStringLiteral("No attachments on %1.\n").arg(key);
        return sync::exit_code::Ok;
    }
    for (const Attachment& a : rows)
        context.out << QStringLiteral("%1  %2  %3  %4  %5 UTC\n")
                           .arg(a.hash, a.mime, sizeText(a.size), a.fileName, formatUtc(a.addedAt));
    return sync::exit_code::Ok;
}

int removeAttachment(Context& context, const QString& key, const QString& hashStart)
{
    const auto db = std::make_unique<Database>(
        context.journalPath, OpenOptions{OpenMode::ReadWrite, QStringLiteral("cli")});
    AttachmentStore store(*db);
    QStringList matches;
    for (const Attachment& a : store.list(key)) {
        if (!hashStart.isEmpty() && a.hash.startsWith(hashStart.toLower()))
            matches.append(a.hash);
    }
    if (matches.size() != 1) {
        context.error(matches.isEmpty()
                          ? QStringLiteral("%1 has no attachment %2 (see 'fillbook-cli attach "
                                           "--list %1').")
                                .arg(key, hashStart)
                          : QStringLiteral("%1 matches %2 attachments of %3; give more of the "
                                           "hash.")
                                .arg(hashStart)
                                .arg(matches.size())
                                .arg(key));
        return sync::exit_code::Usage;
    }
    store.remove(key, matches.constFirst());
    store.cleanFiles();
    context.out
        << QStringLiteral("Removed the attachment %1 from %2.\n").arg(matches.constFirst(), key);
    return sync::exit_code::Ok;
}

int addAttachment(Context& context, const QString& key, const QString& path)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        context.error(QStringLiteral("cannot read the file %1.").arg(path));
        return sync::exit_code::Usage;
    }
    if (file.size() > kMaxAttachmentBytes) {
        context.error(QStringLiteral("%1 is %2, larger than the %3 an attachment may be.")
                          .arg(path, sizeText(file.size()), sizeText(kMaxAttachmentBytes)));
        return sync::exit_code::Usage;
    }
    const QByteArray bytes = file.readAll();
    if (!QFileInfo::exists(context.journalPath)) {
        context.error(QStringLiteral("there is no journal at %1.").arg(context.journalPath));
        return sync::exit_code::Usage;
    }
    const auto db = std::make_unique<Database>(
        context.journalPath, OpenOptions{OpenMode::ReadWrite, QStringLiteral("cli")});
    if (!TradeStore(*db).trade(key)) {
        context.error(QStringLiteral("there is no trade %1 in the journal at %2.")
                          .arg(key, context.journalPath));
        return sync::exit_code::Usage;
    }
    const AttachResult r = AttachmentStore(*db).attach(key, path, bytes);
    context.out << (r.added ? QStringLiteral("Attached %1 to %2 (%3, %4, sha256 %5).\n")
                            : QStringLiteral("%1 is attached to %2 already (%3, %4, sha256 %5).\n"))
                       .arg(r.attachment.fileName, key, r.attachment.mime,
                            sizeText(r.attachment.size), r.attachment.hash);
    return sync::exit_code::Ok;
}

} // namespace

QList<QCommandLineOption> attachOptions()
{
    return {
        QCommandLineOption(QStringLiteral("list"), QStringLiteral("List the trade's attachments.")),
        QCommandLineOption(QStringLiteral("remove"),
                           QStringLiteral("Remove the attachment HASH (or a unique start of it) "
                                          "from the trade.")),
    };
}

int runAttach(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    const bool list = parser.isSet(QStringLiteral("list"));
    const bool remove = parser.isSet(QStringLiteral("remove"));
    const int wanted = list ? 1 : 2;
    if ((list && remove) || args.size() != wanted || args.value(0).isEmpty()) {
        context.error(QStringLiteral("attach needs TRADE_KEY FILE, --list TRADE_KEY, or --remove "
                                     "TRADE_KEY HASH."));
        return sync::exit_code::Usage;
    }
    try {
        if (list)
            return listAttachments(context, args.value(0));
        if (remove)
            return removeAttachment(context, args.value(0), args.value(1));
        return addAttachment(context, args.value(0), args.value(1));
    } catch (const JournalError& error) {
        return context.journalError(error);
    }
}

} // namespace fb::cli
