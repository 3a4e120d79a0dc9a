// `fillbook-cli desk init|push|pull|status` and `fillbook-cli note`: sharing the journal through a
// PostgreSQL desk server (docs/sharing.md). The password comes from FILLBOOK_DESK_PASSWORD, never
// from the command line; push and pull run the replicator's worker on its own thread.

#include "app/cli/commands_desk.h"
#include "app/cli/cli_common.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/desk_blobs.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/note_conflicts.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/trade_store.h"
#include "sync/share/desk_url.h"
#include "sync/share/replicator.h"
#include "sync/share/replicator_worker.h"

#include <QEventLoop>
#include <QThread>

#include <cstdio>

namespace fb::cli {

using namespace fb::journal;
using share::CycleReport;
using share::ReplicatorWorker;

int deskExitCode(DeskError::Kind kind)
{
    switch (kind) {
    case DeskError::Kind::Unreachable:
        return sync::exit_code::Offline;
    case DeskError::Kind::Auth:
        return sync::exit_code::Auth;
    case DeskError::Kind::NoDatabase:
    case DeskError::Kind::NotInitialised:
    case DeskError::Kind::Config:
        return sync::exit_code::Usage;
    case DeskError::Kind::TooNew:
    case DeskError::Kind::Rejected:
        return sync::exit_code::Failed;
    }
    return sync::exit_code::Failed;
}

std::optional<DeskEndpoint> deskEndpointFor(const QString& url, Context& context)
{
    const share::DeskUrl parsed =
        share::parseDeskUrl(url, qEnvironmentVariable(share::kDeskPasswordVariable));
    if (!parsed.endpoint)
        context.error(parsed.error);
    return parsed.endpoint;
}

QString deskUrlText(const QCommandLineParser& parser, Context& context, Database& db)
{
    if (parser.isSet(QStringLiteral("url")))
        return parser.value(QStringLiteral("url"));
    const QString saved = OutboxStore(db).state(kShareDeskUrl).value_or(QString());
    if (saved.isEmpty())
        context.error(QStringLiteral("no desk server is set for this journal; run 'fillbook-cli "
                                     "desk init --url postgresql://USER@HOST:PORT/DATABASE'."));
    return saved;
}

namespace {

int exitCodeFor(DeskError::Kind kind)
{
    return deskExitCode(kind);
}

std::unique_ptr<Database> openJournalForWriting(Context& context)
{
    return std::make_unique<Database>(context.journalPath,
                                      OpenOptions{OpenMode::ReadWrite, QStringLiteral("cli")});
}

// Test hook (tests/share/test_share_cli.cpp, test_share_attachments.cpp):
// FILLBOOK_DESK_TEST_STOP=before-server-commit, after-server-commit or after-blob-upload makes a
// push announce that point on stderr and wait there to be killed.
void stopHereForTests(const char* point)
{
    if (qEnvironmentVariable("FILLBOOK_DESK_TEST_STOP") != QLatin1String(point))
        return;
    std::fprintf(stderr, "fillbook-cli: test stop %s\n", point);
    std::fflush(stderr);
    for (;;)
        QThread::sleep(3600);
}

CycleReport runWorker(const QString& journalPath, const DeskEndpoint& endpoint, int direction)
{
    share::ShareConfig config;
    config.journalPath = journalPath;
    config.endpoint = endpoint;
    config.hooks.beforeServerCommit = [] { stopHereForTests("before-server-commit"); };
    config.hooks.afterServerCommit = [] { stopHereForTests("after-server-commit"); };
    config.hooks.afterBlobUpload = [] { stopHereForTests("after-blob-upload"); };
    QThread thread;
    thread.setObjectName(QStringLiteral("share"));
    auto* worker = new ReplicatorWorker(config, binance::systemRandom());
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    CycleReport result;
    QEventLoop loop;
    QObject::connect(worker, &ReplicatorWorker::cycleFinished, &loop,
                     [&](const CycleReport& report) {
                         result = report;
                         loop.quit();
                     });
    thread.start();
    QMetaObject::invokeMethod(
        worker, [worker, direction] { worker->runOnce(direction); }, Qt::QueuedConnection);
    loop.exec();
    QMetaObject::invokeMethod(worker, &ReplicatorWorker::stop, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return result;
}

QString timeOrNever(qint64 ms)
{
    return ms > 0 ? formatUtc(ms) + QStringLiteral(" UTC") : QStringLiteral("never");
}

int deskInit(const QCommandLineParser& parser, Context& context)
{
    if (!parser.isSet(QStringLiteral("url"))) {
        context.error(
            QStringLiteral("desk init needs --url postgresql://USER@HOST:PORT/DATABASE."));
        return sync::exit_code::Usage;
    }
    const QString url = parser.value(QStringLiteral("url"));
    const std::optional<DeskEndpoint> endpoint = deskEndpointFor(url, context);
    if (!endpoint)
        return sync::exit_code::Usage;
    const auto db = openJournalForWriting(context);
    DeskConnection desk(*endpoint, QStringLiteral("cli"));
    const int before = desk_schema::upgrade(desk);
    share::saveDeskUrl(*db, url);
    const int now = desk_schema::CurrentVersion;
    if (before == now)
        context.out << QStringLiteral("Desk server %1 is at schema %2 already.\n")
                           .arg(endpoint->display())
                           .arg(now);
    else if (before == 0)
        context.out << QStringLiteral("Desk server %1: created the Fillbook schema %2.\n")
                           .arg(endpoint->display())
                           .arg(now);
    else
        context.out << QStringLiteral("Desk server %1: migrated the schema from %2 to %3.\n")
                           .arg(endpoint->display())
                           .arg(before)
                           .arg(now);
    return sync::exit_code::Ok;
}

int deskExchange(const QCommandLineParser& parser, Context& context, int direction)
{
    QString url;
    {
        const auto db = openJournalForWriting(context);
        url = deskUrlText(parser, context, *db);
    }
    if (url.isEmpty())
        return sync::exit_code::Usage;
    const std::optional<DeskEndpoint> endpoint = deskEndpointFor(url, context);
    if (!endpoint)
        return sync::exit_code::Usage;
    const CycleReport report = runWorker(context.journalPath, *endpoint, direction);
    if (!report.ok) {
        context.error(report.message);
        if (report.deskError)
            return exitCodeFor(static_cast<DeskError::Kind>(report.errorKind));
        return context.journalError(
            JournalError(static_cast<JournalError::Kind>(report.errorKind), report.message));
    }
    if (direction & ReplicatorWorker::Push)
        context.out << QStringLiteral("Pushed %1 changes to %2 (%3 items written, %4 already "
                                      "there); %5 pending.\n")
                           .arg(report.push.changes)
                           .arg(endpoint->display())
                           .arg(report.push.itemsApplied)
                           .arg(report.push.itemsSkipped)
                           .arg(report.pending);
    if ((direction & ReplicatorWorker::Push) && report.push.blobsUploaded > 0)
        context.out << QStringLiteral("Uploaded %1 images.\n").arg(report.push.blobsUploaded);
    if ((direction & ReplicatorWorker::Push) && report.push.blobsRemoved > 0)
        context.out << QStringLiteral("Removed %1 unattached images from the server.\n")
                           .arg(report.push.blobsRemoved);
    if ((direction & ReplicatorWorker::Pull) && report.pull.attachments > 0)
        context.out << QStringLiteral("Pulled %1 attachment changes (%2 applied, %3 images "
                                      "downloaded).\n")
                           .arg(report.pull.attachments)
                           .arg(report.pull.attachmentsApplied)
                           .arg(report.pull.blobsDownloaded);
    if (direction & ReplicatorWorker::Pull)
        context.out << QStringLiteral("Pulled %1 note changes from %2 (%3 applied, %4 already "
                                      "seen, %5 kept as conflicts, %6 conflicts settled).\n")
                           .arg(report.pull.notes)
                           .arg(endpoint->display())
                           .arg(report.pull.applied)
                           .arg(report.pull.ignored)
                           .arg(report.pull.conflicts)
                           .arg(report.pull.resolved);
    return sync::exit_code::Ok;
}

// desk gc [--grace-hours N]: the server's clean-up of images no attachment names (a push that
// uploaded an image and died before its attachment), older than N hours (default 24).
int deskGc(const QCommandLineParser& parser, Context& context)
{
    int grace = share::kDefaultBlobGraceHours;
    if (parser.isSet(QStringLiteral("grace-hours"))) {
        bool ok = false;
        grace = parser.value(QStringLiteral("grace-hours")).toInt(&ok);
        if (!ok || grace < 0) {
            context.error(QStringLiteral("--grace-hours must be a whole number of hours, 0 or "
                                         "more (got '%1').")
                              .arg(parser.value(QStringLiteral("grace-hours"))));
            return sync::exit_code::Usage;
        }
    }
    QString url;
    {
        const auto db = openJournalForWriting(context);
        url = deskUrlText(parser, context, *db);
    }
    if (url.isEmpty())
        return sync::exit_code::Usage;
    const std::optional<DeskEndpoint> endpoint = deskEndpointFor(url, context);
    if (!endpoint)
        return sync::exit_code::Usage;
    DeskConnection desk(*endpoint, QStringLiteral("cli"));
    desk_schema::require(desk);
    const int removed = DeskBlobs(desk).gc(grace);
    context.out << QStringLiteral("Removed %1 unattached images older than %2 hours from %3.\n")
                       .arg(removed)
                       .arg(grace)
                       .arg(endpoint->display());
    return sync::exit_code::Ok;
}

int deskStatus(Context& context)
{
    const auto db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    const share::ShareStatus s = share::shareStatus(*db);
    QTextStream& out = context.out;
    out << QStringLiteral("Desk server: %1\n")
               .arg(s.deskUrl.isEmpty() ? QStringLiteral("none (run desk init)") : s.deskUrl);
    out << QStringLiteral("Device:      %1\n").arg(s.deviceId);
    out << QStringLiteral("Pending:     %1\n").arg(s.pending);
    out << QStringLiteral("Failed:      %1\n").arg(s.failed);
    if (s.failed > 0)
        out << QStringLiteral("Refused:     %1\n").arg(s.lastRefusal);
    out << QStringLiteral("Last push:   %1\n").arg(timeOrNever(s.lastPushAt));
    out << QStringLiteral("Last pull:   %1\n").arg(timeOrNever(s.lastPullAt));
    out << QStringLiteral("Conflicts:   %1\n").arg(s.conflicts);
    return sync::exit_code::Ok;
}

QStringList splitList(const QString& text)
{
    QStringList items;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            items.append(item);
    }
    return items;
}

// --rating: 0 removes it, 1..5 sets it; false (and a sentence printed) otherwise.
bool readRating(const QCommandLineParser& parser, Context& context, std::optional<int>& rating)
{
    bool ok = false;
    const int value = parser.value(QStringLiteral("rating")).toInt(&ok);
    if (!ok || value < 0 || value > 5) {
        context.error(QStringLiteral("--rating must be a whole number from 0 to 5 (got '%1').")
                          .arg(parser.value(QStringLiteral("rating"))));
        return false;
    }
    rating = value > 0 ? std::optional<int>(value) : std::nullopt;
    return true;
}

QString quoted(const QString& text)
{
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('"') + flat + QLatin1Char('"');
}

// One side of a note conflict on one line: the text, then (trade notes) the other fields.
QString versionLine(NoteKind kind, const std::optional<Annotation>& note)
{
    if (!note)
        return QStringLiteral("(removed)");
    QString line = quoted(note->notes);
    if (kind == NoteKind::Trade)
        line += QStringLiteral(" tags [%1] setup %2 rating %3 mistakes [%4]")
                    .arg(note->tags.join(QStringLiteral(", ")), quoted(note->setup),
                         note->rating ? QString::number(*note->rating) : QStringLiteral("-"),
                         note->mistakes.join(QStringLiteral(", ")));
    return line;
}

int deskConflicts(Context& context)
{
    const auto db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    const QVector<NoteConflict> conflicts = noteConflicts(*db);
    QTextStream& out = context.out;
    if (conflicts.isEmpty()) {
        out << QStringLiteral("No note conflicts.\n");
        return sync::exit_code::Ok;
    }
    out << QStringLiteral("%1 note conflict(s); resolve each with 'fillbook-cli desk resolve KEY "
                          "--keep mine|theirs' or '--merge --text ... --tags ...'.\n")
               .arg(conflicts.size());
    for (const NoteConflict& c : conflicts) {
        out << QStringLiteral("%1 (%2)\n")
                   .arg(c.key, c.kind == NoteKind::Trade ? QStringLiteral("trade note")
                                                         : QStringLiteral("daily note"));
        out << QStringLiteral("  mine:   %1 (this device, version %2)\n")
                   .arg(versionLine(c.kind, c.mine), c.mineVector.text());
        out << QStringLiteral("  theirs: %1 (device %2, version %3, server change %4)\n")
                   .arg(versionLine(c.kind, c.theirs), c.theirsDevice, c.theirsVector.text())
                   .arg(c.changeSeq);
    }
    return sync::exit_code::Ok;
}

int deskResolve(const QCommandLineParser& parser, Context& context, const QString& key)
{
    if (key.isEmpty()) {
        context.error(QStringLiteral("desk resolve needs the key of a note in conflict (see "
                                     "'fillbook-cli desk conflicts')."));
        return sync::exit_code::Usage;
    }
    const bool keep = parser.isSet(QStringLiteral("keep"));
    const bool merge = parser.isSet(QStringLiteral("merge"));
    const QString side = parser.value(QStringLiteral("keep"));
    if (keep == merge ||
        (keep && side != QLatin1String("mine") && side != QLatin1String("theirs"))) {
        context.error(QStringLiteral("desk resolve needs either --keep mine, --keep theirs, or "
                                     "--merge --text TEXT [--tags a,b]."));
        return sync::exit_code::Usage;
    }
    if (merge && !parser.isSet(QStringLiteral("text"))) {
        context.error(QStringLiteral("desk resolve --merge needs --text with the merged note."));
        return sync::exit_code::Usage;
    }
    std::optional<int> rating;
    if (merge && parser.isSet(QStringLiteral("rating")) && !readRating(parser, context, rating))
        return sync::exit_code::Usage;
    const auto db = openJournalForWriting(context);
    const NoteKind kind = noteKindOfKey(key);
    const std::optional<NoteConflict> c = noteConflict(*db, kind, key);
    if (!c) {
        context.error(QStringLiteral("there is no sharing conflict about the note of %1 (see "
                                     "'fillbook-cli desk conflicts').")
                          .arg(key));
        return sync::exit_code::Usage;
    }
    QString what;
    if (keep) {
        const bool mine = side == QLatin1String("mine");
        resolveNoteConflict(*db, kind, key,
                            mine ? NoteResolution::KeepMine : NoteResolution::KeepTheirs);
        what = mine ? QStringLiteral("kept this device's version")
                    : QStringLiteral("kept the version of device %1").arg(c->theirsDevice);
    } else {
        // Unset fields: tags are the union of both; setup, rating and mistakes are mine.
        const Annotation base = c->mine.value_or(c->theirs.value_or(Annotation{}));
        Annotation merged = base;
        merged.notes = parser.value(QStringLiteral("text"));
        merged.tags = parser.isSet(QStringLiteral("tags"))
                          ? splitList(parser.value(QStringLiteral("tags")))
                          : tagUnion(c->mine ? c->mine->tags : QStringList(),
                                     c->theirs ? c->theirs->tags : QStringList());
        if (parser.isSet(QStringLiteral("setup")))
            merged.setup = parser.value(QStringLiteral("setup"));
        if (parser.isSet(QStringLiteral("rating")))
            merged.rating = rating;
        if (parser.isSet(QStringLiteral("mistakes")))
            merged.mistakes = splitList(parser.value(QStringLiteral("mistakes")));
        resolveNoteConflict(*db, kind, key, NoteResolution::Merge, merged);
        what = QStringLiteral("merged the two versions");
    }
    context.out << QStringLiteral("Resolved the note of %1: %2 (version %3); the next push "
                                  "shares it.\n")
                       .arg(key, what, noteVector(*db, kind, key).text());
    return sync::exit_code::Ok;
}

} // namespace

QList<QCommandLineOption> deskOptions()
{
    QList<QCommandLineOption> options{
        QCommandLineOption(QStringLiteral("url"),
                           QStringLiteral("The desk server: postgresql://USER@HOST:PORT/"
                                          "DATABASE (password in FILLBOOK_DESK_PASSWORD)."),
                           QStringLiteral("URL")),
        QCommandLineOption(QStringLiteral("keep"),
                           QStringLiteral("desk resolve: keep 'mine' or 'theirs'."),
                           QStringLiteral("SIDE")),
        QCommandLineOption(QStringLiteral("merge"),
                           QStringLiteral("desk resolve: save a merge of both versions (--text, "
                                          "--tags; setup, rating, mistakes default to mine).")),
        QCommandLineOption(QStringLiteral("grace-hours"),
                           QStringLiteral("desk gc: leave unattached images younger than N hours "
                                          "(default 24)."),
                           QStringLiteral("N")),
    };
    options += noteOptions();
    options += deskAdminOptions();
    return options;
}

int runDesk(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    const QString sub = args.value(0);
    try {
        if (sub == QLatin1String("init"))
            return deskInit(parser, context);
        if (sub == QLatin1String("push"))
            return deskExchange(parser, context, ReplicatorWorker::Push);
        if (sub == QLatin1String("pull"))
            return deskExchange(parser, context, ReplicatorWorker::Pull);
        if (sub == QLatin1String("status"))
            return deskStatus(context);
        if (sub == QLatin1String("conflicts"))
            return deskConflicts(context);
        if (sub == QLatin1String("resolve"))
            return deskResolve(parser, context, args.value(1));
        if (isDeskAdminCommand(sub))
            return runDeskAdmin(sub, args.value(1), parser, context);
        if (sub == QLatin1String("gc"))
            return deskGc(parser, context);
    } catch (const DeskError& error) {
        context.error(error.message());
        return exitCodeFor(error.kind());
    }
    context.error(QStringLiteral(
                      "desk needs one of init, push, pull, status, conflicts, resolve, "
                      "grant-trader, grant-reader, grant-read, revoke-read, browse, gc (got '%1').")
                      .arg(sub));
    return sync::exit_code::Usage;
}

QList<QCommandLineOption> noteOptions()
{
    return {
        QCommandLineOption(QStringLiteral("text"), QStringLiteral("The note's text."),
                           QStringLiteral("TEXT")),
        QCommandLineOption(QStringLiteral("tags"), QStringLiteral("Tags, comma-separated."),
                           QStringLiteral("LIST")),
        QCommandLineOption(QStringLiteral("setup"), QStringLiteral("The setup or strategy."),
                           QStringLiteral("NAME")),
        QCommandLineOption(QStringLiteral("rating"),
                           QStringLiteral("A rating from 1 to 5 (0 removes it)."),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("mistakes"), QStringLiteral("Mistakes, comma-separated."),
                           QStringLiteral("LIST")),
        QCommandLineOption(QStringLiteral("risk"),
                           QStringLiteral("The trade's initial risk in its margin asset, "
                                          "overriding the one from its stop (\"none\" removes "
                                          "it)."),
                           QStringLiteral("AMOUNT")),
    };
}

int runNote(const QCommandLineParser& parser, Context& context)
{
    const QString key = parser.positionalArguments().value(1);
    if (key.isEmpty()) {
        context.error(QStringLiteral("note needs a trade key: fillbook-cli note TRADE_KEY "
                                     "--text ... (see 'fillbook-cli trades --format json')."));
        return sync::exit_code::Usage;
    }
    std::optional<int> rating;
    const bool ratingSet = parser.isSet(QStringLiteral("rating"));
    if (ratingSet && !readRating(parser, context, rating))
        return sync::exit_code::Usage;
    std::optional<Decimal> risk;
    const bool riskSet = parser.isSet(QStringLiteral("risk"));
    if (riskSet && parser.value(QStringLiteral("risk")) != QLatin1String("none")) {
        risk = Decimal::parse(parser.value(QStringLiteral("risk")));
        if (!risk || !risk->isPositive()) {
            context.error(QStringLiteral("--risk must be a positive decimal amount such as 25.5, "
                                         "or none (got '%1').")
                              .arg(parser.value(QStringLiteral("risk"))));
            return sync::exit_code::Usage;
        }
    }
    const auto db = openJournalForWriting(context);
    if (!TradeStore(*db).trade(key)) {
        context.error(QStringLiteral("there is no trade %1 in the journal at %2.")
                          .arg(key, context.journalPath));
        return sync::exit_code::Usage;
    }
    AnnotationStore store(*db);
    Annotation a = store.annotation(key).value_or(Annotation{});
    a.tradeKey = key;
    if (parser.isSet(QStringLiteral("text")))
        a.notes = parser.value(QStringLiteral("text"));
    if (parser.isSet(QStringLiteral("tags")))
        a.tags = splitList(parser.value(QStringLiteral("tags")));
    if (parser.isSet(QStringLiteral("setup")))
        a.setup = parser.value(QStringLiteral("setup"));
    if (ratingSet)
        a.rating = rating;
    if (parser.isSet(QStringLiteral("mistakes")))
        a.mistakes = splitList(parser.value(QStringLiteral("mistakes")));
    if (riskSet)
        a.riskOverride = risk ? std::optional<Decimal>(risk->normalized()) : std::nullopt;
    store.save(a); // bumps its version and queues it for sharing in the same transaction
    context.out << QStringLiteral("Saved the note of %1.\n").arg(key);
    return sync::exit_code::Ok;
}

} // namespace fb::cli
