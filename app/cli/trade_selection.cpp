#include "app/cli/trade_selection.h"

#include "sync/journal/saved_filters.h"

namespace fb::cli {

using namespace fb::journal;

QCommandLineOption symbolsOption()
{
    return QCommandLineOption(QStringList{QStringLiteral("symbol")},
                              QStringLiteral("Only trades of these symbols (e.g. BTCUSDT or "
                                             "BTCUSDT,ETHUSDT)."),
                              QStringLiteral("A,B"));
}

QCommandLineOption savedFilterOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("filter")},
        QStringLiteral("A filter saved in the desktop app (its name); other options given "
                       "replace its parts."),
        QStringLiteral("NAME"));
}

QCommandLineOption statusOption()
{
    return QCommandLineOption(QStringList{QStringLiteral("status")},
                              QStringLiteral("Only open or only closed trades."),
                              QStringLiteral("open|closed"));
}

QCommandLineOption openedFromOption()
{
    return QCommandLineOption(QStringLiteral("from"),
                              QStringLiteral("Trades opened on or after this UTC date."),
                              QStringLiteral("YYYY-MM-DD"));
}

QCommandLineOption openedToOption()
{
    return QCommandLineOption(QStringLiteral("to"),
                              QStringLiteral("Trades opened on or before this UTC date."),
                              QStringLiteral("YYYY-MM-DD"));
}

namespace {

QString listText(const QStringList& names)
{
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

} // namespace

bool readTradeSelection(const QCommandLineParser& parser, Context& context, Database& db,
                        TradeQuery& query)
{
    if (parser.isSet(QStringLiteral("filter"))) {
        const QString name = parser.value(QStringLiteral("filter")).trimmed();
        SavedFilterStore store(db);
        const std::optional<SavedFilter> saved = store.find(name);
        if (!saved) {
            QStringList names;
            for (const SavedFilter& filter : store.list())
                names << filter.name;
            context.error(QStringLiteral("there is no saved filter named '%1' in this journal "
                                         "(saved filters: %2).")
                              .arg(name, listText(names)));
            return false;
        }
        const TradeSort sort = query.sort;
        query = saved->query;
        query.sort = sort;
    }
    if (parser.isSet(QStringLiteral("account"))) {
        const QString account = parser.value(QStringLiteral("account")).trimmed();
        const QStringList known = journalAccounts(db);
        if (!known.contains(account)) {
            context.error(QStringLiteral("there is no account '%1' in this journal (accounts: "
                                         "%2).")
                              .arg(account, listText(known)));
            return false;
        }
        query.account = account;
    }
    if (parser.isSet(QStringLiteral("symbol"))) {
        QStringList symbols;
        for (const QString& part :
             parser.value(QStringLiteral("symbol")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (const QString symbol = part.trimmed().toUpper();
                !symbol.isEmpty() && !symbols.contains(symbol))
                symbols << symbol;
        if (symbols.isEmpty()) {
            context.error(QStringLiteral("--symbol needs at least one symbol (e.g. BTCUSDT or "
                                         "BTCUSDT,ETHUSDT)."));
            return false;
        }
        query.symbol.clear();
        query.symbols = symbols;
    }
    return true;
}

} // namespace fb::cli
