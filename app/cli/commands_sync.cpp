// sync, resume, discard: the commands that run (or end) a sync.

#include "app/cli/cli_common.h"
#include "app/cli/sync_session.h"
#include "sync/binance/client_config.h"
#include "sync/demo/demo_exchange.h"
#include "sync/engine/resume_guard.h"
#include "sync/engine/run_types.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/private_files.h"
#include "sync/journal/run_store.h"
#include "sync/journal/sync_lock.h"
#include "sync/journal/transaction.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <unistd.h>

namespace fb::cli {

using namespace fb::sync;

namespace {

constexpr qint64 kDayMs = 86'400'000;
// Binance keeps about three months of fills and income (API sheet §5.3/§5.4).
constexpr int kRetentionDays = 90;

QCommandLineOption option(const char* name, const char* description, const char* value = nullptr)
{
    QCommandLineOption o(QString::fromLatin1(name), QString::fromUtf8(description));
    if (value)
        o.setValueName(QString::fromLatin1(value));
    return o;
}

// "5m", "90s", "2h", "1h30m" -> ms; nullopt when unreadable.
std::optional<qint64> parseDuration(const QString& text)
{
    // At most nine digits a part, so that the sum cannot overflow.
    static const QRegularExpression part(QStringLiteral("(\\d{1,9})([hms])"));
    static const QRegularExpression whole(QStringLiteral("^(\\d{1,9}[hms])+$"));
    if (!whole.match(text).hasMatch())
        return std::nullopt;
    qint64 ms = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const qint64 n = m.captured(1).toLongLong();
        ms += n * (m.captured(2) == QLatin1String("h")   ? 3'600'000
                   : m.captured(2) == QLatin1String("m") ? 60'000
                                                         : 1000);
    }
    return ms;
}

std::optional<qint64> parseDateUtc(const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid() || text.size() != 10)
        return std::nullopt;
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

struct Connection
{
    EngineConfig config;
    std::unique_ptr<DemoExchange> demo;
};

// Builds the engine configuration from the global options and the environment. A resume passes
// the run's parameters: without --demo or --base-url it goes back to the endpoint the run is
// bound to, and without --account to the run's account. Returns false after printing one
// sentence (and sets *exitCode).
bool connectionFor(const QCommandLineParser& parser, Context& context, Connection& c, int* exitCode,
                   const RunParams* resumed = nullptr)
{
    c.config.databasePath = context.journalPath;
    const bool endpointGiven =
        parser.isSet(QStringLiteral("demo")) || parser.isSet(QStringLiteral("base-url"));
    const QString runEndpoint = resumed ? normalizedEndpoint(resumed->endpoint) : QString();
    if (parser.isSet(QStringLiteral("demo")) ||
        (!endpointGiven && runEndpoint == QLatin1String(kDemoEndpoint))) {
        c.demo = std::make_unique<DemoExchange>();
        QString error;
        if (!c.demo->start(context.journalPath, &error)) {
            context.error(QStringLiteral("the demo exchange could not start: %1").arg(error));
            *exitCode = c.demo->failureExitCode(); // a journal it cannot use: 7, like everywhere
            return false;
        }
        c.demo->configure(c.config);
        return true;
    }
    c.config.client.account =
        resumed && !parser.isSet(QStringLiteral("account")) && !resumed->account.isEmpty()
            ? resumed->account
            : parser.value(QStringLiteral("account"));
    const QString baseUrl = parser.isSet(QStringLiteral("base-url"))
                                ? parser.value(QStringLiteral("base-url"))
                                : (endpointGiven ? QString() : runEndpoint);
    if (!baseUrl.isEmpty()) {
        const QUrl url(baseUrl, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            context.error(QStringLiteral("--base-url '%1' is not a URL (e.g. "
                                         "https://testnet.binancefuture.com).")
                              .arg(baseUrl));
            *exitCode = exit_code::Usage;
            return false;
        }
        c.config.client.baseUrl = url;
        c.config.client.spotBaseUrl = url.host() == QLatin1String("fapi.binance.com")
                                          ? binance::ClientConfig::spotProductionUrl()
                                          : url;
    }
    c.config.baseUrlLabel = endpointLabel(c.config.client.baseUrl);
    // Keys come from the environment only: never from arguments, which other users can read.
    c.config.client.apiKey = qgetenv("FILLBOOK_API_KEY");
    c.config.client.apiSecret = qgetenv("FILLBOOK_API_SECRET");
    if (c.config.client.apiKey.isEmpty() || c.config.client.apiSecret.isEmpty()) {
        context.error(QStringLiteral("no API key: set FILLBOOK_API_KEY and FILLBOOK_API_SECRET "
                                     "(a read-only key), or try the demo with --demo."));
        *exitCode = exit_code::Auth;
        return false;
    }
    return true;
}

SessionOptions sessionOptions(const QCommandLineParser& parser)
{
    SessionOptions o;
    const bool tty = ::isatty(STDOUT_FILENO) == 1;
    o.style = parser.isSet(QStringLiteral("json-progress")) ? ProgressStyle::Json
              : tty                                         ? ProgressStyle::Live
                                                            : ProgressStyle::Lines;
    o.colour = tty && qEnvironmentVariableIsEmpty("NO_COLOR");
    return o;
}

bool ensureJournalFolder(Context& context)
{
    const QString folder = QFileInfo(context.journalPath).absolutePath();
    if (!journal::makePrivateFolders(folder)) {
        context.error(QStringLiteral("cannot create the folder %1 for the journal.").arg(folder));
        return false;
    }
    return true;
}

// --account and --base-url, checked before a journal is created or a request is sent: bad
// input is refused with exit 2 and leaves no trace (no file, no run row, no request).
bool checkConnectionOptions(const QCommandLineParser& parser, Context& context)
{
    if (parser.value(QStringLiteral("account")).trimmed().isEmpty()) {
        context.error(QStringLiteral("--account needs a name (e.g. --account main)."));
        return false;
    }
    if (!parser.isSet(QStringLiteral("base-url")))
        return true;
    const QString text = parser.value(QStringLiteral("base-url"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        context.error(QStringLiteral("--base-url '%1' is not a URL (e.g. "
                                     "https://testnet.binancefuture.com).")
                          .arg(text));
        return false;
    }
    // Never echo a password written into the URL.
    const QString shown = url.toString(QUrl::RemoveUserInfo);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") && !binance::isLoopbackHost(url.host())) {
        context.error(QStringLiteral("--base-url '%1' is plain http, which would send the API "
                                     "key unencrypted; use https:// (http is accepted only for "
                                     "a simulator on this computer: 127.0.0.1, ::1 or "
                                     "localhost).")
                          .arg(shown));
        return false;
    }
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        context.error(QStringLiteral("--base-url '%1' is not an https:// URL (e.g. "
                                     "https://testnet.binancefuture.com).")
                          .arg(shown));
        return false;
    }
    return true;
}

