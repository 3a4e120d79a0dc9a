// `fillbook-cli trades`: journal trades, oldest open time first, in three formats:
// table (people), csv and json (scripts; the stable export format of docs/design.md §5).

#include "app/cli/cli_common.h"
#include "app/cli/text_table.h"
#include "app/cli/trade_selection.h"
#include "sync/journal/candle_store.h"
#include "sync/journal/trade_store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace fb::cli {

using namespace fb::journal;

namespace {

QString decimalOrDash(const std::optional<Decimal>& value)
{
    return value ? value->toString() : QStringLiteral("-");
}

QString commissionText(const JournalTrade& trade)
{
    QStringList parts;
    for (auto it = trade.commission.cbegin(); it != trade.commission.cend(); ++it)
        parts.append(it.value().toString() + QLatin1Char(' ') + it.key());
    return parts.isEmpty() ? QStringLiteral("0") : parts.join(QStringLiteral(" + "));
}

void printTable(const QVector<JournalTrade>& trades, QTextStream& out)
{
    if (trades.isEmpty()) {
        out << "No trades.\n";
        return;
    }
    using Align = TextTable::Align;
    TextTable table;
    table.addColumn(QStringLiteral("OPENED (UTC)"));
    table.addColumn(QStringLiteral("SYMBOL"));
    table.addColumn(QStringLiteral("SIDE"));
    table.addColumn(QStringLiteral("DIR"));
    table.addColumn(QStringLiteral("STATUS"));
    table.addColumn(QStringLiteral("QTY"), Align::Right);
    table.addColumn(QStringLiteral("ENTRY"), Align::Right);
    table.addColumn(QStringLiteral("EXIT"), Align::Right);
    table.addColumn(QStringLiteral("REALIZED"), Align::Right);
    table.addColumn(QStringLiteral("FUNDING"), Align::Right);
    table.addColumn(QStringLiteral("COMMISSION"), Align::Right);
    table.addColumn(QStringLiteral("NET"), Align::Right);
    table.addColumn(QStringLiteral("FLAGS"));
    for (const JournalTrade& t : trades) {
        table.addRow({formatUtc(t.openTime), t.symbol, positionSideName(t.positionSide),
                      directionName(t.direction), tradeStatusName(t.status), t.entryQty.toString(),
                      decimalOrDash(t.avgEntryPrice), decimalOrDash(t.avgExitPrice),
                      t.realizedPnl.toString(), t.funding.toString(), commissionText(t),
                      t.netPnl.toString(), tradeFlagNames(t.flags).join(QLatin1Char(','))});
    }
    table.print(out);
}

void printCsv(const QVector<JournalTrade>& trades, QTextStream& out)
{
    const QStringList assets = exportCommissionAssets(trades);
    out << exportCsvLine(exportCsvHeader(assets));
    for (const JournalTrade& trade : trades)
        out << exportCsvLine(exportCsvRow(trade, assets));
}

void printJson(Database& db, const QVector<JournalTrade>& trades, QTextStream& out)
{
    // mae/mfe come from the cached candles (`fillbook-cli candles`, docs/design.md D116).
    const QVector<TradeExcursion> excursions = loadExcursions(db, trades);
    QJsonArray array;
    for (qsizetype i = 0; i < trades.size(); ++i) {
        QJsonObject o = trades.at(i).toExportJson();
        insertExcursionJson(o, excursions.at(i));
        array.append(o);
    }
    out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

} // namespace

QList<QCommandLineOption> tradesOptions()
{
    return {symbolsOption(), savedFilterOption(), statusOption(),
            formatOption(),  openedFromOption(),  openedToOption()};
}

int runTrades(const QCommandLineParser& parser, Context& context)
{
    TradeFilter filter;
    filter.withParts = false; // the export is per trade; parts are not printed
    if (parser.isSet(QStringLiteral("status"))) {
        const QString status = parser.value(QStringLiteral("status")).trimmed().toLower();
        if (status == QLatin1String("open"))
            filter.status = TradeStatus::Open;
        else if (status == QLatin1String("closed"))
            filter.status = TradeStatus::Closed;
        else {
            context.error(QStringLiteral("--status must be 'open' or 'closed', not '%1'.")
                              .arg(parser.value(QStringLiteral("status"))));
            return sync::exit_code::Usage;
        }
    }
    if (!readDayOptions(parser, context, QTimeZone::utc(), filter.openFromMs, filter.openToMs))
        return sync::exit_code::Usage;
    const std::optional<QString> readFormatValue = readFormat(parser, context);
    if (!readFormatValue)
        return sync::exit_code::Usage;
    const QString format = *readFormatValue;

    const std::unique_ptr<Database> db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    // --filter, --account (absent: every account) and --symbol A,B; --status, --from and --to
    // given here replace the saved filter's.
    TradeQuery query;
    if (!readTradeSelection(parser, context, *db, query))
        return sync::exit_code::Usage;
    if (parser.isSet(QStringLiteral("status")))
        query.status.clear();
    if (parser.isSet(QStringLiteral("from")))
        query.openFromMs.reset();
    if (parser.isSet(QStringLiteral("to")))
        query.openToMs.reset();
    if (!(query == TradeQuery{}))
        filter.query = query;
    // MAE/MFE (json) count the trade's own fill prices (docs/design.md D112): read its parts.
    filter.withParts = format == QLatin1String("json");
    const QVector<JournalTrade> trades = TradeStore(*db).loadTrades(filter);

    if (format == QLatin1String("json"))
        printJson(*db, trades, context.out);
    else if (format == QLatin1String("csv"))
        printCsv(trades, context.out);
    else
        printTable(trades, context.out);
    return sync::exit_code::Ok;
}

} // namespace fb::cli
