// A journal is readable by its owner only (issue 10, defect 13): created 0600 in 0700 folders,
// its -wal and -shm too, and an existing journal or Fillbook's own folder tightened on open.
#include "sync/journal/database.h"
#include "sync/journal/journal_paths.h"
#include "sync/journal/settings_store.h"
#include "tests/support/file_mode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;

class TestJournalPrivacy : public QObject
{
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void aNewJournalAndItsFoldersAreTheOwnersOnly()
    {
        const QString path = m_dir.filePath(QStringLiteral("a/b/journal.sqlite"));
        Database db(path);
        SettingsStore(db).setValue(QStringLiteral("k"), QStringLiteral("v")); // a WAL write
        QCOMPARE(fbtest::fileMode(m_dir.filePath(QStringLiteral("a"))), 0700);
        QCOMPARE(fbtest::fileMode(m_dir.filePath(QStringLiteral("a/b"))), 0700);
        QCOMPARE(fbtest::fileMode(path), 0600);
        QCOMPARE(fbtest::fileMode(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(fbtest::fileMode(path + QStringLiteral("-shm")), 0600);
    }

    void anExistingJournalIsTightenedOnOpen()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database db(path);
            SettingsStore(db).setValue(QStringLiteral("k"), QStringLiteral("v"));
        }
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        QCOMPARE(fbtest::fileMode(path), 0644);
        Database db(path);
        QCOMPARE(fbtest::fileMode(path), 0600);
        QCOMPARE(SettingsStore(db).value(QStringLiteral("k"), QString()), QStringLiteral("v"));
    }

    void aFolderTheUserChoseIsLeftAlone()
    {
        const QString folder = m_dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0755) == 0);
        Database db(folder + QStringLiteral("/journal.sqlite"));
        QCOMPARE(fbtest::fileMode(folder), 0755);
        QCOMPARE(fbtest::fileMode(folder + QStringLiteral("/journal.sqlite")), 0600);
    }

    void fillbooksOwnDataFolderIsTightened()
    {
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        const QString own = QFileInfo(defaultJournalPath()).absolutePath();
        QVERIFY(QDir().mkpath(own));
        QVERIFY(::chmod(QFile::encodeName(own).constData(), 0755) == 0);
        Database db(defaultJournalPath());
        QCOMPARE(fbtest::fileMode(own), 0700);
        QCOMPARE(fbtest::fileMode(defaultJournalPath()), 0600);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestJournalPrivacy)
#include "test_journal_privacy.moc"
