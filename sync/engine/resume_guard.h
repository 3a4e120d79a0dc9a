#pragma once
// What a stored run says about resuming it, decided from the journal alone, before anything is
// sent: the exchange endpoint it is bound to, and a ban that still holds it back. The engine
// refuses on these (so the desktop's Resume and auto-resume cannot send either); the CLI asks
// the same questions first, to word its refusal as one sentence.

#include "sync/engine/run_types.h"
#include "sync/journal/run_store.h"

#include <QUrl>

#include <optional>

namespace fb::sync {

// The label of the built-in demo exchange (its port changes with every start).
inline constexpr char kDemoEndpoint[] = "demo";

// An endpoint as runs store it: the base URL without a trailing slash (or "demo" as it is).
QString endpointLabel(const QUrl& baseUrl);
QString normalizedEndpoint(const QString& label);
// Production Binance (what fillbook-cli uses without --base-url or --demo).
bool isProductionEndpoint(const QString& label);

// The parameters the run was started with (params_json).
RunParams storedParams(const journal::RunRecord& run);

// The exchange's ban that still holds a run back.
struct BanInForce
{
    qint64 untilMs = 0; // when the ban ends: exchange time, as the exchange said
    // Compared in exchange time (this computer's clock plus the offset the banned run measured);
    // false: the offset was never measured, so the comparison used this computer's clock alone.
    bool exchangeTime = true;
};

// The ban recorded with `run` (paused_until) when it has not ended at local time `localNowMs`.
std::optional<BanInForce> banInForce(const journal::RunRecord& run, qint64 localNowMs);

// A paused run of `account` on `endpoint` whose ban has not ended at `localNowMs`, and that ban
// (the latest-ending one when several are). A *new* sync of the same account and exchange would
// be banned again just as a resume would (the ban is the exchange's, on this IP), so it is held
// back too. Runs stored without an endpoint, or an empty `endpoint`, match any endpoint.
struct RunBan
{
    journal::RunRecord run;
    BanInForce ban;
};
std::optional<RunBan> banOnAccount(journal::Database& db, const QString& account,
                                   const QString& endpoint, qint64 localNowMs);

} // namespace fb::sync
