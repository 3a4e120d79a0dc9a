// A poison record (docs/design.md §2.10): exchange records the journal cannot compute with — a
// fill with a 30-decimal price and quantity, a realized-PnL row of 10^30, a funding row of
// 10^30 — fail their own symbol with a stored reason, are kept verbatim and flagged, and the rest
// of the run goes on. Before, the rebuild or reconciliation threw DecimalOverflow out of the
// event loop: the process aborted with the run left running, and every later sync again.
#include "engine_test_util.h"

#include "sync/engine/sync_worker.h"
#include "sync/journal/conflict_store.h"
#include "sync/journal/run_store.h"
#include "tests/support/records.h"

using namespace fb;
using namespace fb::test;

namespace {
const char* const k30Decimals = "0.123456789012345678901234567890";
const char* const kTenTo30 = "1000000000000000000000000000000";
const QString kSuffix = QStringLiteral(" has more digits than the journal can compute with (34 "
                                       "at most, counting 8 decimal places); the record is kept "
                                       "as received and listed under Conflicts, and ");
} // namespace

class TestSyncPoison : public QObject
{
    Q_OBJECT

    TestClock m_clock;
    fbtest::SimulatedExchange m_sim;
    QTemporaryDir m_dir;
    QStringList m_reference;

    sync::RunSummary sync(const QString& db)
    {
        m_sim->resetRateLimits();
        const sync::EngineConfig config = engineConfig(db, *m_sim, m_clock);
        const sync::RunParams p = params(m_clock);
        return runEngine(config, [p](sync::SyncEngine& e) { e.startRun(p); });
    }

    // The dump's rows that mention none of `symbols`, flags of unusable records left out.
    static QStringList without(const QStringList& rows, const QStringList& symbols)
    {
        QStringList kept;
        for (const QString& row : rows) {
            bool mentions = row.startsWith(QLatin1String("conflict|unusable_record|"));
            for (const QString& s : symbols)
                mentions = mentions || row.contains(s);
            if (!mentions)
                kept << row;
        }
        return kept;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sync::registerSyncMetaTypes();
        QVERIFY2(startAtClockBase(m_sim, smallAccount(m_clock, 5), m_clock),
                 qPrintable(m_sim.errorString()));
        const QString db = m_dir.filePath(QStringLiteral("clean.sqlite"));
        QCOMPARE(sync(db).status, sync::RunStatus::Completed);
        m_reference = dumpJournal(db);
    }

