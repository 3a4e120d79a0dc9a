#include "ui/trade_detail.h"

#include "ui/app_context.h"
#include "ui/attachment_strip.h"
#include "ui/models/fee_valuation_text.h"
#include "ui/retranslate.h"
#include "ui/trade_chart.h"
#include "ui/write_gate.h"

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/trade_queries.h"
#include "sync/journal/trade_store.h"
#include "ui/models/money_format.h"
#include "ui/models/trade_table_model.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

namespace {
constexpr int kSavePauseMs = 400;

QStringList splitList(const QString& text)
{
    QStringList items;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !items.contains(item))
            items << item;
    }
    return items;
}
// Header and rows of the fills table, and the rows it shows at least (docs/desktop.md).
constexpr int kMinVisibleFills = 6;
} // namespace

TradeDetail::TradeDetail(journal::Database& readDb, WriteGate& writes, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
    , m_writes(writes)
{
    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_fills = new QTableWidget(0, 6, this);
    m_fills->verticalHeader()->hide();
    m_fills->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The pane is narrow: the columns share its width and a long value wraps onto a second line
    // instead of pushing the table sideways (a horizontal scrollbar hid the fees at 1440 px).
    // Compact cells (minutes, the asset in the header when all fills share it) sized to their
    // content, the last column taking what is left.
    m_fills->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_fills->horizontalHeader()->setStretchLastSection(true);
    m_fills->horizontalHeader()->setMinimumSectionSize(30);
    m_fills->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_fills->setWordWrap(false);
    m_fills->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_fills->setMinimumHeight(m_fills->horizontalHeader()->sizeHint().height() +
                              kMinVisibleFills * (fontMetrics().height() + 8) + 4);
    m_funding = new QLabel(this);
    m_funding->setWordWrap(true);
    m_valuation = new QLabel(this);
    m_valuation->setWordWrap(true);
    m_valuation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_valuation->hide();
    m_risk = new QLabel(this);
    m_risk->setWordWrap(true);
    m_risk->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chart = new TradeChart(readDb, this);

    auto* form = new QFormLayout;
    m_notes = new QPlainTextEdit(this);
    // The Notes tab's free height (docs/design.md D135), at least four lines.
    m_notes->setMinimumHeight(fontMetrics().lineSpacing() * 4 + 12);
    m_tags = new QLineEdit(this);
    m_setup = new QLineEdit(this);
    m_rating = new QSpinBox(this);
    m_rating->setRange(0, 5);
    m_mistakes = new QLineEdit(this);
    m_riskOverride = new QLineEdit(this);
    QVector<QLabel*> formLabels;
    for (QWidget* field : std::initializer_list<QWidget*>{m_notes, m_tags, m_setup, m_rating,
                                                          m_mistakes, m_riskOverride}) {
        formLabels << new QLabel(this);
        form->addRow(formLabels.last(), field);
    }

    layout->addWidget(m_header);
    layout->addWidget(m_valuation);
    layout->addWidget(m_risk);
    layout->addWidget(m_fills, 1);
    layout->addWidget(m_funding);
    // The chart, the notes and the screenshots share one place, a tab each (D135):
    // stacked, they left the notes field one line high at 1440x900.
    m_sections = new QTabWidget(this);
    m_sections->setObjectName(QStringLiteral("detailSections"));
    auto* chartPage = new QWidget(m_sections);
    auto* chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(4, 4, 4, 4);
    m_noChart = new QLabel(chartPage);
    m_noChart->setWordWrap(true);
    chartLayout->addWidget(m_chart);
    chartLayout->addWidget(m_noChart);
    chartLayout->addStretch(1);
    auto* notesPage = new QWidget(m_sections);
    notesPage->setLayout(form);
    m_attachments = new AttachmentStrip(readDb, writes, m_sections);
    m_sections->addTab(chartPage, QString());
    m_sections->addTab(notesPage, QString());
    m_sections->addTab(m_attachments, QString());
    layout->addWidget(m_sections);

    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSavePauseMs);
    connect(m_saveTimer, &QTimer::timeout, this, &TradeDetail::saveNow);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &TradeDetail::scheduleSave);
    for (QLineEdit* edit : {m_tags, m_setup, m_mistakes, m_riskOverride}) {
        connect(edit, &QLineEdit::textEdited, this, &TradeDetail::scheduleSave);
        connect(edit, &QLineEdit::editingFinished, this, &TradeDetail::saveNow);
    }
    connect(m_rating, &QSpinBox::valueChanged, this, &TradeDetail::scheduleSave);
    setEnabled(false);
    retranslateOnLanguageChange(this, [this, formLabels] {
        m_notes->setPlaceholderText(
            tr("What did you see, why did you enter, what would you change?"));
        m_tags->setPlaceholderText(tr("breakout, news"));
        m_rating->setSpecialValueText(tr("not rated"));
        m_mistakes->setPlaceholderText(tr("moved stop, oversized"));
        m_riskOverride->setPlaceholderText(tr("from the stop"));
        m_riskOverride->setToolTip(tr("Your own initial risk for this trade, in its margin "
                                      "asset. Leave empty to use the first protective stop."));
        const QString labels[] = {tr("Notes"),  tr("Tags"),     tr("Setup"),
                                  tr("Rating"), tr("Mistakes"), tr("Risk")};
        for (int row = 0; row < 6; ++row)
            formLabels.at(row)->setText(labels[row]);
        m_sections->setTabText(0, tr("Chart"));
        m_sections->setTabText(1, tr("Notes"));
        m_sections->setTabText(2, tr("Screenshots"));
        m_noChart->setText(tr("The chart and MAE/MFE come when the trade is closed."));
        loadFills(); // the header, the fills and their dates in the new language
    });
}

