#include "tests/share/desk_test_server.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace fbtest {

namespace {

QString readLine(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readLine()).trimmed();
}

} // namespace

DeskTestServer::DeskTestServer()
    : m_state(qEnvironmentVariable("FILLBOOK_DESK_TEST_STATE"))
    , m_scriptPath(qEnvironmentVariable("FILLBOOK_DESK_TEST_SCRIPT"))
{
    if (m_state.isEmpty() || m_scriptPath.isEmpty()) {
        m_error = QStringLiteral("FILLBOOK_DESK_TEST_STATE/SCRIPT are not set: run this test "
                                 "through ctest (fixture desk_server).");
        return;
    }
    m_password = readLine(m_state + QStringLiteral("/password"));
    m_port = readLine(m_state + QStringLiteral("/port")).toInt();
    if (m_password.isEmpty() || m_port == 0)
        m_error = QStringLiteral("The desk_server fixture did not start a server (no %1/port); "
                                 "see the output of the desk_server_start test.")
                      .arg(m_state);
}

fb::journal::DeskEndpoint DeskTestServer::endpoint(const QString& database) const
{
    fb::journal::DeskEndpoint e;
    e.host = QStringLiteral("127.0.0.1");
    e.port = m_port;
    e.database = database;
    e.user = QStringLiteral("fillbook_admin");
    e.password = m_password;
    e.sslMode = QStringLiteral("disable");
    return e;
}

QString DeskTestServer::exec(const QString& database, const QString& sql)
{
    const QString name = QStringLiteral("desk-test-") + QUuid::createUuid().toString();
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setDatabaseName(database);
        db.setUserName(QStringLiteral("fillbook_admin"));
        db.setPassword(m_password);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QString DeskTestServer::scalar(const QString& database, const QString& sql)
{
    const QString name = QStringLiteral("desk-test-") + QUuid::createUuid().toString();
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setDatabaseName(database);
        db.setUserName(QStringLiteral("fillbook_admin"));
        db.setPassword(m_password);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0).toString();
            else
                value = QStringLiteral("error: ") + q.lastError().text();
        } else {
            value = QStringLiteral("error: ") + db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

QString DeskTestServer::freshDatabase(const QString& name)
{
    exec(QStringLiteral("postgres"), QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
    const QString error =
        exec(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(name));
    if (!error.isEmpty())
        qWarning("CREATE DATABASE %s: %s", qPrintable(name), qPrintable(error));
    return QStringLiteral("postgresql://fillbook_admin@127.0.0.1:%1/%2").arg(m_port).arg(name);
}

bool DeskTestServer::script(const QString& command, const QStringList& extra, QString* out)
{
    QProcess p;
    p.setProcessChannelMode(out ? QProcess::ForwardedErrorChannel : QProcess::ForwardedChannels);
    p.start(QStringLiteral("bash"), QStringList{m_scriptPath, command, m_state} + extra);
    const bool ok =
        p.waitForFinished(60'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    return ok;
}

QString DeskTestServer::mountSmallDisk(int mebibytes)
{
    QString folder;
    if (!script(QStringLiteral("small-disk"), {QString::number(mebibytes)}, &folder))
        return QString();
    return folder + QStringLiteral("/pg");
}

bool DeskTestServer::fillSmallDisk()
{
    return script(QStringLiteral("fill-disk"));
}

bool DeskTestServer::freeSmallDisk()
{
    return script(QStringLiteral("free-disk"));
}

bool DeskTestServer::unmountSmallDisk()
{
    return script(QStringLiteral("unmount-disk"));
}

int DeskTestServer::terminateFillbookBackends(const QString& database)
{
    // The timeout makes pg_terminate_backend wait until the backend has exited (PostgreSQL 14+).
    return scalar(QStringLiteral("postgres"),
                  QStringLiteral("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) "
                                 "FROM pg_stat_activity WHERE datname = '%1' AND "
                                 "application_name = 'fillbook' AND pid <> pg_backend_pid()")
                      .arg(database))
        .toInt();
}

bool DeskTestServer::down()
{
    return script(QStringLiteral("down"));
}

bool DeskTestServer::up()
{
    return script(QStringLiteral("up"));
}

QString rolePassword(const char* role)
{
    return QStringLiteral("pw-") + QLatin1String(role);
}

QString roleUrl(const DeskTestServer& server, const QString& database, const char* role)
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3")
        .arg(QLatin1String(role))
        .arg(server.port())
        .arg(database);
}

QString deskWhere(const DeskTestServer& server, const QString& database)
{
    return QStringLiteral("127.0.0.1:%1/%2").arg(server.port()).arg(database);
}

} // namespace fbtest
