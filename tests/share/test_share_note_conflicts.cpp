// Version vectors and note conflicts against a real PostgreSQL server (fixture desk_server): two
// devices (two SQLite journals) edit the same note offline; after push and pull on both, the
// conflict is on both; resolving it on A (keep mine, keep theirs, merge) and pushing and pulling
// again leaves the same note and version on both and no conflict on either. A pulled version
// that the local one has seen is ignored, one that has seen the local one replaces it, and daily
// notes travel like trade notes.

#include "sync/journal/annotation_store.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/desk_schema.h"
#include "sync/journal/note_conflicts.h"
#include "sync/journal/outbox_store.h"
#include "sync/journal/report_queries.h"
#include "sync/share/replicator.h"
#include "tests/share/desk_test_server.h"

#include <QDate>
#include <QTemporaryDir>
#include <QTest>

using namespace fb::journal;
using namespace fb::share;

namespace {

const QString kKey = QStringLiteral("main:BTCUSDT:BOTH:7");

Annotation note(const QString& text, const QStringList& tags, const QString& setup, int rating,
                const QStringList& mistakes)
{
    Annotation a;
    a.tradeKey = kKey;
    a.notes = text;
    a.tags = tags;
    a.setup = setup;
    a.rating = rating;
    a.mistakes = mistakes;
    return a;
}

Annotation mineOnA()
{
    return note(QStringLiteral("A: took profit too early."),
                {QStringLiteral("breakout"), QStringLiteral("late")}, QStringLiteral("range break"),
                4, {QStringLiteral("moved stop")});
}

Annotation theirsOnB()
{
    return note(QStringLiteral("B: should have held to the target."),
                {QStringLiteral("late"), QStringLiteral("news")}, QStringLiteral("news fade"), 2,
                {QStringLiteral("sized up")});
}

// The fields a trader edits (not the times).
QString fields(const std::optional<Annotation>& a)
{
    if (!a)
        return QStringLiteral("(none)");
    return QStringLiteral("%1 | %2 | %3 | %4 | %5")
        .arg(a->notes, a->tags.join(u','), a->setup,
             a->rating ? QString::number(*a->rating) : QStringLiteral("-"), a->mistakes.join(u','));
}

qint64 openSharingConflicts(Database& db)
{
    return shareStatus(db).conflicts;
}

} // namespace

class TestShareNoteConflicts : public QObject
{
    Q_OBJECT

private:
    fbtest::DeskTestServer m_server;
    QTemporaryDir m_dir;

    QString journal(const QString& name)
    {
        return m_dir.filePath(name + QStringLiteral(".sqlite"));
    }

    DeskEndpoint initDesk(const QString& name)
    {
        m_server.freshDatabase(name);
        const DeskEndpoint e = m_server.endpoint(name);
        DeskConnection desk(e, QStringLiteral("test"));
        desk_schema::upgrade(desk);
        return e;
    }

