// `fillbook-cli positions` (issue 14): the open positions of the last sync with their unrealized
// PnL at the mark price then (docs/design.md D134), apart from the closed trades'
// PnL, as the desktop's "Open positions" section shows them. Exact decimals as the exchange sent
// them; times in UTC.

#include "app/cli/cli_common.h"
#include "app/cli/text_table.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/position_queries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fb::cli {

namespace {

// LONG or SHORT: a one-way (BOTH) position's direction is its amount's sign.
QString direction(const Position& p)
{
    if (p.positionSide == PositionSide::Long)
        return QStringLiteral("LONG");
    if (p.positionSide == PositionSide::Short)
        return QStringLiteral("SHORT");
    return p.positionAmt.isNegative() ? QStringLiteral("SHORT") : QStringLiteral("LONG");
}

QString csvCell(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

} // namespace

QList<QCommandLineOption> positionsOptions()
{
    return {formatOption()};
}

int runPositions(const QCommandLineParser& parser, Context& context)
{
    const std::optional<QString> readFormatValue = readFormat(parser, context);
    if (!readFormatValue)
        return sync::exit_code::Usage;
    const QString format = *readFormatValue;
    // Every account's positions unless one is named.
    const QString account = parser.isSet(QStringLiteral("account"))
                                ? parser.value(QStringLiteral("account"))
                                : QString();
    const std::unique_ptr<journal::Database> db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    try {
        const journal::OpenPositions open = journal::loadOpenPositions(*db, account);
        const QMap<QString, Decimal> totals = open.unrealizedByAsset();
        if (format == QLatin1String("json")) {
            QJsonArray rows;
            for (const Position& p : open.positions)
                rows.append(
                    QJsonObject{{QStringLiteral("account"), p.account},
                                {QStringLiteral("symbol"), p.symbol},
                                {QStringLiteral("positionSide"), positionSideName(p.positionSide)},
                                {QStringLiteral("side"), direction(p)},
                                {QStringLiteral("size"), p.positionAmt.abs().toString()},
                                {QStringLiteral("positionAmt"), p.positionAmt.toString()},
                                {QStringLiteral("entryPrice"), p.entryPrice.toString()},
                                {QStringLiteral("markPrice"), p.markPrice.toString()},
                                {QStringLiteral("unrealizedProfit"), p.unRealizedProfit.toString()},
                                {QStringLiteral("marginAsset"), p.marginAsset},
                                {QStringLiteral("updateTime"), QString::number(p.updateTime)}});
            QJsonObject byAsset;
            for (auto it = totals.cbegin(); it != totals.cend(); ++it)
                byAsset.insert(it.key(), it.value().toString());
            QJsonObject doc{{QStringLiteral("positions"), rows},
                            {QStringLiteral("unrealizedByAsset"), byAsset}};
            doc.insert(QStringLiteral("asOf"), open.asOfMs
                                                   ? QJsonValue(QString::number(*open.asOfMs))
                                                   : QJsonValue(QJsonValue::Null));
            context.out << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
            return sync::exit_code::Ok;
        }
        if (format == QLatin1String("csv")) {
            context.out << "account,symbol,positionSide,side,size,entryPrice,markPrice,"
                           "unrealizedProfit,marginAsset,asOf\n";
            for (const Position& p : open.positions)
                context.out << QStringList{csvCell(p.account),
                                           p.symbol,
                                           positionSideName(p.positionSide),
                                           direction(p),
                                           p.positionAmt.abs().toString(),
                                           p.entryPrice.toString(),
                                           p.markPrice.toString(),
                                           p.unRealizedProfit.toString(),
                                           p.marginAsset,
                                           open.asOfMs ? formatUtc(*open.asOfMs) : QString()}
                                   .join(QLatin1Char(','))
                            << '\n';
            return sync::exit_code::Ok;
        }
        if (!open.asOfMs) {
            context.out << "No positions: this journal has not been synced yet.\n";
            return sync::exit_code::Ok;
        }
        if (open.positions.isEmpty()) {
            context.out << QStringLiteral("No open positions as of the last sync (%1 UTC).\n")
                               .arg(formatUtc(*open.asOfMs));
            return sync::exit_code::Ok;
        }
        context.out << QStringLiteral("Open positions as of the last sync (%1 UTC); unrealized "
                                      "PnL at the mark price then, not part of closed PnL.\n")
                           .arg(formatUtc(*open.asOfMs));
        TextTable table;
        table.addColumn(QStringLiteral("ACCOUNT"));
        table.addColumn(QStringLiteral("SYMBOL"));
        table.addColumn(QStringLiteral("SIDE"));
        table.addColumn(QStringLiteral("SIZE"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("ENTRY"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("MARK"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("UNREALIZED"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("ASSET"));
        for (const Position& p : open.positions)
            table.addRow({p.account, p.symbol, direction(p), p.positionAmt.abs().toString(),
                          p.entryPrice.toString(), p.markPrice.toString(),
                          p.unRealizedProfit.toString(), p.marginAsset});
        table.print(context.out);
        for (auto it = totals.cbegin(); it != totals.cend(); ++it)
            context.out
                << QStringLiteral("Unrealized PnL: %1 %2\n").arg(it.value().toString(), it.key());
        return sync::exit_code::Ok;
    } catch (const journal::JournalError& e) {
        return context.journalError(e);
    }
}

} // namespace fb::cli
