#pragma once
// main() for desktop tests whose settings and key files must never touch the user's: HOME and
// the XDG folders point into a temporary directory, and no keychain is reachable (the session
// bus address names a socket that does not exist). Set before QApplication: Qt reads them once.

#include <QApplication>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <type_traits>

namespace fbtest {

// Runs the Qt Test object `Test`, handing it the private home's path when it takes one.
template <typename Test>
int runInPrivateHome(int argc, char** argv,
                     const QString& applicationName = QStringLiteral("fillbook"))
{
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            "unix:path=" + QFile::encodeName(home.filePath(QStringLiteral("no-bus"))));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("fillbook"));
    QApplication::setApplicationName(applicationName);
    if constexpr (std::is_constructible_v<Test, QString>) {
        Test test(home.path());
        return QTest::qExec(&test, argc, argv);
    } else {
        Test test;
        return QTest::qExec(&test, argc, argv);
    }
}

} // namespace fbtest
