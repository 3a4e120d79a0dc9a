// The main window's candle fetch (docs/design.md D114, D132): started at start-up
// (it does nothing when no candle is missing) and after every sync that ended without a ban,
// stopped before its next request when a sync starts, continued after it. The status bar says
// how far it got ("Charts: 120 of 800 trades"); the detail pane's chart follows it. Each
// account's trades get their candles from that account's endpoint (D148).

#include "ui/candle_worker.h"
#include "ui/main_window.h"

#include "ui/ban_wait.h"
#include "ui/models/money_format.h"
#include "ui/retranslate.h"
#include "ui/trade_chart.h"
#include "ui/trade_detail.h"
#include "ui/trades_view.h"

#include "sync/engine/sync_worker.h"

#include <QLabel>
#include <QStatusBar>

#include <algorithm>

namespace fb::ui {

namespace {
// Of the exchange's weight limit, per window (D114): the sync keeps the rest.
constexpr int kCandleSharePercent = 25;
} // namespace

void MainWindow::buildCandles()
{
    m_candles = new CandleWorker(m_context.journalPath);
    m_candleLabel = new QLabel(this);
    m_candleLabel->setObjectName(QStringLiteral("candleLabel"));
    m_candleLabel->hide();
    statusBar()->addWidget(m_candleLabel);
    m_trades->detail()->chart()->setCandleWorker(m_candles);
    connect(m_candles, &CandleWorker::progressChanged, this, &MainWindow::showCandleProgress);
    connect(m_worker, &sync::SyncWorker::runStarted, m_candles, &CandleWorker::syncStarted);
    connect(m_worker, &sync::SyncWorker::finished, this, [this](const sync::RunSummary& summary) {
        m_candles->syncEnded();
        // A ban holds every request of this IP until it ends: the candles wait for the next sync.
        if (summary.resumeAfterMs == 0)
            m_candles->start(candleSources(), kCandleSharePercent,
                             m_context.settings.candleCacheMinutes);
    });
    retranslateOnLanguageChange(m_candleLabel,
                                [this] { showCandleProgress(m_candles->progress()); });
    // Started by startAfterFirstPaint() (main_window_journal.cpp), once the journal's check
    // has passed: a sync resumed at start-up takes the journal's lock first, and the fetch
    // then waits for it.
}

void MainWindow::startCandles()
{
    // A ban holds every request of this IP: the run resumed when it ends starts them after.
    if (!isSyncing() && !m_banWait->isWaiting())
        m_candles->start(candleSources(), kCandleSharePercent,
                         m_context.settings.candleCacheMinutes);
}

QVector<CandleSource> MainWindow::candleSources() const
{
    // The selected account's client as the sync has it (the demo's exchange, FILLBOOK_BASE_URL);
    // it also serves the accounts no longer in Settings, as a sync of them would.
    QVector<CandleSource> sources{CandleSource{
        m_context.engine.client, {m_context.account()}, true, m_context.engine.baseUrlLabel}};
    if (m_context.demo)
        return sources;
    for (const AccountSettings& account : m_context.settings.accountList()) {
        if (account.name == m_context.account())
            continue;
        sync::EngineConfig config = m_context.engine;
        m_context.settings.forAccount(account).applyTo(config, false);
        const auto same = std::find_if(sources.begin(), sources.end(), [&](const CandleSource& s) {
            return s.client.baseUrl == config.client.baseUrl;
        });
        if (same != sources.end())
            same->accounts << account.name;
        else
            sources << CandleSource{config.client, {account.name}, false, config.baseUrlLabel};
    }
    return sources;
}

void MainWindow::showCandleProgress(const CandleProgress& progress)
{
    QString text;
    switch (progress.state) {
    case CandleProgress::State::Fetching:
        text = tr("Charts: %1 of %2 trades")
                   .arg(countText(progress.tradesDone), countText(progress.tradesTotal));
        break;
    case CandleProgress::State::Yielded:
        text = tr("Charts: %1 of %2 trades (paused for the sync)")
                   .arg(countText(progress.tradesDone), countText(progress.tradesTotal));
        break;
    case CandleProgress::State::Failed:
        text = tr("Charts: candles could not be fetched (%1); tried again after the next sync.")
                   .arg(progress.error);
        break;
    case CandleProgress::State::Idle:
    case CandleProgress::State::Done:
        break;
    }
    m_candleLabel->setText(text.isEmpty() ? QString() : QStringLiteral("· ") + text);
    m_candleLabel->setVisible(!text.isEmpty());
}

} // namespace fb::ui