    // One background cycle of a device: push, then pull.
    static PullReport cycle(Database& db, const DeskEndpoint& e)
    {
        DeskConnection desk(e, QStringLiteral("test"));
        Replicator replicator(db, desk);
        replicator.push();
        return replicator.pull();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.ok(), qPrintable(m_server.why()));
        QVERIFY(m_dir.isValid());
    }

    void vectorsCompare()
    {
        const VersionVector a = VersionVector::fromJson(QStringLiteral("{\"a\":2,\"b\":1}"));
        const VersionVector b = VersionVector::fromJson(QStringLiteral("{\"a\":1,\"b\":1}"));
        const VersionVector c = VersionVector::fromJson(QStringLiteral("{\"c\":1}"));
        QCOMPARE(a.compare(b), VersionVector::Order::Dominates);
        QCOMPARE(b.compare(a), VersionVector::Order::DominatedBy);
        QCOMPARE(a.compare(a), VersionVector::Order::Equal);
        QCOMPARE(a.compare(c), VersionVector::Order::Concurrent);
        QCOMPARE(VersionVector().compare(c), VersionVector::Order::DominatedBy);
        VersionVector m = VersionVector::merged(b, c);
        m.bump(QStringLiteral("b"));
        QCOMPARE(m.toJson(), QStringLiteral("{\"a\":1,\"b\":2,\"c\":1}"));
        QCOMPARE(m.compare(a), VersionVector::Order::Concurrent); // a's 2nd edit is unseen
        QCOMPARE(VersionVector::fromJson(QStringLiteral("{\"a\":0}")).toJson(),
                 QStringLiteral("{}"));
    }

    void concurrentEditsConflictOnBothAndEachResolutionConverges_data()
    {
        QTest::addColumn<int>("resolution");
        QTest::addColumn<QString>("expected");
        QTest::newRow("keep mine") << int(NoteResolution::KeepMine)
                                   << QStringLiteral("A: took profit too early. | breakout,late | "
                                                     "range break | 4 | moved stop");
        QTest::newRow("keep theirs")
            << int(NoteResolution::KeepTheirs)
            << QStringLiteral("B: should have held to the target. | late,news | news fade | 2 | "
                              "sized up");
        QTest::newRow("merge") << int(NoteResolution::Merge)
                               << QStringLiteral("Took profit early; B says hold to target. | "
                                                 "breakout,late,news | news fade | 4 | moved "
                                                 "stop,sized up");
    }

    void concurrentEditsConflictOnBothAndEachResolutionConverges()
    {
        QFETCH(int, resolution);
        QFETCH(QString, expected);
        const QString name = QStringLiteral("conflict_%1").arg(resolution);
        const DeskEndpoint e = initDesk(name);
        Database a(journal(name + QStringLiteral("_a")));
        Database b(journal(name + QStringLiteral("_b")));
        const QString devA = OutboxStore(a).deviceId();
        const QString devB = OutboxStore(b).deviceId();

        // Both edit the same note offline.
        AnnotationStore(a).save(mineOnA());
        AnnotationStore(b).save(theirsOnB());
        QCOMPARE(noteVector(a, NoteKind::Trade, kKey).toJson(),
                 QStringLiteral("{\"%1\":1}").arg(devA));

        QCOMPARE(cycle(a, e).notes, 0);
        const PullReport onB = cycle(b, e);
        QCOMPARE(onB.notes, 1);
        QCOMPARE(onB.conflicts, 1);
        const PullReport onA = cycle(a, e);
        QCOMPARE(onA.notes, 1);
        QCOMPARE(onA.conflicts, 1);
        QCOMPARE(onA.applied, 0);

        // The conflict is on both; each keeps its own note and holds the other's.
        for (Database* db : {&a, &b}) {
            const bool isA = db == &a;
            const QVector<NoteConflict> list = noteConflicts(*db);
            QCOMPARE(list.size(), 1);
            const NoteConflict& c = list.first();
            QCOMPARE(c.key, kKey);
            QCOMPARE(c.kind, NoteKind::Trade);
            QCOMPARE(fields(c.mine), fields(isA ? mineOnA() : theirsOnB()));
            QCOMPARE(fields(c.theirs), fields(isA ? theirsOnB() : mineOnA()));
            QCOMPARE(c.theirsDevice, isA ? devB : devA);
            QCOMPARE(c.mineVector.toJson(), QStringLiteral("{\"%1\":1}").arg(isA ? devA : devB));
            QCOMPARE(c.theirsVector.toJson(), QStringLiteral("{\"%1\":1}").arg(isA ? devB : devA));
            QCOMPARE(openSharingConflicts(*db), 1);
            QCOMPARE(fields(AnnotationStore(*db).annotation(kKey)),
                     fields(isA ? mineOnA() : theirsOnB()));
        }
        // Both versions are on the server too: nothing was overwritten.
        QCOMPARE(m_server.scalar(name, QStringLiteral("SELECT count(*) FROM fillbook.annotations")),
                 QStringLiteral("2"));

        Annotation merged = mineOnA();
        merged.notes = QStringLiteral("Took profit early; B says hold to target.");
        merged.tags = tagUnion(mineOnA().tags, theirsOnB().tags);
        merged.setup = theirsOnB().setup;
        merged.mistakes = {QStringLiteral("moved stop"), QStringLiteral("sized up")};
        resolveNoteConflict(a, NoteKind::Trade, kKey, NoteResolution(resolution),
                            resolution == int(NoteResolution::Merge)
                                ? std::optional<Annotation>(merged)
                                : std::nullopt);
        const QString resolvedVector = devA < devB
                                           ? QStringLiteral("{\"%1\":2,\"%2\":1}").arg(devA, devB)
                                           : QStringLiteral("{\"%2\":1,\"%1\":2}").arg(devA, devB);
        QCOMPARE(noteVector(a, NoteKind::Trade, kKey).toJson(), resolvedVector);
        QCOMPARE(openSharingConflicts(a), 0);

        QCOMPARE(cycle(a, e).notes, 0);
        const PullReport settled = cycle(b, e);
        QCOMPARE(settled.notes, 1);
        QCOMPARE(settled.applied, 1);
        QCOMPARE(settled.resolved, 1);
        QCOMPARE(settled.conflicts, 0);
        QCOMPARE(cycle(a, e).notes, 0);

        for (Database* db : {&a, &b}) {
            QCOMPARE(fields(AnnotationStore(*db).annotation(kKey)), expected);
            QCOMPARE(noteVector(*db, NoteKind::Trade, kKey).toJson(), resolvedVector);
            QCOMPARE(noteConflicts(*db).size(), 0);
            QCOMPARE(openSharingConflicts(*db), 0);
            QCOMPARE(OutboxStore(*db).pendingCount(), 0);
        }
        // The resolution dominates B's version: the server keeps only A's.
        QCOMPARE(
            m_server.scalar(name, QStringLiteral("SELECT count(*) || ' ' || min(origin_device) "
                                                 "FROM fillbook.annotations")),
            QStringLiteral("1 ") + devA);
    }

    void aDominatedPullIsIgnoredAndADominatingOneReplaces()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("dominated"));
        Database a(journal(QStringLiteral("dom_a")));
        Database b(journal(QStringLiteral("dom_b")));
        AnnotationStore(a).save(mineOnA());
        cycle(a, e);
        const PullReport first = cycle(b, e);
        QCOMPARE(first.applied, 1);
        QCOMPARE(fields(AnnotationStore(b).annotation(kKey)), fields(mineOnA()));

        // B edits on top of A's version, then sees A's version again (its cursor set back): it
        // has seen it, so nothing changes and nothing conflicts.
        Annotation edited = mineOnA();
        edited.notes = QStringLiteral("B: A was right, took profit early.");
        AnnotationStore(b).save(edited);
        OutboxStore(b).setState(kSharePullCursor, QStringLiteral("0"));
        DeskConnection desk(e, QStringLiteral("test"));
        const PullReport again = Replicator(b, desk).pull();
        QCOMPARE(again.notes, 1);
        QCOMPARE(again.ignored, 1);
        QCOMPARE(again.conflicts, 0);
        QCOMPARE(fields(AnnotationStore(b).annotation(kKey)), fields(edited));

        // B's version has seen A's: A takes it without a conflict.
        cycle(b, e);
        const PullReport onA = cycle(a, e);
        QCOMPARE(onA.applied, 1);
        QCOMPARE(onA.conflicts, 0);
        QCOMPARE(fields(AnnotationStore(a).annotation(kKey)), fields(edited));
        QCOMPARE(openSharingConflicts(a), 0);
        QCOMPARE(openSharingConflicts(b), 0);

        // A removal travels as a version too.
        AnnotationStore(a).remove(kKey);
        cycle(a, e);
        QCOMPARE(cycle(b, e).applied, 1);
        QVERIFY(!AnnotationStore(b).annotation(kKey));
    }

    void aDailyNoteEditedOnAAppearsOnB()
    {
        const DeskEndpoint e = initDesk(QStringLiteral("day_notes"));
        Database a(journal(QStringLiteral("day_a")));
        Database b(journal(QStringLiteral("day_b")));
        const QDate day(2026, 12, 1);
        saveDayNote(a, day, QStringLiteral("Calm day, no revenge trades."), 1000);
        QCOMPARE(OutboxStore(a).pending(10).constLast().kind, QStringLiteral("day_note"));
        cycle(a, e);
        const PullReport pulled = cycle(b, e);
        QCOMPARE(pulled.notes, 1);
        QCOMPARE(pulled.applied, 1);
        QCOMPARE(loadDayNotes(b, day, day).value(day),
                 QStringLiteral("Calm day, no revenge trades."));
        QCOMPARE(OutboxStore(b).pendingCount(), 0); // a pulled note is not queued again

        // Concurrent daily notes conflict too, and resolve the same way.
        saveDayNote(a, day, QStringLiteral("A: calm."), 2000);
        saveDayNote(b, day, QStringLiteral("B: tilted after lunch."), 2000);
        cycle(a, e);
        QCOMPARE(cycle(b, e).conflicts, 1);
        QCOMPARE(cycle(a, e).conflicts, 1);
        const std::optional<NoteConflict> c =
            noteConflict(b, NoteKind::Day, day.toString(Qt::ISODate));
        QVERIFY(c);
        QCOMPARE(c->mine->notes, QStringLiteral("B: tilted after lunch."));
        QCOMPARE(c->theirs->notes, QStringLiteral("A: calm."));
        resolveNoteConflict(b, NoteKind::Day, day.toString(Qt::ISODate),
                            NoteResolution::KeepTheirs);
        cycle(b, e);
        QCOMPARE(cycle(a, e).resolved, 1);
        QCOMPARE(loadDayNotes(a, day, day).value(day), QStringLiteral("A: calm."));
        QCOMPARE(loadDayNotes(b, day, day).value(day), QStringLiteral("A: calm."));
        QCOMPARE(openSharingConflicts(a), 0);
        QCOMPARE(openSharingConflicts(b), 0);

        // Removing it on B removes it on A.
        saveDayNote(b, day, QString(), 3000);
        cycle(b, e);
        QCOMPARE(cycle(a, e).applied, 1);
        QVERIFY(loadDayNotes(a, day, day).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestShareNoteConflicts)
#include "test_share_note_conflicts.moc"
