// The one default-journal rule shared by the CLI, the desktop and the demo.
#include "sync/journal/journal_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;

class TestJournalPaths : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    }

    void ownAndDemoAreSideBySideUnderOneFolder()
    {
        // Independent of the organization name a process sets (the desktop sets one, the CLI
        // does not): both must open the same journal.
        QCoreApplication::setOrganizationName(QStringLiteral("fillbook"));
        QCOMPARE(defaultJournalPath(), m_home.filePath(QStringLiteral("fillbook/journal.sqlite")));
        QCoreApplication::setOrganizationName(QString());
        QCOMPARE(defaultJournalPath(), m_home.filePath(QStringLiteral("fillbook/journal.sqlite")));
        QCOMPARE(defaultJournalPath(JournalFile::Demo),
                 m_home.filePath(QStringLiteral("fillbook/demo.sqlite")));
        QVERIFY(!QFile::exists(defaultJournalPath())); // nothing is created
    }

    void anEarlierDesktopJournalStaysTheDefaultUntilTheSharedOneExists()
    {
        const QString legacy = m_home.filePath(QStringLiteral("fillbook/fillbook/journal.sqlite"));
        QVERIFY(QDir().mkpath(QFileInfo(legacy).absolutePath()));
        QFile file(legacy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QCOMPARE(defaultJournalPath(), legacy);
        QCOMPARE(defaultJournalPath(JournalFile::Demo),
                 m_home.filePath(QStringLiteral("fillbook/demo.sqlite")));

        QFile shared(m_home.filePath(QStringLiteral("fillbook/journal.sqlite")));
        QVERIFY(shared.open(QIODevice::WriteOnly));
        shared.close();
        QCOMPARE(defaultJournalPath(), shared.fileName());
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestJournalPaths)
#include "test_journal_paths.moc"
