#pragma once
// The private PostgreSQL cluster of CTest's desk_server fixture (scripts/desk-test-server): its
// URL and password, a fresh database per test, and taking the server down and up again. A test
// whose server is not there fails with the reason; none is skipped.

#include "sync/journal/desk_connection.h"

#include <QString>
#include <QStringList>

namespace fbtest {

class DeskTestServer
{
public:
    // Reads FILLBOOK_DESK_TEST_STATE; ok() false (and why()) when the fixture did not start.
    DeskTestServer();
    bool ok() const { return m_error.isEmpty(); }
    QString why() const { return m_error; }
    QString password() const { return m_password; }
    int port() const { return m_port; }

    // Drops and creates database `name`; returns its URL (no password).
    QString freshDatabase(const QString& name);
    fb::journal::DeskEndpoint endpoint(const QString& database) const;
    // Runs `sql` in `database` as the administrator (tests only); empty on success, else why.
    QString exec(const QString& database, const QString& sql);
    // The first column of the first row of `sql`.
    QString scalar(const QString& database, const QString& sql);

    bool down();
    bool up();

    // A small disk of `mebibytes` MiB mounted by the fixture's script (a tmpfs: root or
    // CAP_SYS_ADMIN only); returns the folder for a tablespace on it, or empty when it could not
    // mount (the script said why on stderr).
    QString mountSmallDisk(int mebibytes);
    bool fillSmallDisk(); // until "No space left on device"
    bool freeSmallDisk(); // removes the filler
    bool unmountSmallDisk();

    // Ends the connections Fillbook opened (application_name 'fillbook') to `database` from
    // another connection, with pg_terminate_backend, and waits until they are gone; how many.
    int terminateFillbookBackends(const QString& database);

private:
    bool script(const QString& command, const QStringList& extra = {}, QString* out = nullptr);

    QString m_state;
    QString m_scriptPath;
    QString m_password;
    int m_port = 0;
    QString m_error;
};

// The roles the desk tests make log in with "pw-ROLE"; their URL and the "host:port/database"
// the desk's sentences name.
QString rolePassword(const char* role);
QString roleUrl(const DeskTestServer& server, const QString& database, const char* role);
QString deskWhere(const DeskTestServer& server, const QString& database);

} // namespace fbtest
