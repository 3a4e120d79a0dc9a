#include "ui/open_positions_view.h"

#include "ui/app_context.h"
#include "ui/models/money_format.h"
#include "ui/retranslate.h"

#include "sync/journal/database.h"
#include "sync/journal/journal_error.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace fb::ui {

OpenPositionsView::OpenPositionsView(journal::Database& readDb, QWidget* parent)
    : QWidget(parent)
    , m_readDb(readDb)
{
    setObjectName(QStringLiteral("openPositions"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    m_title = new QLabel(this);
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_table = new QTableWidget(0, 6, this);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Compact: the charts above keep their height (three rows show, the rest scroll).
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_total = new QLabel(this);
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    layout->addWidget(m_caption);
    layout->addWidget(m_table);
    layout->addWidget(m_total);
    retranslateOnLanguageChange(this, [this] {
        m_title->setText(tr("<b>Open positions</b>"));
        m_table->setHorizontalHeaderLabels({tr("Symbol"), tr("Side"), tr("Size"), tr("Entry price"),
                                            tr("Mark price"), tr("Unrealized PnL")});
        redraw();
    });
}

QString OpenPositionsView::captionText() const
{
    return m_caption->text();
}

QString OpenPositionsView::totalText() const
{
    return m_total->text();
}

void OpenPositionsView::reload(const QString& account, const QTimeZone& zone)
{
    m_zone = zone;
    try {
        m_open = journal::loadOpenPositions(m_readDb, account);
        m_loaded = true;
    } catch (const journal::JournalError& e) {
        qCWarning(lcUi) << "could not read the open positions:" << e.what();
        m_open = {};
    }
    redraw();
}

void OpenPositionsView::redraw()
{
    m_table->setRowCount(0);
    const QString asOf = m_open.asOfMs
                             ? dateTimeText(QDateTime::fromMSecsSinceEpoch(*m_open.asOfMs, m_zone))
                             : QString();
    if (!m_open.asOfMs)
        m_caption->setText(tr("No positions yet: they come with the first sync."));
    else if (m_open.positions.isEmpty())
        m_caption->setText(tr("No open positions as of the last sync, %1.").arg(asOf));
    else
        m_caption->setText(tr("As of the last sync, %1: unrealized PnL at the mark price then. "
                              "Not part of the closed trades' figures above.")
                               .arg(asOf));
    m_table->setVisible(!m_open.positions.isEmpty());
    m_total->setVisible(!m_open.positions.isEmpty());
    for (const Position& p : std::as_const(m_open.positions)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const bool shortSide = p.positionSide == PositionSide::Short ||
                               (p.positionSide == PositionSide::Both && p.positionAmt.isNegative());
        const QStringList cells{p.symbol,
                                shortSide ? tr("Short") : tr("Long"),
                                localizedDecimal(p.positionAmt.abs().toString()),
                                localizedDecimal(p.entryPrice.toString()),
                                localizedDecimal(p.markPrice.toString()),
                                exactText(p.unRealizedProfit.toString(), p.marginAsset)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (c >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 5 && !p.unRealizedProfit.isZero())
                item->setForeground(p.unRealizedProfit.isNegative() ? QColor(0xc6, 0x28, 0x28)
                                                                    : QColor(0x2e, 0x7d, 0x32));
            m_table->setItem(row, c, item);
        }
    }
    // The header and up to three rows (the charts above keep the height); the rest scroll.
    const int rows = int(m_open.positions.size());
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            std::min(rows, 3) * m_table->verticalHeader()->defaultSectionSize() +
                            2 * m_table->frameWidth());
    QStringList totals;
    const QMap<QString, Decimal> sums = m_open.unrealizedByAsset();
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        totals << exactText(it.value().toString(), it.key());
    m_total->setText(tr("Unrealized PnL: %1").arg(totals.join(QStringLiteral(" · "))));
}

} // namespace fb::ui