QString TradeDetail::riskText() const
{
    return m_risk->text();
}

// "Initial risk 10 USDT (stop 95 at 12-01 10:00, algo order 5001) · R -2.1", or "no stop".
QString TradeDetail::riskLine(const JournalTrade& trade, const QTimeZone& zone)
{
    const std::optional<Decimal> r = trade.effectiveR();
    const QString rText = r ? tr(" · R <b>%1</b>").arg(localizedDecimal(r->toString())) : QString();
    if (trade.riskOverride) {
        QString line = tr("Initial risk %1 (yours)")
                           .arg(exactText(trade.riskOverride->toString(), trade.marginAsset));
        if (trade.initialRisk)
            line += tr("; the stop's: %1")
                        .arg(exactText(trade.initialRisk->risk.toString(), trade.marginAsset));
        return line + rText;
    }
    if (!trade.initialRisk)
        return tr("Initial risk: no stop (no protective stop was live while the position was "
                  "open; type your own risk below).");
    const InitialRisk& ir = *trade.initialRisk;
    const QString when = dateTimeText(QDateTime::fromMSecsSinceEpoch(ir.at, zone));
    const QString source = ir.source == StopOrder::Source::Algo ? tr("algo order %1").arg(ir.stopId)
                                                                : tr("order %1").arg(ir.stopId);
    QString line = tr("Initial risk %1: stop %2 from entry %3 on %4 at %5 (%6)")
                       .arg(exactText(ir.risk.toString(), trade.marginAsset),
                            localizedDecimal(ir.stopPrice.toString()),
                            localizedDecimal(ir.entryPrice.toString()),
                            localizedDecimal(ir.quantity.toString()), when, source);
    if (ir.stopCount > 1)
        line += tr(", with %1 more stops").arg(countText(ir.stopCount - 1));
    return line + rText;
}

void TradeDetail::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_chart->setTimeZone(zone);
}

void TradeDetail::showTrade(const QString& key)
{
    saveNow();
    m_key = key;
    setEnabled(!key.isEmpty());
    loadFills();
    loadAnnotation();
    m_attachments->showTrade(key);
}

