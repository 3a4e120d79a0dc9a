#pragma once
// The fixture of the desk-role tests (test_share_desk_roles.cpp): one desk database on the
// desk_server fixture's PostgreSQL, fillbook-cli run as a role with its password, journals with
// a note, SQL run as a role, and what `desk browse` prints for alice's account "main".

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_connection.h"
#include "sync/journal/desk_sql.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/transaction.h"
#include "tests/share/desk_test_server.h"
#include "tests/support/cli_process.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"

#include <QObject>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace fbtest {

class DeskRolesFixture : public QObject
{
protected:
    using Run = fbtest::CliResult;
    static inline const QString kDatabase = QStringLiteral("desk_roles");

    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;
    QString m_aliceKey;
    QString m_bobKey;

    QString path(const char* name) { return m_dir.filePath(QLatin1String(name)); }
    QString url(const char* role) { return fbtest::roleUrl(m_server, kDatabase, role); }
    QString where() const { return fbtest::deskWhere(m_server, kDatabase); }
    static QString password(const char* role) { return fbtest::rolePassword(role); }

    // fillbook-cli (FILLBOOK_CLI_PATH, defined by the test's target) with a desk password.
    Run cli(const QStringList& arguments, const QString& deskPassword, const QByteArray& input = {})
    {
        return fbtest::runDeskProgram(QStringLiteral(FILLBOOK_CLI_PATH), arguments, deskPassword,
                                      input);
    }

    // fillbook-cli --db JOURNAL desk ARGS as `role` with its password.
    Run desk(const char* role, const char* journal, const QStringList& arguments,
             const QByteArray& input = {})
    {
        return cli(QStringList{QStringLiteral("--db"), path(journal), QStringLiteral("desk")} +
                       arguments,
                   password(role), input);
    }

    // A journal holding one closed trade of `account`, its records queued for sharing and a
    // note on it; returns the trade's key.
    QString journalWithANote(const char* journal, const QString& account, const QString& symbol,
                             qint64 firstFillId, const QString& note)
    {
        fb::journal::Database db(path(journal));
        const fb::JournalTrade trade =
            fbtest::makeTrade(symbol, firstFillId, 1'700'000'000'000, true, account);
        fbtest::addTrades(db, {trade});
        {
            fb::journal::Transaction tx(db);
            fb::journal::OutboxStore(db).add(fb::journal::kOutboxRecords, account, symbol);
            tx.commit();
        }
        fb::journal::Annotation a;
        a.tradeKey = trade.key;
        a.notes = note;
        a.tags = {QStringLiteral("desk")};
        fb::journal::AnnotationStore(db).save(a);
        return trade.key;
    }

    qint64 pending(const char* journal)
    {
        fb::journal::Database db(
            path(journal),
            fb::journal::OpenOptions{fb::journal::OpenMode::ReadOnly, QStringLiteral("test")});
        return fb::journal::OutboxStore(db).pendingCount();
    }

    fb::journal::DeskEndpoint endpointOf(const char* role)
    {
        fb::journal::DeskEndpoint e = m_server.endpoint(kDatabase);
        e.user = QLatin1String(role);
        e.password = password(role);
        return e;
    }

    // Runs `sql` as `role`: the rows it changed, or the sentence of the error.
    QString asRole(const char* role, const QString& sql)
    {
        try {
            fb::journal::DeskConnection connection(endpointOf(role), QStringLiteral("test"));
            QSqlQuery q =
                fb::journal::DeskSql(connection).run(sql, {}, QStringLiteral("run the test's SQL"));
            if (q.isSelect())
                return q.next() ? q.value(0).toString() : QString();
            return QStringLiteral("%1 rows").arg(q.numRowsAffected());
        } catch (const fb::journal::DeskError& error) {
            return error.message();
        }
    }

    // What `desk browse main` prints of alice's account.
    QString browseOfMain()
    {
        return QStringLiteral(
                   "Account main on %1 (owner alice), read-only: 1 trade(s).\n"
                   "Trade                   Opened (UTC)         Closed (UTC)         Side  "
                   "Status         Net PnL  Tags  Note\n"
                   "main:BTCUSDT:BOTH:1001  2023-11-14 22:13:20  2023-11-14 23:13:20  LONG  "
                   "CLOSED  0.7831144 USDT  desk  Alice: waited for the retest.\n")
            .arg(where());
    }
};

} // namespace fbtest