struct RunLimits
{
    qint64 maxDurationMs = 0; // 0 = none (EngineConfig's meaning)
    int maxBatches = 0;
    bool commitEachBatch = false; // no grouped commits (EngineConfig::commitGroupMs = 0)
};

// --max-duration and --max-batches, the same for sync and resume.
bool readRunLimits(const QCommandLineParser& parser, Context& context, RunLimits& limits)
{
    if (parser.isSet(QStringLiteral("max-duration"))) {
        const auto ms = parseDuration(parser.value(QStringLiteral("max-duration")));
        if (!ms || *ms <= 0) {
            context.error(
                QStringLiteral("--max-duration '%1' is not a duration like 90s, 5m or 2h.")
                    .arg(parser.value(QStringLiteral("max-duration"))));
            return false;
        }
        limits.maxDurationMs = *ms;
    }
    if (parser.isSet(QStringLiteral("max-batches"))) {
        bool ok = false;
        limits.maxBatches = parser.value(QStringLiteral("max-batches")).toInt(&ok);
        if (!ok || limits.maxBatches < 1) {
            context.error(QStringLiteral("--max-batches must be a positive whole number."));
            return false;
        }
    }
    limits.commitEachBatch = parser.isSet(QStringLiteral("commit-each-batch"));
    return true;
}

void applyRunLimits(const RunLimits& limits, EngineConfig& config)
{
    config.maxDurationMs = limits.maxDurationMs;
    config.maxBatches = limits.maxBatches;
    if (limits.commitEachBatch)
        config.commitGroupMs = 0;
}

// The newest interrupted or paused run, for --latest.
std::optional<journal::RunRecord> latestResumable(journal::Database& db)
{
    const auto runs = journal::RunStore(db).runsWithStatus(
        {RunStatus::Interrupted, RunStatus::Paused, RunStatus::Running});
    std::optional<journal::RunRecord> latest;
    for (const auto& r : runs) {
        if (!latest || r.createdAt > latest->createdAt)
            latest = r;
    }
    return latest;
}

