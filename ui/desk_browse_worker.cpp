#include "ui/desk_browse_worker.h"

#include "sync/journal/desk_schema.h"

namespace fb::ui {

using journal::DeskError;

DeskBrowseWorker::DeskBrowseWorker(const journal::DeskEndpoint& endpoint)
    : m_endpoint(endpoint)
{}

DeskBrowseWorker::~DeskBrowseWorker() = default;

journal::DeskConnection& DeskBrowseWorker::connection()
{
    if (!m_desk) {
        m_desk = std::make_unique<journal::DeskConnection>(m_endpoint, QStringLiteral("browse"));
        journal::desk_schema::require(*m_desk);
    }
    return *m_desk;
}

void DeskBrowseWorker::listAccounts()
{
    try {
        emit accountsListed(journal::DeskAccess(connection()).readableAccounts());
    } catch (const DeskError& error) {
        if (error.kind() == DeskError::Kind::Unreachable)
            m_desk.reset(); // a lost connection: the next request connects again
        emit failed(error.message());
    }
}

void DeskBrowseWorker::browse(const QString& account)
{
    try {
        journal::DeskAccess access(connection());
        // The same sentence as `fillbook-cli desk browse` (app/cli/commands_desk_admin.cpp).
        if (!access.mayRead(account)) {
            emit failed(tr("Role '%1' may not read account %2 on this desk; its admin can allow "
                           "it with 'fillbook-cli desk grant-read %1 --account %2'.")
                            .arg(m_endpoint.user, account));
            return;
        }
        const QString owner = access.ownerOf(account);
        emit browsed(account, owner, access.browse(account));
    } catch (const DeskError& error) {
        if (error.kind() == DeskError::Kind::Unreachable)
            m_desk.reset();
        emit failed(error.message());
    }
}

void DeskBrowseWorker::close()
{
    m_desk.reset();
}

} // namespace fb::ui
