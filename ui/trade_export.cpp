#include "ui/trade_export.h"

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_store.h"

#include <QDateTime>
#include <QSaveFile>

namespace fb::ui {

namespace {

// "2026-09-21T14:05:00.000+02:00": ISO-8601 with the zone's offset, so the text says which
// zone it is in; the epoch columns (openTime, closeTime) stay as they are.
QString isoTime(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(Qt::ISODateWithMs);
}

} // namespace

QStringList journalExportColumns()
{
    return {QStringLiteral("notes"),         QStringLiteral("tags"),
            QStringLiteral("setup"),         QStringLiteral("rating"),
            QStringLiteral("mistakes"),      QStringLiteral("openTimeLocal"),
            QStringLiteral("closeTimeLocal")};
}

int exportTradesCsv(journal::Database& db, const TradeQuery& filter, const QTimeZone& zone,
                    const QString& path, QString* error)
{
    // Walk the filtered keys page by page, then export the exact journal trades.
    QVector<JournalTrade> trades;
    QVector<journal::Annotation> annotations;
    try {
        journal::TradeStore store(db);
        journal::AnnotationStore notes(db);
        std::optional<TradeCursor> cursor;
        TradeQuery q = filter;
        q.sort = TradeSort{journal::TradeSortColumn::OpenTime, false};
        for (;;) {
            const QVector<TradeRow> page = loadTradePage(db, q, cursor, 1000);
            for (const TradeRow& row : page) {
                if (auto trade = store.trade(row.key)) {
                    trades << *trade;
                    annotations << notes.annotation(row.key).value_or(journal::Annotation{});
                }
            }
            if (page.size() < 1000)
                break;
            cursor = page.last();
        }
    } catch (const journal::JournalError& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return -1;
    }
    const QStringList assets = exportCommissionAssets(trades);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    file.write(exportCsvLine(exportCsvHeader(assets) + journalExportColumns()).toUtf8());
    for (qsizetype i = 0; i < trades.size(); ++i) {
        const JournalTrade& trade = trades.at(i);
        const journal::Annotation& a = annotations.at(i);
        QStringList fields = exportCsvRow(trade, assets);
        // Lists are joined with "|" like flags; an unrated trade has an empty rating.
        const QStringList added{a.notes,
                                a.tags.join(QLatin1Char('|')),
                                a.setup,
                                a.rating ? QString::number(*a.rating) : QString(),
                                a.mistakes.join(QLatin1Char('|')),
                                isoTime(trade.openTime, zone),
                                trade.closeTime ? isoTime(*trade.closeTime, zone) : QString()};
        for (const QString& field : added)
            fields << csvField(field);
        file.write(exportCsvLine(fields).toUtf8());
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    return int(trades.size());
}

} // namespace fb::ui
