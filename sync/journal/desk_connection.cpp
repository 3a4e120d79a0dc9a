#include "sync/journal/desk_connection.h"

#include "sync/journal/desk_sql.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace fb::journal {

QString DeskEndpoint::display() const
{
    return QStringLiteral("%1:%2/%3").arg(host).arg(port).arg(database);
}

DeskError::DeskError(Kind kind, const QString& message)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
    , m_message(message)
{}

namespace {

// libpq's 'connection to server at "host", port N failed: ' names the server our sentence names.
QString withoutPrefix(const QString& text)
{
    const qsizetype failed = text.indexOf(QLatin1String(" failed: "));
    return text.startsWith(QLatin1String("connection to server")) && failed >= 0
               ? text.mid(failed + 9)
               : text;
}

} // namespace

DeskError DeskError::fromSql(const QSqlError& error, const DeskEndpoint& endpoint,
                             const QString& what)
{
    // libpq's text, first line only (the rest repeats it or shows the statement).
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    text = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    // The server's severity ("ERROR:  ", "FATAL:  ") is not part of the sentence.
    for (const QLatin1String severity : {QLatin1String("ERROR:"), QLatin1String("FATAL:")}) {
        if (text.startsWith(severity))
            text = text.mid(severity.size()).trimmed();
    }
    const auto has = [&](const char* part) {
        return text.contains(QLatin1String(part), Qt::CaseInsensitive);
    };
    if (has("password authentication failed") || has("no password supplied") || has("role \"") ||
        has("pg_hba.conf"))
        return DeskError(Kind::Auth, QStringLiteral("The desk server at %1 refused user '%2' "
                                                    "with this password.")
                                         .arg(endpoint.display(), endpoint.user));
    // A role the desk's admin gave neither grant (docs/sharing.md, "A desk").
    if (has("permission denied for schema fillbook"))
        return DeskError(Kind::Auth,
                         QStringLiteral("The desk server at %1 gives role '%2' no access to the "
                                        "desk; ask its admin to run 'fillbook-cli desk "
                                        "grant-trader %2' or 'desk grant-reader %2'.")
                             .arg(endpoint.display(), endpoint.user));
    if (has("database \"") && has("does not exist"))
        return DeskError(Kind::NoDatabase, QStringLiteral("The desk server at %1:%2 has no "
                                                          "database '%3'.")
                                               .arg(endpoint.host)
                                               .arg(endpoint.port)
                                               .arg(endpoint.database));
    // A server without TLS, or a certificate that does not verify: a setting to fix, not a
    // server to wait for.
    if (has("does not support SSL") || has("certificate"))
        return DeskError(Kind::Config, QStringLiteral("Could not %1 over TLS with %2: %3.")
                                           .arg(what, endpoint.display(), withoutPrefix(text)));
    // A full disk on the server (SQLSTATE 53100, "could not extend file ...: No space left on
    // device"): not about these rows, and gone once its admin frees space, so it is retried
    // like a lost server and the rows stay queued, not marked refused.
    if (error.nativeErrorCode() == QLatin1String("53100") || has("No space left on device"))
        return DeskError(Kind::Unreachable,
                         QStringLiteral("The desk server at %1 is out of disk space (%2); the "
                                        "changes stay queued until its admin frees space.")
                             .arg(endpoint.display(), text));
    if (has("connection refused") || has("could not translate host name") ||
        has("timeout expired") || has("no route to host") || has("network is unreachable") ||
        has("server closed the connection") || has("terminating connection") ||
        has("no connection to the server") || has("could not receive data") ||
        has("could not send data") || has("connection to server") || has("the database system"))
        return DeskError(Kind::Unreachable,
                         QStringLiteral("The desk server at %1 cannot be reached (%2).")
                             .arg(endpoint.display(), text));
    if (has("ssl") || has("certificate"))
        return DeskError(Kind::Config, QStringLiteral("Could not %1 over TLS with %2: %3.")
                                           .arg(what, endpoint.display(), text));
    return DeskError(Kind::Rejected, QStringLiteral("Could not %1 on the desk server %2: %3.")
                                         .arg(what, endpoint.display(), text));
}

namespace {
QAtomicInteger<quint64> connectionCounter;
}

DeskConnection::DeskConnection(const DeskEndpoint& endpoint, const QString& purpose)
    : m_endpoint(endpoint)
    , m_owner(QThread::currentThread())
    , m_name(QStringLiteral("fillbook-desk-%1-%2").arg(purpose).arg(++connectionCounter))
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        throw DeskError(DeskError::Kind::Config,
                        QStringLiteral("Qt's PostgreSQL driver is not installed (Debian: "
                                       "libqt6sql6-psql), so this Fillbook cannot share."));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_db.setHostName(endpoint.host);
    m_db.setPort(endpoint.port);
    m_db.setDatabaseName(endpoint.database);
    m_db.setUserName(endpoint.user);
    m_db.setPassword(endpoint.password);
    QStringList options{QStringLiteral("sslmode=") + endpoint.sslMode,
                        QStringLiteral("connect_timeout=%1").arg(endpoint.connectTimeoutSeconds),
                        QStringLiteral("application_name=fillbook")};
    if (!endpoint.sslRootCert.isEmpty())
        options.append(QStringLiteral("sslrootcert=") + endpoint.sslRootCert);
    m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_db.open()) {
        const DeskError error =
            DeskError::fromSql(m_db.lastError(), endpoint, QStringLiteral("connect"));
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
        throw error;
    }
    // Notices ("schema already exists, skipping") are not for the user's terminal.
    QSqlQuery quiet(m_db);
    quiet.exec(QStringLiteral("SET client_min_messages = warning"));
}

DeskConnection::~DeskConnection()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void DeskConnection::checkThread() const
{
    if (QThread::currentThread() != m_owner)
        throw DeskError(DeskError::Kind::Config,
                        QStringLiteral("A desk connection was used from a thread that does not "
                                       "own it."));
}

QSqlDatabase& DeskConnection::connection()
{
    checkThread();
    return m_db;
}

QString DeskConnection::serverVersion()
{
    return DeskSql(*this)
        .scalar(QStringLiteral("SELECT version()"), {}, QStringLiteral("read the server version"))
        .toString();
}

} // namespace fb::journal
