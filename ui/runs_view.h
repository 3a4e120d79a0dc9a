#pragma once
// Runs tab: run history, the selected run's symbols (optionally failed only) and its
// reconciliation report, with Resume/Discard for an interrupted or paused run and Retry failed
// symbols for a run that completed with errors.

#include <QWidget>

#include <functional>

class QCheckBox;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class RunsView : public QWidget
{
    Q_OBJECT
public:
    explicit RunsView(journal::Database& readDb, QWidget* parent = nullptr);

    void reload();
    // Reloads and selects this run (a sync just ended: its run is the one to look at).
    void selectRun(const QString& runId);
    QString currentRunId() const { return selectedRunId(); }
    // Runs before every reload; the window applies the stale-run rule there, on its writer.
    void setBeforeReload(std::function<void()> hook) { m_beforeReload = std::move(hook); }
    QTableWidget* runsTable() const { return m_runs; }
    QTableWidget* symbolsTable() const { return m_symbols; }
    QListWidget* reconciliationList() const { return m_reconciliation; }
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* retryButton() const { return m_retry; }

signals:
    void resumeRequested(const QString& runId);
    void discardRequested(const QString& runId);

private:
    QString selectedRunId() const;
    void showRun();

    journal::Database& m_readDb;
    QTableWidget* m_runs = nullptr;
    QTableWidget* m_symbols = nullptr;
    QListWidget* m_reconciliation = nullptr;
    QCheckBox* m_failedOnly = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_retry = nullptr; // resumes a completed_with_errors run: its failed symbols
    QPushButton* m_discard = nullptr;
    std::function<void()> m_beforeReload;
    QString m_selectNext; // selectRun()'s run, selected by the next reload
};

} // namespace fb::ui
