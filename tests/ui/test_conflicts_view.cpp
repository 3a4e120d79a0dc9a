// The Conflicts tab on a journal synced from an in-process simulator: a changed exchange record
// is acknowledged; an orphaned annotation is offered the trade that now holds its first fill
// and re-attached to it; another is deleted only after the user confirms.

#include "ui/conflict_actions.h"
#include "ui/conflicts_view.h"
#include "ui/models/money_format.h"
#include "ui/write_gate.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/annotation_store.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/database.h"
#include "sync/journal/sql_access.h"
#include "sync/simulator/simulator.h"
#include "tests/support/sim_fixture.h"

#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace fb;

namespace {

constexpr int kSyncTimeoutMs = 120'000;

// A trade with at least two fills whose second fill belongs to it alone, as the pair
// (trade key, key the trade would have had if it had started at its second fill).
std::pair<QString, QString> tradeAndShiftedKey(journal::Database& db, int skip)
{
    QSqlQuery q = sqlOn(db).run(
        QStringLiteral("SELECT t.key, t.account, t.symbol, t.position_side, "
                       "json_extract(t.parts_json, '$[1][0]') FROM trades t "
                       "WHERE t.fill_count >= 2 AND (SELECT count(*) FROM trades u, "
                       "json_each(u.parts_json) p WHERE u.account = t.account AND u.symbol = "
                       "t.symbol AND json_extract(p.value, '$[0]') = "
                       "json_extract(t.parts_json, '$[1][0]')) = 1 "
                       "ORDER BY t.open_time, t.key LIMIT 1 OFFSET ?"),
        {skip});
    if (!q.next())
        return {};
    const QString shifted = QStringLiteral("%1:%2:%3:%4")
                                .arg(q.value(1).toString(), q.value(2).toString(),
                                     q.value(3).toString(), q.value(4).toString());
    return {q.value(0).toString(), shifted};
}

} // namespace

class TestConflictsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        sync::registerSyncMetaTypes();
        sim::SimulatorConfig c = fbtest::simAccount(11, 3, 600, 20);
        c.weightLimit = fbtest::kAmpleWeightLimit;
        QVERIFY2(m_sim.start(c), qPrintable(m_sim.errorString()));
        m_path = m_dir.filePath(QStringLiteral("conflicts.sqlite"));

        sync::EngineConfig config;
        config.databasePath = m_path;
        config.client = m_sim.clientConfig();
        sync::RunParams params;
        params.account = QStringLiteral("main");
        params.rangeToMs = QDateTime::currentMSecsSinceEpoch();
        params.rangeFromMs = params.rangeToMs - 30 * 86'400'000LL;
        params.rangeLabel = QStringLiteral("30 days");
        sync::SyncWorker worker;
        QSignalSpy finished(&worker, &sync::SyncWorker::finished);
        worker.startRun(config, params);
        QVERIFY(finished.wait(kSyncTimeoutMs));
        QCOMPARE(sync::runStatusName(finished.first().first().value<sync::RunSummary>().status),
                 QStringLiteral("completed"));
    }

    void resolvesEachKindOfConflict()
    {
        journal::Database writeDb(m_path, {journal::OpenMode::ReadWrite, QStringLiteral("w")});
        journal::Database readDb(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("r"), false});
        const auto [heir, orphan] = tradeAndShiftedKey(readDb, 0);
        const auto [other, doomed] = tradeAndShiftedKey(readDb, 1);
        QVERIFY(!heir.isEmpty() && !other.isEmpty());

        journal::Conflict changed;
        changed.kind = journal::kConflictRecordChanged;
        changed.account = QStringLiteral("main");
        changed.recordKind = QStringLiteral("fill");
        changed.naturalKey = QStringLiteral("main:BTCUSDT:42");
        changed.oldSummary = QStringLiteral("price=68290.10");
        changed.newSummary = QStringLiteral("price=68290.20");
        changed.detail = QStringLiteral("The exchange sent fill main:BTCUSDT:42 again.");
        journal::ConflictStore conflicts(writeDb);
        const qint64 changedId = conflicts.add(changed);
        journal::AnnotationStore notes(writeDb);
        for (const QString& key : {orphan, doomed}) {
            journal::Annotation a;
            a.tradeKey = key;
            a.notes = QStringLiteral("Scaled in too early");
            a.tags = {QStringLiteral("scale-in")};
            notes.save(a);
            journal::Conflict c;
            c.kind = journal::kConflictOrphanedAnnotation;
            c.account = QStringLiteral("main");
            c.naturalKey = key;
            c.detail = QStringLiteral("The trade of this note was rebuilt.");
            conflicts.add(c);
        }

        ui::WriteGate writes(writeDb);
        ui::ConflictsView view(readDb, writes);
        QSignalSpy counts(&view, &ui::ConflictsView::countChanged);
        view.show();
        view.reload();
        QCOMPARE(counts.last().first().toInt(), 3);
        QCOMPARE(view.table()->rowCount(), 3);

        // 1. The changed record: acknowledged, kept in the conflict log as resolved.
        view.table()->selectRow(rowOf(view, QStringLiteral("main:BTCUSDT:42")));
        QVERIFY(view.acknowledgeButton()->isVisible());
        QVERIFY(!view.reattachButton()->isVisible());
        QTest::mouseClick(view.acknowledgeButton(), Qt::LeftButton);
        QCOMPARE(view.table()->rowCount(), 2);
        QCOMPARE(counts.last().first().toInt(), 2);
        const auto acknowledged = conflicts.conflict(changedId);
        QVERIFY(acknowledged && !acknowledged->isOpen());
        QCOMPARE(acknowledged->resolution,
                 QStringLiteral("Acknowledged in the desktop app: the new version is kept."));

        // 2. The orphan: the trade that holds its first fill comes first; re-attached there.
        view.table()->selectRow(rowOf(view, orphan));
        QVERIFY(view.reattachButton()->isVisible());
        QVERIFY(view.candidateList()->count() >= 1);
        QCOMPARE(view.candidateList()->item(0)->data(Qt::UserRole).toString(), heir);
        QVERIFY(view.candidateList()->item(0)->text().startsWith(QStringLiteral("★ ")));
        QCOMPARE(ui::reattachCandidates(readDb, orphan).first().key, heir);
        QSignalSpy moved(&view, &ui::ConflictsView::annotationsChanged);
        view.candidateList()->setCurrentRow(0);
        QTest::mouseClick(view.reattachButton(), Qt::LeftButton);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.first().first().toStringList(), QStringList{heir});
        QCOMPARE(notes.annotation(heir)->notes, QStringLiteral("Scaled in too early"));
        QVERIFY(!notes.annotation(orphan));
        QVERIFY(!conflicts.hasOpen(journal::kConflictOrphanedAnnotation, orphan));
        QCOMPARE(view.table()->rowCount(), 1);
        // A trade that has a note now is no longer offered to other orphans.
        for (const auto& c : ui::reattachCandidates(readDb, doomed))
            QVERIFY(c.key != heir);

        // 3. The other orphan: deleting asks first; "no" changes nothing.
        view.table()->selectRow(rowOf(view, doomed));
        QStringList asked;
        bool answer = false;
        view.setDeleteConfirmation([&](const QString& key) {
            asked << key;
            return answer;
        });
        QTest::mouseClick(view.deleteButton(), Qt::LeftButton);
        QCOMPARE(asked, QStringList{doomed});
        QVERIFY(notes.annotation(doomed));
        QCOMPARE(view.table()->rowCount(), 1);
        answer = true;
        QTest::mouseClick(view.deleteButton(), Qt::LeftButton);
        QVERIFY(!notes.annotation(doomed));
        QVERIFY(!conflicts.hasOpen(journal::kConflictOrphanedAnnotation, doomed));
        QCOMPARE(view.table()->rowCount(), 0);
        QCOMPARE(view.openCount(), 0);
        QCOMPARE(conflicts.openCount(), 0);
        // Resolved conflicts are never deleted.
        QCOMPARE(conflicts.listAll().size(), 3);
    }

    // Issue 11, defect 16: a conflict says symbol, side and time (display time zone) of its
    // record — or of the orphaned note's trade — not the raw natural key.
    void columnsSaySymbolSideAndTime()
    {
        journal::Database writeDb(m_path, {journal::OpenMode::ReadWrite, QStringLiteral("w")});
        journal::Database readDb(m_path, {journal::OpenMode::ReadOnly, QStringLiteral("r"), false});
        QSqlQuery fill = sqlOn(readDb).run(
            QStringLiteral("SELECT symbol, id, side, time FROM fills ORDER BY time, id LIMIT 1"),
            {});
        QVERIFY(fill.next());
        const QString symbol = fill.value(0).toString();
        const qint64 id = fill.value(1).toLongLong();
        const QString side = fill.value(2).toString() == QLatin1String("BUY")
                                 ? QStringLiteral("Buy")
                                 : QStringLiteral("Sell");
        const qint64 time = fill.value(3).toLongLong();
        fill.finish(); // ends the read snapshot: the conflicts added below must be seen
        const auto [heir, orphan] = tradeAndShiftedKey(readDb, 2);
        QVERIFY(!orphan.isEmpty());

        journal::ConflictStore conflicts(writeDb);
        journal::Conflict changed;
        changed.kind = journal::kConflictRecordChanged;
        changed.account = QStringLiteral("main");
        changed.recordKind = QStringLiteral("fill");
        changed.naturalKey = QStringLiteral("main:%1:%2").arg(symbol).arg(id);
        changed.oldSummary = QStringLiteral("price=1");
        changed.newSummary = QStringLiteral("price=2");
        const qint64 changedId = conflicts.add(changed);
        journal::Conflict note;
        note.kind = journal::kConflictOrphanedAnnotation;
        note.account = QStringLiteral("main");
        note.naturalKey = orphan;
        const qint64 noteId = conflicts.add(note);

        ui::WriteGate writes(writeDb);
        ui::ConflictsView view(readDb, writes);
        view.setTimeZone(QTimeZone("Asia/Tokyo"));
        const QStringList headers{QStringLiteral("Kind"),   QStringLiteral("Symbol"),
                                  QStringLiteral("Side"),   QStringLiteral("Time"),
                                  QStringLiteral("Record"), QStringLiteral("Was"),
                                  QStringLiteral("Now"),    QStringLiteral("Since")};
        for (int col = 0; col < headers.size(); ++col)
            QCOMPARE(view.table()->horizontalHeaderItem(col)->text(), headers.at(col));
        const int row = rowOf(view, changed.naturalKey);
        QVERIFY(row >= 0);
        QCOMPARE(view.table()->item(row, 1)->text(), symbol);
        QCOMPARE(view.table()->item(row, 2)->text(), side);
        QCOMPARE(view.table()->item(row, 3)->text(),
                 ui::dateTimeText(QDateTime::fromMSecsSinceEpoch(time, QTimeZone("Asia/Tokyo"))));
        QCOMPARE(view.table()->item(row, 4)->text(), QStringLiteral("fill %1").arg(id));

        const int noteRow = rowOf(view, orphan);
        QVERIFY(noteRow >= 0);
        QCOMPARE(view.table()->item(noteRow, 1)->text(), orphan.section(QLatin1Char(':'), 1, 1));
        QVERIFY(view.table()->item(noteRow, 2)->text() == QLatin1String("Long") ||
                view.table()->item(noteRow, 2)->text() == QLatin1String("Short"));
        QVERIFY(!view.table()->item(noteRow, 3)->text().isEmpty());
        QCOMPARE(view.table()->item(noteRow, 4)->text(), QStringLiteral("note"));
        // No cell of the table is a raw key.
        for (int r = 0; r < view.table()->rowCount(); ++r)
            for (int col = 0; col < view.table()->columnCount(); ++col)
                QVERIFY(!view.table()->item(r, col)->text().startsWith(QStringLiteral("main:")));
        conflicts.resolve(changedId, QStringLiteral("test"));
        conflicts.resolve(noteId, QStringLiteral("test"));
    }

private:
    static int rowOf(const ui::ConflictsView& view, const QString& key)
    {
        for (int row = 0; row < view.table()->rowCount(); ++row)
            if (view.table()->item(row, 4)->toolTip() == key) // the Record column
                return row;
        return -1;
    }

    QTemporaryDir m_dir;
    QString m_path;
    fbtest::SimulatedExchange m_sim;
};

QTEST_MAIN(TestConflictsView)
#include "test_conflicts_view.moc"