    void aPoisonRecordFailsItsSymbolAndTheRunGoesOn()
    {
        sim::Account& account = m_sim->account();
        const sim::Account clean = account;
        const QStringList names = account.symbolNames();
        QVERIFY(names.size() >= 5);
        const QString fillSymbol = names.at(0);
        const QString pnlSymbol = names.at(2);
        const QString fundingSymbol = names.at(4);
        QStringList poisoned{fillSymbol, pnlSymbol, fundingSymbol};
        std::sort(poisoned.begin(), poisoned.end());

        // A fill with a 30-decimal price and quantity, after the symbol's newest fill.
        const qint64 fillTime = account.fills(fillSymbol).last().time + 1;
        QVERIFY(fillTime <= m_clock.base);
        const Fill poison = fbtest::makeFill(fillSymbol, account.nextFillId(fillSymbol), "BUY",
                                             k30Decimals, k30Decimals, fillTime);
        account.appendFill(poison);
        // A REALIZED_PNL row and a FUNDING_FEE row of 10^30.
        const qint64 incomeTime = m_clock.base - 3'600'000;
        const Income pnl = fbtest::makeIncome(pnlSymbol, "REALIZED_PNL",
                                              account.nextTranId(QStringLiteral("REALIZED_PNL")),
                                              kTenTo30, incomeTime);
        account.appendIncome(pnl);
        const Income funding = fbtest::makeIncome(fundingSymbol, "FUNDING_FEE",
                                                  account.nextTranId(QStringLiteral("FUNDING_FEE")),
                                                  kTenTo30, incomeTime);
        account.appendIncome(funding);

        const QString db = m_dir.filePath(QStringLiteral("poison.sqlite"));
        const sync::RunSummary s = sync(db);
        QCOMPARE(s.status, sync::RunStatus::CompletedWithErrors);
        QCOMPARE(s.exitCode, sync::exit_code::CompletedWithErrors);
        QCOMPARE(s.failedSymbols, poisoned);
        QCOMPARE(s.symbolsCompleted, s.symbolsTotal - 3);
        QCOMPARE(s.symbolsTotal, static_cast<int>(names.size()));

        {
            journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
            journal::RunStore runs(j);
            QCOMPARE(runs.run(s.runId)->status, sync::RunStatus::CompletedWithErrors);
            QMap<QString, QString> errors;
            for (const journal::RunSymbolRecord& r :
                 runs.runSymbols(s.runId, {journal::SymbolStatus::Failed}))
                errors.insert(r.symbol, r.error);
            QCOMPARE(errors.keys(), poisoned);
            QCOMPARE(errors.value(fillSymbol),
                     QStringLiteral("Fill %2 of %1: its price %3 times its quantity %3")
                             .arg(fillSymbol)
                             .arg(poison.id)
                             .arg(QLatin1String(k30Decimals)) +
                         kSuffix +
                         QStringLiteral("%1 stays failed until the exchange corrects it.")
                             .arg(fillSymbol));
            QCOMPARE(errors.value(pnlSymbol),
                     QStringLiteral("REALIZED_PNL row %2 of %1: its income %3")
                             .arg(pnlSymbol)
                             .arg(pnl.tranId)
                             .arg(QLatin1String(kTenTo30)) +
                         kSuffix +
                         QStringLiteral("%1 stays failed until the exchange corrects it.")
                             .arg(pnlSymbol));
            QCOMPARE(errors.value(fundingSymbol),
                     QStringLiteral("FUNDING_FEE row %2 of %1: its income %3")
                             .arg(fundingSymbol)
                             .arg(funding.tranId)
                             .arg(QLatin1String(kTenTo30)) +
                         kSuffix +
                         QStringLiteral("%1 stays failed until the exchange corrects it.")
                             .arg(fundingSymbol));

            // The records are kept verbatim...
            QSqlQuery q = journal::sqlOn(j).run(
                QStringLiteral("SELECT raw_json FROM fills WHERE symbol = '%1' AND id = %2")
                    .arg(fillSymbol)
                    .arg(poison.id));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toByteArray(), poison.raw);
            for (const Income& row : {pnl, funding}) {
                QSqlQuery i = journal::sqlOn(j).run(
                    QStringLiteral("SELECT raw_json FROM income WHERE income_type = '%1' AND "
                                   "tran_id = %2")
                        .arg(row.incomeType)
                        .arg(row.tranId));
                QVERIFY(i.next());
                QCOMPARE(i.value(0).toByteArray(), row.raw);
            }
            // ... and flagged, once each.
            QStringList flagged;
            for (const journal::Conflict& c : journal::ConflictStore(j).listOpen()) {
                QCOMPARE(c.kind, QString(journal::kConflictUnusableRecord));
                flagged << c.recordKind + QLatin1Char(' ') + c.naturalKey;
            }
            flagged.sort();
            QStringList expected{
                QStringLiteral("fill main:%1:%2").arg(fillSymbol).arg(poison.id),
                QStringLiteral("income main:FUNDING_FEE:%1").arg(funding.tranId),
                QStringLiteral("income main:REALIZED_PNL:%1").arg(pnl.tranId),
            };
            expected.sort();
            QCOMPARE(flagged, expected);
        }
        // The other symbols are exactly what a clean sync gives.
        QString diff;
        QVERIFY2(
            sameJournal(without(m_reference, poisoned), without(dumpJournal(db), poisoned), &diff),
            qPrintable(diff));

        // The exchange no longer sends them: the next sync finishes too. The journal keeps
        // what it received (raw records are facts), so the three symbols stay failed.
        account = clean;
        const sync::RunSummary next = sync(db);
        QCOMPARE(next.status, sync::RunStatus::CompletedWithErrors);
        QCOMPARE(next.failedSymbols, poisoned);
        QCOMPARE(next.symbolsCompleted, next.symbolsTotal - 3);
        journal::Database j(db, {journal::OpenMode::ReadOnly, QStringLiteral("check"), false});
        QCOMPARE(journal::RunStore(j).run(next.runId)->status,
                 sync::RunStatus::CompletedWithErrors);
        QCOMPARE(journal::ConflictStore(j).openCount(), 3); // not flagged again
    }
};

QTEST_GUILESS_MAIN(TestSyncPoison)
#include "test_sync_poison.moc"
