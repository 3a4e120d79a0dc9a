#pragma once
// One connection to a desk server (PostgreSQL through Qt's QPSQL driver), owned by one thread
// like Database (docs/sharing.md). The password is kept in memory only: it comes from the
// environment or the keychain, never from the URL, argv, logs or the journal.
//
// Every failure is a DeskError with one plain sentence, classified so that callers can map it to
// an exit code or a sharing state (Unreachable -> offline, retried with backoff).

#include <QSqlDatabase>
#include <QString>

#include <stdexcept>

class QThread;
class QSqlError;

namespace fb::journal {

struct DeskEndpoint
{
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password;
    // libpq's sslmode: "disable" is allowed for loopback hosts only (checked by the URL parser in
    // sync/share/desk_url.h); every other host needs "verify-full".
    QString sslMode = QStringLiteral("verify-full");
    QString sslRootCert; // optional CA file for verify-full
    int connectTimeoutSeconds = 5;

    // "host:port/database" for messages (no user, no password).
    QString display() const;
};

class DeskError : public std::runtime_error
{
public:
    enum class Kind {
        Unreachable,    // no server at that address, the connection was lost, or the server's
                        // disk is full: retry later
        Auth,           // the server refused the user or the password
        NoDatabase,     // the server has no such database
        NotInitialised, // the database has no Fillbook schema (run desk init) or an older one
        TooNew,         // the server's schema is newer than this build knows
        Config,         // the driver is missing, TLS cannot be set up, a bad setting
        Rejected,       // the server refused a statement (a constraint, a permission)
    };

    DeskError(Kind kind, const QString& message);
    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

    // Classifies a failed Qt Sql call on `endpoint`; `what` completes "Could not ...".
    static DeskError fromSql(const QSqlError& error, const DeskEndpoint& endpoint,
                             const QString& what);

private:
    Kind m_kind;
    QString m_message;
};

class DeskConnection
{
public:
    // Connects; throws DeskError.
    DeskConnection(const DeskEndpoint& endpoint, const QString& purpose);
    ~DeskConnection();
    DeskConnection(const DeskConnection&) = delete;
    DeskConnection& operator=(const DeskConnection&) = delete;

    const DeskEndpoint& endpoint() const { return m_endpoint; }
    // Throws DeskError (Config) when called from another thread than the one that connected.
    void checkThread() const;
    // The server's own version string ("PostgreSQL 15.20 ...").
    QString serverVersion();

private:
    friend class DeskSql;
    QSqlDatabase& connection();

    DeskEndpoint m_endpoint;
    QThread* m_owner = nullptr;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace fb::journal