constexpr const char* kCommitEachBatchHelp =
    "Commit every batch on its own (by default batches that arrive within a second of the last "
    "commit are committed together).";

} // namespace

QList<QCommandLineOption> syncOptions()
{
    return {
        option("days", "Sync the last N days (default 30; at most 90).", "N"),
        option("since", "Sync from this UTC date (YYYY-MM-DD).", "DATE"),
        option("until", "Sync up to this UTC date (YYYY-MM-DD, exclusive; default: now).", "DATE"),
        option("max", "Sync everything the exchange still keeps (90 days)."),
        option("symbols", "Also sync these symbols (comma-separated).", "A,B"),
        option("batch-size", "Symbols per batch (default 4).", "N"),
        option("max-duration",
               "Pause after this long (e.g. 5m), even while waiting for the exchange.", "TIME"),
        option("max-batches", "Pause after N batches.", "N"),
        option("commit-each-batch", kCommitEachBatchHelp),
        option("json-progress", "Print one JSON object per event.")};
}

QList<QCommandLineOption> resumeOptions()
{
    return {option("latest", "The newest interrupted or paused run."),
            option("max-duration",
                   "Pause after this long (e.g. 5m), even while waiting for the exchange.", "TIME"),
            option("max-batches", "Pause after N batches.", "N"),
            option("commit-each-batch", kCommitEachBatchHelp)};
}

QList<QCommandLineOption> discardOptions()
{
    return {option("latest", "The newest interrupted or paused run.")};
}

namespace {

// A new sync during the exchange's ban on this IP (stored with a paused run of the same account
// and exchange) would be banned again by its first request, which lengthens the ban: refused
// with the time it may start, before anything is sent. The engine refuses too (the desktop); this
// is the wording. Returns the exit code, or 0 to go on.
int refuseDuringBan(Context& context, const QString& account, const QString& endpoint)
{
    if (!QFileInfo::exists(context.journalPath))
        return 0;
    std::optional<RunBan> held;
    try {
        journal::Database db(context.journalPath,
                             {journal::OpenMode::ReadOnly, QStringLiteral("cli"), false});
        held = banOnAccount(db, account, endpoint, QDateTime::currentMSecsSinceEpoch());
    } catch (const journal::JournalError&) {
        return 0; // the engine opens the journal for writing and says what is wrong with it
    }
    if (!held)
        return 0;
    context.error(
        QStringLiteral("a new sync may start at %1 UTC%2, when the exchange's ban on this IP ends "
                       "(run %3 was paused by it); nothing was sent, as a request now would "
                       "lengthen the ban.")
            .arg(formatUtc(held->ban.untilMs),
                 held->ban.exchangeTime ? QStringLiteral(" (exchange time)")
                                        : QStringLiteral(" by this computer's clock (the "
                                                         "exchange's was not measured)"),
                 held->run.id));
    return exit_code::Paused;
}

} // namespace

