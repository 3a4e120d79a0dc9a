// `fillbook-cli report` and `fillbook-cli calendar` (issue 14): the desktop's reports and P&L
// calendar for scripts, from the same journal queries (sync/journal/report_queries.h), per margin
// asset, exact decimals. Dates and days are in --tz (an IANA zone, default UTC).

#include "app/cli/cli_common.h"
#include "app/cli/text_table.h"
#include "app/cli/trade_selection.h"
#include "sync/journal/report_queries.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fb::cli {

using namespace fb::journal;

namespace {

QCommandLineOption zoneOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("tz")},
        QStringLiteral("Time zone of dates, days, weekdays and hours (IANA id, e.g. "
                       "Europe/Berlin; default UTC)."),
        QStringLiteral("ZONE"), QStringLiteral("UTC"));
}

QCommandLineOption unknownEntryOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("include-unknown-entry")},
        QStringLiteral("Also count trades whose entry the journal never saw (INCOMPLETE_START)."));
}

// The options both commands share, checked once: nullopt after printing the one sentence.
struct Common
{
    QString format;
    QTimeZone zone;
    bool includeUnknownEntry = false;
};

std::optional<Common> readCommon(const QCommandLineParser& parser, Context& context)
{
    Common common;
    const std::optional<QString> format = readFormat(parser, context);
    if (!format)
        return std::nullopt;
    common.format = *format;
    const QString zoneId = parser.value(QStringLiteral("tz")).trimmed();
    common.zone = zoneId == QLatin1String("UTC") ? QTimeZone::utc() : QTimeZone(zoneId.toUtf8());
    if (!common.zone.isValid()) {
        context.error(QStringLiteral("--tz '%1' is not a time zone this system knows (use an "
                                     "IANA id such as Europe/Berlin, or UTC).")
                          .arg(zoneId));
        return std::nullopt;
    }
    common.includeUnknownEntry = parser.isSet(QStringLiteral("include-unknown-entry"));
    return common;
}

QJsonValue decimalJson(const std::optional<Decimal>& value)
{
    return value ? QJsonValue(value->toString()) : QJsonValue(QJsonValue::Null);
}

QString decimalText(const std::optional<Decimal>& value)
{
    return value ? value->toString() : QStringLiteral("-");
}

QJsonObject figuresJson(const ReportFigures& f)
{
    return QJsonObject{{QStringLiteral("trades"), f.trades},
                       {QStringLiteral("wins"), f.wins},
                       {QStringLiteral("losses"), f.losses},
                       {QStringLiteral("winRatePercent"), decimalJson(f.winRatePercent())},
                       {QStringLiteral("netPnl"), f.netPnl.toString()},
                       {QStringLiteral("grossProfit"), f.grossProfit.toString()},
                       {QStringLiteral("grossLoss"), f.grossLoss.toString()},
                       {QStringLiteral("profitFactor"), decimalJson(f.profitFactor())},
                       {QStringLiteral("expectancy"), decimalJson(f.expectancy())},
                       {QStringLiteral("averageWin"), decimalJson(f.averageWin())},
                       {QStringLiteral("averageLoss"), decimalJson(f.averageLoss())},
                       {QStringLiteral("largestWin"), decimalJson(f.largestWin)},
                       {QStringLiteral("largestLoss"), decimalJson(f.largestLoss)},
                       {QStringLiteral("longestWinStreak"), f.longestWinStreak},
                       {QStringLiteral("longestLossStreak"), f.longestLossStreak},
                       {QStringLiteral("fees"), f.fees.toString()},
                       {QStringLiteral("funding"), f.funding.toString()},
                       // R multiples (docs/design.md D104): over the trades that have one.
                       {QStringLiteral("averageR"), decimalJson(f.averageR())},
                       {QStringLiteral("rTrades"), f.rTrades}};
}

const QStringList& csvFigureColumns()
{
    static const QStringList columns{QStringLiteral("trades"),
                                     QStringLiteral("wins"),
                                     QStringLiteral("losses"),
                                     QStringLiteral("win_rate_percent"),
                                     QStringLiteral("net_pnl"),
                                     QStringLiteral("gross_profit"),
                                     QStringLiteral("gross_loss"),
                                     QStringLiteral("profit_factor"),
                                     QStringLiteral("expectancy"),
                                     QStringLiteral("average_win"),
                                     QStringLiteral("average_loss"),
                                     QStringLiteral("largest_win"),
                                     QStringLiteral("largest_loss"),
                                     QStringLiteral("longest_win_streak"),
                                     QStringLiteral("longest_loss_streak"),
                                     QStringLiteral("fees"),
                                     QStringLiteral("funding"),
                                     QStringLiteral("average_r"),
                                     QStringLiteral("r_trades")};
    return columns;
}

