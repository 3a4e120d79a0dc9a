// The Trades tab as a user meets it (issue 11, defects 4, 5, 12, 13, 14): money with its asset
// and the exchange's precision, every header sorts through the journal, the layout round trip,
// the filters (tags, reversed dates, the empty state, selection, open trades), the detail pane's
// fills at 1440 and 1024 px, and the CSV export's added columns. Offscreen.

#include "sync/journal/annotation_store.h"
#include "sync/journal/database.h"
#include "sync/journal/symbol_info_store.h"
#include "tests/support/journal_fixture.h"
#include "tests/support/records.h"
#include "ui/language.h"
#include "ui/models/trade_table_model.h"
#include "ui/trade_detail.h"
#include "ui/trade_filter_bar.h"
#include "ui/trades_view.h"
#include "ui/write_gate.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fb;
using fbtest::dec;

namespace {

constexpr qint64 kBase = 1'790'000'000'000; // 2026-09-21 14:13:20 UTC

// Trade n of BTCUSDT (closed, n+1 fills) or, for `open`, an open ETHUSDT trade.
JournalTrade trade(int n, const char* netPnl, bool closed = true)
{
    JournalTrade t =
        fbtest::makeTrade(closed ? QStringLiteral("BTCUSDT") : QStringLiteral("ETHUSDT"),
                          100 * (n + 1), kBase + n * 60'000, closed);
    t.netPnl = dec(netPnl);
    if (closed) {
        // More fills: the 1024 px check wants at least five rows.
        for (int extra = 0; extra < 5; ++extra) {
            TradeFillPart part = t.fills.constLast();
            part.fillId += 10 + extra;
            t.fills.insert(t.fills.size() - 1, part);
        }
        t.fillCount = int(t.fills.size());
    }
    return t;
}

} // namespace

class TestTradesView : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_counter));
        m_writer = std::make_unique<journal::Database>(m_path);
        fbtest::addTrades(*m_writer, {trade(0, "12.3456789"), trade(1, "-1234.5"),
                                      trade(2, "0.004"), trade(3, "5", false)});
        journal::storeSymbolPrecisions(*m_writer, {{QStringLiteral("BTCUSDT"), 1, 3}}, 1);
        journal::AnnotationStore notes(*m_writer);
        journal::Annotation a;
        a.tradeKey = trade(0, "0").key;
        a.tags = {QStringLiteral("breakout"), QStringLiteral("news")};
        a.notes = QStringLiteral("late, \"chased\"");
        a.setup = QStringLiteral("ORB");
        a.rating = 4;
        a.mistakes = {QStringLiteral("oversized")};
        notes.save(a);
        journal::Annotation b;
        b.tradeKey = trade(1, "0").key;
        b.tags = {QStringLiteral("Scalp")};
        notes.save(b);
        m_reader = std::make_unique<journal::Database>(
            m_path, journal::OpenOptions{journal::OpenMode::ReadOnly, QStringLiteral("t"), false});
        // The view writes through a gate of its own (open: the journal was just written).
        m_writes = std::make_unique<ui::WriteGate>(std::make_unique<journal::Database>(m_path));
        m_view = std::make_unique<ui::TradesView>(*m_reader, *m_writes);
        m_view->setTimeZone(QTimeZone(QByteArrayLiteral("Europe/Berlin")));
        m_view->reload();
    }
    void cleanup()
    {
        m_view.reset();
        m_writes.reset();
        m_reader.reset();
        m_writer.reset();
    }

    // Defect 4: money to 2 decimals with its asset, exact in the tooltip; prices and sizes at
    // the exchange's precision; numbers right-aligned.
    void moneyAndPrecision()
    {
        auto* model = m_view->model();
        const int row = model->rowOfKey(trade(0, "0").key);
        QVERIFY(row >= 0);
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model->data(model->index(row, column), role);
        };
        QCOMPARE(cell(ui::TradeTableModel::NetPnl).toString(), QStringLiteral("12.35 USDT"));
        QCOMPARE(cell(ui::TradeTableModel::NetPnl, Qt::ToolTipRole).toString(),
                 QStringLiteral("Net PnL 12.3456789 USDT"));
        QCOMPARE(cell(ui::TradeTableModel::Fees).toString(), QStringLiteral("0.41 USDT"));
        QCOMPARE(cell(ui::TradeTableModel::Fees, Qt::ToolTipRole).toString(),
                 QStringLiteral("0.4122206 USDT"));
        QCOMPARE(cell(ui::TradeTableModel::Entry).toString(), QStringLiteral("68,290.1"));
        QCOMPARE(cell(ui::TradeTableModel::Size).toString(), QStringLiteral("0.010"));
        QCOMPARE(cell(ui::TradeTableModel::Funding).toString(), QStringLiteral("-0.05 USDT"));
        QCOMPARE(cell(ui::TradeTableModel::NetPnl, Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        const int loss = model->rowOfKey(trade(1, "0").key);
        QCOMPARE(model->data(model->index(loss, ui::TradeTableModel::NetPnl)).toString(),
                 QStringLiteral("-1,234.50 USDT"));
        // No precision known (ETHUSDT): the exact text.
        const int eth = model->rowOfKey(trade(3, "0", false).key);
        QCOMPARE(model->data(model->index(eth, ui::TradeTableModel::Entry)).toString(),
                 QStringLiteral("68290.1"));
    }

    // Defect 4: at 1440x900 with the detail pane at its default size, Net PnL is fully visible.
    void netPnlVisibleAt1440()
    {
        m_view->resize(1440, 820);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QTableView* table = m_view->table();
        const QHeaderView* header = table->horizontalHeader();
        const int right = header->sectionViewportPosition(ui::TradeTableModel::NetPnl) +
                          header->sectionSize(ui::TradeTableModel::NetPnl);
        QVERIFY2(right <= table->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(right).arg(table->viewport()->width())));
        QCOMPARE(header->visualIndex(ui::TradeTableModel::NetPnl),
                 header->visualIndex(ui::TradeTableModel::Exit) + 1);
        // R right after Net PnL, and in view too (it once landed after Funding, off-screen).
        QCOMPARE(header->visualIndex(ui::TradeTableModel::RMultiple),
                 header->visualIndex(ui::TradeTableModel::NetPnl) + 1);
        const int rRight = header->sectionViewportPosition(ui::TradeTableModel::RMultiple) +
                           header->sectionSize(ui::TradeTableModel::RMultiple);
        QVERIFY2(rRight <= table->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(rRight).arg(table->viewport()->width())));
        const QString widest = QStringLiteral("-1,234.50 USDT");
        QVERIFY(header->sectionSize(ui::TradeTableModel::NetPnl) >
                table->fontMetrics().horizontalAdvance(widest));
    }

    // Defect 4 and 5: widths, order and sort survive a round trip; each header sorts through
    // the journal's query.
    void layoutRoundTripAndEveryHeaderSorts()
    {
        QHeaderView* header = m_view->table()->horizontalHeader();
        for (int c = 0; c < ui::TradeTableModel::RMultiple; ++c) {
            header->setSortIndicator(c, Qt::AscendingOrder);
            QCOMPARE(int(m_view->model()->query().sort.column), c);
            QCOMPARE(m_view->model()->query().sort.descending, false);
            header->setSortIndicator(c, Qt::DescendingOrder);
            QCOMPARE(m_view->model()->query().sort.descending, true);
        }
        // R has no index: the indicator goes back to the column the rows are sorted by.
        header->setSortIndicator(ui::TradeTableModel::RMultiple, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(ui::TradeTableModel::Tags));
        QCOMPARE(int(m_view->model()->query().sort.column), int(ui::TradeTableModel::Tags));
        header->setSortIndicator(ui::TradeTableModel::NetPnl, Qt::AscendingOrder);
        QCOMPARE(m_view->model()->rowAt(0)->netPnl, QStringLiteral("-1234.5"));
        header->resizeSection(ui::TradeTableModel::Fees, 211);
        header->moveSection(header->visualIndex(ui::TradeTableModel::NetPnl), 2);
        const ui::TradesView::Layout saved = m_view->layoutState();

        ui::TradesView other(*m_reader, *m_writes);
        other.reload();
        other.restoreLayout(saved);
        QHeaderView* h2 = other.table()->horizontalHeader();
        QCOMPARE(h2->sectionSize(ui::TradeTableModel::Fees), 211);
        QCOMPARE(h2->visualIndex(ui::TradeTableModel::NetPnl), 2);
        QCOMPARE(other.model()->query().sort,
                 (journal::TradeSort{journal::TradeSortColumn::NetPnl, false}));
        QCOMPARE(other.model()->rowAt(0)->netPnl, QStringLiteral("-1234.5"));
    }

    // Defect 13: tags match any of several, by prefix, ignoring case.
    void tagFilterAnyOfWithPrefixes()
    {
        ui::TradeFilterBar* bar = m_view->filterBar();
        bar->tagEdit()->setText(QStringLiteral("break"));
        QTRY_COMPARE(m_view->model()->rowCount(), 1);
        QCOMPARE(m_view->model()->rowAt(0)->key, trade(0, "0").key);
        bar->tagEdit()->setText(QStringLiteral("brea, scal"));
        QTRY_COMPARE(m_view->model()->rowCount(), 2);
        bar->tagEdit()->setText(QStringLiteral("reak"));
        QTRY_COMPARE(m_view->model()->rowCount(), 0);
    }

    // Defect 13: a reversed range says so; an empty list offers Clear filters, which works.
    void reversedRangeAndClearFilters()
    {
        m_view->show();
        ui::TradeFilterBar* bar = m_view->filterBar();
        QVERIFY(!m_view->emptyNotice()->isVisible());
        bar->fromEdit()->setDate(QDate(2026, 9, 30));
        bar->toEdit()->setDate(QDate(2026, 9, 1));
        bar->dateCheck()->setChecked(true);
        QCOMPARE(m_view->model()->rowCount(), 0);
        QVERIFY(bar->rangeWarning()->isVisible());
        QVERIFY(m_view->emptyNotice()->isVisible());
        auto* text = m_view->emptyNotice()->findChild<QLabel*>();
        QVERIFY(text->text().contains(QStringLiteral("start date is after the end date")));
        auto* clear =
            m_view->emptyNotice()->findChild<QPushButton*>(QStringLiteral("clearFilters"));
        QVERIFY(clear);
        clear->click();
        QCOMPARE(m_view->model()->rowCount(), 4);
        QVERIFY(!m_view->emptyNotice()->isVisible());
        QVERIFY(!bar->rangeWarning()->isVisible());
        QVERIFY(!bar->isActive());

        bar->symbolBox()->setCurrentIndex(bar->symbolBox()->findData(QStringLiteral("ETHUSDT")));
        bar->outcomeBox()->setCurrentIndex(1); // wins: the only ETHUSDT trade is open
        QCOMPARE(m_view->model()->rowCount(), 0);
        QVERIFY(m_view->emptyNotice()->isVisible());
        QVERIFY(text->text().startsWith(QStringLiteral("No trades match these filters")));
    }

    // Defect 13: an open trade is neither a win nor a loss.
    void openTradeIsNeitherWinNorLoss()
    {
        ui::TradeFilterBar* bar = m_view->filterBar();
        const QString open = trade(3, "0", false).key;
        bar->outcomeBox()->setCurrentIndex(1);
        QCOMPARE(m_view->model()->rowCount(), 2); // 12.35 and 0.004
        QCOMPARE(m_view->model()->rowOfKey(open), -1);
        bar->outcomeBox()->setCurrentIndex(2);
        QCOMPARE(m_view->model()->rowCount(), 1);
        QCOMPARE(m_view->model()->rowOfKey(open), -1);
    }

    // Defect 13: the selection survives a filter change that still shows the trade.
    void selectionSurvivesFilterChange()
    {
        const QString key = trade(0, "0").key;
        m_view->table()->selectRow(m_view->model()->rowOfKey(key));
        QCOMPARE(m_view->detail()->tradeKey(), key);
        ui::TradeFilterBar* bar = m_view->filterBar();
        bar->symbolBox()->setCurrentIndex(bar->symbolBox()->findData(QStringLiteral("BTCUSDT")));
        QCOMPARE(m_view->detail()->tradeKey(), key);
        const QModelIndexList rows = m_view->table()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data(ui::TradeTableModel::KeyRole).toString(), key);
        // A filter that hides it clears the selection and the pane.
        bar->symbolBox()->setCurrentIndex(bar->symbolBox()->findData(QStringLiteral("ETHUSDT")));
        QCOMPARE(m_view->detail()->tradeKey(), QString());
    }

    // Defect 14: fills readable at 1440 (no sideways scrolling) and at 1024x768 (five rows).
    void detailFillsFit_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("indonesian");
        QTest::newRow("1440x900") << 1440 << 820 << false;
        QTest::newRow("1024x768") << 1024 << 690 << false;
        // Longer headers and a decimal comma: the pane widens rather than cut the PnL column.
        QTest::newRow("1440x900 id") << 1440 << 820 << true;
    }
    void detailFillsFit()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, indonesian);
        ui::applyLanguage(indonesian ? ui::Language::Indonesian : ui::Language::English);
        m_view->resize(width, height);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        const QString key = trade(0, "0").key;
        m_view->table()->selectRow(m_view->model()->rowOfKey(key));
        QTableWidget* fills = m_view->detail()->fillsTable();
        QCOMPARE(fills->rowCount(), 7);
        QApplication::processEvents();
        QVERIFY(!fills->horizontalScrollBar()->isVisible());
        int visible = 0;
        for (int r = 0; r < fills->rowCount(); ++r)
            if (fills->rowViewportPosition(r) >= 0 &&
                fills->rowViewportPosition(r) + fills->rowHeight(r) <= fills->viewport()->height())
                ++visible;
        QVERIFY2(visible >= 5, qPrintable(QStringLiteral("%1 rows visible").arg(visible)));
        // Every column's widest cell fits its width (wrapped, never cut sideways).
        for (int c = 0; c < fills->columnCount(); ++c)
            QVERIFY(fills->columnViewportPosition(c) + fills->columnWidth(c) <=
                    fills->viewport()->width() + 1);
        // …and the pane itself is inside the view, not cut at the window's edge.
        const QRect pane(m_view->detail()->mapTo(m_view.get(), QPoint(0, 0)),
                         m_view->detail()->size());
        QVERIFY2(pane.right() < m_view->width(),
                 qPrintable(QStringLiteral("pane ends at %1 of %2").arg(pane.right()).arg(width)));
        ui::applyLanguage(ui::Language::English);
    }

    // R multiples (docs/design.md D103/D104): the table's R column, "no stop", the detail's risk
    // line with the stop it came from, and the trader's override from the Risk field.
    void rColumnAndRiskLine()
    {
        JournalTrade withStop = trade(0, "12.3456789");
        InitialRisk risk;
        risk.risk = dec("5");
        risk.entryPrice = dec("68290.1");
        risk.stopPrice = dec("67790.1");
        risk.quantity = dec("0.01");
        risk.at = kBase + 1000;
        risk.source = StopOrder::Source::Algo;
        risk.stopId = 5001;
        risk.stopCount = 1;
        withStop.initialRisk = risk;
        fbtest::addTrades(*m_writer, {withStop});
        m_view->reload();
        ui::TradeTableModel* model = m_view->model();
        const auto rText = [model](const QString& key) {
            return model->data(model->index(model->rowOfKey(key), ui::TradeTableModel::RMultiple))
                .toString();
        };
        // 12.3456789 / 5 = 2.46913578: stored to 4 places, shown to 2.
        QCOMPARE(rText(withStop.key), QStringLiteral("2.47 R"));
        QCOMPARE(rText(trade(1, "0").key), QStringLiteral("no stop"));
        QCOMPARE(rText(trade(3, "0", false).key), QString());

        m_view->table()->selectRow(model->rowOfKey(withStop.key));
        QApplication::processEvents();
        const QString line = m_view->detail()->riskText();
        QVERIFY2(line.contains(QStringLiteral("Initial risk 5")) &&
                     line.contains(QStringLiteral("stop 67,790.1")) &&
                     line.contains(QStringLiteral("algo order 5001")) &&
                     line.contains(QStringLiteral("2.4691")),
                 qPrintable(line));
        // The trader's own risk wins.
        m_view->detail()->riskEdit()->setText(QStringLiteral("10"));
        emit m_view->detail()->riskEdit()->textEdited(QStringLiteral("10"));
        emit m_view->detail()->riskEdit()->editingFinished();
        QVERIFY2(m_view->detail()->riskText().contains(QStringLiteral("(yours)")),
                 qPrintable(m_view->detail()->riskText()));
        QVERIFY(m_view->detail()->riskText().contains(QStringLiteral("1.2346")));
        const auto saved = journal::AnnotationStore(*m_writer).annotation(withStop.key);
        QVERIFY(saved && saved->riskOverride);
        QCOMPARE(saved->riskOverride->toString(), QStringLiteral("10"));

        m_view->table()->selectRow(model->rowOfKey(trade(1, "0").key));
        QApplication::processEvents();
        QVERIFY2(m_view->detail()->riskText().contains(QStringLiteral("no stop")),
                 qPrintable(m_view->detail()->riskText()));
    }

    // Defect 12: the export keeps §5.4's columns and adds the journal's at the end.
    void csvAddsJournalColumnsAtTheEnd()
    {
        const QString path = m_dir.filePath(QStringLiteral("out%1.csv").arg(m_counter));
        QString error;
        QVERIFY2(m_view->exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.at(0),
                 QByteArray("key,account,symbol,positionSide,direction,status,openTime,closeTime,"
                            "entryQty,exitQty,maxQty,avgEntryPrice,avgExitPrice,realizedPnl,"
                            "funding,netPnl,commission_USDT,fillCount,flags,invalidReason,"
                            "marginAsset,commissionValued,netPnlValued,feesNotValued,feeValuation,"
                            "initialRisk,rMultiple,riskSource,stopPrice,"
                            "notes,tags,setup,rating,mistakes,openTimeLocal,closeTimeLocal\r"));
        // Oldest first: trade 0, whose annotation is full; Berlin is UTC+2 in September.
        QCOMPARE(lines.at(1),
                 QByteArray("main:BTCUSDT:BOTH:100,main,BTCUSDT,BOTH,LONG,CLOSED,1790000000000,"
                            "1790003600000,0.01,0.01,0.01,68290.1,68415.1,1.25,-0.054665,"
                            "12.3456789,0.4122206,7,,,USDT,0.4122206,0.7831144,false,[],,,,,"
                            "\"late, \"\"chased\"\"\",breakout|news,ORB,"
                            "4,oversized,2026-09-21T16:13:20.000+02:00,"
                            "2026-09-21T17:13:20.000+02:00\r"));
        QCOMPARE(lines.size(), 6); // header, 4 trades, the empty piece after the last CRLF
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
    std::unique_ptr<journal::Database> m_writer;
    std::unique_ptr<journal::Database> m_reader;
    std::unique_ptr<ui::WriteGate> m_writes;
    std::unique_ptr<ui::TradesView> m_view;
};

QTEST_MAIN(TestTradesView)
#include "test_trades_view.moc"
