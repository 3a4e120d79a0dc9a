#pragma once
// A generated trading history for the rebuild-from-the-last-flat-point test and benchmark
// (docs/design.md D126): one symbol's fills in lifecycles that go flat now and then, one-way
// (with flips) or hedge mode (both books), fills in the same millisecond, fill ids out of time
// order, an order per fill (some liquidations), protective stops and funding rows. Every value
// is a function of the seed, so two runs give the same records; each record carries the raw
// JSON the exchange would send.

#include "models/domain/records.h"

#include <QMap>
#include <QVector>

namespace fbtest::flat {

struct Options
{
    QString account = QStringLiteral("main");
    QString symbol = QStringLiteral("BTCUSDT");
    bool hedge = false;
    int fills = 1000;
    quint32 seed = 1;
    qint64 firstFillId = 5'000'000'000;
    qint64 startMs = 1'760'000'000'000;
    qint64 fundingEveryMs = 600'000; // a FUNDING_FEE row this often over the fills' span
    qint64 firstTranId = 900'000'000;
    qint64 firstStopId = 9'500'000'000;
    // A step's first fill may share the previous step's last millisecond (one time in eight,
    // like any fill): a record before the rebuild cut, which drops the cut (a full rebuild).
    // The benchmark turns it off to time the common case.
    bool sameMsAcrossSteps = true;
    // A fill comes 1 to maxGapMs ms after the previous one (or in its millisecond).
    quint32 maxGapMs = 4000;
    // Also the income a real account's fills bring (Step::income): a COMMISSION row per fill
    // (tradeId = the fill's id, income = -commission) and a REALIZED_PNL row per fill that
    // realised a profit or loss, tranIds from firstTradeTranId on. Off: the same fills, orders
    // and funding as before the option existed.
    bool tradeIncome = false;
    qint64 firstTradeTranId = 2'000'000'000;
};

// One step of the history: the records an incremental sync would bring.
struct Step
{
    QVector<fb::Fill> fills;
    QVector<fb::Order> orders;
    QVector<fb::Income> funding;
    QVector<fb::Income> income; // Options::tradeIncome: COMMISSION and REALIZED_PNL rows
};

class Generator
{
public:
    explicit Generator(const Options& options);

    // Continue a history whose books hold `held` (signed; what the journal's positions say):
    // the next fills add to, reduce, close or flip those positions as they would their own.
    void continueFrom(const QMap<fb::PositionSide, fb::Decimal>& held);
    // The next fill comes after `ms` (the clock only moves forward); funding rows fall due
    // every fundingEveryMs over the skipped time as over any other.
    void skipTo(qint64 ms);
    // The next `count` fills, with their orders and the funding rows up to the last one's time.
    Step next(int count);
    // The position each book holds after every fill generated so far (signed; SHORT < 0).
    QMap<fb::PositionSide, fb::Decimal> positions() const;
    QVector<fb::Position> positionRows(const QMap<fb::PositionSide, fb::Decimal>& offset) const;
    qint64 lastTimeMs() const { return m_time; }

private:
    fb::Fill makeFill(qint64 id, fb::Side side, fb::PositionSide book, qint64 lots, qint64 time);
    fb::Order makeOrder(const fb::Fill& fill, const QString& clientOrderId) const;
    fb::Income tradeIncome(const char* type, const QString& amount, const fb::Fill& fill);
    fb::Order makeStop(qint64 id, const fb::Fill& opening, qint64 cancelledAt) const;

    Options m_o;
    quint64 m_state;
    qint64 m_nextId;
    qint64 m_time;
    qint64 m_nextFundingMs;
    qint64 m_nextTranId;
    qint64 m_nextStopId;
    qint64 m_nextTradeTranId;
    QMap<fb::PositionSide, qint64> m_lots;     // position in lots of 0.001, signed
    QMap<fb::PositionSide, qint64> m_withStop; // 1: the open lifecycle gets a stop
    QMap<fb::PositionSide, fb::Fill> m_openingFill;

    quint32 random(quint32 below);
};

} // namespace fbtest::flat