QStringList csvFigures(const ReportFigures& f)
{
    const auto opt = [](const std::optional<Decimal>& v) { return v ? v->toString() : QString(); };
    return {QString::number(f.trades),
            QString::number(f.wins),
            QString::number(f.losses),
            opt(f.winRatePercent()),
            f.netPnl.toString(),
            f.grossProfit.toString(),
            f.grossLoss.toString(),
            opt(f.profitFactor()),
            opt(f.expectancy()),
            opt(f.averageWin()),
            opt(f.averageLoss()),
            opt(f.largestWin),
            opt(f.largestLoss),
            QString::number(f.longestWinStreak),
            QString::number(f.longestLossStreak),
            f.fees.toString(),
            f.funding.toString(),
            opt(f.averageR()),
            QString::number(f.rTrades)};
}

QString csvCell(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QStringLiteral("\""), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

QString csvLine(const QStringList& cells)
{
    QStringList quoted;
    for (const QString& cell : cells)
        quoted << csvCell(cell);
    return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

void addFigureColumns(TextTable& table, const QString& asset)
{
    using Align = TextTable::Align;
    table.addColumn(QStringLiteral("TRADES"), Align::Right);
    table.addColumn(QStringLiteral("WIN %"), Align::Right);
    table.addColumn(QStringLiteral("NET ") + asset, Align::Right);
    table.addColumn(QStringLiteral("PF"), Align::Right);
    table.addColumn(QStringLiteral("EXPECTANCY ") + asset, Align::Right);
    table.addColumn(QStringLiteral("AVG WIN ") + asset, Align::Right);
    table.addColumn(QStringLiteral("AVG LOSS ") + asset, Align::Right);
    table.addColumn(QStringLiteral("FEES ") + asset, Align::Right);
    table.addColumn(QStringLiteral("FUNDING ") + asset, Align::Right);
    table.addColumn(QStringLiteral("AVG R"), Align::Right);
}

QStringList figureCells(const ReportFigures& f)
{
    const auto rounded = [](const std::optional<Decimal>& v) {
        return v ? v->roundHalfEven(4).toString() : QStringLiteral("-");
    };
    return {QString::number(f.trades), decimalText(f.winRatePercent()),
            f.netPnl.toString(),       decimalText(f.profitFactor()),
            rounded(f.expectancy()),   rounded(f.averageWin()),
            rounded(f.averageLoss()),  f.fees.toString(),
            f.funding.toString(),      decimalText(f.averageR())};
}

// --from/--to as the first and last millisecond of days in `zone`; false after the sentence.
bool readRange(const QCommandLineParser& parser, Context& context, const QTimeZone& zone,
               TradeQuery& query)
{
    if (!readDayOptions(parser, context, zone, query.openFromMs, query.openToMs))
        return false;
    if (query.openFromMs && query.openToMs && *query.openFromMs > *query.openToMs) {
        context.error(
            QStringLiteral("--from %1 is after --to %2.")
                .arg(parser.value(QStringLiteral("from")), parser.value(QStringLiteral("to"))));
        return false;
    }
    return true;
}

void printReport(const TradeReport& report, const Common& common, QTextStream& out)
{
    if (common.format == QLatin1String("json")) {
        QJsonArray assets;
        for (const AssetReport& asset : report.assets) {
            QJsonArray rows;
            for (const ReportRow& row : asset.rows) {
                QJsonObject object = figuresJson(row.figures);
                object.insert(QStringLiteral("group"), row.label);
                rows.append(object);
            }
            assets.append(QJsonObject{{QStringLiteral("asset"), asset.asset},
                                      {QStringLiteral("total"), figuresJson(asset.total)},
                                      {QStringLiteral("rows"), rows}});
        }
        const QJsonObject root{
            {QStringLiteral("by"), reportByName(report.by)},
            {QStringLiteral("timeZone"), QString::fromUtf8(common.zone.id())},
            {QStringLiteral("unknownEntryTrades"), report.unknownEntryTrades},
            {QStringLiteral("unknownEntryIncluded"), report.unknownEntryIncluded},
            {QStringLiteral("assets"), assets}};
        out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return;
    }
    if (common.format == QLatin1String("csv")) {
        out << csvLine(
            QStringList{QStringLiteral("asset"), QStringLiteral("row"), QStringLiteral("group")} +
            csvFigureColumns());
        for (const AssetReport& asset : report.assets) {
            for (const ReportRow& row : asset.rows)
                out << csvLine(QStringList{asset.asset, QStringLiteral("group"), row.label} +
                               csvFigures(row.figures));
            out << csvLine(QStringList{asset.asset, QStringLiteral("total"), QString()} +
                           csvFigures(asset.total));
        }
        return;
    }
    if (report.assets.isEmpty()) {
        out << "No closed trades match.\n";
    }
    for (const AssetReport& asset : report.assets) {
        out << "Margin asset " << asset.asset << " \u2014 by " << reportByTitle(report.by).toLower()
            << '\n';
        TextTable table;
        table.addColumn(reportByTitle(report.by).toUpper());
        addFigureColumns(table, asset.asset);
        for (const ReportRow& row : asset.rows)
            table.addRow(QStringList{row.label} + figureCells(row.figures));
        table.addRow(QStringList{QStringLiteral("TOTAL")} + figureCells(asset.total));
        table.print(out);
        const ReportFigures& t = asset.total;
        out << "Largest win " << decimalText(t.largestWin) << ' ' << asset.asset
            << ", largest loss " << decimalText(t.largestLoss) << ' ' << asset.asset
            << "; longest streaks: " << t.longestWinStreak << " wins, " << t.longestLossStreak
            << " losses.\n\n";
    }
    if (report.unknownEntryTrades > 0)
        out << report.unknownEntryTrades
            << (report.unknownEntryIncluded
                    ? " trades with an unknown entry are included.\n"
                    : " trades with an unknown entry are left out (--include-unknown-entry).\n");
}

} // namespace

QList<QCommandLineOption> reportOptions()
{
    return {QCommandLineOption(
                QStringList{QStringLiteral("by")},
                QStringLiteral("Group closed trades by symbol, side, setup, tag, mistake, weekday "
                               "or hour (of the open time) or duration (holding time)."),
                QStringLiteral("symbol|side|setup|tag|mistake|weekday|hour|duration"),
                QStringLiteral("symbol")),
            QCommandLineOption(QStringLiteral("from"),
                               QStringLiteral("Trades opened on or after this day (in --tz)."),
                               QStringLiteral("YYYY-MM-DD")),
            QCommandLineOption(QStringLiteral("to"),
                               QStringLiteral("Trades opened on or before this day (in --tz)."),
                               QStringLiteral("YYYY-MM-DD")),
            symbolsOption(),
            savedFilterOption(),
            formatOption(),
            zoneOption(),
            unknownEntryOption()};
}

int runReport(const QCommandLineParser& parser, Context& context)
{
    const QString byText = parser.value(QStringLiteral("by")).trimmed().toLower();
    const std::optional<ReportBy> by = reportByFromName(byText);
    if (!by) {
        context.error(QStringLiteral("--by must be symbol, side, setup, tag, mistake, weekday, "
                                     "hour or duration, not '%1'.")
                          .arg(parser.value(QStringLiteral("by"))));
        return sync::exit_code::Usage;
    }
    const std::optional<Common> common = readCommon(parser, context);
    if (!common)
        return sync::exit_code::Usage;
    TradeQuery range;
    if (!readRange(parser, context, common->zone, range))
        return sync::exit_code::Usage;
    const std::unique_ptr<Database> db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    TradeQuery query;
    try {
        if (!readTradeSelection(parser, context, *db, query))
            return sync::exit_code::Usage;
    } catch (const JournalError& error) {
        return context.journalError(error);
    }
    // --from/--to replace the saved filter's range.
    if (parser.isSet(QStringLiteral("from")))
        query.openFromMs = range.openFromMs;
    if (parser.isSet(QStringLiteral("to")))
        query.openToMs = range.openToMs;
    try {
        printReport(loadTradeReport(*db, query, *by, common->zone, common->includeUnknownEntry),
                    *common, context.out);
    } catch (const JournalError& error) {
        return context.journalError(error);
    }
    return sync::exit_code::Ok;
}

QList<QCommandLineOption> calendarOptions()
{
    return {QCommandLineOption(QStringList{QStringLiteral("month")},
                               QStringLiteral("The month to show (default: this month in --tz)."),
                               QStringLiteral("YYYY-MM")),
            symbolsOption(),
            savedFilterOption(),
            formatOption(),
            zoneOption(),
            unknownEntryOption()};
}

int runCalendar(const QCommandLineParser& parser, Context& context)
{
    const std::optional<Common> common = readCommon(parser, context);
    if (!common)
        return sync::exit_code::Usage;
    QDate month = QDateTime::currentDateTimeUtc().toTimeZone(common->zone).date();
    month = QDate(month.year(), month.month(), 1);
    if (parser.isSet(QStringLiteral("month"))) {
        const QString text = parser.value(QStringLiteral("month")).trimmed();
        month = QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate);
        if (text.size() != 7 || !month.isValid()) {
            context.error(QStringLiteral("--month '%1' is not a month as YYYY-MM.").arg(text));
            return sync::exit_code::Usage;
        }
    }
    const std::unique_ptr<Database> db = openJournalForReading(context);
    if (!db)
        return context.openFailure;
    MonthCalendar calendar;
    QMap<QDate, QString> notes;
    try {
        // --filter, --account (absent: every account) and --symbol A,B, as the desktop's
        // calendar follows the Trades tab's filters.
        TradeQuery query;
        if (!readTradeSelection(parser, context, *db, query))
            return sync::exit_code::Usage;
        calendar = loadMonthCalendar(*db, query, month, common->zone, common->includeUnknownEntry);
        notes = loadDayNotes(*db, month, month.addMonths(1).addDays(-1));
    } catch (const JournalError& error) {
        return context.journalError(error);
    }
    const QString monthText = month.toString(QStringLiteral("yyyy-MM"));
    QTextStream& out = context.out;
    if (common->format == QLatin1String("json")) {
        QJsonArray assets;
        for (const AssetCalendar& asset : calendar.assets) {
            QJsonArray days;
            for (const CalendarDay& day : asset.days) {
                QJsonObject object = figuresJson(day.figures);
                object.insert(QStringLiteral("date"), day.date.toString(Qt::ISODate));
                days.append(object);
            }
            QJsonArray weeks;
            for (const CalendarWeek& week : asset.weeks) {
                QJsonObject object = figuresJson(week.figures);
                object.insert(QStringLiteral("monday"), week.monday.toString(Qt::ISODate));
                weeks.append(object);
            }
            assets.append(QJsonObject{{QStringLiteral("asset"), asset.asset},
                                      {QStringLiteral("days"), days},
                                      {QStringLiteral("weeks"), weeks},
                                      {QStringLiteral("month"), figuresJson(asset.month)}});
        }
        QJsonObject noteObject;
        for (auto it = notes.cbegin(); it != notes.cend(); ++it)
            noteObject.insert(it.key().toString(Qt::ISODate), it.value());
        const QJsonObject root{{QStringLiteral("month"), monthText},
                               {QStringLiteral("timeZone"), QString::fromUtf8(common->zone.id())},
                               {QStringLiteral("unknownEntryTrades"), calendar.unknownEntryTrades},
                               {QStringLiteral("assets"), assets},
                               {QStringLiteral("notes"), noteObject}};
        out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return sync::exit_code::Ok;
    }
    if (common->format == QLatin1String("csv")) {
        out << csvLine(
            QStringList{QStringLiteral("asset"), QStringLiteral("row"), QStringLiteral("date")} +
            csvFigureColumns() + QStringList{QStringLiteral("note")});
        for (const AssetCalendar& asset : calendar.assets) {
            for (const CalendarDay& day : asset.days)
                out << csvLine(QStringList{asset.asset, QStringLiteral("day"),
                                           day.date.toString(Qt::ISODate)} +
                               csvFigures(day.figures) + QStringList{notes.value(day.date)});
            for (const CalendarWeek& week : asset.weeks)
                out << csvLine(QStringList{asset.asset, QStringLiteral("week"),
                                           week.monday.toString(Qt::ISODate)} +
                               csvFigures(week.figures) + QStringList{QString()});
            out << csvLine(QStringList{asset.asset, QStringLiteral("month"), monthText} +
                           csvFigures(asset.month) + QStringList{QString()});
        }
        return sync::exit_code::Ok;
    }
    if (calendar.assets.isEmpty())
        out << "No trades closed in " << monthText << " (" << QString::fromUtf8(common->zone.id())
            << ").\n";
    for (const AssetCalendar& asset : calendar.assets) {
        out << "Margin asset " << asset.asset << " \u2014 " << monthText << " ("
            << QString::fromUtf8(common->zone.id()) << ")\n";
        TextTable table;
        table.addColumn(QStringLiteral("DAY"));
        addFigureColumns(table, asset.asset);
        table.addColumn(QStringLiteral("NOTE"));
        qsizetype week = 0;
        for (qsizetype i = 0; i < asset.days.size(); ++i) {
            const CalendarDay& day = asset.days.at(i);
            table.addRow(QStringList{day.date.toString(QStringLiteral("yyyy-MM-dd ddd"))} +
                         figureCells(day.figures) +
                         QStringList{notes.value(day.date).section(QLatin1Char('\n'), 0, 0)});
            const bool lastOfWeek =
                i + 1 == asset.days.size() ||
                asset.days.at(i + 1).date.addDays(1 - asset.days.at(i + 1).date.dayOfWeek()) !=
                    day.date.addDays(1 - day.date.dayOfWeek());
            if (lastOfWeek && week < asset.weeks.size()) {
                const CalendarWeek& w = asset.weeks.at(week++);
                table.addRow(
                    QStringList{QStringLiteral("week of ") + w.monday.toString(Qt::ISODate)} +
                    figureCells(w.figures) + QStringList{QString()});
            }
        }
        table.addRow(QStringList{QStringLiteral("MONTH")} + figureCells(asset.month) +
                     QStringList{QString()});
        table.print(out);
        out << '\n';
    }
    return sync::exit_code::Ok;
}

} // namespace fb::cli
