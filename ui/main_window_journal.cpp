#include "ui/main_window.h"

#include "ui/ban_wait.h"
#include "ui/resume_banner.h"
#include "ui/runs_view.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include "sync/journal/database.h"

#include <QEvent>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

#include <functional>

// Opening the journal (issue 12, target 6b; docs/design.md D44): the window reads through a
// read-only connection at once, and writes only through the WriteGate. A journal at the
// current schema is checked on the gate's thread after the window shows; a new journal, or one
// that must be upgraded, opens its writer first (checked, then migrated) as before.

namespace fb::ui {

void MainWindow::openJournal()
{
    const journal::OpenOptions reader{journal::OpenMode::ReadOnly, QStringLiteral("ui-view"),
                                      false};
    try {
        m_readDb = std::make_unique<journal::Database>(m_context.journalPath, reader);
    } catch (const journal::JournalError&) {
        // No journal yet, an older schema, not readable as a journal: the writer says what
        // it is, or creates and migrates it (and checks an existing one before that), as
        // before. Its error is the one the window reports.
        m_readDb.reset();
    }
    if (m_readDb) {
        m_writes = new WriteGate(m_context.journalPath, m_context.journalCheck, this);
    } else {
        auto writer = std::make_unique<journal::Database>(m_context.journalPath,
                                                          editingConnectionOptions(true));
        m_readDb = std::make_unique<journal::Database>(m_context.journalPath, reader);
        m_writes = new WriteGate(std::move(writer), this);
    }
    connect(m_writes, &WriteGate::opened, this, &MainWindow::onJournalChecked);
    connect(m_writes, &WriteGate::refused, this, [this](const QString& sentence) {
        delete m_checkLabel;
        m_checkLabel = nullptr;
        emit journalRefused(sentence);
    });
    if (!m_writes->isOpen()) {
        m_checkLabel = new QLabel(this);
        m_checkLabel->setObjectName(QStringLiteral("journalCheck"));
        m_checkLabel->setText(tr("Checking the journal…"));
        statusBar()->addPermanentWidget(m_checkLabel);
    }
}

namespace {

// Runs `then` once, after the first paint of `viewport` has finished (a zero-delay timer queued
// from the Paint event runs after the window's repaint), or when the event loop first turns
// while the window is hidden (tests, a window never shown).
class AfterFirstPaint : public QObject
{
public:
    AfterFirstPaint(QWidget* window, QWidget* viewport, std::function<void()> then)
        : QObject(window)
        , m_then(std::move(then))
    {
        viewport->installEventFilter(this);
        QTimer::singleShot(0, this, [this, window] {
            if (!window->isVisible())
                fire();
        });
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_queued) {
            m_queued = true;
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, &AfterFirstPaint::fire);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void fire()
    {
        if (!m_then)
            return;
        const std::function<void()> then = std::move(m_then);
        m_then = nullptr;
        then();
        deleteLater();
    }

    std::function<void()> m_then;
    bool m_queued = false;
};

} // namespace

void MainWindow::startAfterFirstPaint()
{
    new AfterFirstPaint(this, m_trades->table()->viewport(), [this] {
        m_trades->releaseSummary();
        if (m_writes->isOpen())
            startCandles();
        else
            m_writes->start(); // onJournalChecked() starts the candles
    });
}

void MainWindow::onJournalChecked()
{
    delete m_checkLabel;
    m_checkLabel = nullptr;
    // What was held until now: the stale-run recovery (with the banner and the status it
    // changes), and the resume of a run that it made resumable.
    refreshBanner();
    refreshStatus();
    m_runs->reload();
    if (!m_autoResumeTried && m_context.settings.autoResume && !m_banner->runId().isEmpty() &&
        !m_banWait->isWaiting() && !isSyncing()) {
        m_autoResumeTried = true;
        resumeRun(m_banner->runId());
    }
    // Not before: the candle fetch writes through a connection of its own, which checks the
    // journal too (the two checks would share the cores with the first paint).
    startCandles();
}

} // namespace fb::ui
