// fillbook-cli filters: the saved filters of the journal (docs/design.md D138), which the desktop's
// filter bar and `trades|report|calendar --filter NAME` use, made and removed from scripts too.
//   filters                                  list them (name, last change UTC, what they select)
//   filters save NAME [--filter BASE] [--account A] [--symbol A,B] [--status open|closed]
//                     [--from D] [--to D]    add or replace one
//   filters delete NAME                      remove one (the trades are not touched)

#include "app/cli/cli_common.h"
#include "app/cli/trade_selection.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/saved_filters.h"

#include <QDateTime>

namespace fb::cli {

using namespace fb::journal;

namespace {

int listFilters(Context& context)
{
    const auto db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    const QVector<SavedFilter> filters = SavedFilterStore(*db).list();
    if (filters.isEmpty()) {
        context.out << QStringLiteral("No saved filters.\n");
        return sync::exit_code::Ok;
    }
    for (const SavedFilter& f : filters)
        context.out << QStringLiteral("%1  %2 UTC  %3\n")
                           .arg(f.name, formatUtc(f.updatedAt),
                                QString::fromUtf8(savedFilterJson(f.query)));
    return sync::exit_code::Ok;
}

int saveFilter(const QCommandLineParser& parser, Context& context, const QString& name)
{
    Database db(context.journalPath, OpenOptions{OpenMode::ReadWrite, QStringLiteral("cli")});
    TradeQuery query;
    if (!readTradeSelection(parser, context, db, query))
        return sync::exit_code::Usage;
    if (parser.isSet(QStringLiteral("status"))) {
        const QString status = parser.value(QStringLiteral("status")).trimmed().toLower();
        if (status != QLatin1String("open") && status != QLatin1String("closed")) {
            context.error(QStringLiteral("--status must be 'open' or 'closed', not '%1'.")
                              .arg(parser.value(QStringLiteral("status"))));
            return sync::exit_code::Usage;
        }
        query.status = status.toUpper();
    }
    std::optional<qint64> fromMs = query.openFromMs;
    std::optional<qint64> toMs = query.openToMs;
    if (!readDayOptions(parser, context, QTimeZone::utc(), fromMs, toMs))
        return sync::exit_code::Usage;
    query.openFromMs = fromMs;
    query.openToMs = toMs;
    query.sort = TradeSort{}; // a saved filter selects; the sort is a view's
    SavedFilterStore(db).save(name, query, QDateTime::currentMSecsSinceEpoch());
    context.out << QStringLiteral("Saved filter %1: %2\n")
                       .arg(name, QString::fromUtf8(savedFilterJson(query)));
    return sync::exit_code::Ok;
}

int deleteFilter(Context& context, const QString& name)
{
    Database db(context.journalPath, OpenOptions{OpenMode::ReadWrite, QStringLiteral("cli")});
    SavedFilterStore store(db);
    if (!store.remove(name)) {
        QStringList names;
        for (const SavedFilter& f : store.list())
            names << f.name;
        context.error(QStringLiteral("there is no saved filter named '%1' in this journal "
                                     "(saved filters: %2).")
                          .arg(name, names.isEmpty() ? QStringLiteral("none")
                                                     : names.join(QStringLiteral(", "))));
        return sync::exit_code::Usage;
    }
    context.out << QStringLiteral("Deleted filter %1.\n").arg(name);
    return sync::exit_code::Ok;
}

} // namespace

QList<QCommandLineOption> filtersOptions()
{
    return {symbolsOption(), savedFilterOption(), statusOption(), openedFromOption(),
            openedToOption()};
}

int runFilters(const QCommandLineParser& parser, Context& context)
{
    const QStringList args = parser.positionalArguments().mid(1);
    const QString action = args.value(0);
    const QString name = args.value(1).trimmed();
    try {
        if (args.isEmpty())
            return listFilters(context);
        if (action == QLatin1String("save") && !name.isEmpty())
            return saveFilter(parser, context, name);
        if (action == QLatin1String("delete") && !name.isEmpty())
            return deleteFilter(context, name);
    } catch (const JournalError& error) {
        return context.journalError(error);
    }
    context.error(QStringLiteral("filters needs no argument (to list them), save NAME [--account "
                                 "A] [--symbol A,B] [--status open|closed] [--from D] [--to D], "
                                 "or delete NAME."));
    return sync::exit_code::Usage;
}

} // namespace fb::cli
