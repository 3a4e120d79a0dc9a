#pragma once
// A symbol's first build from its batch's own records (docs/design.md D178).
//
// When a batch brings a symbol the journal holds nothing of (no fill, no order, no rebuild
// cut), reading the symbol's history back after upserting it returns exactly the records the
// batch holds, plus the symbol's funding and positions. So the engine builds such a symbol
// from memory instead, on a helper thread, while its own thread upserts the batch's records:
// the read-back and the build leave the writer's path (issue 12, target 3). A symbol the
// journal already knows (an incremental sync, a symbol committed in chunks, a resume) is read
// back and built on the writer's thread as before.

#include "models/domain/computable.h"
#include "models/domain/lifecycle.h"
#include "sync/engine/engine_journal.h"
#include "sync/journal/encode_ahead.h"

#include <optional>

namespace fb::sync {

// The history RawStore::loadSymbolHistory would read after `fills` and `orders` are upserted
// into a journal that held none of the symbol's: `context` (its funding and positions, read
// from the journal) with the fills of (context.account, context.symbol), one per id and the
// last copy of each (what the upsert keeps), copied as the journal reads them back (no raw
// JSON), and the client ids of the orders that can flag a trade.
SymbolHistory historyFromRecords(SymbolHistory context, const QVector<Fill>& fills,
                                 const QVector<Order>& orders);

// What a commit's symbol is built from when the journal holds nothing of it: its funding and
// positions, read from the journal, and its fetched records.
struct FirstBuildInput
{
    SymbolHistory context;
    const SymbolFetch* fetch = nullptr; // the caller's, unchanged while it is built
};

// For each symbol of a commit, its input when the journal holds nothing of it and it appears
// once in `fetched` (read inside the commit's transaction, before its writes); nullopt for the
// others (failed, skipped, known, or twice in the commit).
QVector<std::optional<FirstBuildInput>> firstBuildInputs(journal::Database& db,
                                                         const QString& account,
                                                         const QVector<SymbolFetch>& fetched);

// Builds the given symbols on a helper thread, in order and one symbol ahead of the caller
// (so that at most two symbols' builds are held), while the caller writes; no helper when
// there is none to build. The helper only reads values (the inputs and the records they point
// to) and calls the pure builder.
class FirstBuilds
{
public:
    explicit FirstBuilds(QVector<std::optional<FirstBuildInput>> inputs);

    // The i-th symbol's full rebuild when it is new to the journal: the helper's (waiting for
    // it while it builds this symbol), or built here when the helper has not reached it yet
    // (D179); nullopt: the caller builds it from the journal. Each i at most once, in order.
    std::optional<SymbolRebuild> take(qsizetype i);

private:
    static std::optional<SymbolRebuild> build(const std::optional<FirstBuildInput>& input);

    const QVector<std::optional<FirstBuildInput>> m_inputs; // read by the helper
    journal::EncodeAhead<std::optional<FirstBuildInput>, std::optional<SymbolRebuild>> m_builds;
};

} // namespace fb::sync
