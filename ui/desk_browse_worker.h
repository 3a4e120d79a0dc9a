#pragma once
// The desk browsing view's server work (docs/sharing.md, "Browsing"), off the UI thread: a
// QObject living on its own QThread with its own QPSQL connection (made on that thread, closed
// there by close()), answering by queued signals with value types. Read-only: it runs only
// SELECTs through DeskAccess; row-level security on the server decides what the role may read.

#include "sync/journal/desk_access.h"
#include "sync/journal/desk_connection.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace fb::ui {

class DeskBrowseWorker : public QObject
{
    Q_OBJECT
public:
    explicit DeskBrowseWorker(const journal::DeskEndpoint& endpoint);
    ~DeskBrowseWorker() override;

public slots:
    // Emits accountsListed or failed.
    void listAccounts();
    // Emits browsed or failed.
    void browse(const QString& account);
    // Drops the connection (on this thread, before it stops).
    void close();

signals:
    void accountsListed(const QStringList& accounts);
    // `owner` is empty when no role has pushed the account.
    void browsed(const QString& account, const QString& owner,
                 const QVector<fb::journal::BrowsedTrade>& trades);
    // One plain sentence (a DeskError's message).
    void failed(const QString& sentence);

private:
    journal::DeskConnection& connection();

    journal::DeskEndpoint m_endpoint;
    std::unique_ptr<journal::DeskConnection> m_desk;
};

} // namespace fb::ui
