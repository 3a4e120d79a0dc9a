#pragma once
// Rebuild cuts (docs/design.md D126, schema v13): per symbol, the time before which its
// stored trades are final, so that a rebuild reads only the fills and funding from it on. The
// schema's triggers delete a cut as soon as a raw record from before it is written (a late fill,
// funding row or order); the engine then rebuilds the symbol in full and stores a new cut.

#include <QString>

#include <optional>

namespace fb::journal {

class Database;

struct RebuildCut
{
    // Every stored trade of the symbol closed before cutMs or opened at or after it (and not
    // INCOMPLETE_START), in every book.
    qint64 cutMs = 0;
    // No fill of the symbol at or after cutMs has a smaller id.
    qint64 floorFillId = 0;
    // fb::kTradeRulesRevision when the trades before the cut were built.
    int rules = 0;

    bool operator==(const RebuildCut& other) const = default;
};

// A flat point at or before the start of a run's range (schema v18, docs/design.md §2.9): kept
// in the symbol's cut row, so the triggers that delete the row or lower its floor keep it true.
struct RangeCut
{
    // Every book of the symbol is flat at cutMs (every trade closed before it or opened at or
    // after it), and cutMs <= the range start it was found for.
    qint64 cutMs = 0;
    // No fill of the symbol at or after cutMs has a smaller id.
    qint64 floorFillId = 0;

    bool operator==(const RangeCut& other) const = default;
};

class RebuildCutStore
{
public:
    explicit RebuildCutStore(Database& db);

    std::optional<RebuildCut> cut(const QString& account, const QString& symbol);
    // Stores `cut`, or removes the symbol's when nullopt (inside the caller's transaction). The
    // range cut of an existing row is kept (see setRangeCut).
    void setCut(const QString& account, const QString& symbol,
                const std::optional<RebuildCut>& cut);

    // The symbol's range cut, when its row exists with trades built by `rules` and has one.
    std::optional<RangeCut> rangeCut(const QString& account, const QString& symbol, int rules);
    // Sets (or clears, with nullopt) the range cut of the symbol's row, only while that row
    // exists with `rules`; a row deleted meanwhile stays deleted. Leaves the rebuild cut as it is.
    void setRangeCut(const QString& account, const QString& symbol, int rules,
                     const std::optional<RangeCut>& cut);

    // The reconciliation cut (schema v21, D169): a flat point (every book flat) with the floor
    // of the fill ids at or after it, in the same row (so the row's triggers keep it true), when
    // that row exists with `rules` and has one; set or cleared like the range cut.
    std::optional<RangeCut> reconCut(const QString& account, const QString& symbol, int rules);
    void setReconCut(const QString& account, const QString& symbol, int rules,
                     const std::optional<RangeCut>& cut);

private:
    Database& m_db;
};

} // namespace fb::journal