int runSync(const QCommandLineParser& parser, Context& context)
{
    // Every option is checked before anything is created or sent, and before any progress is
    // printed: bad input leaves no journal, no run row and no request behind (exit 2).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // The exchange keeps about 90 days; a range never starts before that (nor before 1970).
    const qint64 retentionStart = now - qint64(kRetentionDays) * kDayMs;
    RunParams params;
    // Provisional: the engine fixes the end at the exchange's now once it has measured the
    // clock offset, and moves a relative start with it (docs/design.md §3.1).
    params.rangeToMs = now;
    params.rangeEndsNow = true;
    params.rangeStartsRelative = true;
    const int ranges = int(parser.isSet(QStringLiteral("days"))) +
                       int(parser.isSet(QStringLiteral("since"))) +
                       int(parser.isSet(QStringLiteral("max")));
    if (ranges > 1) {
        context.error(QStringLiteral("use only one of --days, --since and --max."));
        return exit_code::Usage;
    }
    if (parser.isSet(QStringLiteral("until"))) {
        const QString text = parser.value(QStringLiteral("until"));
        const auto until = parseDateUtc(text);
        if (!until || *until > now) {
            context.error(
                QStringLiteral("--until '%1' is not a past date as YYYY-MM-DD.").arg(text));
            return exit_code::Usage;
        }
        if (*until <= retentionStart) {
            // The first midnight after the retention start.
            const QDate first =
                QDateTime::fromMSecsSinceEpoch(retentionStart, Qt::UTC).date().addDays(1);
            context.error(QStringLiteral("--until '%1' is older than the %2 days the exchange "
                                         "keeps; use a date from %3 on.")
                              .arg(text)
                              .arg(kRetentionDays)
                              .arg(first.toString(Qt::ISODate)));
            return exit_code::Usage;
        }
        params.rangeToMs = *until - 1;
        params.rangeEndsNow = false;
    }
    int days = 30;
    if (parser.isSet(QStringLiteral("days"))) {
        bool ok = false;
        days = parser.value(QStringLiteral("days")).toInt(&ok);
        if (!ok || days < 1 || days > kRetentionDays) {
            context.error(QStringLiteral("--days must be a whole number from 1 to %1 (the "
                                         "exchange keeps about three months).")
                              .arg(kRetentionDays));
            return exit_code::Usage;
        }
    }
    params.rangeFromMs = std::max(params.rangeToMs - qint64(days) * kDayMs, retentionStart);
    params.rangeLabel = QStringLiteral("last %1 days").arg(days);
    if (parser.isSet(QStringLiteral("max"))) {
        params.rangeFromMs = retentionStart;
        params.rangeLabel = QStringLiteral("everything available");
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const QString text = parser.value(QStringLiteral("since"));
        const auto since = parseDateUtc(text);
        if (!since || *since >= now) {
            context.error(
                QStringLiteral("--since '%1' is not a past date as YYYY-MM-DD.").arg(text));
            return exit_code::Usage;
        }
        if (parser.isSet(QStringLiteral("until")) && *since > params.rangeToMs) {
            context.error(QStringLiteral("--since '%1' is not before --until '%2'; give a start "
                                         "date earlier than the end date.")
                              .arg(text, parser.value(QStringLiteral("until"))));
            return exit_code::Usage;
        }
        params.rangeFromMs = std::max(*since, retentionStart);
        params.rangeStartsRelative = false; // a date: the same in every clock
        params.rangeLabel = QStringLiteral("since %1").arg(text);
    }
    if (parser.isSet(QStringLiteral("symbols"))) {
        static const QRegularExpression symbolPattern(QStringLiteral("^[A-Z0-9_]{2,30}$"));
        for (const QString& s :
             parser.value(QStringLiteral("symbols")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString symbol = s.trimmed().toUpper();
            if (!symbolPattern.match(symbol).hasMatch()) {
                context.error(QStringLiteral("'%1' is not a symbol (e.g. BTCUSDT).").arg(s));
                return exit_code::Usage;
            }
            params.symbols << symbol;
        }
    }
    if (parser.isSet(QStringLiteral("batch-size"))) {
        bool ok = false;
        params.batchSize = parser.value(QStringLiteral("batch-size")).toInt(&ok);
        if (!ok || params.batchSize < 1 || params.batchSize > 50) {
            context.error(QStringLiteral("--batch-size must be a whole number from 1 to 50."));
            return exit_code::Usage;
        }
    }
    RunLimits limits;
    if (!readRunLimits(parser, context, limits) || !checkConnectionOptions(parser, context))
        return exit_code::Usage;
    Connection c;
    int code = 0;
    if (!ensureJournalFolder(context) || !connectionFor(parser, context, c, &code))
        return code ? code : exit_code::Usage;
    params.account = c.config.client.account;
    if (const int refused = refuseDuringBan(context, params.account, c.config.baseUrlLabel))
        return refused;
    applyRunLimits(limits, c.config);
    return runSyncSession(context, c.config, params, QString(), sessionOptions(parser));
}

int runResume(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    const bool latest = parser.isSet(QStringLiteral("latest"));
    if (args.size() > 1 || (args.isEmpty() == !latest)) {
        context.error(QStringLiteral("resume takes a run id or --latest."));
        return exit_code::Usage;
    }
    RunLimits limits;
    if (!readRunLimits(parser, context, limits) || !checkConnectionOptions(parser, context))
        return exit_code::Usage;
    QString runId = args.value(0);
    std::optional<journal::RunRecord> run;
    {
        auto db = openJournalForReading(context);
        if (!db)
            return context.openFailure;
        if (latest) {
            run = latestResumable(*db);
            if (!run) {
                context.error(QStringLiteral("there is no interrupted or paused run to resume."));
                return exit_code::Usage;
            }
            runId = run->id;
        } else if (!(run = journal::RunStore(*db).run(runId))) {
            context.error(QStringLiteral("Run '%1' not found.").arg(runId));
            return exit_code::Usage;
        }
    }
    // A run is bound to the exchange it started on (runs stored before endpoints were are not).
    const RunParams stored = storedParams(*run);
    const QString storedEndpoint = normalizedEndpoint(stored.endpoint);
    const QString givenEndpoint = parser.isSet(QStringLiteral("demo"))
                                      ? QString::fromLatin1(kDemoEndpoint)
                                  : parser.isSet(QStringLiteral("base-url"))
                                      ? normalizedEndpoint(parser.value(QStringLiteral("base-url")))
                                      : QString();
    if (!storedEndpoint.isEmpty() && !givenEndpoint.isEmpty() && givenEndpoint != storedEndpoint) {
        const auto name = [](const QString& endpoint) {
            return endpoint == QLatin1String(kDemoEndpoint) ? QStringLiteral("the demo exchange")
                                                            : endpoint;
        };
        context.error(QStringLiteral("run %1 was started against %2, not %3; resume it without "
                                     "--base-url or --demo to go back there, or start a new sync "
                                     "for the other exchange.")
                          .arg(runId, name(storedEndpoint), name(givenEndpoint)));
        return exit_code::Usage;
    }
    // Nothing is sent during the exchange's ban: every request would fail and lengthen it.
    if (isResumable(run->status)) {
        if (const auto ban = banInForce(*run, QDateTime::currentMSecsSinceEpoch())) {
            context.error(
                QStringLiteral("run %1 may resume at %2 UTC%3, when the exchange's ban on this "
                               "IP ends; nothing was sent, as a request now would lengthen the "
                               "ban.")
                    .arg(runId, formatUtc(ban->untilMs),
                         ban->exchangeTime ? QStringLiteral(" (exchange time)")
                                           : QStringLiteral(" by this computer's clock (the "
                                                            "exchange's was not measured)")));
            return exit_code::Paused;
        }
    }
    Connection c;
    int code = 0;
    if (!connectionFor(parser, context, c, &code, &stored))
        return code;
    applyRunLimits(limits, c.config);
    return runSyncSession(context, c.config, RunParams(), runId, sessionOptions(parser));
}

int runDiscard(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    const bool latest = parser.isSet(QStringLiteral("latest"));
    if (args.size() > 1 || (args.isEmpty() == !latest)) {
        context.error(QStringLiteral("discard takes a run id or --latest."));
        return exit_code::Usage;
    }
    auto reader = openJournalForReading(context);
    if (!reader)
        return context.openFailure;
    reader.reset();
    journal::Database db(context.journalPath,
                         {journal::OpenMode::ReadWrite, QStringLiteral("cli"), true});
    journal::RunStore runs(db);
    std::optional<journal::RunRecord> run = latest ? latestResumable(db) : runs.run(args.value(0));
    if (!run) {
        context.error(latest ? QStringLiteral("there is no interrupted or paused run to discard.")
                             : QStringLiteral("Run '%1' not found.").arg(args.value(0)));
        return exit_code::Usage;
    }
    const journal::DiscardResult result = runs.discardRun(run->id);
    switch (result.outcome) {
    case journal::DiscardResult::Outcome::Discarded:
        break;
    case journal::DiscardResult::Outcome::NotFound:
        context.error(QStringLiteral("Run '%1' not found.").arg(run->id));
        return exit_code::Usage;
    case journal::DiscardResult::Outcome::BeingSynced:
        context.error(
            QStringLiteral("run %1 is being synced right now by %2; stop it first.")
                .arg(run->id, result.holder->describe(QDateTime::currentMSecsSinceEpoch())));
        return exit_code::Busy;
    case journal::DiscardResult::Outcome::NotResumable:
        context.error(QStringLiteral("Run '%1' is %2; only interrupted or paused runs can be "
                                     "discarded.")
                          .arg(run->id, runStatusName(result.run->status)));
        return exit_code::Usage;
    }
    context.out << QStringLiteral("Discarded %1. The trades and records it synced are kept; the "
                                  "next sync fetches only what is missing.\n")
                       .arg(run->id);
    return exit_code::Completed;
}

} // namespace fb::cli
