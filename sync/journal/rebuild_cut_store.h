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

class RebuildCutStore
{
public:
    explicit RebuildCutStore(Database& db);

    std::optional<RebuildCut> cut(const QString& account, const QString& symbol);
    // Stores `cut`, or removes the symbol's when nullopt (inside the caller's transaction).
    void setCut(const QString& account, const QString& symbol,
                const std::optional<RebuildCut>& cut);

private:
    Database& m_db;
};

} // namespace fb::journal
