#pragma once
// File → Browse desk account…: another account's trades as the desk server holds them,
// read-only (docs/sharing.md, "Browsing"). The accounts listed are the ones the role may read
// (its own, granted to it, or all for a desk reader); the chosen one's trades fill a table that
// cannot be edited, under a banner naming the account and the server. The server work runs on
// DeskBrowseWorker's thread; a refusal is one sentence under the table.

#include "sync/journal/desk_access.h"

#include <QDialog>
#include <QString>
#include <QTimeZone>
#include <QVector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QThread;

namespace fb::journal {
class Database;
}

namespace fb::ui {

class DeskBrowseWorker;
class SecretStore;

// Where the desk is and how to log in: the URL `desk init` saved in the journal (no password in
// it) and the role's password, given by the caller (openDeskBrowse: the keychain entry of
// Settings → Share, else FILLBOOK_DESK_PASSWORD).
struct DeskBrowseSource
{
    QString url;
    QString password;
};

// The password as the command line reads it (FILLBOOK_DESK_PASSWORD); empty when unset.
QString deskPasswordFromEnvironment();

class DeskBrowseDialog : public QDialog
{
    Q_OBJECT
public:
    DeskBrowseDialog(const DeskBrowseSource& source, const QTimeZone& zone,
                     QWidget* parent = nullptr);
    ~DeskBrowseDialog() override;

    // Asks the server for `account`'s trades (as the Open button does).
    void openAccount(const QString& account);

signals:
    // The server answered (tests and the screenshot wait for these).
    void accountsShown(const QStringList& accounts);
    void tradesShown(const QString& account, int trades);
    void failureShown(const QString& sentence);
    // To the worker (queued: it lives on its own thread).
    void listRequested();
    void browseRequested(const QString& account);

private:
    void retranslate();
    void showTrades();
    void showMessage();
    void showFailure(const QString& sentence);
    void setBusy(bool busy);

    QTimeZone m_zone;
    QString m_serverText; // "host:port/database"
    QString m_user;
    QString m_setupError; // the URL could not be used: one sentence, nothing to ask
    QThread* m_thread = nullptr;
    DeskBrowseWorker* m_worker = nullptr;

    QLabel* m_server = nullptr;
    QLabel* m_accountLabel = nullptr;
    QComboBox* m_accounts = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_banner = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_close = nullptr;

    // What is shown, so that a language change can redraw it.
    QString m_shownAccount; // empty: nothing shown yet
    QString m_shownOwner;
    QVector<journal::BrowsedTrade> m_trades;
    QString m_failure;
    bool m_busy = false;
    bool m_listedNone = false;
};

// Opens the dialog for the journal's desk (File → Browse desk account…), non-modal.
void openDeskBrowse(QWidget* parent, journal::Database& readDb, const QTimeZone& zone,
                    SecretStore& secrets);

} // namespace fb::ui
