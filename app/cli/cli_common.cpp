#include "app/cli/cli_common.h"

#include "sync/engine/resume_guard.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/journal_paths.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

namespace fb::cli {

using fb::journal::JournalError;

void Context::error(const QString& sentence)
{
    err << QStringLiteral("fillbook-cli: ") << sentence << Qt::endl;
}

int Context::journalError(const JournalError& e)
{
    if (e.isBusy()) {
        // SQLite's own "database is locked" after the busy timeout and retries means nothing to
        // most people: another program (a SQLite browser, a backup tool) holds the file.
        error(QStringLiteral("another program keeps the journal at %1 locked; close it (or wait "
                             "for it to finish) and try again.")
                  .arg(journalPath));
    } else if (e.kind() == JournalError::Kind::Corrupt && e.sqliteCode() != 0) {
        // A damaged page met while reading: the same sentence as the integrity check's.
        error(fb::journal::damagedJournal(journalPath, e.message()).message());
    } else {
        error(e.message());
    }
    return sync::exit_code::exitCodeFor(e);
}

std::unique_ptr<fb::journal::Database> openJournalForReading(Context& context)
{
    fb::journal::OpenOptions options;
    options.mode = fb::journal::OpenMode::ReadOnly;
    options.purpose = QStringLiteral("cli");
    try {
        return std::make_unique<fb::journal::Database>(context.journalPath, options);
    } catch (const JournalError& error) {
        context.openFailure = sync::exit_code::Usage;
        switch (error.kind()) {
        case JournalError::Kind::Missing:
            context.error(QStringLiteral("no journal at %1 \u2014 run 'fillbook-cli sync' first, "
                                         "or pass --db PATH.")
                              .arg(context.journalPath));
            break;
        case JournalError::Kind::Io:
        case JournalError::Kind::ReadOnly:
            context.error(QStringLiteral("cannot read the journal at %1 \u2014 check its "
                                         "permissions, or pass --db PATH. (%2)")
                              .arg(context.journalPath, error.message()));
            break;
        default:
            // TooNew, TooOld, NotAJournal, Busy...: the journal's own sentence says it best,
            // with the code every command uses for it.
            context.openFailure = context.journalError(error);
            break;
        }
        return nullptr;
    }
}

QCommandLineOption formatOption()
{
    return QCommandLineOption(QStringList{QStringLiteral("format")},
                              QStringLiteral("Output format: table (default), csv or json."),
                              QStringLiteral("table|csv|json"), QStringLiteral("table"));
}

std::optional<QString> readFormat(const QCommandLineParser& parser, Context& context)
{
    const QString format = parser.value(QStringLiteral("format")).trimmed().toLower();
    if (format != QLatin1String("table") && format != QLatin1String("csv") &&
        format != QLatin1String("json")) {
        context.error(QStringLiteral("--format must be table, csv or json, not '%1'.")
                          .arg(parser.value(QStringLiteral("format"))));
        return std::nullopt;
    }
    return format;
}

bool readDayOptions(const QCommandLineParser& parser, Context& context, const QTimeZone& zone,
                    std::optional<qint64>& fromMs, std::optional<qint64>& toMs)
{
    for (const char* name : {"from", "to"}) {
        const QString option = QLatin1String(name);
        if (!parser.isSet(option))
            continue;
        const QDate date = QDate::fromString(parser.value(option), Qt::ISODate);
        if (!date.isValid() || parser.value(option).size() != 10) {
            context.error(QStringLiteral("--%1 '%2' is not a date as YYYY-MM-DD.")
                              .arg(option, parser.value(option)));
            return false;
        }
        if (option == QLatin1String("from"))
            fromMs = QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
        else // the whole day, inclusive
            toMs = QDateTime(date.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch() - 1;
    }
    return true;
}

QString formatUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

namespace {

// A word a POSIX shell takes as it is, or the word in single quotes.
QString shellWord(const QString& word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QString resumeCommand(const Context& context, const QString& runId, const QString& endpoint)
{
    const bool demo = endpoint == QLatin1String(sync::kDemoEndpoint);
    QStringList words{QStringLiteral("fillbook-cli")};
    const QString defaultPath =
        journal::defaultJournalPath(demo ? journal::JournalFile::Demo : journal::JournalFile::Own);
    if (QFileInfo(context.journalPath).absoluteFilePath() !=
        QFileInfo(defaultPath).absoluteFilePath())
        words << QStringLiteral("--db") << shellWord(context.journalPath);
    if (demo)
        words << QStringLiteral("--demo");
    else if (!endpoint.isEmpty() && !sync::isProductionEndpoint(endpoint))
        words << QStringLiteral("--base-url") << shellWord(endpoint);
    words << QStringLiteral("resume") << shellWord(runId);
    return words.join(QLatin1Char(' '));
}

QString successRateText(qint64 completed, qint64 failed)
{
    const qint64 attempted = completed + failed;
    if (attempted <= 0)
        return QStringLiteral("no symbols attempted");
    return QStringLiteral("%1 % (%2 of %3 symbols)")
        .arg(completed * 100 / attempted)
        .arg(completed)
        .arg(attempted);
}

QString batchesText(qint64 done, qint64 total)
{
    return QStringLiteral("%1/%2 batches").arg(done).arg(total);
}

} // namespace fb::cli