void TradeDetail::loadFills()
{
    m_fills->setRowCount(0);
    m_funding->clear();
    m_valuation->clear();
    m_valuation->hide();
    m_risk->clear();
    m_chart->showTrade(std::nullopt, {});
    m_noChart->hide();
    if (m_key.isEmpty()) {
        m_header->setText(tr("Select a trade to see its fills and notes."));
        m_fills->setHorizontalHeaderLabels(
            {tr("Time"), tr("Side"), tr("Price"), tr("Qty"), tr("Fee"), tr("Realized")});
        return;
    }
    try {
        const std::optional<journal::TradeHeader> t = journal::loadTradeHeader(m_readDb, m_key);
        if (!t) {
            m_header->setText(tr("This trade is no longer in the journal."));
            return;
        }
        // The parts live in the trade's row (schema v4); the store parses them exactly.
        const std::optional<JournalTrade> full = journal::TradeStore(m_readDb).trade(m_key);
        const QVector<TradeFillPart> parts = full ? full->fills : QVector<TradeFillPart>();
        // Net PnL including fees paid in another asset, valued (docs/design.md §2.5); the
        // exact commission stays per asset. Exact values here (the table rounds them), one
        // fact per line so nothing is cut.
        const FeeValuation valuation = full ? full->effectiveValuation() : FeeValuation{};
        const QString margin = t->marginAsset;
        const QString net = full ? valuation.netPnlValued.toString() : t->netPnl;
        m_header->setText(
            tr("<b>%1 %2</b> · %3 · %4 fills<br>Net PnL <b>%5%6</b><br>Fees %7")
                .arg(t->symbol, t->direction, TradeTableModel::statusText(t->status),
                     countText(t->fillCount),
                     feeValuationMarker(valuation.valuedCount(), valuation.notValuedCount()),
                     exactText(net, margin), feesText(t->commissionJson, margin, true)));
        if (full && valuation.hasForeignFees()) {
            QStringList lines;
            if (valuation.valuedCount() > 0)
                lines << tr("Net PnL %1 %2 includes fees paid in other assets, valued in %2 "
                            "(without them: %3 %2).")
                             .arg(localizedDecimal(net), margin,
                                  localizedDecimal(full->netPnl.toString()));
            else
                lines << tr("Net PnL %1 %2 leaves out fees paid in other assets that could not "
                            "be valued.")
                             .arg(localizedDecimal(net), margin);
            lines += feeValuationLines(valuation.parts, margin, 6);
            m_valuation->setText(lines.join(QLatin1Char('\n')));
            m_valuation->show();
        }
        if (full)
            m_risk->setText(riskLine(*full, m_zone));
        // One fee asset for every fill (the usual case): it goes in the header, once.
        QString feeAsset = parts.isEmpty() ? margin : parts.first().commissionAsset;
        for (const TradeFillPart& part : parts)
            if (part.commissionAsset != feeAsset)
                feeAsset.clear();
        m_fills->setHorizontalHeaderLabels(
            {tr("Time"), tr("Side"), tr("Price"), tr("Qty"),
             feeAsset.isEmpty() ? tr("Fee") : tr("Fee (%1)").arg(feeAsset),
             tr("PnL (%1)").arg(margin)});
        for (const TradeFillPart& part : parts) {
            const int row = m_fills->rowCount();
            m_fills->insertRow(row);
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(part.time, m_zone);
            const QString fee = part.commission.toString();
            const QStringList cells{compactDateTimeText(time),
                                    sideName(part.side),
                                    exactText(part.price.toString(), QString()).trimmed(),
                                    exactText(part.qty.toString(), QString()).trimmed(),
                                    feeAsset.isEmpty() ? exactText(fee, part.commissionAsset)
                                                       : exactText(fee, QString()).trimmed(),
                                    exactText(part.realizedPnl.toString(), QString()).trimmed()};
            const QStringList tips{time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")),
                                   cells.at(1),
                                   cells.at(2),
                                   cells.at(3),
                                   exactText(fee, part.commissionAsset),
                                   exactText(part.realizedPnl.toString(), t->marginAsset)};
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells.at(c));
                if (c >= 2)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(tips.at(c));
                m_fills->setItem(row, c, item);
            }
        }
        fitFillColumns();
        QStringList funding;
        QVector<qint64> fundingTimes;
        for (const journal::TradeFundingRow& fu : journal::loadTradeFunding(m_readDb, m_key, 50)) {
            funding << compactDateTimeText(QDateTime::fromMSecsSinceEpoch(fu.time, m_zone)) +
                           QLatin1Char(' ') + exactText(fu.income, fu.asset);
            fundingTimes << fu.time;
        }
        m_chart->showTrade(full, fundingTimes);
        m_noChart->setVisible(m_chart->isHidden());
        m_funding->setText(funding.isEmpty() ? tr("No funding during this trade.")
                                             : tr("Funding: %1 (total %2)")
                                                   .arg(funding.join(QStringLiteral("; ")),
                                                        exactText(t->funding, t->marginAsset)));
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not load trade details:" << e.what();
    }
}

void TradeDetail::fitFillColumns()
{
    // Every column whole (the PnL last), whatever the language's headers: the pane asks the
    // splitter for the columns' width instead of cutting the last one. The sections are sized
    // to their contents with the last one not stretched, measured, then stretched again.
    QHeaderView* header = m_fills->horizontalHeader();
    header->setStretchLastSection(false);
    header->resizeSections(QHeaderView::ResizeToContents);
    const int need = header->length() + 2 * m_fills->frameWidth() +
                     (m_fills->verticalScrollBar()->isVisible()
                          ? m_fills->verticalScrollBar()->sizeHint().width()
                          : 0);
    header->setStretchLastSection(true);
    m_fills->setMinimumWidth(need);
    // The splitter honours the pane's own minimum (TradesView sets one), so that grows too:
    // never shrinks while the window is open, so selecting trades does not make it jump.
    const QMargins margins = layout() ? layout()->contentsMargins() : QMargins();
    const int pane = need + margins.left() + margins.right();
    if (minimumWidth() < pane)
        setMinimumWidth(pane);
}

void TradeDetail::loadAnnotation()
{
    m_loading = true;
    m_dirty = false;
    std::optional<journal::Annotation> annotation;
    if (!m_key.isEmpty()) {
        try {
            annotation = journal::AnnotationStore(m_readDb).annotation(m_key);
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not load the annotation:" << e.what();
        }
    }
    const journal::Annotation a = annotation.value_or(journal::Annotation{});
    m_notes->setPlainText(a.notes);
    m_tags->setText(a.tags.join(QStringLiteral(", ")));
    m_setup->setText(a.setup);
    m_rating->setValue(a.rating.value_or(0));
    m_mistakes->setText(a.mistakes.join(QStringLiteral(", ")));
    m_riskOverride->setText(a.riskOverride ? a.riskOverride->toString() : QString());
    m_loading = false;
}

void TradeDetail::scheduleSave()
{
    if (m_loading || m_key.isEmpty())
        return;
    m_dirty = true;
    m_saveTimer->start();
}

void TradeDetail::saveNow()
{
    m_saveTimer->stop();
    if (!m_dirty || m_key.isEmpty())
        return;
    m_dirty = false;
    // The fields as they are now: a held write (write_gate.h) runs after another trade may
    // have been selected.
    journal::Annotation edit;
    edit.tradeKey = m_key;
    edit.notes = m_notes->toPlainText();
    edit.tags = splitList(m_tags->text());
    edit.setup = m_setup->text().trimmed();
    edit.rating = m_rating->value() > 0 ? std::optional<int>(m_rating->value()) : std::nullopt;
    edit.mistakes = splitList(m_mistakes->text());
    // A risk that is not a positive amount is not saved (the field keeps the text, the risk
    // line says the stop's risk still counts).
    const QString riskInput = m_riskOverride->text().trimmed();
    const std::optional<Decimal> risk = Decimal::parse(riskInput);
    const bool keepRisk = !riskInput.isEmpty() && !(risk && risk->isPositive());
    if (risk && risk->isPositive())
        edit.riskOverride = risk->normalized();
    m_writes.write(this, [this, edit, keepRisk](journal::Database& db) {
        try {
            journal::AnnotationStore store(db);
            journal::Annotation a = store.annotation(edit.tradeKey).value_or(journal::Annotation{});
            a.tradeKey = edit.tradeKey;
            a.notes = edit.notes;
            a.tags = edit.tags;
            a.setup = edit.setup;
            a.rating = edit.rating;
            a.mistakes = edit.mistakes;
            if (!keepRisk)
                a.riskOverride = edit.riskOverride;
            store.save(a);
            emit annotationSaved(edit.tradeKey);
            if (edit.tradeKey == m_key)
                loadFills(); // the risk line follows the override
        } catch (const journal::JournalError& e) {
            qCWarning(lcUi) << "could not save the annotation:" << e.what();
        }
    });
}

} // namespace fb::ui
